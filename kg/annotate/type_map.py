"""The spaCy component ``kg_types``: the statistical model's labels brought to histkg's types.

OntoNotes labels become PERSON, ORG, EVENT, WORK, PLACE, GROUP (data: ``kg/data/labels.toml``);
the rest, including the model's DATE spans, are dropped. A span is tidied
(:func:`kg.annotate.trim.trim`) and retyped by its words: a place by its head word
("Ramorino Glacier", "Straits of Corfu"), a work by a periodical's word ("Public Ledger",
"an Anarchist paper, The Alarm"), an organisation by an institution's ("Thomas School",
"a Commission of Enquiry"); nationality words and headings in capitals name nothing.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.annotate.components import LONE, origin_of, origins
from kg.annotate.lexical import is_possessive, looks_plural
from kg.annotate.openers import Openers
from kg.annotate.trim import trim
from kg.data_files import load_toml
from kg.model import ENTITY_TYPES

OF_A_RULER = {"government", "province", "region"}  # "the Kerensky government" is no place


class TypeMapper:
    """Relabel model entities to histkg's types; keep gazetteer/our own labels."""

    def __init__(self, mapping: dict[str, str], single_orgs: list[str] = (),
                 nationalities: list[str] = (), place: dict | None = None,
                 periodical_heads: list[str] = (), not_names: list[str] = (),
                 parties: list[str] = (), org_heads: list[str] = (),
                 work_nouns: list[str] = (), event_heads: list[str] = (),
                 openers: Openers | None = None, reference_words: list[str] = (),
                 apposed_work_nouns: list[str] = (), field_nouns: list[str] = ()) -> None:
        self.mapping = mapping
        self.openers = openers or Openers(frozenset(), frozenset())
        self.event_heads = frozenset(event_heads)
        self.work_nouns = frozenset(work_nouns)
        self.apposed_work_nouns = frozenset(apposed_work_nouns)
        self.field_nouns = frozenset(field_nouns)
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
        if ent.label_ in {"PERSON", "ORG"} and doc[at].text not in OF_A_RULER:
            return Span(doc, ent.start, at + 1, label="PLACE")  # "Wright park", "the Nikolayevski station"
        return ent

    def _label(self, ent: Span) -> str | None:
        if ent.kb_id_ or origin_of(ent) != "model":
            return ent.label_
        if ent.label_ == "NORP" and ent.text in self.parties:
            return "ORG"  # "elected as a Republican", "fellow Democrat X": the party
        if ent.label_ == "NORP" and (not looks_plural(ent[-1]) or ent[-1].text in self.nationalities):
            return None
        if _heading_or_run_on(ent) or ent.text in self.not_names or self._reference(ent) or self._field(ent):
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


    def _field(self, ent: Span) -> bool:
        """'Professor of Moral Philosophy', 'Lecturer in Tropical Medicine': a field of study,
        no organisation ('Professor of the University of Moscow' names one)."""
        doc, i = ent.doc, ent.start
        return (self.mapping.get(ent.label_) == "ORG" and i >= 2 and doc[i - 1].lower_ in {"of", "in"}
                and doc[i - 2].lower_ in self.field_nouns
                and ent[0].lower_ != "the" and _as_written(_head_word(ent)) not in self.org_heads)

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
                      data.get("work", {}).get("apposed_nouns", []), data["org"].get("field_nouns", []))
