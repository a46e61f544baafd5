"""``build``: files → read → annotate → link → resolve → a :class:`KnowledgeGraph`.

>>> graph = build(["seeds"])  # doctest: +SKIP
>>> len(graph.entities) > 10  # doctest: +SKIP
True

A file that cannot be read is reported in ``graph.report["problems"]`` and skipped; the
others are still processed.

Files are processed one by one (or by ``options.jobs`` worker processes, see
:mod:`kg.run.parallel`): each document is annotated and linked at once, then its spaCy Docs are
dropped, so memory grows with the graph, not with the text. With ``options.cache_dir`` the
per-file results are cached (:mod:`kg.run.cache`); ``report["cache"]`` counts hits and misses.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg import __version__
from spacy.language import Language

from kg.annotate import load_pipeline, model_info
from kg.run.cache import cache_versions
from kg.curate import apply_curation, curation_files, load_files
from kg.link import Linker
from kg.link.calibration import load_calibration
from kg.link.rules import RuleSet
from kg.model import Assertion, Document, KnowledgeGraph, Mention
from kg.run.preflight import check_min_confidence
from kg.run.engines import process
from kg.run.parallel import FILE_TIMEOUT, FileProcessor, FileResult, ProcessorSpec
from kg.run.progress import Progress, file_sizes
from kg.run.provenance import provenance_date, wall_clock
from kg.read.inputs import document_names, scan_inputs
from kg.read.sidecar import FileMeta, load_sidecars
from kg.resolve import Resolver, check_data
from kg.resolve.relations import aggregate
from kg.export.summary import summary_line
from kg.export.uncertain import split_uncertain, uncertain_report


IDENTITY = "same_as"  # internal predicate: merges entities, never exported


@dataclass(slots=True)
class BuildOptions:
    """Everything a build can be told; the CLI fills it from its flags.

    ``jobs``: worker processes for read → annotate → link (1: in this process).
    ``cache_dir``: folder of the per-file cache (:mod:`kg.run.cache`); None: no cache.
    ``progress``: show a progress bar on stderr when it is a terminal.
    ``parse_all``: run the parser on every sentence, not only on those a rule can use
    (selective parsing, :mod:`kg.annotate.selective`; the relations are the same, the
    build slower — for comparisons and benchmarks).
    ``min_confidence``: relations below it are left out of the graph and listed in the
    report (None: the calibrated default); ``keep_uncertain`` keeps them, flagged.
    """

    model: str | None = None
    gazetteers: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    jobs: int = 1
    cache_dir: str | None = None
    progress: bool = False
    curation: tuple[str, ...] = ()  # curation files (kg.curate), besides INPUT/curation.toml
    scheduler: str | None = None  # Dask: tcp://HOST:PORT or local:N (kg.run.cluster); replaces jobs
    parse_all: bool = False
    # relations whose calibrated confidence is below this are uncertain (kg.export.uncertain);
    # None: the threshold of kg/data/calibration.toml
    min_confidence: float | None = None
    keep_uncertain: bool = False  # keep uncertain relations in the graph, flagged
    # seconds a worker (jobs > 1) may spend per megabyte of a file before it is replaced
    file_timeout: float = FILE_TIMEOUT
    metadata: str | None = None  # a metadata file besides INPUT/metadata.csv|toml (kg.read.sidecar)


@dataclass(slots=True)
class _Run:
    timings: Counter = field(default_factory=Counter)
    problems: list[dict[str, str]] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    assertions: list[Assertion] = field(default_factory=list)
    near_misses: list[dict[str, str]] = field(default_factory=list)
    weak_merges: list[dict[str, object]] = field(default_factory=list)
    review: dict[str, Any] = field(default_factory=dict)
    cache: Counter = field(default_factory=Counter)
    dropped: Counter = field(default_factory=Counter)
    parsing: Counter = field(default_factory=Counter)
    workers: set[str] = field(default_factory=set)  # Dask workers that made results

    def timed(self, step: str, started: float) -> None:
        self.timings[step] += time.perf_counter() - started

    def add(self, result: FileResult) -> None:
        """Take in one file's result (results arrive in file order)."""
        if result.problem:
            self.problems.append(result.problem)
            return
        self.documents += result.documents
        self.mentions += result.mentions
        self.assertions += result.assertions
        self.timings.update(result.timings)
        self.cache[result.cache] += 1
        self.dropped.update(result.dropped)
        self.parsing.update(result.parsing)
        if result.worker:
            self.workers.add(result.worker)


