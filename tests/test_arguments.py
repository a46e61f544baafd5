"""Argument finding: a noun "named X" is X (not a namesake, "also named X")."""

from __future__ import annotations

import pytest

from kg.annotate import annotate_document
from kg.link import Linker
from kg.link.rules import load_rules
from kg.model import Document, Passage


@pytest.mark.parametrize("text,want", [
    ("Until 1925 the commandant of the camp was a sailor named Ivan Smirnov.", {"Ivan Smirnov"}),
    ("The commandant of the camp was his cousin, also named Ivan Smirnov.", set()),
])
def test_a_noun_named_x_is_x(nlp, text, want):
    rules = [r for r in load_rules() if r.id == "position_held.title_literal.v1"]
    passage = Passage("t-1", "t.txt", 0, "body", text, tuple(range(len(text) + 1)))
    doc = Document(id="t-1", source="t.txt", path="t.txt", sha256="", passages=[passage])
    got = {a.subject.name for a in Linker(rules).link(annotate_document(nlp, doc, text))}
    assert got == want
