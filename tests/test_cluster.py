"""`kg build --scheduler`: a real Dask scheduler and workers on 127.0.0.1 build what `-j 1` builds."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Iterator

import pytest

distributed = pytest.importorskip("distributed")

from kg.run.build import BuildOptions, build  # noqa: E402
from kg.cli import main  # noqa: E402
from kg.run.cluster import check_scheduler  # noqa: E402
from kg.errors import ClusterError  # noqa: E402
from kg.export import OUTPUTS, write_all  # noqa: E402
from kg.sparql.serve import free_port  # noqa: E402
from tests.conftest import SEEDS  # noqa: E402
from tests.test_build_parallel import TEXTS  # noqa: E402

DASK = str(Path(sys.executable).parent / "dask")
WAIT = 60  # seconds a process may take to come up (the machine is shared)


def start(*args: str) -> subprocess.Popen:
    """A `dask` process in its own process group (so that it can be killed with its children)."""
    return subprocess.Popen([DASK, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    """Signal the process group; SIGKILL whatever is left after a while."""
    if process.poll() is None:
        os.killpg(process.pid, sig)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def start_worker(address: str, name: str) -> subprocess.Popen:
    return start("worker", address, "--nthreads", "1", "--no-dashboard", "--name", name,
                 "--host", "127.0.0.1")


def wait_for(check, what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


class Cluster:
    """A scheduler and two workers, plus a client to watch them."""

    def __init__(self) -> None:
        self.address = f"tcp://127.0.0.1:{free_port()}"
        self.processes = [start("scheduler", "--host", "127.0.0.1", "--port",
                                self.address.rsplit(":", 1)[1], "--no-dashboard")]
        self.processes += [start_worker(self.address, f"w{i}") for i in (1, 2)]  # [1], [2]
        self.client = distributed.Client(self.address, timeout="60s")
        self.client.wait_for_workers(2, timeout=WAIT)

    def worker(self, name: str) -> str | None:
        """The address of the worker called ``name`` (None until it has joined)."""
        found = [a for a, w in self.client.scheduler_info(n_workers=-1)["workers"].items()
                 if w["name"] == name]
        return found[0] if found else None

    def close(self) -> None:
        self.client.close()
        for process in reversed(self.processes):
            stop(process)


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    running = Cluster()
    try:
        yield running
    finally:
        running.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """30 files: a seed (long enough to be caught mid-build), 28 tiny ones, one empty."""
    folder = tmp_path_factory.mktemp("cluster-in")
    seed = sorted(SEEDS.iterdir())[-1]
    shutil.copy(seed, folder / seed.name)
    texts = list(TEXTS.values())
    for i in range(28):
        text = texts[i % len(texts)].replace("1937", str(1900 + i))
        (folder / f"f{i:02d}.txt").write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory) -> Path:
    """The `-j 1` build of the corpus."""
    out = tmp_path_factory.mktemp("cluster-j1")
    write_all(build([str(corpus)], BuildOptions(jobs=1, cache_dir=str(out / ".cache"))), out)
    return out


def assert_identical(one: Path, two: Path) -> None:
    """Every output byte-identical, report.json too but for its run facts (wall clock,
    timings, cache hits: a killed worker may have cached a file before it died)."""
    for name in OUTPUTS:
        a, b = (one / name).read_bytes(), (two / name).read_bytes()
        if name == "report.json":
            a, b = (json.loads(x) for x in (a, b))
            for report in (a, b):
                report.pop("timings"), report.pop("built", None), report.pop("cache", None)
                report.pop("engine", None)  # what it ran on: said apart
        assert a == b, name


def test_cluster_build_is_identical_to_one_process_and_uses_the_cache(cluster, corpus, reference,
                                                                        tmp_path):
    out = tmp_path / "out"
    options = BuildOptions(scheduler=cluster.address, cache_dir=str(out / ".cache"))
    graph = build([str(corpus)], options)
    write_all(graph, out)
    assert_identical(reference, out)
    assert [p["file"] for p in graph.report["problems"]] == [str(corpus / "empty.txt")]
    engine = graph.report["engine"]
    assert (engine["kind"], engine["scheduler"]) == ("dask", cluster.address) and 1 <= engine["workers"] <= 2
    assert len(list((out / ".cache").glob("*.link"))) == 29
    again = build([str(corpus)], options).report["cache"]
    assert (again["link_hits"], again["misses"]) == (29, 0)
    loaded = cluster.client.run(lambda: len(__import__("kg.run.cluster").run.cluster._PIPELINES))
    assert sorted(loaded.values()) == [1, 1]  # one pipeline per worker, kept for the next build


def test_a_local_cluster_builds_the_same_from_relative_paths(corpus, reference, tmp_path,
                                                             monkeypatch):
    monkeypatch.chdir(corpus.parent)
    out = tmp_path / "out"
    assert main(["build", corpus.name, "--out", str(out), "--quiet", "--scheduler", "local:2",
                 "--cache-dir", "cache-" + tmp_path.name]) == 1  # 1: the empty file was skipped
    assert len(list((corpus.parent / f"cache-{tmp_path.name}").glob("*.link"))) == 29
    report = (out / "report.json").read_text(encoding="utf-8")
    (out / "report.json").write_text(report.replace(f'"{corpus.name}/', f'"{corpus}/'), encoding="utf-8")
    assert_identical(reference, out)  # the paths in the report are the client's, as given


def test_ctrl_c_cancels_the_cluster_tasks_and_keeps_the_previous_build(cluster, corpus, reference,
                                                                       tmp_path):
    out = tmp_path / "out"
    shutil.copytree(reference, out, ignore=shutil.ignore_patterns(".cache"))
    before = {name: (out / name).read_bytes() for name in OUTPUTS}
    kg = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(corpus), "--out", str(out),
                           "--quiet", "--no-cache", "--scheduler", cluster.address],
                          stderr=subprocess.PIPE, text=True)
    wait_for(lambda: any(cluster.client.processing().values()), "the build's tasks")
    kg.send_signal(signal.SIGINT)
    _, err = kg.communicate(timeout=WAIT)
    assert kg.returncode == 130 and "interrupted" in err
    assert {name: (out / name).read_bytes() for name in OUTPUTS} == before
    wait_for(lambda: not any(cluster.client.processing().values()), "the tasks to be cancelled")


@pytest.mark.parametrize("scheduler", ["local:0", "local:two", "http://127.0.0.1:8786", "8786"])
def test_a_malformed_scheduler_is_refused(scheduler):
    with pytest.raises(ClusterError, match="expected tcp://HOST:PORT or local:N"):
        check_scheduler(scheduler)


@pytest.mark.parametrize("scheduler,message", [
    ("tcp://", "HOST:PORT"), ("tcp://127.0.0.1", "HOST:PORT"), ("tcp://127.0.0.1:abc", "HOST:PORT"),
    ("tcp://127.0.0.1:0", "HOST:PORT"), ("tcp://:8786", "HOST:PORT"), ("tls://127.0.0.1:8786", "TLS settings"),
])
def test_a_scheduler_address_without_host_port_or_tls_is_one_line(tmp_path, capsys, scheduler, message):
    assert main(["build", str(SEEDS), "--out", str(tmp_path / "out"), "--scheduler", scheduler]) == ClusterError.exit_code
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0] and not (tmp_path / "out").exists()


def test_without_dask_the_flag_says_what_to_install(tmp_path):
    code = ("import sys; sys.modules['distributed'] = None; from kg.cli import main; "
            f"sys.exit(main(['build', {str(SEEDS)!r}, '--out', {str(tmp_path)!r}, "
            "'--scheduler', 'local:2']))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == ClusterError.exit_code
    assert done.stderr.strip().splitlines() == [
        "kg: error: --scheduler needs Dask distributed: pip install -e '.[cluster]' in histkg's folder"]
    assert not (tmp_path / "graph.ttl").exists()


def test_a_worker_killed_mid_build_has_its_files_run_elsewhere(cluster, corpus, reference, tmp_path):
    """Runs last: it leaves the cluster one worker short."""
    done: dict = {}
    runner = threading.Thread(target=lambda: done.update(graph=build(
        [str(corpus)], BuildOptions(scheduler=cluster.address, cache_dir=str(tmp_path / "c")))))
    runner.start()
    wait_for(lambda: cluster.worker("w2"), "worker w2")
    address = cluster.worker("w2")
    wait_for(lambda: cluster.client.processing([address]).get(address), "a task on worker w2")
    stop(cluster.processes[2], signal.SIGKILL)
    killed_mid_build = runner.is_alive()
    runner.join(WAIT)
    assert killed_mid_build and "graph" in done
    write_all(done["graph"], tmp_path / "out")
    assert_identical(reference, tmp_path / "out")


def test_a_cluster_without_workers_stops_the_build_with_one_line(tmp_path, monkeypatch, capsys):
    import kg.run.cluster

    monkeypatch.setattr(kg.run.cluster, "POLL", 0.2)
    monkeypatch.setattr(kg.run.cluster, "NO_WORKERS", 1.0)
    address = f"tcp://127.0.0.1:{free_port()}"
    scheduler = start("scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1], "--no-dashboard")
    try:
        with distributed.Client(address, timeout="60s"):
            pass  # the scheduler is up
        code = main(["build", str(SEEDS), "--out", str(tmp_path / "out"), "--scheduler", address, "-q"])
    finally:
        stop(scheduler)
    assert code == ClusterError.exit_code and not (tmp_path / "out" / "graph.ttl").exists()
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no worker for 1 s" in err[0]
