"""A book's structure (kg/read/structure.py, kg/read/headings.py, kg/read/tei_structure.py):
parts and chapters from headings, Markdown headings and TEI divs, printed page numbers from
"[Pg 12]", "[p. 12]", "{12}" and TEI pb, all as exact file offsets; page markers are no text."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import DataFileError
from kg.read import load_text, read_file
from kg.read.structure import find_pages, is_page_only, parse_marker, parse_structure

BOOK = """\
MEMOIRS OF A PETROGRAD CLERK

BY IVAN PETROV


PART ONE


CHAPTER I

THE CAPITAL

I came to Petrograd in the spring. The city was cold and the river was
still frozen.[Pg 7]

[Pg 8]

The next winter Boris Orlov married Vera Lenskaya in Moscow. They had met at
the

[Pg 9]

university, and her father was a professor of law who had taught in Kazan
before the war and never spoke of the years he spent in the provinces.

CHAPTER II

THE WAR

The war came in the summer. In the autumn of 1916 {10} Nikolai Volkov married
Maria Sokolova in Kiev.[p. 11]Nobody in the family was surprised.
"""

MARKDOWN = """\
# The Diary of Olga Serova

## Chapter 1: Moscow

In the autumn Nikolai Serov married Elena Markova in Moscow.

## Chapter 2: Exile

Olga Serova was arrested by the Cheka in 1921.
"""

TEI = """\
<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>Letters from Tiflis</title><author>Georgi Dadiani</author>
  </titleStmt><publicationStmt><p>Written for the tests.</p></publicationStmt>
  <sourceDesc><p>Written for the tests.</p></sourceDesc></fileDesc></teiHeader>
  <text><body>
    <div type="part" n="1"><head>Part One</head>
      <div type="chapter"><head>Chapter III. The Wedding</head>
        <p>In 1908 Ivan Sokolov married Anna Volkova in Tiflis.</p>
        <p>The guests came from Kutais and Batum.<pb n="45"/> Nobody stayed at home.</p>
      </div>
      <div type="chapter"><head>Chapter IV. The Strike</head>
        <p>In 1910 Giorgi Tsereteli married Ketevan Abashidze in Kutais.</p>
      </div>
    </div>
  </body></text>
