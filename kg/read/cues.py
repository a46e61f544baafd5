"""The word lists and patterns of ``kg/data/read/cues.toml``, loaded once.

>>> "f" in cues().citation_parts["fond"]
True
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from kg.errors import DataFileError

DATA_FILE = "cues.toml"


@dataclass(frozen=True, slots=True)
class Cues:
    """Structure cues of the read step (see ``kg/data/read/cues.toml``)."""

    rule_lines: tuple[re.Pattern[str], ...]
    section_headings: frozenset[str]
    salutation_prefixes: tuple[str, ...]
    closing_phrases: tuple[str, ...]
    reprint_cues: tuple[str, ...]
    byline_prefixes: tuple[str, ...]
    first_person: frozenset[str]
    second_person: frozenset[str]
    published_cues: tuple[str, ...]
    publisher_words: frozenset[str]
    vocative_glosses: tuple[str, ...]
    address_forms: dict[str, str]
    kinds: dict[str, tuple[str, ...]]
    citation_parts: dict[str, tuple[str, ...]]
    note_headings: frozenset[str] = frozenset()
    producer_notes: tuple[str, ...] = ()
    caption_openers: tuple[str, ...] = ()
    index_headings: frozenset[str] = frozenset()


def _words(raw: dict[str, Any], key: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataFileError(DATA_FILE, "expected a list of strings", key)
    return tuple(v.lower() for v in value)


def _table(raw: dict[str, Any], key: str) -> dict[str, Any]:
    value = raw.get(key, {})
    if not isinstance(value, dict):
        raise DataFileError(DATA_FILE, "expected a table", key)
    return value


def parse_cues(raw: dict[str, Any]) -> Cues:
    """Build :class:`Cues` from the parsed TOML table, checking the types."""
    try:
        rules = tuple(re.compile(p) for p in raw.get("rule_lines", []))
    except re.error as exc:
        raise DataFileError(DATA_FILE, f"bad regular expression: {exc}", "rule_lines") from exc
    return Cues(
        rule_lines=rules,
        section_headings=frozenset(_words(raw, "section_headings")),
        salutation_prefixes=_words(raw, "salutation_prefixes"),
        closing_phrases=_words(raw, "closing_phrases"),
        reprint_cues=_words(raw, "reprint_cues"),
        byline_prefixes=_words(raw, "byline_prefixes"),
        first_person=frozenset(_words(raw, "first_person")),
        second_person=frozenset(_words(raw, "second_person")),
        published_cues=_words(raw, "published_cues"),
        publisher_words=frozenset(_words(raw, "publisher_words")),
        vocative_glosses=_words(raw, "vocative_glosses"),
        address_forms={k.lower(): str(v) for k, v in _table(raw, "address_forms").items()},
        kinds={k: _words(_table(raw, "kinds"), k) for k in _table(raw, "kinds")},
        citation_parts={k: _words(_table(raw, "citation_parts"), k)
                        for k in _table(raw, "citation_parts")},
        note_headings=frozenset(_words(raw, "note_headings")),
        producer_notes=_words(raw, "producer_notes"),
        caption_openers=_words(raw, "caption_openers"),
        index_headings=frozenset(_words(raw, "index_headings")),
    )


@lru_cache(maxsize=1)
def cues() -> Cues:
    """The cues of the installed data file (read once per process)."""
    text = resources.files("kg").joinpath("data", "read", DATA_FILE).read_text(encoding="utf-8")
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(DATA_FILE, f"invalid TOML: {exc}") from exc
    return parse_cues(raw)
