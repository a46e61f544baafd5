"""``build``: files → read → annotate → link → resolve → a :class:`KnowledgeGraph`.

>>> graph = build(["seeds"])  # doctest: +SKIP
>>> len(graph.entities) > 10  # doctest: +SKIP
True

A file that cannot be read is reported in ``graph.report["problems"]`` and skipped; the
others are still processed.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from kg import __version__
from kg.annotate import annotate_document, load_pipeline, model_info
from kg.errors import InputError
from kg.link import Linker
from kg.link.rules import default_rule_files, load_rules
from kg.model import Assertion, KnowledgeGraph, Mention
from kg.read import iter_files, load_text, read_file
from kg.resolve import Resolver
from kg.resolve.relations import aggregate


@dataclass(slots=True)
class BuildOptions:
    """Everything a build can be told; the CLI fills it from its flags."""

    model: str | None = None
    gazetteers: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()


@dataclass(slots=True)
class _Run:
    timings: Counter = field(default_factory=Counter)
    problems: list[dict[str, str]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    assertions: list[Assertion] = field(default_factory=list)

    def timed(self, step: str, started: float) -> None:
        self.timings[step] += time.perf_counter() - started


def rules_hash(extra: tuple[str, ...] = ()) -> str:
    """SHA-256 over the rule files in use (shipped + extra), to version a build's rules."""
    digest = hashlib.sha256()
    for path in [*default_rule_files(), *[Path(p) for p in extra]]:
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()


def build(inputs: list[str | Path], options: BuildOptions | None = None) -> KnowledgeGraph:
    """Build the knowledge graph of the files and folders in ``inputs``."""
    options = options or BuildOptions()
    run = _Run()
    t0 = time.perf_counter()
    files = iter_files(inputs)
    nlp = load_pipeline(options.model, options.gazetteers)
    linker = Linker(load_rules(options.rules))
    run.timed("load", t0)
    documents = []
    for path in files:
        documents += _process_file(path, nlp, linker, run)
    graph = _resolve(documents, run, nlp)
    graph.report = _report(graph, run, files, nlp, options)
    return graph


def _process_file(path: Path, nlp, linker: Linker, run: _Run) -> list:
    t = time.perf_counter()
    try:
        text = load_text(path)
        documents = read_file(path)
    except InputError as err:
        run.problems.append({"file": str(path), "problem": err.problem})
        return []
    run.timed("read", t)
    for document in documents:
        t = time.perf_counter()
        annotated = annotate_document(nlp, document, text)
        run.timed("annotate", t)
        t = time.perf_counter()
        run.assertions += linker.link(annotated)
        run.mentions += annotated.mentions
        run.timed("link", t)
    return documents


def _resolve(documents: list, run: _Run, nlp) -> KnowledgeGraph:
    t = time.perf_counter()
    resolver = Resolver(nlp.get_pipe("kg_gazetteer").gazetteer)
    pseudo = [a.subject for a in run.assertions] + [a.object for a in run.assertions
                                                     if isinstance(a.object, Mention)]
    extra = [m for m in pseudo if m.origin in {"voice", "metadata"}]
    entities = resolver.resolve(run.mentions + extra)
    relations = aggregate(run.assertions)
    run.timed("resolve", t)
    return KnowledgeGraph(documents, entities, run.mentions, relations)


def _report(graph: KnowledgeGraph, run: _Run, files: list[Path], nlp, options: BuildOptions) -> dict[str, Any]:
    words = sum(len(p.text.split()) for d in graph.documents for p in d.passages)
    return {
        "program": {"name": "histkg", "version": __version__},
        "model": model_info(nlp),
        "rules": {"count": len(load_rules(options.rules)), "sha256": rules_hash(options.rules)},
        "date": date.today().isoformat(),
        "inputs": [str(p) for p in files],
        "counts": {
            "files": len(files), "documents": len(graph.documents), "words": words,
            "mentions": len(graph.mentions), "entities": len(graph.entities),
            "relations": len(graph.relations),
            "evidence": sum(len(r.evidence) for r in graph.relations),
            "by_type": dict(sorted(Counter(m.type for m in graph.mentions).items())),
            "by_predicate": dict(sorted(Counter(r.predicate for r in graph.relations).items())),
        },
        "timings": {k: round(v, 3) for k, v in sorted(run.timings.items())},
        "problems": run.problems,
        "debris": [{"doc": d.source, "start": s, "end": e} for d in graph.documents for s, e in d.debris],
        "documents": [_doc_summary(d) for d in graph.documents],
        "merges": {e.id: e.merge_reasons for e in graph.entities.values() if len(e.merge_reasons) > 1
                   or "same name" not in e.merge_reasons},
    }


def _doc_summary(d) -> dict[str, Any]:
    return {"id": d.id, "file": d.source, "title": d.title, "kind": d.kind, "date": d.date,
            "author": d.author, "recipients": d.recipients, "parent": d.parent,
            "passages": len(d.passages), "footnotes": len(d.footnotes),
            "citation": d.citation.text if d.citation else None}
