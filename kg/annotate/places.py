"""Place names as period newspapers write them (``kg_places``).

Runs last among the name components:

- a town (whatever the model called it) followed by its state or province in the postal abbreviation of the time is one
  place name: "Nashville, Tenn.", "Lewiston, Ida.", "Santa Fe, N. M." (the abbreviation
  alone names no separate place here);
- a lone word the model took for a person, standing in a list or pair with places
  ("from London and Dublin", "in Isabella, Midland, Gladwin and Barry counties") is a place;
- after a place cue ("arrived at", "made for", "via", "a native of") a lone person guess
  or a capitalised word nobody labelled is a place.

Data: ``kg/data/labels.toml`` (``[place] region_abbreviations``, ``place_cues``).

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


@lru_cache(maxsize=1)
def _cues() -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(c.split()) for c in load_toml("labels.toml")["place"]["place_cues"])


def _after_cue(doc: Doc, i: int) -> bool:
    """Whether token ``i`` follows a place cue ("arrived at", "via")."""
    return any(i >= len(cue) and tuple(t.lower_ for t in doc[i - len(cue):i]) == cue for cue in _cues())


def _free_name(doc: Doc, i: int, labels: dict[int, str]) -> int:
    """End of the run of capitalised words starting at ``i`` that nobody labelled (0 if none)."""
    from kg.annotate.names import is_first_name
    from kg.annotate.titles import is_title

    end = i
    while (end < len(doc) and end - i < 3 and end not in labels and doc[end].is_alpha
           and doc[end].text[:1].isupper() and not doc[end].is_stop and not is_title(doc[end])
           and not is_first_name(doc[end].text)):
        end += 1
    return end if end > i else 0


def cued_places(doc: Doc, labels: dict[int, str]) -> list[Span]:
    """Unlabelled capitalised words after a place cue, as PLACE spans."""
    out = []
    for tok in doc:
        if tok.i in labels or not tok.text[:1].isupper() or not _after_cue(doc, tok.i):
            continue
        end = _free_name(doc, tok.i, labels)
        if end:
            span = Span(doc, tok.i, end, label="PLACE")
            origins(doc)[(span.start_char, span.end_char)] = "shape"
            out.append(span)
    return out


def _cued_guess(doc: Doc, ent: Span) -> bool:
    from kg.annotate.names import is_first_name

    return (len(ent) == 1 and origin_of(ent) in GUESSED and not is_first_name(ent.text)
            and _after_cue(doc, ent.start))


class PlaceNames:
    """Apply the place rules to a Doc's entities."""

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        labels = {i: e.label_ for e in doc.ents for i in range(e.start, e.end)}
        spans = []
        for ent in doc.ents:
            if ent.label_ == "PERSON" and (_listed_with_place(doc, ent, labels) or _cued_guess(doc, ent)):
                ent = Span(doc, ent.start, ent.end, label="PLACE")
                origins(doc)[(ent.start_char, ent.end_char)] = "shape"
            placed = ent.label_ == "PLACE" or ent.label_ in GUESSES and origin_of(ent) in GUESSED and len(ent) <= 3
            spans.append(with_region(doc, ent, text) if placed else ent)
        doc.ents = filter_spans(spans + cued_places(doc, labels))
        return doc


@Language.factory("kg_places")
def make_places(nlp: Language, name: str) -> PlaceNames:
    """spaCy factory for :class:`PlaceNames`."""
    return PlaceNames()
