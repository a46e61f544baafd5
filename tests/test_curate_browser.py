"""Correcting the graph from the page, in real headless Chromium (Debian package, Playwright).

The reader clicks an edge and marks it "wrong", opens a node and merges another entity into
it with "merge with…", downloads curation.toml (a Blob made in the page; nothing leaves it),
and the graph is rebuilt with that file: the reloaded page no longer shows the edge and shows
one merged node.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import chromium

from kg.cli import main
from kg.curate import load_curation

TEXT = ("Nikolai Bukharin wrote to Iosif Stalin on 10 December 1937.\n\n"
        "Stalin accused Ivan Petrov of treason. Karl Radek accused Nikolai Bukharin of treason.\n\n"
        "Ivan Petrov was a member of the Communist Party. Koba met with Karl Radek in Moscow.\n")

_NODE_XY = """id => {
  const net = histkg.network, box = document.getElementById('kg-network').getBoundingClientRect();
  const dom = net.canvasToDOM(net.getPosition(id));
  return [box.left + dom.x, box.top + dom.y];
}"""
_EDGE_XY = """id => {
  const net = histkg.network, box = document.getElementById('kg-network').getBoundingClientRect();
  const dom = net.canvasToDOM(net.body.edges[id].edgeType.getPoint(0.5));
  return [box.left + dom.x, box.top + dom.y];
}"""
_EDGES = "histkg.edges.get().map(e => [e.from, e.predicate, e.to])"


def _build(folder: Path, out: Path, *curation: Path) -> None:
    flags = [arg for path in curation for arg in ("--curation", str(path))]
    assert main(["build", str(folder), "--out", str(out), "--quiet", "--no-cache", *flags]) == 0


def _open(browser: Any, path: Path) -> tuple[Any, chromium.Watch]:
    page, watch = chromium.open_page(browser, path.as_uri())
    chromium.wait_stable(page)
    return page, watch


def _click(page: Any, script: str, item: str) -> None:
    x, y = page.evaluate(script, item)
    page.mouse.click(x, y)
    page.wait_for_selector("#kg-panel:not([hidden])", timeout=5_000)


def test_wrong_edge_and_merged_node_survive_a_rebuild(browser: Any, tmp_path: Path) -> None:
    folder = tmp_path / "letters"
    folder.mkdir()
    (folder / "letters.txt").write_text(TEXT, encoding="utf-8")
    _build(folder, tmp_path / "out")
    page, watch = _open(browser, tmp_path / "out" / "graph.html")
    before = page.evaluate("histkg.nodes.getIds()")
    assert ["Iosif_Stalin", "met_with", "Karl_Radek"] in page.evaluate(_EDGES)
    assert {"Ivan_Petrov", "Karl_Radek"} <= set(before)
    edge = page.evaluate("histkg.edges.get().find(e => e.predicate === 'met_with').id")
    _click(page, _EDGE_XY, edge)
    assert page.evaluate("histkg.network.getSelectedEdges()") == [edge]
    page.click("#kg-panel .kg-wrong")
    _click(page, _NODE_XY, "Karl_Radek")
    accused = page.locator("#kg-panel .kg-rel", has_text="accused by")
    accused.locator(".kg-wrong").click()
    accused.locator(".kg-confirm").click()  # replaces "wrong" on the same relation
    page.click("#kg-panel .kg-merge")
    page.fill("#kg-panel .kg-merge-search", "petr")  # a searchable picker
    page.click("#kg-panel .kg-merge-pick[data-entity='Ivan_Petrov']")
    assert page.locator("#kg-curation-list li").count() == 3
    assert "wrong: Iosif Stalin — met with → Karl Radek" in page.text_content("#kg-curation")
    page.fill("#kg-curation-list li:first-child .kg-cur-note", "They met in \"Berlin\", not Moscow")
    page.fill("#kg-curator", "A. Historian")
    with page.expect_download() as info:
        page.click("#kg-download")
    download = info.value
    assert download.suggested_filename == "curation.toml"
    saved = tmp_path / "curation.toml"
    download.save_as(saved)
    watch.assert_clean()

    decisions = load_curation(saved)
    assert [(d.kind, d.by, d.note) for d in decisions] == [
        ("reject", "A. Historian", "They met in \"Berlin\", not Moscow"), ("accept", "A. Historian", ""),
        ("merge", "A. Historian", "")]
    _build(folder, tmp_path / "curated", saved)
    report = json.loads((tmp_path / "curated" / "report.json").read_text(encoding="utf-8"))
    assert report["curation"]["stale"] == [] and report["curation"]["applied"] == 3
    page, watch = _open(browser, tmp_path / "curated" / "graph.html")
    after = page.evaluate("histkg.nodes.getIds()")
    assert set(after) == set(before) - {"Ivan_Petrov"}
    assert ["Iosif_Stalin", "met_with", "Karl_Radek"] not in page.evaluate(_EDGES)
    assert "Ivan Petrov" in page.evaluate("histkg.data.entities.Karl_Radek.aliases")
    assert ["Karl_Radek", "accused_by", "Iosif_Stalin"] in page.evaluate(_EDGES)
    _click(page, _NODE_XY, "Nikolai_Bukharin")
    reviewed = page.locator("#kg-panel .kg-rel", has_text="accused by")
    assert reviewed.locator(".kg-review").text_content() == "accepted"
    watch.assert_clean()


def test_half_characters_typed_on_the_page_give_a_file_kg_build_reads(browser: Any, seed_build: Path,
                                                                     tmp_path: Path) -> None:
    page, watch = _open(browser, seed_build / "graph.html")
    text = page.evaluate("""() => {
      const hi = String.fromCharCode(0xD800), lo = String.fromCharCode(0xDC00), pair = '\\u{1F600}';
      histkg.curation.decisions.push({kind: 'reject', summary: 'x' + hi,
        fields: [['subject', 'A' + hi], ['predicate', 'met_with'], ['object', lo + lo + 'B' + pair]],
        note: 'n' + lo + hi});
      return histkg.curation.toml('Ann' + hi + 'a', '2026-12-02');
    }""")
    watch.assert_clean()
    saved = tmp_path / "curation.toml"
    saved.write_bytes(text.encode("utf-8", "surrogatepass"))
    [decision] = load_curation(saved)
    assert decision.fields["subject"] == "A\ufffd" and decision.fields["object"] == "\ufffd\ufffdB\U0001F600"
    assert (decision.by, decision.note) == ("Ann\ufffda", "n\ufffd\ufffd")
