"""The page's panel cites a quote by its chapter and page (kg/export/cite.py), in real
headless Chromium."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import chromium
from kg.export.html import write_html
from kg.model import Document, Entity, Evidence, KnowledgeGraph, Relation


def test_a_quote_from_a_book_is_cited_with_its_chapter_and_page(browser: Any, tmp_path: Path) -> None:
    book = Document("b-1", "memoir.txt", "/memoir.txt", "h", title="My Years in Petrograd", kind="book",
                    date="1923", author="Anna Melnik", divisions=[(100, 400, "chapter", "XVI")],
                    pages=[(110, "214")])
    ev = Evidence("b-1", "memoir.txt", "Pavel Orlov met Ivan Petrov.", 120, 148, "met_with.v1", 0.9)
    graph = KnowledgeGraph(documents=[book], entities={"o": Entity("o", "PERSON", "Pavel Orlov"),
                                                       "p": Entity("p", "PERSON", "Ivan Petrov")},
                           relations=[Relation("o", "met_with", "p", "entity", [ev])])
    write_html(graph, tmp_path / "graph.html")
    page, watch = chromium.open_page(browser, (tmp_path / "graph.html").as_uri())
    chromium.wait_stable(page)
    page.evaluate("histkg.showNode('o')")
    assert "Anna Melnik, My Years in Petrograd (1923), ch. XVI, p. 214 — memoir.txt, " \
           "characters 120–148" in page.text_content("#kg-panel-body")
    watch.assert_clean()
