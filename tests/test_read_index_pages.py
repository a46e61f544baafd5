"""A book's index (kg/read/index_pages.py): the entries after an index heading are apparatus,
whose names count only when the text names them and which state no relation."""

from __future__ import annotations

import pytest

from kg.read.index_pages import is_index_entry, is_index_heading
from kg.read.plain import read_markdown

BOOK = """\
CHAPTER I

Kovrigin was arrested at Tver in 1881 and confined in the fortress. His friend
Samsonov escaped to Geneva.

THE END

INDEX

A

Arrests, wholesale, 12, 40;
  of students, 41

Kovrigin, Peter, his arrest, 3; confined in the fortress, 4, 9 n.

Colonel Lodygin, Governor of Tver, 17

“Mercy, time of,” 236

Samsonov, see Kovrigin

Tver, 3, 17, xii
"""


@pytest.fixture(scope="module")
def passages():
    [doc] = read_markdown(BOOK, "book.txt", "book.txt", "0")
    return doc, {" ".join(p.text.split())[:24]: p.layer for p in doc.passages}


@pytest.mark.parametrize("start,layer", [
    ("Kovrigin was arrested", "body"),
    ("INDEX", "heading"),
    ("A", "index"),  # the letter heading its entries
    ("Arrests, wholesale, 12,", "index"),
    ("Kovrigin, Peter, his arr", "index"),
    ("Colonel Lodygin, Governo", "index"),
    ("“Mercy, time of,” 236", "index"),  # a page number after a quotation mark
    ("Samsonov, see Kovrigin", "index"),  # a cross-reference
    ("Tver, 3, 17, xii", "index"),
])
def test_entries_after_an_index_heading_are_the_index(passages, start, layer):
    _, layers = passages
    found = {v for k, v in layers.items() if k.startswith(start)}
    assert found == {layer}


def test_a_glossary_of_names_under_an_index_heading_stays_text():
    text = ("ALPHABETICAL INDEX OF NAMES\n\nAVDEEV, Pavel, formerly a fitter. Was commandant of the house "
            "from May till July, 1918.\n\nBERG, Count. Marshal of the court.\n")
    [doc] = read_markdown(text, "g.txt", "g.txt", "0")
    assert [p.layer for p in doc.passages][1:] == ["body", "body"]


def test_lines_ending_in_numbers_are_no_index_without_its_heading():
    text = "The prisoners numbered, by the count of that winter, 212\n\nOthers came later, 40, 45.\n"
    [doc] = read_markdown(text, "n.txt", "n.txt", "0")
    assert "index" not in {p.layer for p in doc.passages}


@pytest.mark.parametrize("line,heading", [("INDEX", True), ("General Index.", True),
                                          ("Alphabetical Index of Names", True), ("Index of the prisons", False),
                                          ("INDEX 361", False)])
def test_index_headings(line, heading):
    assert is_index_heading(line) is heading


@pytest.mark.parametrize("lines,entry", [
    (["Alexander III., his policy, 130;", "  his death, 316"], True),
    (["Alphabetical code used by prisoners, 51 n."], True),
    (["Aigun, 329"], True),
    (["B"], True),
    (["Vrassky, Galkin, see Galkin-Vrassky"], True),
    (["He said that he would see them in the spring of the year."], False),
])
def test_index_entries(lines, entry):
    assert is_index_entry(lines) is entry


def test_the_index_states_no_relation_and_keeps_only_names_the_text_gives(nlp):
    from kg.annotate import annotate_document
    from kg.link import Linker, load_rules

    [doc] = read_markdown(BOOK, "book.txt", "book.txt", "0")
    annotated = annotate_document(nlp, doc, BOOK)
    index = {p.index for p in doc.passages if p.layer == "index"}
    layers = [a.evidence.layer for a in Linker(load_rules()).link(annotated)]
    assert "body" in layers and "index" not in layers  # the text's arrest, none of the index's
    named = {m.name for m in annotated.mentions if m.passage in index}
    assert "Tver" in named and "Colonel Lodygin" not in named  # named only by the index
