"""Uncertain relations on the page (kg build --keep-uncertain), in real headless Chromium.

They are drawn dotted and grey — measured on the canvas pixels along the edge —, have their
own legend row with a check box that hides them, say so in the panel, and the panel's
"confirm" writes an [[accept]] that, rebuilt, brings the relation into the graph as reviewed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import chromium
import pytest
from test_uncertain import TEXT

import kg
from kg.cli import main

ARTIFACTS = Path(__file__).parent / "artifacts"
_EDGE_XY = """id => {
  const net = histkg.network, box = document.getElementById('kg-network').getBoundingClientRect();
  const dom = net.canvasToDOM(net.body.edges[id].edgeType.getPoint(0.5));
  return [box.left + dom.x, box.top + dom.y];
}"""
# The colours drawn along an edge: [r, g, b, a] of the canvas at the points of its line that
# lie outside the dots, the arrow head and the labels drawn on the canvas.
_PIXELS = """id => {
  const net = histkg.network, canvas = document.querySelector('#kg-network canvas');
  const ctx = canvas.getContext('2d'), ratio = canvas.width / canvas.clientWidth, scale = net.getScale();
  const edge = net.body.edges[id], labels = histkg.labels.boxes(), out = [];
  const clear = (n, p, extra) => {
    const c = net.canvasToDOM({x: n.x, y: n.y});
    return Math.hypot(p.x - c.x, p.y - c.y) > n.options.size * scale + extra;
  };
  for (let i = 0; i <= 200; i++) {
    const p = net.canvasToDOM(edge.edgeType.getPoint(i / 200));
    if (!clear(edge.from, p, 4) || !clear(edge.to, p, 16)) continue;
    if (labels.some(b => p.x > b.x - 3 && p.x < b.x + b.w + 3 && p.y > b.y - 3 && p.y < b.y + b.h + 3)) continue;
    const d = ctx.getImageData(Math.round(p.x * ratio), Math.round(p.y * ratio), 1, 1).data;
    out.push([d[0], d[1], d[2], d[3]]);
  }
  return out;
}"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, float]:
    """The document and a threshold that leaves some of its lines below and some above."""
    folder = tmp_path_factory.mktemp("uncertain-page") / "in"
    folder.mkdir()
    (folder / "sorokin.txt").write_text(TEXT, encoding="utf-8")
    graph = kg.build_graph(folder, min_confidence=0.0, cache_dir=str(folder.parent / "cache"))
    lines = sorted({r.confidence for r in graph.kg.relations if r.object_kind == "entity"})
    assert len(lines) >= 2, lines
    return folder, round((lines[0] + lines[-1]) / 2, 4)


def _build(corpus: tuple[Path, float], out: Path, *flags: str) -> None:
    folder, threshold = corpus
    assert main(["build", str(folder), "--out", str(out), "--quiet", "--keep-uncertain",
                 "--min-confidence", str(threshold), "--cache-dir", str(folder.parent / "cache"),
                 *flags]) == 0


def _open(browser: Any, out: Path) -> tuple[Any, chromium.Watch]:
    page, watch = chromium.open_page(browser, (out / "graph.html").as_uri(), size=(1366, 768))
    chromium.wait_stable(page)
    return page, watch


def _hue(colour: str) -> int:
    """How far a #rrggbb colour is from grey."""
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return max(rgb) - min(rgb)


def _drawn(pixels: list[list[int]]) -> tuple[list[list[int]], float]:
    """The pixels the line covers (not the white background) and the share of gaps."""
    ink = [p for p in pixels if p[3] > 0 and min(p[:3]) < 235]
    return ink, 1 - len(ink) / len(pixels)


def test_uncertain_lines_are_dotted_grey_with_a_legend_row_and_can_be_confirmed(
        browser: Any, corpus: tuple[Path, float], tmp_path: Path) -> None:
    _build(corpus, tmp_path / "out")
    page, watch = _open(browser, tmp_path / "out")
    edges = page.evaluate("histkg.edges.get().map(e => ({id: e.id, u: e.uncertain, c: e.color.color, "
                          "d: e.dashes, p: e.predicate, from: e.from, to: e.to}))")
    doubtful = [e for e in edges if e["u"]]
    sure = [e for e in edges if not e["u"]]
    assert doubtful and sure
    assert all(e["c"] == "#8f8f8f" and e["d"] == [2, 4] for e in doubtful)
    assert all(e["c"] != "#8f8f8f" and e["d"] is False for e in sure if e["p"] != "other")

    for edge in doubtful:
        ink, gaps = _drawn(page.evaluate(_PIXELS, edge["id"]))
        assert len(ink) > 5 and gaps > 0.2, (gaps, ink)  # dotted: background between the dots
        assert all(max(p[:3]) - min(p[:3]) < 16 for p in ink), ink  # grey: no hue
    coloured = [e for e in sure if _hue(e["c"]) > 40]  # not the grey-blue of "Other" relations
    ink, gaps = _drawn(page.evaluate(_PIXELS, coloured[0]["id"]))
    assert gaps < 0.1 and all(max(p[:3]) - min(p[:3]) > 30 for p in ink), (gaps, ink)  # solid, in colour

    page.evaluate("document.getElementById('kg-legend').open = true")
    legend = page.text_content(".kg-legend-uncertain")
    assert f"uncertain: confidence below {corpus[1]:g}" in legend
    page.uncheck("#kg-show-uncertain")
    shown = page.evaluate("histkg.edgeView.getIds()")
    assert set(shown) == {e["id"] for e in sure}
    page.check("#kg-show-uncertain")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "uncertain-graph.png"))

    x, y = page.evaluate(_EDGE_XY, doubtful[0]["id"])
    page.mouse.click(x, y)
    page.wait_for_selector("#kg-panel:not([hidden])", timeout=5_000)
    block = page.locator("#kg-panel .kg-rel-uncertain").first
    assert block.locator(".kg-uncertain-tag").text_content() == "uncertain"
    assert "below the build's threshold" in block.text_content()
    block.locator(".kg-confirm").click()
    assert "confirmed (was uncertain)" in page.text_content("#kg-curation")
    page.fill("#kg-curator", "A. Historian")
    with page.expect_download() as info:
        page.click("#kg-download")
    info.value.save_as(tmp_path / "curation.toml")
    watch.assert_clean()

    _build(corpus, tmp_path / "curated", "--curation", str(tmp_path / "curation.toml"))
    page, watch = _open(browser, tmp_path / "curated")
    accepted = page.evaluate(
        "([f, p, t]) => histkg.edges.get().filter(e => e.from === f && e.predicate === p && e.to === t)"
        ".map(e => [e.uncertain, histkg.data.relations[e.rel].review])",
        [doubtful[0]["from"], doubtful[0]["p"], doubtful[0]["to"]])
    assert accepted == [[False, "accepted"]]
    watch.assert_clean()
