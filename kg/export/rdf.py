"""KnowledgeGraph → RDF: direct triples plus Wikidata-style statement nodes.

Every relation becomes a plain triple (``id:Nikolai_Bukharin hkg:accusedBy id:Karl_Radek``,
written only for asserted/reported modality, and not for an uncertain relation — below the
build's ``--min-confidence``, kept by ``--keep-uncertain``: its statement carries
``hkg:uncertain true``) and a ``hkg:Statement`` node carrying
modality, confidence, rule, qualifiers and one ``hkg:Evidence`` per quoted passage (a
Web Annotation ``oa:SpecificResource`` with a quote and a position selector). Each
document gets a named graph holding what it attests; ``graph.ttl`` merges them all.
Every node gets an IRI (no blank nodes) and files are written sorted, so identical
input gives byte-identical files.

>>> from kg.model import Entity, Evidence, KnowledgeGraph, Relation
>>> ev = Evidence("d-1", "d.txt", "Radek accused him", 0, 17, "r1", 0.9)
>>> kg = KnowledgeGraph(entities={"A": Entity("A", "PERSON", "A"), "B": Entity("B", "PERSON", "B")},
...                     relations=[Relation("A", "accused_by", "B", "entity", [ev])])
>>> ds = to_dataset(kg)
>>> len(list(ds.graphs())) - 1  # one named graph per document, besides the default graph
1
>>> bool(ds.query("ASK { ?a <https://histkg.org/ontology#accusedBy> ?b }").askAnswer)
True
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, SKOS, XSD, Dataset, Literal, URIRef

from kg import vocab as V
from kg.export.atomic import write_text
from kg.export.rdf_describe import (
    Context, activity_iri, activity_triples, date_triples, document_triples, entity_triples,
    mention_triples, stub_document,
)
from kg.export.rdf_terms import (
    DEFAULT_BASE, check_base, content_hash, date_literal, decimal_literal, document_iri,
    entity_iri,
)
from kg.export.rdf_cite import division_triples, evidence_place_triples
from kg.export.relation_names import relation_label
from kg.export.turtle import Triple, plain_triple_key, trig_text, turtle_text
from kg.export.rdf_review import entity_change_triples, rejected_graph, review_triples
from kg.model import Evidence, KnowledgeGraph, Relation, Review

__all__ = ["DEFAULT_BASE", "Graphs", "collect", "collect_graphs", "to_dataset", "write_trig", "write_turtle", "prefixes"]

StatementKey = tuple[str, str, str, str, str, str]


@dataclass
class Graphs:
    """Triples sorted into the default graph and one graph per document IRI."""

    named: dict[str, set[Triple]] = field(default_factory=lambda: defaultdict(set))
    default: set[Triple] = field(default_factory=set)
    uses: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def add(self, graph: str | None, triples: Iterable[Triple]) -> None:
        (self.named[graph] if graph else self.default).update(triples)

    def merged(self) -> set[Triple]:
        return self.default.union(*self.named.values())


def prefixes(base: str = DEFAULT_BASE) -> dict[str, str]:
    """The prefixes of the written files: the vocabularies plus ``id:``, ``doc:`` …

    >>> prefixes()["doc"]
    'https://histkg.org/id/doc/'
    """
    own = {"id": base, "doc": f"{base}doc/", "st": f"{base}statement/", "ev": f"{base}evidence/",
           "run": f"{base}activity/", "agent": f"{base}agent/"}
    return {**V.PREFIXES, **own}


Group = tuple[list[Evidence], Review | None, bool]  # evidence, review, uncertain


def _group_statements(relations: list[Relation]) -> dict[StatementKey, Group]:
    """Evidence grouped by (subject, predicate, object, kind, modality, qualifiers), with
    the relation's review and whether it is uncertain (:mod:`kg.export.uncertain`)."""
    groups: dict[StatementKey, Group] = {}
    for rel in relations:
        quals = json.dumps(rel.qualifiers, ensure_ascii=False, sort_keys=True, default=str)
        base_key = (rel.subject, rel.predicate, rel.object, rel.object_kind)
        if not rel.evidence:
            groups.setdefault((*base_key, "asserted", quals), ([], rel.review, rel.uncertain))
        for ev in rel.evidence:
            groups.setdefault((*base_key, ev.modality, quals), ([], rel.review, rel.uncertain))[0].append(ev)
    return groups


def _object_term(key: StatementKey, ctx: Context) -> URIRef | Literal:
    _, _, obj, kind, _, _ = key
    if kind == "entity":
        return entity_iri(ctx.base, obj)
    return date_literal(obj) if kind == "date" else Literal(obj)


