"""Rule kind ``list``: "sentenced: name, value; name, value" items pair each name with its
own value, and nothing is read without the colon or an item's leading name."""

from __future__ import annotations

import pytest

from kg.annotate import annotate_document
from kg.link import Linker
from kg.link.rules import load_rules
from kg.model import Document, Passage

RULES = [r for r in load_rules() if r.kind == "list"]


def _facts(nlp, text: str) -> set[tuple[str, str]]:
    passage = Passage("t-1", "t.txt", 0, "body", text, tuple(range(len(text) + 1)))
    doc = Document(id="t-1", source="t.txt", path="t.txt", sha256="", passages=[passage])
    return {(a.subject.name, a.object) for a in Linker(RULES).link(annotate_document(nlp, doc, text))}


def test_each_name_gets_its_own_term(nlp):
    text = ("Three officials were condemned to imprisonment: Ivan Smirnov, a clerk, for ten years; "
            "Boris Orlov, a reporter, five years; Pavel Sidorov, two years and a fine.")
    got = _facts(nlp, text)
    assert ("Ivan Smirnov", "ten years") in got and ("Boris Orlov", "five years") in got
    assert ("Ivan Smirnov", "five years") not in got


@pytest.mark.parametrize("text", [
    "Three officials were sentenced to imprisonment. Ivan Smirnov, a clerk, for ten years.",
    "Three officials were sentenced to imprisonment: the clerk, for ten years; the reporter, five years.",
    "The judge sentenced and then described the accused: Ivan Smirnov, a clerk, tall and pale.",
])
def test_no_list_no_fact(nlp, text):
    assert _facts(nlp, text) == set()
