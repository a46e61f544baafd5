"""kg.annotate.name_edges: a group's plural before a list of names is no part of the first
name; a language word a double dash explains is no surname; in a lifespan bracket the word
after a date and a comma is a place."""

from __future__ import annotations

import pytest


def _ents(nlp, text: str) -> set[tuple[str, str]]:
    return {(e.text, e.label_) for e in nlp(text).ents}


@pytest.mark.parametrize("text,person,glued", [
    ("In 1921 the Independents Brenner and Vogt resigned from the council.", "Brenner", "Independents Brenner"),
    ("Next day the Generals Morel and Dufour inspected the lines.", "Dufour", "Generals Morel"),
])
def test_a_group_plural_before_a_list_of_names_is_not_part_of_the_name(nlp, text, person, glued):
    names = {name for name, _ in _ents(nlp, text)}
    assert (person, "PERSON") in _ents(nlp, text) and glued not in names


@pytest.mark.parametrize("text,kept", [
    ("The film was written by James Poe and directed by Sydney Pollack.", "James Poe"),
    ("He played for the Kansas City Kings and the Boston Celtics.", "Kansas City Kings"),
])
def test_no_article_or_no_plural_leaves_the_name_whole(nlp, text, kept):
    assert kept in {name for name, _ in _ents(nlp, text)}


@pytest.mark.parametrize("text,person", [
    ("Each morning she taught her youngest daughter Olga German--a language the girl disliked.", "Olga"),
    ("Every evening he read to his pupil Maria French--a tongue she learnt with ease.", "Maria"),
])
def test_a_language_word_a_dash_explains_ends_the_name(nlp, text, person):
    persons = {name for name, label in _ents(nlp, text) if label == "PERSON"}
    assert person in persons and not any(" " in name for name in persons)


def test_a_dash_explaining_the_person_keeps_the_surname(nlp):
    persons = {n for n, label in _ents(nlp, "Then Walter French--a clerk from the bank--walked in.")
               if label == "PERSON"}
    assert "Walter French" in persons


@pytest.mark.parametrize("text,places", [
    ("Hans Rieder (3 April 1911, Krefeld – 8 July 1979, Tarnow) was a painter.", {"Krefeld", "Tarnow"}),
    ("Emil Vock (12 March 1903, Rabaul – 4 June 1961, Dublin) wrote novels.", {"Rabaul", "Dublin"}),
])
def test_a_word_after_a_date_in_a_lifespan_bracket_is_a_place(nlp, text, places):
    ents = _ents(nlp, text)
    assert {(p, "PLACE") for p in places} <= ents


@pytest.mark.parametrize("text,places", [
    ("Pavel Orlov, born 5 March 1931 (Kolno, Masuria), died 2 June 2001 (Ostrava), was a sculptor.",
     {"Kolno", "Masuria", "Ostrava"}),
])
def test_a_bracket_after_a_date_of_birth_or_death_holds_places(nlp, text, places):
    assert {(p, "PLACE") for p in places} <= _ents(nlp, text)


def test_a_date_and_a_comma_outside_a_lifespan_bracket_make_no_place(nlp):
    ents = _ents(nlp, "On 4 May 1920, Kamenev and Bukharin met in secret.")
    assert ("Kamenev", "PERSON") in ents


def test_deployed_to_is_a_place_cue(nlp):
    assert ("Rabaul", "PLACE") in _ents(nlp, "The battalion was raised in Queensland and deployed to Rabaul.")


@pytest.mark.parametrize("text,name", [
    ("He joined the nationalist party Vrije Boeren in 1990.", "Vrije Boeren"),
    ("She played for the hockey club Bjorn Alder until 1960.", "Bjorn Alder"),
    ("He later led the youth movement Jonge Garde.", "Jonge Garde"),
])
def test_a_name_after_a_noun_of_a_kind_of_organisation_is_an_organisation(nlp, text, name):
    assert (name, "ORG") in _ents(nlp, text)


@pytest.mark.parametrize("text,person", [
    ("He soon left the party Lenin founded.", "Lenin"),
    ("He was a member of the group Ivan Petrov led.", "Ivan Petrov"),
])
def test_a_person_who_acts_on_the_organisation_stays_a_person(nlp, text, person):
    assert (person, "PERSON") in _ents(nlp, text)


def test_a_lone_guess_after_a_site_and_a_comma_is_its_town(nlp):
    ents = _ents(nlp, "He held the outpost at Carrow Bridge, Dunmore during the rising.")
    assert ("Dunmore", "PLACE") in ents


def test_a_person_acting_after_a_site_stays_a_person(nlp):
    assert ("Trotsky", "PERSON") in _ents(nlp, "In Red Square, Trotsky spoke to the crowd.")