def build(inputs: list[str | Path], options: BuildOptions | None = None) -> KnowledgeGraph:
    """Build the knowledge graph of the files and folders in ``inputs``."""
    options = options or BuildOptions()
    run = _Run()
    t0 = time.perf_counter()
    check_min_confidence(options.min_confidence)
    threshold = _threshold(options)
    files, run.problems[:0] = scan_inputs(inputs)
    curation = load_files(curation_files(inputs, options.curation))
    nlp = load_pipeline(options.model, options.gazetteers)
    check_data()  # the resolver's word lists, before any file is read
    metadata = load_sidecars(inputs, options.metadata)  # checked before any file is read
    rules = RuleSet.load(options.rules)  # once per build: the linker, the cache and the report
    processor, spec = _processor(nlp, options, rules, document_names(files, inputs), metadata)
    run.timed("load", t0)
    t = time.perf_counter()
    sizes = file_sizes(files)
    progress = Progress(sizes, options.progress)
    try:
        results = process(files, processor, spec, max(1, options.jobs), options.scheduler, options.file_timeout)
        for result, size in zip(results, sizes):
            run.add(result)
            progress.update(result.words, size)
        progress.step(f"resolving {len(run.mentions):,} mentions into entities")
    finally:
        progress.close()
    run.timed("process", t)
    graph = split_uncertain(_resolve(run, nlp), threshold, options.keep_uncertain)
    graph = apply_curation(graph, curation)
    graph.report = {**_report(graph, run, files, nlp, options, rules), **graph.report,
                    "uncertain": uncertain_report(graph, threshold, options.keep_uncertain)}
    graph.report["summary"] = summary_line(graph.report["counts"])  # as the CLI and the page say it
    return graph


def _threshold(options: BuildOptions) -> float:
    """The confidence threshold of a build: the option, else the calibrated default
    (loading the calibration file validates it before any work)."""
    calibration = load_calibration()
    return calibration.threshold if options.min_confidence is None else options.min_confidence


def _processor(nlp: Language, options: BuildOptions, rules: RuleSet, names: dict[str, tuple[str, str]],
               metadata: dict[str, FileMeta]) -> tuple[FileProcessor, ProcessorSpec]:
    """The per-file processor of this process, and the recipe workers rebuild it from."""
    versions = None
    if options.cache_dir:
        versions = cache_versions(model_info(nlp), options.gazetteers, rules.files)
    spec = ProcessorSpec(options.model, options.gazetteers, options.rules, options.cache_dir, versions, names,
                         metadata, options.parse_all)
    linker = Linker(list(rules.rules))
    return FileProcessor(nlp, linker, options.cache_dir, versions, names, options.parse_all,
                         metadata=metadata), spec


def _resolve(run: _Run, nlp: Language) -> KnowledgeGraph:
    t = time.perf_counter()
    resolver = Resolver(nlp.get_pipe("kg_gazetteer").gazetteer)
    pseudo = [a.subject for a in run.assertions] + [a.object for a in run.assertions
                                                     if isinstance(a.object, Mention)]
    extra = [m for m in pseudo if m.origin in {"voice", "metadata", "reference"}]
    same = [(a.subject, a.object) for a in run.assertions if a.predicate == IDENTITY]
    entities = resolver.resolve(run.mentions + extra, same, run.documents)
    run.near_misses = resolver.near_misses
    run.weak_merges = resolver.weak_merges(entities)
    run.review = resolver.review
    relations = aggregate([a for a in run.assertions if a.predicate != IDENTITY])
    run.timed("resolve", t)
    return KnowledgeGraph(run.documents, entities, run.mentions, relations)


