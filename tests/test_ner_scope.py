"""The entity recogniser runs only on the sentences that may hold a name."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from kg.annotate.lexical import name_words
from kg.annotate.ner_scope import runs


@pytest.mark.parametrize("text, expected", [
    ("It rained all day.", False),
    ("I thought it would rain.", False),
    ("The snow lay deep.", False),
    ("They reached Moscow at dawn.", True),
    ("Moscow was cold.", True),
    ("it was the year 1921.", True),
])
def test_a_sentence_may_hold_a_name(blank, text, expected):
    assert any(True for _ in name_words(next(blank(text).sents))) is expected


def test_runs_join_consecutive_sentences(blank):
    doc = blank("It rained. Ivan came. Anna left. It was late. Then Boris slept.")
    assert [doc[a:b].text for a, b in runs(doc)] == ["Ivan came. Anna left.", "Then Boris slept."]


def test_names_are_found_around_sentences_without_capitals(nlp):
    from kg.annotate.selective import SelectiveRunner

    doc = SelectiveRunner(nlp).names(["it snowed. Ivan Petrov reached Tula in 1920. the road was long."])[0]
    assert [(e.text, e.label_) for e in doc.ents] == [("Ivan Petrov", "PERSON"), ("Tula", "PLACE"),
                                                      ("1920", "DATE")]


def test_long_sentences_are_recognised_around_their_names(blank):
    words = "the long road wound on and on through the wet fields for many weary miles".split()
    doc = blank(" ".join(words + ["to", "Tula", "at", "last"] + words) + ".")
    (start, end), = runs(doc, margin=3)
    assert doc[start:end].text == "weary miles to Tula at last the"


@pytest.mark.parametrize("text, expected", [
    ("Ivan Petrov reached Tula. it rained and the roads were mud for days. Anna Orlova left Kiev.",
     [("Ivan Petrov", "PERSON"), ("Tula", "PLACE"), ("Anna Orlova", "PERSON"), ("Kiev", "PLACE")]),
    ("it snowed. Boris Kalinin wrote from Omsk. the post was slow and the snow was deep. "
     "it thawed at last. Maria Ivanova answered in 1921.",
     [("Boris Kalinin", "PERSON"), ("Omsk", "PLACE"), ("Maria Ivanova", "PERSON"), ("1921", "DATE")]),
])
def test_names_of_separate_stretches_are_written_back_in_place(nlp, blank, text, expected):
    from kg.annotate.selective import SelectiveRunner

    assert len(runs(blank(text))) == 2
    doc = SelectiveRunner(nlp).names([text])[0]
    assert [(e.text, e.label_) for e in doc.ents] == expected


@pytest.mark.parametrize("text, found, expected", [
    ("the snow fell on the long road to Tula all day. it was late and cold. Ivan came.", [(8, 9)],
     ["Ivan came."]),
    ("the snow fell on the long road to Tula with Ivan all day.", [(8, 9)],
     ["fell on the long road to Tula with Ivan all day."]),
])
def test_a_stretch_whose_names_were_all_found_already_is_left_out(blank, text, found, expected):
    doc = blank(text)
    doc.ents = [Span(doc, a, b, label="PLACE") for a, b in found]  # as the gazetteer finds them
    assert [doc[a:b].text for a, b in runs(doc)] == expected
