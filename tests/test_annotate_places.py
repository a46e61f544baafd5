"""kg_places: a town with its state abbreviation is one place; place cues and lists type
person/place guesses; a person guess before a lowercase place word is a place."""

from __future__ import annotations

import pytest


def _ents(nlp, text: str) -> set[tuple[str, str]]:
    return {(e.text, e.label_) for e in nlp(text).ents}


@pytest.mark.parametrize("text,want", [
    ("The delegates met at Dayton, Tenn., last week.", ("Dayton, Tenn.", "PLACE")),
    ("A letter came from Bismarck, N. D. yesterday.", ("Bismarck, N. D.", "PLACE")),
    ("Mr. Hale of Macon, Ga. was elected.", ("Macon, Ga.", "PLACE")),
])
def test_a_town_and_its_state_abbreviation_are_one_place(nlp, text, want):
    assert want in _ents(nlp, text)


@pytest.mark.parametrize("text", [
    "Kamenev and Zinoviev were arrested in Moscow, and Tomsky in Leningrad.",
    "She wrote to Bukharin in 1936.",
])
def test_no_state_abbreviation_no_growth(nlp, text):
    assert all("," not in name for name, label in _ents(nlp, text) if label == "PLACE")


@pytest.mark.parametrize("text,name", [
    ("The brig sailed for Oporto with a cargo of flour.", "Oporto"),
    ("The schooner arrived at Tarragona after a long passage.", "Tarragona"),
    ("The mail came via Halifax this morning.", "Halifax"),
    ("The funeral was held in Kolvany on Monday afternoon.", "Kolvany"),
    ("After the war the family returned to Brannock and kept an inn.", "Brannock"),
])
def test_a_place_cue_makes_a_place(nlp, text, name):
    assert (name, "PLACE") in _ents(nlp, text)


def test_a_place_cue_does_not_retype_a_possessive_person(nlp):
    assert ("Trotsky", "PERSON") in _ents(nlp, "The telegram arrived at Trotsky's office at noon.")


@pytest.mark.parametrize("text,name,label", [
    ("He visited Paris, Lyon and Dunmore, and returned.", "Dunmore", "PLACE"),
    ("Goods came from Boston, Salem and Lynnfield, and sold.", "Lynnfield", "PLACE"),
    ("Kamenev, Zinoviev, Smirnov and Bakayev stood trial.", "Bakayev", "PERSON"),
])
def test_list_members_share_a_type(nlp, text, name, label):
    assert (name, label) in _ents(nlp, text)


def test_a_list_word_after_a_comma_opening_a_clause_is_no_list(nlp):
    ents = _ents(nlp, "Born in Kingston, Ontario, Hadley moved to Ottawa at nineteen.")
    assert ("Hadley", "PLACE") not in ents


@pytest.mark.parametrize("text,want", [
    ("They rested in Morton park after the march.", ("Morton park", "PLACE")),
    ("The Kerensky government fell in October.", ("Kerensky", "PERSON")),
    ("Apply to the printer, Chesnut-street, near the wharf.", ("Chesnut-street", "PLACE")),
    ("The freight train waited at Marshal Junction for an hour.", ("Marshal Junction", "PLACE")),
    ("We left from the Kuzminski station at dawn.", ("Kuzminski station", "PLACE")),
    # a gazetteer person's name before a place word names a place after him
    ("He lived on Lenin street until the war.", ("Lenin street", "PLACE")),
])
def test_a_lowercase_place_word_after_a_name_or_a_place_head_word(nlp, text, want):
    assert want in _ents(nlp, text)


@pytest.mark.parametrize("text,places,not_places", [
    ("The fair drew farmers from Harwell, Amstow, Brede and Lusk counties.",
     ["Harwell", "Amstow", "Brede", "Lusk"], []),
    ("In Tarnova and Velsk provinces the harvest failed.", ["Tarnova", "Velsk"], ["In Tarnova"]),
    ("The Northern and Eastern provinces were lost.", [], ["Northern", "Eastern"]),  # adjectives
    ("The German and Ukrainian districts voted.", [], ["German", "Ukrainian"]),  # peoples
    ("Farmers from Harwell and Amstow Counties met at the fair.",
     ["Harwell", "Amstow Counties"], ["Amstow"]),  # a plural place word in title case is in the name
    ("Agents visited the Osage and Pawnee reservations in May.", ["Osage", "Pawnee"], []),
])
def test_the_names_of_a_list_before_a_plural_place_word_are_places(nlp, text, places, not_places):
    found = _ents(nlp, text)
    assert all((p, "PLACE") in found for p in places)
    assert not any((n, "PLACE") in found for n in not_places)


@pytest.mark.parametrize("text,places", [
    ("Its chief towns are Velsk, Tarnova and Brede.", ["Velsk", "Tarnova", "Brede"]),
    ("The party held villages such as Amstow and Lusk.", ["Amstow", "Lusk"]),
])
def test_the_names_of_a_list_after_a_plural_place_noun_are_places(nlp, text, places):
    found = _ents(nlp, text)
    assert all((p, "PLACE") in found for p in places)


@pytest.mark.parametrize("text,want", [
    ("The hunters crossed Dillon county on foot.", ("Dillon county", "PLACE")),
    ("Land prices in Perquimons county rose that spring.", ("Perquimons county", "PLACE")),
])
def test_capitalised_words_before_county_name_a_place(nlp, text, want):
    assert want in _ents(nlp, text)


def test_a_sentence_opening_word_before_county_names_no_place(nlp):
    assert not [e for e in nlp("Said county shall pay the costs.").ents if e.label_ == "PLACE"]


def test_a_month_after_a_place_cue_is_no_place(nlp):
    assert not [e for e in nlp("Three such conferences were held in February and in March.").ents if e.label_ == "PLACE"]


@pytest.mark.parametrize("text,names", [
    ("By sea the brigade was later deployed to Rabaul and Kavieng.", {"Rabaul", "Kavieng"}),
    ("In the spring the family moved to Tolvara and Kessik, with their goats.", {"Tolvara", "Kessik"}),
])
def test_a_place_cue_before_a_list_makes_every_name_a_place(nlp, text, names):
    assert {(n, "PLACE") for n in names} <= _ents(nlp, text)


@pytest.mark.parametrize("text,name", [
    ("He would live for over 12 years in Mallory (where his son was born).", "Mallory"),
    ("She worked for some months in Dunmore and then left.", "Dunmore"),
])
def test_a_stay_of_years_or_months_in_a_name_makes_a_place(nlp, text, name):
    assert (name, "PLACE") in _ents(nlp, text)
