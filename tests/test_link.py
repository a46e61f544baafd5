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
