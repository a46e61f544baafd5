"""What a name's own words say about its type (kg/resolve/name_types.py), and the shipped
gazetteer's states kept apart from their successors."""

from __future__ import annotations

import pytest

from kg.annotate.gazetteer import load_gazetteer
from kg.model import Mention
from kg.resolve import Resolver
from kg.resolve.name_types import retype_by_structure, structure_type


def _m(name: str, type_: str, doc: str = "d", key: str | None = None) -> Mention:
    return Mention(doc, f"{doc}.txt", 0, len(name), name, type_, 0, name=name, key=key)


@pytest.mark.parametrize("name,type_,common,expected", [
    ("Smienoviekhovtsy", "PERSON", (), "GROUP"),  # Russian plural of a movement's members
    ("Putilovtsi", "PERSON", (), "GROUP"),
    ("Allied Interventionists", "PERSON", (), "GROUP"),
    ("Northern Camps for Special Purposes", "PERSON", (), "ORG"),  # no person's name holds 'for'
    ("FK Brannvika", "PERSON", (), "ORG"),  # a club's legal form
    ("NKVD Kolyma", "PERSON", (), "ORG"),  # an acronym of three capitals
    ("Northern Camps", "PERSON", ("camps", "camp"), "ORG"),  # headed by a plural common noun
    ("Parc del Ter", "PERSON", (), "PLACE"),  # a kind of place before a particle
    ("Lago di Garda", "PERSON", (), "PLACE"),
    ("Nicholas the Sanguinary", "ORG", (), "PERSON"),  # a first name with an epithet
    ("Bloody Nicholas", "ORG", (), "PERSON"),
    ("Nicholas the Sanguinary", "WORK", (), None),  # a title of a work stays a work
])
def test_a_name_says_its_type_against_the_model(name, type_, common, expected):
    assert structure_type(name, type_, frozenset(common)) == expected


@pytest.mark.parametrize("name,common", [
    ("Karl Radek", ()), ("JR Shaw", ()),  # two capitals may be initials
    ("JOHN BRINK, Esquire", ()),  # a name in capitals is no acronym
    ("Joseph Banks", ("banks", "bank")),  # a first name opens it: a person, whatever 'banks' is
    ("Menuel and Saprunenko", ()),  # two persons glued stay persons
    ("Trotsky", ()), ("Tsvetaeva", ()), ("Maria de Souza", ()),
])
def test_a_persons_name_stays_a_person(name, common):
    assert structure_type(name, "PERSON", frozenset(common)) is None


def test_a_gazetteer_name_keeps_the_gazetteers_type():
    ms = [_m("Bloody Nicholas", "ORG", key="Some_Org")]
    assert retype_by_structure(ms) == [] and ms[0].type == "ORG"


def test_retyping_is_recorded_with_its_cue():
    ms = [_m("Tchetchentsy", "PERSON"), _m("Tchetchentsy", "PERSON")]
    decisions = retype_by_structure(ms)
    assert {m.type for m in ms} == {"GROUP"}
    assert decisions[0]["votes"] == {"PERSON": {"model": 2}, "GROUP": {"name structure": 2}}


def test_a_plural_of_members_merges_with_no_person():
    ms = [_m("Ivan Smienov", "PERSON"), _m("Smienovtsy", "PERSON")]
    Resolver().resolve(ms)
    assert ms[0].entity != ms[1].entity and ms[1].type == "GROUP"


@pytest.mark.parametrize("state,successor", [
    ("Grand Duchy of Finland", "Finland"), ("Ukrainian SSR", "Ukraine"), ("Soviet Georgia", "Georgia"),
    ("Armenian SSR", "Armenia"), ("Byelorussian SSR", "Belarus"),
])
def test_a_historical_state_is_not_its_successor(state, successor):
    ms = [_m(state, "PLACE"), _m(successor, "PLACE")]
    Resolver(load_gazetteer()).resolve(ms)
    assert ms[0].entity and ms[1].entity == successor and ms[0].entity != successor


@pytest.mark.parametrize("alias", ["Eastern Front", "Patriotic War"])
def test_a_name_of_two_wars_links_to_neither(alias):
    ms = [_m(alias, "EVENT")]
    Resolver(load_gazetteer()).resolve(ms)
    assert ms[0].entity != "Great_Patriotic_War"
