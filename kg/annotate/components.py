"""What the annotate components share: span provenance, nested names, the words for
peoples, parties and institutions; and the component ``kg_dates``, which adds DATE spans
from the date normaliser, with their values in ``doc._.kg_dates[(start_char, end_char)]``
(``kg_types``, the model's labels brought to histkg's types, is :mod:`kg.annotate.type_map`).

Span provenance is kept in ``doc._.kg_origin[(start_char, end_char)]``: ``gazetteer``
(also ``span.kb_id_``), ``shape``, ``date``, ``consistency``; no entry means ``model``.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.annotate.lexical import is_possessive
from kg.data_files import load_toml
from kg.dates import find_dates

for _name in ("kg_origin", "kg_dates"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

LONE = "kg_lone"  # span group of lone words the model took for organisations, set aside
NESTED = "kg_nested"  # span group of names inside a longer name ("the trial of Kamenev and Zinoviev")
NESTING = {"EVENT", "WORK", "ORG"}


NESTABLE = {"PERSON", "PLACE", "ORG", "GROUP"}


@lru_cache(maxsize=1)
def _nationalities() -> frozenset[str]:
    """The nationality nouns of ``labels.toml`` in the plural and the singular, casefolded."""
    out = set()
    for word in load_toml("labels.toml")["norp"].get("nationalities", []):
        low = word.casefold()
        out.add(low)
        if low.endswith("men"):
            out.add(low[:-3] + "man")
        elif low.endswith("s") and not low.endswith(("ss", "ies")):
            out.add(low[:-1])
    return frozenset(out)


def is_nationality(word: str) -> bool:
    """'German', 'Germans', 'ENGLISHMAN' → True: a people or its member, never a person's name.

    >>> is_nationality("Germans"), is_nationality("Englishman"), is_nationality("Germany")
    (True, True, False)
    """
    return word.casefold() in _nationalities()


@lru_cache(maxsize=1)
def _people_words() -> frozenset[str]:
    """The ``people_words`` of ``names.toml`` ("Lett", "Chinaman", "Negroes"), casefolded."""
    return frozenset(w.casefold() for w in load_toml("names.toml").get("people_words", []))


def is_people_word(word: str) -> bool:
    """A nationality or another word for a people or its member ("Chinaman", "Southerner",
    "Cossacks"): never one person's name nor a place's.

    >>> is_people_word("Southerners"), is_people_word("Chinaman"), is_people_word("South")
    (True, True, False)
    >>> is_people_word("Irishmen")  # the plural of a listed "-man"
    True
    """
    low = word.casefold()
    words = _people_words()
    return is_nationality(word) or low in words or low.endswith("men") and low[:-3] + "man" in words


@lru_cache(maxsize=1)
def institution_words() -> frozenset[str]:
    """One-word organisations of political history ("Party", "Politburo", "Duma"), lower case:
    capitalised, they name the institution even where the text also uses the common word."""
    return frozenset(w.lower() for w in load_toml("labels.toml")["org"]["single_words"])


@lru_cache(maxsize=1)
def party_words() -> frozenset[str]:
    """Names of parties by their members ("Republican", "Liberal"), lower case."""
    return frozenset(w.lower() for w in load_toml("labels.toml")["norp"].get("parties", []))


def overlaps(span: Span, others: list[Span]) -> bool:
    """Whether ``span`` shares a token with any of ``others``."""
    return any(span.start < o.end and o.start < span.end for o in others)


def add_nested(doc: Doc, spans: list[Span], outers: list[Span]) -> None:
    """Keep names that lie inside a longer name (one of ``outers``) in ``doc.spans["kg_nested"]``.

    Only names of other kinds of thing (persons, places, organisations, groups) nest, and a
    name that merely opens a compound ("Riutin Platform", "Associated Newspapers Ltd.") does
    not, unless it is possessive ("Nikolai Bukharin's Letter").
    """
    group = list(doc.spans[NESTED]) if NESTED in doc.spans else []
    known = {(s.start, s.end) for s in group}
    group += [s for s in spans if (s.start, s.end) not in known and s.label_ in NESTABLE
              and not _opens_compound(s, outers)]
    doc.spans[NESTED] = group


def _opens_compound(span: Span, outers: list[Span]) -> bool:
    """The name is followed, inside the longer name, by a word it modifies (not by "'s",
    "and", "of" or punctuation)."""
    end = next((o.end for o in outers if o.start <= span.start and span.end <= o.end), span.end)
    nxt = span.doc[span.end] if span.end < end else None
    return nxt is not None and not nxt.is_punct and not nxt.is_stop and not is_possessive(nxt)


def origins(doc: Doc) -> dict[tuple[int, int], str]:
    """The provenance table of a Doc (created on first use)."""
    if doc._.kg_origin is None:
        doc._.kg_origin = {}
    return doc._.kg_origin


def date_values(doc: Doc) -> dict:
    """The date values of a Doc, keyed by character span (created on first use)."""
    if doc._.kg_dates is None:
        doc._.kg_dates = {}
    return doc._.kg_dates


def origin_of(span: Span) -> str:
    """Where a span came from: gazetteer, shape, date, consistency or model."""
    if span.kb_id_:
        return "gazetteer"
    return origins(span.doc).get((span.start_char, span.end_char), "model")


class DateTagger:
    """Add normalised DATE spans; named spans that a date overlaps lose to the date
    unless they come from the gazetteer or are events/works containing it."""

    def __call__(self, doc: Doc) -> Doc:
        dates = []
        for found in find_dates(doc.text):
            span = doc.char_span(found.start, found.end, label="DATE", alignment_mode="expand")
            if span is not None:
                dates.append(span)
                date_values(doc)[(span.start_char, span.end_char)] = found.value
        kept = [e for e in doc.ents if self._keeps(e, dates)]
        free = [d for d in dates if not overlaps(d, kept)]
        doc.ents = filter_spans([*kept, *free])
        return doc

    @staticmethod
    def _keeps(ent: Span, dates: list[Span]) -> bool:
        clash = [d for d in dates if d.start < ent.end and ent.start < d.end]
        if not clash:
            return True
        inside = all(ent.start <= d.start and d.end <= ent.end for d in clash)
        return bool(ent.kb_id_) or (inside and ent.label_ in {"EVENT", "WORK"} and len(ent) > len(clash[0]))


@Language.factory("kg_dates")
def make_dates(nlp: Language, name: str) -> DateTagger:
    """spaCy factory for :class:`DateTagger`."""
    return DateTagger()
