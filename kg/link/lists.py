"""Rule kind ``list``: a verb followed by a colon and a list of "name, value" items —
the form of court reports: "six defendants were sentenced to imprisonment: Marion,
assistant manager, for ten years; Landau, a reporter, eight years; …".

Each item (items are separated by semicolons) must open with a name of the rule's subject
types; its last comma-separated part is the literal object ("for ten years" → "ten years").
The subject and object of one item belong together, so the parse, which rarely gets such
lists right, is not used beyond finding the trigger.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.link.arguments import ArgumentFinder
from kg.link.evidence import evidence
from kg.link.rules import Rule
from kg.model import Assertion, Passage

LEAD_WORDS = {"for", "to", "with", "by"}  # "for ten years" → "ten years"
MAX_GAP = 8  # tokens between the trigger and its colon


def colon_lists(rules: list[Rule], passage: Passage, doc: Doc,
                finder: ArgumentFinder) -> list[Assertion]:
    """The assertions of every "trigger …: name, value; name, value" list of a passage."""
    out: list[Assertion] = []
    if not rules or ":" not in doc.text:  # no list without its colon
        return out
    for rule in rules:
        for tok in doc:
            if tok.lemma_.lower() in rule.trigger and (not rule.trigger_pos or tok.pos_ in rule.trigger_pos):
                out += _items(rule, tok, passage, finder)
    return out


def _colon(tok: Token) -> int | None:
    """The index of the colon closing the trigger's clause, if it comes soon."""
    end = min(tok.sent.end, tok.i + MAX_GAP + 1)
    for i in range(tok.i + 1, end):
        word = tok.doc[i]
        if word.text == ":":
            return i
        if word.pos_ in {"VERB", "AUX"} or word.text in {";", "."}:
            return None
    return None


def _items(rule: Rule, tok: Token, passage: Passage, finder: ArgumentFinder) -> list[Assertion]:
    colon = _colon(tok)
    if colon is None:
        return []
    doc, out = tok.doc, []
    start = colon + 1
    for i in range(colon + 1, tok.sent.end + 1):
        if i == tok.sent.end or doc[i].text == ";":
            made = _item(rule, doc[start:i], tok, passage, finder)
            if made is not None:
                out.append(made)
            start = i + 1
    return out


def _item(rule: Rule, item: Span, trigger: Token, passage: Passage,
          finder: ArgumentFinder) -> Assertion | None:
    """'Marion, assistant manager, for ten years' → (Marion, 'ten years')."""
    if len(item) < 3:
        return None
    hit = finder.entity(item[0])
    if hit is None or hit[1].type not in rule.subject:
        return None
    commas = [t.i for t in item if t.text == ","]
    if not commas:
        return None
    words = [t for t in item.doc[commas[-1] + 1:item.end] if not t.is_punct or t.text in {"'", "’", "$"}]
    while words and words[0].lower_ in LEAD_WORDS:
        words = words[1:]
    value = "".join(t.text_with_ws for t in words).strip()
    if not value or value == item[0].text:
        return None
    return Assertion(hit[1], rule.predicate, value, "literal", evidence(rule, trigger, passage))
