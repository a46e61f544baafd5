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
SURE_WORDS = 20  # a long copy that keeps a quarter of the words, few word triples intact,
SURE_DENSITY = 0.25  # is debris even alone
SURE_TRIGRAMS = 0.35
WINDOW = 40  # the fuller paragraph is at most this many blocks away (same page or next)
_CLOSING = ")]},;:.”’»"
_WORD = re.compile(r"\w+")
_ENUMERATOR = re.compile(r"[a-z][.)][ \t]+\S")


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
    if body[:1] in _CLOSING and body[:1]:
        return True
    tail = raw.rstrip("*_ ")
    if tail.endswith("-") and tail[-2:-1].isalpha():
        return True
    narrow = max(len(x) for x in lines) <= COLUMN_SHARE * width
    if len(lines) == 1:
        return body[:1].islower() and not _ENUMERATOR.match(body) and _cut_line(body)
    broken = sum(_broken_line(x) for x in lines)
    hyphens = any(_hyphenated(x) for x in lines)
    starts_cut = body[:1].islower() and not _ENUMERATOR.match(body)
    return narrow and broken * 2 > len(lines) and (starts_cut or hyphens)


def _cut_line(line: str) -> bool:
    """A single line of three or more words that stops without punctuation."""
    return len(line.split()) >= 3 and _open_line(line)


def _hyphenated(line: str) -> bool:
    line = line.strip(" *_")
    return line.endswith("-") and line[-2:-1].isalpha()


def _broken_line(line: str) -> bool:
    """A line cut out of a column: lower-case start or a word broken at the end."""
    return line.strip(" *_")[:1].islower() or _hyphenated(line)


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


def _cut_opening(words: list[str], fuller: list[str]) -> bool:
    """``words`` are the opening of ``fuller``, the last one perhaps cut mid-word."""
    n = len(words)
    return fuller[:n - 1] == words[:-1] and fuller[n - 1].startswith(words[-1])


def _trigram_share(a: list[str], b: list[str]) -> float:
    grams = list(zip(a, a[1:], a[2:]))
    other = set(zip(b, b[1:], b[2:]))
    return sum(g in other for g in grams) / len(grams) if grams else 1.0


def garbled_score(words: list[str], fuller: list[str], truncated: bool) -> int:
    """How surely ``words`` are a damaged copy of ``fuller``: 0 no, 1 maybe, 2 surely.

    A damaged copy keeps a sparse sample of the fuller text's words in order (the rest
    lost), or only its opening ("8. Allow"). Quotations (one run, or a few long runs with
    omissions) score 0. "Maybe" copies count only next to other debris.
    """
    if len(words) < 2 or len(fuller) < FULLER * len(words):
        return 0
    if len(words) < MIN_GARBLED_WORDS:
        return int(truncated and _cut_opening(words, fuller))
    if len(set(words) & set(fuller)) < MIN_COVERAGE * len(set(words)) \
            or _bigram_share(words, fuller) < MIN_BIGRAMS:
        return 0
    hits = _alignment(words, fuller)
    if len(hits) < MIN_COVERAGE * len(words):
        return 0
    gaps = sum(1 for x, y in zip(hits, hits[1:]) if y > x + 1)
    density = len(hits) / (hits[-1] - hits[0] + 1)
    if gaps < MIN_GAPS or density > MAX_DENSITY:
        return 0
    sure = (len(words) >= SURE_WORDS and density <= SURE_DENSITY
            and _trigram_share(words, fuller) <= SURE_TRIGRAMS)
    return 2 if sure else 1


def _candidate(text: str, block: Block) -> bool:
    raw = block.raw(text)
    letters = [c for c in raw if c.isalpha()]
    return not (letters and all(c.isupper() for c in letters))


def _garbled(text: str, blocks: Sequence[Block], skip: set[int]) -> set[int]:
    """Blocks that are damaged copies of a nearby fuller block: sure ones, and maybe-ones
    in a run with other damaged copies or debris."""
    order = [i for i in range(len(blocks)) if i not in skip]
    words = {i: _words(blocks[i].raw(text)) for i in order}
    score = {}
    for i in order:
        if 2 <= len(words[i]) <= MAX_GARBLED_WORDS and _candidate(text, blocks[i]):
            truncated = _open_line(blocks[i].raw(text).splitlines()[-1])
            near = range(max(0, i - WINDOW), min(len(blocks), i + WINDOW + 1))
            score[i] = max((garbled_score(words[i], words[j], truncated)
                            for j in near if j != i and j in words), default=0)
    found = {i for i, v in score.items() if v == 2}
    changed = True
    while changed:
        changed = False
        for k, i in enumerate(order):
            neighbours = order[max(0, k - 1):k] + order[k + 1:k + 2]
            if i not in found and score.get(i) and any(n in found or score.get(n)
                                                       for n in neighbours):
                found.add(i)
                changed = True
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
    found |= _garbled(text, blocks, skip)
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


def region_prf(found: Sequence[tuple[int, int]], gold: Sequence[tuple[int, int]]
               ) -> tuple[float, float, float]:
    """Character-level precision, recall and F1 of found regions against gold regions.

    >>> region_prf([(0, 10)], [(5, 10)])
    (0.5, 1.0, 0.6666666666666666)
    """
    got = {i for s, e in found for i in range(s, e)}
    want = {i for s, e in gold for i in range(s, e)}
    if not got and not want:
        return 1.0, 1.0, 1.0
    tp = len(got & want)
    p = tp / len(got) if got else 0.0
    r = tp / len(want) if want else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
