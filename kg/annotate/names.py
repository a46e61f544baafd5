"""Name-shape rules for persons: initials, patronymics, Russian surname morphology.

The ``kg_names`` component runs after the model and the type mapper:

- initials + surname: "A. Iu. Aikhenvald", "V. V. Kuzmin" (extends a PERSON leftwards, or
  makes one of initials + a capitalised word);
- first name + patronymic (+ surname): "Iosif Vissarionovich", "Nadezhda Sergeevna Allilueva"
  become PERSON whatever the model said;
- a single capitalised word the model took for a place or organisation but shaped like a
  Russian surname ("Bukharin", "Kamenev") becomes PERSON unless a gazetteer named it.

Data (suffixes, initial shapes) is in ``kg/data/names.toml``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.annotate.lexical import capitals, looks_proper
from kg.annotate.components import is_nationality, origin_of, origins, overlaps
from kg.annotate.name_edges import after_group_plural, after_kind_noun, before_explained_word
from kg.annotate.openers import opener_words
from kg.annotate.first_names import is_first_name  # noqa: F401  (part of this module's API)
from kg.data_files import data_path, load_toml


INITIALS_WINDOW = 24  # characters before a name searched for initials ("A. Iu. ")
HOUR = re.compile(r"[AP]\.\s?M\.\s*")  # "P.M. " of "12.10 P.M. M. Colonder"
SOFT_SIGN = re.compile(r"^[A-Z][a-z]+['’][a-z]+$")
APOSTROPHE = re.compile(r"['’]")


@lru_cache(maxsize=1)
def _rules() -> dict:
    data = load_toml("names.toml")
    initial = data["initial_regex"].strip("^$")
    given = "|".join(sorted(data["abbreviated_given_names"], key=len, reverse=True))
    initial = rf"(?:{initial}|(?i:{given})\.)"
    return {
        "patronymic": tuple(data["patronymic_suffixes"]),
        "surname": tuple(data["surname_suffixes"]),
        "initials_before": re.compile(rf"(?:(?<=\s)|^)((?:{initial}\s*){{1,3}})$"),
        "not_names": set(data["not_names"]),
        "titles": frozenset(data["titles"]),
    }


def is_not_name(word: str) -> bool:
    """'Ah', 'Dear', 'Comrade': a capitalised word that is no name (``not_names``)."""
    return word in _rules()["not_names"] or word.title() in _rules()["not_names"]


def is_patronymic(word: str) -> bool:
    """'Sergeevna' → True; 'Ivan' → False."""
    return word[:1].isupper() and len(word) > 5 and word.lower().endswith(_rules()["patronymic"])


def is_surname_shaped(word: str) -> bool:
    """'Bukharin' → True; 'Siberia', 'Russian' (a nationality) → False."""
    low = word.lower()
    return (word[:1].isupper() and len(word) > 3 and low.endswith(_rules()["surname"]) and not is_patronymic(word)
            and not is_nationality(word))


def _capitalised(token) -> bool:
    return token.text[:1].isupper() and token.is_alpha and not is_not_name(token.text)


def _opens_with(token) -> bool:
    """'While' in '. While Starinkyèvitch was gay': a sentence's opening adverb or conjunction,
    no first name before a patronymic-shaped surname."""
    return bool(token.is_sent_start) and token.lower_ in opener_words()


class NameShapes:
    """Apply the name-shape rules to a Doc's entities."""

    def __call__(self, doc: Doc) -> Doc:
        spans = [part for span in doc.ents for edged in _edges(span) for part in self._split_lists(edged)]
        spans = self._patronymics(doc, spans)
        spans = [self._surname_type(s) for s in spans] + self._soft_signs(doc, spans)
        spans = self._given_names(doc, spans)
        spans = self._initials(doc, spans)
        doc.ents = filter_spans([self._first_word(doc, s) for s in spans])
        return doc

    def _first_word(self, doc: Doc, span: Span) -> Span:
        """'Rufus | Seaman Carter (March 31, 1866 – 1932)': the capitalised word that opens
        the sentence before a person's name with a lifespan is the first name, whatever the
        model made of it."""
        i = span.start - 1
        if (span.label_ != "PERSON" or i < 0 or not doc[i].is_sent_start or not _capitalised(doc[i])
                or doc[i].ent_type_ not in {"", "PLACE", "ORG"} or not _lifespan_follows(span, 8)):
            return span
        if doc[i].ent_type_ and (origin_of(doc[doc[i].i:doc[i].i + 1]) != "model" or doc[i].ent_iob_ != "B"
                                 or i + 1 < len(doc) and doc[i + 1].ent_iob_ == "I"):
            return span
        return self._mark(doc, i, span.end, kb_id=span.kb_id)

    def _patronymics(self, doc: Doc, spans: list[Span]) -> list[Span]:
        made = []
        for tok in (doc[i] for i in capitals(doc) if i > 0):  # a patronymic has its capital
            prev = doc[tok.i - 1]
            if is_patronymic(tok.text) and _capitalised(prev) and not _opens_with(prev):
                end = tok.i + 1
                if end < len(doc) and _capitalised(doc[end]) and (
                        is_surname_shaped(doc[end].text)
                        or not is_first_name(doc[end].text) and doc[end].ent_type_ != "PLACE"
                        and not doc[end].is_stop):
                    end += 1
                made.append(self._mark(doc, prev.i, end))
        spans = [_with_patronymic_after(s, made) for s in spans]
        kept = [s for s in spans if s.kb_id_ or not overlaps(s, made)]
        return [*kept, *[m for m in made if not overlaps(m, kept)]]

    def _split_lists(self, span: Span) -> list[Span]:
        """A model span with commas inside that holds names ("Sonia, Sofia Ivanova") is a list."""
        if origin_of(span) != "model" or not any(t.text == "," for t in span):
            return [span]
        parts, start = [], span.start
        for tok in [*span, None]:
            if tok is None or tok.text == ",":
                end = tok.i if tok is not None else span.end
                if end > start:
                    parts.append((start, end))
                start = end + 1
        if not any(is_first_name(span.doc[a].text) or is_surname_shaped(span.doc[b - 1].text) for a, b in parts):
            return [span]
        return [self._mark(span.doc, a, b) for a, b in parts
                if not (b - a == 1 and is_not_name(span.doc[a].text))]  # '"Ah, Gregory!"': Gregory

    def _given_names(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """A first name or diminutive ('Aniuta', 'Iosif') the model mislabelled or missed."""
        out, taken = [], {i for s in spans for i in range(s.start, s.end)}
        for span in spans:
            wrong = span.label_ in {"PLACE", "ORG", "GROUP", "WORK"} and origin_of(span) == "model"
            person = wrong and (_named_by_first_name(span) or _lifespan_follows(span) or _with_patronymic(span))
            out.append(self._mark(doc, span.start, span.end) if person else span)
        for tok in (doc[i] for i in capitals(doc, titled=True)):  # a first name has its capital
            if tok.i not in taken and is_first_name(tok.text) and tok.is_alpha:
                end = tok.i + 2 if _surname_follows(doc, tok.i, taken) else tok.i + 1
                out.append(self._mark(doc, tok.i, end))
            elif tok.i not in taken and _given_then_surname(doc, tok.i, taken):
                out.append(self._mark(doc, tok.i, tok.i + 2))
        return out

    def _surname_type(self, span: Span) -> Span:
        """A model place or organisation shaped like a surname is a person, unless an article
        stands before it ("the Basin", "the Kremlin": no bare surname takes one)."""
        after_article = span.start > 0 and span.doc[span.start - 1].lower_ in {"the", "a", "an"}
        if (len(span) == 1 and span.label_ in {"PLACE", "ORG"} and origin_of(span) == "model"
                and is_surname_shaped(span.text) and looks_proper(span[0]) and not after_article):
            return self._mark(span.doc, span.start, span.end)
        return span

    def _soft_signs(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Transliterated names with a soft-sign apostrophe ("Kuz'min", "Aikhenval'd")."""
        taken = {i for s in spans for i in range(s.start, s.end)}
        text = doc.text  # only the tokens holding an apostrophe can match: find those
        marks = [m.start() for m in APOSTROPHE.finditer(text)]
        tokens = dict.fromkeys(doc.char_span(i, i + 1, alignment_mode="expand")[0].i for i in marks)
        return [self._mark(doc, i, i + 1) for i in tokens
                if i not in taken and SOFT_SIGN.match(doc[i].text)]

    def _initials(self, doc: Doc, spans: list[Span]) -> list[Span]:
        out, text = [], doc.text  # doc.text is rebuilt on each access: read it once
        starts = {s.start for s in spans}
        for span in spans:
            out.append(self._extend(text, span) if span.label_ == "PERSON" else span)
        for tok in doc:
            if tok.i not in starts and _capitalised(tok) and not tok.ent_type_ and _after_initial(doc, tok):
                grown = self._extend(text, doc[tok.i:tok.i + 1], need=True)
                if grown is not None:
                    out.append(grown)
        return out

    def _extend(self, text: str, span: Span, need: bool = False) -> Span | None:
        doc = span.doc
        window = max(0, span.start_char - INITIALS_WINDOW)
        m = _rules()["initials_before"].search(text, window, span.start_char)
        start = m.start(1) + _hour_length(text, m.start(1), window) if m else span.start_char
        if start >= span.start_char:
            return None if need else span
        grown = doc.char_span(start, span.end_char, alignment_mode="expand")
        if grown is None or grown.start >= span.start or any(
                t.ent_type_ not in {"", "PERSON"} for t in doc[grown.start:span.start]):
            return None if need else span  # "U.S. Navy": the letters name a place here
        return self._mark(doc, grown.start, span.end, kb_id=span.kb_id)

    @staticmethod
    def _mark(doc: Doc, start: int, end: int, kb_id: int = 0) -> Span:
        span = Span(doc, start, end, label="PERSON", kb_id=kb_id)
        origins(doc)[(span.start_char, span.end_char)] = "shape"
        return span


def _edges(span: Span) -> list[Span]:
    """A model span without a group's plural before a list of names or a language word a
    dash explains (:mod:`kg.annotate.name_edges`)."""
    if span.kb_id_ or origin_of(span) != "model":
        return [span]
    return [after_kind_noun(before_explained_word(part)) for part in after_group_plural(span)]


LIFE_WORDS = {"born", "b.", "died", "d.", "née", "nee"}


def _lifespan_follows(span: Span, max_words: int = 4) -> bool:
    """'Eva Bosakova (18 December 1931 in Mlada Boleslav – 10 November 1991 in Prague)':
    a bracket with a birth or death date after a name makes it a person's (a renamed
    city's bracket holds years only: 'Petrograd (1914–1924)')."""
    doc = span.doc
    if span.end >= len(doc) or doc[span.end].text != "(" or len(span) > max_words:
        return False
    inside = doc[span.end + 1: min(len(doc), span.end + 24)]
    words = {t.lower_ for t in inside}
    full_dates = sum(1 for e in doc.ents if e.label_ == "DATE" and inside.start <= e.start < inside.end
                     and any(t.like_num and len(t) <= 2 for t in e))
    return bool(words & LIFE_WORDS) or full_dates >= 1


def _named_by_first_name(span: Span) -> bool:
    """'Emile Duval', 'Lev Khinchuk', 'Aniuta': a first name, then capitalised words only;
    'Horace McCoy': a given name of the sexed lists before one or two more words."""
    from kg.annotate.gender import known_given_name

    words = [t for t in span if not t.is_punct]
    first = bool(words) and (is_first_name(words[0].text) or 2 <= len(words) <= 3
                             and known_given_name(words[0].lower_))
    return (first and len(words) <= 4
            and all(t.text[:1].isupper() and t.is_alpha for t in words)
            and (len(words) == 1 or words[-1].text not in _place_heads()))


def _hour_length(text: str, start: int, window: int) -> int:
    """'12.10 P.M. M. Colonder': the letters of an hour after a number are no initials."""
    hour = HOUR.match(text, start)
    return hour.end() - start if hour and re.search(r"\d\s*$", text[window:start]) else 0


def _with_patronymic_after(span: Span, made: list[Span]) -> Span:
    """A gazetteer name ending in a first name, grown over the patronymic (and surname) that
    follow it: "Czar Nicholas" + "Alexandrovitch" is one name, not two."""
    grown = next((m for m in made if m.start == span.end - 1 and m.end > span.end), None)
    if grown is None or not span.kb_id_ or span.label_ != "PERSON":
        return span
    return Span(span.doc, span.start, grown.end, label=span.label, kb_id=span.kb_id)


def _with_patronymic(span: Span) -> bool:
    """'Klementy Gregoryvitch Nagorny': capitalised words with a patronymic after the first."""
    words = [t for t in span if not t.is_punct]
    return (2 <= len(words) <= 4 and all(t.text[:1].isupper() and t.is_alpha for t in words)
            and any(is_patronymic(t.text) for t in words[1:]) and words[-1].text not in _place_heads())


@lru_cache(maxsize=1)
def _place_heads() -> frozenset[str]:
    """Last words that make a name a place's or an organisation's ("Thomas School")."""
    labels = load_toml("labels.toml")
    return frozenset([*labels.get("place", {}).get("heads", ()), *labels.get("org", {}).get("heads", ())])


def _surname_follows(doc: Doc, i: int, taken: set[int]) -> bool:
    """'JOHN RUMSEY' signing a notice: a first name in capitals nobody labelled, then one
    free word in capitals that is no common word, title or first name (a longer run of
    capitals is a heading)."""
    if i + 1 >= len(doc) or i + 1 in taken or "\n" in doc[i].whitespace_ or not doc[i].is_upper:
        return False
    nxt = doc[i + 1]
    after = doc[i + 2] if i + 2 < len(doc) else None
    if after is not None and after.is_upper and after.is_alpha and "\n" not in nxt.whitespace_:
        return False
    return (nxt.is_upper and nxt.is_alpha and len(nxt) > 1 and not nxt.is_stop and not nxt.ent_type_
            and nxt.text not in _rules()["not_names"] and not is_first_name(nxt.text)
            and nxt.text.title() not in _rules()["titles"])


def _given_then_surname(doc: Doc, i: int, taken: set[int]) -> bool:
    """'Asa Pruitt', 'Lemuel Doane' in a list the model left unlabelled: a given name of
    the sexed lists in title case, then on the same line one free capitalised word that is
    no given name, title, common word or head of a place or institution, and no third
    capitalised word after it."""
    from kg.annotate.gender import known_given_name

    tok = doc[i]
    if (i + 1 in taken or i + 1 >= len(doc) or not tok.is_title or not tok.is_alpha
            or "\n" in tok.whitespace_ or not known_given_name(tok.lower_)):
        return False
    nxt, after = doc[i + 1], doc[i + 2] if i + 2 < len(doc) else None
    return (nxt.is_title and nxt.is_alpha and len(nxt) > 1 and not nxt.is_stop and not nxt.ent_type_
            and not known_given_name(nxt.lower_) and not is_first_name(nxt.text)
            and nxt.text not in _rules()["not_names"] and nxt.text not in _rules()["titles"]
            and nxt.text not in _place_heads()
            and not (after is not None and after.is_title and after.is_alpha))


def _after_initial(doc: Doc, tok) -> bool:
    """Cheap test before the regex: the token follows something ending in a full stop."""
    return tok.i > 0 and (doc[tok.i - 1].text.endswith(".") or doc[tok.i - 1].text in {"Iu", "Ia"})



@Language.factory("kg_names")
def make_names(nlp: Language, name: str) -> NameShapes:
    """spaCy factory for :class:`NameShapes`."""
    return NameShapes()
