"""Course options of the page (kg build --title, --caption, --focus, --readonly) in real
headless Chromium, in the page itself and in both embed snippets: the title and caption shown,
the view opened on the focus entity with its panel, no curation controls when read-only (the
default with --embed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import chromium
from kg.cli import main
from kg.export.html import find_entity
from kg.errors import UsageError
from kg.model import Entity, KnowledgeGraph
from test_browser import _frame

ARTIFACTS = Path(__file__).parent / "artifacts"
TITLE, CAPTION = "Bukharin's last letters", "Who accused whom in 1937–1938: a reading for week 3"


@pytest.fixture(scope="module")
def course(seed_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("course") / "out"
    assert main(["build", str(Path(__file__).parent.parent / "seeds"), "--out", str(out), "--quiet", "--embed",
                 "--title", TITLE, "--caption", CAPTION, "--focus", "Nikolai Bukharin",
                 "--cache-dir", str(seed_build / ".cache")]) == 0
    return out


def _host(out: Path, snippet: str) -> Path:
    host = out / f"course-{snippet}"
    host.write_text("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Course</title></head><body>"
                    f"{(out / snippet).read_text(encoding='utf-8')}</body></html>", encoding="utf-8")
    return host


@pytest.mark.parametrize("snippet", ["embed-fragment.html", "embed-iframe.html"])
def test_an_embedded_course_page_has_its_title_caption_focus_and_no_curation(browser: Any, course: Path,
                                                                            snippet: str) -> None:
    page, watch = chromium.open_page(browser, _host(course, snippet).as_uri())
    frame = _frame(page, lambda url: url == "about:srcdoc" or url.endswith("/graph.html"))
    chromium.wait_stable(frame)
    assert frame.text_content("#kg-title") == TITLE and frame.title() == TITLE
    assert frame.is_visible("#kg-caption") and frame.text_content("#kg-caption") == CAPTION
    assert not frame.is_hidden("#kg-panel") and "Nikolai Bukharin" in frame.text_content("#kg-panel-body")
    assert frame.evaluate("histkg.network.getSelectedNodes()") == ["Nikolai_Bukharin"]
    assert frame.evaluate("typeof histkg.curation") == "undefined"  # read-only: no curation code ran
    assert frame.query_selector_all(".kg-merge, .kg-wrong, .kg-confirm") == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"course-{snippet.split('.')[0]}.png"))
    watch.assert_clean()


def test_a_page_kept_editable_still_offers_curation(browser: Any, seed_build: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["build", str(Path(__file__).parent.parent / "seeds"), "--out", str(out), "--quiet", "--embed",
                 "--no-readonly", "--cache-dir", str(seed_build / ".cache")]) == 0
    page, watch = chromium.open_page(browser, (out / "graph.html").as_uri())
    chromium.wait_stable(page)
    page.evaluate("histkg.showNode('Nikolai_Bukharin')")
    assert page.query_selector(".kg-merge") is not None and page.is_hidden("#kg-caption")
    watch.assert_clean()


_KG = KnowledgeGraph(entities={"a": Entity("a", "PERSON", "Anna Larina", ["Larina"]),
                               "b": Entity("b", "PERSON", "Anna Akhmatova", ["Akhmatova"]),
                               "c": Entity("c", "PERSON", "Boris Larin", ["Larina"])})


@pytest.mark.parametrize("name,found", [("a", "a"), ("anna akhmatova", "b"), ("Akhmatova", "b")])
def test_the_focus_is_found_by_id_label_or_alias(name: str, found: str) -> None:
    assert find_entity(_KG, name) == found


@pytest.mark.parametrize("name,message", [("Larina", "several entities: a, c"), ("Koba", "no entity")])
def test_a_focus_that_names_no_one_entity_is_one_line(name: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        find_entity(_KG, name)


def test_the_readme_course_example_runs_as_written(seed_build: Path, tmp_path: Path, monkeypatch) -> None:
    import json
    import re
    import shlex

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Put the network on a course page", 1)[1].split("\n## ", 1)[0]
    command = re.findall(r"```bash\n(.*?)```", section, re.S)[1].strip()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").symlink_to(Path(__file__).parent.parent / "seeds")
    args = shlex.split(command)
    assert args[0] == "kg" and main(args[1:] + ["--quiet", "--cache-dir", str(seed_build / ".cache")]) == 0
    page = (tmp_path / "course" / "graph.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)[1])
    assert data["page"] == {"caption": "Who accused whom, 1937–1938", "focus": "Nikolai_Bukharin", "readonly": True}


@pytest.mark.parametrize("structure,cited", [
    ({}, "Anna Melnik, My Years in Petrograd (1923) — memoir.txt, characters 120–148"),
    ({"divisions": [(100, 400, "chapter", "XVI")], "pages": [(110, "214")]},
     "Anna Melnik, My Years in Petrograd (1923), ch. XVI, p. 214 — memoir.txt, characters 120–148"),
], ids=["book", "chapter-and-page"])
def test_a_quote_from_a_book_is_cited_by_author_title_date_and_place(browser: Any, tmp_path: Path,
                                                                      structure: dict, cited: str) -> None:
    from kg.export.html import write_html
    from kg.model import Document, Evidence, Relation

    book = Document("b-1", "memoir.txt", "/memoir.txt", "h", title="My Years in Petrograd", kind="book",
                    date="1923", author="Anna Melnik", **structure)
    ev = Evidence("b-1", "memoir.txt", "Pavel Orlov met Ivan Petrov.", 120, 148, "met_with.v1", 0.9)
    graph = KnowledgeGraph(documents=[book], entities={"o": Entity("o", "PERSON", "Pavel Orlov"),
                                                       "p": Entity("p", "PERSON", "Ivan Petrov")},
                           relations=[Relation("o", "met_with", "p", "entity", [ev])])
    write_html(graph, tmp_path / "graph.html")
    page, watch = chromium.open_page(browser, (tmp_path / "graph.html").as_uri())
    chromium.wait_stable(page)
    page.evaluate("histkg.showNode('o')")
    assert cited in page.text_content("#kg-panel-body")
    watch.assert_clean()
