"""KnowledgeGraph → one self-contained, offline HTML network page.

pyvis builds the vis-network node/edge/option data; the page itself is histkg's own
template (``html_assets/``) with vis-network's JS and CSS inlined from the pyvis
package, so nothing is fetched from any host (pyvis's own templates load Bootstrap
from a CDN and never escape ``heading``). Every string from a document travels only
inside one ``<script type="application/json">`` element with ``<``, ``>`` and ``&``
escaped, and the page script puts it into the DOM with ``textContent``. Above
:data:`LAYOUT_THRESHOLD` nodes, positions are precomputed and physics is off.

>>> from kg.model import Entity, KnowledgeGraph
>>> page = render_html(KnowledgeGraph(entities={"a": Entity("a", "PERSON", "<b>A</b>")}))
>>> "<b>A</b>" in page, "\\\\u003cb\\\\u003eA" in page, "vis-network" in page
(False, True, True)
"""

from __future__ import annotations

import html
import json
import math
import os
import re
from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pyvis
from pyvis.network import Network

from kg.atomic import write_text
from kg.export.graphs import most_connected
from kg.export.layout import positions
from kg.model import MODALITIES, Document, Entity, Evidence, KnowledgeGraph, Relation

LAYOUT_THRESHOLD = 300
TYPE_STYLE: dict[str, tuple[str, str]] = {  # entity type → (legend label, colour)
    "PERSON": ("Person", "#4e79a7"),
    "ORG": ("Organisation", "#f28e2b"),
    "GROUP": ("Group", "#edc948"),
    "EVENT": ("Event", "#e15759"),
    "WORK": ("Work", "#76b7b2"),
    "PLACE": ("Place", "#59a14f"),
    "DATE": ("Date", "#b07aa1"),
}
OTHER_STYLE = ("Other", "#9c9c9c")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                 "\u2028": "\\u2028", "\u2029": "\\u2029"}
_PLACEHOLDER = re.compile(r"@@([A-Z_]+)@@")


def script_json(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: ``<``, ``>``, ``&`` escaped.

    >>> script_json({"q": "</script><b>&"})
    '{"q":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group(0)], text)


def relation_modality(rel: Relation) -> str:
    """The strongest modality among a relation's evidence (asserted first)."""
    found = {ev.modality for ev in rel.evidence} or {"asserted"}
    return next((m for m in MODALITIES if m in found), sorted(found)[0])


def _edges(kg: KnowledgeGraph) -> list[tuple[int, Relation]]:
    """Entity-to-entity relations between known entities, with their index in the data."""
    return [(i, r) for i, r in enumerate(_sorted_relations(kg))
            if r.object_kind == "entity" and r.subject in kg.entities and r.object in kg.entities]


def _sorted_relations(kg: KnowledgeGraph) -> list[Relation]:
    def key(r: Relation) -> tuple[str, ...]:
        quals = json.dumps(r.qualifiers, sort_keys=True, default=str)
        return (r.subject, r.predicate, r.object, r.object_kind, quals)

    return sorted(kg.relations, key=key)


def _node(entity: Entity, degree: int, xy: tuple[int, int] | None) -> dict[str, Any]:
    label, colour = TYPE_STYLE.get(entity.type, OTHER_STYLE)
    aliases = f"\n{', '.join(entity.aliases)}" if entity.aliases else ""
    node: dict[str, Any] = {
        "id": entity.id, "label": entity.label, "type": entity.type, "color": colour,
        "shape": "dot", "size": round(8 + 4 * math.sqrt(degree), 1),
        "title": f"{entity.label} ({label}){aliases}",
    }
    if xy is not None:
        node["x"], node["y"] = xy
    return node


def _edge(index: int, rel: Relation) -> dict[str, Any]:
    modality = relation_modality(rel)
    count = len(rel.sources)
    return {
        "id": f"r{index}", "rel": index, "from": rel.subject, "to": rel.object,
        "label": rel.predicate, "predicate": rel.predicate, "modality": modality,
        "arrows": "to", "dashes": modality not in ("asserted", "reported"),
        "title": f"{rel.predicate} ({modality}; {count} source{'s' if count != 1 else ''})",
    }


def _options(physics: bool, node_count: int) -> dict[str, Any]:
    return {
        "autoResize": True, "height": "100%", "width": "100%",
        "layout": {"randomSeed": 7, "improvedLayout": node_count <= 150},
        "nodes": {"shape": "dot", "borderWidth": 1, "font": {"size": 14}},
        "edges": {"color": {"color": "#9a9a9a", "highlight": "#333333", "inherit": False},
                  "font": {"size": 10, "align": "middle", "strokeWidth": 3},
                  "smooth": {"type": "continuous"} if physics else False,
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}},
        "physics": {"enabled": physics, "solver": "forceAtlas2Based",
                    "stabilization": {"enabled": physics, "iterations": 250}},
        "interaction": {"hover": True, "tooltipDelay": 200, "hideEdgesOnDrag": not physics,
                        "navigationButtons": False, "keyboard": False},
    }