def _qualifier_triples(node: URIRef, qualifiers: dict[str, Any], ctx: Context) -> list[Triple]:
    triples: list[Triple] = []
    for key in sorted(qualifiers):
        value = qualifiers[key]
        prop = V.QUALIFIER_PROPERTIES.get(key)
        if prop is None:
            text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
            triples.append((node, V.QUALIFIER, Literal(f"{key}={text}")))
            continue
        for item in value if isinstance(value, list) else [value]:
            is_date = key in V.DATE_QUALIFIERS and isinstance(item, str)
            triples.append((node, prop, date_literal(item) if is_date else ctx.term(item)))
    return triples


def _core_triples(key: StatementKey, node: URIRef, evidence: list[Evidence],
                  ctx: Context, review: Review | None, uncertain: bool = False) -> list[Triple]:
    subject, predicate, obj, kind, modality, quals = key
    obj_term = _object_term(key, ctx)
    triples: list[Triple] = [
        (node, V.RDF_TYPE, V.STATEMENT), (node, V.SUBJECT, entity_iri(ctx.base, subject)),
        (node, V.PREDICATE, V.predicate_iri(predicate)), (node, V.OBJECT, obj_term),
        (node, V.OBJECT_KIND, Literal(kind)), (node, V.MODALITY, Literal(modality)),
        (node, V.SOURCE_COUNT, Literal(len({e.doc_id for e in evidence}), datatype=XSD.integer)),
    ]
    if evidence:
        triples.append((node, V.CONFIDENCE, decimal_literal(max(e.confidence for e in evidence))))
    triples += [(node, V.RULE, Literal(rule)) for rule in {e.rule for e in evidence}]
    if kind == "date":
        triples += date_triples(node, obj)
    triples += review_triples(node, review, ctx.base)
    if uncertain:  # below the build's threshold: a statement to review, not a direct triple
        triples.append((node, V.UNCERTAIN, Literal(True)))
    elif modality in V.TRUTHY_MODALITIES and not (review and review.status == "rejected"):
        triples.append((entity_iri(ctx.base, subject), V.predicate_iri(predicate), obj_term))
    activity = activity_iri(ctx.kg.report, ctx.base)
    if activity is not None:
        triples.append((node, V.WAS_GENERATED_BY, activity))
    return triples + _qualifier_triples(node, json.loads(quals), ctx)


def _evidence_triples(statement: URIRef, ev: Evidence, ctx: Context) -> list[Triple]:
    base = ctx.base
    node = URIRef(f"{base}evidence/" + content_hash(
        str(statement), ev.doc_id, ev.start, ev.end, ev.rule, ev.quote, ev.layer))
    quote, position = URIRef(f"{node}-quote"), URIRef(f"{node}-position")
    nonneg = XSD.nonNegativeInteger
    context = [(quote, pred, Literal(text)) for pred, text in
               ((V.OA_PREFIX, ev.prefix), (V.OA_SUFFIX, ev.suffix)) if text]
    doc = ctx.documents.get(ev.doc_id)
    if doc is not None:  # its citation, chapter and page (kg.export.rdf_cite)
        context += evidence_place_triples(node, ev, doc, base)
    return context + [
        (statement, V.HAS_EVIDENCE, node),
        (node, V.RDF_TYPE, V.EVIDENCE), (node, V.RDF_TYPE, V.OA_SPECIFIC_RESOURCE),
        (node, V.IN_DOCUMENT, document_iri(base, ev.doc_id)),
        (node, V.OA_HAS_SELECTOR, quote), (node, V.OA_HAS_SELECTOR, position),
        (node, V.RULE, Literal(ev.rule)), (node, V.CONFIDENCE, decimal_literal(ev.confidence)),
        (node, V.MODALITY, Literal(ev.modality)), (node, V.LAYER, Literal(ev.layer)),
        (quote, V.RDF_TYPE, V.OA_QUOTE_SELECTOR), (quote, V.OA_EXACT, Literal(ev.quote)),
        (position, V.RDF_TYPE, V.OA_POSITION_SELECTOR),
        (position, V.OA_START, Literal(ev.start, datatype=nonneg)),
        (position, V.OA_END, Literal(ev.end, datatype=nonneg)),
    ]


def _add_statement(out: Graphs, key: StatementKey, evidence: list[Evidence],
                   ctx: Context, review: Review | None = None, uncertain: bool = False) -> None:
    rejected = review is not None and review.status == "rejected"
    node = URIRef(f"{ctx.base}statement/{content_hash(*key, *(['rejected'] if rejected else []))}")
    core = _core_triples(key, node, evidence, ctx, review, uncertain)
    used = {key[0], key[2]} if key[3] == "entity" else {key[0]}
    graphs = sorted({str(document_iri(ctx.base, ev.doc_id)) for ev in evidence}) or [None]
    graphs = [rejected_graph(ctx.base)] if rejected else graphs
    for graph in graphs:
        out.add(graph, core)
        out.uses[graph or ""].update(used)
    for ev in evidence:
        graph = graphs[0] if rejected else str(document_iri(ctx.base, ev.doc_id))
        out.add(graph, _evidence_triples(node, ev, ctx))


