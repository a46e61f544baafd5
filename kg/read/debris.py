"""OCR debris: fragments of a page that do not belong to the text.

Two general signs are used. *Fragments*: short hard-wrapped lines that start mid-word
or in lower case, end in a broken word or without punctuation (column interleaving,
truncated lines). *Garbled duplicates*: a paragraph whose words appear, in order but
with gaps, in a much fuller paragraph elsewhere in the file (a bad OCR pass of text
that also appears whole). Debris blocks separated only by whitespace are merged.

>>> from kg.read.blocks import split_blocks
>>> t = "A whole paragraph of text that ends well.\\n\\nover this news, we saw\\naid that his fa-\\n\\nEnd."
>>> bs = split_blocks(t)
>>> [t[s:e] for s, e in debris_regions(t, bs, find_debris(t, bs))]
['over this news, we saw\\naid that his fa-']
"""

from __future__ import annotations

import re
from typing import Sequence

from kg.read.blocks import Block
from kg.read.cues import cues
from kg.read.dates import is_date_line

MAX_FRAGMENT_CHARS = 400  # longer blocks are never fragments
MAX_FRAGMENT_LINE = 80  # a column line is short
COLUMN_SHARE = 0.6  # ... and well under the file's usual line width
MAX_GARBLED_WORDS = 150
MIN_COVERAGE = 0.8  # share of a garbled paragraph's words found in order in the fuller one
MIN_BIGRAMS = 0.5
FULLER = 1.3  # the fuller paragraph has at least this many times the words
MIN_GARBLED_WORDS = 8  # shorter copies only count when they cut a paragraph's opening
MIN_GAPS = 3  # a garbled copy skips words in several places ...
MAX_DENSITY = 0.5  # ... and keeps at most half of the stretch it comes from
WINDOW = 40  # the fuller paragraph is at most this many blocks away (same page or next)
_CLOSING = ")]},;:.”’»"
_WORD = re.compile(r"\w+")


def _open_line(line: str) -> bool:
    """A line that starts in lower case or ends without sentence punctuation."""
    line = line.strip(" *_")
    if is_date_line(line):
        return False
    return line[:1].islower() or line[-1:].isalnum() or line.endswith(("-", ","))


def line_width(text: str, blocks: Sequence[Block]) -> int:
    """The file's usual line width (90th percentile of line lengths)."""
    lengths = sorted(e - s for b in blocks for s, e in b.lines)
    return lengths[int(len(lengths) * 0.9)] if lengths else 0


def is_fragment(text: str, block: Block, width: int = 10**9) -> bool:
    """True for a short block that looks cut out of another page or column.

    ``width`` is the file's usual line width: the lines of a multi-line fragment are
    much shorter (a column), which tells them from hard-wrapped prose.
    """
    raw = block.raw(text).strip()
    lines = [text[s:e] for s, e in block.lines]
    if len(raw) > MAX_FRAGMENT_CHARS or max(len(x) for x in lines) > MAX_FRAGMENT_LINE:
        return False
    body = raw.lstrip("*_ ")
    narrow = max(len(x) for x in lines) <= COLUMN_SHARE * width
    if body[:1] in _CLOSING and body[:1]:
        return True
    if body[:1].islower() and (narrow if len(lines) > 1 else _cut_line(body)):
        return True
    tail = raw.rstrip("*_ ")
    if tail.endswith("-") and tail[-2:-1].isalpha():
        return True
    broken = sum(_broken_line(x) for x in lines)
    return len(lines) >= 2 and narrow and broken * 2 >= len(lines) and _open_line(lines[-1])


def _cut_line(line: str) -> bool:
    """A single line of three or more words that stops without punctuation."""
    return len(line.split()) >= 3 and _open_line(line)


def _broken_line(line: str) -> bool:
    """A line cut out of a column: lower-case start or a word broken at the end."""
    line = line.strip(" *_")
    return line[:1].islower() or (line.endswith("-") and line[-2:-1].isalpha())


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _alignment(a: Sequence[str], b: Sequence[str]) -> list[int]:
    """Positions in ``b`` of a longest common subsequence of ``a`` and ``b``."""
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        row, below = table[i], table[i + 1]
        for j in range(len(b) - 1, -1, -1):
            row[j] = below[j + 1] + 1 if a[i] == b[j] else max(below[j], row[j + 1])
    i = j = 0
    hits = []
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            hits.append(j)
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return hits


