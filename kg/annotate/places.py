"""Place names as period newspapers write them (``kg_places``).

Runs last among the name components:

- a town (whatever the model called it) followed by its state or province in the postal abbreviation of the time is one
  place name: "Nashville, Tenn.", "Lewiston, Ida.", "Santa Fe, N. M." (the abbreviation
  alone names no separate place here);
- a lone word the model took for a person, standing in a list or pair with places
  ("from London and Dublin", "in Isabella, Midland, Gladwin and Barry counties") is a place.

Data: ``kg/data/labels.toml`` (``[place] region_abbreviations``).

>>> from kg.annotate.pipeline import load_pipeline      # doctest: +SKIP
>>> doc = load_pipeline()("He was born at Pulaski, Tenn., and moved to London and Dublin.")  # doctest: +SKIP
>>> [(e.text, e.label_) for e in doc.ents]              # doctest: +SKIP
[('Pulaski, Tenn.', 'PLACE'), ('London', 'PLACE'), ('Dublin', 'PLACE')]
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.annotate.components import origin_of, origins
from kg.data_files import load_toml

GUESSES = {"PERSON", "ORG"}  # model labels a town before its state abbreviation often gets
GUESSED = {"model", "shape"}  # a one-word "shape" PERSON is a surname-shaped guess ("Dublin")
LIST_WORDS = {",", "and", "or", "&"}
LIST_ENDS = {",", ".", ";", ":", "and", "or", ")", "—"}


@lru_cache(maxsize=1)
def _abbreviation() -> re.Pattern[str]:
    """'Tenn.', 'N. M.', 'Va' (the OCR often loses the full stop) after a comma or stop."""
    words = load_toml("labels.toml")["place"]["region_abbreviations"]
    forms = sorted({re.escape(w.rstrip(".")).replace(r"\.\ ", r"\.\s?").replace(r"\ ", r"\s?")
                    for w in words}, key=len, reverse=True)
    return re.compile(rf"[,.]\s*(?:{'|'.join(forms)})(?:\.|(?=[\s,;:)]|$))")


def with_region(doc: Doc, span: Span, text: str) -> Span:
    """``span`` grown over a following ', Tenn.' when there is one (then a PLACE)."""
    m = _abbreviation().match(text, span.end_char)
    if m is None or "\n\n" in m.group(0):
        return span
    grown = doc.char_span(span.start_char, m.end(), label="PLACE", alignment_mode="contract")
    if grown is None or grown.end <= span.end:
        return span
    origins(doc)[(grown.start_char, grown.end_char)] = "shape"
    return grown


def _listed_with_place(doc: Doc, ent: Span, labels: dict[int, str]) -> bool:
    """A one-word PERSON guess standing in a list or pair ("London and Dublin", "Isabella,
    Midland, Gladwin") whose other members are places at least as often as persons."""
    from kg.annotate.names import is_first_name

    if (len(ent) != 1 or origin_of(ent) not in GUESSED or is_first_name(ent.text)
            or ent.start == 0 or ent.end >= len(doc)):
        return False
    before, after = doc[ent.start - 1], doc[ent.end]
    if before.lower_ not in LIST_WORDS or after.lower_ not in LIST_ENDS and "\n" not in ent[0].whitespace_:
        return False
    members = [labels.get(i) for i in _list_members(doc, ent.start, labels)]
    return members.count("PLACE") >= 1 + members.count("PERSON")


def _list_members(doc: Doc, i: int, labels: dict[int, str]) -> list[int]:
    """Tokens opening the other entities of the list around token ``i`` (each member one
    entity, joined by commas or 'and')."""
    found = []
    for step in (-1, 1):
        j = i
        while True:
            k = j + step
            while 0 <= k < len(doc) and k not in labels and doc[k].lower_ not in LIST_WORDS:
                k += step  # the rest of a multi-word member
            if not (0 <= k < len(doc)) or doc[k].lower_ not in LIST_WORDS:
                break
            while 0 <= k < len(doc) and doc[k].lower_ in LIST_WORDS:
                k += step
            if not (0 <= k < len(doc)) or k not in labels:
                break
            found.append(k)
            j = k
    return found


class PlaceNames:
    """Apply the place rules to a Doc's entities."""

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        labels = {i: e.label_ for e in doc.ents for i in range(e.start, e.end)}
        spans = []
        for ent in doc.ents:
            if ent.label_ == "PERSON" and _listed_with_place(doc, ent, labels):
                ent = Span(doc, ent.start, ent.end, label="PLACE")
                origins(doc)[(ent.start_char, ent.end_char)] = "shape"
            placed = ent.label_ == "PLACE" or ent.label_ in GUESSES and origin_of(ent) in GUESSED and len(ent) <= 3
            spans.append(with_region(doc, ent, text) if placed else ent)
        doc.ents = filter_spans(spans)
        return doc


@Language.factory("kg_places")
def make_places(nlp: Language, name: str) -> PlaceNames:
    """spaCy factory for :class:`PlaceNames`."""
    return PlaceNames()