def build_network(kg: KnowledgeGraph, layout_threshold: int = LAYOUT_THRESHOLD) -> Network:
    """A pyvis Network with one node per entity and one edge per entity relation.

    Node and edge dicts are appended directly (``add_edge`` is quadratic).
    """
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    edges = _edges(kg)
    degree = Counter(n for _, r in edges for n in (r.subject, r.object))
    ids = sorted(kg.entities)
    xy = positions(ids, [(r.subject, r.object) for _, r in edges]) \
        if len(ids) > layout_threshold else {}
    for entity_id in ids:
        node = _node(kg.entities[entity_id], degree[entity_id], xy.get(entity_id))
        net.nodes.append(node)
        net.node_ids.append(entity_id)
        net.node_map[entity_id] = node
    net.edges.extend(_edge(i, r) for i, r in edges)
    net.options = _options(physics=not xy, node_count=len(ids))
    return net


def _evidence(ev: Evidence) -> dict[str, Any]:
    return {"doc": ev.doc_id, "source": ev.source, "quote": ev.quote, "start": ev.start,
            "end": ev.end, "rule": ev.rule, "confidence": round(ev.confidence, 4),
            "modality": ev.modality, "layer": ev.layer}


def _relation(rel: Relation) -> dict[str, Any]:
    return {"s": rel.subject, "p": rel.predicate, "o": rel.object, "kind": rel.object_kind,
            "modality": relation_modality(rel), "qualifiers": rel.qualifiers,
            "review": rel.review.status if rel.review else None,
            "evidence": [_evidence(ev) for ev in rel.evidence]}


def _document(doc: Document) -> dict[str, Any]:
    return {"title": doc.title or doc.source, "source": doc.source, "kind": doc.kind,
            "date": doc.date, "author": doc.author, "recipients": doc.recipients,
            "citation": doc.citation.text if doc.citation else None}


def page_data(kg: KnowledgeGraph, net: Network) -> dict[str, Any]:
    """Everything the page script needs, as plain JSON-able data."""
    nodes, edges, _, _, _, options = net.get_network_data()
    entities = {e.id: {"label": e.label, "type": e.type, "aliases": e.aliases,
                       "wikidata": e.wikidata} for e in kg.entities.values()}
    present = sorted({e.type for e in kg.entities.values()})
    return {
        "nodes": nodes, "edges": edges, "options": json.loads(options),
        "entities": entities, "relations": [_relation(r) for r in _sorted_relations(kg)],
        "documents": {d.id: _document(d) for d in kg.documents},
        "types": {t: dict(zip(("label", "color"), TYPE_STYLE.get(t, OTHER_STYLE)))
                  for t in present},
        "modalities": list(MODALITIES),
    }


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    if name.startswith("vis-network."):
        return (Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / name).read_text("utf-8")
    return resources.files("kg.export").joinpath("html_assets", name).read_text("utf-8")


def _inline(code: str, tag: str) -> str:
    """Make library code safe to inline: no closing tag or comment opener inside."""
    return re.sub(rf"</(?={tag})", r"<\\/", code, flags=re.I).replace("<!--", "<\\!--")


def render_html(kg: KnowledgeGraph, title: str = "histkg network",
                layout_threshold: int = LAYOUT_THRESHOLD, max_nodes: int | None = None) -> str:
    """The page as a string (see :func:`write_html`)."""
    shown = most_connected(kg, max_nodes)
    data = page_data(shown, build_network(shown, layout_threshold))
    data["total"] = len(kg.entities)
    parts = {
        "TITLE": html.escape(title, quote=True),
        "VIS_CSS": _inline(_asset("vis-network.css"), "style"),
        "PAGE_CSS": _inline(_asset("view.css") + _asset("curate.css"), "style"),
        "VIS_JS": _inline(_asset("vis-network.min.js"), "script"),
        "PAGE_JS": _inline(_asset("view.js") + _asset("curate.js"), "script"),
        "DATA": script_json(data),
    }
    return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], _asset("page.html"))


def write_html(kg: KnowledgeGraph, path: str | os.PathLike[str],
               title: str = "histkg network", max_nodes: int | None = None) -> None:
    """Write the network page to ``path`` atomically (the ``max_nodes`` most connected).

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "graph.html"
    >>> write_html(KnowledgeGraph(), out)
    >>> out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    True
    """
    write_text(path, render_html(kg, title, max_nodes=max_nodes))
