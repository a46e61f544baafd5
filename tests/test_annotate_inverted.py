"""Inverted names of an index ("KOVALEV, Ivan Petrovich, a clerk") are one person's name
(kg/annotate/inverted.py); their given names are no bare first names of their own."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Span

import kg
from kg.annotate.inverted import join_inverted, name_of


def _joined(text: str, ents: list[tuple[int, int, str]]) -> list[tuple[str, str | None]]:
    doc = spacy.blank("en")(text)
    doc.ents = [Span(doc, a, b, label) for a, b, label in ents]
    join_inverted(doc)
    return [(e.text, name_of(e)) for e in doc.ents]


@pytest.mark.parametrize("text,ents,expected", [
    ("KOVALEV, Ivan Petrovich, a clerk of the court.", [(0, 1, "PERSON"), (2, 4, "PERSON")],
     ("KOVALEV, Ivan Petrovich", "Ivan Petrovich Kovalev")),
    ("     MARTYNOVA, Vera. A nurse.", [(1, 2, "PERSON"), (3, 4, "PLACE")], ("MARTYNOVA, Vera", "Vera Martynova")),
    ("SOKOLOV-BELSKY, Sergeievich, a priest.", [(0, 3, "ORG")],
     ("SOKOLOV-BELSKY, Sergeievich", "Sergeievich Sokolov-Belsky")),
    # a roll of honour in capitals, the surname not found by the recogniser, an initial after
    ("HALLORAN, MICHAEL F., Pvt. Co. E", [], ("HALLORAN, MICHAEL F.", "Michael F. Halloran")),
    ("DUBOWSKI, JOSEPH, Pvt. Co. C", [(0, 1, "ORG")], ("DUBOWSKI, JOSEPH", "Joseph Dubowski")),
])
def test_an_inverted_name_at_a_line_start_is_one_person(text, ents, expected):
    assert expected in _joined(text, ents)


@pytest.mark.parametrize("text,ents", [
    ("PETROVSKY, Count. A general of cavalry.", [(0, 1, "PERSON")]),  # a title, not a given name
    ("MOSCOW, August 3. The congress opened.", [(0, 1, "PLACE")]),  # a dateline
    ("He met KOVALEV, Ivan and two others.", [(2, 3, "PERSON"), (4, 5, "PERSON")]),  # not a line start
    ("Kovalev, Ivan and Peter came.", [(0, 1, "PERSON"), (2, 3, "PERSON")]),  # no surname in capitals
    ("MOSCOW, AUGUST 3. The congress opened.", []),  # a dateline in capitals
    ("PETROVSKY, COUNT. A general of cavalry.", []),
])
def test_other_lines_with_a_comma_are_left_alone(text, ents):
    assert all(name is None for _, name in _joined(text, ents))


INDEX = """\
The commandant Ivan Petrovich Kovalev took the keys from the old guard. Later the clerk Ivan
Sergeievich Martynov wrote the report.

INDEX OF NAMES

     KOVALEV, Ivan. Commandant of the house.

     MARTYNOV, Ivan. Clerk of the commission.
"""


def test_index_entries_join_their_persons_and_no_bare_first_name(tmp_path):
    (tmp_path / "book.txt").write_text(INDEX, encoding="utf-8")
    m = kg.build_graph(tmp_path).mentions
    persons = m[m["type"] == "PERSON"]
    assert "Ivan" not in set(persons["entity"])
    kovalev = set(persons[persons["text"].str.contains("KOVALEV|Kovalev")]["entity"])
    martynov = set(persons[persons["text"].str.contains("MARTYNOV|Martynov")]["entity"])
    assert len(kovalev) == 1 and len(martynov) == 1 and kovalev != martynov
