"""The curate step: a :class:`KnowledgeGraph` + a historian's decisions → a curated graph.

Decisions live in a ``curation.toml`` file (format: README "Correcting the graph",
:mod:`kg.curate.fileformat`, ``kg/data/curation.toml``), so they are applied again on every
rebuild from the sources. Decisions name what stays stable across builds: entities by id or
name, relations by subject, predicate, object and optionally document and quote. A decision
that matches nothing is *stale*: it is listed in the report, never dropped silently.
Relations below the build's confidence threshold (:mod:`kg.export.uncertain`) can be named too: an
``accept`` (or ``add``) brings one into the graph as reviewed, a ``reject`` rejects it.

>>> from kg.model import Entity, Evidence, KnowledgeGraph, Relation
>>> from kg.curate.fileformat import Decision
>>> ev = Evidence("d-1", "d.txt", "Radek accused him", 0, 17, "r1", 0.9)
>>> kg = KnowledgeGraph(entities={"A": Entity("A", "PERSON", "A"), "B": Entity("B", "PERSON", "B")},
...                     relations=[Relation("A", "accused_by", "B", "entity", [ev])])
>>> wrong = Decision("reject", {"subject": "A", "predicate": "accused_by", "object": "B"},
...                  "A. Historian", "2026-12-02", "", "curation.toml", 3)
>>> curated, report = curate(kg, [wrong])
>>> len(curated.relations), curated.rejected[0].review.status, report["stale"]
(0, 'rejected', [])
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Iterable

from kg.curate import entities, relations
from kg.curate.fileformat import Decision, file_format, format_version, load_curation
from kg.curate.lookup import Ambiguous, State
from kg.model import KnowledgeGraph

__all__ = ["CURATION_FILE", "Curation", "Decision", "apply_curation", "curate", "curation_files",
           "format_version", "load_curation", "load_files", "stale_warning"]

CURATION_FILE = "curation.toml"  # found in an input folder, it is applied to the build
_ENTITY_KINDS = frozenset({"merge", "split", "relabel", "retype"})
_APPLY: dict[str, Callable[[State, Decision], str | None]] = {
    "merge": entities.merge, "split": entities.split, "relabel": entities.relabel,
    "retype": entities.retype, "add": relations.add, "reject": relations.reject,
    "accept": relations.accept,
}


def curation_files(inputs: Iterable[str | Path], explicit: Iterable[str | Path] = ()) -> list[Path]:
    """The curation files of a build: ``curation.toml`` of each input folder, then ``explicit``."""
    found = [Path(p) / CURATION_FILE for p in inputs if (Path(p) / CURATION_FILE).is_file()]
    for path in map(Path, explicit):
        if path not in found:
            found.append(path)
    return found


def _copy(kg: KnowledgeGraph) -> KnowledgeGraph:
    """A copy whose entities and relations can change; documents, evidence and mentions
    are shared (curation replaces a mention it changes, see ``entities._edit_mentions``)."""
    entities = {k: replace(e, aliases=list(e.aliases), sources=list(e.sources),
                           merge_reasons=list(e.merge_reasons), changes=list(e.changes))
                for k, e in kg.entities.items()}
    relations = [replace(r, evidence=list(r.evidence), qualifiers=dict(r.qualifiers))
                 for r in kg.relations]
    rejected, uncertain = ([replace(r, evidence=list(r.evidence), qualifiers=dict(r.qualifiers))
                            for r in group] for group in (kg.rejected, kg.uncertain))
    return KnowledgeGraph(kg.documents, entities, list(kg.mentions), relations, kg.report, rejected,
                          uncertain)


def _apply(state: State, d: Decision) -> str | None:
    try:
        return _APPLY[d.kind](state, d)
    except Ambiguous as err:
        return str(err)


def curate(kg: KnowledgeGraph, decisions: list[Decision]) -> tuple[KnowledgeGraph, dict[str, Any]]:
    """Apply ``decisions`` to a copy of ``kg``: kinds in the order of the format file
    (entities first), each kind in file order. Returns the curated graph and a report:
    ``decisions``, ``applied`` and ``stale`` (file, line, kind, why it matched nothing)."""
    copy = _copy(kg)
    left_out = bool(copy.uncertain)  # uncertain relations a decision may bring into the graph
    copy.relations, copy.uncertain = copy.relations + copy.uncertain, []
    state = State(copy)
    stale = []
    for kind in file_format()["order"]["kinds"]:
        mine = [d for d in decisions if d.kind == kind]
        for d in mine:
            why = _apply(state, d)
            if why:
                stale.append({"file": d.file, "line": d.line, "kind": d.kind, "why": why})
        if kind == "merge":
            entities.apply_redirects(state)
        if kind in _ENTITY_KINDS and mine:
            state.kg.relations = relations.regroup(state.kg.relations)
            state.relations_changed()
    kept = relations.regroup([r for r in state.kg.relations if id(r) not in state.dropped])
    state.kg.relations = [r for r in kept if not (left_out and r.uncertain)]
    state.kg.uncertain = [r for r in kept if left_out and r.uncertain]
    state.kg.rejected = relations.regroup(state.kg.rejected)
    stale.sort(key=lambda s: (s["file"], s["line"]))
    report = {"version": format_version(), "decisions": len(decisions),
              "applied": len(decisions) - len(stale), "stale": stale}
    return state.kg, report


@dataclass(frozen=True)
class Curation:
    """The decisions of a build's curation files, read and checked before the build runs."""

    files: tuple[str, ...] = ()
    decisions: tuple[Decision, ...] = ()


def load_files(paths: Iterable[str | Path]) -> Curation:
    """Read and check curation files (raises :class:`~kg.errors.CurationError`)."""
    files = tuple(str(p) for p in paths)
    return Curation(files, tuple(d for p in files for d in load_curation(p)))


def apply_curation(kg: KnowledgeGraph, curation: Curation) -> KnowledgeGraph:
    """The curated graph, its report under ``kg.report["curation"]``; ``kg`` itself when
    there is no curation file."""
    if not curation.files:
        return kg
    curated, report = curate(kg, list(curation.decisions))
    curated.report = {**kg.report, "curation": {"files": list(curation.files), **report,
                                                "rejected": len(curated.rejected)}}
    return curated


def stale_warning(report: dict[str, Any]) -> str | None:
    """One line naming the stale decisions of a curation report, or None."""
    stale = report.get("stale") or []
    if not stale:
        return None
    where = ", ".join(f"{s['file']}:{s['line']} {s['kind']}" for s in stale[:5])
    more = f" and {len(stale) - 5} more" if len(stale) > 5 else ""
    return (f"{len(stale)} curation decision{'s' if len(stale) != 1 else ''} matched nothing "
            f"in this build ({where}{more}); see report.json \"curation\"")
