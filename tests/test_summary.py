"""One set of counts: the CLI summary, report.json, the page header and README agree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS
from kg.cli import main
from kg.model import Document, Entity, Evidence, KnowledgeGraph, Relation
from kg.export.summary import graph_counts, summary_line
from test_export_html import embedded_data


@pytest.mark.parametrize("counts,line", [
    ({"files": 2, "documents": 4, "entities": 72, "relations": 52, "evidence": 64},
     "2 files, 4 documents found in them, 72 entities, 52 relations, 64 evidence rows"),
    ({"files": 1, "documents": 3, "entities": 1, "relations": 0, "evidence": 0},
     "1 file, 3 documents found in it, 1 entity, 0 relations, 0 evidence rows"),
])
def test_summary_line_names_each_count(counts: dict, line: str) -> None:
    assert summary_line(counts) == line


def test_counts_of_a_graph_without_report_are_counted() -> None:
    ev = Evidence("d1", "a.txt", "q", 0, 1, "r", 1.0)
    kg = KnowledgeGraph(documents=[Document("d1", "a.txt", "/a.txt", "1"), Document("d2", "a.txt", "/a.txt", "1")],
                        entities={"x": Entity("x", "PERSON", "X")},
                        relations=[Relation("x", "born_on", "1900", "date", [ev, ev])])
    assert graph_counts(kg) == {"files": 1, "documents": 2, "entities": 1, "relations": 1, "evidence": 2}


def test_cli_report_page_and_readme_agree(seed_build: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["build", str(SEEDS), "--out", str(tmp_path), "--cache-dir", str(seed_build / ".cache")]) == 0
    cli = capsys.readouterr().out.splitlines()[0]
    report = json.loads((seed_build / "report.json").read_text(encoding="utf-8"))
    line = summary_line(report["counts"])
    assert report["summary"] == line and cli.startswith(line + " (")
    assert embedded_data((seed_build / "graph.html").read_text(encoding="utf-8"))["summary"] == line
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"```\n{line}\n```" in readme, f"README.md should quote the seeds' counts: {line}"


def test_readme_says_how_many_seed_entities_have_no_relation(seed_build: Path) -> None:
    import re

    data = embedded_data((seed_build / "graph.html").read_text(encoding="utf-8"))
    unconnected = sum(1 for node in data["nodes"] if not node["deg"])  # as the page's button counts
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    stated = re.search(r'"(\d+) entities without relations — show"', readme)
    assert stated and int(stated[1]) == unconnected


@pytest.mark.parametrize("kinds,documents,words", [
    (["book", "book", "book"], 3, "3 books"), (["letter"], 2, "1 letter"),  # an embedded letter is not counted
    (["letter", "article"], 2, "2 documents"), (["editorial_note"], 1, "1 document"), ([], 0, "0 documents"),
])
def test_the_page_header_says_the_counts_in_a_readers_words(kinds, documents, words) -> None:
    from kg.export.summary import plain_line

    line = plain_line({"files": 1, "documents": documents, "entities": 1, "relations": 2, "evidence": 3}, kinds)
    assert line == f"{words} · 1 person, place or other name · 2 facts"
