"""Calibration arithmetic: counted facts → smoothed precisions, and the threshold to use.

Each level is a Beta-binomial estimate shrunk towards the level above it, with a prior
worth ``strength`` facts (chosen by :func:`best_strength`: the strength under which each
counted fact is best predicted from the others, leave-one-out): precision = (tp + strength × parent) / (tp + fp + strength).
The global precision has a uniform prior, (TP + 1) / (N + 2); a predicate is shrunk
towards the global one, a rule towards its predicate's, and (rule, via) towards the
rule's precision on its *other* attribution kinds' facts (no fact counts twice) times the
kind's ``factor`` — its pooled precision relative to a named argument's (at most 1). So a
rule seen twice and right twice is not 1.0, a rule seen through names only has the same
precision for ``name`` as overall, and a level never seen is exactly its parent.

>>> counts = {"spouse.a.v1": (2, 0), "spouse.b.v1": (3, 3), "born_on.x.v1": (20, 1)}
>>> vias = {("spouse.a.v1", "name"): (2, 0), ("spouse.b.v1", "name"): (3, 3),
...         ("born_on.x.v1", "name"): (20, 1)}
>>> table = estimate(counts, vias, {"spouse.a.v1": "spouse", "spouse.b.v1": "spouse",
...                                 "born_on.x.v1": "born_on"}, strength=4)
>>> table["global"]
{'tp': 25, 'fp': 4, 'precision': 0.8387}
>>> table["rule"]["spouse.a.v1"]["precision"] < 1.0
True
>>> choose_threshold([(0.0, 0.80), (0.3, 0.84), (0.5, 0.86), (0.7, 0.90)], 0.85)
0.5
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

VIAS = ("name", "reference", "voice")
Pair = tuple[int, int]  # tp, fp


def shrink(tp: int, fp: int, prior: float, strength: float) -> float:
    """The posterior mean of a Beta(strength × prior, strength × (1 − prior)) prior."""
    return round((tp + strength * prior) / (tp + fp + strength), 4)


def _entry(pair: Pair, precision: float) -> dict[str, Any]:
    return {"tp": pair[0], "fp": pair[1], "precision": precision}


def _pool(items: Iterable[tuple[str, Pair]]) -> dict[str, Pair]:
    total: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for key, (tp, fp) in items:
        total[key][0] += tp
        total[key][1] += fp
    return {k: (v[0], v[1]) for k, v in sorted(total.items())}


def via_factors(vias: dict[tuple[str, str], Pair], prior: float, strength: float) -> dict[str, dict[str, Any]]:
    """Pooled counts of each attribution kind, its precision and its factor (relative to a
    named argument's precision, at most 1; 1 for ``name``)."""
    pooled = _pool((via, pair) for (_, via), pair in vias.items())
    out = {}
    name = shrink(*pooled.get("name", (0, 0)), prior, strength)
    for via in VIAS:
        pair = pooled.get(via, (0, 0))
        precision = shrink(*pair, prior, strength)
        factor = 1.0 if via == "name" or not name else min(1.0, round(precision / name, 4))
        out[via] = _entry(pair, precision) | {"factor": factor}
    return out


def estimate(rules: dict[str, Pair], vias: dict[tuple[str, str], Pair],
             predicate_of: dict[str, str], strength: float) -> dict[str, Any]:
    """The calibration tables from counts per rule and per (rule, via)."""
    total = _pool(("all", pair) for pair in rules.values()).get("all", (0, 0))
    prior = round((total[0] + 1) / (total[0] + total[1] + 2), 4)
    predicates = {p: _entry(pair, shrink(*pair, prior, strength)) for p, pair in
                  _pool((predicate_of[r], pair) for r, pair in rules.items()).items()}
    by_via = via_factors(vias, prior, strength)
    table: dict[str, Any] = {"global": _entry(total, prior), "via": by_via, "predicate": predicates,
                             "rule": {}}
    for rule, pair in sorted(rules.items()):
        parent = predicates[predicate_of[rule]]["precision"]
        entry = {"predicate": predicate_of[rule]} | _entry(pair, shrink(*pair, parent, strength))
        entry["via"] = {}
        for via in (v for v in VIAS if (rule, v) in vias):
            mine = vias[(rule, via)]
            others = shrink(max(0, pair[0] - mine[0]), max(0, pair[1] - mine[1]), parent, strength)
            prior = others * by_via[via]["factor"]
            entry["via"][via] = _entry(mine, shrink(*mine, prior, strength))
        table["rule"][rule] = entry
    return table


STRENGTHS = (1.0, 2.0, 4.0, 8.0, 16.0, 32.0)


def held_out_loss(rules: dict[str, Pair], predicate_of: dict[str, str], strength: float) -> float:
    """Mean leave-one-out log loss of the rule precisions: each counted fact predicted from
    all the others (its rule's, its predicate's and the global counts without it)."""
    totals = _pool(("all", pair) for pair in rules.values()).get("all", (0, 0))
    predicates = _pool((predicate_of[r], pair) for r, pair in rules.items())
    loss, n = 0.0, 0
    for rule, (tp, fp) in rules.items():
        ptp, pfp = predicates[predicate_of[rule]]
        for right, count in ((1, tp), (0, fp)):
            if not count:
                continue
            prior = (totals[0] - right + 1) / (sum(totals) - 1 + 2)
            parent = (ptp - right + strength * prior) / (ptp + pfp - 1 + strength)
            p = (tp - right + strength * parent) / (tp + fp - 1 + strength)
            loss -= count * math.log(p if right else 1 - p)
            n += count
    return loss / n if n else 0.0


def best_strength(rules: dict[str, Pair], predicate_of: dict[str, str],
                  grid: tuple[float, ...] = STRENGTHS) -> float:
    """The prior strength of ``grid`` that predicts held-out facts best (the smallest on a tie).

    >>> rules = {"a.x.v1": (9, 1), "a.y.v1": (8, 2), "a.z.v1": (9, 1)}
    >>> best_strength(rules, {r: "a" for r in rules})
    32.0
    """
    return min(grid, key=lambda k: (round(held_out_loss(rules, predicate_of, k), 6), k))


def choose_threshold(curve: list[tuple[float, float]], target: float) -> float:
    """The lowest threshold whose precision reaches ``target`` (keeping the most facts),
    from ``(threshold, precision)`` points sorted by threshold; the highest if none does."""
    for threshold, precision in curve:
        if precision >= target:
            return threshold
    return curve[-1][0] if curve else 0.0


def readable_threshold(chosen: float, below: float | None) -> float:
    """A threshold with two decimals that keeps and drops the same relations as ``chosen``
    (every confidence is ``chosen`` or more, or ``below`` or less).

    >>> readable_threshold(0.6231, 0.5512), readable_threshold(0.6231, 0.6230)
    (0.62, 0.6231)
    """
    value = int(chosen * 100) / 100
    return value if below is None or value > below else chosen
