"""Titles used as references: "the Duke" → the person last named with that title, only
backwards, and not when two persons carry the title."""

from __future__ import annotations

import pytest

from kg.annotate import annotate_document
from kg.link import Linker
from kg.link.rules import load_rules
from kg.model import Document, Passage

RULES = [r for r in load_rules() if r.id == "arrested_on.passive.v1"]


def _arrests(nlp, text: str) -> set[tuple[str, str]]:
    passage = Passage("t-1", "t.txt", 0, "body", text, tuple(range(len(text) + 1)))
    doc = Document(id="t-1", source="t.txt", path="t.txt", sha256="", passages=[passage])
    return {(a.subject.name, a.object) for a in Linker(RULES).link(annotate_document(nlp, doc, text))}


@pytest.mark.parametrize("text,want", [
    ("Grand Duke Sergei Mikhailovich arrived at Perm. In May 1918 the Duke was arrested.",
     {("Duke Sergei Mikhailovich", "1918-05")}),
    ("In May 1918 the Duke was arrested. Grand Duke Sergei Mikhailovich arrived at Perm.", set()),
])
def test_the_title_refers_back_to_its_bearer(nlp, text, want):
    assert {(n.removeprefix("Grand "), d) for n, d in _arrests(nlp, text)} == want
