"""Titles and honorifics as part of person names (``kg_titles``).

Period prose names people by rank and title: "Grand Duke Sergius Mikhailovich",
"General von Wittich", "Mme. Caillaux", "Princess Elena of Serbia", "Emperor William the
Great". The component, run after the name shapes:

- takes titles (two-word ones too: "Grand Duke", "Crown Princess"), name particles
  ("von", "zu", "de") and "of <Place>" after a territorial title into the person span;
- types a span that opens with a title PERSON whatever the model said ("Lord Lansdowne"
  read as a place, "the Grand Duchess Elizabeth" read as a work) unless it ends in a
  place or institution word ("Prince Edward Island");
- makes a PERSON of a title followed by an unlabelled proper name ("Count August
  Eulenburg", "Prince Igor");
- drops spans that are only a title ("the Tsar", "Grand Duke", "Mme"): they name nobody
  by name.

Data: ``kg/data/names.toml`` (``titles``, ``title_openers``, ``name_particles``,
``territorial_titles``, ``epithets``, ``title_not_before``, ``title_span_not_person``).

>>> from kg.annotate.pipeline import load_pipeline      # doctest: +SKIP
>>> doc = load_pipeline()("The Grand Duke Sergius Mikhailovich met General von Wittich.")  # doctest: +SKIP
>>> [(e.text, e.label_) for e in doc.ents]              # doctest: +SKIP
[('Grand Duke Sergius Mikhailovich', 'PERSON'), ('General von Wittich', 'PERSON')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kg.annotate.lexical import looks_proper
from kg.annotate.components import origin_of, origins
from kg.data_files import load_toml

INITIAL = re.compile(r"[A-Z]\.")


@dataclass(frozen=True, slots=True)
class TitleData:
    """The word lists of ``names.toml`` that this component uses."""

    titles: frozenset[str]
    openers: frozenset[str]
    particles: frozenset[str]
    territorial: frozenset[str]
    epithets: frozenset[str]
    not_before: frozenset[str]
    not_person: frozenset[str]
    abbreviated: tuple[str, ...]
    address: frozenset[str]
    suffixes: frozenset[str] = frozenset()
    lowercase: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def title_data() -> TitleData:
    """The title word lists (loaded once)."""
    d = load_toml("names.toml")
    abbreviated = tuple(d["abbreviated_titles"])
    titles = {t.rstrip(".") for t in d["titles"]} | {t.rstrip(".") for t in abbreviated}
    titles |= {"Mlle", "Grand Duke", "Grand Duchess", "Crown Prince", "Crown Princess"}
    return TitleData(frozenset(titles), frozenset(d["title_openers"]), frozenset(d["name_particles"]),
                     frozenset(d["territorial_titles"]), frozenset(d["epithets"]),
                     frozenset(d["title_not_before"]), frozenset(d["title_span_not_person"]),
                     abbreviated, frozenset(d["forms_of_address"]), frozenset(d["name_suffixes"]),
                     frozenset(d["lowercase_titles"]))


def title_word(word: str) -> bool:
    """'General', 'Mme.', 'CAPT.', 'capt.' → True; 'general', 'Staff' → False. A title is
    matched as written, in capitals ("GENERAL"), or in lower case when the period press
    writes it so (``lowercase_titles``)."""
    data, w = title_data(), word.rstrip(".")
    if w in data.titles:
        return w[:1].isupper()
    if w.isupper() and len(w) > 1:
        return w.title() in data.titles or " " in w
    return w.islower() and w in data.lowercase


def title_opener(word: str) -> bool:
    """'Grand', 'GRAND', 'Crown' → True: a word that opens a two-word title."""
    openers = title_data().openers
    return word in openers or word.isupper() and len(word) > 1 and word.title() in openers


def is_title(tok: Token) -> bool:
    """'General', 'Mme.', 'Duke', 'capt.' → True (see :func:`title_word`)."""
    return title_word(tok.text)


def _is_name_word(tok: Token) -> bool:
    return (tok.text[:1].isupper() and tok.is_alpha and not is_title(tok)
            and tok.text not in title_data().not_before and not tok.is_sent_start)


def title_start(doc: Doc, i: int) -> int:
    """The first token of the title run ending just before token ``i`` (``i`` if none):
    "Grand Duke", "General Prince", "the" not included."""
    start = i
    while start > 0:
        prev = doc[start - 1]
        if prev.text in title_data().address:
            break  # "his Excellency von Wilmowski": a form of address, not a title of the name
        if is_title(prev) or prev.text in title_data().particles and start == i:
            start -= 1
        elif title_opener(prev.text) and start < i and is_title(doc[start]):
            start -= 1
        elif _hyphen_after_opener(doc, start) and start < i and is_title(doc[start]):
            start -= 2  # "Grand-Duke Sergius": the hyphen joins the two words of the title
        else:
            break
    return start


def _hyphen_after_opener(doc: Doc, start: int) -> bool:
    """'Grand' '-' before token ``start``, written without spaces."""
    return (start >= 2 and doc[start - 1].text == "-" and title_opener(doc[start - 2].text)
            and not doc[start - 2].whitespace_ and not doc[start - 1].whitespace_)


def _opens_title(doc: Doc, i: int) -> bool:
    return is_title(doc[i]) or (title_opener(doc[i].text) and i + 1 < len(doc)
                                and is_title(doc[i + 1])) or (i + 2 < len(doc) and _hyphen_after_opener(doc, i + 2)
                                                               and is_title(doc[i + 2]))


def _sexes_fit(title: str, name: str) -> bool:
    """A man's title never opens a woman's name ("under the Tsar Spiridonova"); a woman's
    title may open a husband's surname ("Madame Kerensky")."""
    from kg.annotate.gender import gender

    return not (gender(title) == "m" and gender(name) == "f")


