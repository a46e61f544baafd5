"""One name, one type in a document, by the strongest cues (kg/resolve/types.py)."""

from __future__ import annotations

from kg.model import Mention
from kg.resolve.types import vote_types


def _m(name: str, type_: str, origin: str = "model", key: str | None = None, doc: str = "d") -> Mention:
    return Mention(doc, f"{doc}.txt", 0, len(name), name, type_, 0, origin=origin, name=name, key=key)


def test_a_surname_the_model_calls_a_place_follows_the_persons_full_name():
    ms = [_m("Avdeieff", "PLACE") for _ in range(5)] + [_m("Alexander Avdeiev", "PERSON", "shape")]
    decisions = vote_types(ms)
    assert {m.type for m in ms} == {"PERSON"}
    assert decisions[0]["type"] == "PERSON" and decisions[0]["moved"] == 5
    assert decisions[0]["votes"]["PLACE"] == {"model": 5}


def test_a_person_and_a_place_with_strong_cues_stay_apart():
    ms = [_m("Washington", "PLACE", "gazetteer", key="Washington_DC"), _m("General Washington", "PERSON", "shape")]
    decisions = vote_types(ms)
    assert [m.type for m in ms] == ["PLACE", "PERSON"]
    assert decisions[0]["type"] is None  # reported, not decided


def test_equal_weak_cues_change_nothing():
    ms = [_m("Bolshevik", "ORG"), _m("Bolshevik", "GROUP")]
    assert vote_types(ms) == [] and [m.type for m in ms] == ["ORG", "GROUP"]


def test_votes_stay_within_their_document():
    ms = [_m("Avdeieff", "PLACE", doc="a"), _m("Alexander Avdeiev", "PERSON", "shape", doc="b")]
    assert vote_types(ms) == [] and ms[0].type == "PLACE"
