"""spaCy components that bring the statistical model's output to histkg's types.

- ``kg_types``: maps OntoNotes labels to PERSON, ORG, EVENT, WORK, PLACE, GROUP (data:
  ``kg/data/labels.toml``) and drops the rest, including the model's DATE spans;
- ``kg_dates``: adds DATE spans from the date normaliser, with their values in
  ``doc._.kg_dates[(start_char, end_char)]``.

Span provenance is kept in ``doc._.kg_origin[(start_char, end_char)]``: ``gazetteer``
(also ``span.kb_id_``), ``shape``, ``date``, ``consistency``; no entry means ``model``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.annotate.lexical import is_possessive, looks_plural
from kg.annotate.openers import Openers
from kg.annotate.trim import trim
from kg.dates import find_dates
from kg.data_files import load_toml
from kg.model import ENTITY_TYPES

for _name in ("kg_origin", "kg_dates"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

LONE = "kg_lone"  # span group of lone words the model took for organisations, set aside
NESTED = "kg_nested"  # span group of names inside a longer name ("the trial of Kamenev and Zinoviev")
NESTING = {"EVENT", "WORK", "ORG"}


NESTABLE = {"PERSON", "PLACE", "ORG", "GROUP"}
OF_A_RULER = {"government", "province", "region"}  # "the Kerensky government" is no place


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


class TypeMapper:
    """Relabel model entities to histkg's types; keep gazetteer/our own labels."""

    def __init__(self, mapping: dict[str, str], single_orgs: list[str] = (),
                 nationalities: list[str] = (), place: dict | None = None,
                 periodical_heads: list[str] = (), not_names: list[str] = (),
                 parties: list[str] = (), org_heads: list[str] = (),
                 work_nouns: list[str] = (), event_heads: list[str] = (),
                 openers: Openers | None = None, reference_words: list[str] = (),
                 apposed_work_nouns: list[str] = ()) -> None:
        self.mapping = mapping
        self.openers = openers or Openers(frozenset(), frozenset())
        self.event_heads = frozenset(event_heads)
        self.work_nouns = frozenset(work_nouns)
        self.apposed_work_nouns = frozenset(apposed_work_nouns)
        self.parties = frozenset(parties)
        self.single_orgs = frozenset(single_orgs)
        self.nationalities = frozenset(nationalities)
        self.place_heads = frozenset((place or {}).get("heads", ()))
        self.org_heads = frozenset(org_heads)
        self.place_endings = tuple((place or {}).get("word_endings", ()))
        self.place_first_words = frozenset((place or {}).get("first_words", ()))
        self.place_not_of = frozenset((place or {}).get("heads_not_before_of", ()))
        self.place_followers = frozenset((place or {}).get("place_followers", ()))
        self.lone_place_before = frozenset((place or {}).get("lone_org_prepositions", ()))
        self.periodical_heads = frozenset(periodical_heads)
        self.not_names = frozenset(not_names)
        self.reference_words = frozenset(reference_words)

    def __call__(self, doc: Doc) -> Doc:
        keep = []
        for ent in self._events(_join_of_place(list(doc.ents))):
            label = self._label(ent)
            if label:
                keep.append(trim(ent if label == ent.label_ else _relabel(ent, label), self.openers))
            if label == "WORK" and keep[-1] is not None and self._apposed_to_work(ent):  # the text says what it is
                origins(doc)[(keep[-1].start_char, keep[-1].end_char)] = "shape"
        doc.ents = filter_spans([self._with_follower(e) for e in keep if e is not None])
        return doc

    def _events(self, ents: list[Span]) -> list[Span]:
        """'Battle of Midway' typed as a place, 'Battle of' + the place 'Verdun': events."""
        out = []
        for ent in ents:
            doc, first = ent.doc, ent.start
            while first < ent.end - 1 and doc[first].lower_ == "the":
                first += 1
            if (not ent.kb_id_ and ent.label_ != "EVENT" and doc[first].text in self.event_heads
                    and first + 1 < ent.end and doc[first + 1].lower_ == "of"):
                ent = Span(doc, ent.start, ent.end, label="EVENT")
            elif (ent.label_ in PLACE_LABELS and ent.start >= 2 and doc[ent.start - 1].lower_ == "of"
                  and doc[ent.start - 2].text in self.event_heads and not doc[ent.start - 2].ent_type_):
                ent = Span(doc, ent.start - 2, ent.end, label="EVENT")
            out.append(ent)
        return out

    def _with_follower(self, ent: Span) -> Span:
        """'Wayne' + 'county', 'Zyriansk' + 'region', 'Chesnut-street': the generic word is
        part of the place."""
        doc = ent.doc
        at = ent.end + 1 if _hyphen_at(doc, ent.end) else ent.end  # "Chesnut-street"
        if (at >= len(doc) or doc[at].text not in self.place_followers
                or doc[at].ent_type_ and doc[at].ent_type_ != "PLACE"):
            return ent
        if ent.label_ == "PLACE":
            return Span(doc, ent.start, at + 1, label=ent.label)  # "Moscow region" is not Moscow
        if ent.label_ in {"PERSON", "ORG"} and not ent.kb_id_ and doc[at].text not in OF_A_RULER:
            return Span(doc, ent.start, at + 1, label="PLACE")  # "Wright park", "Wayne county"
        return ent

    def _label(self, ent: Span) -> str | None:
        if ent.kb_id_ or origin_of(ent) != "model":
            return ent.label_
        if ent.label_ == "NORP" and ent.text in self.parties:
            return "ORG"  # "elected as a Republican", "fellow Democrat X": the party
        if ent.label_ == "NORP" and (not looks_plural(ent[-1]) or ent[-1].text in self.nationalities):
            return None
        if _heading_or_run_on(ent) or ent.text in self.not_names or self._reference(ent):
            return None
        label = self.mapping.get(ent.label_)
        if label in {"PERSON", "PLACE"} and len(ent) == 1 and ent.text.lower().endswith("ism"):
            return None  # "Socialism", "Bolshevism": a doctrine, never a person or a place
        if label in {"PERSON", "ORG", "PLACE"} and self._is_periodical(ent):
            return "WORK"
        if label in {"PERSON", "ORG"} and self._is_place(ent):
            return "PLACE"
        if label == "PERSON" and len(ent) == 1 and ent.text.title() in self.single_orgs:
            return "ORG"  # "a member of the Riksdag": an institution, no person
        if label == "PERSON" and len(ent) > 1 and _as_written(ent[-1].text) in self.org_heads:
            return "ORG"  # "Thomas School": a school named after a person
        if label in {"ORG", "PLACE", "GROUP", "EVENT"} and ent.start > 0 \
                and ent.doc[ent.start - 1].lower_ in self.work_nouns or label and self._apposed_to_work(ent):
            return "WORK"  # "her novel Blanche et Noir", "an Anarchist paper, The Alarm"
        if label == "WORK" and sum(t.text[:1].isupper() and t.is_alpha for t in ent) < 2:
            return None  # a clause the model took for a title ("What is to be done?")
        if label == "WORK" and _as_written(_head_word(ent)) in self.org_heads:
            return "ORG"  # "The Salandra-Sonnino Cabinet", "The Council of Five": a body, no title
        if (label == "ORG" and len(ent) == 1 and not (ent[0].is_upper and not _caps_line(ent))
                and ent.text.title() not in self.single_orgs):
            return self._lone_word(ent)  # rarely an organisation the model knows

        return label if label in ENTITY_TYPES and label != "DATE" else None


    def _apposed_to_work(self, ent: Span) -> bool:
        """'a weekly Anarchist paper, The Alarm', 'its organ, the Rabochaia Gazeta': a name
        in apposition to a periodical's noun is its title."""
        i = ent.start - 1
        i -= i >= 0 and ent.doc[i].lower_ == "the"
        return i >= 1 and ent.doc[i].text == "," and ent.doc[i - 1].lower_ in self.apposed_work_nouns

    def _lone_word(self, ent: Span) -> str | None:
        """A lone capitalised word the model took for an organisation: a place after a
        preposition of place ("arrived from Bengal"); else set aside in ``doc.spans["kg_lone"]``
        (the document may show it is a place elsewhere: :mod:`kg.annotate.consistency`)."""
        doc = ent.doc
        if (ent.start > 0 and doc[ent.start - 1].lower_ in self.lone_place_before
                and not (ent.end < len(doc) and is_possessive(doc[ent.end]))):  # "at Nastasia's head"
            return "PLACE"
        doc.spans[LONE] = [*doc.spans[LONE], ent] if LONE in doc.spans else [ent]
        return None

    def _reference(self, ent: Span) -> bool:
        """'Chapter IV', 'Part II', 'Vol. 3', 'Articles 58-60': a part of a book or a law,
        named by its number."""
        words = [t for t in ent if not t.is_punct]
        first = words[0].lower_.rstrip(".") if words else ""
        return (len(words) >= 2 and (first in self.reference_words  # "Articles 403-409" too
                                     or first.endswith("s") and first[:-1] in self.reference_words)
                and (words[1].like_num or bool(_ROMAN.fullmatch(words[1].text.rstrip(".")))))

    def _is_periodical(self, ent: Span) -> bool:
        words = [t for t in ent if t.is_alpha and not t.is_lower]
        return len(words) >= 2 and words[-1].text in self.periodical_heads and words[0].text[:1].isupper()

    def _is_place(self, ent: Span) -> bool:
        """'Ramorino Glacier', 'Mount Shinn', 'Wilhelmplatz': a place by its head word."""
        last, head = ent[-1].text, _head_word(ent)  # "Straits of Corfu": the word before "of" too
        return (last in self.place_heads or (len(ent) == 1 and last.lower().endswith(self.place_endings))
                or len(ent) > 1 and ent[0].text in self.place_first_words
                or head != last and head in self.place_heads and head not in self.place_not_of)


