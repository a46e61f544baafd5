"""kg.export.sources: citations, the passage around a quote, a big build's first view."""

from __future__ import annotations

import pytest

from kg.export.sources import cite, context, first_view, node_sources, passage_at
from kg.model import Document, Evidence, Passage


@pytest.mark.parametrize("kind, author, date, expected", [
    ("book", "Anna Melnik", "1923", "Anna Melnik, My Years (1923)"),
    ("article", "Anna Melnik", None, "Anna Melnik, My Years"),
    ("letter", "Anna Melnik", "1923-04-02", "My Years (1923-04-02)"),  # a letter's title names its writer
    ("book", None, None, "My Years"),
])
def test_a_source_is_cited_by_author_title_and_date(kind: str, author: str | None, date: str | None,
                                                    expected: str) -> None:
    assert cite(Document("d-1", "d.txt", "d.txt", "h", title="My Years", kind=kind, author=author,
                         date=date)) == expected


def test_a_source_without_title_is_cited_by_its_file() -> None:
    assert cite(Document("d-1", "memoir.txt", "memoir.txt", "h")) == "memoir.txt"


TEXT = ("We arrived in the spring. The town was cold. Ivan Petrov met Pavel Orlov at the station. "
        "They talked for an hour. Then the train left for Moscow.")


def _doc(offset: int = 0) -> Document:
    origin = range(offset, offset + len(TEXT) + 1)
    return Document("d-1", "d.txt", "d.txt", "h", [Passage("d-1", "d.txt", 0, "body", TEXT, origin)])


@pytest.mark.parametrize("offset", [0, 500])
@pytest.mark.parametrize("chars, before, after", [
    (400, "We arrived in the spring. The town was cold. ", " They talked for an hour. Then the train left for Moscow."),
    (30, "The town was cold. ", " They talked for an hour."),  # cut at a sentence boundary
])
def test_the_context_of_a_quote_is_its_passage_around_it(offset: int, chars: int, before: str, after: str) -> None:
    quote = "Ivan Petrov met Pavel Orlov at the station."
    at = TEXT.index(quote) + offset
    ev = Evidence("d-1", "d.txt", quote, at, at + len(quote), "r", 1.0)
    assert context(_doc(offset), ev, chars) == (before, after)


def test_a_quote_outside_every_passage_has_no_context() -> None:
    assert context(_doc(), Evidence("d-1", "d.txt", "x", 5000, 5001, "r", 1.0)) == ("", "")
    assert context(None, Evidence("d-1", "d.txt", "x", 0, 1, "r", 1.0)) == ("", "")


def _nodes(spec: list[tuple[str, int, list[int]]]) -> list[dict]:
    return [{"id": n, "deg": d, "src": s} for n, d, s in spec]


def test_the_first_view_takes_the_most_connected_of_each_source_in_turn() -> None:
    nodes = _nodes([(f"a{i}", 50 - i, [0]) for i in range(10)] + [(f"b{i}", 3, [1]) for i in range(10)])
    chosen = first_view(nodes, 6)
    assert chosen == ["a0", "a1", "a2", "b0", "b1", "b2"]


@pytest.mark.parametrize("count, expected", [(5, 0), (6, 0), (7, 6)])
def test_no_first_view_when_every_linked_entity_fits(count: int, expected: int) -> None:
    nodes = _nodes([(f"a{i}", 1, [0]) for i in range(count)] + [("lone", 0, [])])
    assert len(first_view(nodes, 6)) == expected


def test_an_entity_takes_the_sources_of_its_relations_most_used_first() -> None:
    edges = [{"from": "a", "to": "b", "src": [1]}, {"from": "a", "to": "c", "src": [0, 1]},
             {"from": "c", "to": "b", "src": [2]}]
    assert node_sources(edges) == {"a": [1, 0], "b": [1, 2], "c": [0, 1, 2]}


@pytest.mark.parametrize("quotes", [1, 400, 3000, 6000, 12000, 100000])
def test_the_context_of_a_whole_page_stays_within_its_budget(quotes: int) -> None:
    from kg.export.sources import CONTEXT, CONTEXT_BUDGET, MIN_CONTEXT, context_chars

    chars = context_chars(quotes)
    assert 2 * chars * quotes <= max(CONTEXT_BUDGET, 2 * CONTEXT)
    assert chars == 0 or MIN_CONTEXT <= chars <= CONTEXT


def _passage(index: int, start: int, text: str, gap: tuple[int, int] | None = None) -> Passage:
    """A passage of ``text`` at file offset ``start``; ``gap``: a stretch of the file it skips
    (a footnote taken out of it), as (at which character of the text, how many file characters)."""
    origin, at = [], start
    for i in range(len(text) + 1):
        if gap and i == gap[0]:
            at += gap[1]
        origin.append(at)
        at += 1
    return Passage("d-1", "d.txt", index, "body", text, origin)


@pytest.mark.parametrize("offset, expected", [
    (0, 0), (9, 0), (10, None), (12, 1), (21, 1), (22, None), (31, 3), (33, 2), (35, 2), (36, 3),
    (47, 3), (48, None),
])
def test_the_passage_of_an_offset_is_the_first_in_order_that_covers_it(offset: int, expected: int | None) -> None:
    # passage 3 spans file offsets 30–47 but skips 32–35, where passage 2 (a note) stands
    doc = Document("d-1", "d.txt", "d.txt", "", [
        _passage(0, 0, "First one."), _passage(1, 12, "Second one"), _passage(2, 32, "Note"),
        _passage(3, 30, "Third one here", gap=(2, 4)),
    ])
    found = passage_at(doc, offset)
    assert (found.index if found else None) == expected
