"""Descriptions of entities and documents for the RDF export (see :mod:`kg.export.rdf`).

>>> from kg.model import Entity
>>> stalin = Entity("S", "PERSON", "Stalin", wikidata="Q855")
>>> [t[2].n3() for t in entity_triples(stalin, "http://x.org/")][1:]
['"Stalin"', '<https://schema.org/Person>', '<http://www.wikidata.org/entity/Q855>']
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from rdflib import DCTERMS, OWL, RDFS, SKOS, XSD, Literal, URIRef

from kg import vocab as V
from kg.export.rdf_terms import (
    content_hash, date_bounds, date_literal, decimal_literal, document_iri, entity_iri,
)
from kg.export.turtle import Triple
from kg.model import Document, Entity, KnowledgeGraph


def date_triples(node: URIRef, value: str) -> list[Triple]:
    triples: list[Triple] = [(node, V.EDTF, Literal(value))]
    bounds = date_bounds(value)
    if bounds:
        triples.append((node, V.EARLIEST, Literal(bounds[0], datatype=XSD.date)))
        triples.append((node, V.LATEST, Literal(bounds[1], datatype=XSD.date)))
    return triples


@dataclass
class Context:
    kg: KnowledgeGraph
    base: str
    names: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    documents: dict[str, Document] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.documents = {doc.id: doc for doc in self.kg.documents}
        for entity in self.kg.entities.values():
            if entity.type == "PERSON":
                for name in (entity.label, *entity.aliases):
                    self.names[name.casefold()].add(entity.id)

    def person(self, name: str) -> str | None:
        """The entity id a document's author/recipient name refers to, if unambiguous."""
        if name in self.kg.entities:
            return name
        found = self.names.get(name.casefold(), set())
        return next(iter(found)) if len(found) == 1 else None

    def term(self, value: Any) -> URIRef | Literal:
        """An entity id as its IRI, anything else as a literal."""
        if isinstance(value, str) and value in self.kg.entities:
            return entity_iri(self.base, value)
        if isinstance(value, bool):
            return Literal(value)
        if isinstance(value, int):
            return Literal(value, datatype=XSD.integer)
        return Literal(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))


def entity_triples(entity: Entity, base: str) -> list[Triple]:
    node = entity_iri(base, entity.id)
    triples: list[Triple] = [
        (node, V.RDF_TYPE, V.CLASS_FOR_TYPE.get(entity.type, V.ENTITY)),
        (node, RDFS.label, Literal(entity.label)),
    ]
    if entity.type in V.SCHEMA_CLASS_FOR_TYPE:
        triples.append((node, V.RDF_TYPE, V.SCHEMA_CLASS_FOR_TYPE[entity.type]))
    triples += [(node, SKOS.altLabel, Literal(a)) for a in entity.aliases if a != entity.label]
    wikidata = V.wikidata_iri(entity.wikidata)
    if wikidata is not None:
        triples.append((node, OWL.sameAs, wikidata))
    return triples


def _people_triples(doc: Document, ctx: Context, node: URIRef) -> list[Triple]:
    triples: list[Triple] = []
    people = [(V.DOC_AUTHOR, V.DOC_AUTHOR_NAME, doc.author)] if doc.author else []
    people += [(V.DOC_RECIPIENT, V.DOC_RECIPIENT_NAME, r) for r in doc.recipients]
    for link, name_prop, name in people:
        triples.append((node, name_prop, Literal(name)))
        person = ctx.person(name)
        if person is not None:
            triples.append((node, link, entity_iri(ctx.base, person)))
    return triples


def _citation_triples(doc: Document, node: URIRef) -> list[Triple]:
    if doc.citation is None:
        return []
    triples: list[Triple] = [(node, DCTERMS.bibliographicCitation, Literal(doc.citation.text))]
    for attr, prop in V.CITATION_PROPERTIES.items():
        value = getattr(doc.citation, attr)
        if value:
            triples.append((node, prop, Literal(value)))
    return triples


def document_triples(doc: Document, ctx: Context) -> list[Triple]:
    node = document_iri(ctx.base, doc.id)
    triples: list[Triple] = [
        (node, V.RDF_TYPE, V.DOCUMENT), (node, V.RDF_TYPE, V.SCHEMA.CreativeWork),
        (node, V.DOC_FILE_NAME, Literal(doc.source)), (node, V.DOC_KIND, Literal(doc.kind)),
    ]
    optional = [(V.DOC_SHA256, doc.sha256), (DCTERMS.title, doc.title),
                (V.DOC_DATE_TEXT, doc.date_text), (DCTERMS.spatial, doc.place), (DCTERMS.license, doc.licence)]
    triples += [(node, prop, Literal(value)) for prop, value in optional if value]
    if doc.date:
        triples.append((node, V.SCHEMA.dateCreated, date_literal(doc.date)))
        triples += date_triples(node, doc.date)
    if doc.parent:
        triples.append((node, DCTERMS.isPartOf, document_iri(ctx.base, doc.parent)))
    return triples + _people_triples(doc, ctx, node) + _citation_triples(doc, node) + _value_sources(doc, node)