def _suffix(doc: Doc, end: int) -> int:
    """'John Brink' + ', Esquire' / 'Adams' + 'Jr.'."""
    i = end + 1 if end < len(doc) and doc[end].text == "," else end
    if i < len(doc) and doc[i].text in title_data().suffixes and doc[i].text[:1].isupper() or (
            i < len(doc) and doc[i].text in {"fils", "père"}):
        return i + 1
    return end


def _surname_after_patronymic(doc: Doc, end: int) -> int:
    """'Prince Vladimir Pavlovich' + 'Palei': the surname after a patronymic."""
    from kg.annotate.names import is_first_name, is_patronymic

    if (end < len(doc) and is_patronymic(doc[end - 1].text) and _is_name_word(doc[end])
            and not doc[end].is_stop and not is_first_name(doc[end].text)
            and doc[end].ent_type_ in ("", "PERSON")):
        return end + 1
    return end


def _office(doc: Doc, start: int, end: int) -> bool:
    """'Minister of War', 'Commissar of Justice': a title and 'of', no name — an office,
    unless the title is a peer's ("Marquis of Salisbury")."""
    i = start
    while i < end and (is_title(doc[i]) or title_opener(doc[i].text)):
        i += 1
    if i >= end or doc[i].lower_ != "of":
        return False
    title = " ".join(t.text for t in doc[start:i])
    return title not in title_data().territorial


def _holder(ent: Span) -> Span | None:
    """'Commissar of Justice Soloviev': the surname after an office is its holder, a PERSON."""
    from kg.annotate.names import is_surname_shaped

    last = ent[-1]
    if len(ent) < 4 or not is_surname_shaped(last.text) or not last.is_alpha:
        return None
    span = Span(ent.doc, last.i, last.i + 1, label="PERSON")
    origins(ent.doc)[(span.start_char, span.end_char)] = "shape"
    return span


def _given_and_patronymic(span: Span) -> bool:
    from kg.annotate.names import is_patronymic

    words = [t.text for t in span if t.is_alpha]
    return len(words) == 2 and is_patronymic(words[1])


def only_titles(span: Span) -> bool:
    """Whether a span is nothing but titles (also in the plural), offices, determiners and
    punctuation ("the Tsar", "Court Marshal", "the Consul", "the Committee", "Ministers"):
    it names nobody by name."""
    words = [t for t in span if not t.is_punct and t.lower_ not in {"the", "a", "an"}]
    data = title_data()
    return bool(words) and all(is_title(t) or title_opener(t.text) or t.text in data.not_before
                               or t.text.endswith("s") and title_word(t.text[:-1]) for t in words)


