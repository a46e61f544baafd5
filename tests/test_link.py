"""The link step's literal objects: a punishment coordinated with a charge is no charge."""

from __future__ import annotations

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
