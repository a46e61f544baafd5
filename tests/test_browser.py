"""graph.html in real headless Chromium (Debian package, driven by Playwright), network cut.

Every page is opened in a context whose route handler aborts any request that is not to
``file:``; each test asserts that none was even attempted, that the console stayed free of
errors and that no dialog opened. A screenshot of the seeds' network is kept in
``tests/artifacts/`` (ignored by git). Outside CI a missing Chromium skips these tests;
in CI (``CI=true``) it fails them.
"""

from __future__ import annotations

import csv
import json
import shutil
import time
from pathlib import Path
from typing import Any

import chromium
import pytest
from test_export_html import large_kg

from kg.export.embed import write_embed
from kg.export.html import write_html

ARTIFACTS = Path(__file__).parent / "artifacts"
EVIL_IMG = "<img src=x onerror=alert(1)>"
EVIL_SCRIPT = "<script>alert(1)</script>"

_NODE_XY = """id => {
  const net = histkg.network, box = document.getElementById('kg-network').getBoundingClientRect();
  const dom = net.canvasToDOM(net.getPosition(id));
  return [box.left + dom.x, box.top + dom.y];
}"""


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _open(browser: Any, path: Path, **kw: Any) -> tuple[Any, chromium.Watch]:
    page, watch = chromium.open_page(browser, path.as_uri(), **kw)
    chromium.wait_stable(page)
    return page, watch


def _click_node(page: Any, node_id: str) -> None:
    x, y = page.evaluate(_NODE_XY, node_id)
    page.mouse.click(x, y)
    page.wait_for_selector("#kg-panel:not([hidden])", timeout=5_000)


def test_seed_page_loads_offline_and_draws_every_connected_entity(browser: Any, seed_build: Path) -> None:
    page, watch = _open(browser, seed_build / "graph.html")
    entities = _rows(seed_build / "entities.csv")
    linked = {n for r in _rows(seed_build / "relations.csv") if r["object_kind"] == "entity"
              for n in (r["subject"], r["object"])}
    counts = page.evaluate("[histkg.nodes.length, histkg.network.body.nodeIndices.length,"
                           " document.querySelectorAll('#kg-network canvas').length]")
    assert counts == [len(entities), len(linked), 1]
    status = page.text_content("#kg-status")
    assert f"Showing {len(linked)} of {len(entities)} entities" in status
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "seeds-graph.png"
    page.screenshot(path=str(shot))
    print(f"screenshot: {shot}")
    assert shot.stat().st_size > 10_000
    watch.assert_clean()


def test_clicking_a_node_shows_its_evidence(browser: Any, seed_build: Path) -> None:
    rows = _rows(seed_build / "relations.csv")
    degree: dict[str, int] = {}
    for row in (r for r in rows if r["object_kind"] == "entity"):
        for node in (row["subject"], row["object"]):
            degree[node] = degree.get(node, 0) + 1
    target = max(sorted(degree), key=degree.get)
    page, watch = _open(browser, seed_build / "graph.html")
    _click_node(page, target)
    assert page.evaluate("histkg.network.getSelectedNodes()") == [target]
    panel = page.text_content("#kg-panel")
    label = page.evaluate("id => histkg.data.entities[id].label", target)
    quotes = {r["evidence"] for r in rows if target in (r["subject"], r["object"])}
    assert label in panel and any(q in panel for q in quotes)
    assert page.locator("#kg-panel blockquote.kg-quote").count() >= 1
    page.click("#kg-close")
    assert page.is_hidden("#kg-panel")
    watch.assert_clean()


def _hostile_build(tmp_path: Path) -> Path:
    """A document whose quote holds markup (as entities, decoded by the reader) and a
    gazetteer whose name holds markup, built through the real pipeline (``kg build``)."""
    from kg.cli import main

    text = ("Nikolai Bukharin wrote to Iosif Stalin on 10 December 1937: \"I ask forgiveness "
            "&lt;script&gt;alert(1)&lt;/script&gt; and &lt;img src=x onerror=alert(1)&gt; of Koba.\"\n\n"
            "Stalin accused Ivan Petrov of treason.\n\n"
            "Ivan Petrov was a member of the Communist Party.\n")
    (tmp_path / "letter.txt").write_text(text, encoding="utf-8")
    entry = {"id": "Ivan_Petrov", "type": "PERSON", "name": f"Ivan {EVIL_IMG} {EVIL_SCRIPT} Petrov",
             "aliases": ["Ivan Petrov", "Petrov"]}
    (tmp_path / "names.jsonl").write_text(json.dumps(entry) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(tmp_path / "letter.txt"), "--gazetteer", str(tmp_path / "names.jsonl"),
                 "--out", str(out), "--quiet", "--embed"]) == 0
    return out