def _add_entities(out: Graphs, ctx: Context) -> None:
    where: dict[str, set[str]] = defaultdict(set)
    for graph, ids in out.uses.items():
        for entity_id in ids:
            where[entity_id].add(graph)
    known = {doc.id for doc in ctx.kg.documents}
    for entity in ctx.kg.entities.values():
        graphs = where[entity.id] | {str(document_iri(ctx.base, d)) for d in entity.sources}
        for graph in sorted(g for g in graphs if g in out.named) or [None]:
            out.add(graph, entity_triples(entity, ctx.base))
        out.add(None, entity_change_triples(entity, ctx.base))
        for triple in mention_triples(entity, ctx.base, known):
            out.add(str(triple[0]), [triple])


def _declare_predicates(kg: KnowledgeGraph) -> list[Triple]:
    """Declarations for predicates the ontology does not know, so the output explains itself."""
    triples: list[Triple] = []
    for name in sorted({r.predicate for r in kg.relations} - set(V.KNOWN_PREDICATES)):
        prop = V.predicate_iri(name)
        triples += [(prop, V.RDF_TYPE, RDF.Property), (prop, RDFS.label, Literal(relation_label(name))),
                    (prop, SKOS.notation, Literal(name)), (prop, RDFS.subPropertyOf, V.HKG.relatedTo)]
    return triples


def collect(kg: KnowledgeGraph, base: str) -> Graphs:
    """Every triple of the export, by graph (one collection for all the RDF files)."""
    ctx = Context(kg, check_base(base))
    out = Graphs()
    for doc in kg.documents:
        graph = str(document_iri(ctx.base, doc.id))
        out.add(graph, document_triples(doc, ctx) + division_triples(doc, ctx.base))
        people = (ctx.person(name) for name in [doc.author or "", *doc.recipients])
        out.uses[graph].update(p for p in people if p)
    for relations in (kg.relations, kg.rejected):
        for key, (evidence, review, uncertain) in _group_statements(relations).items():
            _add_statement(out, key, evidence, ctx, review, uncertain)
    known = {d.id for d in kg.documents}
    for ev in (e for r in kg.relations + kg.rejected for e in r.evidence if e.doc_id not in known):
        stub = stub_document(ev.doc_id, ev.source, ctx.base)
        out.add(str(document_iri(ctx.base, ev.doc_id)), stub)
    _add_entities(out, ctx)
    out.add(None, _declare_predicates(kg) + activity_triples(kg.report, ctx.base))
    return out


def collect_graphs(kg: KnowledgeGraph, base: str = DEFAULT_BASE
                   ) -> tuple[dict[str, set[Triple]], set[Triple]]:
    """The triples of the export: ``(document IRI → its graph, default graph)``.

    >>> named, default = collect_graphs(KnowledgeGraph())
    >>> named, default
    ({}, set())
    """
    graphs = collect(kg, base)
    return dict(graphs.named), graphs.default


def to_dataset(kg: KnowledgeGraph, base: str = DEFAULT_BASE) -> Dataset:
    """The KG as an rdflib Dataset: one named graph per document, default graph = union."""
    graphs = collect(kg, base)
    dataset = Dataset(default_union=True)
    for prefix, namespace in prefixes(base).items():
        dataset.bind(prefix, namespace, override=True, replace=True)
    default = dataset.default_graph
    dataset.addN((*t, default) for t in sorted(graphs.default, key=plain_triple_key))
    for name in sorted(graphs.named):
        graph = dataset.graph(URIRef(name))
        dataset.addN((*t, graph) for t in sorted(graphs.named[name], key=plain_triple_key))
    return dataset


def write_turtle(kg: KnowledgeGraph, path: str | os.PathLike[str],
                 base: str = DEFAULT_BASE) -> None:
    """Write every graph merged into one Turtle file, sorted, atomically."""
    write_text(path, turtle_text(collect(kg, base).merged(), prefixes(base)))


def write_trig(kg: KnowledgeGraph, path: str | os.PathLike[str],
               base: str = DEFAULT_BASE) -> None:
    """Write a TriG file with one named graph per document, sorted, atomically."""
    graphs = collect(kg, base)
    write_text(path, trig_text(graphs.named, graphs.default, prefixes(base)))
