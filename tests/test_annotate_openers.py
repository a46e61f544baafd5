"""Words glued to the front of a name are cut off (kg/annotate/openers.py)."""

from __future__ import annotations

import pytest

from kg.annotate.openers import Openers


@pytest.mark.parametrize("text,opener,name", [
    ("Thereupon Toropoff went out of the room.", "Thereupon", "Toropoff"),
    ("Once Avdeieff came back drunk and shouted.", "Once", "Avdeieff"),
    ("Knowing Avdeieff well, the guards kept silent.", "Knowing", "Avdeieff"),
    ("Meanwhile Kerensky waited at the Winter Palace.", "Meanwhile", "Kerensky"),
])
def test_glued_leading_words_are_stripped(nlp, text, opener, name):
    names = [e.text for e in nlp(text).ents]
    assert not any(n.startswith(opener) for n in names)


@pytest.mark.parametrize("text,name", [
    ("They were unlike. While Bielinkevitch was gay, Martynov was grave.", "Bielinkevitch"),
    ("When Gorbunovitch and Deutsch were imprisoned at Kiev, nobody knew.", "Gorbunovitch"),
])
def test_an_opener_is_no_first_name_before_a_patronymic_shaped_surname(nlp, text, name):
    assert name in [e.text for e in nlp(text).ents]


@pytest.mark.parametrize("word,sentence_start,want", [
    ("Thereupon", False, True), ("Knowing", True, True), ("Knowing", False, False),
    ("Toropoff", True, False), ("Peking", True, False), ("United", True, False),
])
def test_openers_are_adverbs_and_sentence_opening_participles(nlp, word, sentence_start, want):
    assert Openers.from_nlp(nlp).is_opener(word, sentence_start) is want


def test_a_participle_inside_a_place_name_stays(nlp):
    assert not any(e.text == "Gaol" and e.label_ == "PERSON" for e in nlp("Reading Gaol is a grim place.").ents)


@pytest.mark.parametrize("text,name", [('"Ah, Gregory!" exclaimed the Emperor.', "Gregory"),
                                       ('"Oh, Ivan, come back!" cried Anna.', "Ivan")])
def test_an_interjection_before_a_name_is_no_name(nlp, text, name):
    names = [e.text for e in nlp(text).ents]
    assert name in names and not {"Ah", "Oh"} & set(names)


def test_a_ranks_abbreviation_alone_is_no_name(nlp):
    from kg.annotate import annotate_document
    from kg.read.plain import read_markdown

    text = "HALLORAN, MICHAEL F., Pvt. Co. E\nSept. 5. 1918, Holland, Mich.\n\nDUBOWSKI, JOSEPH, Pvt. Co. C\n"
    [doc] = read_markdown(text, "r.txt", "r.txt", "0")
    names = {m.text for m in annotate_document(nlp, doc, text).mentions}
    assert "Pvt" not in names and "HALLORAN, MICHAEL F." in names