class TitledNames:
    """Apply the title rules to a Doc's entities."""

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        self._bare = {i for ent in doc.ents if not ent.kb_id_ and only_titles(ent) for i in range(ent.start, ent.end)}
        for ent in doc.ents:
            if origin_of(ent) == "date" or ent.label_ == "DATE":
                spans.append(ent)
            elif ent.kb_id_:
                spans.append(self._fix(ent) if ent.label_ == "PERSON" else ent)
            elif not only_titles(ent):
                spans.append(self._fix(ent))
            else:  # "the Marquis of Salisbury" names him; "the Marquis" alone does not
                grown = self._grow_right(ent, ent.start, "PERSON")
                if grown.end > ent.end:
                    spans.append(grown)
        spans = _join_given_and_surname(sorted(spans, key=lambda s: s.start))
        taken = {i for s in spans for i in range(s.start, s.end)}
        spans += [s for s in self._new_names(doc, taken)]
        doc.ents = filter_spans(spans)
        return doc

    def _fix(self, ent: Span) -> Span:
        doc = ent.doc
        start = ent.start
        while start < ent.end - 1 and (doc[start].lower_ == "the" and _opens_title(doc, start + 1)
                                       or doc[start].text in title_data().address):
            start += 1
        left = title_start(doc, start)
        # a title the model took for a name of its own ("the Grand Duke" as a building) is free
        left = left if all(not doc[j].ent_type_ or j in self._bare for j in range(left, start)) else start
        titled = _opens_title(doc, left) if left < ent.end else False
        if titled and left < start and not _sexes_fit(doc[left:start].text, ent.text):
            return ent  # "under the Tsar Spiridonova": the title is not hers
        if not titled:
            particle = left == start - 1 and doc[left].text in title_data().particles
            label = "PERSON" if _suffix(doc, ent.end) > ent.end else None  # "X, Esq." is a man
            return self._grow_right(ent, left if particle and ent.label_ == "PERSON" else start, label)
        if doc[ent.end - 1].text in title_data().not_person or (
                ent.label_ == "ORG" and any(t.text in title_data().not_person for t in doc[start + 1:ent.end])):
            return ent  # "Prince Edward Island"; the model's "Major League Baseball", "General Staff"
        if _office(doc, left, ent.end):
            return _holder(ent) or ent
        grown = self._grow_right(ent, left, label="PERSON")
        if ent.kb_id_ and left < start and _given_and_patronymic(ent):
            # "Grand Duke Sergei Mikhailovich": a first name + patronymic is shared by many
            return Span(doc, grown.start, grown.end, label="PERSON")
        return grown

    def _grow_right(self, ent: Span, start: int, label: str | None = None) -> Span:
        doc, end = ent.doc, ent.end
        label = label or ent.label_
        while end > start + 1 and doc[end - 1].lower_ in {"the", "of", "and"}:
            end -= 1
        if label == "PERSON" and ent.label_ != "PERSON":
            end = _first_of_pair(doc, start, end)
        if label == "PERSON":
            end = _surname_after_patronymic(doc, end)
            end = _suffix(doc, end)
            end = self._particles(doc, end)
            end = self._epithet(doc, end)
            end = self._territory(doc, start, end)
        if (start, end, label) == (ent.start, ent.end, ent.label_):
            return ent
        span = Span(doc, start, end, label=label, kb_id=ent.kb_id)
        origins(doc)[(span.start_char, span.end_char)] = "shape"
        return span

    @staticmethod
    def _particles(doc: Doc, end: int) -> int:
        if end < len(doc) and doc[end - 1].text in title_data().particles and _is_name_word(doc[end]):
            end += 1
        while (end + 1 < len(doc) and doc[end].text in title_data().particles
               and _is_name_word(doc[end + 1]) and not doc[end].ent_type_):
            end += 2
        return end

    @staticmethod
    def _epithet(doc: Doc, end: int) -> int:
        if end + 1 < len(doc) and doc[end].lower_ == "the" and doc[end + 1].text in title_data().epithets:
            return end + 2
        if end < len(doc) and doc[end - 1].lower_ == "the" and doc[end].text in title_data().epithets:
            return end + 1
        return end

    @staticmethod
    def _territory(doc: Doc, start: int, end: int) -> int:
        title = " ".join(_canonical(t.text) for t in doc[start:end]
                         if is_title(t) or title_opener(t.text))
        if (title in title_data().territorial and end + 1 < len(doc) and doc[end].lower_ == "of"
                and (doc[end + 1].ent_type_ == "PLACE" or looks_proper(doc[end + 1]))
                and doc[end + 1].text[:1].isupper()
                and (end + 2 >= len(doc) or doc[end + 2].ent_iob_ != "I")):
            return end + 2
        return end

    def _new_names(self, doc: Doc, taken: set[int]) -> list[Span]:
        """Title + unlabelled proper name(s): 'Count August Eulenburg', 'Prince Igor'."""
        out = []
        for tok in doc:
            if tok.i in taken or not is_title(tok) or tok.i + 1 >= len(doc):
                continue
            end = tok.i + 1
            while end < len(doc) and (is_title(doc[end]) or title_opener(doc[end].text)):
                end += 1
            first = end
            end = self._particles(doc, end) if end < len(doc) and doc[end].text in title_data().particles else end
            while end < len(doc) and end not in taken and _is_name_word(doc[end]) and looks_proper(doc[end]):
                end += 1
            if end == first and _lone_initial(doc, first, taken):
                end = first + 1  # "Capt. R. refused": a man named by his initial
            if (end > first and not any(i in taken for i in range(tok.i, end))
                    and doc[end - 1].text not in title_data().not_person):  # "Premier League"
                span = Span(doc, title_start(doc, tok.i), end, label="PERSON")
                origins(doc)[(span.start_char, span.end_char)] = "shape"
                out.append(self._grow_right(span, span.start, "PERSON"))
        return out


