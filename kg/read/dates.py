"""Dates as letters and editions write them, normalised to ISO 8601 / EDTF strings.

>>> parse_date("DECEMBER 10, 1937")
'1937-12-10'
>>> parse_date("10.XII.37")
'1937-12-10'
>>> parse_date("10 December 1937")
'1937-12-10'
>>> find_date("Associated Newspapers Ltd., 22 October 1999")
('1999-10-22', '22 October 1999', 28, 43)
"""

from __future__ import annotations

import re
from datetime import date

from kg.read.cues import cues

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8,
         "ix": 9, "x": 10, "xi": 11, "xii": 12}
MAX_DATE_LINE = 60  # a dateline or closing date is short
CENTURY = 1900  # two-digit years ("10.XII.37") are read in this century

_MONTH = r"(?P<month>[A-Z][A-Za-z]{2,8})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_PATTERNS = (
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b"),
    re.compile(r"\b(?P<day>\d{1,2})\.\s?(?P<roman>[IVXivx]{1,4})\.\s?(?P<year>\d{4}|\d{2})\b"),
    re.compile(r"\b(?P<day>\d{1,2})\.(?P<num>\d{1,2})\.(?P<year>\d{4})\b"),
    re.compile(rf"\b{_MONTH}\s+{_YEAR}\b"),
)


def _iso(year: int, month: int | None, day: int | None) -> str | None:
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _value(m: re.Match[str]) -> str | None:
    parts = m.groupdict()
    year = int(parts["year"])
    if year < 100:
        year += CENTURY
    if parts.get("roman"):
        month = ROMAN.get(parts["roman"].lower())
    elif parts.get("num"):
        month = int(parts["num"])
    else:
        month = cues().months.get(parts["month"].lower())
    if month is None:
        return None
    day = int(parts["day"]) if parts.get("day") else None
    return _iso(year, month, day)


def find_date(text: str) -> tuple[str, str, int, int] | None:
    """First date in ``text``: (value, matched text, start, end), or None."""
    found = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            value = _value(m)
            if value:
                found.append((m.start(), -(m.end() - m.start()), value, m))
                break
    if not found:
        return None
    _, _, value, m = min(found, key=lambda f: (f[0], f[1]))
    return value, m.group(), m.start(), m.end()


def parse_date(text: str) -> str | None:
    """The date if ``text`` is nothing but a date (a dateline or closing date line)."""
    stripped = text.strip().strip("*_.,;:()[] ")
    if len(stripped) > MAX_DATE_LINE:
        return None
    hit = find_date(stripped)
    if hit is None or hit[2] != 0 or hit[3] != len(stripped):
        return None
    return hit[0]


def is_date_line(text: str, place: bool = True) -> bool:
    """True for a line that is a date, optionally after a place ("MOSCOW, 10 May 1937")."""
    if len(text) > 2 * MAX_DATE_LINE:
        return False
    if parse_date(text):
        return True
    if place and "," in text:
        head, _, tail = text.partition(",")
        return len(head.split()) <= 3 and head[:1].isupper() and parse_date(tail) is not None
    return False