</TEI>
"""


def _read(tmp_path: Path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    docs = read_file(path)
    return docs, load_text(path)


def _labels(doc, text: str) -> list[tuple[str, str, str]]:
    return [(kind, label, text[start:start + 12]) for start, _, kind, label in doc.divisions]


@pytest.mark.parametrize("line,expected", [
    ("CHAPTER XVI", ("chapter", "XVI")),
    ("CHAPTER XVI. THE RED KAISER", ("chapter", "XVI")),
    ("BOOK II", ("book", "II")),
    ("PART ONE", ("part", "One")),
    ("Part III. — OUR ESCAPE", ("part", "III")),
    ("Chapter the First", ("chapter", "First")),
    ("Chapter 3: The Flight", ("chapter", "3")),
    ("XIV.", ("chapter", "XIV")),
    ("12", ("chapter", "12")),
    ("PREFACE", ("preface", "Preface")),
    ("Introduction.", ("introduction", "Introduction")),
    ("APPENDIX II", ("appendix", "II")),
    ("A PREFACE TO THE READER", None),
    ("CHAPTER                PAGE", None),  # a contents page's column heads
    ("Part of the crew stayed", None),
    ("1917", None),  # a year heading a chronology
    ("Book-keeping", None),
    ("I came to Petrograd", None),
])
def test_a_heading_line_is_a_division_marker_or_not(line, expected):
    assert parse_marker(line) == expected


def test_a_book_has_parts_and_chapters_at_exact_offsets(tmp_path):
    [doc], text = _read(tmp_path, "clerk.txt", BOOK)
    assert _labels(doc, text) == [("part", "One", "PART ONE\n\n\nC"), ("chapter", "I", "CHAPTER I\n\nT"),
                                  ("chapter", "II", "CHAPTER II\n\n")]
    part, first, second = doc.divisions
    assert part[1] == second[1] == doc.end and first[1] == second[0]


def test_a_named_division_after_a_marker_is_the_chapters_title(tmp_path):
    text = ("PREFACE\n\nI wrote this book in exile and in haste.\n\nCHAPTER I\n\nPROLOGUE\n\n"
            "The story begins in the spring.\n\nEPILOGUE\n\nThe story ends in the autumn.\n")
    [doc], text = _read(tmp_path, "exile.txt", text)
    assert [(kind, label) for _, _, kind, label in doc.divisions] == \
        [("preface", "Preface"), ("chapter", "I"), ("epilogue", "Epilogue")]


def test_page_markers_are_pages_and_no_text(tmp_path):
    [doc], text = _read(tmp_path, "clerk.txt", BOOK)
    assert [n for _, n in doc.pages] == ["7", "8", "9", "10", "11"]
    assert all(text[at] in "[{" for at, _ in doc.pages)
    body = " ".join(p.text for p in doc.passages)
    assert "Pg" not in body and "{10}" not in body and "[p." not in body
    assert "married Vera Lenskaya in Moscow. They had met at the university, and her father" in body
    assert "autumn of 1916 Nikolai Volkov married Maria Sokolova in Kiev. Nobody in the family" in body


def test_passage_offsets_stay_exact_around_page_markers(tmp_path):
    [doc], text = _read(tmp_path, "clerk.txt", BOOK)
    for passage in doc.passages:
        for i, char in enumerate(passage.text):
            if char != " ":
                assert text[passage.origin[i]] == char, (passage.text, i)


@pytest.mark.parametrize("raw,expected", [("[Pg 12]", True), ("  {12}\n", True), ("*[p. xii]*", True),
                                          ("[Pg 12] The Tsar", False), ("[Illustration]", False)])
def test_a_block_of_page_markers_only(raw, expected):
    assert is_page_only(raw) is expected


def test_pages_are_found_with_their_numbers():
    text = "a [Pg 12] b [p. xiv] c {13} d [Page 14] e"
    assert [(text[at:at + 3], n) for at, n in find_pages(text, 0, len(text))] == \
        [("[Pg", "12"), ("[p.", "xiv"), ("{13", "13"), ("[Pa", "14")]


def test_markdown_chapter_headings_are_chapters_of_one_document(tmp_path):
    docs, text = _read(tmp_path, "diary.md", MARKDOWN)
    assert [d.title for d in docs] == ["The Diary of Olga Serova"]
    assert _labels(docs[0], text) == [("chapter", "1", "## Chapter 1"), ("chapter", "2", "## Chapter 2")]


def test_tei_divs_are_divisions_and_pb_a_page(tmp_path):
    docs, text = _read(tmp_path, "edition.xml", TEI)
    assert len(docs) == 1 and docs[0].title == "Letters from Tiflis"
    assert _labels(docs[0], text) == [("part", "One", '<div type="p'), ("chapter", "III", '<div type="c'),
                                      ("chapter", "IV", '<div type="c')]
    assert [(text[at:at + 11], n) for at, n in docs[0].pages] == [('<pb n="45"/', "45")]
    heads = [p.text for p in docs[0].passages if p.layer == "heading"]
    assert heads == ["Part One", "Chapter III. The Wedding", "Chapter IV. The Strike"]


@pytest.mark.parametrize("raw,entry", [
    ({"divisions": {}}, "divisions"),
    ({"divisions": {"chapter": {"level": "x", "abbr": "ch."}}, "bare_number": "chapter"}, "chapter"),
    ({"divisions": {"chapter": {"level": 1, "abbr": "ch."}}, "bare_number": "verse"}, "bare_number"),
    ({"divisions": {"chapter": {"level": 1, "abbr": "ch."}}, "bare_number": "chapter",
      "page_markers": ["\\[p\\. \\d+\\]"]}, "page_markers"),
])
def test_a_bad_structure_file_names_the_entry(raw, entry):
    with pytest.raises(DataFileError, match=rf"structure\.toml \[{entry}\]"):
        parse_structure(raw)
