"""The calibration file: each rule's measured precision, read at start-up and validated.

``kg/data/calibration.toml`` is written by ``python -m kg.evaluate.calibrate`` (see its
header for how the precisions are smoothed). It holds a global prior, one entry per
attribution kind (``via``: an argument named, reached through a pronoun or title —
``reference`` —, or a letter's I/you — ``voice``), per predicate and per rule, each with
``tp``, ``fp`` and ``precision``; a rule may hold per-``via`` entries; ``threshold`` is the
default ``kg build --min-confidence``.

:meth:`Calibration.precision` falls back from (rule, via) to the rule, then the predicate,
then the global prior; away from (rule, via), the attribution kind's ``factor`` (its
precision relative to a named argument's) is applied.

>>> cal = Calibration.from_table({"version": 1, "threshold": 0.5,
...     "global": {"tp": 8, "fp": 2, "precision": 0.75},
...     "via": {"reference": {"tp": 1, "fp": 1, "precision": 0.6, "factor": 0.8}},
...     "predicate": {"spouse": {"tp": 4, "fp": 0, "precision": 0.9}},
...     "rule": {"spouse.wife_of.v1": {"predicate": "spouse", "tp": 2, "fp": 0, "precision": 0.85,
...              "via": {"name": {"tp": 2, "fp": 0, "precision": 0.86}}}}}, "calibration.toml")
>>> cal.precision("spouse.wife_of.v1", "spouse", "name"), cal.precision("spouse.wife_of.v1", "spouse", "reference")
(0.86, 0.68)
>>> cal.precision("spouse.other.v1", "spouse", "name"), cal.precision("died_on.x.v1", "died_on", "name")
(0.9, 0.75)
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.data_files import data_path, load_toml
from kg.errors import CalibrationError

VIAS: tuple[str, ...] = ("name", "reference", "voice")
FORMAT_VERSION = 1
RULE_ID = re.compile(r"^[a-z_]+\.[a-z0-9_]+\.v[0-9]+$")
COUNT_KEYS = {"tp", "fp", "precision"}
TOP_KEYS = {"version", "prior_strength", "threshold", "global", "via", "predicate", "rule",
            "sets", "curve", "check"}


def default_path() -> Path:
    """The calibration file shipped with histkg."""
    return data_path("calibration.toml")


@dataclass(frozen=True, slots=True)
class Estimate:
    """Counts of true and false facts and the smoothed precision made from them."""

    tp: int
    fp: int
    precision: float


@dataclass(frozen=True, slots=True)
class RuleEstimate:
    """A rule's estimate, its predicate, and its estimates per attribution kind."""

    predicate: str
    estimate: Estimate
    via: dict[str, Estimate] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Calibration:
    """The loaded calibration (see the module docs)."""

    source: str
    threshold: float
    prior: Estimate
    factors: dict[str, float]
    via: dict[str, Estimate]
    predicates: dict[str, Estimate]
    rules: dict[str, RuleEstimate]
    reference_shift: float = 0.0  # log-odds shift of a pronoun's certainty to the gold sets' prose

    def precision(self, rule: str, predicate: str, via: str = "name") -> float:
        """The calibrated precision of a fact from ``rule`` whose arguments were reached ``via``."""
        known = self.rules.get(rule)
        if known is not None and via in known.via:
            return known.via[via].precision
        if known is not None:
            base = known.estimate.precision
        else:
            base = self.predicates.get(predicate, self.prior).precision
        return round(base * self.factors.get(via, 1.0), 4)

    @classmethod
    def from_table(cls, raw: dict[str, Any], source: str) -> "Calibration":
        """Validate a parsed calibration file; errors name the file, entry and field."""
        _check_top(raw, source)
        via, factors = {}, {}
        for kind, table in _table(raw, "via", source).items():
            if kind not in VIAS:
                raise CalibrationError(source, f"unknown attribution kind; use {list(VIAS)}", f"via.{kind}")
            via[kind] = _estimate(table, source, f"via.{kind}", {"factor", "shift"})
            factors[kind] = _unit(table.get("factor", 1.0), source, f"via.{kind}", "factor")
        shift = _shift(_table(raw, "via", source).get("reference", {}).get("shift", 0.0), source)
        predicates = {k: _estimate(v, source, f"predicate.{k}")
                      for k, v in _table(raw, "predicate", source).items()}
        rules = {k: _rule(k, v, source) for k, v in _table(raw, "rule", source).items()}
        return cls(source, _unit(raw.get("threshold"), source, "threshold", "threshold"),
                   _estimate(raw.get("global"), source, "global"), factors, via, predicates, rules, shift)


