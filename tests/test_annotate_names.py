"""kg_names: abbreviated given names stand as initials; a first name in capitals signing
a notice takes the surname in capitals after it."""

from __future__ import annotations

import pytest


def _ents(nlp, text: str) -> set[tuple[str, str]]:
    return {(e.text, e.label_) for e in nlp(text).ents}


@pytest.mark.parametrize("text,want", [
    ("The account was settled by Wm. R. Talbot last spring.", ("Wm. R. Talbot", "PERSON")),
    ("Witnesses: Jos. Pennock and Thos. Grier.", ("Jos. Pennock", "PERSON")),
    ("Signed,\nCHAS. H. MERRILL, Clerk.", ("CHAS. H. MERRILL", "PERSON")),
])
def test_abbreviated_given_names_stand_as_initials(nlp, text, want):
    assert want in _ents(nlp, text)


def test_a_first_name_in_capitals_takes_the_surname_after_it(nlp):
    assert ("HENRY PELHAM", "PERSON") in _ents(nlp, "By order of the Board,\nHENRY PELHAM.\n")


def test_a_heading_in_capitals_is_no_name(nlp):
    assert ("JOHN SAYS NO", "PERSON") not in _ents(nlp, "JOHN SAYS NO TO THE PLAN\nThe vote was close.")
