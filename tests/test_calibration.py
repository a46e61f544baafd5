"""The calibration file (kg/link/calibration.py): lookups with their fallbacks, and
validation errors that name the file, the entry and the field."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from kg.errors import CalibrationError
from kg.link.calibration import Calibration, default_path, load_calibration

TABLE = {
    "version": 1, "threshold": 0.6,
    "global": {"tp": 30, "fp": 10, "precision": 0.75},
    "via": {"name": {"tp": 28, "fp": 8, "precision": 0.77, "factor": 1.0},
            "reference": {"tp": 2, "fp": 2, "precision": 0.55, "factor": 0.7}},
    "predicate": {"spouse": {"tp": 10, "fp": 2, "precision": 0.8}},
    "rule": {"spouse.wife_of.v1": {"predicate": "spouse", "tp": 6, "fp": 0, "precision": 0.9,
                                   "via": {"reference": {"tp": 1, "fp": 1, "precision": 0.5}}}},
}


@pytest.fixture
def cal() -> Calibration:
    return Calibration.from_table(TABLE, "calibration.toml")


@pytest.mark.parametrize("rule,predicate,via,expected", [
    ("spouse.wife_of.v1", "spouse", "reference", 0.5),   # (rule, via) measured
    ("spouse.wife_of.v1", "spouse", "name", 0.9),        # the rule, via name: factor 1
    ("spouse.wife_of.v1", "spouse", "voice", 0.9),       # a kind with no factor: 1
    ("spouse.new_rule.v1", "spouse", "name", 0.8),       # an unknown rule: its predicate
    ("spouse.new_rule.v1", "spouse", "reference", 0.56),  # ... times the kind's factor
    ("died_on.verb.v1", "died_on", "name", 0.75),        # an unknown predicate: global
    ("died_on.verb.v1", "died_on", "reference", 0.525),
])
def test_precision_falls_back_from_rule_and_via_to_rule_predicate_and_global(
        cal: Calibration, rule: str, predicate: str, via: str, expected: float) -> None:
    assert cal.precision(rule, predicate, via) == pytest.approx(expected)


def test_the_shipped_file_loads_with_a_threshold_and_every_kind() -> None:
    shipped = load_calibration()
    assert 0 < shipped.threshold < 1 and set(shipped.via) == {"name", "reference", "voice"}
    assert shipped.rules and all(0 < e.estimate.precision < 1 for e in shipped.rules.values())
    assert default_path().name == "calibration.toml"


def _broken(path: list[str], value) -> dict:
    table = copy.deepcopy(TABLE)
    node = table
    for key in path[:-1]:
        node = node[key]
    if value is KeyError:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return table


@pytest.mark.parametrize("path,value,message", [
    (["version"], 2, "field 'version': must be 1"),
    (["threshold"], 1.5, "field 'threshold': must be a number in [0, 1], not 1.5"),
    (["threshold"], "high", "field 'threshold': must be a number in [0, 1]"),
    (["global", "precision"], KeyError, "[global]: missing field 'precision'"),
    (["predicate", "spouse", "tp"], -1, "[predicate.spouse]: field 'tp': must be a whole number >= 0"),
    (["predicate", "spouse", "fp"], True, "[predicate.spouse]: field 'fp'"),
    (["via", "hearsay"], {"tp": 1, "fp": 0, "precision": 0.5}, "[via.hearsay]: unknown attribution kind"),
    (["via", "reference", "factor"], 2.0, "[via.reference]: field 'factor'"),
    (["via", "reference", "shift"], 9.0, "[via.reference]: field 'shift': must be a number in [-5, 5]"),
    (["rule", "spouse.wife_of.v1", "precision"], float("nan"), "[rule.spouse.wife_of.v1]: field 'precision'"),
    (["rule", "spouse.wife_of.v1", "predicate"], KeyError, "[rule.spouse.wife_of.v1]: field 'predicate'"),
    (["rule", "spouse.wife_of.v1", "via", "reference", "fp"], KeyError,
     "[rule.spouse.wife_of.v1.via.reference]: missing field 'fp'"),
    (["rule", "Spouse Rule"], {"predicate": "spouse", "tp": 1, "fp": 0, "precision": 0.5},
     "[rule.Spouse Rule]: not a rule id"),
    (["rules"], {}, "unknown field 'rules'"),
])
def test_a_malformed_entry_is_named_with_its_field(path: list[str], value, message: str) -> None:
    with pytest.raises(CalibrationError) as err:
        Calibration.from_table(_broken(path, value), "my/calibration.toml")
    assert str(err.value).startswith("my/calibration.toml") and message in str(err.value)
    assert err.value.exit_code == 3


def test_a_file_that_is_not_toml_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "calibration.toml"
    bad.write_text("version = = 1\n", encoding="utf-8")
    with pytest.raises(Exception, match="calibration.toml: invalid TOML"):
        load_calibration(bad)


def test_kg_build_stops_on_a_malformed_calibration_naming_it(tmp_path: Path, monkeypatch, capsys) -> None:
    from kg.cli import main

    bad = tmp_path / "calibration.toml"
    bad.write_text('version = 1\nthreshold = 0.5\n[global]\ntp = 3\nfp = 1\nprecision = "high"\n',
                   encoding="utf-8")
    monkeypatch.setattr("kg.link.calibration.default_path", lambda: bad)
    (tmp_path / "in.txt").write_text("Ivan Petrov was born in Tver.\n", encoding="utf-8")
    assert main(["build", str(tmp_path / "in.txt"), "--out", str(tmp_path / "out")]) == 3
    assert f"{bad} [global]: field 'precision': must be a number in [0, 1], not 'high'" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
