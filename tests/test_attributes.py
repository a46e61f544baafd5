"""The attribute ruler run by table sets exactly what spaCy's own ruler sets."""

from __future__ import annotations

import pytest
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.tokens import Doc

from kg.annotate.attributes import TableAttributeRuler

TEXTS = [
    "I ain't gonna tell you what y'all gotta do, but she wanna go home at 5 o'clock.",
    "The Commissar of War was sent to Tula; he wasn't pleased.  \n\nIt's over, isn't it?",
    "Their wives had written letters to the prisoners, who were kept in the fortress.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_the_table_sets_what_the_ruler_sets(nlp, text):
    ruler = nlp.get_pipe("attribute_ruler")
    with nlp.select_pipes(enable=["tok2vec", "tagger", "kg_initials", "parser"]):
        doc = nlp(text)
    theirs, ours = (Doc(doc.vocab).from_bytes(doc.to_bytes()) for _ in range(2))
    ruler(theirs)
    TableAttributeRuler(ruler)(ours)
    columns = [POS, MORPH, LEMMA, DEP, TAG]
    assert (theirs.to_array(columns) == ours.to_array(columns)).all()


def test_a_pattern_it_cannot_read_runs_the_ruler_itself():
    assert not TableAttributeRuler.supports([{"LENGTH": {">=": 3}}])


@pytest.mark.parametrize("text", TEXTS)
def test_the_lemma_table_sets_what_the_lemmatizer_sets(nlp, text):
    from kg.annotate.attributes import TableLemmatizer

    lemmatizer = nlp.get_pipe("lemmatizer")
    with nlp.select_pipes(enable=["tok2vec", "tagger", "kg_initials", "parser", "attribute_ruler"]):
        doc = nlp(text)
    theirs, ours = (Doc(doc.vocab).from_bytes(doc.to_bytes()) for _ in range(2))
    lemmatizer(theirs)
    TableLemmatizer(lemmatizer)(ours)
    assert [t.lemma_ for t in theirs] == [t.lemma_ for t in ours]
