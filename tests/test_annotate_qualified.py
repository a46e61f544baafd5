"""kg_qualified: a nationality adjective before a gazetteer place or organisation makes
another name, no longer linked to the gazetteer entry."""

from __future__ import annotations

import pytest

from kg.annotate.qualified import is_adjective_of_nation


@pytest.mark.parametrize("text,name", [
    ("Kun proclaimed the Hungarian Soviet Republic in March.", "Hungarian Soviet Republic"),
    ("He had joined the Bavarian Soviet Republic's army.", "Bavarian Soviet Republic"),
])
def test_a_qualified_gazetteer_name_is_another_thing(nlp, text, name):
    ents = {e.text: e for e in nlp(text).ents}
    assert name in ents and not ents[name].kb_id_


def test_an_unqualified_gazetteer_name_stays_linked(nlp):
    ents = {e.text: e for e in nlp("Delegates of the Soviet Republic arrived.").ents}
    assert ents["Soviet Republic"].kb_id_


@pytest.mark.parametrize("word,want", [
    ("Hungarian", True), ("Finnish", True), ("Chinese", True), ("Soviet", False), ("Moscow", False),
    ("USA", False),
])
def test_adjectives_of_nation_by_shape(nlp, word, want):
    assert is_adjective_of_nation(nlp.make_doc(word)[0]) is want
