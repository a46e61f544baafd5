"""`kg validate`: the SHACL shapes on every build (the seeds, odd names, a custom base)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from kg.cli import main
from kg.export import write_all
from kg.sparql.validate import validate

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_export_rdf import build_kg  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def test_seed_build_has_no_violation(seed_build: Path) -> None:
    report = validate(seed_build)
    assert report.conforms and report.violations == 0, report.text
    assert report.triples > 500


def test_cli_on_the_seed_build(seed_build: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(seed_build)]) == 0
    assert "conforms" in capsys.readouterr().out


@pytest.mark.parametrize("base", ["https://histkg.org/id/", "http://example.org/архив/o'brien/kg#"])
def test_odd_names_and_bases_conform(tmp_path: Path, base: str) -> None:
    write_all(build_kg(), tmp_path, base=base)
    report = validate(tmp_path)
    assert report.conforms, report.text


def test_a_broken_build_fails_with_the_reason(seed_build: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(seed_build / "graph.ttl", tmp_path / "graph.ttl")
    text = (tmp_path / "graph.ttl").read_text(encoding="utf-8")
    (tmp_path / "graph.ttl").write_text(text.replace("hkg:rulesSha256", "hkg:note"), encoding="utf-8")
    assert main(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "does NOT conform" in out and "SHA-256 of its rule set" in out


def test_missing_graph_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path)]) == 2
    assert "graph.ttl" in capsys.readouterr().err
