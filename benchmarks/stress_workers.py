"""Stress run of ``kg build -j 2``: many builds of a small corpus, in some of which a worker
process is killed at a random moment; every build must finish, and with the same graph as a
build with one process.

    python benchmarks/stress_workers.py                    # 50 runs, 8 files of ../shared/gold-dev
    python benchmarks/stress_workers.py --runs 10 --corpus FOLDER --kill-share 0.5

A killed worker is replaced and its file tried again (kg/run/workers.py), so a run with a kill
must give byte-identical ``relations.csv`` and ``entities.csv``. A run that takes longer than
``--hang-after`` seconds counts as a hang (the build is then killed). Prints one line per run
and a summary; exits 1 if any run hung, failed or differed.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
COMPARED = ("relations.csv", "entities.csv", "mentions.csv")


def _children(pid: int) -> list[int]:
    """The child processes of ``pid`` (from /proc)."""
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            kids.append(int(stat.parent.name))
    return kids


def _kill_later(proc: subprocess.Popen, delay: float, killed: list[int]) -> None:
    """Once the build has its workers, wait ``delay`` seconds and kill one of its children."""
    while proc.poll() is None and not _children(proc.pid):
        time.sleep(0.02)
    time.sleep(delay)
    kids = _children(proc.pid)
    if kids and proc.poll() is None:
        victim = random.choice(kids)
        try:
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)
        except ProcessLookupError:
            pass


def _build(inputs: Path, out: Path, jobs: int, kill_at: float | None, hang_after: float) -> tuple[str, float, int]:
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-m", "kg.cli", "build", str(inputs), "--out", str(out), "--quiet",
           "--no-cache", "-j", str(jobs)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    killed: list[int] = []
    if kill_at is not None:
        threading.Thread(target=_kill_later, args=(proc, kill_at, killed), daemon=True).start()
    try:
        _, err = proc.communicate(timeout=hang_after)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        return "hang", time.perf_counter() - t0, len(killed)
    status = "ok" if proc.returncode == 0 else f"exit {proc.returncode}: {err.strip()[-200:]}"
    return status, time.perf_counter() - t0, len(killed)


def _same(a: Path, b: Path) -> bool:
    return all((a / name).read_bytes() == (b / name).read_bytes() for name in COMPARED)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "gold-dev" / "docs", help="folder of input files")
    parser.add_argument("--files", type=int, default=8, help="how many files of it (default 8)")
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--kill-share", type=float, default=0.5, help="share of runs with a worker killed")
    parser.add_argument("--hang-after", type=float, default=300.0, help="seconds after which a run is a hang")
    parser.add_argument("--seed", type=int, default=26)
    args = parser.parse_args(argv)
    random.seed(args.seed)
    work = Path(tempfile.mkdtemp(prefix="histkg-stress-"))
    inputs = work / "in"
    inputs.mkdir()
    for path in sorted(p for p in args.corpus.iterdir() if p.suffix in {".txt", ".md"})[: args.files]:
        shutil.copy(path, inputs / path.name)
    status, reference_time, _ = _build(inputs, work / "reference", 1, None, args.hang_after)
    if status != "ok":
        print(f"reference build (-j 1) failed: {status}")
        return 1
    bad = 0
    for run in range(1, args.runs + 1):
        kill_at = random.uniform(0.0, reference_time / 3) if random.random() < args.kill_share else None
        status, seconds, killed = _build(inputs, work / "run", 2, kill_at, args.hang_after)
        same = status == "ok" and _same(work / "reference", work / "run")
        bad += not same
        print(f"run {run:3d}: {status:5s} {seconds:6.1f} s, workers killed {killed}, "
              f"output {'same as -j 1' if same else 'DIFFERENT'}", flush=True)
    print(f"{args.runs - bad} of {args.runs} runs finished with the graph of -j 1 "
          f"({len(list(inputs.iterdir()))} files; reference -j 1 build {reference_time:.1f} s)")
    shutil.rmtree(work, ignore_errors=True)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
