"""The ``kg rules`` subcommands (``check``, ``explain``, ``suggest``): options and output only;
the work is done by :mod:`kg.link.check`, :mod:`kg.link.explain` and :mod:`kg.link.suggest`."""

from __future__ import annotations

import argparse
import sys

from kg.errors import one_line


def _check(args: argparse.Namespace) -> int:
    from kg.annotate import load_pipeline
    from kg.link.check import check_files

    rules, problems = check_files(args.files, lambda: load_pipeline(args.model))
    for problem in problems:
        print(one_line(f"kg: error: {problem.line()}"), file=sys.stderr)
    if problems:  # 3: a file or rule is malformed; 1: rules run but examples or names are wrong
        return 3 if any(p.malformed for p in problems) else 1
    for path in args.files:
        ids = [r.id for r in rules if r.source == str(path)]
        print(f"{path}: {len(ids)} rule(s) OK, examples hold: {', '.join(ids)}")
    return 0


def add_rules_commands(rsub: argparse._SubParsersAction) -> None:
    """Register ``kg rules check|explain|suggest``."""
    c = rsub.add_parser("check", help="validate rule files and run their examples")
    c.add_argument("files", nargs="+", help="TOML rule files")
    c.add_argument("--model", help="spaCy pipeline (default: en_core_web_sm)")
    c.set_defaults(func=_check)
    e = rsub.add_parser("explain", help="show the parse of a sentence and why each rule fires or not")
    e.add_argument("sentence", help="the sentence to explain")
    e.add_argument("--rules", action="append", default=[], help="extra rule file (TOML); repeatable")
    e.add_argument("--html", metavar="OUT.html", help="also write a dependency view (offline HTML)")
    e.add_argument("--model", help="spaCy pipeline (default: en_core_web_sm)")
    e.set_defaults(func=_explain)
    s = rsub.add_parser("suggest", help="write a rule (TOML) from an example sentence")
    s.add_argument("sentence", help="a sentence stating the relation")
    s.add_argument("--subject", required=True, help="the subject as written in the sentence")
    s.add_argument("--object", required=True, help="the object as written in the sentence")
    s.add_argument("--predicate", required=True, help="a predicate of kg/data/predicates.toml")
    s.add_argument("--out", help="write the rule to this file (default: print it)")
    s.add_argument("--model", help="spaCy pipeline (default: en_core_web_sm)")
    s.set_defaults(func=_suggest)


def _explain(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kg.annotate import load_pipeline
    from kg.link.explain import explain
    from kg.link.explain_view import explanation_html, format_explanation
    from kg.link.rules import load_rules

    rules = load_rules(args.rules)
    found = explain(load_pipeline(args.model), args.sentence, rules)
    print(format_explanation(found), end="")
    if args.html:
        Path(args.html).write_text(explanation_html(found), encoding="utf-8")
        print(f"html: {args.html}")
    return 0


def _suggest(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kg.annotate import load_pipeline
    from kg.link.suggest import suggest

    found = suggest(load_pipeline(args.model), args.sentence, args.subject, args.object, args.predicate)
    if args.out:
        Path(args.out).write_text(found.toml, encoding="utf-8")
        print(f"{args.out}: rule {found.rule.id}; check it with kg rules check {args.out}")
    else:
        print(found.toml, end="")
    return 0
