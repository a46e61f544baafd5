"""Typed literals (kg/link/literals.py, kg/data/literals.toml): charges, offices, prisons and
nicknames each pass a small grammar; the data file is validated with errors naming it."""

from __future__ import annotations

import pytest

from kg.errors import DataFileError
from kg.link.literals import LiteralGrammars, singular

GRAMMARS = LiteralGrammars()


@pytest.mark.parametrize("text", [
    "high treason", "espionage for a foreign power", "complicity in the murder of the governor",
    "counter-revolutionary activities", "Trotskyism", "having sold military secrets",
    "having been in the pay of Germany", "being a spy", "conspiring against the State",
    "smuggled arms across the frontier", "one of the ringleaders of the mutiny",
    "gross negligence", "atrocities", "membership of a secret society",
])
def test_a_charge_is_a_crime_an_accusation_or_a_clause(text):
    assert GRAMMARS.check("charge", text)


@pytest.mark.parametrize("text", [
    "having no ideals", "the imperial family", "reason", "other", "this crime",
    "the following offence", "the duty of inspecting the barracks", "-", "",
])
def test_no_charge_without_a_crime_word_or_a_clause(text):
    assert not GRAMMARS.check("charge", text)


@pytest.mark.parametrize("text,ok", [
    ("Minister of War", True), ("brigade commander", True), ("vice-president of the Council", True),
    ("Commander-in-Chief of the southern armies", True), ("secretary", True), ("valet", True),
    ("leaders of the movement", False), ("deputies", False), ("so-called judges", False),
    ("position of trust", False), ("dummy president of the board", False), ("self-styled general", False),
    ("first mayor", True), ("Chief of All of Us", False), ("chief of them all", False),
    ("Ambassador of the US", True),
    ("chief", False), ("leader", False), ("member", False), ("Croatian leader", True), ("chief of staff", True),
    ("first great leader", False), ("figure head", False), ("leader of the party", True),
])
def test_an_office_is_a_title_in_the_singular(text, ok):
    assert GRAMMARS.check("office", text) is ok


@pytest.mark.parametrize("text,ok", [
    ("prison", True), ("the Butyrka prison", True), ("prison and camps", True),
    ("fortress of Schlüsselburg", True), ("exile", False), ("prison of typhus", False),
    ("camp of exile", False), ("the same prison", False), ("the other gaol", False),
])
def test_a_prison_is_a_place_of_confinement_not_an_exile_nor_one_named_before(text, ok):
    assert GRAMMARS.check("prison", text) is ok


@pytest.mark.parametrize("text,ok", [
    ("Koba", True), ("the Iron Chancellor", True), ("Scotus Viator", True),
    ("the Trial of the Sixteen", False), ("President", False), ("His", False),
    ("little father", False), ("Russian Rockefeller”--a Cadet", False),
])
def test_a_nickname_is_a_proper_name_not_a_title_pronoun_or_trial(text, ok):
    assert GRAMMARS.check("nickname", text) is ok


@pytest.mark.parametrize("text,ok", [
    ("long novel", True), ("memoirs of his exile", True), ("article", False),
    ("this article", False), ("essays", False),
])
def test_a_work_says_more_than_its_kind(text, ok):
    assert GRAMMARS.check("work", text) is ok


@pytest.mark.parametrize("plural,single", [
    ("atrocities", "atrocity"), ("crimes", "crime"), ("marches", "march"), ("class", "class"),
    ("gas", "gas"),
])
def test_singular_by_ending(plural, single):
    assert singular(plural) == single


@pytest.mark.parametrize("data,item", [
    ({"verdict": {"words": ["guilty"]}}, "verdict"),
    ({"charge": {"crimez": ["treason"]}}, "charge"),
    ({"office": {"titles": "minister"}}, "office"),
    ({"office": {"titles": ["@no_such_list"]}}, "office"),
])
def test_a_malformed_grammar_table_names_the_file_and_table(data, item):
    with pytest.raises(DataFileError) as err:
        LiteralGrammars(data)
    assert err.value.path == "literals.toml" and err.value.item == item


def test_a_grammar_reads_its_own_word_lists():
    grammars = LiteralGrammars({"charge": {"crimes": ["poaching"]}})
    assert grammars.check("charge", "poaching") and not grammars.check("charge", "treason")
