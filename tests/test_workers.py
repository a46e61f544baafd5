"""Worker processes with a watchdog (kg/run/workers.py): results in order, a killed worker
replaced and its task tried again, a stalled worker killed, the task then reported failed,
and no process left running whatever way the caller leaves."""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
from pathlib import Path

import pytest

from kg.run.parallel import FileResult, ProcessorSpec, process_files, time_limit
from kg.run.workers import run_ordered

MARKS: Path | None = None  # set per test: a folder where tasks leave marks (workers are forked)


def _slow_square(n: int) -> int:
    time.sleep(0.05 * (5 - n))  # later items finish first
    return n * n


def _die_once(n: int) -> int:
    mark = MARKS / f"died-{n}"
    if n == 2 and not mark.exists():
        mark.touch()
        os.kill(os.getpid(), signal.SIGKILL)
    return n * 10


def _die_always(n: int) -> int:
    if n == 1:
        os.kill(os.getpid(), signal.SIGKILL)
    return n


def _stall(n: int) -> int:
    if n == 1:
        time.sleep(3600)
    return n


def _refuse(n: int) -> int:
    if n == 1:
        raise ValueError("a task's own error")
    return n


def _failed(item: int, why: str) -> str:
    return f"failed {item}: {why}"


def _run(work, items, limit: float = 30.0, jobs: int = 2) -> list:
    return list(run_ordered(items, work, jobs, limit=lambda item: limit, failed=_failed))


@pytest.fixture(autouse=True)
def marks(tmp_path):
    global MARKS
    MARKS = tmp_path
    yield tmp_path
    assert not mp.active_children(), "a worker process was left running"


def test_results_come_in_the_order_of_the_tasks():
    assert _run(_slow_square, [0, 1, 2, 3, 4]) == [0, 1, 4, 9, 16]


def test_a_killed_worker_is_replaced_and_its_task_tried_again(marks):
    assert _run(_die_once, [0, 1, 2, 3]) == [0, 10, 20, 30]
    assert (marks / "died-2").exists()


def test_a_task_whose_worker_dies_each_time_is_reported_failed_and_the_rest_done():
    out = _run(_die_always, [0, 1, 2])
    assert out[0] == 0 and out[2] == 2
    assert out[1].startswith("failed 1: its worker process died") and out[1].endswith("2 times")


def test_a_stalled_worker_is_killed_and_the_task_reported_failed():
    out = _run(_stall, [0, 1, 2, 3], limit=0.5)
    assert out[0] == 0 and out[2:] == [2, 3]
    assert out[1] == "failed 1: its worker stopped making progress for 0.5 s, 2 times"


def test_an_error_of_the_task_itself_reaches_the_caller():
    with pytest.raises(ValueError, match="a task's own error"):
        _run(_refuse, [0, 1, 2])


def test_no_worker_is_left_when_the_caller_stops_early():
    results = run_ordered(range(20), _slow_square, 2, limit=lambda item: 30.0, failed=_failed)
    assert next(results) == 0
    results.close()  # the autouse fixture checks no child is left


@pytest.mark.parametrize("size,per_mb,limit", [(0, 300.0, 300.0), (2_500_000, 300.0, 750.0), (10, 1.0, 1.0)])
def test_a_file_gets_time_in_proportion_to_its_size(tmp_path, size, per_mb, limit):
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * size)
    assert time_limit(path, per_mb) == limit


class _StallsOnOneFile:
    """A file processor whose worker hangs on a file named stuck.txt (as a deadlocked one would)."""

    def __call__(self, path: Path) -> FileResult:
        if path.name == "stuck.txt":
            time.sleep(3600)
        return FileResult(str(path), words=len(path.read_text().split()))

    def cached(self, path: Path) -> None:
        return None  # nothing cached: every file goes to a worker


def test_a_build_skips_a_file_its_worker_stalls_on_with_a_one_line_problem(tmp_path):
    files = []
    for name in ("a.txt", "stuck.txt", "b.txt"):
        files.append(tmp_path / name)
        files[-1].write_text("three words here", encoding="utf-8")
    spec = ProcessorSpec(None, (), (), None, None)
    results = list(process_files(files, _StallsOnOneFile(), spec, jobs=2, file_timeout=0.5))
    assert [r.words for r in results] == [3, 0, 3]
    assert results[1].problem == {"file": str(files[1]), "problem":
                                  "not processed: its worker stopped making progress for 0.5 s, 2 times"}


@pytest.mark.parametrize("module", ["kg.run.workers", "kg.run.parallel"])
def test_docstring_examples_run(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module))
    assert result.failed == 0 and result.attempted > 0


@pytest.mark.parametrize("value", ["0", "-5", "inf", "nan"])
def test_a_file_timeout_that_is_no_time_is_refused_in_one_line(tmp_path, capsys, value):
    from kg.cli import main

    (tmp_path / "a.txt").write_text("Karl Muller was born at Kassel.", encoding="utf-8")
    code = main(["build", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"), f"--file-timeout={value}"])
    err = capsys.readouterr().err.strip()
    assert code != 0 and "--file-timeout" in err and "\n" not in err and "Traceback" not in err


def test_the_readme_file_timeout_example_runs_as_written(tmp_path, monkeypatch):
    import json
    import re
    import shlex

    from conftest import ROOT, SEEDS
    from kg.cli import main

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("Workers cannot hang a build", 1)[1]
    command = re.search(r"```bash\n(.*?)```", section, re.S).group(1).strip()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").symlink_to(SEEDS)
    assert shlex.split(command)[0] == "kg" and main(shlex.split(command)[1:] + ["--quiet"]) == 0
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["jobs"] == 2 and report["problems"] == []


class _HalfCached:
    """A file processor whose cache holds the files named cached-*.txt (words=-1), and
    that records the process that worked on the others (words=its pid)."""

    def __call__(self, path: Path) -> FileResult:
        return self.cached(path) or FileResult(str(path), words=os.getpid())

    def cached(self, path: Path) -> FileResult | None:
        return FileResult(str(path), words=-1, cache="hit") if path.name.startswith("cached") else None


@pytest.mark.parametrize("names, by_workers", [
    (["cached-1.txt", "new-1.txt", "cached-2.txt", "new-2.txt"], True),
    (["cached-1.txt", "new-1.txt", "cached-2.txt"], False),  # one file to work on: no worker started
    (["cached-1.txt", "cached-2.txt"], False),
])
def test_cached_files_are_read_by_the_build_and_the_rest_by_workers_in_order(tmp_path, names, by_workers):
    files = [tmp_path / name for name in names]
    spec = ProcessorSpec(None, (), (), None, None)
    results = list(process_files(files, _HalfCached(), spec, jobs=2))
    assert [r.path for r in results] == [str(f) for f in files]
    for name, result in zip(names, results):
        if name.startswith("cached"):
            assert result.words == -1
        else:
            assert (result.words != os.getpid()) is by_workers
