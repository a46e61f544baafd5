"""A book's structure: its divisions (parts, chapters) and its printed page numbers, as file
offsets, so that a passage can be cited by chapter and page.

A division opens at a heading that is a division marker ("CHAPTER XVI", "BOOK II", "PART ONE",
"Chapter 3: The Flight", a bare "XIV" on a line of its own, a named one: "PREFACE"), a Markdown heading that is one, or a
TEI ``<div type="chapter">`` (its ``head`` or ``@n`` gives the number). It runs until the next
division of its level or a higher one ("PART II" closes chapter XVI of part I). A printed page
number kept in the text ("[Pg 123]", "[p. 123]", "{123}", TEI ``<pb n="123"/>``) marks where its
page begins; the cleaning of the text drops it (:mod:`kg.read.markup`), so it never becomes a
word, a name or a sentence break. Data: ``kg/data/read/structure.toml``.

>>> parse_marker("CHAPTER XVI. THE RED KAISER"), parse_marker("Part One"), parse_marker("XIV.")
(('chapter', 'XVI'), ('part', 'One'), ('chapter', 'XIV'))
>>> parse_marker("CHAPTER PAGE") is None, parse_marker("Part of the crew") is None, parse_marker("PREFACE")
(True, True, ('preface', 'Preface'))
>>> find_pages("the Tsar [Pg 214]said {215} it", 0, 31)
[(9, '214'), (22, '215')]
>>> close_divisions([(0, "part", "I"), (5, "chapter", "I"), (9, "chapter", "II"), (20, "part", "II")], 30)
[(0, 20, 'part', 'I'), (5, 9, 'chapter', 'I'), (9, 20, 'chapter', 'II'), (20, 30, 'part', 'II')]
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from kg.errors import DataFileError

DATA_FILE = "structure.toml"
ROMAN = r"(?=[IVXLCDM])M{0,3}(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})"
Division = tuple[int, int, str, str]  # file offsets of its span, kind ("chapter"), label ("XVI")


@dataclass(frozen=True, slots=True)
class Structure:
    """The data of ``kg/data/read/structure.toml``."""

    levels: dict[str, int]  # division word → depth (1 = outermost)
    abbreviations: dict[str, str]  # division word → its abbreviation in a citation
    bare_number: str
    number_words: frozenset[str]
    named: frozenset[str]  # divisions cited by name ("preface"), at the bare number's level
    page_markers: tuple[re.Pattern[str], ...]


def _division(word: str, spec: Any) -> tuple[int, str]:
    if not isinstance(spec, dict) or not isinstance(spec.get("level"), int) \
            or not isinstance(spec.get("abbr"), str):
        raise DataFileError(DATA_FILE, "expected { level = <integer>, abbr = <string> }", word)
    return spec["level"], spec["abbr"]


def _pattern(source: Any) -> re.Pattern[str]:
    try:
        pattern = re.compile(source)
    except (re.error, TypeError) as exc:
        raise DataFileError(DATA_FILE, f"bad regular expression: {exc}", "page_markers") from exc
    if "n" not in pattern.groupindex:
        raise DataFileError(DATA_FILE, "a page marker needs a group (?P<n>...)", "page_markers")
    return pattern


def parse_structure(raw: dict[str, Any]) -> Structure:
    """:class:`Structure` from the parsed TOML table, checking its types."""
    table = raw.get("divisions", {})
    if not isinstance(table, dict) or not table:
        raise DataFileError(DATA_FILE, "expected a table of division words", "divisions")
    specs = {word.lower(): _division(word, spec) for word, spec in table.items()}
    bare = str(raw.get("bare_number", "")).lower()
    if bare not in specs:
        raise DataFileError(DATA_FILE, "must be one of the division words", "bare_number")
    words, named = _strings(raw, "number_words"), _strings(raw, "named_divisions")
    levels = {w: s[0] for w, s in specs.items()} | {w: specs[bare][0] for w in named}
    abbreviations = {w: s[1] for w, s in specs.items()} | {w: "" for w in named}
    return Structure(levels, abbreviations, bare, words, named,
                     tuple(_pattern(p) for p in raw.get("page_markers", [])))


def _strings(raw: dict[str, Any], key: str) -> frozenset[str]:
    words = raw.get(key, [])
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise DataFileError(DATA_FILE, "expected a list of strings", key)
    return frozenset(w.lower() for w in words)


@lru_cache(maxsize=1)
def structure() -> Structure:
    """The structure data of the installed data file (read once per process)."""
    text = resources.files("kg").joinpath("data", "read", DATA_FILE).read_text(encoding="utf-8")
    try:
        return parse_structure(tomllib.loads(text))
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(DATA_FILE, f"invalid TOML: {exc}") from exc


@lru_cache(maxsize=1)
def _marker() -> re.Pattern[str]:
    data = structure()
    words = "|".join(sorted(map(re.escape, data.levels), key=len, reverse=True))
    numbers = "|".join(sorted(map(re.escape, data.number_words), key=len, reverse=True))
    number = rf"{ROMAN}|\d{{1,4}}|{numbers}"
    return re.compile(rf"(?:(?P<word>{words})\s+(?:the\s+)?(?P<n>{number})|(?P<bare>{ROMAN}|\d{{1,3}})\.?\s*$)"
                      rf"(?![\w'’-])", re.IGNORECASE)


def parse_marker(line: str) -> tuple[str, str] | None:
    """``(division, number)`` of a heading line that opens a division, else None; a named
    division's number is its name (``('preface', 'Preface')``)."""
    line = line.strip(" *_#[]")
    if line.rstrip(".").lower() in structure().named:
        return line.rstrip(".").lower(), line.rstrip(".").capitalize()
    m = _marker().match(line)
    if not m:
        return None
    kind = m.group("word").lower() if m.group("word") else structure().bare_number
    number = m.group("n") or m.group("bare")
    if number.lower() in structure().number_words:
        return kind, number.capitalize()
    return kind, number.upper()


@lru_cache(maxsize=1)
def page_pattern() -> re.Pattern[str]:
    """One pattern for every page marker of the data file (groups ``n0``, ``n1`` …)."""
    parts = [p.pattern.replace("(?P<n>", f"(?P<n{k}>") for k, p in enumerate(structure().page_markers)]
    return re.compile("|".join(f"(?:{p})" for p in parts) or "(?!)")


def _number(m: re.Match[str]) -> str:
    return next(v for k, v in m.groupdict().items() if v is not None and k.startswith("n"))


def find_pages(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """``(file offset, page number)`` of the page markers in ``text[start:end]``."""
    return [(m.start(), _number(m)) for m in page_pattern().finditer(text, start, end)]


def is_page_only(raw: str) -> bool:
    """A block that holds nothing but page markers ("[Pg 12]")."""
    rest = page_pattern().sub("", raw)
    return rest != raw and not rest.strip(" \t\r\n*_")


def close_divisions(marks: list[tuple[int, str, str]], end: int) -> list[Division]:
    """Spans of divisions opened at ``(offset, kind, label)``: each runs to the next one of
    its level or a higher one, or to ``end``."""
    levels = structure().levels
    out: list[Division] = []
    for k, (start, kind, label) in enumerate(marks):
        stop = next((s for s, other, _ in marks[k + 1:] if levels[other] <= levels[kind]), end)
        out.append((start, stop, kind, label))
    return out
