"""A book's structure in RDF (see :mod:`kg.export.rdf`): each part or chapter a
``hkg:Division`` (``dcterms:isPartOf`` the division or document around it), and each piece of
evidence ``dcterms:isPartOf`` the innermost division that holds it, with ``hkg:page`` (and
``hkg:lastPage`` when the quote runs over a page beginning) and its citation as
``dcterms:bibliographicCitation``; the selectors keep the character offsets.

>>> from kg.model import Document, Evidence
>>> doc = Document("w-1", "w.txt", "w.txt", "0", title="Days", author="R. Wilton", date="1920",
...                divisions=[(0, 90, "part", "II"), (10, 90, "chapter", "XVI")], pages=[(5, "214")])
>>> [(s[13:], o[13:]) for s, p, o in division_triples(doc, "http://x.org/") if p == DCTERMS.isPartOf]
[('doc/w-1/division/0', 'doc/w-1'), ('doc/w-1/division/10', 'doc/w-1/division/0')]
>>> ev = Evidence("w-1", "w.txt", "He left", 20, 27, "r", 0.9)
>>> sorted(o.n3() for _, _, o in evidence_place_triples(URIRef("http://x.org/e"), ev, doc, "http://x.org/"))
['"214"', '"Wilton, Days (1920), pt. II, ch. XVI, p. 214"', '<http://x.org/doc/w-1/division/10>']
"""

from __future__ import annotations

from rdflib import DCTERMS, RDFS, Literal, URIRef

from kg import vocab as V
from kg.export.cite import cite, place_of
from kg.export.rdf_terms import document_iri
from kg.export.turtle import Triple
from kg.model import Document, Evidence
from kg.read.structure import structure


def division_iri(base: str, doc_id: str, start: int) -> URIRef:
    """The IRI of the division of a document that starts at file offset ``start``."""
    return URIRef(f"{document_iri(base, doc_id)}/division/{start}")


def _parent(doc: Document, start: int, kind: str) -> int | None:
    """Start of the innermost division of a higher level holding ``start``."""
    levels = structure().levels
    around = [(levels.get(k, 99), s) for s, e, k, _ in doc.divisions
              if s <= start < e and levels.get(k, 99) < levels.get(kind, 99)]
    return max(around)[1] if around else None


def division_triples(doc: Document, base: str) -> list[Triple]:
    """The divisions of ``doc`` as ``hkg:Division`` resources."""
    abbr = structure().abbreviations
    triples: list[Triple] = []
    for start, _, kind, label in doc.divisions:
        node = division_iri(base, doc.id, start)
        parent = _parent(doc, start, kind)
        triples += [(node, V.RDF_TYPE, V.DIVISION), (node, V.DIVISION_KIND, Literal(kind)),
                    (node, V.DIVISION_NUMBER, Literal(label)),
                    (node, RDFS.label, Literal(f"{abbr.get(kind, kind)} {label}".strip())),
                    (node, DCTERMS.isPartOf, document_iri(base, doc.id) if parent is None
                     else division_iri(base, doc.id, parent))]
    return triples


def evidence_place_triples(node: URIRef, ev: Evidence, doc: Document, base: str) -> list[Triple]:
    """The division, pages and citation of one piece of evidence."""
    place = place_of(doc, ev.start, ev.end)
    triples: list[Triple] = [(node, DCTERMS.bibliographicCitation, Literal(cite(doc, ev.start, ev.end)))]
    if place.divisions:
        triples.append((node, DCTERMS.isPartOf, division_iri(base, doc.id, place.divisions[-1][0])))
    if place.first_page:
        triples.append((node, V.PAGE, Literal(place.first_page)))
    if place.last_page and place.last_page != place.first_page:
        triples.append((node, V.LAST_PAGE, Literal(place.last_page)))
    return triples
