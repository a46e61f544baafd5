"""``kg review`` and report.json's review (kg/resolve/review.py): what the resolver was least
sure of, as decisions that a build applies when pasted into a curation file."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

import kg
from kg.cli import main
from kg.curate import load_curation

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
DOCS = {
    "guard.txt": (
        "The new commandant of the house was Alexander Avdeiev, a locksmith from the Zlokazov works.\n\n"
        "Avdeieff drank heavily and stole from the prisoners.\n"),
    "family.txt": (
        "Anna Larina and Maria Larina came to Moscow in the spring. Larina wrote to her father.\n\n"
        "The Germans had left Kiev by then.\n"),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("review-in")
    for name, text in DOCS.items():
        (root / name).write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("review-out") / "out"
    kg.build_graph(root).save(out)
    return root, out


def test_the_report_lists_a_weak_merge_with_its_split(built):
    review = _report(built[1])
    weak = [w for w in review["weak_merges"] if w["names"] == ["Avdeieff"]]
    assert weak and weak[0]["decision"] == {"kind": "split", "entity": weak[0]["entity"], "names": ["Avdeieff"]}


def test_a_surname_between_two_fuller_names_is_a_likely_split(built):
    splits = _report(built[1])["likely_splits"]
    assert any("fits 2 fuller names" in s["why"] and s["decision"]["kind"] == "merge" for s in splits)


def test_kg_review_writes_a_curation_file_of_proposals(built, capsys):
    assert main(["review", str(built[1]), "--by", "A. Curator"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("# Review of a histkg build") and "[[split]]" in text and 'by = "A. Curator"' in text


def _blocks(text: str) -> list[str]:
    """The decision tables of a review, each as written."""
    return re.findall(r"^\[\[\w+\]\]\n(?:\w+ = .*\n)+", text, re.M)


def test_every_proposal_applies_on_its_own(built, tmp_path):
    assert main(["review", str(built[1]), "--output", str(tmp_path / "all.toml")]) == 0
    text = (tmp_path / "all.toml").read_text(encoding="utf-8")
    graph = kg.build_graph(built[0])
    blocks = _blocks(text)
    assert len(blocks) == len(load_curation(tmp_path / "all.toml")) >= 3
    for i, block in enumerate(blocks):
        path = tmp_path / f"one-{i}.toml"
        path.write_text("version = 1\n\n" + block, encoding="utf-8")
        assert graph.curate(path).report["curation"]["applied"] == 1, block


def test_proposals_pasted_into_a_curation_file_are_applied_by_a_build(built, tmp_path):
    root, out = built
    main(["review", str(out), "--output", str(tmp_path / "review.toml")])
    blocks = _blocks((tmp_path / "review.toml").read_text(encoding="utf-8"))
    chosen = [next(b for b in blocks if b.startswith("[[split]]")), next(b for b in blocks if b.startswith("[[merge]]"))]
    curation = tmp_path / "curation.toml"
    curation.write_text("version = 1\n\n" + "\n".join(chosen), encoding="utf-8")
    graph = kg.build_graph(root, curation=curation)
    assert graph.report["curation"]["applied"] == 2 and not graph.report["curation"]["stale"]
    m = graph.mentions
    assert set(m[m["text"] == "Avdeieff"]["entity"]).isdisjoint(set(m[m["text"] == "Alexander Avdeiev"]["entity"]))
    assert len(set(m[m["text"].str.contains("Larina")]["entity"])) == 2


def test_the_readme_review_example_runs_as_written(built, tmp_path, monkeypatch):
    command = re.search(r"```bash\n(kg review .*?)\n```", README).group(1)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").symlink_to(built[1], target_is_directory=True)
    assert main(shlex.split(command)[1:]) == 0
    assert load_curation(tmp_path / "review.toml")


def test_a_folder_without_a_build_is_a_one_line_error(tmp_path, capsys):
    assert main(["review", str(tmp_path)]) == 2
    assert "report.json: not found" in capsys.readouterr().err


def _report(out: Path) -> dict:
    import json

    return json.loads((out / "report.json").read_text(encoding="utf-8"))["review"]
