"""Relations below the build's confidence threshold (``kg build --min-confidence``).

A relation's confidence is the highest of its evidence (:attr:`kg.model.Relation.confidence`,
each from the calibration, :mod:`kg.link.confidence`). Below the threshold it is *uncertain*:
left out of the graph (``KnowledgeGraph.uncertain``) and listed in report.json, or, with
``keep`` (``--keep-uncertain``), kept in the graph flagged ``uncertain`` — the exports show
it apart, and a curator's ``[[accept]]`` brings it in as reviewed (:mod:`kg.curate`).

>>> from kg.model import Entity, Evidence, KnowledgeGraph, Relation
>>> ev = lambda c: [Evidence("d-1", "d.txt", "…", 0, 1, "r.x.v1", c)]
>>> kg = KnowledgeGraph(entities={"A": Entity("A", "PERSON", "Anna"), "B": Entity("B", "PERSON", "Boris")},
...                     relations=[Relation("A", "spouse", "B", "entity", ev(0.9)),
...                                Relation("A", "child_of", "B", "entity", ev(0.4))])
>>> kg = split_uncertain(kg, 0.5)
>>> [r.predicate for r in kg.relations], [r.predicate for r in kg.uncertain]
(['spouse'], ['child_of'])
>>> uncertain_report(kg, 0.5, keep=False)["relations"][0]["subject"]
'Anna'
"""

from __future__ import annotations

from typing import Any

from kg.model import KnowledgeGraph, Relation


def split_uncertain(kg: KnowledgeGraph, threshold: float, keep: bool = False) -> KnowledgeGraph:
    """Flag the relations whose confidence is below ``threshold`` (not those a curator
    reviewed); move them to ``kg.uncertain``, or keep them in ``kg.relations`` with ``keep``."""
    for rel in kg.relations:
        rel.uncertain = rel.review is None and rel.confidence < threshold
    if not keep:
        kg.uncertain = [r for r in kg.relations if r.uncertain]
        kg.relations = [r for r in kg.relations if not r.uncertain]
    return kg


def uncertain_relations(kg: KnowledgeGraph) -> list[Relation]:
    """Every uncertain relation of a graph: left out, or kept and flagged."""
    return [r for r in kg.relations if r.uncertain] + kg.uncertain


def _entry(kg: KnowledgeGraph, rel: Relation) -> dict[str, Any]:
    def name(value: str) -> str:
        return kg.entities[value].label if value in kg.entities else value

    best = max(rel.evidence, key=lambda e: (e.confidence, -e.start), default=None)
    entry: dict[str, Any] = {
        "subject": name(rel.subject), "predicate": rel.predicate,
        "object": name(rel.object) if rel.object_kind == "entity" else rel.object,
        "subject_id": rel.subject, "object_id": rel.object if rel.object_kind == "entity" else None,
        "confidence": round(rel.confidence, 4)}
    if best is not None:
        entry |= {"rule": best.rule, "via": best.via, "quote": best.quote, "doc": best.source,
                  "start": best.start, "end": best.end}
    entry["evidence"] = len(rel.evidence)
    return entry


def uncertain_report(kg: KnowledgeGraph, threshold: float, keep: bool) -> dict[str, Any]:
    """report.json's ``uncertain``: the threshold, whether they were kept, how many, and
    each relation with its names, confidence and best evidence (rule, quote, place)."""
    rels = uncertain_relations(kg)
    entries = sorted((_entry(kg, r) for r in rels),
                     key=lambda e: (e["predicate"], e["subject"], str(e["object"]), e.get("doc", "")))
    return {"threshold": threshold, "kept": keep, "count": len(rels), "relations": entries}
