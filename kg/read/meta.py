"""Who wrote to whom, and what kind of document: read from titles, salutations, signatures.

>>> parse_title("Nikolai Bukharin's Letter to Stalin")
('Nikolai Bukharin', ['Stalin'], 'letter')
>>> parse_title("Mekhlis to Stalin and Ezhov")
('Mekhlis', ['Stalin', 'Ezhov'], 'letter')
>>> name_at_end("Farewell forever and remember kindly your wretched Nikolai Bukharin.")
'Nikolai Bukharin'
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.read.cues import cues

_TOKEN = r"(?:[A-Z][\w'’\-]*\.?|[A-Z]\.)"
NAME = rf"{_TOKEN}(?:\s+(?:{_TOKEN}|de|von|van|der|ibn))*"
_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*")


@lru_cache(maxsize=1)
def _kind_words() -> str:
    words = [w for ws in cues().kinds.values() for w in ws]
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _title_patterns() -> tuple[re.Pattern[str], ...]:
    k = _kind_words()
    return (
        re.compile(rf"^(?P<a>{NAME})['’]s?\s+(?:[\w-]+\s+){{0,3}}?(?P<k>(?i:{k}))\s+to\s+(?P<r>.+)$"),
        re.compile(rf"^(?:[\w-]+\s+){{0,2}}?(?P<k>(?i:{k}))\s+(?:from|of|by)\s+(?P<a>{NAME})"
                   rf"(?:\s+to\s+(?P<r>.+))?$"),
        re.compile(rf"^(?P<a>{NAME})\s+to\s+(?P<r>{NAME}(?:(?:\s*,\s*|\s+and\s+){NAME})*)$"),
    )


def kind_of(text: str) -> str | None:
    """The kind of document a title or sentence names ("report", "letter", ...)."""
    low = text.lower()
    for kind, words in cues().kinds.items():
        if any(re.search(rf"\b{re.escape(w)}\b", low) for w in words):
            return kind
    return None


def _names(text: str) -> list[str]:
    text = re.split(r"[,;(]\s*(?:\d|on\s|in\s)|\s+(?:on|in|from|about)\s", text)[0]
    names = [n.strip(" .") for n in _SPLIT.split(text.strip(" .:"))]
    return [n for n in names if re.fullmatch(NAME, n)]


def parse_title(title: str) -> tuple[str | None, list[str], str | None]:
    """(author, recipients, kind) from a title such as "X's Letter to Y" or "X to Y and Z"."""
    title = title.strip(" *_#")
    for pattern in _title_patterns():
        m = pattern.match(title)
        if m:
            author = m.group("a").strip()
            kind = kind_of(m.groupdict().get("k") or "") or "letter"
            return author, _names(m.group("r") or ""), kind
    return None, [], kind_of(title)


def salutation(line: str) -> str | None:
    """The recipient of a salutation line ("To I. V. Stalin", "Dear Koba,")."""
    line = line.strip(" *_!,:")
    for prefix in sorted(cues().salutation_prefixes, key=len, reverse=True):
        if line.lower().startswith(prefix + " "):
            rest = line[len(prefix):].strip(" ,")
            rest = re.sub(r"^(?:[Cc]omrade|[Mm]r\.?|[Mm]rs\.?|[Dd]r\.?)\s+", "", rest)
            if re.fullmatch(NAME, rest) and len(rest.split()) <= 5:
                return rest
    return None


def address_form(line: str) -> str | None:
    """The person a form of address stands for ("Iosif Vissarionovich!" → "Stalin")."""
    key = line.strip(" *_!,.:").lower()
    return cues().address_forms.get(key)


def signer(line: str) -> str | None:
    """The name of a short closing line, after any closing phrase ("Yours, N. Bukharin")."""
    line = line.strip(" *_.")
    low = line.lower()
    for phrase in sorted(cues().closing_phrases, key=len, reverse=True):
        if low.startswith(phrase):
            line = line[len(phrase):].strip(" ,")
            break
    ok = bool(line) and len(line.split()) <= 4 and re.fullmatch(NAME, line) is not None
    return line if ok else None


def is_signature(line: str) -> bool:
    """A short closing line that is a name, perhaps after a closing phrase."""
    return signer(line) is not None


def name_at_end(text: str) -> str | None:
    """The name (two or more capitalised words) a sentence ends with, if any."""
    m = re.search(rf"({NAME})[\s.!]*$", text.strip(" *_"))
    if not m:
        return None
    words = m.group(1).split()
    words = words[-3:] if len(words) > 3 else words
    while words and words[0].lower() in cues().closing_phrases:
        words = words[1:]
    return " ".join(words).rstrip(".") if len(words) >= 2 else None


def fuller_name(*names: str | None) -> str | None:
    """The longest of the names given (a full name over initials or a surname)."""
    found = [n for n in names if n]
    return max(found, key=lambda n: (len(n.split()), len(n)), default=None)
