"""Name structure (kg/resolve/structure.py): given name, patronymic, surname, titles, peoples."""

from __future__ import annotations

import pytest

from kg.resolve.structure import is_people_word, parse_name, patronymic_stem, person_key


@pytest.mark.parametrize("name,kind,given,patronymic,surname", [
    ("Olga Nikolaievna", "given+patronymic", "olga", "nikolaii", None),
    ("Grand Duchess Tatiana Nicholaevna", "given+patronymic", "tatiana", "nikolaii", None),
    ("Alexander Dmitrieff Avdeieff", "full", "aleksandr", "dmitrii", "avdeev"),
    ("Mr. Sidney Ivanovitch Gibbes", "full", "sidneii", "ivan", "gibbes"),
    ("Avdeieff", "surname", None, None, "avdeev"),
    ("Commissar Avdeiev", "surname", None, None, "avdeev"),
    ("NIKOLAIEVNA", "patronymic", None, "nikolaii", None),
    ("Dmitri Shostakovich", "full", "dmitrii", None, "shostakovich"),
    ("Peter", "given", "petr", None, None),
    ("S. I. GIBBES", "initials+surname", None, None, "gibbes"),
    ("General von Wittich", "surname", None, None, "vittich"),
    ("H. I. M. NICHOLAS II", "full", "nikolaii", None, None),  # an ordinal in capitals is no surname
])
def test_a_name_is_read_as_its_parts(name, kind, given, patronymic, surname):
    p = parse_name(name)
    assert (p.kind, p.given, p.patronymic, p.surname) == (kind, given, patronymic, surname)


@pytest.mark.parametrize("word,stem", [("Nikolaievna", "nikolaii"), ("Nicholaevitch", "nikolaii"),
                                       ("Feodorovna", "fedor"), ("Theodorovna", "fedor"), ("Ivanovitch", "ivan"),
                                       ("Shostakovich", None), ("Avdeieff", None), ("Korniloff", None)])
def test_a_patronymic_is_a_fathers_first_name_and_never_a_surname(word, stem):
    assert patronymic_stem(word) == stem


def test_a_period_spelling_is_a_patronymic_only_in_the_middle_of_three_words():
    assert patronymic_stem("Semenoff", middle=True) == "semen" and patronymic_stem("Semenoff") is None


@pytest.mark.parametrize("name,part,value", [
    ("Princess Alice of Hesse", "territory", "hesse"), ("Tsar Nicholas II", "ordinal", "ii"),
    ("Peter the Great", "epithet", "great"), ("Paul Desmarais Jr.", "ordinal", "jr"),
    ("Grand Duchess Anastasia", "titles", ("grand duchess",)), ("GRAND DUCHESS ANASTASIA", "given", "anastasiia"),
])
def test_titles_territories_ordinals_and_epithets_are_parts(name, part, value):
    assert getattr(parse_name(name), part) == value


@pytest.mark.parametrize("word", ["Germans", "German", "Letts", "Lett", "Frenchmen", "Cossacks"])
def test_a_people_is_no_persons_name(word):
    assert is_people_word(word) and parse_name(word).kind == "people"


@pytest.mark.parametrize("a,b", [("Avdeieff", "Avdeyev"), ("Avdeiev", "AVDEIEV"),
                                 ("Olga Nicholaevna", "OLGA NIKOLAIEVNA"), ("Bob Cecil", "Robert Cecil"),
                                 ("General Korniloff", "Korniloff")])
def test_variant_spellings_share_a_key(a, b):
    assert person_key(a) == person_key(b)


@pytest.mark.parametrize("a,b", [("Madame Zorin", "Zorin"), ("Empress Maria", "Grand Duchess Maria"),
                                 ("Olga Nikolaievna", "Tatiana Nikolaievna"), ("Paul Desmarais Jr.", "Paul Desmarais Sr."),
                                 ("Alexander II", "Alexander III"), ("Nicholaevna", "Nikolaevich")])
def test_names_of_two_persons_do_not_share_a_key(a, b):
    assert person_key(a) != person_key(b)
