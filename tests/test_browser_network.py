"""Is graph.html readable? Real headless Chromium (tests/chromium.py), network cut.

Labels are measured where the page drew them (``histkg.labels.boxes()``: CSS px of each
label drawn on the canvas in the last frame), nodes where vis-network put them. Pages are
opened at 1366×768 and inside a 900 px iframe of a course page. The time slider is tested
in test_browser_timeline.py. Screenshots of the seeds' page go to ``tests/artifacts/``
(ignored by git); ``benchmarks/page_screenshots.py`` makes them for any corpus.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import chromium
import pytest
from conftest import SEEDS

from kg.export.html import write_html
from kg.export.relation_names import ontology_labels
from kg.model import Entity, Evidence, KnowledgeGraph, Relation
from kg.export.summary import summary_line

ARTIFACTS = Path(__file__).parent / "artifacts"
DESKTOP = (1366, 768)
COMPACT = (760, 460)  # a small laptop window: the seeds' names no longer all fit at the default zoom

_LABELS = """() => {
  const c = document.querySelector('#kg-network canvas').getBoundingClientRect();
  return histkg.labels.boxes().map(b => Object.assign(b, {x: b.x + c.left, y: b.y + c.top}));
}"""
_CANVAS = "() => { const r = document.querySelector('#kg-network canvas').getBoundingClientRect();" \
          " return [r.left, r.top, r.width, r.height]; }"
_NODES_IN_VIEW = """() => {
  const net = histkg.network, c = document.querySelector('#kg-network canvas');
  return net.body.nodeIndices.filter(id => {
    const p = net.canvasToDOM(net.getPosition(id));
    return p.x > 0 && p.y > 0 && p.x < c.clientWidth && p.y < c.clientHeight;
  });
}"""
_REDRAW = """code => new Promise(done => {
  histkg.network.once('afterDrawing', () => done(true));
  (new Function(code))();
  histkg.network.redraw();
})"""
_RECT = "sel => { const r = document.querySelector(sel).getBoundingClientRect();" \
        " return [r.left, r.top, r.right, r.bottom]; }"


@pytest.fixture(scope="module")
def limited_build(seed_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds again with ``--max-nodes 20`` (parsed files come from the seed build's cache)."""
    from kg.cli import main

    out = tmp_path_factory.mktemp("max-nodes")
    assert main(["build", str(SEEDS), "--out", str(out), "--quiet", "--max-nodes", "20",
                 "--cache-dir", str(seed_build / ".cache")]) == 0
    return out


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _linked(build: Path) -> set[str]:
    return {n for r in _rows(build / "relations.csv") if r["object_kind"] == "entity"
            for n in (r["subject"], r["object"])}


def _open(browser: Any, path: Path, size: tuple[int, int] = DESKTOP) -> tuple[Any, chromium.Watch]:
    page, watch = chromium.open_page(browser, path.as_uri(), size=size)
    chromium.wait_stable(page)
    return page, watch


def _overlaps(a: dict, b: dict) -> bool:
    return a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and \
        a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]


def _assert_readable(frame: Any, least: int) -> list[dict]:
    """Every drawn label ≥ 12 px, inside the canvas, and no two overlapping."""
    boxes = frame.evaluate(_LABELS)
    left, top, width, height = frame.evaluate(_CANVAS)
    nodes = [b for b in boxes if b["kind"] == "node"]
    assert len(nodes) >= least, [b["text"] for b in nodes]
    for b in boxes:
        assert b["size"] >= 12 and b["h"] >= 12, b
        assert left <= b["x"] and b["x"] + b["w"] <= left + width + 0.5, b
        assert top <= b["y"] and b["y"] + b["h"] <= top + height + 0.5, b
    clashes = [(a["text"], b["text"]) for i, a in enumerate(boxes) for b in boxes[i + 1:] if _overlaps(a, b)]
    assert not clashes
    return boxes


# Level of detail -------------------------------------------------------------------------

