"""What a name's surroundings say about the kind of thing it names (data: ``kg/data/type_cues.toml``).

Each mention the model typed gets its cues: a verb of speech or motion after it ("Avdeieff
said"), an apposition with a person noun ("Bollati, the Italian Ambassador"), "who" or "where"
after it, a preposition of place before it ("in Ufa"), a noun of place before it ("the river
Dvina"), an article before a lone word taken for a person ("the Neva"), an institution word
ending it ("Soviet Government"), a surname or place-name ending.
Names are found before tagging, so cues are read from word forms only: verbs are matched in
every form the lemmatizer tables give (:class:`kg.annotate.lemma_forms.LemmaForms`).

:func:`kg.annotate.consistency.harmonise` adds the cues of all mentions of one name in a
document to decide its type, and records them.

>>> import spacy
>>> from spacy.tokens import Span
>>> doc = spacy.blank("en")("Then Avdeieff, who lived in Ufa, left.")
>>> cues = TypeCues.load()
>>> [c.why for c in cues.of(Span(doc, 1, 2, "PLACE"))]
["'who' after", "surname ending '-ieff'"]
>>> [c.why for c in cues.of(Span(doc, 6, 7, "PERSON"))]
["'in' before"]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Span, Token

from kg.annotate.first_names import is_first_name
from kg.annotate.lemma_forms import LemmaForms
from kg.annotate.lexical import is_determiner, is_possessive, looks_plural
from kg.data_files import load_toml
from kg.errors import DataFileError

DATA_FILE = "type_cues.toml"
APPOSITION_WORDS = 4  # words between the comma and the person noun ("the Italian Ambassador")
VOTED = ("PERSON", "PLACE", "ORG")
HYPHENS = {"-", "–", "‐"}  # "the Peter-and-Paul Fortress": a word joined to the next is no lone word


@dataclass(frozen=True, slots=True)
class Cue:
    """One reason for a type, with its weight; ``kind``: ``"context"`` (the mention's
    surroundings), ``"ending"`` (the word's ending) or ``"head"`` (the name's head word)."""

    type: str
    weight: int
    why: str
    kind: str = "context"


@dataclass(frozen=True, slots=True)
class _Words:
    words: frozenset[str]
    weight: int


def _words(table: dict[str, Any], key: str, section: str) -> _Words:
    words = table.get(key, [])
    weight = table.get(f"{key}_weight", table.get(f"{key.split('_')[0]}_weight", 1))
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words) or not isinstance(weight, int):
        raise DataFileError(DATA_FILE, "expected a list of words and an integer weight", f"{section}.{key}")
    return _Words(frozenset(w.lower() for w in words), weight)


class TypeCues:
    """The cue lists, with verbs expanded to their forms."""

    def __init__(self, data: dict[str, Any], forms: LemmaForms | None = None) -> None:
        person, place, org = (data.get(k, {}) for k in ("person", "place", "org"))
        verbs = _words(person, "verbs_after", "person")
        self.verbs = _Words((forms or LemmaForms({}, {})).all_forms(verbs.words) | verbs.words, verbs.weight)
        control = _words(person, "control_verbs", "person")
        self.control = _Words((forms or LemmaForms({}, {})).all_forms(control.words) | control.words,
                              person.get("control_weight", 1))
        self.person_after = _words(person, "after", "person")
        self.person_before = _words(person, "before", "person")
        self.person_nouns = _words(person, "nouns", "person")
        self.possessed = _words(person, "possessed", "person")
        self.person_of = _words(person, "of_nouns", "person")
        self.surname = _words(person, "surname_endings", "person")
        self.place_after = _words(place, "after", "place")
        self.place_nouns = _words(place, "nouns", "place")
        self.place_of = _words(place, "of_nouns", "place")
        self.place_endings = _words(place, "endings", "place")
        self.town_endings = _words(place, "town_endings", "place")
        self.place_heads = _words(place, "heads", "place")
        self.place_articles = _words(place, "articles", "place")
        self.org_heads = _words(org, "heads", "org")
        self.org_nouns = _words(org, "nouns", "org")
        self.definition = _Definition.load(data.get("definition", {}),
                                           {"PERSON": self.person_nouns, "PLACE": self.place_nouns, "ORG": self.org_nouns})
        preps = place.get("prepositions", {})
        if not isinstance(preps, dict) or not all(isinstance(v, int) for v in preps.values()):
            raise DataFileError(DATA_FILE, "expected a table of word = weight", "place.prepositions")
        self.prepositions = {k.lower(): v for k, v in preps.items()}

    @classmethod
    def load(cls, forms: LemmaForms | None = None) -> "TypeCues":
        """The shipped cue lists (verbs in the forms ``forms`` gives)."""
        return cls(load_toml(DATA_FILE), forms)

    def of(self, ent: Span) -> list[Cue]:
        """The cues around one mention. A name after "of" or "from" qualifies the noun before
        it ("the mayor of Spokane, who spoke"): what follows speaks of that noun, not of the
        name. An organisation's name after "in" is not a place ("in Congress assembled")."""
        found = [*([] if _qualifies(ent) else self._after(ent)), *self._before(ent)]
        return [c for c in found if not (c.type == "PLACE" and ent.label_ == "ORG")] + self._shape(ent)

    def _after(self, ent: Span) -> list[Cue]:
        doc, out = ent.doc, []
        nxt = _at(doc, ent.end)
        if nxt is None:
            return out
        if is_possessive(nxt):
            word = _at(doc, ent.end + 1)
            if word is not None and word.lower_ in self.possessed.words:
                out.append(Cue("PERSON", self.possessed.weight, f"'s {word.lower_}"))
            return out
        if nxt.lower_ in self.verbs.words:
            out.append(Cue("PERSON", self.verbs.weight, f"'{nxt.lower_}' after"))
        defined = self.definition.of(doc, ent.end)
        if defined:
            return out + [defined]
        word = _at(doc, ent.end + 1) if nxt.text == "," else nxt
        if word is not None and word.lower_ in self.person_after.words:
            out.append(Cue("PERSON", self.person_after.weight, f"'{word.lower_}' after"))
        elif word is not None and nxt.text == "," and word.lower_ in self.place_after.words:
            out.append(Cue("PLACE", self.place_after.weight, f"', {word.lower_}' after"))
        elif nxt.text == ",":
            noun = self._apposed_noun(doc, ent.end + 1)
            if noun:
                out.append(Cue("PERSON", self.person_nouns.weight, f"apposition '{noun}'"))
        return out

    def _apposed_noun(self, doc, i: int) -> str | None:
        """'X, the Italian Ambassador': the person noun a few words after the comma."""
        first = _at(doc, i)
        if first is None or not (is_determiner(first) or first.lower_ in {"his", "her", "its", "their", "our"}):
            return None
        for tok in doc[i + 1:i + 1 + APPOSITION_WORDS]:
            if tok.is_punct:
                return None
            if tok.lower_ in self.person_nouns.words and _heads_its_phrase(doc, tok.i):
                return tok.lower_
        return None

    def _before(self, ent: Span) -> list[Cue]:
        doc, out = ent.doc, []
        prev = _at(doc, ent.start - 1)
        if prev is None:
            return out
        possessive = _at(doc, ent.end) is not None and is_possessive(doc[ent.end])
        low = prev.lower_
        nxt = _at(doc, ent.end)
        if low in self.control.words and nxt is not None and nxt.lower_ == "to":
            out.append(Cue("PERSON", self.control.weight, f"'{low} … to' around"))
        elif low in self.prepositions and not possessive:
            out.append(Cue("PLACE", self.prepositions[low], f"'{low}' before"))
        elif low in self.person_before.words:
            out.append(Cue("PERSON", self.person_before.weight, f"'{low}' before"))
        elif low in self.place_articles.words and _lone_after_article(ent, prev, nxt):
            out.append(Cue("PLACE", self.place_articles.weight, f"'{low}' before a lone word"))
        elif low == "of" and _at(doc, ent.start - 2) is not None:
            noun = doc[ent.start - 2].lower_
            if noun in self.place_nouns.words:
                out.append(Cue("PLACE", self.place_nouns.weight, f"'{noun} of' before"))
            elif noun in self.place_of.words:
                out.append(Cue("PLACE", self.place_of.weight, f"'{noun} of' before"))
            elif noun in self.person_of.words:
                out.append(Cue("PERSON", self.person_of.weight, f"'{noun} of' before"))
        else:
            out += self._noun_before(doc, ent.start - 1)
        return out

    def _noun_before(self, doc, i: int) -> list[Cue]:
        """'the river Dvina', 'the agency Rosta', 'its manager, Duval'."""
        tok = doc[i]
        if tok.text == "," and i > 0:
            tok = doc[i - 1]
            if tok.lower_ in self.person_nouns.words and tok.is_lower:
                return [Cue("PERSON", self.person_nouns.weight, f"apposition '{tok.lower_}'")]
            return []
        if not tok.is_lower:
            return []
        for words, kind in ((self.place_nouns, "PLACE"), (self.org_nouns, "ORG"), (self.person_nouns, "PERSON")):
            if tok.lower_ in words.words:
                return [Cue(kind, words.weight, f"'{tok.lower_}' before")]
        return []

    def _shape(self, ent: Span) -> list[Cue]:
        words = [t for t in ent if t.is_alpha]
        if not words:
            return []
        if len(words) > 1:
            return self._head(words)
        low = words[0].lower_
        for words_, kind, what in ((self.surname, "PERSON", "surname"), (self.town_endings, "PLACE", "place"),
                                   (self.place_endings, "PLACE", "place")):
            end = next((e for e in sorted(words_.words, key=len, reverse=True) if low.endswith(e)
                        and len(low) > len(e) + 2), None)
            if end:
                return [Cue(kind, words_.weight, f"{what} ending '-{end}'", "ending")]
        return []

    def _head(self, words: list[Token]) -> list[Cue]:
        """'Soviet Government', 'Board of Health': an institution's word ending the name or
        opening it before "of"; 'Far Eastern Republic', 'Vosnesensky Lane': a state's or a
        street's (not after a given name: "Peter Hall" is a person)."""
        last, first = words[-1], words[0]
        heads = [(self.org_heads, "ORG"), *([] if is_first_name(first.text) else [(self.place_heads, "PLACE")])]
        for words_, kind in heads:
            if last.text.lower() in words_.words and last.text[:1].isupper():
                return [Cue(kind, words_.weight, f"ends in '{last.text}'", "head")]
            if len(words) > 2 and first.text.lower() in words_.words and words[1].lower_ == "of":
                return [Cue(kind, words_.weight, f"'{first.text} of'", "head")]
        return []


