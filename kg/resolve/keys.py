"""Keys that make spelling variants of a name compare equal.

- :func:`name_key`: case, spacing and soft-sign apostrophes ("Kuz'min" = "Kuzmin");
- :func:`translit_key`: also transliteration variants from ``kg/data/translit.toml``
  ("Anyuta" = "Aniuta", "Trotsky" = "Trotskii", "Josif" = "Iosif");
- :func:`family_key`: also feminine surname endings ("Larina" → "larin"), for families and
  near-misses only.

>>> translit_key("Josif Vissarionovich") == translit_key("Iosif Vissarionovich")
True
>>> translit_key("Anyuta") == translit_key("Aniuta"), translit_key("Trotsky") == translit_key("Trotskii")
(True, True)
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from kg.data_files import load_toml

APOSTROPHES = "'’ʹʼ`"
INITIAL = re.compile(r"^(?:[a-z]{1,2}\.\s*)+")


SYLLABLES = re.compile(r"\b[A-Z][a-z]{0,3}(?:-[a-z]{1,4}){2,}\b")
DRAWN_OUT = re.compile(r"([a-z])\1+")


def _joined(match: re.Match[str]) -> str:
    """'Ka-ta-nian' → 'Katanian', 'Ka-li-ni-i-i-n' → 'Kalinin': a name spelt out in
    syllables (a crowd chanting it, a speaker drawing it out) is the name."""
    return DRAWN_OUT.sub(r"\1", match.group(0).replace("-", ""))


@lru_cache(maxsize=262144)
def name_key(name: str) -> str:
    """'Kuz'min' → 'kuzmin'; 'I. V.  Stalin' → 'i. v. stalin' (case, soft signs, spacing);
    'Ka-ta-nian' → 'katanian' (spelt out in syllables)."""
    text = unicodedata.normalize("NFKC", SYLLABLES.sub(_joined, name)).casefold()
    text = "".join(ch for ch in text if ch not in APOSTROPHES)
    return " ".join(text.replace(".", ". ").split()).strip(" ,;:")


@lru_cache(maxsize=1)
def _rules() -> dict[str, list[tuple[str, str]]]:
    data = load_toml("translit.toml")
    return {part: list(data[part].items()) for part in ("word_start", "inside", "word_end", "feminine")}


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    if word.endswith(".") or len(word) < 3:
        return word
    rules = _rules()
    for old, new in rules["word_start"]:
        if word.startswith(old):
            word = new + word[len(old):]
            break
    for old, new in rules["inside"]:
        word = word.replace(old, new)
    for old, new in rules["word_end"]:
        if word.endswith(old):
            return word[: -len(old)] + new
    return word


@lru_cache(maxsize=262144)
def translit_key(name: str) -> str:
    """A key equal for transliteration variants of the same name."""
    return " ".join(_fold_word(w) for w in name_key(name).split())


def family_key(surname: str) -> str:
    """'Larina' and 'Larin' → 'larin' (feminine endings folded)."""
    key = translit_key(surname)
    for old, new in _rules()["feminine"]:
        if key.endswith(old) and len(key) > len(old) + 2:
            return key[: -len(old)] + new
    return key


def surname_key(name: str) -> str:
    """The last word of a name, without initials: 'A. Iu. Aikhenvald' → 'aikhenvald'."""
    key = translit_key(name)
    return key.split()[-1] if key else ""


def initials(name: str) -> str:
    """'A. Iu. Aikhenvald' → 'a.iu.'."""
    m = INITIAL.match(name_key(name))
    return m.group(0).replace(" ", "") if m else ""


def split_title(name: str) -> tuple[str, str]:
    """Titles in front of a name and the rest: 'General Korniloff' → ('General',
    'Korniloff'); 'Grand Duke Paul' → ('Grand Duke', 'Paul'); a title alone stays a name.

    >>> split_title("Mme. Caillaux"), split_title("Madame Alexandra Kollontai")
    (('Mme.', 'Caillaux'), ('Madame', 'Alexandra Kollontai'))
    >>> split_title("Grand-Duke Paul")
    ('Grand Duke', 'Paul')
    """
    from kg.annotate.titles import title_opener, title_word

    words = []
    for word in name.split():  # "Grand-Duke Paul" is "Grand Duke Paul"
        first, _, rest = word.partition("-")
        words += [first, rest] if rest and title_opener(first) and title_word(rest) else [word]
    i = 0
    while i < len(words) - 1 and (title_word(words[i]) or (
            title_opener(words[i]) and title_word(words[i + 1]))):
        i += 1
    return " ".join(words[:i]), " ".join(words[i:])


def is_short(name: str) -> bool:
    """A single word, initials + one word, or initials alone."""
    return len(INITIAL.sub("", name_key(name)).split()) <= 1
