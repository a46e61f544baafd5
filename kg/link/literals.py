"""Typed literals: small grammars over the words of a relation's text object, one per kind of
literal (``kg/data/literals.toml``). A guard of ``kg/data/predicates.toml`` names one with
``literal_grammar``; a literal that fails it is no charge, office, prison or nickname.

>>> grammars = LiteralGrammars()
>>> [grammars.check("charge", t) for t in ("high treason", "having sold secrets", "having no ideals")]
[True, True, False]
>>> [grammars.check("office", t) for t in ("Minister of War", "leaders of the movement",
...                                          "dummy president of the board")]
[True, False, False]
>>> [grammars.check("work", t) for t in ("long novel", "article", "this article")]
[True, False, False]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable

from kg.data_files import load_toml
from kg.errors import DataFileError
from kg.link.roles import expand_words

FILE = "literals.toml"
WORD_RE = re.compile(r"[\w'’-]+")
DETERMINERS = {"the", "a", "an", "his", "her", "their", "its", "this", "that", "these", "those"}
FIELDS = {
    "charge": {"crimes", "suffixes", "clause_openers", "open_clauses", "not_verbs", "participles", "generic"},
    "office": {"titles", "head_ends", "not_held", "not_of", "not_alone", "not_qualifying", "praise"},
    "prison": {"heads", "not_words", "pointing"},
    "nickname": {"not_words", "not_alone"},
    "work": {"heads"},
}


def singular(word: str) -> str:
    """A plural noun's singular by its ending: 'atrocities' → 'atrocity', 'crimes' → 'crime'."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The word sets of one grammar (``[charge]``, ``[office]`` … of literals.toml)."""

    sets: dict[str, frozenset[str]]

    def __getitem__(self, key: str) -> frozenset[str]:
        return self.sets.get(key, frozenset())


def _lexicons(data: dict[str, Any]) -> dict[str, Lexicon]:
    """Validated word sets; errors name the file and the table or key."""
    out = {}
    for name, table in data.items():
        if name not in FIELDS or not isinstance(table, dict):
            raise DataFileError(FILE, f"unknown grammar; known: {sorted(FIELDS)}", name)
        unknown = set(table) - FIELDS[name]
        if unknown:
            raise DataFileError(FILE, f"unknown key {sorted(unknown)[0]!r}; known: {sorted(FIELDS[name])}", name)
        bad = [k for k, v in table.items() if not isinstance(v, list) or not all(isinstance(w, str) for w in v)]
        if bad:
            raise DataFileError(FILE, f"{bad[0]!r} must be a list of words", name)
        try:
            out[name] = Lexicon({k: frozenset(w.casefold() for w in expand_words(v)) for k, v in table.items()})
        except ValueError as err:
            raise DataFileError(FILE, str(err), name) from None
    return out


@lru_cache(maxsize=1)
def _shipped() -> dict[str, Lexicon]:
    return _lexicons(load_toml(FILE))


class LiteralGrammars:
    """The grammars of ``kg/data/literals.toml`` (or of ``data``, a parsed table)."""

    def __init__(self, data: dict[str, Any] | None = None) -> None:
        self.lexicons = _shipped() if data is None else _lexicons(data)
        self.checks: dict[str, Callable[[Lexicon, str], bool]] = {
            "charge": charge, "office": office, "prison": prison, "nickname": nickname,
            "work": work}

    def names(self) -> frozenset[str]:
        """The grammars a guard may name."""
        return frozenset(self.checks)

    def check(self, grammar: str, text: str) -> bool:
        """Whether ``text`` is a literal of kind ``grammar``."""
        return self.checks[grammar](self.lexicons.get(grammar, Lexicon({})), text)


def _words(text: str) -> list[str]:
    return [w.casefold() for w in WORD_RE.findall(text)]


def _is_word_in(word: str, words: frozenset[str]) -> bool:
    return word in words or singular(word) in words


def charge(lex: Lexicon, text: str) -> bool:
    """A crime or accusation noun phrase, or a clause stating one (see literals.toml)."""
    words = _words(text)
    if not words or all(w in lex["generic"] for w in words):
        return False
    if _clause(lex, words):
        return True
    return any(_is_word_in(w, lex["crimes"]) or w.endswith(tuple(lex["suffixes"]))
               or any(_is_word_in(p, lex["crimes"]) for p in w.split("-")[1:]) for w in words)


def _clause(lex: Lexicon, words: list[str]) -> bool:
    """'having sold …', 'being a spy', 'conspiring against …', 'blackmailed an agent'."""
    first = words[0]
    if first in lex["open_clauses"]:
        return len(words) > 1
    if first in lex["clause_openers"]:
        return len(words) > 1 and _participle(lex, words[1])
    return first not in lex["not_verbs"] and len(first) > 4 and first.endswith(("ing", "ed"))


def _participle(lex: Lexicon, word: str) -> bool:
    return word in lex["participles"] or (word not in lex["not_verbs"] and word.endswith(("ed", "en")))


def office(lex: Lexicon, text: str) -> bool:
    """A title noun phrase whose head is a title in the singular (see literals.toml)."""
    words = _words(text)
    ends = [i for i, w in enumerate(words) if i > 0 and w in lex["head_ends"]]
    head = words[ends[0] - 1] if ends else (words[-1] if words else "")
    before = words[:ends[0] - 1] if ends else words[:-1]
    if not ends and head in lex["not_alone"] and all(w in lex["not_qualifying"] or w in lex["praise"] for w in before):
        return False  # "his chief", "the first great leader": a tie or a role, no office
    if any(w in lex["not_held"] for w in words[:ends[0] if ends else len(words)]):
        return False  # "dummy president", "self-styled minister": a title not held
    if ends and any(w.casefold() in lex["not_of"] and not w.isupper() for w in WORD_RE.findall(text)[ends[0]:]):
        return False  # "Chief of All of Us": of no body
    return any(part in lex["titles"] for part in (head, head.rsplit("-", 1)[-1]) if part)


def prison(lex: Lexicon, text: str) -> bool:
    """A place of confinement, not an exile, nor one named before ("the same prison"); an
    'of' in it names a place."""
    words = WORD_RE.findall(text)
    low = [w.casefold() for w in words]
    if not any(w in lex["heads"] for w in low) or any(w in lex["not_words"] or w in lex["pointing"] for w in low):
        return False
    for i, word in enumerate(low[:-1]):
        if word == "of":
            rest = [w for w in words[i + 1:] if w.casefold() not in DETERMINERS]
            if rest and not rest[0][:1].isupper():
                return False
    return True


def nickname(lex: Lexicon, text: str) -> bool:
    """A proper-name phrase (a capital), not a title or pronoun alone, not the name of a
    trial or another event."""
    words = [w for w in _words(text) if w != "the"]
    bare = text[4:] if text.lower().startswith("the ") else text
    if not bare[:1].isupper() or not words or any(w in lex["not_words"] for w in words):
        return False
    if "--" in text or "—" in text or "”" in text[:-1]:  # a phrase running on past the name
        return False
    return not (len(words) == 1 and words[0] in lex["not_alone"])


def work(lex: Lexicon, text: str) -> bool:
    """A written work described by more than its kind: 'a long novel', 'memoirs of his exile',
    not 'an article' or 'this article' alone (a kind of work, or a work named before)."""
    words = [w for w in _words(text) if w not in DETERMINERS]
    return bool(words) and not (len(words) == 1 and _is_word_in(words[0], lex["heads"]))
