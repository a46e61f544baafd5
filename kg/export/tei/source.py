"""A TEI input annotated in place: its markup kept, the mentions and evidence anchors added.

Every offset of the build is an offset into the TEI file (:mod:`kg.read.tei` maps the text it
reads back to the file), so a mention becomes an element inserted around ``file[start:end]``.
A mention is placed only where the file's markup lets it nest: when its span starts or ends
inside a tag or a character reference, or holds part of an element (``Nikolai
<hi>Bukharin</hi>`` nests, ``<hi>Nikolai</hi> <hi>Bukharin`` does not), it is widened over
the tags at its edges when that makes it nest, else left out and counted. The provenance is
added as a second ``encodingDesc`` after the ``fileDesc``, the standOff before ``</TEI>``.

>>> xml = '<TEI><teiHeader><fileDesc/></teiHeader><text><body><p><hi>Nikolai</hi> Bukharin</p></body></text></TEI>'
>>> m = Markup(xml)
>>> s = xml.index("Nikolai"); e = xml.index("Bukharin") + 8
>>> m.fit(s, e) == (s - 4, e), m.fit(s + 2, e)
(True, None)
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter

from kg.export.tei.weave import Tag
from kg.read.tei import Node, parse_tree

_REFERENCE = re.compile(r"&[^;\s&<]{1,32};")
_DECLARATION = re.compile(r"""^(\s*<\?xml[^>]*?encoding\s*=\s*)(["'])[^"']*\2""")


class Markup:
    """The tags of an XML text, to tell where an element can be inserted."""

    def __init__(self, text: str) -> None:
        self.root = parse_tree(text)
        events: list[tuple[int, int, int]] = []  # (start, end, depth change) of each tag
        stack = list(self.root.children)
        while stack:
            node = stack.pop()
            if node.inner_start == node.end:  # <empty/>
                events.append((node.start, node.end, 0))
            else:
                events += [(node.start, node.inner_start, 1), (node.inner_end, node.end, -1)]
            stack.extend(node.children)
        events += [(m.start(), m.end(), 0) for m in _REFERENCE.finditer(text)]
        self.events = sorted(events)
        self.starts = [e[0] for e in self.events]

    def inside(self, pos: int) -> bool:
        """``pos`` falls strictly inside a tag or a character reference."""
        i = bisect_right(self.starts, pos - 1) - 1
        return i >= 0 and self.events[i][0] < pos < self.events[i][1]

    def _depths(self, start: int, end: int) -> tuple[int, int]:
        """(lowest, final) depth of the tags inside ``[start, end)``: (0, 0) when they nest."""
        depth = low = 0
        for s, e, change in self.events[bisect_left(self.starts, start):]:
            if e > end:
                break
            depth += change
            low = min(low, depth)
        return low, depth

    def _widen(self, start: int, end: int, low: int, final: int) -> tuple[int, int]:
        """The span stretched over a start tag just before it (when it holds an end tag whose
        start is outside) or an end tag just after it (when it holds an unclosed start tag)."""
        if low < 0:
            i = bisect_left(self.starts, start) - 1
            start = next((s for s, e, c in self.events[max(i, 0):i + 1] if e == start and c == 1), start)
        if final > low:
            j = bisect_left(self.starts, end)
            end = next((e for s, e, c in self.events[j:j + 1] if s == end and c == -1), end)
        return start, end

    def fit(self, start: int, end: int) -> tuple[int, int] | None:
        """Where an element around ``[start, end)`` can go (the span, or widened over the tags
        at its edges), or None."""
        if end <= start or self.inside(start) or self.inside(end):
            return None
        for _ in range(3):
            low, final = self._depths(start, end)
            if low == final == 0:
                return start, end
            wider = self._widen(start, end, low, final)
            if wider == (start, end):
                return None
            start, end = wider
        return None

    def point(self, pos: int) -> int | None:
        """Where an empty element can go at ``pos`` (None inside a tag or a reference)."""
        return None if self.inside(pos) else pos

    def first(self, tag: str) -> Node | None:
        """The first element named ``tag`` (local name)."""
        hits = self.root.find_all(tag)
        return hits[0] if hits else None


def place(markup: Markup, tags: list[Tag], skipped: Counter) -> list[Tag]:
    """The tags moved to where they nest in the file's markup; the others counted."""
    placed = []
    for tag in tags:
        if tag.empty:
            at = markup.point(tag.start)
            if at is not None:
                placed.append(tag)
            continue
        span = markup.fit(tag.start, tag.end)
        if span is None:
            skipped["crossing the edition's markup"] += 1
            continue
        placed.append(Tag(span[0], span[1], tag.name, tag.attrs))
    return placed


def insertions(markup: Markup, header: str, standoff: str) -> tuple[tuple[int, str], ...]:
    """Where the provenance and the standOff go: after ``</fileDesc>``, before ``</TEI>``."""
    extra = []
    file_desc = markup.first("fileDesc")
    if file_desc is not None:
        extra.append((file_desc.end, f"\n    <encodingDesc>{header}</encodingDesc>"))
    roots = [n for n in markup.root.children if n.tag == "TEI"]
    if roots and standoff and roots[0].inner_end > roots[0].inner_start:
        extra.append((roots[0].inner_end, f"{standoff}\n"))
    return tuple(extra)


def utf8_declaration(xml: str) -> str:
    """The XML declaration saying UTF-8 (the file is written in UTF-8, whatever it was read in).

    >>> utf8_declaration("<?xml version='1.0' encoding='UTF-16'?><TEI/>")
    "<?xml version='1.0' encoding='UTF-8'?><TEI/>"
    """
    return _DECLARATION.sub(lambda m: f"{m.group(1)}{m.group(2)}UTF-8{m.group(2)}", xml, count=1)