def _value_sources(doc: Document, node: URIRef) -> list[Triple]:
    """Where each value of the document's description came from (report.json's ``sources``)."""
    triples: list[Triple] = []
    for field, where in sorted(doc.meta_sources.items()):
        source = URIRef(f"{node}/source/{field}")
        triples += [(node, V.HAS_VALUE_SOURCE, source), (source, V.RDF_TYPE, V.VALUE_SOURCE),
                    (source, V.VALUE_FIELD, Literal(field)), (source, V.GIVEN_BY, Literal(where))]
    return triples


def _activity_parts(report: dict[str, Any]) -> dict[str, str] | None:
    """The fields naming a build run, or ``None`` when the report lacks them."""
    program, model, rules = (report.get(k) or {} for k in ("program", "model", "rules"))
    if not (program.get("version") and model.get("name") and rules.get("sha256")):
        return None
    return {"program": str(program.get("name", "histkg")), "version": str(program["version"]),
            "model": str(model["name"]), "model_version": str(model.get("version", "")),
            "spacy": str(model.get("spacy_version", "")), "rules": str(rules["sha256"]),
            "rule_count": str(rules.get("count", "")), "date": str(report.get("date", "")),
            "min_confidence": str((report.get("uncertain") or {}).get("threshold", ""))}


def activity_iri(report: dict[str, Any], base: str) -> URIRef | None:
    """The IRI of the build run that made ``report``: same run parts and day, same IRI.

    >>> report = {"program": {"version": "0.1"}, "model": {"name": "m"}, "rules": {"sha256": "ab"}}
    >>> str(activity_iri(report, "http://x.org/")).startswith("http://x.org/activity/")
    True
    """
    parts = _activity_parts(report)
    return URIRef(f"{base}activity/{content_hash(parts)}") if parts else None


def activity_triples(report: dict[str, Any], base: str) -> list[Triple]:
    """A ``prov:Activity`` naming histkg's version, the model, the rule set hash and the date."""
    parts, node = _activity_parts(report), activity_iri(report, base)
    if parts is None or node is None:
        return []
    agent = URIRef(f"{base}agent/{content_hash(parts['program'], parts['version'])}")
    label = (f"{parts['program']} {parts['version']} build, {parts['model']} "
             f"{parts['model_version']}, rules {parts['rules'][:12]}")
    values = [(V.PROGRAM_VERSION, parts["version"]), (V.MODEL_NAME, parts["model"]),
              (V.MODEL_VERSION, parts["model_version"]), (V.SPACY_VERSION, parts["spacy"]),
              (V.RULES_SHA256, parts["rules"])]
    triples: list[Triple] = [(node, V.RDF_TYPE, V.BUILD_ACTIVITY), (node, V.RDF_TYPE, V.ACTIVITY),
                             (node, RDFS.label, Literal(label)),
                             (node, V.WAS_ASSOCIATED_WITH, agent),
                             (agent, V.RDF_TYPE, V.SOFTWARE_AGENT),
                             (agent, RDFS.label, Literal(f"{parts['program']} {parts['version']}")),
                             (agent, V.SCHEMA.softwareVersion, Literal(parts["version"]))]
    triples += [(node, prop, Literal(value)) for prop, value in values if value]
    if parts["rule_count"].isdigit():
        triples.append((node, V.RULE_COUNT, Literal(int(parts["rule_count"]), datatype=XSD.integer)))
    if parts["min_confidence"]:
        triples.append((node, V.MIN_CONFIDENCE, decimal_literal(float(parts["min_confidence"]))))
    if date_literal(parts["date"]).datatype == XSD.date:
        triples.append((node, DCTERMS.date, date_literal(parts["date"])))
    return triples


def mention_triples(entity: Entity, base: str, known: set[str]) -> list[Triple]:
    """``doc schema:mentions entity`` for each known document the entity occurs in."""
    node = entity_iri(base, entity.id)
    return [(document_iri(base, doc), V.MENTIONS, node) for doc in entity.sources if doc in known]


def stub_document(doc_id: str, source: str, base: str) -> list[Triple]:
    """A minimal description of a document that evidence cites but the KG lacks."""
    node = document_iri(base, doc_id)
    return [(node, V.RDF_TYPE, V.DOCUMENT), (node, V.DOC_FILE_NAME, Literal(source)),
            (node, V.DOC_KIND, Literal("document"))]
