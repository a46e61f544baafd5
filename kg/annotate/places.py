"""Place names as period newspapers write them (``kg_places``).

Runs last among the name components:

- a town (whatever the model called it) followed by its state or province in the postal abbreviation of the time is one
  place name: "Nashville, Tenn.", "Lewiston, Ida.", "Santa Fe, N. M." (the abbreviation
  alone names no separate place here);
- a lone word the model took for a person, standing in a list or pair with places
  ("from London and Dublin", "in Isabella, Midland, Gladwin and Barry counties") is a place,
  and a place guess in a list of persons a person ("Lincoln, Grant, Garfield");
- after a place cue ("arrived at", "made for", "via", "a native of") a lone person guess
  or a capitalised word nobody labelled is a place;
- the names of a list before a plural place word ("Shizuoka, Aichi, Gifu and Mie
  prefectures", "Mackinac and Schoolcraft counties"), or after one and an opener ("important
  cities are Lutsk, Lviv and Rivne", "towns such as Ufa and Perm") are places, whatever the
  model said.

Data: ``kg/data/labels.toml`` (``[place] region_abbreviations``, ``place_cues``, ``plural_place_words``).

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

from kg.annotate.components import is_nationality, origin_of, origins
from kg.annotate.lexical import DETERMINERS, forms_in, is_possessive
from kg.annotate.name_edges import lifespan_places, town_of_site
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


def _lists(doc: Doc) -> list[list[Span]]:
    """Runs of two or more entities joined by commas or 'and' ("Lincoln, Grant and Garfield")."""
    runs: list[list[Span]] = []
    prev = None
    for ent in doc.ents:
        between = doc[prev.end:ent.start] if prev is not None else None
        if between is not None and len(between) and all(t.lower_ in LIST_WORDS for t in between):
            runs[-1].append(ent)
        else:
            runs.append([ent])
        prev = ent
    return [r for r in runs if len(r) >= 2]


def _movable(ent: Span) -> bool:
    """A guess that ends its list item ("Grant," / "Dublin." — not "Wallace attended")."""
    from kg.annotate.names import is_first_name

    doc = ent.doc
    after = doc[ent.end] if ent.end < len(doc) else None
    if after is not None and after.lower_ not in LIST_ENDS and "\n" not in ent[-1].whitespace_:
        return False
    if ent.kb_id_ or origin_of(ent) not in GUESSED or ent[-1].is_lower:
        return False  # "Barry counties": a place word makes it a place
    return len(ent) <= 2 if ent.label_ == "PLACE" else len(ent) == 1 and not is_first_name(ent.text)


def list_types(doc: Doc) -> dict[tuple[int, int], str]:
    """Person and place guesses standing in a list take the type the list's members, and a
    place cue before the list, vote for ("London and Dublin", "Isabella, Midland, Gladwin";
    "Lincoln, Grant, Garfield"; "deployed to Rabaul and Kavieng")."""
    out = {}
    for run in _lists(doc):
        votes = {"PERSON": 0, "PLACE": 0}
        if _after_cue(doc, run[0].start):  # "deployed to Rabaul and Kavieng": the cue is sure
            votes["PLACE"] += 3
        for ent in run:
            if ent.label_ in votes:
                votes[ent.label_] += 3 if ent.kb_id_ else 1  # a gazetteer name is sure
        winner = max(votes, key=votes.get)
        if votes[winner] <= sum(votes.values()) - votes[winner]:
            continue
        for ent in run:
            if ent.label_ in votes and ent.label_ != winner and _movable(ent):
                out[(ent.start, ent.end)] = winner
    return out


@lru_cache(maxsize=1)
def _cues() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The place cues by their last word."""
    cues = [tuple(c.split()) for c in load_toml("labels.toml")["place"]["place_cues"]]
    return {last: tuple(c for c in cues if c[-1] == last) for last in {c[-1] for c in cues}}


def _after_cue(doc: Doc, i: int, end: int | None = None) -> bool:
    """Whether the name at token ``i`` (to ``end``) follows a place cue ("arrived at", "via")
    and is no one's possessive ("lived in Ipatieff's house": the house is the place)."""
    end = i + 1 if end is None else end
    if end < len(doc) and is_possessive(doc[end]):
        return False
    cues = _cues().get(doc[i - 1].lower_, ()) if i > 0 else ()
    return any(i >= len(cue) and tuple(t.lower_ for t in doc[i - len(cue):i]) == cue for cue in cues)


@lru_cache(maxsize=1)
def _months() -> frozenset[str]:
    """The month names of ``kg/data/dates.toml`` ("held in February" names no place)."""
    return frozenset(load_toml("dates.toml")["months"])


def _free_name(doc: Doc, i: int, labels: dict[int, str]) -> int:
    """End of the run of capitalised words starting at ``i`` that nobody labelled (0 if none)."""
    from kg.annotate.names import is_first_name
    from kg.annotate.titles import is_title

    end = i
    while (end < len(doc) and end - i < 3 and end not in labels and doc[end].is_alpha
           and doc[end].text[:1].isupper() and not doc[end].is_stop and not is_title(doc[end])
           and not is_first_name(doc[end].text) and doc[end].lower_ not in _months()):
        end += 1
    return end if end > i else 0


def cued_places(doc: Doc, labels: dict[int, str]) -> list[Span]:
    """Unlabelled capitalised words after a place cue, as PLACE spans."""
    out = []
    for tok in doc:
        if tok.i in labels or not tok.text[:1].isupper() or not _after_cue(doc, tok.i):
            continue
        end = _free_name(doc, tok.i, labels)
        if end and _after_cue(doc, tok.i, end):
            span = Span(doc, tok.i, end, label="PLACE")
            origins(doc)[(span.start_char, span.end_char)] = "shape"
            out.append(span)
    return out


