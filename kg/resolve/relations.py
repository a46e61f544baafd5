"""Assertions → relations between entities: one edge per fact, all its evidence attached.

>>> from kg.model import Assertion, Evidence, Mention
>>> a = Mention("d-1", "d.txt", 0, 4, "Anna", "PERSON", 0, name="Anna", entity="Anna")
>>> b = Mention("d-1", "d.txt", 9, 13, "Ivan", "PERSON", 0, name="Ivan", entity="Ivan")
>>> ev = Evidence("d-1", "d.txt", "Anna was Ivan's wife.", 0, 21, "spouse.x.v1", 0.8)
>>> rels = aggregate([Assertion(a, "spouse", b, "entity", ev), Assertion(b, "spouse", a, "entity", ev)])
>>> [(r.subject, r.predicate, r.object, len(r.evidence)) for r in rels]
[('Anna', 'spouse', 'Ivan', 1)]
"""

from __future__ import annotations

from kg.data_files import load_toml
from kg.model import Assertion, Evidence, Mention, Relation


def symmetric_predicates() -> frozenset[str]:
    """Predicates whose direction does not matter (``kg/data/predicates.toml``)."""
    return frozenset(load_toml("predicates.toml")["symmetric"]["predicates"])


def _object_value(a: Assertion) -> str | None:
    if isinstance(a.object, Mention):
        return a.object.entity
    return str(a.object).strip() or None


def _key(a: Assertion, symmetric: frozenset[str]) -> tuple[str, str, str, str] | None:
    subj, obj = a.subject.entity, _object_value(a)
    if subj is None or obj is None or (a.object_kind == "entity" and subj == obj):
        return None
    if a.predicate in symmetric and a.object_kind == "entity" and obj < subj:
        subj, obj = obj, subj
    return subj, a.predicate, obj, a.object_kind


def _evidence_key(ev: Evidence) -> tuple:
    return ev.doc_id, ev.start, ev.end, ev.rule


def aggregate(assertions: list[Assertion]) -> list[Relation]:
    """Merge assertions of the same fact; sorted by subject, predicate, object."""
    symmetric = symmetric_predicates()
    merged: dict[tuple, Relation] = {}
    seen: set[tuple] = set()  # (fact, evidence) pairs: one look-up per assertion, not one per evidence
    for a in assertions:
        key = _key(a, symmetric)
        if key is None:
            continue
        rel = merged.setdefault(key, Relation(key[0], key[1], key[2], key[3]))
        if (key, _evidence_key(a.evidence)) not in seen:
            seen.add((key, _evidence_key(a.evidence)))
            rel.evidence.append(a.evidence)
        for name, value in a.qualifiers.items():
            rel.qualifiers.setdefault(name, value)
    for rel in merged.values():
        rel.evidence.sort(key=_evidence_key)
    return [merged[k] for k in sorted(merged)]
