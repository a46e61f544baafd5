"""When relations held and people lived (kg.export.timespan), shared by the page and GEXF."""

from __future__ import annotations

import pytest

from kg.export.timespan import hull, lifespans, relation_spans
from kg.model import Document, Entity, Evidence, KnowledgeGraph, Relation

DOCS = {"d37": Document("d37", "a.txt", "/a.txt", "1", date="1937-12-10", kind="letter"),
        "d99": Document("d99", "b.txt", "/b.txt", "2", date="1999"),
        "dq": Document("dq", "c.txt", "/c.txt", "3", date="1937?", kind="letter"),
        "a37": Document("a37", "e.txt", "/e.txt", "5", date="1937-12-10", kind="article"),
        "none": Document("none", "d.txt", "/d.txt", "4")}


def _rel(docs: list[str], predicate: str = "met_with", **quals: str) -> Relation:
    return Relation("a", predicate, "b", "entity",
                    [Evidence(d, f"{d}.txt", "q", 0, 1, "r", 1.0) for d in docs], quals)


@pytest.mark.parametrize("rel,spans", [
    (_rel(["d99"], date="1936-05"), [("1936-05-01", "1936-05-31")]),  # its own date
    (_rel(["d99"], start="1930", end="1932"), [("1930-01-01", "1932-12-31")]),
    (_rel(["d37"]), []),  # a source's date is not the date of what it states
    (_rel(["d99", "d37"], "member_of"), []),
    (_rel(["d37"], "wrote_to"), [("1937-12-10", "1937-12-10")]),  # writing a letter: its date
    (_rel(["dq"], "wrote_to"), [("1937-01-01", "1937-12-31")]),  # an uncertain year is the year
    (_rel(["d99", "d37", "dq"], "wrote_to"), [("1937-01-01", "1937-12-31"), ("1937-12-10", "1937-12-10")]),
    (_rel(["a37"], "wrote_to"), []),  # an article telling of a letter is not the letter
    (_rel(["none"]), []),
    (_rel(["d37"], date="early thirties"), []),  # unparsable: undated
    (_rel(["none"], date="193X"), [("1930-01-01", "1939-12-31")]),
], ids=["own", "start-end", "source-date", "member-of", "letter", "uncertain", "letters",
        "article", "undated", "bad-own", "decade"])
def test_relation_spans_are_the_time_of_the_fact(rel: Relation, spans: list) -> None:
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