def test_seed_labels_are_legible_and_apart_at_default_zoom(browser: Any, seed_build: Path) -> None:
    page, watch = _open(browser, seed_build / "graph.html")
    boxes = _assert_readable(page, least=12)
    hub = page.evaluate("histkg.data.nodes.reduce((a, b) => b.deg > a.deg ? b : a).name")
    assert hub in {b["text"] for b in boxes}  # the most connected entity is named
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "seeds-graph.png"))
    watch.assert_clean()


def _ev(doc: str, quote: str = "q") -> Evidence:
    return Evidence(doc, f"{doc}.txt", quote, 0, len(quote), "r.test", 0.9)


def skewed_kg(count: int = 400) -> KnowledgeGraph:
    """Each entity linked to two earlier ones, early ones preferred: a few hubs, many leaves."""
    import random

    rng = random.Random(3)
    entities = {f"e{i}": Entity(f"e{i}", "PERSON", f"Person number {i}") for i in range(count)}
    relations = [Relation(f"e{i}", "met_with", f"e{int(rng.random() ** 2 * i)}", "entity", [_ev("d")])
                 for i in range(1, count) for _ in range(2)]
    return KnowledgeGraph(entities=entities, relations=relations)


def test_a_dense_network_names_its_most_connected_first(browser: Any, tmp_path: Path) -> None:
    write_html(skewed_kg(), tmp_path / "graph.html")
    page, watch = _open(browser, tmp_path / "graph.html")
    boxes = _assert_readable(page, least=12)
    degree = dict(page.evaluate("histkg.data.nodes.map(n => [n.id, n.deg])"))
    named = {b["id"] for b in boxes if b["kind"] == "node"}
    hubs = sorted(degree, key=lambda n: -degree[n])[:5]
    assert len(named) < len(degree) / 4  # not every node at the default zoom
    assert hubs[0] in named and len(named & set(hubs)) >= 4  # the hubs are named
    assert sum(degree[n] for n in named) / len(named) > 2 * sum(degree.values()) / len(degree)
    watch.assert_clean()


def test_zooming_in_names_more_of_the_nodes_in_view(browser: Any, seed_build: Path) -> None:
    page, watch = _open(browser, seed_build / "graph.html", COMPACT)
    before = {b["id"] for b in page.evaluate(_LABELS) if b["kind"] == "node"}
    hub = page.evaluate("histkg.data.nodes.reduce((a, b) => b.deg > a.deg ? b : a).id")
    page.evaluate(_REDRAW, "const n = histkg.network; n.moveTo({position: n.getPosition("
                  + json.dumps(hub) + "), scale: n.getScale() * 2.5});")
    in_view = set(page.evaluate(_NODES_IN_VIEW))
    after = {b["id"] for b in _assert_readable(page, least=3) if b["kind"] == "node"}
    assert len(after & in_view) > len(before & in_view)
    assert len(in_view) >= 4
    watch.assert_clean()


def test_node_size_grows_with_degree(browser: Any, seed_build: Path) -> None:
    page, watch = _open(browser, seed_build / "graph.html")
    pairs = page.evaluate("histkg.network.body.nodeIndices.map(id =>"
                          " [histkg.nodes.get(id).deg, histkg.network.body.nodes[id].shape.radius])")
    pairs.sort()
    assert all(a[1] <= b[1] for a, b in zip(pairs, pairs[1:])) and pairs[0][1] < pairs[-1][1]
    watch.assert_clean()


