"""A date's bounds: EDTF value → earliest and latest ISO day (:class:`~kg.model.DateValue`),
and the calendar checks the date patterns use.

>>> bounds("1917-02").latest, _date(1917, 2, 30)
('1917-02-28', None)
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date
from functools import lru_cache

from edtf import parse_edtf

from kg.model import DateValue


def bounds(edtf: str, kind: str = "date") -> DateValue:
    """EDTF string → :class:`DateValue` with ISO earliest/latest days (cached: parsing is slow).

    >>> bounds("1928-22", "season").earliest
    '1928-06-01'
    """
    cached = _bounds(edtf, kind)
    return DateValue(cached.edtf, cached.earliest, cached.latest, cached.kind)


FOUR_DIGITS = re.compile(r"\d{4}")
_PLAIN_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
_PLAIN_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def plain_bounds(text: str) -> tuple[str, str] | None:
    """Earliest and latest ISO day of a year, a month or a valid day, without parsing EDTF
    (most dates are these; the EDTF parser takes ~10 ms a value); None for anything else.

    >>> plain_bounds("1900-02"), plain_bounds("1917"), plain_bounds("1917-02-30"), plain_bounds("1917?")
    (('1900-02-01', '1900-02-28'), ('1917-01-01', '1917-12-31'), None, None)
    """
    if text.startswith("0000"):
        return None
    if FOUR_DIGITS.fullmatch(text):
        return f"{text}-01-01", f"{text}-12-31"
    if _PLAIN_MONTH.fullmatch(text):
        return f"{text}-01", f"{text}-{monthrange(int(text[:4]), int(text[5:]))[1]:02d}"
    if _PLAIN_DAY.fullmatch(text):
        try:
            date.fromisoformat(text)
        except ValueError:
            return None
        return text, text
    return None


@lru_cache(maxsize=65536)
def _bounds(edtf: str, kind: str) -> DateValue:
    plain = plain_bounds(edtf)
    if plain is not None:
        return DateValue(edtf=edtf, earliest=plain[0], latest=plain[1], kind=kind)
    try:
        parsed = parse_edtf(edtf)
        lo, hi = parsed.lower_strict(), parsed.upper_strict()
    except Exception:  # edtf raises several types; an unparsable value keeps no bounds
        return DateValue(edtf=edtf, kind=kind)
    return DateValue(edtf=edtf, earliest=_iso(lo), latest=_iso(hi), kind=kind)


def _iso(struct) -> str:
    return f"{struct.tm_year:04d}-{struct.tm_mon:02d}-{struct.tm_mday:02d}"


def _ymd(y: int, m: int | None = None, d: int | None = None) -> str:
    out = f"{y:04d}"
    if m:
        out += f"-{m:02d}"
    if m and d:
        out += f"-{d:02d}"
    return out


def _valid(y: int, m: int | None = None, d: int | None = None) -> bool:
    """A real calendar year/month/day ('February 30' is not)."""
    if not (1000 <= y <= 2100 and (m is None or 1 <= m <= 12)):
        return False
    if m is None or d is None:
        return True
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


def _date(y: int, m: int | None = None, d: int | None = None) -> DateValue | None:
    return bounds(_ymd(y, m, d)) if _valid(y, m, d) else None