@dataclass(frozen=True, slots=True)
class _Definition:
    """'X is a census-designated place', 'X was a Russian general': the noun after a copula
    and an article names the kind of thing X is."""

    verbs: frozenset[str]
    articles: frozenset[str]
    stops: frozenset[str]
    nouns: tuple[tuple[str, frozenset[str]], ...]
    weight: int

    @classmethod
    def load(cls, table: dict[str, Any], base: dict[str, _Words]) -> "_Definition":
        """The ``[definition]`` table; each type's nouns add to ``base``'s."""
        lists = {k: _words(table, k, "definition") for k in ("verbs", "articles", "stops", "person", "place", "org")}
        weight = table.get("weight", 1)
        if not isinstance(weight, int):
            raise DataFileError(DATA_FILE, "expected an integer weight", "definition.weight")
        nouns = tuple((t, base[t].words | lists[t.lower()].words) for t in ("PERSON", "PLACE", "ORG"))
        return cls(lists["verbs"].words, lists["articles"].words, lists["stops"].words, nouns, weight)

    def of(self, doc, i: int) -> Cue | None:
        """The cue of a definition starting at token ``i`` (right after the name), if any: the
        first noun of the lists in its first noun phrase ("X is the current incumbent and the
        state's …" defines no state)."""
        verb, article = _at(doc, i), _at(doc, i + 1)
        if verb is None or article is None or verb.lower_ not in self.verbs or article.lower_ not in self.articles:
            return None
        for tok in doc[i + 2:i + 2 + APPOSITION_WORDS + 1]:
            if tok.is_punct and tok.text != "-" or tok.lower_ in self.stops or is_possessive(tok):
                return None
            low = tok.lower_
            found = next((t for t, words in self.nouns if low in words), None)
            if found:
                return Cue(found, self.weight, f"'{verb.lower_} {article.lower_} … {low}' after")
        return None