def test_search_and_click_always_show_the_label(browser: Any, seed_build: Path) -> None:
    page, watch = _open(browser, seed_build / "graph.html", COMPACT)
    hidden = [n for n in page.evaluate(_NODES_IN_VIEW)
              if n not in {b["id"] for b in page.evaluate(_LABELS)}]
    assert len(hidden) >= 2, "nodes are all labelled already: nothing to check"
    name = page.evaluate("id => histkg.nodes.get(id).name", hidden[0])
    page.fill("#kg-search", name)
    page.wait_for_timeout(300)
    assert name in {b["text"] for b in page.evaluate(_LABELS)}
    watch.assert_clean()
    page, watch = _open(browser, seed_build / "graph.html", COMPACT)  # afresh: the search zoomed in
    other = hidden[1]
    x, y = page.evaluate("""id => { const net = histkg.network, p = net.canvasToDOM(net.getPosition(id)),
      c = document.querySelector('#kg-network canvas').getBoundingClientRect(); return [c.left + p.x, c.top + p.y]; }""", other)
    page.mouse.click(x, y)
    page.wait_for_selector("#kg-panel:not([hidden])", timeout=5_000)
    page.wait_for_timeout(300)
    assert other in {b["id"] for b in page.evaluate(_LABELS)}
    watch.assert_clean()


def test_labels_are_legible_in_a_900px_course_page_frame(browser: Any, seed_build: Path) -> None:
    host = seed_build / "course-900.html"
    host.write_text("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Course</title></head>"
                    "<body style='margin:0'><p>Week 3</p><iframe src='graph.html' title='network'"
                    " style='width:900px;height:560px;border:0'></iframe></body></html>", encoding="utf-8")
    page, watch = chromium.open_page(browser, host.as_uri(), size=DESKTOP)
    frame = next(f for f in page.frames if f.url.endswith("/graph.html"))
    chromium.wait_stable(frame)
    assert frame.evaluate("innerWidth") == 900
    _assert_readable(frame, least=6)
    watch.assert_clean()


# Connected by default --------------------------------------------------------------------

def test_only_connected_entities_are_shown_until_the_toggle(browser: Any, seed_build: Path) -> None:
    entities = _rows(seed_build / "entities.csv")
    linked = _linked(seed_build)
    page, watch = _open(browser, seed_build / "graph.html")
    assert set(page.evaluate("histkg.network.body.nodeIndices")) == linked
    toggle = page.text_content("#kg-unconnected")
    assert toggle == f"{len(entities) - len(linked)} entities without relations — show"
    page.click("#kg-unconnected")
    page.wait_for_timeout(300)
    assert len(page.evaluate("histkg.network.body.nodeIndices")) == len(entities)
    assert page.text_content("#kg-unconnected").endswith("— hide")
    watch.assert_clean()


_ISOLATED = """() => {
  const shown = new Set(histkg.network.body.nodeIndices), linked = new Set();
  histkg.edgeView.get().forEach(e => { if (shown.has(e.from) && shown.has(e.to)) { linked.add(e.from); linked.add(e.to); } });
  return [...shown].filter(id => !linked.has(id));
}"""


def test_max_nodes_shows_no_isolated_entity(browser: Any, limited_build: Path) -> None:
    page, watch = _open(browser, limited_build / "graph.html")
    assert 18 <= page.evaluate("histkg.network.body.nodeIndices.length") <= 20
    assert page.evaluate(_ISOLATED) == []
    assert "this page keeps the" in page.text_content("#kg-status")
    watch.assert_clean()


def test_a_relation_filter_hides_entities_left_without_an_edge(browser: Any, seed_build: Path) -> None:
    page, watch = _open(browser, seed_build / "graph.html")
    page.select_option("#kg-predicate", "spouse")
    page.wait_for_timeout(200)
    spouses = {n for r in _rows(seed_build / "relations.csv") if r["predicate"] == "spouse"
               for n in (r["subject"], r["object"])}
    assert set(page.evaluate("histkg.network.body.nodeIndices")) == spouses
    assert page.evaluate(_ISOLATED) == []
    page.uncheck("#kg-legend input >> nth=0")  # a type filter too
    assert page.evaluate(_ISOLATED) == []
    watch.assert_clean()


# Names -----------------------------------------------------------------------------------

