"""Text in capitals is shown to the recogniser in the case the document writes its words.

Title pages, headings, captions, glossary entries and telegrams are set in capitals
("PROFESSOR OF LAW IN SARATOV UNIVERSITY", "THE TSAR SAWING WOOD IN THE COURTYARD"). The
small model reads a word's shape, and in capitals every word looks like a name: it joins a
title and a name ("GUSTAV TELBERG" without "GEORGE"), or calls a caption a person. A
stretch mostly in capitals is therefore recognised as a copy whose words take the case the
same document gives them elsewhere in running text ("Tsar", "wood", "USSR"); a word the
document never writes outside capitals is written in lower case if it is a function word
or a word of the model's English dictionary, any form of it ("of", "sawing", "misjudged"),
kept in capitals if it is a roman number or reads as letters ("XIV", "GPU", "NKVD"), else
written with a capital (a name is kept a name; a first name is no dictionary word). The copy has the same tokens,
each of the same length, so offsets do not change; quotes and names are taken from the
original text (:func:`kg.annotate._mention`).

>>> import spacy
>>> nlp = spacy.blank("en"); _ = nlp.add_pipe("sentencizer")
>>> body = nlp("The Tsar sawed wood in the courtyard with Gilliard.")
>>> head = nlp("THE TSAR SAWING WOOD IN THE COURTYARD OF THE NKVD")
>>> votes = CaseVotes.of([body, head])
>>> shouting(head[:]), shouting(body[:])
(True, False)
>>> recased(head, votes).text
'the Tsar Sawing wood in the courtyard of the NKVD'
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

_ROMAN = re.compile(r"(?=[IVXLC])M{0,3}(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})")
POS = ("noun", "verb", "adj", "adv")
ORIGINAL = "kg_source_text"  # Doc.user_data: the text as the source writes it, if recased
MAX_RUN = 4  # words of a name written in capitals elsewhere
MIN_WORDS = 2  # a lone word in capitals ("USSR", "NOT") is left as it is
SHARE = 0.75  # of a stretch's words in capitals


def _words(span: Span) -> list[Token]:
    return [t for t in span if t.is_alpha and len(t) > 1]


def shouting(span: Span) -> bool:
    """Whether a stretch is mostly in capitals (two words at least)."""
    words = _words(span)
    upper = sum(t.is_upper for t in words)
    return upper >= MIN_WORDS and upper >= SHARE * len(words)


class CaseVotes:
    """How a document writes each word in running text: lower case, a capital, or capitals."""

    def __init__(self, votes: dict[str, Counter], english: "EnglishWords | None" = None,
                 names: frozenset[tuple[str, ...]] = frozenset()) -> None:
        self.votes = votes
        self.names = names  # runs of capitalised words in running text ("July Days"), lower case
        self.english = english or EnglishWords({}, {}, {})

    @classmethod
    def of(cls, docs: Iterable[Doc], english: "EnglishWords | None" = None) -> "CaseVotes":
        """The votes of the words of ``docs`` outside stretches in capitals; a sentence's first
        word does not vote (its capital is the sentence's)."""
        votes: dict[str, Counter] = defaultdict(Counter)
        names: set[tuple[str, ...]] = set()
        for doc in docs:
            for sent in doc.sents:
                if shouting(sent):
                    continue
                words = _words(sent)[1:]
                for tok in words:
                    votes[tok.lower_][_shape(tok.text)] += 1
                names.update(_name_runs(words))
        return cls(votes, english, frozenset(names))

    def form(self, tok: Token) -> str:
        """The word as the document writes it (see the module)."""
        text = tok.text
        if text in ("'S", "’S"):  # a possessive ending
            return text.lower()
        if not text.isupper() or len(text) < 2 or not tok.is_alpha or _ROMAN.fullmatch(text):
            return text
        seen = self.votes.get(tok.lower_)
        if seen:
            return _in_shape(text, seen.most_common(1)[0][0])
        if tok.is_stop or self.english.known(tok.lower_):
            return text.lower()
        return text if _acronym(text) else text[0] + text[1:].lower()

    def name_runs(self, sent: Span) -> list[tuple[int, int]]:
        """Token ranges of ``sent`` that the document writes elsewhere as a name ("July Days")."""
        found, i = [], sent.start
        while i < sent.end:
            end = next((j for j in range(min(sent.end, i + MAX_RUN), i + 1, -1)
                        if tuple(t.lower_ for t in sent.doc[i:j]) in self.names), None)
            if end is not None:
                found.append((i, end))
            i = end or i + 1
        return found


class EnglishWords:
    """Words of the English dictionary of the model's lemmatizer tables: verbs, adjectives,
    adverbs and their forms, inflected nouns; no first name of the name tables ("george" is a
    noun there)."""

    def __init__(self, index: dict[str, frozenset[str]], rules: dict[str, list], exceptions: dict[str, dict]) -> None:
        self.index, self.rules, self.exceptions = index, rules, exceptions
        self._known: dict[tuple[str, bool], bool] = {}

    @classmethod
    def from_nlp(cls, nlp: Language | None) -> "EnglishWords":
        """The tables of ``nlp``'s lemmatizer (none: no word is known)."""
        lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None) \
            if nlp is not None and "lemmatizer" in nlp.component_names else None
        if lookups is None or not lookups.has_table("lemma_index"):
            return cls({}, {}, {})
        def table(name: str) -> dict:  # the tables' keys are hashed: asked for by name
            found = lookups.get_table(name) if lookups.has_table(name) else {}
            return {pos: found.get(pos) or {} for pos in POS}

        return cls({pos: frozenset(words) for pos, words in table("lemma_index").items()},
                   {pos: [tuple(r) for r in rules] for pos, rules in table("lemma_rules").items()},
                   table("lemma_exc"))

    def known(self, word: str, nouns: bool = True) -> bool:
        """Whether ``word`` (lower case) is an English word or a form of one, and no first
        name. A noun counts only inflected ("pyres"), and not at all with ``nouns=False``:
        the dictionary's nouns hold places and people too ("lund", "stalin", "kansa")."""
        from kg.annotate.names import is_first_name
        from kg.annotate.gender import known_given_name

        key = (word, nouns)
        if key not in self._known:
            self._known[key] = bool(self.index) and not (is_first_name(word.title()) or known_given_name(word)) \
                and any(self._form_of(word, pos) for pos in self.index if nouns or pos != "noun")
        return self._known[key]

    def noun(self, word: str) -> bool:
        """Whether ``word`` (lower case) is a noun of the dictionary, or a form of one; the
        nouns hold names of places and people too ("moscow", "lenin")."""
        return word in self.index.get("noun", ()) or self._form_of(word, "noun")

    def _form_of(self, word: str, pos: str) -> bool:
        words = self.index[pos]
        if pos != "noun" and (word in words or word in self.exceptions.get(pos, {})):
            return True
        return any(word.endswith(old) and word[:len(word) - len(old)] + new in words
                   for old, new in self.rules.get(pos, []) if old and old != new)


