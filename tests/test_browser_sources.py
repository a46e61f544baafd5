"""The page of a build of several books, in real headless Chromium (tests/chromium.py).

Three books written here (a network of 70 people each, a few shared), built into a graph
without the language model so the test stays fast: the first view shows at most 60
entities, named by labels of 12 px or more that do not overlap, with entities of every
book; search, a neighbour's name and "show all" bring the others; the Sources filter hides
a book's relations; the panel cites a book by author, title and year and shows a quote in
its passage. Screenshot: ``tests/artifacts/three-books-graph.png``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import chromium
import pytest
from test_browser_network import ARTIFACTS, _assert_readable

from kg.export.html import write_html
from kg.model import Document, Entity, Evidence, KnowledgeGraph, Passage, Relation

BOOKS = [("Anna Melnik", "My Years in Petrograd", "1923"),
         ("Boris Lebedev", "Letters from the Volga", "1931"),
         ("Clara Weiss", "A Journey to Moscow", "1927")]
PEOPLE = 70


def _person(book: int, i: int) -> str:
    return f"p{book}_{i}" if i >= 3 else f"shared{i}"  # three people in every book


def _book(index: int) -> tuple[Document, list[Relation], dict[str, Entity]]:
    """A book whose person 0 met 20 others, person 1 met 15, the rest in a chain."""
    author, title, year = BOOKS[index]
    doc_id = f"book{index}-1"
    pairs = [(0, j) for j in range(1, 21)] + [(1, j) for j in range(21, 36)] + \
            [(j, j + 1) for j in range(36, PEOPLE - 1)]
    names = {i: f"{'Shared Person' if i < 3 else 'Person'} {i if i < 3 else f'{index}-{i}'}" for i in range(PEOPLE)}
    sentences = [f"Before it all began we lived in the town of Kazan number {index}."]
    relations = []
    for a, b in pairs:
        start = sum(len(s) + 1 for s in sentences)
        quote = f"{names[a]} met {names[b]} in the autumn."
        sentences.append(quote)
        ev = Evidence(doc_id, f"book{index}.txt", quote, start, start + len(quote), "met_with.test", 0.9)
        relations.append(Relation(_person(index, a), "met_with", _person(index, b), "entity", [ev]))
    sentences.append("That was the end of the year.")
    text = " ".join(sentences)
    doc = Document(doc_id, f"book{index}.txt", f"/books/book{index}.txt", "h", title=title, kind="book",
                   date=year, author=author,
                   passages=[Passage(doc_id, f"book{index}.txt", 0, "body", text, range(len(text) + 1))])
    entities = {_person(index, i): Entity(_person(index, i), "PERSON", names[i], sources=[doc_id])
                for i in range(PEOPLE)}
    return doc, relations, entities


def three_books() -> KnowledgeGraph:
    graph = KnowledgeGraph()
    for index in range(3):
        doc, relations, entities = _book(index)
        graph.documents.append(doc)
        graph.relations += relations
        graph.entities.update(entities)
    return graph


@pytest.fixture(scope="module")
def books_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("three-books") / "graph.html"
    write_html(three_books(), path)
    return path


def _open(browser: Any, path: Path) -> tuple[Any, chromium.Watch]:
    page, watch = chromium.open_page(browser, path.as_uri(), size=(1366, 768))
    chromium.wait_stable(page)
    return page, watch


def _shown(page: Any) -> list[str]:
    return page.evaluate("histkg.nodeView.getIds()")


def test_the_first_view_shows_at_most_60_named_entities_from_every_book(browser: Any, books_page: Path) -> None:
    page, watch = _open(browser, books_page)
    shown = _shown(page)
    assert 40 <= len(shown) <= 60
    boxes = _assert_readable(page, least=30)
    assert len([b for b in boxes if b["kind"] == "node"]) <= 60
    books = page.evaluate("ids => ids.map(id => histkg.data.nodes.find(n => n.id === id).src[0])", shown)
    assert {0, 1, 2} <= set(books)
    assert {"shared0", "shared1"} <= set(shown)  # the most connected are in it
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "three-books-graph.png"))
    watch.assert_clean()


def test_search_a_neighbours_name_and_show_all_bring_the_other_entities(browser: Any, books_page: Path) -> None:
    page, watch = _open(browser, books_page)
    linked = page.evaluate("histkg.data.nodes.filter(n => n.deg).length")
    far = "p2_60"  # at the end of a chain: not in the first view
    assert far not in _shown(page)
    page.fill("#kg-search", "Person 2-60")
    page.press("#kg-search", "Enter")
    assert far in _shown(page) and "p2_61" in _shown(page)  # it and its neighbours
    page.evaluate("histkg.showNode('p2_61')")
    page.click("#kg-panel-body .kg-link:text-is('Person 2-62')")
    assert "p2_62" in _shown(page)
    page.click("#kg-all")
    assert len(_shown(page)) == linked
    page.click("#kg-all")  # back to the first view
    assert len(_shown(page)) <= 60 and far not in _shown(page)
    watch.assert_clean()


def test_the_sources_filter_hides_a_book(browser: Any, books_page: Path) -> None:
    page, watch = _open(browser, books_page)
    page.click("#kg-sources summary")
    rows = page.locator("#kg-sources-body label").all_text_contents()
    assert rows[1].startswith("Boris Lebedev, Letters from the Volga (1931) — ")
    page.uncheck("#kg-sources input[data-source='1']")
    shown = set(_shown(page))
    assert not {n for n in shown if n.startswith("p1_")}
    assert {n for n in shown if n.startswith("p0_")} and {n for n in shown if n.startswith("p2_")}
    edges = page.evaluate("histkg.edgeView.get().map(e => histkg.data.edges.find(x => x.id === e.id).src)")
    assert edges and all(src != [1] for src in edges)
    page.check("#kg-sources input[data-source='1']")
    assert {n for n in _shown(page) if n.startswith("p1_")}
    watch.assert_clean()


def test_a_quote_is_cited_by_its_book_and_shown_in_its_passage(browser: Any, books_page: Path) -> None:
    page, watch = _open(browser, books_page)
    page.evaluate("histkg.showNode('p1_40')")
    body = page.locator("#kg-panel-body")
    assert "Boris Lebedev, Letters from the Volga (1931) — book1.txt, characters" in body.text_content()
    quote = page.locator("#kg-panel-body blockquote").first
    assert quote.text_content() == "Person 1-39 met Person 1-40 in the autumn."
    page.click("#kg-panel-body .kg-context-toggle >> nth=0")
    wide = quote.text_content()
    assert "Person 1-38 met Person 1-39 in the autumn. Person 1-39 met Person 1-40" in wide
    assert quote.locator("mark").text_content() == "Person 1-39 met Person 1-40 in the autumn."
    assert 200 < len(wide) < 700
    watch.assert_clean()


def test_a_focus_outside_the_first_view_opens_on_it_and_its_neighbours(browser: Any, tmp_path: Path) -> None:
    from kg.export.html import PageOptions

    write_html(three_books(), tmp_path / "graph.html", page=PageOptions(focus="p2_60"))
    page, watch = _open(browser, tmp_path / "graph.html")
    assert {"p2_59", "p2_60", "p2_61"} <= set(_shown(page)) and len(_shown(page)) <= 63
    assert page.evaluate("histkg.network.getSelectedNodes()") == ["p2_60"]
    assert "Person 2-60" in page.text_content("#kg-panel-body")
    watch.assert_clean()


def test_books_are_outlined_by_source_and_letters_are_not(browser: Any, books_page: Path, seed_build: Path) -> None:
    outlines = "histkg.data.nodes.filter(n => n.deg).map(n => histkg.sources.outline(n))"
    page, watch = _open(browser, books_page)
    rings = page.evaluate(outlines)
    assert all(rings) and len({r["color"] for r in rings}) == 4  # three books and "several"
    watch.assert_clean()
    page, watch = _open(browser, seed_build / "graph.html")
    assert page.locator("#kg-sources-body label").count() == 3  # the seeds' three files
    assert not any(page.evaluate(outlines))
    watch.assert_clean()
