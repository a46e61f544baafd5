"""Relations below the confidence threshold (kg/export/uncertain.py) through real builds of a small
document written for the test: `kg build --min-confidence` leaves them out and lists them in
report.json, `--keep-uncertain` keeps them flagged (CSV, RDF without direct triple, SHACL,
the `uncertain` query), a curator's accept brings one in; the Python API takes both options."""

from __future__ import annotations

import csv
import re
import json
from pathlib import Path

import pytest

import kg
from kg.cli import main
from kg.evaluate.output import load_output
from kg.link.calibration import load_calibration

TEXT = ("Pavel Sorokin was born in Tver in 1881. Sorokin was a member of the Bund.\n\n"
        "In 1905 Pavel Sorokin met with Ilya Gromov in Kiev. Vera Sorokina was the wife of "
        "Pavel Sorokin.\n\nIlya Gromov accused Pavel Sorokin of sabotage. Gromov was the "
        "president of the Kiev Soviet.\n")


@pytest.fixture(scope="module", autouse=True)
def one_pipeline(nlp):
    """The session's pipeline for every build here (loading the model is most of a build)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("kg.run.build.load_pipeline", lambda *args, **kwargs: nlp)
        yield


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("uncertain") / "in"
    path.mkdir()
    (path / "sorokin.txt").write_text(TEXT, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def everything(folder: Path) -> kg.Graph:
    """Every relation, kept whatever its confidence."""
    return kg.build_graph(folder, min_confidence=0.0, cache_dir=str(folder.parent / "cache"))


@pytest.fixture(scope="module")
def threshold(everything: kg.Graph) -> float:
    """A threshold between the lowest and the highest confidence of the document's relations."""
    values = sorted({round(r.confidence, 4) for r in everything.kg.relations})
    assert len(values) >= 2, values
    return round((values[0] + values[-1]) / 2, 4)


def build(folder: Path, out: Path, *flags: str) -> tuple[int, str]:
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        code = main(["build", str(folder), "--out", str(out), "--cache-dir",
                     str(folder.parent / "cache"), *flags])
    return code, buf.getvalue()


