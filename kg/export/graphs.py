"""Graph files for network tools: GEXF (Gephi, with time spells), GraphML, Palladio CSV.

:func:`to_networkx` is the common model: a ``MultiDiGraph`` with one node per entity and
one edge per entity-to-entity relation. Dates come from the graph itself:

- an edge gets ``start``/``end``: the earliest and latest day of the time of its fact, its
  relation's ``date`` qualifier, or for ``wrote_to`` the date of the letter (never the date
  of a source stating it: :mod:`kg.export.timespan`, shared with the time slider of graph.html);
- a node with ``born_on``/``died_on`` relations gets its lifespan as ``start``/``end``,
  and every date-valued relation (``arrested_on``…) as an attribute holding the EDTF.

Every edge has its ``confidence`` (the highest of its evidence) and, when a curator
reviewed it or it is uncertain (below the build's ``--min-confidence``, kept by
``--keep-uncertain``), its ``review`` status (``accepted``, ``added``, ``uncertain``).

In GEXF these become ``<spells>`` (the graph is then ``mode="dynamic"`` with
``timeformat="date"``), which Gephi's timeline reads. Attribute values are plain
strings and numbers, so GraphML can hold them; unknown values are left out.

>>> from kg.model import Entity, KnowledgeGraph, Relation
>>> kg = KnowledgeGraph(entities={"a": Entity("a", "PERSON", "A"), "b": Entity("b", "ORG", "B")},
...                     relations=[Relation("a", "member_of", "b", "entity", qualifiers={"date": "1917"})])
>>> g = to_networkx(kg)
>>> g.nodes["a"]["label"], list(g.edges(data="start"))
('A', [('a', 'b', '1917-01-01')])
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterable, Mapping

import networkx as nx

from kg.export.atomic import atomic_open, write_text
from kg.export.tables import review_status
from kg.export.timespan import Span, hull, lifespans, relation_spans
from kg.model import Document, KnowledgeGraph, Relation

PALLADIO_NODE_COLUMNS = ["Id", "Label", "Type", "Wikidata", "Aliases", "Mentions", "Sources",
                         "Start", "End"]
PALLADIO_EDGE_COLUMNS = ["Source", "Target", "Source label", "Target label", "Relation",
                         "Modality", "Date", "Start", "End", "Evidence", "Sources", "Quote",
                         "Confidence", "Review"]
MULTI = ";"  # separator of multi-valued Palladio fields


def _modality(rel: Relation) -> str:
    from kg.export.network import relation_modality

    return relation_modality(rel)


def _node_dates(kg: KnowledgeGraph) -> dict[str, dict[str, str]]:
    """Per entity: ``start``/``end`` from its lifespan and one EDTF attribute per date relation."""
    dates: dict[str, dict[str, str]] = defaultdict(dict)
    for rel in kg.relations:
        if rel.object_kind == "date" and rel.subject in kg.entities:
            dates[rel.subject].setdefault(rel.predicate, rel.object)
    for entity_id, span in lifespans(kg).items():
        dates[entity_id].update(span)
    return dates


def _edge_dates(rel: Relation, documents: Mapping[str, Document]) -> dict[str, str]:
    """``date`` (its own EDTF, if any) and ``start``/``end``: the days it held
    (:mod:`kg.export.timespan`: its own date, or a letter's date for writing it)."""
    out: dict[str, str] = {}
    edtf = rel.qualifiers.get("date")
    if isinstance(edtf, str) and edtf:
        out["date"] = edtf
    span = hull(relation_spans(rel, documents))
    if span:
        out |= {"start": span[0], "end": span[1]}
    return out


def _edge_attrs(index: int, rel: Relation, documents: Mapping[str, Document]) -> dict[str, Any]:
    quals = {k: v for k, v in rel.qualifiers.items() if k != "date"}
    attrs: dict[str, Any] = {
        "id": f"r{index}", "label": rel.predicate, "predicate": rel.predicate,
        "modality": _modality(rel), "evidence": len(rel.evidence),
        "sources": "|".join(rel.sources),
        "quote": rel.evidence[0].quote if rel.evidence else "",
        "confidence": round(rel.confidence, 4),
    }
    if quals:
        attrs["qualifiers"] = json.dumps(quals, sort_keys=True, ensure_ascii=False, default=str)
    if rel.review or rel.uncertain:
        attrs["review"] = review_status(rel)
    return attrs | _edge_dates(rel, documents)


def entity_relations(kg: KnowledgeGraph) -> list[Relation]:
    """Relations between two known entities, in a stable order."""
    def key(r: Relation) -> tuple[str, ...]:
        return (r.subject, r.predicate, r.object, json.dumps(r.qualifiers, sort_keys=True, default=str))

    return sorted((r for r in kg.relations if r.object_kind == "entity"
                   and r.subject in kg.entities and r.object in kg.entities), key=key)


def to_networkx(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    """The entity network as a networkx ``MultiDiGraph`` (see the module docs)."""
    graph = nx.MultiDiGraph(name="histkg")
    dates = _node_dates(kg)
    for entity in sorted(kg.entities.values(), key=lambda e: e.id):
        attrs: dict[str, Any] = {"label": entity.label, "type": entity.type,
                                 "mentions": entity.mention_count,
                                 "aliases": "|".join(entity.aliases),
                                 "sources": "|".join(entity.sources)}
        if entity.wikidata:
            attrs["wikidata"] = entity.wikidata
        graph.add_node(entity.id, **attrs, **dates.get(entity.id, {}))
    documents = {d.id: d for d in kg.documents}
    for index, rel in enumerate(entity_relations(kg)):
        graph.add_edge(rel.subject, rel.object, key=f"r{index}", **_edge_attrs(index, rel, documents))
    return graph


def _with_spells(graph: nx.MultiDiGraph, edge_spans: Mapping[str, list[Span]]) -> nx.MultiDiGraph:
    """A copy whose ``start``/``end`` attributes are GEXF spells; an edge attested in
    documents of different dates gets one spell per date (``edge_spans``, by edge key)."""
    out = graph.copy()
    for _, data in out.nodes(data=True):
        start, end = data.pop("start", None), data.pop("end", None)
        if start or end:
            data["spells"] = [(start, end)]
    for *_, key, data in out.edges(keys=True, data=True):
        data.pop("start", None), data.pop("end", None)
        if edge_spans.get(key):
            data["spells"] = list(edge_spans[key])
    return out


def gexf_text(kg: KnowledgeGraph) -> str:
    """GEXF 1.2 of the entity network, with spells for dated nodes and edges (the same
    dates as the time slider of graph.html)."""
    documents = {d.id: d for d in kg.documents}
    spans = {f"r{i}": relation_spans(rel, documents) for i, rel in enumerate(entity_relations(kg))}
    buffer = io.BytesIO()
    nx.write_gexf(_with_spells(to_networkx(kg), spans), buffer, version="1.2draft")
    text = buffer.getvalue().decode("utf-8")  # networkx stamps today: use the build's date
    day = str((kg.report or {}).get("date") or "1970-01-01")
    return re.sub(r'lastmodifieddate="[^"]*"', f'lastmodifieddate="{day}"', text, count=1)


def graphml_text(kg: KnowledgeGraph) -> str:
    """GraphML of the entity network (dates as plain ``start``/``end`` attributes)."""
    return "\n".join(nx.generate_graphml(to_networkx(kg), edge_id_from_attribute="id")) + "\n"


def palladio_nodes(kg: KnowledgeGraph) -> list[list[Any]]:
    """Rows of palladio_nodes.csv, one per entity."""
    dates = _node_dates(kg)
    rows = []
    for e in sorted(kg.entities.values(), key=lambda e: e.id):
        span = dates.get(e.id, {})
        rows.append([e.id, e.label, e.type, e.wikidata or "", MULTI.join(e.aliases),
                     e.mention_count, MULTI.join(e.sources), span.get("start", ""),
                     span.get("end", "")])
    return rows


def palladio_edges(kg: KnowledgeGraph) -> list[list[Any]]:
    """Rows of palladio_edges.csv, one per entity-to-entity relation."""
    rows = []
    documents = {d.id: d for d in kg.documents}
    for rel in entity_relations(kg):
        dated = _edge_dates(rel, documents)
        rows.append([rel.subject, rel.object, kg.entities[rel.subject].label,
                     kg.entities[rel.object].label, rel.predicate, _modality(rel),
                     dated.get("date", ""), dated.get("start", ""), dated.get("end", ""),
                     len(rel.evidence), MULTI.join(rel.sources),
                     rel.evidence[0].quote if rel.evidence else "",
                     f"{rel.confidence:.2f}", review_status(rel)])
    return rows


def _write_csv(path: Path, columns: list[str], rows: Iterable[list[Any]]) -> None:
    with atomic_open(path, newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)


def write_graph_files(kg: KnowledgeGraph, out_dir: str | Path) -> list[Path]:
    """Write graph.gexf, graph.graphml, palladio_nodes.csv and palladio_edges.csv."""
    out = Path(out_dir)
    write_text(out / "graph.gexf", gexf_text(kg))
    write_text(out / "graph.graphml", graphml_text(kg))
    _write_csv(out / "palladio_nodes.csv", PALLADIO_NODE_COLUMNS, palladio_nodes(kg))
    _write_csv(out / "palladio_edges.csv", PALLADIO_EDGE_COLUMNS, palladio_edges(kg))
    return [out / n for n in ("graph.gexf", "graph.graphml", "palladio_nodes.csv",
                              "palladio_edges.csv")]


def _neighbours(kg: KnowledgeGraph) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for rel in entity_relations(kg):
        if rel.subject != rel.object:
            out[rel.subject].add(rel.object)
            out[rel.object].add(rel.subject)
    return out


def connected_top(ranked: list[str], neighbours: Mapping[str, set[str]], limit: int) -> set[str]:
    """At most ``limit`` of ``ranked`` (best first), each linked to another one kept.

    Links are taken best first (by the rank of their lower-ranked end, then of the
    other): a link adds its ends when there is room for both, so the set grows in rank
    order and never holds a node without a link inside it.

    >>> sorted(connected_top(["a", "z", "b", "c"], {"a": {"b"}, "b": {"a", "c"}, "c": {"b"}}, 2))
    ['a', 'b']
    """
    rank = {node: i for i, node in enumerate(ranked)}
    links = sorted({(max(rank[a], rank[b]), min(rank[a], rank[b]))
                    for a, others in neighbours.items() if a in rank
                    for b in others if b in rank and b != a})
    keep: set[str] = set()
    for worse, better in links:
        new = {ranked[worse], ranked[better]} - keep
        if len(keep) + len(new) <= limit:
            keep |= new
        if len(keep) >= limit:
            break
    return keep


def most_connected(kg: KnowledgeGraph, max_nodes: int | None, keep: str | None = None) -> KnowledgeGraph:
    """At most ``max_nodes`` of the entities with most relations (ties: more mentions,
    then id) *and* the relations among them: an entity whose relations would all be
    dropped is left out (:func:`connected_top`), so none is isolated.

    Relations are kept when their subject is kept and their object is kept or not an
    entity; documents and the report are shared. ``None`` or a large enough limit
    returns ``kg`` itself. ``keep``: an entity ranked first (the page's focus).
    """
    if max_nodes is None or len(kg.entities) <= max_nodes:
        return kg
    neighbours = _neighbours(kg)
    ranked = sorted(kg.entities.values(), key=lambda e: (e.id != keep, -len(neighbours.get(e.id, ())),
                                                          -e.mention_count, e.id))
    kept = connected_top([e.id for e in ranked], neighbours, max_nodes)
    keep = {e_id: kg.entities[e_id] for e_id in kept}
    relations = [r for r in kg.relations if r.subject in keep
                 and (r.object_kind != "entity" or r.object in keep)]
    mentions = [m for m in kg.mentions if m.entity is None or m.entity in keep]
    return KnowledgeGraph(kg.documents, dict(sorted(keep.items())), mentions, relations, kg.report)