def _qualifies(ent: Span) -> bool:
    """The name stands after "of" or "from", with or without an article ("the chairman of
    the Board of Health was …", "prisoners from the Republic who …"): it qualifies the noun
    before, and what follows the name speaks of that noun."""
    i = ent.start - 1
    while i >= 0 and is_determiner(ent.doc[i]):
        i -= 1
    return i >= 0 and ent.doc[i].lower_ in {"of", "from"}


def _lone_after_article(ent: Span, article: Token, nxt: Token | None) -> bool:
    """'the Neva is', 'the Hermitage,': one word in the singular taken for a person, after
    an article in lower case, that heads its phrase (not 'the Romanov family', 'the Romanovs',
    'the Peter-and-Paul Fortress')."""
    return (len(ent) == 1 and ent.label_ == "PERSON" and article.is_lower and not looks_plural(ent[0])
            and (nxt is None or nxt.is_punct and nxt.text not in HYPHENS or nxt.is_stop))


def _heads_its_phrase(doc, i: int) -> bool:
    """The noun at ``i`` ends its noun phrase ("the chief of police", "the Italian
    Ambassador,"), not a modifier of another noun ("the chief body of the district")."""
    nxt = _at(doc, i + 1)
    return nxt is None or nxt.is_punct or not nxt.is_alpha or nxt.is_stop


def _at(doc, i: int) -> Token | None:
    return doc[i] if 0 <= i < len(doc) else None