def _engine_report(run: _Run, files: list[Path], options: BuildOptions) -> dict[str, Any]:
    """What the files were processed on: ``-j N`` processes, or a Dask scheduler and the
    number of its workers that made results."""
    if options.scheduler:
        from kg.sparql.graphstore import redact

        return {"kind": "dask", "scheduler": redact(options.scheduler), "workers": len(run.workers)}
    return {"kind": "local", "jobs": max(1, options.jobs),
            "processes": max(1, min(options.jobs, len(files)))}  # as kg.run.parallel starts them


def _report(graph: KnowledgeGraph, run: _Run, files: list[Path], nlp, options: BuildOptions,
            rules: RuleSet) -> dict[str, Any]:
    words = sum(len(p.text.split()) for d in graph.documents for p in d.passages)
    certain = [r for r in graph.relations if not r.uncertain]
    return {
        "program": {"name": "histkg", "version": __version__},
        "model": model_info(nlp),
        "rules": {"count": len(rules.rules), "sha256": rules.sha256},
        "date": provenance_date(files),
        "built": wall_clock(),
        "inputs": [str(p) for p in files],
        "counts": {
            "files": len(files), "documents": len(graph.documents), "words": words,
            "skipped": len(run.problems),
            "mentions": len(graph.mentions), "entities": len(graph.entities),
            "relations": len(certain),
            "evidence": sum(len(r.evidence) for r in certain),
            "uncertain": len(graph.relations) - len(certain) + len(graph.uncertain),
            "by_type": dict(sorted(Counter(m.type for m in graph.mentions).items())),
            "by_predicate": dict(sorted(Counter(r.predicate for r in certain).items())),
        },
        "timings": {k: round(v, 3) for k, v in sorted(run.timings.items())},
        "jobs": max(1, options.jobs),
        "engine": _engine_report(run, files, options),
        "parsing": _parsing_report(run),
        "cache": _cache_report(run, options),
        "problems": run.problems,
        "debris": [{"doc": d.source, "start": s, "end": e} for d in graph.documents for s, e in d.debris],
        "dropped_text": [{"doc": d.source, "element": k, "chars": n} for d in graph.documents
                         for k, n in sorted(d.dropped.items())],
        "documents": [_doc_summary(d) for d in graph.documents],
        "type_votes": [{"doc": d.id, **v} for d in graph.documents for v in d.type_votes],
        "near_misses": run.near_misses,
        "weak_merges": run.weak_merges,
        "review": run.review,
        "guards": {"dropped": dict(sorted(run.dropped.items()))},
        "merges": {e.id: e.merge_reasons for e in graph.entities.values() if len(e.merge_reasons) > 1
                   or "same name" not in e.merge_reasons},
    }


def _parsing_report(run: _Run) -> dict[str, Any]:
    """Sentences read, and how many the parser ran on (selective parsing)."""
    total, parsed = run.parsing["sentences"], run.parsing["parsed"]
    return {"sentences": total, "parsed": parsed, "share": round(parsed / total, 3) if total else 0.0}


def _cache_report(run: _Run, options: BuildOptions) -> dict[str, Any]:
    """Files not parsed again (hits) and parsed (misses); links reused or recomputed."""
    c = run.cache
    return {"enabled": bool(options.cache_dir), "hits": c["hit"] + c["relink"], "misses": c["miss"],
            "link_hits": c["hit"], "link_misses": c["relink"] + c["miss"]}


def _doc_summary(d) -> dict[str, Any]:
    return {"id": d.id, "file": d.source, "title": d.title, "kind": d.kind, "date": d.date,
            "author": d.author, "recipients": d.recipients, "parent": d.parent,
            "passages": len(d.passages), "footnotes": len(d.footnotes),
            "citation": d.citation.text if d.citation else None, "place": d.place, "licence": d.licence,
            "sources": dict(sorted(d.meta_sources.items()))}