def _lone_initial(doc: Doc, i: int, taken: set[int]) -> bool:
    """Token ``i`` is an initial ("J.") that no capitalised word follows: after a title it is
    the name of somebody the writer does not name in full ("Capt. R.", "Mr. B.")."""
    if i >= len(doc) or i in taken or not INITIAL.fullmatch(doc[i].text):
        return False
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    return nxt is None or not nxt.text[:1].isupper()


def _first_of_pair(doc: Doc, start: int, end: int) -> int:
    """'Capt. Orne and Benj. Ballard' read as one organisation is two people: a titled
    person ends before 'and'."""
    for i in range(start + 1, end - 1):
        if doc[i].lower_ == "and" and doc[i + 1].text[:1].isupper():
            return i
    return end


def _canonical(word: str) -> str:
    """'queen' → 'Queen', 'PRINCE' → 'Prince', 'Grand' → 'Grand' (titles as the lists write them)."""
    return word.title() if word.islower() or word.isupper() else word


def _join_given_and_surname(spans: list[Span]) -> list[Span]:
    """'Anna' + 'Ulyanova' found apart (a first name, then a surname the gazetteer knew
    alone) are one name, and no longer the gazetteer's bearer of that surname."""
    from kg.annotate.names import is_first_name

    out: list[Span] = []
    for span in spans:
        prev = out[-1] if out else None
        if (prev is not None and prev.end == span.start and prev.label_ == span.label_ == "PERSON"
                and len(prev) == 1 and is_first_name(prev.text) and len(span) == 1
                and span.text[:1].isupper() and not is_first_name(span.text)):
            joined = Span(span.doc, prev.start, span.end, label="PERSON")
            origins(span.doc)[(joined.start_char, joined.end_char)] = "shape"
            out[-1] = joined
        else:
            out.append(span)
    return out


def add_title_tokens(nlp: Language) -> None:
    """Keep abbreviated titles ("Mme.", "Gen.") one token, as spaCy does for "Mr."."""
    data = title_data()
    given = [f"{w}." for w in load_toml("names.toml")["abbreviated_given_names"]]
    for title in [*data.abbreviated, *given, "Esq.", "Esqs."]:
        nlp.tokenizer.add_special_case(title, [{"ORTH": title}])
        if title.rstrip(".").lower() in data.lowercase:  # "capt. Orne", "hon. James Gordon"
            nlp.tokenizer.add_special_case(title.lower(), [{"ORTH": title.lower()}])


@Language.factory("kg_titles")
def make_titles(nlp: Language, name: str) -> TitledNames:
    """spaCy factory for :class:`TitledNames`."""
    return TitledNames()
