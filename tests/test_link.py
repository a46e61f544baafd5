"""The link step: literal objects (a punishment coordinated with a charge is no charge), the
participants of an event named inside it, and which clause's subject a verb takes."""

from __future__ import annotations

import pytest

from kg.annotate import annotate_document
from kg.link import Linker
from kg.link.rules import load_rules
from kg.model import Document, Passage


def test_a_verb_coordinated_with_a_charge_is_no_charge(nlp):
    text = "Ivan Smirnov was tried in 1937, convicted of espionage and shot."
    passage = Passage("t-1", "t.txt", 0, "body", text, tuple(range(len(text) + 1)))
    doc = Document(id="t-1", source="t.txt", path="t.txt", sha256="", passages=[passage])
    rules = [r for r in load_rules() if r.predicate == "accused"]
    got = {a.object for a in Linker(rules).link(annotate_document(nlp, doc, text))}
    assert "espionage" in got and "shot" not in got


def _participants(nlp, text: str) -> set[tuple[str, str]]:
    passage = Passage("t-1", "t.txt", 0, "body", text, tuple(range(len(text) + 1)))
    doc = Document(id="t-1", source="t.txt", path="t.txt", sha256="", passages=[passage])
    rules = [r for r in load_rules() if r.id == "participated_in.nested.v1"]
    return {(a.subject.name, a.object.name) for a in Linker(rules).link(annotate_document(nlp, doc, text))}


def test_a_name_inside_an_event_takes_part_in_it_unless_it_is_the_victim(nlp):
    assert _participants(nlp, "The trial of Kamenev and Zinoviev opened in August.")
    assert not _participants(nlp, "The murder of the Romanovs shocked the world.")


def test_a_name_joined_by_a_hyphen_inside_an_event_is_part_of_an_adjective(nlp):
    assert not _participants(nlp, "To read Carlyle upon the Franco-German War is to savor hate.")



@pytest.mark.parametrize("text,trigger,want", [
    # the clause has a subject of its own: the main clause's is not borrowed
    ("Ivan listened with attention while Boris discussed the question with Gorky.", "discussed", []),
    ("After escaping from the prison, Ivan went abroad.", "escaping", []),  # no "<advcl": pcomp
    ("Having escaped from the prison, Ivan went abroad.", "escaped", ["Ivan"]),
])
def test_a_subordinate_clause_borrows_the_main_subject_only_without_its_own(nlp, text, trigger, want):
    from kg.link.arguments import walk
    from kg.link.rules import parse_path

    doc = nlp(text)
    tok = next(t for t in doc if t.text == trigger)
    assert [t.text for t in walk(tok, parse_path("<advcl >nsubj"))] == want


def _offices(nlp, text: str) -> set[tuple[str, str]]:
    passage = Passage("t-1", "t.txt", 0, "body", text, tuple(range(len(text) + 1)))
    doc = Document(id="t-1", source="t.txt", path="t.txt", sha256="", passages=[passage])
    rules = [r for r in load_rules() if r.predicate in {"position_held", "head_of"}]
    return {(a.subject.name, str(a.object)) for a in Linker(rules).link(annotate_document(nlp, doc, text))}


def test_a_place_after_a_title_is_where_its_holder_works_not_the_holder(nlp):
    got = _offices(nlp, "OTTO VON HALLERSTEIN, Professor of Medicine, Berlin.")
    assert not any(subject == "Berlin" for subject, _ in got)
    # nor is a place the gazetteer knows, before the title
    got = _offices(nlp, "The day before Britain declared war against Germany the British Ambassador at Tokio left.")
    assert not any(subject == "Germany" for subject, _ in got)


@pytest.mark.parametrize("text,terms", [
    ("Maria Kovalenko was condemned to fourteen years and ten months’ penal servitude.",
     {"fourteen years and ten months"}),
    ("Ivan Orlov was sentenced to two years and eight months in prison.", {"two years and eight months"}),
    ("Ivan Orlov was sentenced to ten years and exile.", {"ten years", "exile"}),  # two penalties
])
def test_coordinated_units_of_time_are_one_term(nlp, text, terms):
    passage = Passage("t-1", "t.txt", 0, "body", text, tuple(range(len(text) + 1)))
    doc = Document(id="t-1", source="t.txt", path="t.txt", sha256="", passages=[passage])
    rules = [r for r in load_rules() if r.predicate == "sentenced_to"]
    assert {a.object for a in Linker(rules).link(annotate_document(nlp, doc, text))} == terms


@pytest.mark.parametrize("text,office", [
    ("Ivan Orlov, the vice-president of the society, spoke.", "vice-president of the society"),
    ("Ivan Orlov became Vice-Chancellor in 1901.", "Vice-Chancellor"),  # a deputy is not the chancellor
])
def test_an_office_keeps_the_words_hyphened_to_its_front(nlp, text, office):
    passage = Passage("t-1", "t.txt", 0, "body", text, tuple(range(len(text) + 1)))
    doc = Document(id="t-1", source="t.txt", path="t.txt", sha256="", passages=[passage])
    rules = [r for r in load_rules() if r.predicate == "position_held"]
    assert {a.object for a in Linker(rules).link(annotate_document(nlp, doc, text))} == {office}
