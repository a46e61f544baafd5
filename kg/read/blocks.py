"""Split a file's text into blocks: paragraphs, headings, rule lines and list items.

>>> bs = split_blocks("## Title\\nPara one\\ncontinued.\\n\\n- a. item\\n- b. item\\nEND READING HERE\\n")
>>> [(b.kind, b.lines_count) for b in bs]
[('heading', 1), ('para', 2), ('item', 1), ('item', 1), ('rule', 1)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.read.cues import cues

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r|$)")
_HEADING = re.compile(r"[ \t]{0,3}(#{1,6})[ \t]+\S")
_BULLET = re.compile(r"[ \t]{0,3}[-*+][ \t]+\S")
_NUMBERED = re.compile(r"[ \t]{0,3}(?:\d{1,3}|[a-z])[.)][ \t]+\S")


@dataclass(slots=True)
class Block:
    """A paragraph-like span of the file (offsets without surrounding whitespace)."""

    start: int
    end: int
    lines: list[tuple[int, int]] = field(default_factory=list)
    kind: str = "para"  # para | heading | rule | item
    level: int = 0  # heading level

    @property
    def lines_count(self) -> int:
        """Number of lines."""
        return len(self.lines)

    def raw(self, text: str) -> str:
        """The block's original text."""
        return text[self.start:self.end]


def iter_lines(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every line, without its line break and trailing spaces."""
    lines = []
    for m in _LINE.finditer(text):
        if m.start() == m.end():
            break
        end = m.end()
        while end > m.start() and text[end - 1] in "\r\n \t":
            end -= 1
        lines.append((m.start(), end))
    return lines


def _line_kind(text: str, start: int, end: int) -> str:
    line = text[start:end]
    if _HEADING.match(line):
        return "heading"
    if any(p.match(line.strip()) for p in cues().rule_lines):
        return "rule"
    if _BULLET.match(line):
        return "item"
    if _NUMBERED.match(line):
        return "numbered"
    return "text"


def _lstrip(text: str, start: int, end: int) -> int:
    while start < end and text[start] in " \t":
        start += 1
    return start


def split_blocks(text: str) -> list[Block]:
    """Blocks of ``text`` in file order."""
    blocks: list[Block] = []
    current: Block | None = None
    for start, end in iter_lines(text):
        start = _lstrip(text, start, end)
        if start == end:
            current = None
            continue
        kind = _line_kind(text, start, end)
        if kind in ("heading", "rule"):
            level = len(_HEADING.match(text, start, end).group(1)) if kind == "heading" else 0
            blocks.append(Block(start, end, [(start, end)], kind, level))
            current = None
        elif current is None or kind == "item" or (kind == "numbered" and current.kind == "item"):
            in_list = kind == "item" or current is not None
            current = Block(start, end, [(start, end)], "item" if in_list else "para")
            blocks.append(current)
        else:
            current.end = end
            current.lines.append((start, end))
    return blocks


def split_last_line(block: Block) -> tuple[Block, Block]:
    """Cut a multi-line block before its last line (e.g. a closing date)."""
    head = Block(block.start, block.lines[-2][1], block.lines[:-1], block.kind, block.level)
    tail = Block(block.lines[-1][0], block.end, block.lines[-1:], "para")
    return head, tail
