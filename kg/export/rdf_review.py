"""Curation in the RDF export: review status and who, when and why (PROV-O).

A statement a curator reviewed carries ``hkg:reviewStatus`` (``accepted``, ``rejected``,
``added``), ``prov:wasAttributedTo`` the curator (a ``prov:Person``), ``dcterms:date`` of
the decision and, when given, ``hkg:reviewNote``. Rejected statements keep their evidence
but lose the direct triple, and live in a named graph of their own
(:func:`rejected_graph`), so ``GRAPH <…/graph/rejected> { … }`` lists them.

>>> from kg.model import Review
>>> node = URIRef("http://x.org/statement/1")
>>> [t[1].n3() for t in review_triples(node, Review("rejected", "A. Historian", "2026-12-02", "misread"),
...                                    "http://x.org/")][:2]
['<https://histkg.org/ontology#reviewStatus>', '<http://www.w3.org/ns/prov#wasAttributedTo>']
"""

from __future__ import annotations

from rdflib import DCTERMS, RDF, RDFS, XSD, Literal, URIRef

from kg import vocab as V
from kg.export.rdf_terms import content_hash
from kg.export.turtle import Triple
from kg.model import Review


def rejected_graph(base: str) -> str:
    """The IRI of the named graph holding the rejected statements."""
    return f"{base}graph/rejected"


def curator_iri(base: str, name: str) -> URIRef:
    """The IRI of a curator (the same name gives the same IRI in every build)."""
    return URIRef(f"{base}agent/{content_hash('curator', name)}")


def review_triples(node: URIRef, review: Review | None, base: str) -> list[Triple]:
    """The review of a statement: status, curator, date, note (nothing when unreviewed)."""
    if review is None:
        return []
    curator = curator_iri(base, review.by)
    triples: list[Triple] = [
        (node, V.REVIEW_STATUS, Literal(review.status)),
        (node, V.WAS_ATTRIBUTED_TO, curator),
        (node, DCTERMS.date, Literal(review.date, datatype=XSD.date)),
        (curator, RDF.type, V.PERSON_AGENT), (curator, RDFS.label, Literal(review.by)),
    ]
    if review.note:
        triples.append((node, V.REVIEW_NOTE, Literal(review.note)))
    return triples
