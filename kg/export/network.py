"""The network page's data: compact nodes and edges, with degree, dates and names.

A node is ``{"id", "name", "type", "deg", "src"}`` (+ ``x``/``y`` when the layout is
precomputed for more than ``layout_threshold`` connected nodes, + ``life``: ``[born, died]`` ISO days, ``""`` when unknown); an edge is
``{"id", "rel", "from", "to", "p", "m", "t"}``: ``rel`` indexes the page's relations,
``p`` the predicate, ``m`` the modality, ``src`` the indexes of the sources stating it
(top-level documents, :mod:`kg.export.sources`; a node's ``src``: those of its relations, most used first), ``t`` its spans of ISO days (empty: undated, see
:mod:`kg.export.timespan`), ``u``: 1 when the relation is uncertain (below the build's
``--min-confidence``, kept by ``--keep-uncertain``). Colours, sizes and tooltips are made by the page script, so
the data carries each fact once. Above ``layout_threshold`` nodes the positions of the
connected nodes are computed here (:mod:`kg.export.layout`) and physics is off; the
page puts entities without relations in rows under the network when the reader shows them.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from kg.export.layout import positions
from kg.export.relation_names import relation_group, relation_groups, relation_label
from kg.export.sources import edge_sources, first_view, node_sources, roots, source_table
from kg.export.timespan import lifespans, relation_spans
from kg.model import MODALITIES, KnowledgeGraph, Relation


def relation_modality(rel: Relation) -> str:
    """The strongest modality among a relation's evidence (asserted first)."""
    found = {ev.modality for ev in rel.evidence} or {"asserted"}
    return next((m for m in MODALITIES if m in found), sorted(found)[0])


def sorted_relations(kg: KnowledgeGraph) -> list[Relation]:
    """All relations in the page's stable order (edges point into it by index)."""
    def key(r: Relation) -> tuple[str, ...]:
        quals = json.dumps(r.qualifiers, sort_keys=True, default=str)
        return (r.subject, r.predicate, r.object, r.object_kind, quals)

    return sorted(kg.relations, key=key)


def _edges(kg: KnowledgeGraph, relations: list[Relation], index: dict[str, int]) -> list[dict[str, Any]]:
    documents, root = {d.id: d for d in kg.documents}, roots(kg)
    return [{"id": f"r{i}", "rel": i, "from": r.subject, "to": r.object, "p": r.predicate,
             "m": relation_modality(r), "t": [list(s) for s in relation_spans(r, documents)],
             "src": edge_sources(r.evidence, root, index)}
            | ({"u": 1} if r.uncertain else {})
            for i, r in enumerate(relations)
            if r.object_kind == "entity" and r.subject in kg.entities and r.object in kg.entities]


def _nodes(kg: KnowledgeGraph, edges: list[dict[str, Any]], layout_threshold: int) -> list[dict[str, Any]]:
    degree = Counter(n for e in edges if e["from"] != e["to"] for n in (e["from"], e["to"]))
    ids = sorted(kg.entities)
    linked = [i for i in ids if degree[i]]
    xy = positions(linked, [(e["from"], e["to"]) for e in edges]) if len(linked) > layout_threshold else {}
    life, sources = lifespans(kg), node_sources(edges)
    nodes = []
    for entity_id in ids:
        entity = kg.entities[entity_id]
        node: dict[str, Any] = {"id": entity_id, "name": entity.label, "type": entity.type,
                                "deg": degree[entity_id], "src": sources.get(entity_id, [])}
        if entity_id in xy:
            node["x"], node["y"] = xy[entity_id]
        if entity_id in life:
            node["life"] = [life[entity_id].get("start", ""), life[entity_id].get("end", "")]
        nodes.append(node)
    return nodes


def _options(physics: bool, node_count: int) -> dict[str, Any]:
    return {
        "autoResize": True, "height": "100%", "width": "100%",
        "layout": {"randomSeed": 7, "improvedLayout": node_count <= 150},
        "nodes": {"shape": "dot", "borderWidth": 1},
        "edges": {"smooth": {"type": "continuous"} if physics else False,
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}},
        "physics": {"enabled": physics, "solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -130, "centralGravity": 0.02,
                                         "springLength": 100, "springConstant": 0.12,
                                         "avoidOverlap": 0.6},
                    "stabilization": {"enabled": physics, "iterations": 300}},
        "interaction": {"hover": True, "tooltipDelay": 200, "hideEdgesOnDrag": not physics,
                        "navigationButtons": False, "keyboard": False},
    }


def predicate_table(relations: list[Relation]) -> dict[str, dict[str, Any]]:
    """Every predicate of the relations: its reader's name and relation-group index."""
    return {p: {"label": relation_label(p), "group": relation_group(p)}
            for p in sorted({r.predicate for r in relations})}


def network_data(kg: KnowledgeGraph, layout_threshold: int) -> dict[str, Any]:
    """Nodes, edges, vis-network options, predicate names and relation groups."""
    relations, sources = sorted_relations(kg), source_table(kg)
    edges = _edges(kg, relations, {s["id"]: i for i, s in enumerate(sources)})
    nodes = _nodes(kg, edges, layout_threshold)
    physics = sum(1 for n in nodes if n["deg"]) <= layout_threshold
    return {"nodes": nodes, "edges": edges, "options": _options(physics, len(nodes)),
            "sources": sources, "first": first_view(nodes),
            "predicates": predicate_table(relations),
            "groups": [{"label": g["label"], "color": g["color"]} for g in relation_groups()]}
