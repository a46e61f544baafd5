"""Shared fixtures: one spaCy pipeline per session, and one build of the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "gold"


@pytest.fixture(scope="session")
def nlp():
    from kg.annotate import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """The seeds built once through the CLI entry point; returns the output folder."""
    from kg.cli import main

    out = tmp_path_factory.mktemp("seed-build")
    code = main(["build", str(SEEDS), "--out", str(out), "--quiet"])
    assert code == 0
    return out
