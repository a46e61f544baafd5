"""Argument finding: a noun "named X" is X (not a namesake, "also named X"); "whom" stands for a
person, never a body; a singular title before two names is the first's."""

from __future__ import annotations

import pytest

from kg.annotate import annotate_document
from kg.link import Linker
from kg.link.rules import load_rules
from kg.model import Document, Passage


def _link(nlp, text: str, rule_id: str) -> list:
    """The assertions one shipped rule makes on a one-passage document of ``text``."""
    rules = [r for r in load_rules() if r.id == rule_id]
    passage = Passage("t-1", "t.txt", 0, "body", text, tuple(range(len(text) + 1)))
    doc = Document(id="t-1", source="t.txt", path="t.txt", sha256="", passages=[passage])
    return Linker(rules).link(annotate_document(nlp, doc, text))


@pytest.mark.parametrize("text,want", [
    ("Until 1925 the commandant of the camp was a sailor named Ivan Smirnov.", {"Ivan Smirnov"}),
    ("The commandant of the camp was his cousin, also named Ivan Smirnov.", set()),
])
def test_a_noun_named_x_is_x(nlp, text, want):
    got = {a.subject.name for a in _link(nlp, text, "position_held.title_literal.v1")}
    assert got == want


@pytest.mark.parametrize("text,want", [
    ("The inscription was written by one of the men from the Cheka whom Ivan Petrov had left in charge "
     "of the house.", set()),  # whom: the men, not the Cheka
    ("Ivan Petrov left the Central Committee, which he had led for years.", {"Central Committee"}),
])
def test_whom_stands_for_a_person_never_a_body(nlp, text, want):
    got = {a.object.name for a in _link(nlp, text, "resigned_from.verb.v1")}
    assert got == want


@pytest.mark.parametrize("text,want", [
    ("The grand marshal of the court, Count Ivan Petrov and Count Pavel Orlov, who was in charge of the "
     "stables, stayed behind.", {"Count Ivan Petrov"}),  # a singular title is one man's
    ("Ivan Petrov, the Minister of the Interior, resigned.", {"Ivan Petrov"}),
])
def test_a_singular_title_before_two_names_is_the_firsts(nlp, text, want):
    got = {a.subject.name for a in _link(nlp, text, "position_held.title_literal.v1")}
    assert got == want


@pytest.mark.parametrize("text,rule,want", [
    ("Anna Weber was imprisoned in the Butyrki and in the Lubyanka.", "imprisoned_in.confined.v1",
     {"Butyrki", "Lubyanka"}),
    ("Karl Weber was a member of the Central Committee and of the Politburo.", "member_of.member_noun.v2",
     {"Central Committee", "Politburo"}),
    ("Karl Weber moved from Kazan to Moscow.", "moved_to.verb.v1", {"Moscow"}),
])
def test_a_repeated_preposition_adds_its_object(nlp, text, rule, want):
    got = {a.object.name for a in _link(nlp, text, rule)}
    assert got == want


def test_a_repeated_preposition_after_a_title_inside_the_object_adds_nothing(nlp):
    text = "Otto Braun lost to Liberal Party candidate Karl Weber and to independent candidate Hans Roth."
    got = {a.subject.name for a in _link(nlp, text, "member_of.politician_for.v1")}
    assert got == {"Karl Weber"}


@pytest.mark.parametrize("text,want", [
    ("Otto Braun represented the Moderate Party in the Riksdag. In 1995 he was expelled from the party.",
     {"Moderate Party"}),
    ("Otto Braun wrote about the Liberal Party and the Labour Party. In 1930 he was expelled from the party.",
     set()),  # two parties named: "the party" is neither
])
def test_the_party_is_the_one_party_named_before(nlp, text, want):
    got = {a.object.name for a in _link(nlp, text, "member_of.expelled_from.v1")}
    assert got == want


@pytest.mark.parametrize("rule_id,unwanted", [
    # the widow is Krupitskaya alone: "his sister Olga" is another tie of another person
    ("spouse.kinship_noun.v1", ("Olga", "Semyon Petrov")),
    # "his" is no woman's: Olga is not Krupitskaya's sister
    ("sibling_of.kinship_noun.v1", ("Olga", "Anna Krupitskaya")),
])
def test_a_conjunct_with_its_own_possessor_is_another_tie(nlp, rule_id, unwanted):
    text = "Semyon Petrov died in 1924. At the funeral stood Semyon Petrov's widow, Anna Krupitskaya, and his sister Olga."
    got = {(a.subject.name, a.object.name) for a in _link(nlp, text, rule_id)}
    assert got and unwanted not in got