def test_hostile_names_and_quotes_run_nothing(browser: Any, tmp_path: Path) -> None:
    out = _hostile_build(tmp_path)
    # the gazetteer's (hostile) standard name is an alias shown in the panel; labels are the sources' names
    names = {n for r in _rows(out / "entities.csv") for n in [r["label"], *r["aliases"].split("|")]}
    quotes = {r["evidence"] for r in _rows(out / "relations.csv")}
    assert any(EVIL_IMG in name for name in names), names
    assert any(EVIL_SCRIPT in quote and EVIL_IMG in quote for quote in quotes), quotes
    page, watch = _open(browser, out / "graph.html")
    x, y = page.evaluate(_NODE_XY, "Ivan_Petrov")
    page.mouse.move(x, y)  # tooltip
    page.wait_for_timeout(600)
    _click_node(page, "Ivan_Petrov")
    assert EVIL_IMG in page.text_content("#kg-panel")
    _click_node(page, "Nikolai_Bukharin")
    assert EVIL_SCRIPT in page.text_content("#kg-panel")
    page.fill("#kg-search", "Ivan <img")
    page.press("#kg-search", "Enter")
    page.wait_for_timeout(600)
    assert page.evaluate("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert page.evaluate("document.scripts.length") == 3
    watch.assert_clean()


def _frame(page: Any, predicate: Any) -> Any:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        for frame in page.frames:
            if frame is not page.main_frame and predicate(frame.url):
                return frame
        page.wait_for_timeout(100)
    raise AssertionError(f"no frame among {[f.url for f in page.frames]}")


_SIZES = """() => {
  const c = document.querySelector('#kg-network canvas');
  return [c.clientWidth, c.clientHeight, innerWidth, innerHeight];
}"""


@pytest.mark.parametrize("snippet", ["embed-fragment.html", "embed-iframe.html"])
def test_embedded_page_fills_and_follows_its_container(browser: Any, seed_build: Path,
                                                        tmp_path: Path, snippet: str) -> None:
    shutil.copy(seed_build / "graph.html", tmp_path / "graph.html")
    write_embed(tmp_path / "graph.html")
    host = tmp_path / "course.html"
    host.write_text("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Course</title></head>"
                    "<body style='margin:0'><p>Week 3: the Bukharin letters</p>"
                    f"<div id='col' style='width:640px'>{(tmp_path / snippet).read_text()}</div>"
                    "</body></html>", encoding="utf-8")
    page, watch = chromium.open_page(browser, host.as_uri())
    frame = _frame(page, lambda url: url == "about:srcdoc" or url.endswith("/graph.html"))
    chromium.wait_stable(frame)
    width, height, inner_w, inner_h = frame.evaluate(_SIZES)
    assert (width, inner_w) == (638, 638) and 200 < height < inner_h
    page.evaluate("() => { document.getElementById('col').style.width = '900px';"
                  " document.querySelector('.histkg-embed').style.height = '500px'; }")
    frame.wait_for_function("() => document.querySelector('#kg-network canvas').clientWidth === 898",
                            timeout=10_000)
    width, height, inner_w, inner_h = frame.evaluate(_SIZES)
    assert inner_h == 498 and 350 < height < 498  # under the header, time and status bars
    watch.assert_clean()


def test_large_graph_is_drawn_without_physics(browser: Any, tmp_path: Path) -> None:
    write_html(large_kg(2000), tmp_path / "graph.html")
    started = time.perf_counter()
    page, watch = _open(browser, tmp_path / "graph.html")
    elapsed = time.perf_counter() - started
    assert page.evaluate("histkg.network.body.nodeIndices.length") == 2000
    assert page.evaluate("histkg.network.physics.physicsEnabled") is False
    assert elapsed < 30, f"2,000 nodes took {elapsed:.1f} s to draw"
    watch.assert_clean()


def test_max_nodes_page_draws_the_most_connected(browser: Any, tmp_path: Path) -> None:
    write_html(large_kg(400), tmp_path / "graph.html", max_nodes=60)
    page, watch = _open(browser, tmp_path / "graph.html")
    assert page.evaluate("histkg.network.body.nodeIndices.length") == 60
    assert "Showing 60 of 400 entities" in page.text_content("#kg-status")
    assert "(this page keeps the 60 most connected)" in page.text_content("#kg-status")
    watch.assert_clean()


def test_the_embedded_fragment_saves_the_curation_file(browser: Any, seed_build: Path, tmp_path: Path) -> None:
    shutil.copy(seed_build / "graph.html", tmp_path / "graph.html")
    write_embed(tmp_path / "graph.html")
    host = tmp_path / "course.html"
    host.write_text("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Course</title></head><body>"
                    f"{(tmp_path / 'embed-fragment.html').read_text()}</body></html>", encoding="utf-8")
    page, watch = chromium.open_page(browser, host.as_uri())
    frame = _frame(page, lambda url: url == "about:srcdoc")
    chromium.wait_stable(frame)
    frame.evaluate("""() => histkg.curation.decisions.push({kind: 'reject', summary: 'wrong: x',
      fields: [['subject', 'Karl_Radek'], ['predicate', 'met_with'], ['object', 'Iosif_Stalin']], note: ''})""")
    with page.expect_download(timeout=10_000) as info:
        frame.evaluate("""() => { document.getElementById('kg-curator').value = 'A. Historian';
                                  document.getElementById('kg-download').click(); }""")
    saved = tmp_path / "curation.toml"
    info.value.save_as(saved)
    assert "sandboxed frame" in frame.text_content("#kg-curation-message")  # the file to copy, in case
    assert "[[reject]]" in frame.input_value("#kg-curation-text")
    assert "[[reject]]" in saved.read_text(encoding="utf-8")
    watch.assert_clean()