def test_relations_are_named_as_in_the_ontology(browser: Any, seed_build: Path) -> None:
    page, watch = _open(browser, seed_build / "graph.html")
    names = ontology_labels()
    edges = page.evaluate("histkg.edges.get().map(e => [e.predicate, e.label, e.title])")
    assert edges and all(label == names[p] and "_" not in label and label in title
                         for p, label, title in edges)
    drawn = [b["text"] for b in page.evaluate(_LABELS) if b["kind"] == "edge"]
    assert drawn and set(drawn) <= set(names.values())
    options = page.evaluate("[...document.querySelectorAll('#kg-predicate option')].map(o => o.text)")
    assert "asks forgiveness of" in options and not any("_" in o for o in options)
    page.evaluate("histkg.showNode('Nikolai_Bukharin')")
    heads = page.evaluate("[...document.querySelectorAll('#kg-panel .kg-rel-name')].map(e => e.textContent)")
    assert "asks forgiveness of" in heads and set(heads) <= set(names.values())
    legend = page.text_content("#kg-legend")
    assert "Family" in legend and "Letters, meetings, writings" in legend
    watch.assert_clean()


# Counts, small screens, tooltip ------------------------------------------------------------

def test_page_header_says_the_report_counts(browser: Any, seed_build: Path) -> None:
    report = summary_line(json.loads((seed_build / "report.json").read_text(encoding="utf-8"))["counts"])
    page, watch = _open(browser, seed_build / "graph.html")
    assert page.text_content("#kg-counts") == "4 documents · 75 people, places and other names · 58 facts"
    assert page.get_attribute("#kg-counts", "title") == report + " (as in report.json)"  # CLI, README: test_summary.py
    watch.assert_clean()


def _intersect(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_on_a_phone_the_panel_goes_under_the_graph(browser: Any, seed_build: Path) -> None:
    page, watch = _open(browser, seed_build / "graph.html", size=(600, 900))
    page.evaluate("histkg.showNode('Nikolai_Bukharin')")
    graph, panel = page.evaluate(_RECT, "#kg-graph"), page.evaluate(_RECT, "#kg-panel")
    assert panel[1] >= graph[3] - 1 and panel[2] - panel[0] > 550
    _assert_readable(page, least=4)
    watch.assert_clean()


def test_tooltip_never_covers_the_panel(browser: Any, seed_build: Path) -> None:
    page, watch = _open(browser, seed_build / "graph.html")
    page.evaluate("histkg.showNode('Nikolai_Bukharin')")
    page.wait_for_timeout(300)
    rightmost = page.evaluate("""() => {
      const net = histkg.network, c = document.querySelector('#kg-network canvas').getBoundingClientRect();
      return net.body.nodeIndices.map(id => net.canvasToDOM(net.getPosition(id)))
        .filter(p => p.x < c.width && p.y < c.height && p.y > 0)
        .map(p => [c.left + p.x, c.top + p.y]).reduce((a, b) => b[0] > a[0] ? b : a);
    }""")
    page.mouse.move(*rightmost)
    page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
    tip, panel = page.evaluate(_RECT, "div.vis-tooltip"), page.evaluate(_RECT, "#kg-panel")
    assert not _intersect(tip, panel), (tip, panel)
    watch.assert_clean()


def test_relation_blocks_take_extra_controls(browser: Any, seed_build: Path) -> None:
    """The hook a curation feature uses: a function adds controls to every relation block."""
    page, watch = _open(browser, seed_build / "graph.html")
    page.evaluate("histkg.panel.addRelationAction((rel, i, bar) => bar.appendChild("
                  "HKG.el('button', 'kg-test', 'keep ' + i)))")
    page.evaluate("histkg.showNode('Nikolai_Bukharin')")
    blocks = page.locator("#kg-panel .kg-rel").count()
    assert blocks > 3 and page.locator("#kg-panel .kg-rel button.kg-test").count() == blocks
    assert re.fullmatch(r"keep \d+", page.text_content("#kg-panel button.kg-test"))
    watch.assert_clean()
