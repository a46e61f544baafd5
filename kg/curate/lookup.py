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

from collections import defaultdict
from dataclasses import dataclass, field

from kg.curate.fileformat import Decision
from kg.model import Evidence, KnowledgeGraph, Relation
from kg.resolve.keys import name_key
from kg.resolve.relations import symmetric_predicates


class Ambiguous(LookupError):
    """A name that fits more than one entity."""


@dataclass
class State:
    """The graph being curated, with the ids merged away so far (old id → id kept).

    Call :meth:`reindex` with the ids of entities renamed, merged away or created.
    """

    kg: KnowledgeGraph
    redirect: dict[str, str] = field(default_factory=dict)
    _names: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    _keys: dict[str, set[str]] = field(default_factory=dict)
    _by_subject: dict[str, list[Relation]] | None = None
    dropped: set[int] = field(default_factory=set)  # id() of relations removed from the graph

    def __post_init__(self) -> None:
        self.reindex(*self.kg.entities)

    def reindex(self, *ids: str) -> None:
        """Index the current names of these entities (none for ids no longer in the graph)."""
        for ident in ids:
            for key in self._keys.pop(ident, ()):
                self._names[key].discard(ident)
            entity = self.kg.entities.get(ident)
            if entity is not None:
                self._keys[ident] = {name_key(n) for n in (entity.label, *entity.aliases)}
                for key in self._keys[ident]:
                    self._names[key].add(ident)

    def entity(self, ref: str) -> str | None:
        """The id of the entity ``ref`` names (id or name); raises :class:`Ambiguous`."""
        seen = set()
        while ref in self.redirect and ref not in seen:
            seen.add(ref)
            ref = self.redirect[ref]
        if ref in self.kg.entities:
            return ref
        found = sorted(self._names.get(name_key(ref), ()))
        if len(found) > 1:
            raise Ambiguous(f"the name {ref!r} fits several entities: {', '.join(found)}")
        return found[0] if found else None


    def relations_of(self, subject: str) -> list[Relation]:
        """The relations (not dropped) whose subject is this entity id."""
        if self._by_subject is None:
            self._by_subject = defaultdict(list)
            for rel in self.kg.relations:
                if id(rel) not in self.dropped:
                    self._by_subject[rel.subject].append(rel)
        return self._by_subject[subject]

    def relations_changed(self) -> None:
        """Forget the relation index (subjects and objects were rewritten)."""
        self._by_subject = None

    def drop(self, rel: Relation) -> None:
        """Remove a relation from the graph (filtered out at the end of the curation)."""
        self.dropped.add(id(rel))
        mine = self.relations_of(rel.subject)
        mine[:] = [r for r in mine if r is not rel]

    def append(self, rel: Relation) -> None:
        """Add a relation to the graph."""
        self.relations_of(rel.subject).append(rel)
        self.kg.relations.append(rel)


def find_relations(state: State, d: Decision) -> list[Relation]:
    """The relations a reject/accept decision names (before document/quote filtering)."""
    predicate, obj = d.get("predicate"), d.get("object")
    subject_id, problem = state.entity(d.get("subject")), None
    try:
        object_id = state.entity(obj)
    except Ambiguous as err:  # only a problem if no literal object matches either
        object_id, problem = None, err
    if subject_id is None:
        return []
    found = [r for r in state.relations_of(subject_id) if r.predicate == predicate
             and r.object == (object_id if r.object_kind == "entity" else obj)]
    if predicate in symmetric_predicates() and object_id is not None:
        found += [r for r in state.relations_of(object_id) if r.predicate == predicate
                  and r.object_kind == "entity" and r.object == subject_id]
    if problem and not found:
        raise problem
    return found


def _squash(text: str) -> str:
    return " ".join(text.split())


def evidence_matches(ev: Evidence, d: Decision) -> bool:
    """Whether evidence fits the decision's optional document and quote."""
    document, quote = d.get("document"), d.get("quote")
    if document and document not in (ev.doc_id, ev.source):
        return False
    return not quote or _squash(quote) in _squash(ev.quote)
