"""A TEI document's structure: ``<div>`` divisions and ``<pb n=>`` page beginnings, as file
offsets (see :mod:`kg.read.structure`).

A ``div`` is a division when its ``@type`` is a division word of
``kg/data/read/structure.toml`` ("chapter", "part") or its ``head`` is a division marker
("Chapter III. The Flight"); its number is the head's ("III"), else its ``@n``, else the head
itself in quotes.

>>> from kg.read.tei import parse_tree
>>> xml = ('<body><div type="part" n="2"><head>Part II</head><div type="chapter">'
...        '<head>Chapter XVI. Epilogue</head><p>A<pb n="214"/>B</p></div></div></body>')
>>> body = parse_tree(xml).find_all("body")[0]
>>> tei_divisions(xml, body), tei_pages(xml, body)
([(6, 137, 'part', 'II'), (49, 131, 'chapter', 'XVI')], [(107, '214')])
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.read.markup import clean_segments
from kg.read.structure import Division, find_pages, parse_marker, structure

if TYPE_CHECKING:
    from kg.read.tei import Node


def _head(text: str, div: Node) -> str:
    heads = [c for c in div.children if c.tag == "head"]
    return clean_segments(text, [(heads[0].inner_start, heads[0].inner_end)], xml=True).text if heads else ""


def division_of(text: str, div: Node) -> tuple[str, str] | None:
    """``(kind, label)`` of a ``div`` that is a part, a chapter …, else None."""
    head = _head(text, div)
    marker = parse_marker(head) if head else None
    kind = div.attrs.get("type", "").lower()
    if kind not in structure().levels:
        return marker
    label = marker[1] if marker else div.attrs.get("n") or (f"“{head}”" if head else "")
    return (kind, label) if label else None


def tei_divisions(text: str, body: Node) -> list[Division]:
    """The divisions inside ``body`` with their file spans, in document order."""
    found = []
    for div in body.find_all("div"):
        kind_label = division_of(text, div)
        if kind_label:
            found.append((div.start, div.end, *kind_label))
    return sorted(found)


def tei_pages(text: str, body: Node) -> list[tuple[int, str]]:
    """``(offset, number)`` of each ``<pb n=>`` in ``body`` and each page marker in its text."""
    pages = [(pb.start, pb.attrs["n"]) for pb in body.find_all("pb") if pb.attrs.get("n")]
    return sorted(pages + find_pages(text, body.start, body.end))