def _check_top(raw: dict[str, Any], source: str) -> None:
    if raw.get("version") != FORMAT_VERSION:
        raise CalibrationError(source, f"field 'version': must be {FORMAT_VERSION}")
    unknown = sorted(set(raw) - TOP_KEYS)
    if unknown:
        raise CalibrationError(source, f"unknown field {unknown[0]!r}; allowed: {sorted(TOP_KEYS)}")


def _table(raw: dict[str, Any], key: str, source: str) -> dict[str, Any]:
    value = raw.get(key, {})
    if not isinstance(value, dict):
        raise CalibrationError(source, f"'{key}' must be a table of entries")
    return value


def _unit(value: Any, source: str, entry: str, name: str) -> float:
    """A number in [0, 1]."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value) \
            or not 0 <= value <= 1:
        raise CalibrationError(source, f"field '{name}': must be a number in [0, 1], not {value!r}", entry)
    return float(value)


def _shift(value: Any, source: str) -> float:
    """The reference certainty's log-odds shift: a number between -5 and 5."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not -5 <= value <= 5:
        raise CalibrationError(source, f"field 'shift': must be a number in [-5, 5], not {value!r}",
                               "via.reference")
    return float(value)


def _count(value: Any, source: str, entry: str, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise CalibrationError(source, f"field '{name}': must be a whole number >= 0, not {value!r}", entry)
    return value


def _estimate(raw: Any, source: str, entry: str, extra: set[str] | frozenset[str] = frozenset()) -> Estimate:
    if not isinstance(raw, dict):
        raise CalibrationError(source, "must be a table with tp, fp and precision", entry)
    missing = sorted(COUNT_KEYS - set(raw))
    unknown = sorted(set(raw) - COUNT_KEYS - set(extra))
    if missing or unknown:
        problem = f"missing field '{missing[0]}'" if missing else f"unknown field '{unknown[0]}'"
        raise CalibrationError(source, problem, entry)
    return Estimate(_count(raw["tp"], source, entry, "tp"), _count(raw["fp"], source, entry, "fp"),
                    _unit(raw["precision"], source, entry, "precision"))


def _rule(rule_id: str, raw: Any, source: str) -> RuleEstimate:
    entry = f"rule.{rule_id}"
    if not RULE_ID.match(rule_id):
        raise CalibrationError(source, "not a rule id (predicate.name.v1)", entry)
    if not isinstance(raw, dict) or not isinstance(raw.get("predicate"), str):
        raise CalibrationError(source, "field 'predicate': missing (the rule's predicate)", entry)
    by_via = raw.get("via", {})
    if not isinstance(by_via, dict) or set(by_via) - set(VIAS):
        raise CalibrationError(source, f"field 'via': a table whose keys are among {list(VIAS)}", entry)
    counts = {k: v for k, v in raw.items() if k not in {"predicate", "via"}}
    return RuleEstimate(raw["predicate"], _estimate(counts, source, entry),
                        {k: _estimate(v, source, f"{entry}.via.{k}") for k, v in by_via.items()})


def load_calibration(path: str | Path | None = None) -> Calibration:
    """Load and validate a calibration file (default: the shipped one); cached until it changes."""
    target = Path(path) if path is not None else default_path()
    return Calibration.from_table(load_toml(target.resolve()), str(target))
