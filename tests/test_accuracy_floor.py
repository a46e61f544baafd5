"""Accuracy floors: the seeds and gold-dev are built and scored; entity F1 (by name, typed
and untyped), relation F1 and precision must stay above the floors in tests/accuracy_floors.toml."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from kg.cli import main
from kg.evaluate import evaluate

ROOT = Path(__file__).resolve().parents[1]
FLOORS = tomllib.loads((ROOT / "tests" / "accuracy_floors.toml").read_text(encoding="utf-8"))
GOLD_DEV = ROOT.parent / "shared" / "gold-dev"


def _scores(result: dict, relations: dict) -> dict[str, float]:
    ents = result["entities"]
    return {"entity_typed_f1": ents["typed"]["f1"], "entity_untyped_f1": ents["untyped"]["f1"],
            "relation_f1": relations["f1"], "relation_precision": relations["precision"]}


@pytest.fixture(scope="module")
def dev_build(tmp_path_factory) -> Path:
    if not (GOLD_DEV / "docs").is_dir():
        pytest.skip("../shared/gold-dev is not present next to the repository")
    out = tmp_path_factory.mktemp("gold-dev-build")
    assert main(["build", str(GOLD_DEV / "docs"), "--out", str(out), "--quiet"]) in (0, 1)
    return out


def _dev_scores(out: Path, golds: list[Path]) -> dict[str, float]:
    result = evaluate(out, golds)
    return _scores(result, result["relations"]["per_predicate"]["ALL"])


@pytest.fixture(scope="module")
def dev_scores(dev_build) -> dict[str, float]:
    return _dev_scores(dev_build, sorted(GOLD_DEV.glob("*.json")))


@pytest.fixture(scope="module")
def check_scores(dev_build) -> dict[str, float]:
    """The check half of gold-dev alone: the passages no rule was written against."""
    golds = [GOLD_DEV / f"{name}.json" for name in FLOORS["check_half"]]
    assert all(g.is_file() for g in golds), "a check-half passage is missing from gold-dev"
    return _dev_scores(dev_build, golds)


@pytest.fixture(scope="module")
def seed_scores(seed_build: Path) -> dict[str, float]:
    result = evaluate(seed_build, [ROOT / "tests" / "gold"])
    return _scores(result, result["relations"]["core"])


@pytest.mark.parametrize("metric", sorted(FLOORS["seeds"]))
def test_seeds_stay_above_their_floor(seed_scores, metric):
    assert seed_scores[metric] >= FLOORS["seeds"][metric], (metric, seed_scores[metric])


@pytest.mark.parametrize("metric", sorted(FLOORS["gold_dev"]))
def test_gold_dev_stays_above_its_floor(dev_scores, metric):
    assert dev_scores[metric] >= FLOORS["gold_dev"][metric], (metric, dev_scores[metric])


@pytest.mark.parametrize("metric", sorted(FLOORS["gold_dev_check"]))
def test_gold_dev_check_half_stays_above_its_floor(check_scores, metric):
    assert check_scores[metric] >= FLOORS["gold_dev_check"][metric], (metric, check_scores[metric])
