"""Find and normalise historical date expressions to EDTF with earliest/latest bounds.

Calendar dates ("DECEMBER 10, 1937", "10.XII.37", "February 23–March 5, 1937", "the summer
of 1928", "the early 1930s", lifespans "(1901–32)") become :class:`~kg.model.DateValue`
of kind date/interval/season/decade/century; durations ("twenty-five years") are found
too but kept apart (kind ``duration``) so they never pass for calendar dates.

>>> [(m.text, m.value.edtf) for m in find_dates("He was shot on 14 March 1938.")]
[('14 March 1938', '1938-03-14')]
>>> [(m.text, m.value.edtf) for m in find_dates("Anna Larina (1914–96) wrote")]
[('1914', '1914'), ('96', '1996')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from kg.data_files import load_toml
from kg.dates.bounds import FOUR_DIGITS, _date, _valid, bounds, plain_bounds
from kg.model import DateValue

__all__ = ["DateMatch", "bounds", "find_dates", "fold", "plain_bounds"]

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8,
         "IX": 9, "X": 10, "XI": 11, "XII": 12}
DASH = r"\s*[-–—]\s*"


@dataclass(slots=True)
class DateMatch:
    """A date expression found in a text: ``text == source[start:end]``."""

    start: int
    end: int
    text: str
    value: DateValue


@lru_cache(maxsize=1)
def _words() -> dict:
    return load_toml("dates.toml")


def _alt(words: dict | list) -> str:
    keys = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(k) for k in keys)


def _month(name: str) -> int:
    return _words()["months"][fold(name).rstrip(".")]


#: with these two, casefold() gives every character the case-blind patterns match as the
#: letter it matches ("ſ" as "s", "K" as "k"; checked over all of Unicode in tests/test_dates.py)
_FOLD = str.maketrans({"ı": "i", "İ": "i"})


def fold(text: str) -> str:
    """``text`` as the case-blind date patterns read it: 'ſeventeenth' → 'seventeenth'.

    >>> fold("ſeventeenth CENTURY")
    'seventeenth century'
    """
    return text.translate(_FOLD).casefold()


def _year(text: str, ref: int | None = None) -> int:
    """Four-digit years as they are; two digits in the century of ``ref`` (or the default)."""
    if len(text) >= 3:
        return int(text)
    base = (ref // 100 * 100) if ref else _words()["defaults"]["century"]
    return base + int(text)


Builder = Callable[[re.Match], list[tuple[int, int, DateValue]]]


def _one(fn: Callable[[re.Match], DateValue | None]) -> Builder:
    def build(m: re.Match) -> list[tuple[int, int, DateValue]]:
        value = fn(m)
        return [(m.start(), m.end(), value)] if value else []
    return build


def _b_month_range(m: re.Match) -> DateValue | None:
    y = int(m["y"])
    m2 = _month(m["m2"]) if m["m2"] else _month(m["m1"])
    a, b = _date(y, _month(m["m1"]), int(m["d1"])), _date(y, m2, int(m["d2"]))
    if not (a and b):
        return None
    return bounds(f"{a.edtf}/{b.edtf}", "interval")


def _day(text: str) -> int:
    """'18th' → 18."""
    return int(re.match(r"\d+", text).group())


def _b_mdy(m: re.Match) -> DateValue | None:
    return _date(int(m["y"]), _month(m["mon"]), _day(m["d"]))


def _b_roman(m: re.Match) -> DateValue | None:
    return _date(_year(m["y"]), ROMAN[m["mon"].upper()], int(m["d"]))


def _b_numeric(m: re.Match) -> DateValue | None:
    return _date(_year(m["y"]), int(m["mon"]), int(m["d"]))


def _b_month_year(m: re.Match) -> DateValue | None:
    return _date(int(m["y"]), _month(m["mon"]))


def _b_season(m: re.Match) -> DateValue | None:
    code = _words()["seasons"][fold(m["season"])]
    return bounds(f"{int(m['y']):04d}-{code}", "season")


def _b_decade(m: re.Match) -> DateValue | None:
    if m["dw"]:
        y = _words()["defaults"]["century"] + _words()["decade_words"][fold(m["dw"])]
    else:
        y = int(m["dy"])
    return bounds(f"{str(y)[:3]}X", "decade") if y % 10 == 0 else None


def _b_century(m: re.Match) -> DateValue | None:
    raw = m["cn"] or m["cw"]
    n = int(raw) if raw.isdigit() else _words()["ordinals"][fold(raw)]
    return bounds(f"{n - 1:02d}XX", "century") if 1 <= n <= 21 else None


def _second_year(first: int, text: str) -> int:
    """'1886–34' → 1934: a two-digit end year is the first one after ``first``."""
    if len(text) != 2:
        return int(text)
    year = _year(text, first)
    return year + 100 if year < first else year


def _b_year_range(m: re.Match) -> DateValue | None:
    a = int(m["y1"])
    b = _second_year(a, m["y2"])
    return bounds(f"{a}/{b}", "interval") if _valid(a) and _valid(b) and a <= b else None


def _b_lifespan(m: re.Match) -> list[tuple[int, int, DateValue]]:
    a = int(m["y1"])
    b = _second_year(a, m["y2"])
    if not (_valid(a) and _valid(b) and a <= b):
        return []
    return [(m.start("y1"), m.end("y1"), bounds(str(a), "lifespan")),
            (m.start("y2"), m.end("y2"), bounds(str(b), "lifespan"))]


def _b_year(m: re.Match) -> DateValue | None:
    y = int(m["y"])
    return bounds(str(y)) if 1000 <= y <= 2100 else None


def _b_duration(m: re.Match) -> DateValue | None:
    w = _words()
    qty = fold(m["qty"])
    n = 0.5 if qty.startswith("half") else (int(qty) if qty.isdigit() else w["numbers"].get(qty))
    if n is None:
        return None
    unit = w["units"][fold(m["unit"])]
    if n == 0.5:
        return DateValue(edtf="P6M" if unit == "Y" else f"P0.5{unit}", kind="duration")
    return DateValue(edtf=f"P{n}{unit}", kind="duration")


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[re.Pattern, Builder]]:
    w = _words()
    mon = rf"(?:{_alt(w['months'])})\.?"
    day = r"\d{1,2}(?:st|nd|rd|th)?"
    y4 = r"\d{4}"
    roman = "|".join(sorted(ROMAN, key=len, reverse=True))
    nums = _alt(w["numbers"])
    specs: list[tuple[str, Builder]] = [
        (rf"\b(?P<m1>{mon})\s+(?P<d1>\d{{1,2}}){DASH}(?:(?P<m2>{mon})\s+)?(?P<d2>\d{{1,2}}),?\s+(?P<y>{y4})\b",
         _one(_b_month_range)),
        (rf"\b(?P<mon>{mon})\s+(?P<d>{day}),?\s+(?P<y>{y4})\b", _one(_b_mdy)),
        (rf"\b(?P<d>{day})\s+(?:of\s+)?(?P<mon>{mon}),?\s+(?P<y>{y4})\b", _one(_b_mdy)),
        (rf"\b(?P<d>\d{{1,2}})\.(?P<mon>{roman})\.(?P<y>\d{{4}}|\d{{2}})\b", _one(_b_roman)),
        (rf"\b(?P<d>\d{{1,2}})\.(?P<mon>\d{{1,2}})\.(?P<y>\d{{4}})\b", _one(_b_numeric)),
        (rf"\b(?:the\s+)?(?P<season>{_alt(w['seasons'])})\s+of\s+(?P<y>{y4})\b", _one(_b_season)),
        (rf"\b(?P<mon>{mon})(?:\s+of|,)?\s+(?P<y>{y4})\b", _one(_b_month_year)),
        (rf"\b(?:the\s+)?(?:(?:early|mid|late|middle)[\s-]+|(?:end|beginning|start|middle)\s+of\s+the\s+)?"
         rf"(?:(?P<dy>\d{{3}}0)'?s|(?P<dw>{_alt(w['decade_words'])}))\b", _one(_b_decade)),
        (rf"\b(?:the\s+)?(?:(?P<cn>\d{{1,2}})(?:st|nd|rd|th)|(?P<cw>{_alt(w['ordinals'])}))[\s-]+century\b",
         _one(_b_century)),
        (rf"\((?:c\.\s*|b\.\s*)?(?P<y1>{y4}){DASH}(?P<y2>\d{{4}}|\d{{2}})\)", _b_lifespan),
        (rf"\b(?P<y1>{y4})[-–](?P<y2>\d{{4}}|\d{{2}})\b", _one(_b_year_range)),
        (rf"\b(?P<qty>half\s+an?|\d+|{nums})\s+(?P<unit>{_alt(w['units'])})\b", _one(_b_duration)),
        (rf"(?<![\d.,/])\b(?P<y>1[0-9]{{3}}|20[0-9]{{2}})\b(?![\d%]|\.\d)", _one(_b_year)),
    ]
    return [(re.compile(p, re.IGNORECASE if i < 12 else 0), b) for i, (p, b) in enumerate(specs)]


WORDY = (7, 8, 11)  # the patterns above that match without a digit: decades, centuries, durations
NEED_YEAR = frozenset({0, 1, 2, 4, 5, 6, 9, 10, 12})  # those that cannot match without four digits
NEED_MONTH = frozenset({0, 1, 2, 6})  # … nor without a month's name


@lru_cache(maxsize=1)
def _month_name() -> re.Pattern:
    return re.compile(rf"(?:{_alt(_words()['months'])})", re.IGNORECASE)




@lru_cache(maxsize=1)
def _needed_words() -> dict[int, tuple[str, ...]]:
    """Per wordy pattern, the words one of which it needs in a text without a digit: a
    decade's ("twenties"), "century", a duration's unit ("years")."""
    w = _words()
    return {7: tuple(w["decade_words"]), 8: ("century",), 11: tuple(w["units"])}


def _patterns_for(text: str) -> list[tuple[re.Pattern, Builder]]:
    """The patterns that can match in ``text``, in their order: each left out needs what
    the text lacks (a digit, four digits, a month's name, a word of :func:`_needed_words`)."""
    if not any(map(str.isdigit, text)):
        folded = fold(text)
        needed = _needed_words()
        return [p for i, p in zip(WORDY, _wordy_patterns()) if any(w in folded for w in needed[i])]
    if not FOUR_DIGITS.search(text):
        return _without(NEED_YEAR)
    if not _month_name().search(text):
        return _without(NEED_MONTH)
    return _patterns()


@lru_cache(maxsize=4)
def _without(left_out: frozenset[int]) -> list[tuple[re.Pattern, Builder]]:
    """The patterns but those numbered in ``left_out``, in their order (made once)."""
    return [p for i, p in enumerate(_patterns()) if i not in left_out]


@lru_cache(maxsize=1)
def _wordy_patterns() -> list[tuple[re.Pattern, Builder]]:
    """The patterns a text without any digit can match, in the same order."""
    return [_patterns()[i] for i in WORDY]


def _not_year_context(text: str, start: int) -> bool:
    before = text[max(0, start - 8):start].split()
    return bool(before) and before[-1].lower() in _words()["not_year_before"]["words"]


def find_dates(text: str, include_durations: bool = False) -> list[DateMatch]:
    """All date expressions of ``text``, longest first where they overlap, in text order."""
    taken: list[tuple[int, int]] = []
    found: list[DateMatch] = []
    for pattern, build in _patterns_for(text):
        for m in pattern.finditer(text):
            for start, end, value in build(m):
                if value.kind == "date" and len(m.group(0)) == 4 and _not_year_context(text, start):
                    continue
                if any(s < end and start < e for s, e in taken):
                    continue
                taken.append((start, end))
                if value.kind != "duration" or include_durations:
                    found.append(DateMatch(start, end, text[start:end], value))
    return sorted(found, key=lambda d: d.start)
