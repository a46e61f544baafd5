"""Statements of identity between two names ("Aniuta, Anna Larina, ...") and when to trust them.

An apposition of two person names is a strong cue, but lists are parsed as appositions
too ("Kamenev, Zinoviev"), so a pair is merged only when the names are compatible: one is
a first name or diminutive of the other's first name ("Aniuta" → Anna → "Anna Larina"),
or their words overlap.

>>> compatible("Aniuta", "Anna Larina"), compatible("Kamenev", "Zinoviev")
(True, False)
>>> compatible("Anna Larina", "Anna Akhmatova"), compatible("Kang Won-yong", "Kim Won-yong")
(False, False)
>>> compatible("A. Larina", "Anna Larina")
True
"""

from __future__ import annotations

from functools import lru_cache

from kg.annotate.scripts import romanise
from kg.data_files import data_path, load_toml


@lru_cache(maxsize=1)
def _first_name_groups() -> dict[str, int]:
    """Each first name or diminutive → the number of its line in the first-names file."""
    data = load_toml("names.toml")
    groups: dict[str, int] = {}
    lines = [line for key in ("first_names_file", "western_diminutives_file")
             for line in data_path(data[key]).read_text(encoding="utf-8").splitlines()]
    for number, line in enumerate(lines):
        for word in line.split("#")[0].split():
            groups.setdefault(word.casefold(), number)
    return groups


@lru_cache(maxsize=1)
def _group_names() -> dict[int, str]:
    """Each group's number → its first form (the standard transliteration)."""
    out: dict[int, str] = {}
    for word, number in _first_name_groups().items():
        out.setdefault(number, word)
    return out


def group_name(group: int) -> str:
    """The first form of a first-name group: group of 'Nicholas' → 'nikolai'."""
    return _group_names()[group]


def first_name_group(word: str) -> int | None:
    """Which first name a word is a form of (an opaque number), if any."""
    return _first_name_groups().get(word.casefold())


def same_first_name(a: str, b: str) -> bool:
    """'Aniuta' and 'Anna' (or 'Nadia' and 'Nadezhda') are forms of one first name."""
    groups = _first_name_groups()
    ga, gb = groups.get(a.casefold()), groups.get(b.casefold())
    return ga is not None and ga == gb


def compatible(a: str, b: str) -> bool:
    """Can two names stated to be one person really be one? A single word must be a form of
    the other's first name or its surname; two full names need the same surname and first
    letter ("Anna Larina" and "Anna Akhmatova" are not one)."""
    wa, wb = romanise(a).replace(".", " ").split(), romanise(b).replace(".", " ").split()
    if not wa or not wb:
        return False
    if len(wa) > len(wb):
        wa, wb = wb, wa
    if len(wa) == 1:
        return same_first_name(wa[0], wb[0]) or wa[0].casefold() == wb[-1].casefold()
    return wa[-1].casefold() == wb[-1].casefold() and _same_first(wa[0], wb[0])


def _same_first(a: str, b: str) -> bool:
    """First words of two full names that can be one person's: equal, an initial of the
    other, or forms of one first name ("Kang Won-yong" is not "Kim Won-yong")."""
    x, y = a.casefold().rstrip("."), b.casefold().rstrip(".")
    if x == y or same_first_name(a, b):
        return True
    return (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y))
