"""KnowledgeGraph → one self-contained, offline HTML network page.

The page is histkg's own template (``html_assets/``) with vis-network's JS and CSS
inlined from the pyvis package, so nothing is fetched from any host (the CSS without the
rules carrying images of the editing buttons the page does not use: 206 of its 220 kB). Every string from a
document travels only inside one ``<script type="application/json">`` element with
``<``, ``>`` and ``&`` escaped, and the page scripts put it into the DOM with
``textContent`` (labels on the canvas with ``fillText``). The data is compact
(:mod:`kg.export.network`): the scripts derive colours, sizes and tooltips.

The page scripts, in order: ``labels.js`` (level-of-detail labels drawn on the canvas),
``timeline.js`` (the year-range slider), ``panel.js`` (the evidence panel, with a hook
for extra buttons), ``sources.js`` (the "Sources" filter), ``legend.js``, ``search.js`` (the name search), ``view.js`` (filters, search, counts; wires the rest).

>>> from kg.model import Entity, KnowledgeGraph
>>> page = render_html(KnowledgeGraph(entities={"a": Entity("a", "PERSON", "<b>A</b>")}))
>>> "<b>A</b>" in page, "\\\\u003cb\\\\u003eA" in page, "vis-network" in page
(False, True, True)
"""

from __future__ import annotations

import html
import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pyvis

from kg.export.atomic import write_text
from kg.errors import UsageError
from kg.export.cite import place_of, place_text
from kg.export.graphs import most_connected
from kg.export.network import network_data, relation_modality, sorted_relations
from kg.export.rdf_terms import content_hash
from kg.export.sources import cite, context, context_chars
from kg.model import MODALITIES, Document, Evidence, KnowledgeGraph, Relation
from kg.export.summary import graph_counts, plain_line, summary_line

__all__ = ["LAYOUT_THRESHOLD", "relation_modality", "render_html", "script_json", "write_html"]

LAYOUT_THRESHOLD = 300
PAGE_SCRIPTS = ("labels.js", "timeline.js", "panel.js", "sources.js", "legend.js", "search.js", "view.js",
                "curate.js")
