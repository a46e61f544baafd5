"""Gapped lists of roles (kg/link/gapping.py): each name of "A as chairman, B as secretary"
owns the "as" phrase written right after it."""

from __future__ import annotations

import pytest

from kg.link.gapping import as_phrase, foreign_role, gapped_holder, takes_as
from kg.link.rules import parse_path


def _doc(nlp, text: str):
    return nlp(text)


def _span(doc, name: str) -> tuple[int, int]:
    words = name.split()
    start = next(i for i in range(len(doc)) if [t.text for t in doc[i:i + len(words)]] == words)
    return start, start + len(words)


@pytest.mark.parametrize("text,role,name,foreign", [
    # B's own "as" phrase follows B: A's chairman is not B's
    ("Besides Otto Braun, appointed as chairman, Karl Weber as secretary, three others came.",
     "chairman", "Karl Weber", True),
    # the role's "as" follows another name of the list: secretary is B's, not A's
    ("The committee elected Otto Braun, and Karl Weber as secretary.", "secretary", "Otto Braun", True),
    ("The committee elected Otto Braun, and Karl Weber as secretary.", "secretary", "Karl Weber", False),
    # not a list item: "under B as chief" leaves the role to the subject
    ("Karl Weber served under Otto Braun as chief of staff.", "chief", "Karl Weber", False),
    ("The Tsar appointed Karl Weber as chairman.", "chairman", "Karl Weber", False),
])
def test_a_role_belongs_to_the_name_its_as_phrase_follows(nlp, text, role, name, foreign):
    doc = _doc(nlp, text)
    tok = next(t for t in doc if t.text == role)
    assert foreign_role(tok, *_span(doc, name)) is foreign


def test_the_as_phrase_holds_coordinated_roles(nlp):
    doc = _doc(nlp, "He served as chairman and general manager.")
    assert as_phrase(doc[6]).i == 2 and as_phrase(doc[3]).i == 2


def test_the_holder_of_a_gapped_role_is_the_list_item_before_as(nlp):
    doc = _doc(nlp, "The committee elected Otto Braun as chairman, and Karl Weber as secretary.")
    tok = next(t for t in doc if t.text == "secretary")
    assert [t.text for t in gapped_holder(tok)] == ["Weber"]
    assert gapped_holder(next(t for t in doc if t.text == "chairman")) == []  # after "elected": no list item


@pytest.mark.parametrize("paths,want", [
    (["<pobj <prep:as >nsubj"], True),
    (["<pobj <prep:as =succeed|replace >dobj"], False),
    ([">appos"], False),
])
def test_only_rules_of_the_one_serving_as_take_a_gapped_holder(paths, want):
    assert takes_as([parse_path(p) for p in paths]) is want
