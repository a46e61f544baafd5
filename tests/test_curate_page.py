"""The curation panel keeps work, in real headless Chromium (tests/chromium.py): decisions
survive a reload (localStorage, keyed by the build) and leaving with some not downloaded
asks first; one passage of a relation can be rejected and the file the page writes does so
in `kg build --curation`; the panel stays off the toolbar; in a sandboxed frame (the embed
fragment) the page says it cannot keep or may not download the decisions and shows the
file's text to copy."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import chromium
import pytest
from test_browser import _frame

from kg.cli import main
from kg.curate import load_curation
from kg.export.embed import fragment

TEXT = ("Karl Radek accused Nikolai Bukharin of treason.\n\n"
        "Iosif Stalin accused Ivan Petrov of treason. Ivan Petrov met with Karl Radek in Moscow.\n\n"
        "Later Karl Radek accused Nikolai Bukharin of sabotage.\n")
ACCUSED = "#kg-panel .kg-rel:has-text('accused by'):has-text('Karl Radek')"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("curate-page")
    (tmp / "in").mkdir()
    (tmp / "in" / "letters.txt").write_text(TEXT, encoding="utf-8")
    assert main(["build", str(tmp / "in"), "--out", str(tmp / "out"), "--quiet", "--no-cache"]) == 0
    return tmp


def _open(browser: Any, path: Path) -> tuple[Any, chromium.Watch]:
    page, watch = chromium.open_page(browser, path.as_uri())
    chromium.wait_stable(page)
    return page, watch


def _data(page_path: Path) -> dict:
    text = page_path.read_text(encoding="utf-8")
    return json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', text, re.S)[1])


def test_a_decision_survives_a_reload_and_leaving_unsaved_asks_first(browser: Any, built: Path) -> None:
    page, watch = _open(browser, built / "out" / "graph.html")
    page.evaluate("histkg.showNode('Nikolai_Bukharin')")
    page.locator(ACCUSED).locator(".kg-wrong").first.click()
    page.fill("#kg-curator", "A. Historian")
    assert page.evaluate("""() => { const e = new Event('beforeunload', {cancelable: true});
                                   window.dispatchEvent(e); return e.defaultPrevented; }""")
    page = page.context.new_page()  # the same browser opens the page again
    page.goto((built / "out" / "graph.html").as_uri())
    chromium.wait_stable(page)
    assert page.locator("#kg-curation-list li").count() == 1
    assert "wrong: Nikolai Bukharin — accused by → Karl Radek" in page.text_content("#kg-curation")
    assert page.input_value("#kg-curator") == "A. Historian"
    assert "kept in this browser" in page.text_content("#kg-curation-message")
    with page.expect_download():
        page.click("#kg-download")
    assert not page.evaluate("histkg.curation.dirty()")  # downloaded: leaving asks nothing
    watch.assert_clean()


def test_decisions_are_kept_per_build(browser: Any, built: Path, seed_build: Path) -> None:
    assert _data(built / "out" / "graph.html")["build"] != _data(seed_build / "graph.html")["build"]
    page, watch = _open(browser, built / "out" / "graph.html")
    page.evaluate("histkg.showNode('Nikolai_Bukharin')")
    page.locator(ACCUSED).locator(".kg-wrong").first.click()
    other = page.context.new_page()
    other.goto((seed_build / "graph.html").as_uri())
    chromium.wait_stable(other)
    assert other.locator("#kg-curation-list li").count() == 0 and other.is_hidden("#kg-curation")
    watch.assert_clean()


def test_one_passage_rejected_on_the_page_round_trips_through_kg_build(browser: Any, built: Path) -> None:
    page, watch = _open(browser, built / "out" / "graph.html")
    page.evaluate("histkg.showNode('Nikolai_Bukharin')")
    relation = page.locator(ACCUSED).first
    assert relation.locator(".kg-quote").count() == 2
    relation.locator(".kg-evidence:has-text('of sabotage') .kg-wrong-here").click()
    page.fill("#kg-curator", "A. Historian")
    with page.expect_download() as info:
        page.click("#kg-download")
    saved = built / "passage.toml"
    info.value.save_as(saved)
    [decision] = load_curation(saved)
    assert decision.kind == "reject" and decision.fields["document"] == "letters.txt"
    assert decision.fields["quote"] == "Later Karl Radek accused Nikolai Bukharin of sabotage."
    out = built / "curated"
    assert main(["build", str(built / "in"), "--out", str(out), "--quiet", "--no-cache",
                 "--curation", str(saved)]) == 0
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["curation"]["applied"] == 1 and report["curation"]["stale"] == []
    [kept] = [r for r in _data(out / "graph.html")["relations"]
              if (r["s"], r["p"], r["o"]) == ("Nikolai_Bukharin", "accused_by", "Karl_Radek")]
    assert [e["quote"] for e in kept["evidence"]] == ["Karl Radek accused Nikolai Bukharin of treason."]
    watch.assert_clean()


def test_the_corrections_box_never_covers_the_toolbar(browser: Any, built: Path) -> None:
    page, watch = _open(browser, built / "out" / "graph.html")
    page.evaluate("histkg.showNode('Nikolai_Bukharin')")
    page.locator(ACCUSED).locator(".kg-wrong").first.click()
    box = page.locator("#kg-curation").bounding_box()
    bar = page.locator("#kg-bar").bounding_box()
    assert box and bar and box["y"] >= bar["y"] + bar["height"]
    watch.assert_clean()


def test_in_a_sandboxed_frame_the_page_says_so_and_shows_the_file_to_copy(browser: Any, built: Path,
                                                                         tmp_path: Path) -> None:
    page_text = (built / "out" / "graph.html").read_text(encoding="utf-8")
    host = tmp_path / "course.html"
    host.write_text("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Course</title></head><body>"
                    + fragment(page_text) + "</body></html>", encoding="utf-8")
    page, watch = chromium.open_page(browser, host.as_uri())
    frame = _frame(page, lambda url: url == "about:srcdoc")
    chromium.wait_stable(frame)
    assert frame.evaluate("[histkg.curation.stored, histkg.curation.sandboxed]") == [False, True]
    frame.evaluate("histkg.showNode('Nikolai_Bukharin')")
    frame.locator(ACCUSED).locator(".kg-wrong").first.click()
    assert "not kept after you leave this page" in frame.text_content("#kg-curation h2")
    frame.fill("#kg-curator", "A. Historian")
    frame.click("#kg-download")
    assert "sandboxed frame" in frame.text_content("#kg-curation-message")
    saved = tmp_path / "copied.toml"
    saved.write_text(frame.input_value("#kg-curation-text"), encoding="utf-8")
    [decision] = load_curation(saved)
    assert (decision.kind, decision.by, decision.fields["object"]) == ("reject", "A. Historian", "Karl_Radek")
    assert watch.errors == [] and watch.remote == []
