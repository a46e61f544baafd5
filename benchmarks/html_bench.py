"""Time graph.html becoming interactive for large graphs in headless Chromium.

    python benchmarks/html_bench.py                # 1,000 and 10,000 nodes
    python benchmarks/html_bench.py 2000 5000 --edges 3

For each size a synthetic graph (each entity linked to ``--edges`` earlier ones, so degrees
are skewed like real networks) is rendered, then opened from ``file://`` with the network
cut (``tests/chromium.py``). Reported, in seconds:

- ``render``: Python, precomputed layout + page (``render_html``);
- ``ready``: navigation → page script done (data parsed, DataSets and filters built);
- ``interactive``: navigation → first complete drawing with physics off;
- ``click``: mouse click on a node → side panel shown;
- ``zoom``: ``network.moveTo`` → the next complete redraw.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import chromium  # noqa: E402

from kg.export.html import render_html  # noqa: E402
from kg.model import Entity, Evidence, KnowledgeGraph, Relation  # noqa: E402

TYPES = ("PERSON", "PERSON", "PERSON", "ORG", "PLACE", "EVENT", "GROUP", "WORK")
PREDICATES = ("wrote_to", "member_of", "accused", "met_with", "spouse")
_ZOOM = """() => new Promise(done => {
  const t = performance.now();
  histkg.network.once('afterDrawing', () => done((performance.now() - t) / 1000));
  histkg.network.moveTo({scale: 0.6});
})"""
_NODE_XY = """id => {
  const net = histkg.network, box = document.getElementById('kg-network').getBoundingClientRect();
  net.moveTo({position: net.getPosition(id), scale: 1.0});
  const dom = net.canvasToDOM(net.getPosition(id));
  return [box.left + dom.x, box.top + dom.y];
}"""


def synthetic(count: int, edges_per_node: int = 2, seed: int = 1) -> KnowledgeGraph:
    """``count`` entities, each linked to up to ``edges_per_node`` earlier ones."""
    rng = random.Random(seed)
    entities = {f"e{i}": Entity(f"e{i}", TYPES[i % len(TYPES)], f"Entity {i}") for i in range(count)}
    relations = []
    for i in range(1, count):
        for j in {rng.randrange(i) for _ in range(edges_per_node)}:
            quote = f"Entity {i} and Entity {j} in one sentence."
            ev = Evidence("d-1", "d.txt", quote, i, i + len(quote), "bench.v1", 0.9)
            relations.append(Relation(f"e{i}", rng.choice(PREDICATES), f"e{j}", "entity", [ev]))
    return KnowledgeGraph(entities=entities, relations=relations)


def measure(browser: object, count: int, edges_per_node: int, folder: Path) -> dict[str, float]:
    """All timings for one size."""
    graph = synthetic(count, edges_per_node)
    t0 = time.perf_counter()
    page_text = render_html(graph)
    result = {"nodes": count, "edges": len(graph.relations),
              "render": time.perf_counter() - t0, "page_mb": len(page_text.encode()) / 1e6}
    path = folder / f"graph-{count}.html"
    path.write_text(page_text, encoding="utf-8")
    return result | browser_timings(browser, path)


def browser_timings(browser: object, path: Path) -> dict[str, float]:
    """ready, interactive, zoom and click times of the page at ``path``."""
    result: dict[str, float] = {}
    t0 = time.perf_counter()
    page, watch = chromium.open_page(browser, path.as_uri(), timeout_ms=300_000)
    page.wait_for_selector("html[data-kg-ready='true']", state="attached", timeout=300_000)
    result["ready"] = time.perf_counter() - t0
    chromium.wait_stable(page, timeout_ms=300_000)
    result["interactive"] = time.perf_counter() - t0
    result["zoom"] = page.evaluate(_ZOOM)
    x, y = page.evaluate(_NODE_XY, "e0")
    page.wait_for_timeout(300)
    t0 = time.perf_counter()
    page.mouse.click(x, y)
    page.wait_for_selector("#kg-panel:not([hidden])", timeout=60_000)
    result["click"] = time.perf_counter() - t0
    result["drawn"] = page.evaluate("histkg.network.body.nodeIndices.length")
    watch.assert_clean()
    page.context.close()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--edges", type=int, default=2, help="links per new entity (default 2)")
    parser.add_argument("--json", action="store_true", help="print JSON lines")
    args = parser.parse_args(argv)
    reason = chromium.missing()
    if reason:
        print(f"html_bench: {reason}", file=sys.stderr)
        return 2
    print("nodes   edges  page MB  render  ready  interactive  zoom   click  (seconds)")
    with tempfile.TemporaryDirectory() as tmp, chromium.launch() as browser:
        for count in args.sizes:
            r = measure(browser, count, args.edges, Path(tmp))
            assert r["drawn"] == count
            if args.json:
                print(json.dumps({k: round(v, 3) for k, v in r.items()}))
            else:
                print(f"{r['nodes']:>6} {r['edges']:>7} {r['page_mb']:>8.1f} {r['render']:>7.2f}"
                      f" {r['ready']:>6.2f} {r['interactive']:>12.2f} {r['zoom']:>5.2f} {r['click']:>7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
