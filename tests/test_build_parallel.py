"""`kg build -j N` writes exactly what `-j 1` writes; results keep shared Mention objects."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kg.run.build import BuildOptions, build
from kg.export import OUTPUTS, write_all
from tests.conftest import SEEDS

TEXTS = {
    "a.txt": "Olga Kameneva, the wife of Lev Kamenev, was arrested in June 1937.\n\n"
             "In 1918 Lev Kamenev married Olga Bronstein.\n",
    "b.txt": "Svetlana Allilueva was the daughter of Iosif Stalin.\n\n"
             "Nikolai Bukharin wrote to Stalin in December 1937.\n",
    "c.txt": "Koba wrote to Kamenev in June 1937.\n\n"
             "Vasilii Stalin, the son of Iosif Stalin, drank heavily.\n",
    "d.txt": "Karl Radek accused Nikolai Bukharin of treason in 1937.\n",
}
VOLATILE = ("timings", "jobs", "engine", "cache", "built")  # built: wall-clock time


def write_corpus(folder: Path, texts: dict[str, str] = TEXTS) -> Path:
    """A folder of tiny text files."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def build_to(inputs: Path, out: Path, **options) -> dict:
    """Build ``inputs`` with ``options``, write every output into ``out``; the report."""
    graph = build([str(inputs)], BuildOptions(**options))
    write_all(graph, out)
    return graph.report


def assert_same_outputs(one: Path, two: Path) -> None:
    """Every output file byte-identical; report.json identical but for timings and cache."""
    for name in OUTPUTS:
        if name == "report.json":
            a, b = (json.loads((d / name).read_text(encoding="utf-8")) for d in (one, two))
            for key in VOLATILE:
                a.pop(key, None), b.pop(key, None)
            assert a == b
        else:
            assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_two_jobs_write_the_same_graph_as_one(tmp_path):
    corpus = write_corpus(tmp_path / "in")
    for seed in sorted(SEEDS.iterdir()):
        shutil.copy(seed, corpus / seed.name)
    one = build_to(corpus, tmp_path / "j1", jobs=1)
    two = build_to(corpus, tmp_path / "j2", jobs=2)
    assert (one["jobs"], two["jobs"]) == (1, 2)
    assert (one["engine"], two["engine"]) == ({"kind": "local", "jobs": 1, "processes": 1},
                                              {"kind": "local", "jobs": 2, "processes": 2})
    assert one["counts"]["relations"] > 0
    assert_same_outputs(tmp_path / "j1", tmp_path / "j2")


def test_results_from_workers_share_mention_objects(tmp_path, nlp):
    from kg.link import Linker
    from kg.link.rules import load_rules
    from kg.run.parallel import FileProcessor, ProcessorSpec, process_files

    corpus = write_corpus(tmp_path / "in")
    files = sorted(corpus.iterdir())
    processor = FileProcessor(nlp, Linker(load_rules()), None, None)
    spec = ProcessorSpec(None, (), (), None, None)
    results = list(process_files(files, processor, spec, jobs=2))
    assert [r.path for r in results] == [str(f) for f in files]
    linked = [a for r in results for a in r.assertions if a.subject.origin not in {"voice", "metadata"}]
    assert linked
    for result in results:
        ids = {id(m) for m in result.mentions}
        for a in result.assertions:
            assert a.subject.origin in {"voice", "metadata"} or id(a.subject) in ids


def test_a_problem_file_is_reported_in_parallel_too(tmp_path):
    corpus = write_corpus(tmp_path / "in", {**TEXTS, "empty.txt": ""})
    report = build_to(corpus, tmp_path / "out", jobs=2)
    assert [p["file"] for p in report["problems"]] == [str(corpus / "empty.txt")]
    assert report["counts"]["files"] == 5 and report["counts"]["documents"] == 4


@pytest.mark.parametrize("jobs", [0, 1, 8])
def test_jobs_out_of_range_still_build(tmp_path, jobs):
    corpus = write_corpus(tmp_path / "in", {"a.txt": TEXTS["a.txt"]})
    assert build_to(corpus, tmp_path / "out", jobs=jobs)["counts"]["documents"] == 1