def _bigram_share(a: list[str], b: list[str]) -> float:
    pairs = list(zip(a, a[1:]))
    if not pairs:
        return 1.0
    other = set(zip(b, b[1:]))
    return sum(p in other for p in pairs) / len(pairs)


def _contiguous_at(words: list[str], fuller: list[str]) -> int:
    """Where ``words`` occur as one run in ``fuller`` (-1 if they do not)."""
    n = len(words)
    for k in range(len(fuller) - n + 1):
        if fuller[k:k + n] == words:
            return k
    return -1


def is_garbled_copy(words: list[str], fuller: list[str], truncated: bool) -> bool:
    """``words`` look like a damaged copy of ``fuller``: a sparse sample of its words in
    order (the rest lost), or its opening cut short. A quotation of ``fuller`` (one run,
    or a few runs with omissions) is not debris."""
    if len(words) < 2 or len(fuller) < FULLER * len(words):
        return False
    if _contiguous_at(words, fuller) == 0 and truncated:
        return True
    if len(words) < MIN_GARBLED_WORDS:
        return False
    if len(set(words) & set(fuller)) < MIN_COVERAGE * len(set(words)):
        return False
    if _bigram_share(words, fuller) < MIN_BIGRAMS:
        return False
    hits = _alignment(words, fuller)
    if len(hits) < MIN_COVERAGE * len(words):
        return False
    gaps = sum(1 for x, y in zip(hits, hits[1:]) if y > x + 1)
    density = len(hits) / (hits[-1] - hits[0] + 1)
    return gaps >= MIN_GAPS and density <= MAX_DENSITY


def _candidate(text: str, block: Block) -> bool:
    raw = block.raw(text)
    letters = [c for c in raw if c.isalpha()]
    return not (letters and all(c.isupper() for c in letters))


def _garbled(text: str, blocks: Sequence[Block], skip: set[int]) -> set[int]:
    words = {i: _words(b.raw(text)) for i, b in enumerate(blocks) if i not in skip}
    found = set()
    for i, ws in words.items():
        if not 2 <= len(ws) <= MAX_GARBLED_WORDS or not _candidate(text, blocks[i]):
            continue
        truncated = _open_line(blocks[i].raw(text).splitlines()[-1])
        near = range(max(0, i - WINDOW), min(len(blocks), i + WINDOW + 1))
        if any(is_garbled_copy(ws, words[j], truncated) for j in near if j != i and j in words):
            found.add(i)
    return found


def is_byline(line: str) -> bool:
    """"by George Walden": a byline prefix followed by a capitalised name."""
    low = line.strip(" *_").lower()
    for prefix in cues().byline_prefixes:
        rest = line.strip(" *_")[len(prefix):].strip()
        if low.startswith(prefix + " ") and rest[:1].isupper() and len(rest.split()) <= 6:
            return True
    return False


def _structural(text: str, block: Block) -> bool:
    raw = block.raw(text)
    return block.kind in ("heading", "rule") or is_date_line(raw) or is_byline(raw)


def find_debris(text: str, blocks: Sequence[Block], skip: set[int] | None = None) -> set[int]:
    """Indices of debris blocks (``skip``: structural blocks never called debris)."""
    skip = (skip or set()) | {i for i, b in enumerate(blocks) if _structural(text, b)}
    width = line_width(text, blocks)
    found = {i for i, b in enumerate(blocks) if i not in skip and is_fragment(text, b, width)}
    found |= _garbled(text, blocks, skip | found)
    return found | _sandwiched(text, blocks, found, skip)


def _sandwiched(text: str, blocks: Sequence[Block], found: set[int], skip: set[int]) -> set[int]:
    """Short blocks between two debris blocks are debris too."""
    extra = set()
    for i in range(1, len(blocks) - 1):
        short = len(blocks[i].raw(text)) < MAX_FRAGMENT_CHARS // 2
        if i not in found and i not in skip and short and {i - 1, i + 1} <= found:
            extra.add(i)
    return extra


def debris_regions(text: str, blocks: Sequence[Block], debris: set[int]) -> list[tuple[int, int]]:
    """Merge debris blocks that only whitespace separates into ``(start, end)`` regions."""
    regions: list[tuple[int, int]] = []
    for i in sorted(debris):
        b = blocks[i]
        if regions and not text[regions[-1][1]:b.start].strip():
            regions[-1] = (regions[-1][0], b.end)
        else:
            regions.append((b.start, b.end))
    return regions
