"""Literal objects: the core phrase of a noun keeps a hyphen written inside a word, not a footnote's number."""

from __future__ import annotations

import pytest

from kg.link.evidence import core_phrase


@pytest.mark.parametrize("text,head,want", [
    ("He had been Police-President of Danzig for a year.", "President", "Police-President of Danzig"),
    ("He was sentenced to death by the court.", "death", "death"),
    ("She became the first governor of Lorraine - a new post.", "governor", "first governor of Lorraine"),
    # a footnote's number is no part of a title
    ('Gladkoff was commandant of the "Kemperpunkt"[14] until 1924.', "commandant", "commandant of the Kemperpunkt"),
    ("He was president of the Tsik[13] and more.", "president", "president of the Tsik"),
    # a left-out comma keeps its space: never "experienceof"
    ("King George was a ruler of large experience, of great wisdom.", "ruler", "ruler of large experience of great wisdom"),
    # the author's praise is no part of a title; a title's own capital word is
    ("He was the son of the famous Professor Sergius Botkin.", "Professor", "Professor"),
    ("It consisted of Holm, the then Minister of Internal Affairs.", "Minister", "Minister of Internal Affairs"),
    ("He became Lord Great Chamberlain in 1911.", "Chamberlain", "Lord Great Chamberlain"),
    # the place set off by a comma is where, not what
    ("PETER HOLM, Professor of Ancient History, Cambridge.", "Professor", "Professor of Ancient History"),
    # a 'for' phrase naming the office's domain belongs to it; a charge's does not
    ("Mr. Holm, the Minister for Foreign Affairs, left.", "Minister", "Minister for Foreign Affairs"),
    ("He was sentenced to death for treason.", "death", "death"),
])
def test_core_phrase_keeps_word_internal_hyphens_only(nlp, text, head, want):
    doc = nlp(text)
    assert core_phrase(next(t for t in doc if t.text == head)) == want
