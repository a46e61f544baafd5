"""Modality of stated relations (kg/link/modality.py): a state a noun in apposition
presupposes is asserted whatever the clause around it says; a predicate noun or a verb's
frame keeps the clause's negation or condition."""

from __future__ import annotations

import pytest

from kg.annotate import annotate_document
from kg.link import Linker
from kg.link.check import sentence_document
from kg.link.rules import load_rules

RULES = load_rules()


def moods(nlp, text: str, predicate: str) -> set[str]:
    annotated = annotate_document(nlp, sentence_document(text), text)
    return {a.evidence.modality for a in Linker(RULES).link(annotated) if a.predicate == predicate}


@pytest.mark.parametrize("text,predicate", [
    ("Otto Brandt, the Danish consul who lived in the next house, did not notice the fire.", "position_held"),
    ("I mean to say the old Count Orlov, his wife Sophia and his son Pavel Orlov.", "child_of"),
    ("If Karl Weber, a member of the Social Democratic Party, had spoken, nobody would have listened.",
     "member_of"),
    ("Otto Brandt, the Danish consul at Riga.", "position_held"),  # no verb: the walk ends at the root
    # the name in apposition to the noun: still presupposed
    ("Another commander of the labour company, Otto Brandt, must not be forgotten.", "position_held"),
])
def test_a_state_in_apposition_is_asserted_whatever_the_clause(nlp, text, predicate):
    assert moods(nlp, text, predicate) == {"asserted"}


@pytest.mark.parametrize("text,predicate,mood", [
    ("Otto Brandt was not the Danish consul.", "position_held", "negated"),
    ("Otto Brandt was never appointed as consul.", "position_held", "negated"),
    ("If Otto Brandt becomes the consul, he will leave Riga.", "position_held", "hypothetical"),
    # "neither ... nor" negates every item, whether it opens the subject or the predicate noun
    ("I learned that neither Otto Brandt nor his friend was a Communist.", "member_of", "negated"),
    ("Otto Brandt was neither a Communist nor an anarchist.", "member_of", "negated"),
    # a verb of preventing: the deed did not happen
    ("The general tried everything to prevent Otto Brandt's joining the Communist Party.", "member_of", "negated"),
    ("Otto Brandt joined the Communist Party in 1919.", "member_of", "asserted"),
    # asked for, not done
    ("The king went to Berlin to ask that Otto Brandt be sent as ambassador.", "position_held", "hypothetical"),
    # an inference or a possibility, not a fact the text states
    ("Obviously, Otto Brandt must have been the consul.", "position_held", "hypothetical"),
    ("Otto Brandt may be called the consul of the exiles.", "position_held", "hypothetical"),
])
def test_a_predicate_noun_or_a_verbs_frame_keeps_the_clauses_modality(nlp, text, predicate, mood):
    assert moods(nlp, text, predicate) == {mood}


@pytest.mark.parametrize("text,word,apposed", [
    ("Letters of the consul to his wife.", "consul", False),   # no verb: the walk ends at the root
    ("Otto Brandt, the consul, left.", "consul", True),
    ("The consul left.", "consul", False),
])
def test_apposition_is_found_or_the_walk_ends(nlp, text, word, apposed):
    from kg.link.modality import _apposed

    doc = nlp(text)
    assert _apposed(next(t for t in doc if t.text == word)) is apposed
