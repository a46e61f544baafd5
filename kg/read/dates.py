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

from kg.dates import find_dates

MAX_DATE_LINE = 60  # a dateline or closing date is short


def find_date(text: str) -> tuple[str, str, int, int] | None:
    """First calendar date of at least month precision in ``text``: (value, matched text,
    start, end), or None. Uses the one date normaliser of histkg (:mod:`kg.dates`)."""
    for found in find_dates(text):
        if found.value.kind == "date" and "-" in found.value.edtf:
            return found.value.edtf, found.text, found.start, found.end
    return None


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