TYPE_STYLE: dict[str, tuple[str, str]] = {  # entity type → (legend label, colour)
    "PERSON": ("Person", "#4e79a7"),
    "ORG": ("Organisation", "#f28e2b"),
    "GROUP": ("Group", "#c9a227"),
    "EVENT": ("Event", "#e15759"),
    "WORK": ("Work", "#59a1a0"),
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


def _evidence(ev: Evidence, documents: dict[str, Document], chars: int) -> dict[str, Any]:
    doc = documents.get(ev.doc_id)
    before, after = context(doc, ev, chars)
    data = {"doc": ev.doc_id, "source": ev.source, "quote": ev.quote, "start": ev.start,
            "end": ev.end, "rule": ev.rule, "confidence": round(ev.confidence, 4),
            "modality": ev.modality, "layer": ev.layer, "via": ev.via,
            "before": before, "after": after}
    place = place_text(place_of(doc, ev.start, ev.end)) if doc else ""
    if place:  # part, chapter, page: "pt. II, ch. XVI, p. 214"
        data["place"] = place
    return data


def _relation(rel: Relation, documents: dict[str, Document], chars: int) -> dict[str, Any]:
    return {"s": rel.subject, "p": rel.predicate, "o": rel.object, "kind": rel.object_kind,
            "modality": relation_modality(rel), "qualifiers": rel.qualifiers,
            "review": rel.review.status if rel.review else None, "uncertain": rel.uncertain,
            "confidence": round(rel.confidence, 4),
            "evidence": [_evidence(ev, documents, chars) for ev in rel.evidence]}


def _document(doc: Document) -> dict[str, Any]:
    return {"title": doc.title or doc.source, "source": doc.source, "kind": doc.kind,
            "date": doc.date, "author": doc.author, "recipients": doc.recipients,
            "cite": cite(doc), "citation": doc.citation.text if doc.citation else None}


def page_data(kg: KnowledgeGraph, layout_threshold: int = LAYOUT_THRESHOLD) -> dict[str, Any]:
    """Everything the page script needs, as plain JSON-able data."""
    data = network_data(kg, layout_threshold)
    data["entities"] = {e.id: {"label": e.label, "type": e.type, "aliases": e.aliases,
                               "wikidata": e.wikidata} for e in kg.entities.values()}
    documents, relations = {d.id: d for d in kg.documents}, sorted_relations(kg)
    chars = context_chars(sum(len(r.evidence) for r in relations))  # the page's size stays bounded
    data["relations"] = [_relation(r, documents, chars) for r in relations]
    data["documents"] = {d.id: _document(d) for d in kg.documents}
    present = sorted({e.type for e in kg.entities.values()})
    data["types"] = {t: dict(zip(("label", "color"), TYPE_STYLE.get(t, OTHER_STYLE))) for t in present}
    data["modalities"] = list(MODALITIES)
    data["threshold"] = (kg.report or {}).get("uncertain", {}).get("threshold")
    return data


_CSS_IMAGE_RULE = re.compile(r"[^{}]+\{[^{}]*url\([^{}]*\}")


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    if name.startswith("vis-network."):
        code = (Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / name).read_text("utf-8")
        return _CSS_IMAGE_RULE.sub("", code) if name.endswith(".css") else code
    return resources.files("kg.export").joinpath("html_assets", name).read_text("utf-8")


def _inline(code: str, tag: str) -> str:
    """Make library code safe to inline: no closing tag or comment opener inside."""
    return re.sub(rf"</(?={tag})", r"<\\/", code, flags=re.I).replace("<!--", "<\\!--")


@dataclass(frozen=True, slots=True)
class PageOptions:
    """How a course shows the page: its ``title`` (the header and the browser tab), a
    ``caption`` under the header, the entity it opens on (``focus``: an id, shown with its
    neighbours and its panel open) and ``readonly`` (no curation controls)."""

    title: str = "histkg network"
    caption: str | None = None
    focus: str | None = None
    readonly: bool = False


def find_entity(kg: KnowledgeGraph, name: str) -> str:
    """The id of the entity ``name`` names: its id, else its label or an alias (any case).

    Raises :class:`~kg.errors.UsageError` when none or several do.
    """
    if name in kg.entities:
        return name
    key = name.casefold()
    hits = sorted(e.id for e in kg.entities.values()
                  if key == e.label.casefold() or key in (a.casefold() for a in e.aliases))
    if len(hits) != 1:
        found = f"several entities: {', '.join(hits[:5])}" if hits else "no entity of that name or id"
        raise UsageError(f"--focus {name!r}: {found}")
    return hits[0]


def render_html(kg: KnowledgeGraph, title: str = "histkg network",
                layout_threshold: int = LAYOUT_THRESHOLD, max_nodes: int | None = None,
                page: PageOptions | None = None) -> str:
    """The page as a string (see :func:`write_html`)."""
    page = page or PageOptions(title)
    title = page.title
    shown = most_connected(kg, max_nodes, keep=page.focus)
    data = page_data(shown, layout_threshold)
    data["page"] = {"caption": page.caption, "focus": page.focus, "readonly": page.readonly}
    data["total"] = len(kg.entities)
    counts = graph_counts(kg)
    data["summary"] = summary_line(counts)
    data["header"] = plain_line(counts, [d.kind for d in kg.documents if not d.parent])
    data["build"] = content_hash(script_json(data))  # keys the curator's decisions kept in the browser
    parts = {
        "TITLE": html.escape(title, quote=True),
        "VIS_CSS": _inline(_asset("vis-network.css"), "style"),
        "PAGE_CSS": _inline(_asset("view.css") + _asset("curate.css"), "style"),
        "VIS_JS": _inline(_asset("vis-network.min.js"), "script"),
        "PAGE_JS": _inline("\n".join(_asset(name) for name in PAGE_SCRIPTS), "script"),
        "DATA": script_json(data),
    }
    return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], _asset("page.html"))


def write_html(kg: KnowledgeGraph, path: str | os.PathLike[str],
               title: str = "histkg network", max_nodes: int | None = None,
               page: PageOptions | None = None) -> None:
    """Write the network page to ``path`` atomically (the ``max_nodes`` most connected).

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "graph.html"
    >>> write_html(KnowledgeGraph(), out)
    >>> out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    True
    """
    write_text(path, render_html(kg, title, max_nodes=max_nodes, page=page))
