"""When relations held and people lived (kg.export.timespan), shared by the page and GEXF."""

from __future__ import annotations

import pytest

from kg.export.timespan import hull, lifespans, relation_spans
from kg.model import Document, Entity, Evidence, KnowledgeGraph, Relation

DOCS = {"d37": Document("d37", "a.txt", "/a.txt", "1", date="1937-12-10"),
        "d99": Document("d99", "b.txt", "/b.txt", "2", date="1999"),
        "dq": Document("dq", "c.txt", "/c.txt", "3", date="1937?"),
        "none": Document("none", "d.txt", "/d.txt", "4")}


def _rel(docs: list[str], **quals: str) -> Relation:
    return Relation("a", "met_with", "b", "entity",
                    [Evidence(d, f"{d}.txt", "q", 0, 1, "r", 1.0) for d in docs], quals)


@pytest.mark.parametrize("rel,spans", [
    (_rel(["d99"], date="1936-05"), [("1936-05-01", "1936-05-31")]),  # its own date wins
    (_rel(["d99"], start="1930", end="1932"), [("1930-01-01", "1932-12-31")]),
    (_rel(["d37"]), [("1937-12-10", "1937-12-10")]),  # else the document's date
    (_rel(["dq"]), [("1937-01-01", "1937-12-31")]),  # an uncertain year is the year
    (_rel(["d99", "d37", "d37"]), [("1937-12-10", "1937-12-10"), ("1999-01-01", "1999-12-31")]),
    (_rel(["none"]), []),
    (_rel(["d37"], date="early thirties"), [("1937-12-10", "1937-12-10")]),  # unparsable: the document
    (_rel(["none"], date="193X"), [("1930-01-01", "1939-12-31")]),
], ids=["own", "start-end", "document", "uncertain", "two-documents", "undated", "bad-own", "decade"])
def test_relation_spans(rel: Relation, spans: list) -> None:
    assert relation_spans(rel, DOCS) == spans


def test_hull_covers_every_span() -> None:
    assert hull([("1937-12-10", "1937-12-10"), ("1930-01-01", "1930-12-31")]) == ("1930-01-01", "1937-12-10")
    assert hull([]) is None


def test_lifespans_from_birth_and_death() -> None:
    ev = [Evidence("d37", "a.txt", "q", 0, 1, "r", 1.0)]
    kg = KnowledgeGraph(entities={"a": Entity("a", "PERSON", "A"), "b": Entity("b", "PERSON", "B")},
                        relations=[Relation("a", "born_on", "1888", "date", ev),
                                   Relation("a", "died_on", "1938-03-15", "date", ev),
                                   Relation("b", "died_on", "194X", "date", ev),
                                   Relation("ghost", "born_on", "1900", "date", ev)])
    assert lifespans(kg) == {"a": {"start": "1888-01-01", "end": "1938-03-15"}, "b": {"end": "1949-12-31"}}
