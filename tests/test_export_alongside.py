"""Writing the outputs in two processes gives the same bytes; a failure of either is raised."""

from __future__ import annotations

import pytest

from kg.export import OUTPUTS, write_all
from kg.export.alongside import alongside


def test_two_processes_write_the_same_files(tmp_path):
    import json

    from kg.run.build import BuildOptions, build
    from tests.conftest import SEEDS

    graph = build([str(SEEDS)], BuildOptions())
    write_all(graph, tmp_path / "one", jobs=1)
    write_all(graph, tmp_path / "two", jobs=2)
    for name in (n for n in OUTPUTS if n != "report.json"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
    one, two = (json.loads((tmp_path / d / "report.json").read_text(encoding="utf-8")) for d in ("one", "two"))
    timings = [report.pop("timings") for report in (one, two)]
    assert one == two  # but for the run's timings:
    assert {"export", "export:collect", "export:turtle_trig", "export:page", "export:jsonld_network"} <= set(timings[0])
    assert "export:jsonld_network_wait" in timings[1]  # the wait for the second process
    assert all(isinstance(v, float) for v in timings[1].values())


def _fail(message: str) -> None:
    raise OSError(message)


@pytest.mark.parametrize("parallel", [True, False])
def test_a_failure_of_the_task_alongside_is_raised(parallel):
    with pytest.raises(OSError, match="disk full"):
        with alongside(_fail, "disk full", parallel=parallel):
            pass


def _write_unless_child(path, parent: int) -> None:
    import os
    import signal

    if os.getpid() != parent:  # the forked child dies before writing, as a killed one would
        os.kill(os.getpid(), signal.SIGKILL)
    path.write_text("written", encoding="utf-8")


def test_a_task_whose_process_was_killed_is_done_in_this_one(tmp_path):
    import os

    with alongside(_write_unless_child, tmp_path / "b", os.getpid(), parallel=True):
        (tmp_path / "a").write_text("a", encoding="utf-8")
    assert (tmp_path / "b").read_text(encoding="utf-8") == "written"
