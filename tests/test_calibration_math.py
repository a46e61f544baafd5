"""Calibration arithmetic (kg/evaluate/calibration_math.py) on constructed counts: smoothing,
the fallback of levels never seen, attribution factors, the prior strength and the threshold."""

from __future__ import annotations

import pytest

from kg.evaluate.calibration_math import (best_strength, choose_threshold, estimate,
                                          readable_threshold, shrink)
from kg.link.calibration import Calibration

PREDICATE = {"spouse.a.v1": "spouse", "spouse.b.v1": "spouse", "born_on.x.v1": "born_on"}


def table(rules: dict, vias: dict, strength: float = 4.0) -> dict:
    return estimate(rules, vias, PREDICATE, strength)


def test_a_rule_right_twice_is_pulled_towards_its_predicate_not_to_one() -> None:
    t = table({"spouse.a.v1": (2, 0), "spouse.b.v1": (4, 4), "born_on.x.v1": (30, 2)},
              {("spouse.a.v1", "name"): (2, 0)})
    spouse = t["predicate"]["spouse"]["precision"]
    assert spouse < t["rule"]["spouse.a.v1"]["precision"] < 1.0
    assert t["rule"]["spouse.a.v1"]["precision"] == shrink(2, 0, spouse, 4.0)


@pytest.mark.parametrize("tp,fp,prior,strength,expected", [
    (0, 0, 0.7, 4, 0.7),          # never seen: exactly the parent
    (2, 0, 0.5, 4, 4 / 6),        # (2 + 4 x 0.5) / (2 + 4)
    (80, 20, 0.5, 4, 82 / 104),   # many facts: close to 80/100
    (0, 3, 0.9, 1, 0.9 / 4),
])
def test_shrink_is_the_beta_posterior_mean(tp, fp, prior, strength, expected) -> None:
    assert shrink(tp, fp, prior, strength) == pytest.approx(expected, abs=1e-4)


def test_global_predicate_and_rule_levels_are_nested() -> None:
    t = table({"spouse.a.v1": (3, 1), "spouse.b.v1": (1, 3), "born_on.x.v1": (10, 0)}, {})
    assert t["global"] == {"tp": 14, "fp": 4, "precision": round(15 / 20, 4)}
    assert t["predicate"]["spouse"] == {"tp": 4, "fp": 4,
                                        "precision": shrink(4, 4, t["global"]["precision"], 4.0)}
    assert t["rule"]["spouse.a.v1"]["precision"] > t["predicate"]["spouse"]["precision"] \
        > t["rule"]["spouse.b.v1"]["precision"]


def test_a_rule_seen_through_names_only_has_its_own_precision_for_names() -> None:
    t = table({"spouse.a.v1": (5, 1)}, {("spouse.a.v1", "name"): (5, 1)})
    rule = t["rule"]["spouse.a.v1"]
    assert rule["via"]["name"]["precision"] == rule["precision"]


def test_attribution_kinds_get_a_factor_relative_to_names() -> None:
    vias = {("spouse.a.v1", "name"): (18, 2), ("spouse.b.v1", "reference"): (3, 5),
            ("born_on.x.v1", "voice"): (10, 0)}
    t = table({"spouse.a.v1": (18, 2), "spouse.b.v1": (3, 5), "born_on.x.v1": (10, 0)}, vias)
    assert t["via"]["name"]["factor"] == 1.0
    assert t["via"]["reference"]["factor"] == pytest.approx(
        t["via"]["reference"]["precision"] / t["via"]["name"]["precision"], abs=1e-4)
    assert t["via"]["voice"]["factor"] == 1.0  # better than names: capped at 1
    cal = Calibration.from_table({"version": 1, "threshold": 0.5, **t}, "test")
    # a rule never seen through a reference: its precision times the reference factor
    assert cal.precision("spouse.a.v1", "spouse", "reference") == pytest.approx(
        t["rule"]["spouse.a.v1"]["precision"] * t["via"]["reference"]["factor"], abs=1e-4)
    # seen: shrunk towards the rule's precision on its other facts times the factor
    assert cal.precision("spouse.b.v1", "spouse", "reference") == t["rule"]["spouse.b.v1"]["via"]["reference"]["precision"]


def test_a_fact_counted_under_two_kinds_of_one_rule_is_not_used_twice() -> None:
    t = table({"spouse.a.v1": (1, 0)}, {("spouse.a.v1", "name"): (1, 0), ("spouse.a.v1", "reference"): (1, 0)})
    rule = t["rule"]["spouse.a.v1"]
    assert 0 < rule["via"]["reference"]["precision"] < 1 and rule["via"]["name"]["precision"] < 1


@pytest.mark.parametrize("rules,expected", [
    ({"spouse.a.v1": (9, 1), "spouse.b.v1": (9, 1), "born_on.x.v1": (9, 1)}, 32.0),  # alike: pool
    ({"spouse.a.v1": (40, 0), "spouse.b.v1": (0, 40), "born_on.x.v1": (20, 20)}, 1.0),  # apart: trust each
])
def test_the_prior_strength_is_the_one_that_predicts_held_out_facts_best(rules, expected) -> None:
    assert best_strength(rules, PREDICATE) == expected


@pytest.mark.parametrize("curve,target,expected", [
    ([(0.0, 0.7), (0.4, 0.84), (0.5, 0.86), (0.8, 0.95)], 0.85, 0.5),
    ([(0.0, 0.9), (0.5, 0.95)], 0.85, 0.0),
    ([(0.0, 0.5), (0.5, 0.6)], 0.85, 0.5),  # never reached: the strictest
])
def test_the_threshold_is_the_lowest_reaching_the_target(curve, target, expected) -> None:
    assert choose_threshold(curve, target) == expected


@pytest.mark.parametrize("chosen,below,expected", [
    (0.6231, 0.5512, 0.62), (0.6231, 0.6201, 0.6231), (0.5, None, 0.5), (0.4417, 0.43, 0.44)])
def test_a_threshold_is_written_with_two_decimals_when_that_keeps_the_same_relations(chosen, below, expected) -> None:
    assert readable_threshold(chosen, below) == expected