def _hyphen_at(doc: Doc, i: int) -> bool:
    """A hyphen joining two words without spaces ("Chesnut-street")."""
    return (0 < i < len(doc) - 1 and doc[i].text == "-" and not doc[i - 1].whitespace_
            and not doc[i].whitespace_)


def _head_word(ent: Span) -> str:
    """The word before the first "of", else the last: 'Council' of 'The Council of Five'."""
    words = [t.text for t in ent]
    return words[words.index("of") - 1] if "of" in words[1:] else words[-1]


def _as_written(word: str) -> str:
    """A word in capitals in title case ('WORKS' → 'Works'); others as they are."""
    return word.title() if word.isupper() and len(word) > 1 else word


def _caps_line(ent: Span) -> bool:
    """Whether the line around ``ent`` is all in capitals ("OBITUARY", "FROM OUR
    CORRESPONDENT AT RICHMOND."): a heading, whose single words are no acronyms."""
    text = ent.doc.text
    start = text.rfind("\n", 0, ent.start_char) + 1
    end = text.find("\n", ent.end_char)
    words = re.findall(r"[^\W\d_]{2,}", text[start:end if end >= 0 else len(text)])
    return all(w.isupper() for w in words)


PLACE_LABELS = {"PLACE", "GPE", "LOC"}
_ROMAN = re.compile(r"[MDCLXVI]{1,8}|[mdclxvi]{1,8}")


