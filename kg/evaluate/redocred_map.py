"""Re-DocRED Wikidata properties → our predicates (the table in :mod:`kg.evaluate.redocred`).

>>> map_relation({"head": 1, "relation": "P40", "tail": 2})  # tail is head's child
RedocFact(subject=2, predicate='child_of', object=1, prop='P40', optional=False)
>>> map_relation({"head": 1, "relation": "P50", "tail": 2})  # tail wrote head
RedocFact(subject=2, predicate='author_of', object=1, prop='P50', optional=False)
>>> map_relation({"head": 1, "relation": "P800", "tail": 2}).optional
True
>>> map_relation({"relation": "P31"}) is None
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")

#: property → (our predicate, swap): swap=True means subject=tail, object=head
PROPERTY_MAP: dict[str, tuple[str, bool]] = {
    "P26": ("spouse", False),
    "P22": ("child_of", False),
    "P25": ("child_of", False),
    "P40": ("parent_of", False),
    "P463": ("member_of", False),
    "P102": ("member_of", False),
    "P108": ("position_held", False),
    "P569": ("born_on", False),
    "P570": ("died_on", False),
    "P50": ("author_of", True),
    "P710": ("participated_in", True),
    "P1344": ("participated_in", False),
    "P607": ("participated_in", False),
    # predicates v2 (issue 13)
    "P19": ("born_in", False),
    "P20": ("died_in", False),
    "P69": ("educated_at", False),
    "P3373": ("sibling_of", False),
    "P488": ("head_of", True),
    "P98": ("editor_of", True),
}
#: properties whose facts a prediction may match without counting either way
OPTIONAL_MAP: dict[str, tuple[str, bool]] = {
    "P800": ("author_of", False),
    "P170": ("author_of", True),
    "P86": ("author_of", True),
    "P676": ("author_of", True),
    "P58": ("author_of", True),
    "P54": ("member_of", False),
    # Re-DocRED states P131 for every administrative containment a text implies
    # ("Lyon, France", "a town in Bavaria, Germany"): ~60 % of all 1900–1960 facts. Scored
    # as optional so that located_in neither swamps nor is penalised; see issue 13's notes.
    "P131": ("located_in", False),
    # … and it states the country (P17), the continent (P30) or the terrain (P706) of a place
    # apart from P131: "Kansai region in Japan" is located_in all the same.
    "P17": ("located_in", False),
    "P30": ("located_in", False),
    "P706": ("located_in", False),
}
# Not mapped: P551 (residence). Re-DocRED states it for 5 of the 152 documents of 1900–1960
# (3 of them a nationality, "Jamaican"), never for a move the text states ("he moved to
# Calgary in 1930"), so our moved_to (the move) is not scored against it.
DATE_PREDICATES = frozenset({"born_on", "died_on"})
SYMMETRIC = frozenset({"spouse", "sibling_of"})
INVERSE = {"parent_of": "child_of"}
SCORED = tuple(sorted({p if p not in INVERSE else INVERSE[p] for p, _ in PROPERTY_MAP.values()}))
MAPPED_PREDICATES = frozenset({p for p, _ in [*PROPERTY_MAP.values(), *OPTIONAL_MAP.values()]})


@dataclass(slots=True)
class RedocFact:
    """A gold fact in our terms: ``predicate(subject, object)`` over gold entity ids."""

    subject: int
    predicate: str
    object: int
    prop: str
    optional: bool = False


def canonical(subject: T, predicate: str, obj: T) -> tuple[T, str, T]:
    """``(subject, predicate, object)`` in canonical direction: ``parent_of(a, b)`` →
    ``child_of(b, a)``; other predicates unchanged."""
    if predicate in INVERSE:
        return obj, INVERSE[predicate], subject
    return subject, predicate, obj


def map_relation(rel: dict[str, Any]) -> RedocFact | None:
    """The fact a Re-DocRED relation ``{"head", "relation", "tail"}`` states in our
    terms, in canonical direction (optional if only :data:`OPTIONAL_MAP` maps the
    property); ``None`` for an unmapped property (its ends are then not read)."""
    prop = rel["relation"]
    mapped, optional = PROPERTY_MAP.get(prop), False
    if mapped is None:
        mapped, optional = OPTIONAL_MAP.get(prop), True
    if mapped is None:
        return None
    predicate, swap = mapped
    subj, obj = int(rel["head"]), int(rel["tail"])
    if swap:
        subj, obj = obj, subj
    subj, predicate, obj = canonical(subj, predicate, obj)
    return RedocFact(subj, predicate, obj, prop, optional)
