"""Titles used as references: "the Grand Duke", "the Commissar", "the prisoner" → the person
last named with that title ("Grand Duke Sergei", "X, the Commissar of Justice") in the same
or the previous passage; when several did, the one named last (a title passes from holder to
holder: "Wilson ... Harding became President. The President" is Harding). Abstains when the
last two holders were named in the same sentence ("Grand Duke Sergei and Grand Duke Paul").

A sovereign's title ("the Tsar") with no holder in the passages just before goes to the one
holder named anywhere before. A person the gazetteer knows as a sovereign ("Tsar Nicholas"
among Nicholas II's names) counts as named with the title wherever the text names him, as
"Nicholas II" too: "the ex-Tsar" after "Nicholas II lived at Tobolsk" is Nicholas II, not
the "Tsar Peter" of a comparison chapters earlier.

>>> memory = TitleMemory()
>>> memory.titles_in("Grand Duke Sergei Mikhailovich")
['duke', 'grand']
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from spacy.tokens import Token

from kg.link.roles import word_lists
from kg.model import Mention

WORD_RE = re.compile(r"[\w-]+")
DOMINANT = 3  # a holder named this many times as often as every other is the title's holder


@lru_cache(maxsize=1)
def sovereign_titles() -> frozenset[str]:
    """Titles one person holds at a time (``sovereign_titles`` of role_nouns.toml): when the
    document named one holder only, looked up in the whole document before, not only in
    the passage before."""
    return frozenset(word_lists()["sovereign_titles"])


@lru_cache(maxsize=1)
def reference_titles() -> frozenset[str]:
    """The title words of ``kg/data/link/role_nouns.toml`` (``reference_titles``)."""
    return frozenset(word_lists()["reference_titles"])


class TitleMemory:
    """Per document: which persons were named with which title, passage by passage."""

    def __init__(self) -> None:
        self.seen: dict[str, list[tuple[int, int, int, Mention, str]]] = {}
        self.known: dict[str, list[tuple[tuple[int, int], tuple[int, int], Mention]]] = {}  # by the gazetteer

    def know(self, passage: int, mention: Mention, token: int, sentence: int) -> None:
        """``mention``, linked to a gazetteer entry, holds the sovereign titles the entry's
        names carry ("Tsar Nicholas" among Nicholas II's), named at ``token`` of ``passage``
        in the sentence that starts at ``sentence``: a holder as if named with them."""
        for title in known_titles(mention.key or ""):
            self.known.setdefault(title, []).append(((passage, token), (passage, sentence), mention))

    def titles_in(self, text: str) -> list[str]:
        """The reference titles among the words of ``text``, sorted."""
        return sorted({w.casefold() for w in WORD_RE.findall(text)} & reference_titles())

    def record(self, passage: int, mention: Mention, text: str, token: int = 1 << 30,
               sentence: int | None = None) -> None:
        """``mention`` was named with the titles in ``text`` in passage ``passage`` at token
        ``token`` (by default: usable from the next passage on), in the sentence that starts
        at token ``sentence`` (by default: ``token``)."""
        for title in self.titles_in(text):
            self.seen.setdefault(title, []).append(
                (passage, token, token if sentence is None else sentence, mention, text.casefold()))

    def refer(self, passage: int, tok: Token, exclude: set[str]) -> Mention | None:
        """The person "the <title>" at ``tok`` refers to, or None when unknown or ambiguous."""
        title = _hyphenated(tok)
        if title not in reference_titles() or tok.pos_ not in {"NOUN", "PROPN"}:
            return None
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            return None
        scope = _qualifier(tok)  # "the President of the Sovdep": a holder named with "Sovdep"
        named = [((p, i), (p, s), m) for p, i, s, m, text in self.seen.get(title, [])
                 if scope is None or scope in text]
        before = sorted([x for x in named + self.known.get(title, [])
                         if x[0] < (passage, tok.i) and x[2].name not in exclude], key=lambda x: x[0])
        recent = [x for x in before if passage - 1 <= x[0][0]]
        if not recent and title in sovereign_titles():
            recent = _chief(before)  # a sovereign's title: the one holder named anywhere before
        if not recent:
            return None
        _, sentence, last = recent[-1]
        rivals = {_who(m) for _, s, m in recent if s == sentence and _who(m) != _who(last)}
        return None if rivals else last


def dominant(counts: Counter) -> object | None:
    """The one holder counted, or the one counted at least ``DOMINANT`` times as often as
    each other (the Tsar of a book, not his father in a chapter on his youth); else None.

    >>> dominant(Counter({"nicholas": 9, "peter": 1})), dominant(Counter({"nicholas": 2, "peter": 1}))
    ('nicholas', None)
    """
    top = counts.most_common(2)
    if not top or len(top) == 2 and top[0][1] < DOMINANT * max(1, top[1][1]):
        return None
    return top[0][0]


def _chief(before: list) -> list:
    """The namings of the dominant holder named before (:func:`dominant`), else none."""
    chief = dominant(Counter(_who(m) for _, _, m in before))
    return [x for x in before if _who(x[2]) == chief] if chief is not None else []


def _who(m: Mention) -> str:
    """A holder's identity: its gazetteer id, else its name."""
    return m.key or m.name


@lru_cache(maxsize=4096)
def known_titles(key: str) -> frozenset[str]:
    """The sovereign titles among the words of the names of the gazetteer entry ``key``.

    >>> sorted(known_titles("Nicholas_II"))
    ['czar', 'emperor', 'tsar']
    """
    from kg.annotate.gazetteer import load_gazetteer

    entry = load_gazetteer().get(key) if key else None
    if entry is None:
        return frozenset()
    return frozenset(w.casefold() for name in entry.names for w in WORD_RE.findall(name)) & sovereign_titles()


def _qualifier(tok: Token) -> str | None:
    """The name in an "of" phrase after a title ("the President of the Ural Sovdep" →
    "sovdep"), which a holder's title must name too; None without one ("of negligence")."""
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"):
        for obj in (c for c in prep.children if c.dep_ == "pobj" and (c.pos_ == "PROPN" or c.ent_type_)):
            return obj.lower_
    return None


def _hyphenated(tok: Token) -> str:
    """The title word ending at ``tok``: 'Police-President' is tokenised 'Police', '-',
    'President' and is the title 'police-president' when that is a title."""
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 1].idx == tok.idx - 1:
        joined = f"{doc[tok.i - 2].lower_}-{tok.lower_}"
        if joined in reference_titles():
            return joined
    return tok.lower_
