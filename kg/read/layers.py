"""Give each block of one document its layer: title, dateline, headnote, body, footnote,
citation, signature or editorial.

>>> from kg.read.blocks import split_blocks
>>> t = "## A's Letter to B\\n\\nMAY 1, 1930\\n\\n*An editor writes.*\\n\\nI write.<sup>1</sup>\\n\\n1. A note.\\n\\nA. Author"
>>> bs = split_blocks(t)
>>> [(u.layer, u.note) for u in classify(t, bs, list(range(len(bs))))]
[('title', None), ('dateline', None), ('headnote', None), ('body', None), ('footnote', '1'), ('signature', None)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from kg.read.blocks import Block
from kg.read.citation import is_citation
from kg.read.dates import is_date_line
from kg.read.debris import is_byline
from kg.read.markup import strip_markup
from kg.read.meta import is_signature

_SUP = re.compile(r"<sup>\s*([^<\s]{1,8})\s*</sup>")
_NOTE = re.compile(r"[ \t]*(\d{1,3}|[*†‡§]+)[.)]?[ \t]+\S")
_TERMINAL = tuple(".!?:;…\"”’)]*_")
MAX_TITLE_WORDS = 16
MAX_TITLE_CHARS = 200
MAX_CITATION_CHARS = 3000  # longer blocks are not read as citations


@dataclass(slots=True)
class Unit:
    """One or more blocks (joined across a page break) that become one passage."""

    blocks: list[int]
    layer: str = "body"
    note: str | None = None
    sups: list[str] = field(default_factory=list)
    cache: Any = None  # (segments, Clean) of the last cleaning


def is_italic(raw: str) -> bool:
    """A block wholly in emphasis (``*...*`` or ``_..._``): an editor's headnote."""
    raw = raw.strip()
    return len(raw) > 2 and raw[0] in "*_" and raw[-1] == raw[0] and raw[1] not in " *_"


def is_bracketed(raw: str) -> bool:
    """A block wholly in square brackets: an editorial remark."""
    raw = raw.strip(" *_")
    return raw.startswith("[") and raw.endswith("]") and raw.count("[") == 1


def looks_like_title(raw: str) -> bool:
    """A short single line without closing punctuation."""
    if len(raw) > MAX_TITLE_CHARS:
        return False
    line = strip_markup(raw)
    return (0 < len(line.split()) <= MAX_TITLE_WORDS and "\n" not in raw.strip()
            and not line.endswith((".", ",", ";", ":")) and line[:1].isupper())


def _head(text: str, blocks: list[Block], ids: list[int], units: list[Unit]) -> int:
    """Layer the title, byline, dateline and headnote at the top; return blocks used."""
    k = 0
    first = blocks[ids[0]]
    if first.kind == "heading" or (len(ids) > 1 and looks_like_title(first.raw(text))
                                   and not is_date_line(first.raw(text))):
        units.append(Unit([ids[0]], "title"))
        k = 1
    if k < len(ids) and is_byline(blocks[ids[k]].raw(text)):
        units.append(Unit([ids[k]], "signature"))
        k += 1
    if k < len(ids) and is_date_line(strip_markup(blocks[ids[k]].raw(text))):
        units.append(Unit([ids[k]], "dateline"))
        k += 1
    while k < len(ids) and is_italic(blocks[ids[k]].raw(text)):
        units.append(Unit([ids[k]], "headnote"))
        k += 1
    return k


def classify(text: str, blocks: list[Block], ids: list[int]) -> list[Unit]:
    """Units of the document made of ``ids`` (non-debris blocks in file order)."""
    units: list[Unit] = []
    k = _head(text, blocks, ids, units) if ids else 0
    pending: list[str] = []
    for i in ids[k:]:
        raw = blocks[i].raw(text)
        unit = Unit([i], _layer(raw, pending), sups=_SUP.findall(raw))
        if unit.layer == "footnote":
            unit.note = _NOTE.match(raw).group(1)
            pending.remove(unit.note)
        pending.extend(unit.sups)
        units.append(unit)
    _closing(text, blocks, units)
    return units


def _layer(raw: str, pending: list[str]) -> str:
    m = _NOTE.match(raw)
    if m and m.group(1) in pending:
        return "footnote"
    if is_bracketed(raw):
        return "editorial"
    if len(raw) < MAX_CITATION_CHARS and is_citation(strip_markup(raw)):
        return "citation"
    return "body"


def _closing(text: str, blocks: list[Block], units: list[Unit]) -> None:
    """Mark the closing signature and date: short name/date lines after the last body text."""
    tail = ("body", "signature", "editorial", "citation", "footnote")
    for unit in reversed(units):
        if unit.layer not in tail:
            break
        if unit.layer != "body":
            continue
        raw = blocks[unit.blocks[0]].raw(text)
        clean = strip_markup(raw) if len(raw) < MAX_TITLE_CHARS else ""
        if clean and (is_date_line(clean) or is_signature(clean)):
            unit.layer = "signature"
        else:
            break


def ends_open(raw: str) -> bool:
    """A paragraph that stops mid-sentence (page break)."""
    return not raw.rstrip().endswith(_TERMINAL)


def join_page_breaks(text: str, blocks: list[Block], units: list[Unit]) -> list[Unit]:
    """Join a body paragraph cut mid-sentence with the next body paragraph starting in
    lower case (footnotes printed in between stay separate)."""
    out: list[Unit] = []
    last_body: Unit | None = None
    for unit in units:
        raw = blocks[unit.blocks[0]].raw(text).lstrip(" *_")
        if (unit.layer == "body" and last_body is not None and raw[:1].islower()
                and blocks[unit.blocks[0]].kind == "para"
                and ends_open(blocks[last_body.blocks[-1]].raw(text))):
            last_body.blocks.extend(unit.blocks)
            last_body.sups.extend(unit.sups)
            continue
        if unit.layer == "body":
            last_body = unit
        elif unit.layer != "footnote":
            last_body = None
        out.append(unit)
    return out
