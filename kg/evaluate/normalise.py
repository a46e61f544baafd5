"""Normalisation of names, literals and EDTF values before comparing them.

>>> normalise_name("  Nikolai   Bukharin’s, ")
'nikolai bukharin'
>>> normalise_name("“the darling of the party.”")
'the darling of the party'
>>> normalise_value(" 1937-02–23 ")
'1937-02-23'
>>> normalise_value("1924-23")  # EDTF autumn 1924: the gold's ISO dates have no seasons
'1924'
"""

from __future__ import annotations

import re
import unicodedata

_POSSESSIVE = re.compile(r"['’ʼ]s$")
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212"), "-")
_SEASON = re.compile(r"^(-?\d{4})-2[1-4]$")  # EDTF seasons: 21 spring … 24 winter
_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})


def _is_edge_junk(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PSZ"


def _strip_edges(text: str) -> str:
    start, end = 0, len(text)
    while start < end and _is_edge_junk(text[start]):
        start += 1
    while end > start and _is_edge_junk(text[end - 1]):
        end -= 1
    return text[start:end]


def normalise_name(text: str) -> str:
    """Casefold, collapse whitespace, strip edge punctuation and a possessive ending."""
    name = " ".join(text.casefold().split())
    name = _strip_edges(name)
    return _strip_edges(_POSSESSIVE.sub("", name)).translate(_QUOTES)


def normalise_value(value: str) -> str:
    """An EDTF / ISO string without whitespace, with ASCII hyphens, upper-cased; an EDTF
    season ("1924-23", autumn) is compared as its year, ISO having no seasons."""
    text = "".join(value.split()).translate(_DASHES).upper()
    return _SEASON.sub(r"\1", text)


def name_set(names: list[str] | set[str] | tuple[str, ...]) -> frozenset[str]:
    """Normalised, non-empty forms of ``names``."""
    return frozenset(n for n in map(normalise_name, names) if n)


def literal_matches(predicted: str, gold: str) -> bool:
    """Normalised containment either way (empty strings never match)."""
    p, g = normalise_name(predicted), normalise_name(gold)
    return bool(p and g) and (p in g or g in p)
