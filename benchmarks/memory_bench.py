"""Peak memory of `kg build` on one long paragraph (a scanned book without blank lines).

    python benchmarks/memory_bench.py                 # a 5 MB one-line file
    python benchmarks/memory_bench.py --mb 1 --json m.json

It writes a one-line file of the given size from the seed documents' words (no blank line,
no Markdown), runs `kg build FILE --out DIR -q` in a subprocess, and reports the peak
resident memory of that subprocess (getrusage of the children), the wall time, the number of
passages, and whether every mention's offsets point at its text in the file. The target is
a peak under 1 GB for 5 MB (passages are cut at MAX_PASSAGE_CHARS, batches bounded by
characters: kg/read/passages.py, kg/annotate/batching.py). Not a test: run it by hand.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def one_line_text(size: int) -> str:
    """``size`` characters of seed prose on one line."""
    words = " ".join(" ".join(re.sub(r"[#*_<>\[\]|]", " ", p.read_text(encoding="utf-8")).split())
                     for p in sorted((ROOT / "seeds").glob("*.txt")))
    return ((words + " ") * (size // len(words) + 1))[:size].rstrip() + "\n"


def offsets_intact(out: Path, text: str) -> bool:
    """Every row of mentions.csv names text found at its offsets in the file."""
    with (out / "mentions.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return bool(rows) and all(text[int(r["start"]):int(r["end"])] == r["text"] for r in rows)


def measure(mb: float) -> dict[str, object]:
    """Build a one-line file of ``mb`` megabytes; peak memory, time, passages, offsets."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "book.txt"
        text = one_line_text(int(mb * 1_000_000))
        source.write_text(text, encoding="utf-8")
        started = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(source), "--out",
                               str(Path(tmp) / "out"), "-q"], capture_output=True, text=True)
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB → MiB
        if proc.returncode != 0:
            raise SystemExit(f"kg build failed: {proc.stderr.strip()}")
        report = json.loads((Path(tmp) / "out" / "report.json").read_text(encoding="utf-8"))
        return {"mb": mb, "peak_mib": round(peak), "seconds": round(seconds, 1),
                "passages": sum(d["passages"] for d in report["documents"]),
                "words": report["counts"]["words"], "offsets_intact": offsets_intact(Path(tmp) / "out", text)}


def main() -> None:
    """Command line: --mb SIZE (default 5), --json FILE."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="size of the one-line file in MB (default: 5)")
    parser.add_argument("--json", help="also write the result to this file")
    args = parser.parse_args()
    result = measure(args.mb)
    print(json.dumps(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
