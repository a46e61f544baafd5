"""A book's index: the entries after an "INDEX" heading are the book's apparatus, not its text.

"Medvèdiev, Alexei, his attempted rescue from prison, 215, 262; escape from Khàrkov gaol,
261" names a person and a prison, but states nothing: the entry's words are an indexer's
keywords, their subject is whoever heads the entry, and the relations the rules would read
in them ("Alexei — imprisoned in — Kharkov") are the indexer's shorthand, not the author's
statements. The entries after an index heading (data: ``index_headings`` in
``kg/data/read/cues.toml``) get the layer ``index``: their names count only when the text
names them too (:mod:`kg.annotate.headings`), and the link step reads no relation in them.

An entry is a block whose lines mostly end in page numbers (", 215, 262;", ", vii", ", 51 n.")
or that refers to another entry ("Vrassky, Galkin, see Galkin-Vrassky"), or a letter heading
the entries under it ("A"), or, inside the index, a short block without a sentence. The first
block after the heading that is none of these (prose) ends the index, so a glossary of names under such a heading ("AVDEIEV, Alexander, formerly a
locksmith. Was commissar ...", without page numbers) stays the text it is.

>>> from kg.read.blocks import split_blocks
>>> from kg.read.layers import Unit
>>> t = ("INDEX\\n\\nAgàpov, Stephen, 182\\n\\nAlexander III., his policy, 130;\\n"
...      "  his death, 316\\n\\nVrassky, Galkin, see Galkin-Vrassky\\n\\nB\\n\\nBasel, 9, 12")
>>> bs = split_blocks(t)
>>> units = [Unit([i], "heading" if i == 0 else "body") for i in range(len(bs))]
>>> mark_index(t, bs, units)
>>> [u.layer for u in units]
['heading', 'index', 'index', 'index', 'index', 'index']
"""

from __future__ import annotations

import re

from kg.read.blocks import Block
from kg.read.cues import cues
from kg.read.layers import Unit
from kg.read.markup import strip_markup

_PAGE = r"(?:\d{1,4}(?:\s*[-–]\s*\d{1,4})?|[ivxlc]{1,7})"
_ENDS_IN_PAGES = re.compile(rf"(?:,|,?[”\"’])\s*{_PAGE}(?:\s*n\.?)?(?:\s*[,;]\s*{_PAGE}(?:\s*n\.?)?)*\s*[.,;]?\s*$", re.IGNORECASE)
_SEE = re.compile(r"\bsee(?:\s+also)?\b", re.IGNORECASE)
_LETTER = re.compile(r"[A-Z]\.?")
_SENTENCE = re.compile(r"[.!?]\s+[A-Z]")
MAX_SEE_WORDS = 12  # "Vrassky, Galkin, see Galkin-Vrassky": a cross-reference is short
MAX_LOOSE_WORDS = 40  # inside an index, a short block of keywords is an entry too


def is_index_heading(line: str) -> bool:
    """'INDEX', 'Alphabetical Index of Names', 'General Index.': the heading of a book's index."""
    words = re.sub(r"[^\w\s]", "", strip_markup(line).casefold()).split()
    return " ".join(words) in cues().index_headings


def is_index_entry(lines: list[str]) -> bool:
    """Lines of one block that make an index entry: most end in page numbers, or the block is
    a short cross-reference ('see ...') or a letter heading its entries ('B')."""
    lines = [strip_markup(x).strip() for x in lines if x.strip()]
    if not lines:
        return False
    if len(lines) == 1 and _LETTER.fullmatch(lines[0]):
        return True
    paged = sum(bool(_ENDS_IN_PAGES.search(x)) for x in lines)
    if paged * 2 > len(lines):
        return True
    words = sum(len(x.split()) for x in lines)
    return bool(_SEE.search(" ".join(lines))) and words <= MAX_SEE_WORDS


def mark_index(text: str, blocks: list[Block], units: list[Unit]) -> None:
    """Give the entries after an index heading the layer ``index`` (in place); the first unit
    after them that is no entry (prose) ends the index."""
    inside = False
    for unit in units:
        lines = [text[s:e] for b in unit.blocks for s, e in blocks[b].lines]
        if unit.layer == "heading":
            inside = inside or is_index_heading(" ".join(lines))
            continue
        if not inside or unit.layer != "body":
            continue
        if is_index_entry(lines) or _keywords(lines):
            unit.layer = "index"
        else:
            inside = False


def _keywords(lines: list[str]) -> bool:
    """A short block without a sentence in it ('“Alleviation, time of,” 236'): inside an
    index, an entry whose page numbers the patterns miss; prose ("AVDEIEV, Alexander,
    formerly a locksmith. Was commissar ...") ends the index."""
    text = " ".join(strip_markup(x).strip() for x in lines)
    return len(text.split()) <= MAX_LOOSE_WORDS and not _SENTENCE.search(text)
