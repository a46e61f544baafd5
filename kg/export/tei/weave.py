"""Elements woven into a text at character offsets, always well-formed.

A :class:`Tag` spans ``[start, end)`` of the text (an empty element, such as an anchor, has
``start == end``). :func:`weave` writes the text with the tags in it: spans that nest are
nested, a span crossing one already placed is left out and returned, so the result is
well-formed whatever the spans.

>>> tags = [Tag(0, 4, "persName", (("ref", "#Koba"),)), Tag(2, 7, "placeName"), Tag(4, 4, "anchor", empty=True)]
>>> text, skipped = weave("Koba & Co", tags, escape=True)
>>> text, [t.name for t in skipped]
('<persName ref="#Koba">Koba</persName><anchor/> &amp; Co', ['placeName'])
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class Tag:
    """An element to put around ``text[start:end]`` (or at ``start`` when ``empty``)."""

    start: int
    end: int
    name: str
    attrs: tuple[tuple[str, str], ...] = ()
    empty: bool = False

    def open(self) -> str:
        """The start tag (or the whole empty element)."""
        attrs = "".join(f' {k}="{escape_attr(v)}"' for k, v in self.attrs)
        return f"<{self.name}{attrs}{'/' if self.empty else ''}>"


def escape_text(text: str) -> str:
    """``text`` as XML character data (characters XML 1.0 forbids become spaces).

    >>> escape_text("a < b & c\\x0c")
    'a &lt; b &amp; c '
    """
    text = _INVALID_XML.sub(" ", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_attr(value: str) -> str:
    """``value`` for a double-quoted attribute."""
    return escape_text(value).replace('"', "&quot;")


def nest(tags: list[Tag]) -> tuple[list[Tag], list[Tag]]:
    """(spans that nest, spans left out because they cross one kept), in document order."""
    kept: list[Tag] = []
    skipped: list[Tag] = []
    stack: list[Tag] = []
    for tag in sorted((t for t in tags if not t.empty), key=lambda t: (t.start, -t.end)):
        while stack and stack[-1].end <= tag.start:
            stack.pop()
        if tag.end <= tag.start or (stack and tag.end > stack[-1].end):
            skipped.append(tag)
            continue
        stack.append(tag)
        kept.append(tag)
    return kept, skipped


def weave(text: str, tags: list[Tag], escape: bool,
          extra: tuple[tuple[int, str], ...] = ()) -> tuple[str, list[Tag]]:
    """``text`` with ``tags`` in it, and the tags left out (crossing others).

    ``escape``: ``text`` is plain text (escaped here); else it is XML, copied as it is.
    At one offset, end tags come first, then empty elements (and the ``extra`` XML strings
    inserted at their offsets), then start tags.
    """
    kept, skipped = nest(tags)
    closes: dict[int, list[str]] = {}
    opens: dict[int, list[str]] = {}
    for tag in kept:  # in opening order: what closes at one offset closes innermost first
        opens.setdefault(tag.start, []).append(tag.open())
        closes.setdefault(tag.end, []).insert(0, f"</{tag.name}>")
    for tag in sorted((t for t in tags if t.empty), key=lambda t: t.start):
        closes.setdefault(tag.start, []).append(tag.open())
    for at, xml in extra:
        closes.setdefault(at, []).append(xml)
    out: list[str] = []
    pos = 0
    for at in sorted(set(closes) | set(opens)):
        piece = text[pos:at]
        out.append(escape_text(piece) if escape else piece)
        out.extend(closes.get(at, []))
        out.extend(opens.get(at, []))
        pos = at
    rest = text[pos:]
    out.append(escape_text(rest) if escape else rest)
    return "".join(out), skipped
