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