def _cued_guess(doc: Doc, ent: Span) -> bool:
    from kg.annotate.names import is_first_name

    return (len(ent) == 1 and origin_of(ent) in GUESSED and not is_first_name(ent.text)
            and _after_cue(doc, ent.start))


@lru_cache(maxsize=1)
def _plural_heads() -> frozenset[str]:
    """The plural place words that may follow a list of names ("counties", "provinces")."""
    return frozenset(load_toml("labels.toml")["place"]["plural_place_words"])


ADJECTIVE_ENDINGS = ("ern", "ish", "ese", "ic")  # "the Western provinces", "the Baltic provinces"


def _name_word(tok) -> bool:
    """A capitalised word that may name a place of a list, not a people's or a region's adjective."""
    return (tok.is_alpha and tok.text[:1].isupper() and not tok.is_stop and tok.lower_ not in DETERMINERS
            and not is_nationality(tok.text) and not tok.lower_.endswith(ADJECTIVE_ENDINGS))


@lru_cache(maxsize=1)
def _introducers() -> tuple[frozenset[str], frozenset[str]]:
    """The plural place nouns that introduce a list of places, and the words between."""
    place = load_toml("labels.toml")["place"]
    return frozenset(place["list_place_nouns"]), frozenset(place["list_openers"])


def _names_after(doc: Doc, i: int) -> list[Span]:
    """The names of a list starting at token ``i``: runs of up to three capitalised words
    joined by commas and "and" ("Lutsk, Lviv, Rivne and others")."""
    out = []
    while i < len(doc):
        end = i
        while end < len(doc) and end - i < 3 and _name_word(doc[end]):
            end += 1
        if end == i:
            break
        out.append(Span(doc, i, end, label="PLACE"))
        i = end
        while i < len(doc) and doc[i].lower_ in LIST_WORDS:
            i += 1
        if i == end:
            break
    return out


def _introduced(doc: Doc) -> list[Span]:
    """'important cities are Lutsk, Lviv and Rivne': the list after a plural place noun."""
    nouns, openers = _introducers()
    out = []
    for tok in doc:
        if tok.lower_ in nouns:
            i = tok.i + 1
            while i < len(doc) and i - tok.i <= 2 and doc[i].lower_ in openers:
                i += 1
            if i > tok.i + 1:
                out += _names_after(doc, i)
    return out


def listed_places(doc: Doc) -> list[Span]:
    """The names of a list before a plural place word, or after one introducing it, as PLACE
    spans (a gazetteer's name keeps its own type); a plural place word in title case is part
    of the last name ("Harwell and Amstow Counties")."""
    out = _introduced(doc)
    for tok in (doc[i] for i in forms_in(doc, _plural_heads())):
        if not (tok.is_lower or tok.is_title):
            continue
        i, last = tok.i, tok.i + tok.is_title  # "Harwell and Amstow Counties": the name holds it
        while i > 0:
            end, start = i, i
            while start > 0 and end - start < 3 and _name_word(doc[start - 1]):
                start -= 1
            if start == end:
                break
            out.append(Span(doc, start, max(end, last), label="PLACE"))
            i, last = start, 0
            while i > 0 and doc[i - 1].lower_ in LIST_WORDS:
                i -= 1
            if i == start:
                break
    known = {(e.start, e.end) for e in doc.ents if e.kb_id_}
    spans = [s for s in out if not any(s.start < b and a < s.end for a, b in known)]
    for span in spans:
        origins(doc)[(span.start_char, span.end_char)] = "shape"
    return spans


@lru_cache(maxsize=1)
def _units() -> frozenset[str]:
    return frozenset(load_toml("labels.toml")["place"]["unit_words"])


def unit_places(doc: Doc, labels: dict[int, str]) -> list[Span]:
    """'the hunters crossed Dillon county': capitalised words nobody labelled before a lower-case
    word for a county or a parish name it, and the two words are a place."""
    out = []
    for tok in (doc[i] for i in forms_in(doc, _units())):
        if tok.i == 0 or not tok.is_lower:
            continue
        start = tok.i
        while (start > 0 and tok.i - start < 3 and start - 1 not in labels and _name_word(doc[start - 1])
               and "\n" not in doc[start - 1].whitespace_ and not doc[start - 1].is_sent_start):
            start -= 1
        if start < tok.i:
            span = Span(doc, start, tok.i + 1, label="PLACE")
            origins(doc)[(span.start_char, span.end_char)] = "shape"
            out.append(span)
    return out


class PlaceNames:
    """Apply the place rules to a Doc's entities."""

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        labels = {i: e.label_ for e in doc.ents for i in range(e.start, e.end)}
        spans = []
        listed = list_types(doc)
        for ent in doc.ents:
            label = listed.get((ent.start, ent.end)) or (
                "PLACE" if ent.label_ == "PERSON" and _cued_guess(doc, ent) else None)
            if label:
                ent = Span(doc, ent.start, ent.end, label=label)
                origins(doc)[(ent.start_char, ent.end_char)] = "shape"
            placed = ent.label_ == "PLACE" or ent.label_ in GUESSES and origin_of(ent) in GUESSED and len(ent) <= 3
            spans.append(with_region(doc, ent, text) if placed else ent)
        listed = listed_places(doc) + lifespan_places(doc) + town_of_site(doc)
        spans = [s for s in spans if not any(s.start < p.end and p.start < s.end for p in listed)]
        doc.ents = filter_spans(listed + spans + cued_places(doc, labels) + unit_places(doc, labels))
        return doc


@Language.factory("kg_places")
def make_places(nlp: Language, name: str) -> PlaceNames:
    """spaCy factory for :class:`PlaceNames`."""
    return PlaceNames()
