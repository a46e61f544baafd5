"""When a relation held and when a person lived: the dates the network page and GEXF share.

A relation's time is the time of the fact: its own ``date`` qualifier (or ``start``/``end``
qualifiers) when the passage states one; for the act of writing a letter or a report
(``wrote_to``), the date of that letter. Any other relation is *undated*, whatever the date
of the documents stating it: an article of 1999 saying that Bukharin was a Bolshevik does not
make him one in 1999 (the page shows the source's date beside the quote instead). Each date
becomes a span of ISO days from the EDTF bounds, so an uncertain "1937?" or a decade "193X"
is an interval, not a point. A lifespan comes from ``born_on``/``died_on`` relations (either
end may be unknown).

>>> from kg.model import Document, Evidence, Relation
>>> docs = {"d": Document("d", "d.txt", "/d.txt", "h", date="1937-12-10", kind="letter")}
>>> ev = Evidence("d", "d.txt", "q", 0, 1, "r", 1.0)
>>> relation_spans(Relation("a", "wrote_to", "b", "entity", [ev]), docs)
[('1937-12-10', '1937-12-10')]
>>> relation_spans(Relation("a", "member_of", "b", "entity", [ev]), docs)
[]
>>> relation_spans(Relation("a", "met_with", "b", "entity", [ev], {"date": "193X"}), docs)
[('1930-01-01', '1939-12-31')]
"""

from __future__ import annotations

from collections import defaultdict
from typing import Mapping

from kg.dates import bounds
from kg.model import Document, KnowledgeGraph, Relation

Span = tuple[str, str]
LIFESPAN = {"born_on": "start", "died_on": "end"}
#: relations that are the act of writing the document stating them, and the kinds of
#: document whose date is that act's date
WRITING = frozenset({"wrote_to"})
WRITTEN = frozenset({"letter", "report"})


def edtf_span(edtf: object) -> Span | None:
    """Earliest and latest ISO day of an EDTF string, or None when it has no bounds."""
    if not isinstance(edtf, str) or not edtf:
        return None
    value = bounds(edtf)
    return (value.earliest, value.latest) if value.earliest and value.latest else None


def qualifier_span(qualifiers: Mapping[str, object]) -> Span | None:
    """The span of a relation's own ``date``, or of its ``start``…``end`` qualifiers."""
    own = edtf_span(qualifiers.get("date"))
    if own:
        return own
    start, end = edtf_span(qualifiers.get("start")), edtf_span(qualifiers.get("end"))
    if start or end:
        return ((start or end)[0], (end or start)[1])
    return None


def relation_spans(rel: Relation, documents: Mapping[str, Document]) -> list[Span]:
    """Sorted distinct spans of the time a relation held: its own date; for the act of
    writing a letter or report, the dates of the letters stating it; else none (undated)."""
    own = qualifier_span(rel.qualifiers)
    if own:
        return [own]
    if rel.predicate not in WRITING:
        return []
    spans = {edtf_span(documents[ev.doc_id].date) for ev in rel.evidence
             if ev.doc_id in documents and documents[ev.doc_id].kind in WRITTEN}
    return sorted(s for s in spans if s)


def hull(spans: list[Span]) -> Span | None:
    """The one span covering all of ``spans``."""
    return (min(s[0] for s in spans), max(s[1] for s in spans)) if spans else None


def lifespans(kg: KnowledgeGraph) -> dict[str, dict[str, str]]:
    """Per entity with a birth or death date: ``start`` (earliest birth) and/or ``end``."""
    out: dict[str, dict[str, str]] = defaultdict(dict)
    for rel in kg.relations:
        side = LIFESPAN.get(rel.predicate)
        span = edtf_span(rel.object) if side and rel.object_kind == "date" else None
        if not span or rel.subject not in kg.entities:
            continue
        day = span[0] if side == "start" else span[1]
        keep = min if side == "start" else max
        out[rel.subject][side] = keep(out[rel.subject].get(side, day), day)
    return dict(out)