def _name_runs(words: list[Token]) -> Iterable[tuple[str, ...]]:
    """The runs of two to four adjacent capitalised words, in lower case."""
    run: list[Token] = []
    for tok in [*words, None]:
        if tok is not None and tok.is_title and (not run or run[-1].i + 1 == tok.i):
            run.append(tok)
            continue
        if 2 <= len(run) <= MAX_RUN:
            yield tuple(t.lower_ for t in run)
        run = [tok] if tok is not None and tok.is_title else []


def _acronym(text: str) -> bool:
    """A word in capitals that reads as letters, not a word: short or without a vowel ("GPU", "NKVD")."""
    return len(text) <= 3 or not any(c in "AEIOUY" for c in text)


def _shape(text: str) -> str:
    return "upper" if text.isupper() else "title" if text[0].isupper() else "lower"


def _in_shape(text: str, shape: str) -> str:
    return text if shape == "upper" else text.lower() if shape == "lower" else text[0] + text[1:].lower()


def recased(doc: Doc, votes: CaseVotes) -> Doc:
    """``doc`` (tokens and sentences, nothing more yet) with its sentences in capitals in the
    document's case: the same tokens, each of the same length; ``doc`` itself if none is."""
    loud = [sent for sent in doc.sents if shouting(sent)]
    if not loud:
        return doc
    words = [t.text for t in doc]
    for sent in loud:
        for tok in sent:
            words[tok.i] = votes.form(tok)
        for start, end in votes.name_runs(sent):
            for tok in sent.doc[start:end]:
                words[tok.i] = tok.text[0] + tok.text[1:].lower()
    new = Doc(doc.vocab, words=words, spaces=[bool(t.whitespace_) for t in doc],
              sent_starts=[bool(t.is_sent_start) for t in doc])
    new.user_data[ORIGINAL] = doc.text
    return new


def source_text(tok: Token) -> str:
    """The word as the source writes it (in capitals where the Doc shows it recased)."""
    original = tok.doc.user_data.get(ORIGINAL)
    return original[tok.idx:tok.idx + len(tok)] if original is not None else tok.text
