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
MAX_GARBLED_WORDS = 150
MIN_COVERAGE = 0.8  # share of a garbled paragraph's words found in order in the fuller one
MIN_BIGRAMS = 0.5
FULLER = 1.3  # the fuller paragraph has at least this many times the words
_CLOSING = ")]},;:.”’»"
_WORD = re.compile(r"\w+")


def _open_line(line: str) -> bool:
    """A line that starts in lower case or ends without sentence punctuation."""
    line = line.strip(" *_")
    if is_date_line(line):
        return False
    return line[:1].islower() or line[-1:].isalnum() or line.endswith(("-", ","))


def is_fragment(text: str, block: Block) -> bool:
    """True for a short block that looks cut out of another page or column."""
    raw = block.raw(text).strip()
    lines = [text[s:e] for s, e in block.lines]
    if len(raw) > MAX_FRAGMENT_CHARS or max(len(x) for x in lines) > MAX_FRAGMENT_LINE:
        return False
    body = raw.lstrip("*_ ")
    if body[:1].islower() or (body[:1] in _CLOSING and body[:1]):
        return True
    tail = raw.rstrip("*_ ")
    if tail.endswith("-") and tail[-2:-1].isalpha():
        return True
    broken = sum(_broken_line(x) for x in lines)
    return len(lines) >= 2 and broken * 2 >= len(lines) and _open_line(lines[-1])


def _broken_line(line: str) -> bool:
    """A line cut out of a column: lower-case start or a word broken at the end."""
    line = line.strip(" *_")
    return line[:1].islower() or (line.endswith("-") and line[-2:-1].isalpha())


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _lcs(a: Sequence[str], b: Sequence[str]) -> int:
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def _bigram_share(a: list[str], b: list[str]) -> float:
    pairs = list(zip(a, a[1:]))
    if not pairs:
        return 1.0
    other = set(zip(b, b[1:]))
    return sum(p in other for p in pairs) / len(pairs)


def is_garbled_copy(words: list[str], fuller: list[str], truncated: bool) -> bool:
    """``words`` look like a damaged copy of ``fuller`` (short copies must be truncated)."""
    if len(words) < 2 or len(fuller) < FULLER * len(words):
        return False
    if len(words) < 5 and not truncated:
        return False
    if len(set(words) & set(fuller)) < MIN_COVERAGE * len(set(words)):
        return False
    return (_bigram_share(words, fuller) >= MIN_BIGRAMS
            and _lcs(words, fuller) >= MIN_COVERAGE * len(words))


def _garbled(text: str, blocks: Sequence[Block], skip: set[int]) -> set[int]:
    words = {i: _words(b.raw(text)) for i, b in enumerate(blocks) if i not in skip}
    found = set()
    for i, ws in words.items():
        if not 2 <= len(ws) <= MAX_GARBLED_WORDS:
            continue
        truncated = _open_line(blocks[i].raw(text).splitlines()[-1])
        if any(is_garbled_copy(ws, other, truncated) for j, other in words.items() if j != i):
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
    found = {i for i, b in enumerate(blocks) if i not in skip and is_fragment(text, b)}
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
