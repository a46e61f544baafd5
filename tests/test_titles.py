"""Titles used as references: "the Duke" → the person last named with that title, only
backwards, and not when two persons carry the title."""

from __future__ import annotations

import pytest

from kg.annotate import annotate_document
from kg.link import Linker
from kg.link.rules import load_rules
from kg.model import Document, Passage

RULES = [r for r in load_rules() if r.id == "arrested_on.passive.v1"]


def _arrests(nlp, text: str) -> set[tuple[str, str]]:
    passage = Passage("t-1", "t.txt", 0, "body", text, tuple(range(len(text) + 1)))
    doc = Document(id="t-1", source="t.txt", path="t.txt", sha256="", passages=[passage])
    return {(a.subject.name, a.object) for a in Linker(RULES).link(annotate_document(nlp, doc, text))}


@pytest.mark.parametrize("text,want", [
    ("Grand Duke Sergei Mikhailovich arrived at Perm. In May 1918 the Duke was arrested.",
     {("Duke Sergei Mikhailovich", "1918-05")}),
    ("In May 1918 the Duke was arrested. Grand Duke Sergei Mikhailovich arrived at Perm.", set()),
])
def test_the_title_refers_back_to_its_bearer(nlp, text, want):
    assert {(n.removeprefix("Grand "), d) for n, d in _arrests(nlp, text)} == want


def _ents(nlp, text: str) -> set[tuple[str, str]]:
    return {(e.text, e.label_) for e in nlp(text).ents}


@pytest.mark.parametrize("text,want", [
    ("The sloop, capt. Harkness, came in yesterday.", ("capt. Harkness", "PERSON")),
    ("A dinner was given for captain Pollard at the inn.", ("captain Pollard", "PERSON")),
    ("The letter names hon. Edmund Tilley as a delegate.", ("hon. Edmund Tilley", "PERSON")),
    ("The chronicle praises queen Matilda of Flanders for her piety.", ("queen Matilda of Flanders", "PERSON")),
    ("Charges were filed by ATTORNEY R. J. WHITCOMB on Monday.", ("ATTORNEY R. J. WHITCOMB", "PERSON")),
    ("Yesterday Inspector Gaunt questioned the driver.", ("Inspector Gaunt", "PERSON")),
    ("The patient was seen by Doctor Lindqvist twice.", ("Doctor Lindqvist", "PERSON")),
])
def test_titles_in_lower_case_capitals_and_newer_ranks_open_a_name(nlp, text, want):
    assert want in _ents(nlp, text)


@pytest.mark.parametrize("text,want,unwanted", [
    ("(Capt. R. refused to show the pirates his papers.)", ("Capt. R.", "PERSON"), None),
    ("We learn from capt. T. that the frigate sailed.", ("capt. T.", "PERSON"), None),
    ("Capt. R. Holloway came ashore.", ("Capt. R. Holloway", "PERSON"), ("Capt. R.", "PERSON")),
])
def test_a_title_and_an_initial_name_a_person(nlp, text, want, unwanted):
    """A writer who does not print a name gives its initial after the title."""
    found = _ents(nlp, text)
    assert want in found and unwanted not in found


@pytest.mark.parametrize("text", ["In general Frenchmen admired him.", "The major Powers objected."])
def test_adjective_like_titles_in_lower_case_open_nothing(nlp, text):
    assert not any(n.startswith(("general", "major")) for n, _ in _ents(nlp, text))


def test_a_titled_pair_read_as_one_organisation_is_cut_before_and(nlp):
    names = {n for n, label in _ents(nlp, "He dined with capt. Ruddock and Benj. Ashby, Esq. at noon.")
             if label == "PERSON"}
    assert not any(" and " in n for n in names)


@pytest.mark.parametrize("text,gone", [
    ("Mr. Wray met the Court Marshal in the hall.", "Court Marshal"),
    ("The Consul telegraphed from Odessa.", "Consul"),
    ("The Ministers met on Tuesday.", "Ministers"),
])
def test_offices_and_plural_titles_name_nobody(nlp, text, gone):
    assert gone not in {n for n, _ in _ents(nlp, text)}


def test_the_surname_after_an_office_is_its_holder(nlp):
    ents = _ents(nlp, "It was signed by Komisar of Finance Sorokin.")
    assert ("Sorokin", "PERSON") in ents and not any("Komisar" in n for n, _ in ents)


@pytest.mark.parametrize("text,want", [
    ("Their leader was--at the time--von Hollen, a cautious man.", ("von Hollen", "PERSON")),
    ("Appointed were Ezra Pettigrew, Esq., and Jonas Reade, Sen., of the county.", ("Ezra Pettigrew, Esq.", "PERSON")),
])
def test_particles_and_suffixes_belong_to_the_name(nlp, text, want):
    assert want in _ents(nlp, text)


ACCUSED = [r for r in load_rules() if r.id == "accused.active.v1"]


def test_a_hyphenated_title_refers_back_to_its_bearer(nlp):
    first = "For six weeks Otto Brandt had been Police-President of Danzig."
    second = "The inquiry convicted the Police-President of negligence."
    text = f"{first}\n\n{second}"
    passages = [Passage("t-1", "t.txt", 0, "body", first, tuple(range(len(first) + 1))),
                Passage("t-1", "t.txt", 1, "body", second,
                        tuple(range(len(first) + 2, len(text) + 1)))]
    doc = Document(id="t-1", source="t.txt", path="t.txt", sha256="", passages=passages)
    linker = Linker([*ACCUSED, *(r for r in load_rules() if r.id == "position_held.title_literal.v1")])
    got = {(a.subject.name, a.predicate, a.object) for a in linker.link(annotate_document(nlp, doc, text))}
    assert ("Otto Brandt", "accused", "negligence") in got
    assert not any(p == "position_held" and "negligence" in o for _, p, o in got)



@pytest.mark.parametrize("text,want", [
    ("He is at present at the Grand Duke Boris Vladimirovitch's house.", ("Grand Duke Boris Vladimirovitch", "PERSON")),
    ("GRAND DUKE ALEXIS NIKOLAIEVICH, the only son, was born in 1904.", ("GRAND DUKE ALEXIS NIKOLAIEVICH", "PERSON")),
    ("He had been received by the Comte de la Garde in Vienna.", ("Comte de la Garde", "PERSON")),  # French
    ("Graf Czernin spoke to Comtesse Potocka.", ("Comtesse Potocka", "PERSON")),
    ("S. Remes, secretary of the Grand-Duke Sergius, shared their captivity.", ("Grand-Duke Sergius", "PERSON")),
])
def test_a_title_the_model_took_apart_or_wrote_in_capitals_opens_the_name(nlp, text, want):
    assert want in _ents(nlp, text)
