"""Feed spaCy bounded work: batches limited by characters as well as by count.

spaCy's memory grows with the characters of a batch (one 1 MB paragraph peaks at 3.1 GB):
the read step cuts paragraphs into passages of at most ``MAX_PASSAGE_CHARS``
(:mod:`kg.read.passages`), and here at most ``BATCH_SIZE`` passages and ``BATCH_CHARS``
characters go through the pipeline at once.

>>> [len(b) for b in char_batches(["a" * 30_000] * 5 + ["b"] * 3, limit=40_000, size=32)]
[1, 1, 1, 1, 4]
"""

from __future__ import annotations

from collections.abc import Iterator

BATCH_SIZE = 32
BATCH_CHARS = 20_000


def char_batches(texts: list[str], limit: int = BATCH_CHARS, size: int = BATCH_SIZE) -> Iterator[list[str]]:
    """Consecutive groups of ``texts`` with at most ``size`` items and ``limit`` characters
    (a single longer text is a group of its own)."""
    group: list[str] = []
    chars = 0
    for text in texts:
        if group and (chars + len(text) > limit or len(group) >= size):
            yield group
            group, chars = [], 0
        group.append(text)
        chars += len(text)
    if group:
        yield group
