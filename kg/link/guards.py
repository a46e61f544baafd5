"""Precision guards as data: per-predicate argument types and literal heads
(``[guard.PREDICATE]`` tables of ``kg/data/predicates.toml``), applied to every candidate
relation of the link step. A literal object may also have to pass a grammar of
``kg/data/literals.toml`` (``literal_grammar``: a charge, an office, a prison, a nickname).
Dropped candidates are counted per guard (``accused:charge``).

>>> Guards().rules["sentenced_to"].heads >= {"death", "years"}
True
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from kg.data_files import load_toml
from kg.errors import DataFileError
from kg.link.literals import LiteralGrammars
from kg.link.roles import expand_words
from kg.model import Assertion, Mention

WORD_RE = re.compile(r"[\w'’-]+")


@dataclass(frozen=True, slots=True)
class Guard:
    """The conditions one predicate's candidates must meet."""

    subject: frozenset[str] = frozenset()
    object: frozenset[str] = frozenset()
    heads: frozenset[str] = frozenset()
    not_heads: frozenset[str] = frozenset()
    max_words: int = 0
    not_in_evidence: tuple[str, ...] = ()
    proper_name: bool = False
    name_only: frozenset[str] = frozenset()  # subject types allowed only as bare proper names
    grammar: str = ""  # a grammar of kg/data/literals.toml a literal object must pass
    apart: bool = False  # a literal object must not be part of the subject's own name

    @classmethod
    def from_table(cls, raw: dict[str, Any]) -> "Guard":
        """A guard from one ``[guard.X]`` table."""
        return cls(frozenset(raw.get("subject", ())), frozenset(raw.get("object", ())),
                   frozenset(expand_words(raw.get("literal_heads", []))),
                   frozenset(expand_words(raw.get("literal_not", []))),
                   int(raw.get("literal_max_words", 0)),
                   tuple(w.casefold() for w in raw.get("not_in_evidence", ())),
                   bool(raw.get("proper_name", False)),
                   frozenset(raw.get("subject_names_only", ())), str(raw.get("literal_grammar", "")),
                   bool(raw.get("literal_apart", False)))

    def failure(self, a: Assertion, grammars: LiteralGrammars | None = None) -> str | None:
        """The name of the first condition ``a`` fails, or None."""
        if self.subject and a.subject.type not in self.subject:
            return "subject_type"
        if a.subject.type in self.name_only and not _bare_name(a.subject.text):
            return "subject_name"
        quote = a.evidence.quote.casefold()
        if any(w in quote for w in self.not_in_evidence):
            return "evidence"
        if isinstance(a.object, Mention):
            return "object_type" if self.object and a.object.type not in self.object else None
        if a.object_kind != "literal":
            return None
        if self.apart and _inside(a.object, a.subject):
            return "literal_in_subject"
        why = self._literal(a.object)
        if why is None and self.grammar and grammars is not None \
                and not grammars.check(self.grammar, a.object):
            return self.grammar
        return why

    def _literal(self, text: str) -> str | None:
        words = [w.casefold() for w in WORD_RE.findall(text)]
        if self.heads and not self.heads & set(words):
            return "literal_head"
        if self.not_heads and self.not_heads & set(words):
            return "literal_not"
        if self.max_words and len(words) > self.max_words:
            return "literal_length"
        if self.proper_name and not text[:1].isupper():
            return "proper_name"
        return None


def _inside(literal: str, subject: Mention) -> bool:
    """'Cabin' of 'Uncle Tom's Cabin', 'Trotsky' of 'Leon Trotsky', 'Enlightenment Committees'
    of 'Cultural-Enlightenment Committees': a part of the name."""
    words = _parts(literal)
    return bool(words) and words <= _parts(f"{subject.text} {subject.name}")


def _parts(text: str) -> set[str]:
    """The words of ``text``, hyphenated ones also in their parts, casefolded."""
    words = [w.casefold() for w in WORD_RE.findall(text)]
    return {*words, *(p for w in words for p in w.split("-") if p)}


def _bare_name(text: str) -> bool:
    """Every word capitalised: 'Bollati', 'Emil Eichhorn' — not 'the Solovetsky camp'."""
    words = WORD_RE.findall(text)
    return bool(words) and all(w[:1].isupper() for w in words)


class Guards:
    """All predicates' guards; ``dropped`` counts candidates removed, by
    ``predicate:condition``."""

    def __init__(self, table: dict[str, Any] | None = None) -> None:
        raw = (table if table is not None else load_toml("predicates.toml")).get("guard", {})
        self.rules = {p: Guard.from_table(t) for p, t in raw.items()}
        self.grammars = LiteralGrammars()
        for predicate, guard in self.rules.items():
            if guard.grammar and guard.grammar not in self.grammars.names():
                raise DataFileError("predicates.toml", f"unknown literal_grammar {guard.grammar!r}; "
                                    f"known: {sorted(self.grammars.names())}", f"guard.{predicate}")
        self.dropped: Counter[str] = Counter()

    def apply(self, assertions: list[Assertion]) -> list[Assertion]:
        """The assertions that pass their predicate's guard."""
        out = []
        for a in assertions:
            guard = self.rules.get(a.predicate)
            why = guard.failure(a, self.grammars) if guard else None
            if why is None:
                out.append(a)
            else:
                self.dropped[f"{a.predicate}:{why}"] += 1
        return out