def _join_of_place(ents: list[Span]) -> list[Span]:
    """'the University of' + 'Hamburg': a name the model cut before a place the gazetteer had
    marked ends with that place ("University of Hamburg", "the Battle of Verdun")."""
    out: list[Span] = []
    for ent in ents:
        prev = out[-1] if out else None
        if (prev is not None and not prev.kb_id_ and prev.end == ent.start
                and prev[-1].lower_ in {"of", "for"} and ent.label_ in PLACE_LABELS):
            out[-1] = Span(ent.doc, prev.start, ent.end, label=prev.label)
        else:
            out.append(ent)
    return out


def _heading_or_run_on(ent: Span) -> bool:
    """A model span that is a heading in capitals ("TWO MORE REPUBLICS ALIGNED") or runs
    over a sentence end ("Senator KNOX. To whom did you") names nothing."""
    words = [t for t in ent if t.is_alpha and len(t) > 1]
    shouting = len(words) >= 3 and all(t.is_upper for t in words)
    return shouting or any(t.is_sent_start for t in ent[1:])


def _relabel(span: Span, label: str) -> Span:
    return Span(span.doc, span.start, span.end, label=label, kb_id=span.kb_id)


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


@Language.factory("kg_types")
def make_types(nlp: Language, name: str) -> TypeMapper:
    """spaCy factory for :class:`TypeMapper` (mapping from ``kg/data/labels.toml``)."""
    data = load_toml("labels.toml")
    return TypeMapper(data["map"], data["org"]["single_words"],
                      data["norp"].get("nationalities", []), data.get("place"),
                      data.get("work", {}).get("periodical_heads", []), data["drop"]["words"],
                      data["norp"].get("parties", []), data["org"].get("heads", []),
                      data.get("work", {}).get("nouns", []), data.get("event", {}).get("heads", []),
                      Openers.from_nlp(nlp), data["drop"].get("reference_words", []),
                      data.get("work", {}).get("apposed_nouns", []))


@Language.factory("kg_dates")
def make_dates(nlp: Language, name: str) -> DateTagger:
    """spaCy factory for :class:`DateTagger`."""
    return DateTagger()
