"""Lemma → surface forms, from the lemmatizer's own tables."""

from __future__ import annotations

import pytest

from kg.annotate.lemma_forms import LemmaForms


@pytest.fixture(scope="module")
def forms(nlp):
    return LemmaForms.from_nlp(nlp)


@pytest.mark.parametrize("lemma, form", [("sentence", "sentenced"), ("imprison", "imprisoning"),
                                         ("be", "was"), ("wife", "wives"), ("go", "went"),
                                         ("marry", "married"), ("child", "children")])
def test_forms_include_the_inflections(forms, lemma, form):
    assert form in forms.forms(lemma)


def test_every_token_form_is_a_form_of_its_lemma(nlp, forms):
    doc = nlp("The prisoners were sentenced and sent to camps; their wives had written letters, "
              "and the guards kept watching the families who visited them.")
    missed = [(t.text, t.lemma_) for t in doc if t.is_alpha and t.pos_ not in {"PRON", "PROPN"}
              and t.lower_ not in forms.forms(t.lemma_)]
    assert missed == []


def test_without_a_lemmatizer_a_lemma_is_its_only_form():
    assert LemmaForms({}, {}).forms("Exile") == frozenset({"exile"})
