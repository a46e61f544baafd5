"""Literal objects: the core phrase of a noun keeps a hyphen written inside a word."""

from __future__ import annotations

import pytest

from kg.link.evidence import core_phrase


@pytest.mark.parametrize("text,head,want", [
    ("He had been Police-President of Danzig for a year.", "President", "Police-President of Danzig"),
    ("He was sentenced to death by the court.", "death", "death"),
    ("She became the first governor of Lorraine - a new post.", "governor", "first governor of Lorraine"),
])
def test_core_phrase_keeps_word_internal_hyphens_only(nlp, text, head, want):
    doc = nlp(text)
    assert core_phrase(next(t for t in doc if t.text == head)) == want
