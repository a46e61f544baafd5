"""Read Re-DocRED gold: entity names and dates, mapped facts, and the years a document names.

More examples of the dates in :mod:`kg.evaluate.redocred`.

>>> date_parts("March 13, 1963"), date_parts("no year")
((1963, 3, 13), None)
>>> sorted(name_set(["Puskás's", "PUSKAS"]))
['puskas']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import GoldError
from kg.evaluate.gold_io import read_jsonl
from kg.evaluate.normalise import name_set as _name_set
from kg.evaluate.redocred_map import RedocFact, map_relation

DateParts = tuple[int, int | None, int | None]


@dataclass(slots=True)
class RedocDoc:
    """One Re-DocRED document: names and dates of its entities, and its mapped facts."""

    key: str
    title: str
    names: dict[int, frozenset[str]]
    dates: dict[int, list[tuple[int, int | None, int | None]]]
    facts: list[RedocFact]
    years: list[int] = field(default_factory=list)
    unmapped: int = 0


def _fold(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def name_set(names: Iterable[str]) -> frozenset[str]:
    """Normalised names (:func:`kg.evaluate.normalise.name_set`), accents folded too:
    ``Puskás`` = ``Puskas``."""
    return frozenset(_fold(n) for n in _name_set(list(names)))


# -- dates -----------------------------------------------------------------------------

_MONTHS = {m: i for i, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
     ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
     ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")], start=1) for m in names}
_ISO = re.compile(r"^\s*(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_YEAR = re.compile(r"\b(\d{4})\b")


def date_parts(text: str) -> DateParts | None:
    """``(year, month, day)`` of an ISO/EDTF value (first part of an interval) or of an
    English date phrase ("13 March 1963", "March 13, 1963", "1963"); ``None`` if no year."""
    m = _ISO.match(text)
    if m and not re.match(r"^\s*\d{4}\s+\w", text):
        return (int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None)
    years = _YEAR.findall(text)
    if not years:
        return None
    words = re.findall(r"[A-Za-z]+|\d{1,2}(?=\D|$)", text)
    month = next((_MONTHS[w.lower()] for w in words if w.lower() in _MONTHS), None)
    day = next((int(w) for w in words if w.isdigit() and 1 <= int(w) <= 31), None)
    return (int(years[0]), month, day if month else None)


def dates_compatible(a: DateParts, b: DateParts) -> bool:
    """Same year, and same month / day wherever both give one."""
    return all(x is None or y is None or x == y for x, y in zip(a, b)) and a[0] == b[0]


def parse_years(spec: str | tuple[int, int] | None) -> tuple[int, int] | None:
    """``"1900-1960"`` → ``(1900, 1960)``; ``None`` stays ``None``."""
    if spec is None or isinstance(spec, tuple):
        return spec
    m = re.fullmatch(r"\s*(\d{3,4})\s*[-–:]\s*(\d{3,4})\s*", spec)
    if not m or int(m[1]) > int(m[2]):
        raise GoldError(spec, "years must look like 1900-1960")
    return int(m[1]), int(m[2])


def in_years(doc: RedocDoc, years: tuple[int, int] | None) -> bool:
    """Whether a gold TIME mention of ``doc`` names a year in ``years`` (always without)."""
    return years is None or any(years[0] <= y <= years[1] for y in doc.years)


# -- documents -------------------------------------------------------------------------


def load_redocred(paths: Iterable[str | Path]) -> list[RedocDoc]:
    """Documents of Re-DocRED JSONL files (the shared corpus' ``redocred-*.jsonl``)."""
    docs: list[RedocDoc] = []
    for raw in paths:
        docs += read_jsonl(Path(raw), "Re-DocRED document", lambda item, n: _doc(item, n - 1),
                           error="cannot read Re-DocRED gold")
    return docs


def _entities(item: dict[str, Any]) -> tuple[dict[int, frozenset[str]],
                                            dict[int, list[DateParts]], list[int]]:
    """Name sets and dates of each entity id, and the years its TIME mentions name."""
    names: dict[int, frozenset[str]] = {}
    dates: dict[int, list[DateParts]] = {}
    years: list[int] = []
    for ent in item["entities"]:
        eid = int(ent["id"])
        texts = [m["text"] for m in ent["mentions"]]
        names[eid] = name_set(texts)
        dates[eid] = [d for d in map(date_parts, texts) if d]
        if ent.get("type") == "TIME":
            years += [int(y) for t in texts for y in _YEAR.findall(t)]
    return names, dates, years


def _doc(item: dict[str, Any], position: int) -> RedocDoc:
    names, dates, years = _entities(item)
    facts: list[RedocFact] = []
    unmapped = 0
    for rel in item["relations"]:
        fact = map_relation(rel)
        if fact is None:
            unmapped += 1
        else:
            facts.append(fact)
    index = int(item.get("doc_index", position))
    return RedocDoc(f"{index:04d}", item.get("title", ""), names, dates, facts, years, unmapped)
