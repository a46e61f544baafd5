"""Find what a decision names in a graph: entities by id or name, relations, evidence.

Entities are named by id (``Iosif_Stalin``) or by a name (label or alias, compared up to
case, spacing and soft signs); ids merged away by an earlier decision lead to the entity
that kept them. A relation is named by subject, predicate and object (either direction
for symmetric predicates) and, optionally, a document (id or file name) and a quote
(a part of the evidence quote, spacing ignored).

>>> from kg.model import Entity, KnowledgeGraph
>>> kg = KnowledgeGraph(entities={"Iosif_Stalin": Entity("Iosif_Stalin", "PERSON",
...                     "Iosif Stalin", ["Koba"])})
>>> state = State(kg)
>>> state.entity("Koba"), state.entity("Iosif_Stalin"), state.entity("Lenin")
('Iosif_Stalin', 'Iosif_Stalin', None)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.curate.fileformat import Decision
from kg.model import Evidence, KnowledgeGraph, Relation
from kg.resolve.keys import name_key
from kg.resolve.relations import symmetric_predicates


class Ambiguous(LookupError):
    """A name that fits more than one entity."""


@dataclass
class State:
    """The graph being curated, with the ids merged away so far (old id → id kept)."""

    kg: KnowledgeGraph
    redirect: dict[str, str] = field(default_factory=dict)

    def entity(self, ref: str) -> str | None:
        """The id of the entity ``ref`` names (id or name); raises :class:`Ambiguous`."""
        seen = set()
        while ref in self.redirect and ref not in seen:
            seen.add(ref)
            ref = self.redirect[ref]
        if ref in self.kg.entities:
            return ref
        key = name_key(ref)
        found = sorted(e.id for e in self.kg.entities.values()
                       if key in {name_key(n) for n in (e.label, *e.aliases)})
        if len(found) > 1:
            raise Ambiguous(f"the name {ref!r} fits several entities: {', '.join(found)}")
        return found[0] if found else None


def find_relations(state: State, d: Decision) -> list[Relation]:
    """The relations a reject/accept decision names (before document/quote filtering)."""
    predicate, obj = d.get("predicate"), d.get("object")
    subject_id, object_id = state.entity(d.get("subject")), state.entity(obj)
    symmetric = predicate in symmetric_predicates()
    found = []
    for rel in state.kg.relations:
        if rel.predicate != predicate or subject_id is None:
            continue
        target = object_id if rel.object_kind == "entity" else obj
        if rel.subject == subject_id and rel.object == target:
            found.append(rel)
        elif symmetric and rel.object_kind == "entity" and (rel.subject, rel.object) == (object_id, subject_id):
            found.append(rel)
    return found


def _squash(text: str) -> str:
    return " ".join(text.split())


def evidence_matches(ev: Evidence, d: Decision) -> bool:
    """Whether evidence fits the decision's optional document and quote."""
    document, quote = d.get("document"), d.get("quote")
    if document and document not in (ev.doc_id, ev.source):
        return False
    return not quote or _squash(quote) in _squash(ev.quote)
