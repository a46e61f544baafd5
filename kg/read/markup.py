"""Clean text for NLP from a marked-up span of the file, keeping an offset map.

Markdown emphasis, escapes, heading hashes, list bullets, HTML/XML tags and entities
are removed; printed page numbers ("[Pg 12]", :mod:`kg.read.structure`) are dropped;
``<sup>n</sup>`` markers are removed and reported; runs of whitespace and
line breaks become one space, and a word hyphenated across a line end ("Ton-⏎gerloo") is
joined. ``origin[i]`` is the file offset of ``text[i]``.

>>> raw = "I *ask*\\nforgiveness.<sup>1</sup> \\\\*"
>>> c = clean_segments(raw, [(0, len(raw))])
>>> c.text
'I ask forgiveness. *'
>>> c.sups
[('1', 20, 32)]
>>> raw[c.origin[2]:c.origin[4] + 1]
'ask'
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Sequence

from kg.read.structure import page_pattern

_TOKEN_PARTS = (
    r"(?=[<\\&*_ \t\r\n\f\v\u00a0\u2009\[{])"  # cheap first test for long plain runs
    r"(?:(?P<sup><sup>\s*(?P<label>[^<\s]{1,8})\s*</sup>)"
    r"|(?P<page>@@PAGE@@)"
    r"|(?P<tag></?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>)"
    r"|(?P<comment><!--.*?-->)"
    r"|(?P<esc>\\[\\`*_{}\[\]()#+\-.!<>|~])"
    r"|(?P<ent>&(?:[a-zA-Z]{2,8}|#\d{1,7}|#x[0-9a-fA-F]{1,6});)"
    r"|(?P<emph>\*+|_+)"
    r"|(?P<nl>[ \t]*(?:\r\n|\n|\r)[ \t]*)"
    r"|(?P<ws>[ \t\f\v\u00a0\u2009]{2,}|[\t\f\v\u00a0\u2009]))"
)


@lru_cache(maxsize=1)
def _token() -> re.Pattern[str]:
    """The token pattern, with the page markers of ``kg/data/read/structure.toml``."""
    pages = re.sub(r"\(\?P<\w+>", "(?:", page_pattern().pattern)
    return re.compile(_TOKEN_PARTS.replace("@@PAGE@@", pages), re.S)


_PREFIX = re.compile(r"[ \t]*(?:#{1,6}[ \t]+|[-*+][ \t]+)")
_HEADING_TAIL = re.compile(r"[ \t]+#+[ \t]*$")


@dataclass(slots=True)
class Clean:
    """Clean text, its offset map (len(text) + 1 items) and the footnote markers seen."""

    text: str = ""
    origin: list[int] = field(default_factory=list)
    sups: list[tuple[str, int, int]] = field(default_factory=list)


class _Builder:
    def __init__(self) -> None:
        self.chars: list[str] = []
        self.origin: list[int] = []

    def add(self, chars: str, pos: int) -> None:
        """Append ``chars`` copied from the file at ``pos`` (consecutive offsets)."""
        if chars[:1] == " " and (not self.chars or self.chars[-1][-1] == " "):
            chars, pos = chars[1:], pos + 1
        if not chars:
            return
        self.chars.append(chars)
        self.origin.extend(range(pos, pos + len(chars)))

    def last(self) -> str:
        """The last two characters built so far."""
        tail = "".join(self.chars[-2:])
        return tail[-2:]

    def unhyphen(self) -> None:
        """Drop a line-end hyphen: 'Ton-' + newline + 'gerloo' reads 'Tongerloo'."""
        self.chars[-1] = self.chars[-1][:-1]
        self.origin.pop()
        if not self.chars[-1]:
            self.chars.pop()

    def put(self, char: str, pos: int) -> None:
        """Append one char that stands for the file text at ``pos``."""
        if char == " " and (not self.chars or self.chars[-1][-1] == " "):
            return
        self.chars.append(char)
        self.origin.append(pos)


def clean_segments(text: str, segments: Sequence[tuple[int, int]], *,
                   xml: bool = False) -> Clean:
    """Clean the concatenation of ``segments`` (file spans) of ``text``.

    Segments are joined with a space mapped to the end of the previous segment.
    With ``xml`` Markdown emphasis and escapes are kept as text.
    """
    out, sups = _Builder(), []
    for k, (start, end) in enumerate(segments):
        if k:
            out.put(" ", min(segments[k - 1][1], len(text) - 1))
        _clean_one(text, start, end, out, sups, xml)
    chars = "".join(out.chars)
    origin = out.origin
    while chars.endswith(" "):
        chars, origin = chars[:-1], origin[:-1]
    end = segments[-1][1] if segments else 0
    while end > 0 and text[end - 1].isspace():
        end -= 1
    tail = max(end, origin[-1] + 1) if origin else end
    return Clean(chars, [*origin, tail], sups)


def _clean_one(text: str, start: int, end: int, out: _Builder,
               sups: list[tuple[str, int, int]], xml: bool) -> None:
    pos = start
    for m in _token().finditer(text, start, end):
        if m.start() > pos:
            out.add(text[pos:m.start()], pos)
        _put_token(text, m, start, end, out, sups, xml)
        pos = m.end()
    if pos < end:
        out.add(text[pos:end], pos)


def _put_token(text: str, m: re.Match[str], start: int, end: int, out: _Builder,
           sups: list[tuple[str, int, int]], xml: bool) -> None:
    kind = m.lastgroup
    if kind == "page":  # a printed page number ("[Pg 12]"): no text (kg.read.structure has it)
        if out.last()[-1:] in _CLOSERS and m.end() < end and not text[m.end()].isspace():
            out.put(" ", m.start())  # "ended.[Pg 12]The next": two sentences still
        return
    if kind == "sup":
        sups.append((m.group("label"), m.start(), m.end()))
    elif kind == "ent":
        out.put(html.unescape(m.group())[:1] or " ", m.start())
    elif kind == "nl" and _hyphenated(out, text, m.end(), end):
        out.unhyphen()
    elif kind in ("nl", "ws"):
        nl = re.search(r"[\r\n]", m.group())
        out.put(" ", m.start() + nl.start() if nl else m.start())
    elif xml and kind in ("esc", "emph"):
        out.add(m.group(), m.start())
    elif kind == "esc":
        out.put(m.group()[1], m.start() + 1)
    elif kind == "emph" and not _is_markup(text, m, start, end):
        out.add(m.group(), m.start())


HYPHENS = "-¬\u00ad"
_CLOSERS = frozenset(".!?:;,\"”’)")


def _hyphenated(out: _Builder, text: str, nxt: int, end: int) -> bool:
    """A word broken at a line end: a letter and a hyphen before, a lowercase letter after."""
    tail = out.last()
    return (len(tail) == 2 and tail[1] in HYPHENS and tail[0].isalpha()
            and nxt < end and text[nxt].islower())


def _is_markup(text: str, m: re.Match[str], start: int, end: int) -> bool:
    prev = text[m.start() - 1] if m.start() > start else " "
    nxt = text[m.end()] if m.end() < end else " "
    if prev.isspace() and nxt.isspace():
        return False
    if m.group()[0] == "_" and prev.isalnum() and nxt.isalnum():
        return False
    return True


def content_start(text: str, start: int, end: int) -> int:
    """Offset after a heading's hashes or a list bullet at ``start`` (else ``start``)."""
    m = _PREFIX.match(text, start, end)
    return m.end() if m else start


def heading_end(text: str, start: int, end: int) -> int:
    """Offset before optional closing hashes of a Markdown heading line."""
    m = _HEADING_TAIL.search(text, start, end)
    return m.start() if m else end


def strip_markup(raw: str) -> str:
    """The clean text of a raw string (convenience for short spans)."""
    return clean_segments(raw, [(0, len(raw))]).text
