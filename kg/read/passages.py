"""Turn units of blocks into :class:`~kg.model.Passage` s with exact offset maps.

>>> from kg.read.blocks import split_blocks
>>> from kg.read.layers import Unit
>>> t = "## The *Title*\\n\\nSome *text*<sup>1</sup>.\\n\\n1. A note."
>>> bs = split_blocks(t)
>>> ps, refs = build_passages(t, bs, [Unit([0], "title"), Unit([1]), Unit([2], "footnote", "1")],
...                           "d-1", "d.txt")
>>> [(p.layer, p.text) for p in ps]
[('title', 'The Title'), ('body', 'Some text.'), ('footnote', 'A note.')]
>>> refs[0].label, t[refs[0].start:refs[0].end], refs[0].note_passage
('1', '<sup>1</sup>', 2)
"""

from __future__ import annotations

import re

from kg.model import FootnoteRef, Passage
from kg.read.blocks import Block
from kg.read.layers import Unit
from kg.read.markup import Clean, clean_segments, content_start, heading_end

MAX_PASSAGE_CHARS = 10_000  # longer paragraphs are cut at sentence ends (bounded memory)
_NOTE_LABEL = re.compile(r"[ \t]*(?:\d{1,3}|[*†‡§]+)[.)]?[ \t]+")
# A sentence end, but not the full stop of an initial ("A. Iu. Vyshinskii", "Dr. Ivanov").
_SENTENCE_END = re.compile(r"(?<![\s.][A-Z])(?<![\s.][A-Z][a-z])[.!?…][\"”’)\]]*\s+")


def _segment(text: str, block: Block, layer: str) -> tuple[int, int]:
    start, end = block.start, block.end
    if block.kind == "heading":
        return content_start(text, start, end), heading_end(text, start, end)
    if block.kind == "item":
        start = content_start(text, start, end)
    if layer == "footnote":
        m = _NOTE_LABEL.match(text, start, end)
        start = m.end() if m else start
    return start, end


def clean_unit(text: str, blocks: list[Block], unit: Unit) -> Clean:
    """Clean text of a unit (its blocks joined by spaces); cached on the unit."""
    segments = [_segment(text, blocks[i], unit.layer) for i in unit.blocks]
    if unit.cache is None or unit.cache[0] != segments:
        unit.cache = (segments, clean_segments(text, segments, xml=False))
    return unit.cache[1]


def split_long(text: str, origin: list[int], limit: int = MAX_PASSAGE_CHARS
               ) -> list[tuple[str, list[int]]]:
    """Cut text longer than ``limit`` at sentence ends (else spaces), keeping offsets."""
    if len(text) <= limit:
        return [(text, origin)]
    pieces, start = [], 0
    while len(text) - start > limit:
        cut = start + _cut_point(text[start:start + limit], limit)
        end = len(text[start:cut].rstrip()) + start
        pieces.append((text[start:end], [*origin[start:end], origin[end - 1] + 1]))
        start = cut + len(text[cut:cut + 64]) - len(text[cut:cut + 64].lstrip())
    pieces.append((text[start:], origin[start:]))
    return pieces


def _cut_point(text: str, limit: int) -> int:
    window = text[limit // 2:limit]
    ends = [m.end() for m in _SENTENCE_END.finditer(window)]
    if ends:
        return limit // 2 + ends[-1]
    space = window.rfind(" ")
    return limit // 2 + space + 1 if space > 0 else limit


def build_passages(text: str, blocks: list[Block], units: list[Unit], doc_id: str,
                   source: str, speaker: str | None = None,
                   xml: bool = False) -> tuple[list[Passage], list[FootnoteRef]]:
    """Passages of a document's units, and its footnote markers linked to their notes."""
    passages: list[Passage] = []
    refs: list[FootnoteRef] = []
    for unit in units:
        clean = clean_unit(text, blocks, unit)
        for piece, origin in split_long(clean.text, clean.origin):
            if not piece:
                continue
            who = speaker if unit.layer == "body" else None
            passages.append(Passage(doc_id, source, len(passages), unit.layer, piece,
                                    tuple(origin), unit.note, who))
        for label, start, end in clean.sups:
            refs.append(FootnoteRef(label, start, end, _holder(passages, start), None))
    link_notes(passages, refs)
    return passages, refs


def _holder(passages: list[Passage], offset: int) -> int:
    for p in reversed(passages):
        if p.origin[0] <= offset:
            return p.index
    return max(len(passages) - 1, 0)


def link_notes(passages: list[Passage], refs: list[FootnoteRef]) -> None:
    """Link each marker to the first footnote with its label after the marker."""
    used: set[int] = set()
    for ref in refs:
        for p in passages:
            if p.layer == "footnote" and p.note == ref.label and p.index not in used \
                    and p.origin[0] > ref.start:
                ref.note_passage = p.index
                used.add(p.index)
                break