def rows(out: Path) -> list[dict[str, str]]:
    with (out / "relations.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def report(out: Path) -> dict:
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def left_out(folder: Path, threshold: float, tmp_path_factory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("left-out")
    code, printed = build(folder, out, "--min-confidence", str(threshold))
    assert code == 0
    return out, printed


@pytest.fixture(scope="module")
def kept(folder: Path, threshold: float, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("kept")
    assert build(folder, out, "--min-confidence", str(threshold), "--keep-uncertain")[0] == 0
    return out


def test_relations_below_the_threshold_are_left_out_and_listed(left_out, everything, threshold) -> None:
    out, printed = left_out
    below = {(r.subject, r.predicate, r.object) for r in everything.kg.relations if r.confidence < threshold}
    assert below and {(r["subject"], r["predicate"], r["object"]) for r in rows(out)}.isdisjoint(below)
    listed = report(out)["uncertain"]
    assert (listed["threshold"], listed["kept"], listed["count"]) == (threshold, False, len(below))
    assert {(e["subject_id"], e["predicate"], e["object_id"] or e["object"]) for e in listed["relations"]} == below
    for entry in listed["relations"]:
        assert entry["confidence"] < threshold and entry["rule"].startswith(entry["predicate"] + ".")
        assert entry["quote"] in TEXT and entry["subject"] and entry["object"]
    assert f"{len(below)} uncertain relation" in report(out)["summary"]
    assert f"below confidence {threshold:g} left out" in printed


def test_kept_uncertain_relations_are_flagged_in_the_table_and_not_scored(kept, left_out) -> None:
    flagged = [r for r in rows(kept) if r["review"] == "uncertain"]
    certain = [r for r in rows(kept) if r["review"] != "uncertain"]
    assert flagged and certain == rows(left_out[0])
    assert report(kept)["uncertain"]["kept"] is True
    assert load_output(kept).facts == load_output(left_out[0]).facts  # kg evaluate skips them


def test_kept_uncertain_statements_have_no_direct_triple_and_validate(kept, capsys) -> None:
    from rdflib import Graph, Literal

    from kg import vocab as V

    graph = Graph().parse(kept / "graph.ttl")
    flagged = list(graph.subjects(V.UNCERTAIN, Literal(True)))
    assert flagged
    for node in flagged:
        triple = (graph.value(node, V.SUBJECT), graph.value(node, V.PREDICATE), graph.value(node, V.OBJECT))
        assert triple not in graph
    assert main(["validate", str(kept)]) == 0
    assert "conforms" in capsys.readouterr().out
    assert main(["query", str(kept), "uncertain", "--format", "csv"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) - 1 == len({r["evidence"] for r in rows(kept) if r["review"] == "uncertain"})


def test_an_accepted_uncertain_relation_joins_the_graph_as_reviewed(folder, left_out, tmp_path) -> None:
    entry = report(left_out[0])["uncertain"]["relations"][0]
    curation = tmp_path / "curation.toml"
    curation.write_text(f'version = 1\n\n[[accept]]\nsubject = "{entry["subject_id"]}"\n'
                        f'predicate = "{entry["predicate"]}"\nobject = "{entry["object_id"] or entry["object"]}"\n'
                        f'by = "A. Historian"\ndate = 2026-12-02\n', encoding="utf-8")
    for flags in ([], ["--keep-uncertain"]):
        out = tmp_path / f"out{len(flags)}"
        threshold = str(report(left_out[0])["uncertain"]["threshold"])
        assert build(folder, out, "--min-confidence", threshold, "--curation", str(curation), *flags)[0] == 0
        accepted = [r for r in rows(out) if r["review"] == "accepted"]
        assert {(r["subject"], r["predicate"]) for r in accepted} == {(entry["subject_id"], entry["predicate"])}
        assert report(out)["uncertain"]["count"] == report(left_out[0])["uncertain"]["count"] - 1
        assert report(out)["curation"]["stale"] == []
        assert main(["validate", str(out)]) == 0


def test_the_default_threshold_is_the_calibrated_one(folder, tmp_path) -> None:
    assert build(folder, tmp_path / "out", "-q")[0] == 0
    assert report(tmp_path / "out")["uncertain"]["threshold"] == load_calibration().threshold


@pytest.mark.parametrize("value", ["1.5", "-0.1"])
def test_a_threshold_outside_0_1_is_refused(folder, tmp_path, capsys, value) -> None:
    assert main(["build", str(folder), "--out", str(tmp_path / "out"), "--min-confidence", value]) == 2
    assert "give a confidence between 0 and 1" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_the_python_api_takes_min_confidence_and_keep_uncertain(folder, threshold) -> None:
    cache = str(folder.parent / "cache")
    kept = kg.build_graph(folder, min_confidence=threshold, keep_uncertain=True, cache_dir=cache)
    left = kg.build_graph(folder, min_confidence=threshold, cache_dir=cache)
    assert (kept.relations["review"] == "uncertain").sum() == len(kept.uncertain) == len(left.uncertain) > 0
    assert "uncertain" not in set(left.relations["review"])
    assert (left.uncertain["confidence"] < threshold).all() and left.uncertain["confidence"].is_monotonic_increasing


README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
CONFIDENCE = README.split("\n## Confidence\n", 1)[1].split("\n## ", 1)[0]


def test_the_readme_confidence_example_runs_as_written(tmp_path, monkeypatch, capsys) -> None:
    import shlex

    from conftest import SEEDS

    commands = re.search(r"```bash\n(.*?)```", CONFIDENCE, re.S).group(1).strip().splitlines()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").symlink_to(SEEDS)
    for command in commands:
        assert shlex.split(command)[0] == "kg" and main(shlex.split(command)[1:]) == 0, command
    printed = capsys.readouterr().out
    flagged = [r for r in rows(tmp_path / "out") if r["review"] == "uncertain"]
    assert flagged and all(r["rule"] in printed for r in flagged)


def test_the_readme_calibration_tables_are_the_shipped_file() -> None:
    shipped = load_calibration()
    assert f"at the default threshold {shipped.threshold:g}." in CONFIDENCE
    assert f"| {shipped.threshold:.2f} **(default)** |" in CONFIDENCE
    table = dict(re.findall(r"^\| `([a-z_.0-9]+)` \| [a-z_]+ \| (\d+ \| \d+) \|", CONFIDENCE, re.M))
    assert table == {rule: f"{e.estimate.tp} | {e.estimate.fp}" for rule, e in shipped.rules.items()}
