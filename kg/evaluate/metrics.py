"""Counting helpers: precision/recall/F1, span matching, intervals, bipartite matching.

>>> c = Counts(tp=3, fp=1, fn=2)
>>> c.as_dict()
{'precision': 0.75, 'recall': 0.6, 'f1': 0.6667, 'tp': 3, 'fp': 1, 'fn': 2}
>>> overlap_match([(0, 5, "PERSON")], [(2, 9, "PERSON"), (0, 1, "PERSON")])
[(0, 0)]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass

Span = tuple[int, int, str]  # start, end, type


@dataclass(slots=True)
class Counts:
    """True positives, false positives, false negatives; ``+`` adds them up."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def as_dict(self) -> dict[str, float | int]:
        """P/R/F1 rounded to 4 places plus the raw counts; 0.0 when undefined."""
        p = _ratio(self.tp, self.tp + self.fp)
        r = _ratio(self.tp, self.tp + self.fn)
        f = _ratio(2 * p * r, p + r)
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


def _ratio(num: float, den: float) -> float:
    return num / den if den else 0.0


def sum_counts(items: Iterable[Counts]) -> Counts:
    """Micro-average building block: add up counts."""
    total = Counts()
    for c in items:
        total = total + c
    return total


def per_type_counts(gold: Iterable[Span], pred: Iterable[Span],
                    pairs: Iterable[tuple[Span, Span]]) -> dict[str, Counts]:
    """Counts per type: tp by the gold type of matched pairs, fp/fn by the unmatched."""
    gold, pred, pairs = list(gold), list(pred), list(pairs)
    tp = Counter(g[2] for g, _p in pairs)
    pred_n, gold_n = Counter(p[2] for p in pred), Counter(g[2] for g in gold)
    pred_tp = Counter(p[2] for _g, p in pairs)
    types = sorted(set(gold_n) | set(pred_n))
    return {t: Counts(tp[t], pred_n[t] - pred_tp[t], gold_n[t] - tp[t]) for t in types}


def strict_match(gold: Sequence[Span], pred: Sequence[Span]) -> list[tuple[int, int]]:
    """Index pairs ``(gold, pred)`` with identical start, end and type."""
    where = {p: i for i, p in reversed(list(enumerate(pred)))}
    return [(gi, where[g]) for gi, g in enumerate(gold) if g in where]


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Number of characters two ``[start, end)`` spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def overlap_match(gold: Sequence[Span], pred: Sequence[Span]) -> list[tuple[int, int]]:
    """One-to-one ``(gold, pred)`` index pairs of same-type overlapping spans,
    chosen greedily by largest overlap (ties: earlier gold, then earlier prediction)."""
    cands = [(-overlap(g[:2], p[:2]), gi, pi)
             for gi, g in enumerate(gold) for pi, p in enumerate(pred)
             if g[2] == p[2] and overlap(g[:2], p[:2]) > 0]
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _neg, gi, pi in sorted(cands, key=lambda c: (c[0], gold[c[1]][:2], pred[c[2]][:2])):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def merge_intervals(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, disjoint union of ``[start, end)`` intervals."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def char_counts(gold: Iterable[tuple[int, int]], pred: Iterable[tuple[int, int]]) -> Counts:
    """Character-level counts of two sets of regions."""
    g, p = merge_intervals(gold), merge_intervals(pred)
    both = sum(overlap(a, b) for a in g for b in p)
    g_len = sum(e - s for s, e in g)
    p_len = sum(e - s for s, e in p)
    return Counts(both, p_len - both, g_len - both)


def pairs_same(labels: Iterable[Hashable]) -> int:
    """Number of unordered pairs of items carrying the same label."""
    return sum(n * (n - 1) // 2 for n in Counter(labels).values())


def max_matching(n_left: int, n_right: int,
                 ok: Callable[[int, int], bool]) -> dict[int, int]:
    """Maximum bipartite matching (augmenting paths): ``{left: right}``.

    Tries left items in order and right items in order, so the result is deterministic.
    """
    adj = [[r for r in range(n_right) if ok(left, r)] for left in range(n_left)]
    right_of: dict[int, int] = {}

    def augment(left: int, seen: set[int]) -> bool:
        for r in adj[left]:
            if r in seen:
                continue
            seen.add(r)
            if r not in right_of or augment(right_of[r], seen):
                right_of[r] = left
                return True
        return False

    for left in range(n_left):
        augment(left, set())
    return {left: r for r, left in right_of.items()}
