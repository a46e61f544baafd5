"""Shared fixtures: one spaCy pipeline per session, one build of the seeds, and a headless
Chromium per test module for the browser tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "gold"


@pytest.fixture(scope="session")
def nlp():
    from kg.annotate import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def blank():
    """A blank English pipeline with a rule-based sentence splitter (tokens and sentences only)."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """The seeds built once through the CLI entry point; returns the output folder."""
    from kg.cli import main

    out = tmp_path_factory.mktemp("seed-build")
    code = main(["build", str(SEEDS), "--out", str(out), "--quiet"])
    assert code == 0
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium driven by Playwright (skips when it is not installed)."""
    import chromium

    chromium.require()
    with chromium.launch() as b:
        yield b
