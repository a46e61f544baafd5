"""kg.export.turtle: the Turtle and TriG writer (sorted, deterministic, each triple formatted once)."""

from __future__ import annotations

import random

import pytest
from rdflib import RDF, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.export.turtle import turtle_and_trig, turtle_text, trig_text

EX = "http://ex.org/"
P = {"ex": EX}


def _iri(local: str) -> URIRef:
    return URIRef(EX + local)


SHARED = (_iri("kamenev"), RDF.type, _iri("Person"))
GRAPHS = {
    EX + "doc/b": {SHARED, (_iri("kamenev"), _iri("memberOf"), _iri("politburo")),
                   (_iri("kamenev"), _iri("label"), Literal('Lev "Kamenev"', lang="en"))},
    EX + "doc/a": {SHARED, (_iri("zinoviev"), _iri("memberOf"), _iri("politburo")),
                   (_iri("zinoviev"), _iri("born"), Literal("1883", datatype=URIRef(EX + "year")))},
}
DEFAULT = {(_iri("politburo"), RDF.type, _iri("Body"))}


TTL = """@prefix ex: <http://ex.org/> .

ex:kamenev a ex:Person ;
    ex:label "Lev \\"Kamenev\\""@en ;
    ex:memberOf ex:politburo .

ex:politburo a ex:Body .

ex:zinoviev ex:born "1883"^^ex:year ;
    ex:memberOf ex:politburo .
"""
TRIG = """@prefix ex: <http://ex.org/> .

{
    ex:politburo a ex:Body .
}

<http://ex.org/doc/a> {
    ex:kamenev a ex:Person .

    ex:zinoviev ex:born "1883"^^ex:year ;
        ex:memberOf ex:politburo .
}

<http://ex.org/doc/b> {
    ex:kamenev a ex:Person ;
        ex:label "Lev \\"Kamenev\\""@en ;
        ex:memberOf ex:politburo .
}
"""


def test_turtle_and_trig_are_written_sorted_by_subject_type_first_then_predicate() -> None:
    assert turtle_and_trig(GRAPHS, DEFAULT, P) == (TTL, TRIG)


def test_each_writer_alone_gives_the_same_text_as_both_together() -> None:
    assert turtle_text(set(DEFAULT).union(*GRAPHS.values()), P) == TTL
    assert trig_text(GRAPHS, DEFAULT, P) == TRIG


def test_a_triple_in_two_graphs_is_written_once_in_turtle_and_in_each_graph_of_trig() -> None:
    ttl, trig = turtle_and_trig(GRAPHS, DEFAULT, P)
    assert ttl.count("ex:kamenev a ex:Person") == 1
    assert trig.count("ex:kamenev a ex:Person") == 2


def test_the_texts_parse_back_to_the_triples_written() -> None:
    ttl, trig = turtle_and_trig(GRAPHS, DEFAULT, P)
    expected = Graph()
    for t in set(DEFAULT).union(*GRAPHS.values()):
        expected.add(t)
    assert isomorphic(Graph().parse(data=ttl, format="turtle"), expected)
    dataset = Dataset().parse(data=trig, format="trig")
    for name, triples in GRAPHS.items():
        assert set(dataset.graph(URIRef(name))) == triples


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_order_of_the_input_does_not_change_a_byte(seed: int) -> None:
    rng = random.Random(seed)
    shuffled = {name: set(rng.sample(sorted(ts), len(ts))) for name, ts in reversed(GRAPHS.items())}
    assert turtle_and_trig(shuffled, DEFAULT, P) == turtle_and_trig(GRAPHS, DEFAULT, P)


def test_rdf_type_comes_first_in_a_subject_and_the_turtle_part_can_be_left_out() -> None:
    ttl, trig = turtle_and_trig(GRAPHS, DEFAULT, P, turtle=False)
    assert ttl == ""
    block = trig[trig.index("ex:kamenev a"):]
    assert block.index(" a ex:Person") < block.index("ex:label")
