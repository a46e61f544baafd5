"""Does a build grow linearly with its input? ``python benchmarks/scaling.py [N] [--jobs J]``

Writes a one-line file of N repeated sentences (a person, a meeting, a place, a date), then
one of 2 × N, builds each with ``kg build --no-cache`` in its own subprocess and prints the
time of every step (``report.json`` ``timings``) and the ratio 2N / N: about 2 for a linear
step, 4 for a quadratic one (issue 25: the resolve step's evidence aggregation was quadratic).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

SENTENCE = "Karl Radek met Nikolai Bukharin in Moscow in 1918. "


def build(n: int, work: Path, jobs: int) -> dict[str, float]:
    """Per-step seconds of a build of one line of ``n`` sentences."""
    source = work / f"in-{n}"
    source.mkdir()
    (source / "line.txt").write_text(SENTENCE * n + "\n", encoding="utf-8")
    out = work / f"out-{n}"
    subprocess.run([sys.executable, "-m", "kg.cli", "build", str(source), "--out", str(out), "--quiet",
                    "--no-cache", "-j", str(jobs)], check=True)
    return dict(json.loads((out / "report.json").read_text(encoding="utf-8"))["timings"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", nargs="?", type=int, default=3000, help="sentences in the smaller file")
    ap.add_argument("--jobs", type=int, default=1)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        small, large = build(args.n, Path(tmp), args.jobs), build(2 * args.n, Path(tmp), args.jobs)
    print(f"{'step':<10}{args.n:>10} {2 * args.n:>10}  ratio")
    for step in sorted(small):
        ratio = large[step] / small[step] if small[step] > 0.05 else float("nan")
        print(f"{step:<10}{small[step]:>9.2f}s {large[step]:>9.2f}s  {ratio:5.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
