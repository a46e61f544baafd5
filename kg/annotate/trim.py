"""The edges of a name the statistical model found: what is no part of it is cut off.

A model span loses leading lowercase words and determiners ("the Central Committee"), words
glued to its front ("Thereupon Toropoff": :mod:`kg.annotate.openers`), an unclosed bracket
and what follows it, a dash between words and what follows it ("IRON WORKS--Situated"),
trailing possessives and hyphens, and a person's name what follows its possessive
("Bryan's Denver audience"); a span of initials alone before a dash is an
abbreviation a glossary defines ("C. E. C.--Central Executive Committee"), no name.

>>> import spacy
>>> from spacy.tokens import Span
>>> doc = spacy.blank("en")("the TARNOV IRON WORKS -- Situated near the town")
>>> trim(Span(doc, 0, 6, label="ORG"), Openers(frozenset(), frozenset())).text
'TARNOV IRON WORKS'
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from kg.annotate.lexical import is_determiner, is_possessive
from kg.annotate.openers import Openers

DASHES = frozenset({"--", "---", "—", "――", "―"})
_INITIAL = re.compile(r"[A-Z]\.")


def trim(span: Span, openers: Openers) -> Span | None:
    """Tidy a model span: drop leading lowercase words ('the Central Committee', 'journal
    Bolshevik') and words glued to its front ('Thereupon Toropoff', 'Knowing Avdeieff':
    :mod:`kg.annotate.openers`), trailing possessives and hyphens; drop spans with no
    capitalised word."""
    doc, start, end = span.doc, span.start, span.end
    keep_lower = span.label_ in {"EVENT"}
    while start < end and (is_determiner(doc[start]) and (doc[start].is_lower or span.label_ != "WORK")
                           or not keep_lower and doc[start].is_lower or doc[start].is_punct
                           or start < end - 1 and span.label_ != "WORK" and openers.is_opener(
                               doc[start].text, span.label_ == "PERSON" and _opens_sentence(doc, start),
                               doc[start + 1:end].text)):
        start += 1
    end = _before_dash(doc, start, _before_open_bracket(doc, start, end))
    if span.label_ == "PERSON":
        end = _before_possessive(doc, start, end)
    if end < len(doc) and doc[end].text in DASHES and all(_INITIAL.fullmatch(t.text) for t in doc[start:end]):
        return None  # "C. E. C.--Central Executive Committee": an abbreviation a glossary defines
    while end > start and (is_possessive(doc[end - 1]) or doc[end - 1].is_punct or doc[end - 1].text.endswith("-")):
        end -= 1
    words = [t for t in doc[start:end] if any(ch.isalpha() for ch in t.text)]
    if not words or not any(t.text[:1].isupper() for t in words) or len(doc[start:end].text) < 2:
        return None
    if (start, end) == (span.start, span.end):
        return span
    return Span(doc, start, end, label=span.label, kb_id=span.kb_id)


def _opens_sentence(doc: Doc, i: int) -> bool:
    """Token ``i`` is the first word of its sentence (after any quote or bracket)."""
    j = i - 1
    while j >= 0 and (doc[j].is_punct and doc[j].text not in ".!?;:" or doc[j].is_space):
        j -= 1
    return j < 0 or doc[j].text in ".!?;:" or doc[i].is_sent_start


def _before_dash(doc: Doc, start: int, end: int) -> int:
    """'IRON WORKS--Situated half a mile': a name ends before a dash standing between words
    (a double hyphen or a long dash); a hyphen joins the parts of one name ('Verkh-Issetsk')."""
    for i in range(start + 1, end):
        if doc[i].text in DASHES:
            return i
    return end


def _before_possessive(doc: Doc, start: int, end: int) -> int:
    """"Bryan's Denver audience": a person's name ends at its possessive; the words after
    it name what is his."""
    for i in range(start + 1, end - 1):
        if is_possessive(doc[i]):
            return i
    return end


def _before_open_bracket(doc: Doc, start: int, end: int) -> int:
    """'Vneshtorg (Foreign Trade Office': a name ends before a bracket it does not close."""
    for i in range(start + 1, end):
        if doc[i].text == "(" and not any(t.text == ")" for t in doc[i:end]):
            return i
    return end
