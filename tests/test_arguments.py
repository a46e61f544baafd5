"""Argument finding: a noun "named X" is X (not a namesake, "also named X"); "whom" stands for a
person, never a body; a singular title before two names is the first's."""

from __future__ import annotations

import pytest

from kg.annotate import annotate_document
from kg.link import Linker
from kg.link.rules import load_rules
from kg.model import Document, Passage


def _link(nlp, text: str, rule_id: str) -> list:
    """The assertions one shipped rule makes on a one-passage document of ``text``."""
    rules = [r for r in load_rules() if r.id == rule_id]
    passage = Passage("t-1", "t.txt", 0, "body", text, tuple(range(len(text) + 1)))
    doc = Document(id="t-1", source="t.txt", path="t.txt", sha256="", passages=[passage])
    return Linker(rules).link(annotate_document(nlp, doc, text))


@pytest.mark.parametrize("text,want", [
    ("Until 1925 the commandant of the camp was a sailor named Ivan Smirnov.", {"Ivan Smirnov"}),
    ("The commandant of the camp was his cousin, also named Ivan Smirnov.", set()),
])
def test_a_noun_named_x_is_x(nlp, text, want):
    got = {a.subject.name for a in _link(nlp, text, "position_held.title_literal.v1")}
    assert got == want


@pytest.mark.parametrize("text,want", [
    ("The inscription was written by one of the men from the Cheka whom Ivan Petrov had left in charge "
     "of the house.", set()),  # whom: the men, not the Cheka
    ("Ivan Petrov left the Central Committee, which he had led for years.", {"Central Committee"}),
])
def test_whom_stands_for_a_person_never_a_body(nlp, text, want):
    got = {a.object.name for a in _link(nlp, text, "resigned_from.verb.v1")}
    assert got == want


@pytest.mark.parametrize("text,want", [
    ("The grand marshal of the court, Count Ivan Petrov and Count Pavel Orlov, who was in charge of the "
     "stables, stayed behind.", {"Count Ivan Petrov"}),  # a singular title is one man's
    ("Ivan Petrov, the Minister of the Interior, resigned.", {"Ivan Petrov"}),
])
def test_a_singular_title_before_two_names_is_the_firsts(nlp, text, want):
    got = {a.subject.name for a in _link(nlp, text, "position_held.title_literal.v1")}
    assert got == want
