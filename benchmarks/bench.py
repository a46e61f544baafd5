"""Benchmark: plain spaCy ``nlp.pipe`` vs ``kg build`` end to end, on the same text.

    python benchmarks/bench.py [CORPUS] [--words N | --sizes 100000,200000,1000000] [--jobs 1,2]
                               [--scheduler local:2]

For each size, a slice of CORPUS (any folder of .txt/.md files; default: the shared
Gutenberg Russia/Soviet books) is cut at paragraph breaks into ~4,000-word files in a
temporary folder. Then, each in its own subprocess (so peak memory is per measurement):

- ``spacy``: the same model histkg loads, all its components, ``nlp.pipe`` with histkg's
  batch size over exactly the passages ``kg build`` feeds it (reading not timed) — plain
  spaCy as a user would run it, the baseline of every ratio;
- ``spacy+ops``: the same on histkg's array ops (NumPy's BLAS for matrix products, one
  thread: :mod:`kg.annotate.ops`), to show what the ops alone contribute;
- ``spacy+kg``: the full model with histkg's components (gazetteer, types, dates, names);
- ``kg -j N``: ``build()`` + ``write_all()`` with a cold cache, per-step times from report.json,
  and the share of sentences the parser ran on (selective parsing);
- ``kg -j 1 --parse-all``: the same with every sentence parsed (``BuildOptions.parse_all``),
  to show what selective parsing contributes;
- ``kg --scheduler S``: the same on a Dask cluster (``local:N`` starts one; cluster start-up and
  the workers' pipeline loading count as processing time);
- ``rebuild``: one file changed, rebuilt with the warm cache of ``kg -j 1``.

Throughput is words (of the passages) per second of processing, model loading excluded for
both sides; peak memory is ``ru_maxrss`` of the build process (and of its largest worker).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "gutenberg_russia_soviet"
STEPS = ("read", "annotate", "link", "cache", "resolve", "export")


def make_slice(corpus: Path, words: int, chunk: int, dest: Path) -> int:
    """Write ~``words`` words of ``corpus`` as ~``chunk``-word files into ``dest``; the count."""
    dest.mkdir(parents=True, exist_ok=True)
    total, part, buf = 0, 0, []
    for path in sorted(p for p in corpus.rglob("*") if p.suffix in {".txt", ".md"}):
        for para in path.read_text(encoding="utf-8", errors="replace").split("\n\n"):
            buf.append(para)
            total += len(para.split())
            if sum(len(p.split()) for p in buf[-200:]) >= chunk or total >= words:
                part = _flush(dest, part, buf)
            if total >= words:
                return total
    _flush(dest, part, buf)
    return total


def _flush(dest: Path, part: int, buf: list[str]) -> int:
    if buf:
        (dest / f"part{part:05d}.txt").write_text("\n\n".join(buf) + "\n", encoding="utf-8")
        buf.clear()
        part += 1
    return part


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def child_pipe(folder: Path, variant: str) -> dict:
    """Time ``nlp.pipe`` on the passages histkg would feed spaCy: the plain model
    (``plain``), the plain model on histkg's ops (``ops``), or with histkg's components (``kg``)."""
    import spacy
    from thinc.api import set_current_ops

    from kg.annotate import BATCH_SIZE, load_pipeline
    from kg.annotate.ops import HistkgOps, one_thread
    from kg.annotate.pipeline import pick_model
    from kg.read import iter_files, read_file

    texts = [p.text for f in iter_files([folder]) for d in read_file(f) for p in d.passages]
    if variant == "ops":
        set_current_ops(HistkgOps())
    nlp = load_pipeline() if variant == "kg" else spacy.load(pick_model())
    t = time.perf_counter()
    with one_thread():
        for _ in nlp.pipe(texts, batch_size=BATCH_SIZE):
            pass
    return {"seconds": time.perf_counter() - t, "words": sum(len(t.split()) for t in texts),
            "components": nlp.pipe_names, "peak_mb": _peak_mb(resource.RUSAGE_SELF)}


def child_build(folder: Path, out: Path, jobs: int, cache: str | None,
                scheduler: str | None = None, parse_all: bool = False) -> dict:
    """Time ``build()`` + ``write_all()``; per-step times and peak memory."""
    from kg.run.build import BuildOptions, build
    from kg.export import write_all

    t = time.perf_counter()
    options = BuildOptions(jobs=jobs, cache_dir=cache, scheduler=scheduler, parse_all=parse_all)
    graph = build([str(folder)], options)
    t_export = time.perf_counter()
    write_all(graph, out, jobs=jobs)
    end = time.perf_counter()
    steps = dict(graph.report["timings"], export=end - t_export)
    return {"seconds": end - t, "load": steps.get("load", 0.0), "steps": steps,
            "words": graph.report["counts"]["words"], "cache": graph.report["cache"],
            "entities": len(graph.entities), "relations": len(graph.relations),
            "parsing": graph.report["parsing"],
            "peak_mb": _peak_mb(resource.RUSAGE_SELF),
            "workers_peak_mb": _peak_mb(resource.RUSAGE_CHILDREN)}


def run_child(*args: str) -> dict:
    """Run this script as a child measurement; its JSON result."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", *args]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if done.returncode:
        raise SystemExit(f"bench: child {args} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(corpus: Path, words: int, args: argparse.Namespace, tmp: Path) -> dict:
    """All measurements of one size."""
    folder = tmp / f"in-{words}"
    make_slice(corpus, words, args.chunk_words, folder)
    files = len(list(folder.iterdir()))
    row: dict = {"size": words, "files": files, "builds": {}}
    if words <= args.spacy_max_words:
        row["spacy"] = run_child("pipe", str(folder), "plain")
    if words <= args.kg_pipe_max_words:
        row["spacy+ops"] = run_child("pipe", str(folder), "ops")
        row["spacy+kg"] = run_child("pipe", str(folder), "kg")
    for jobs in args.jobs:
        cache = tmp / f"cache-{words}-{jobs}"
        row["builds"][jobs] = run_child("build", str(folder), str(tmp / f"out-{words}-{jobs}"),
                                        str(jobs), str(cache))
    if words <= args.kg_pipe_max_words and 1 in args.jobs:
        row["parse_all"] = run_child("build", str(folder), str(tmp / f"out-{words}-all"), "1", "",
                                     "", "all")
    if args.scheduler:
        row["builds"][args.scheduler] = run_child(
            "build", str(folder), str(tmp / f"out-{words}-cluster"), "1",
            str(tmp / f"cache-{words}-cluster"), args.scheduler)
    if 1 in args.jobs:
        victim = sorted(folder.iterdir())[files // 2]
        with victim.open("a", encoding="utf-8") as fh:
            fh.write("\n\nLev Kamenev married Olga Bronstein in 1918.\n")
        row["rebuild"] = run_child("build", str(folder), str(tmp / f"out-{words}-re"), "1",
                                   str(tmp / f"cache-{words}-1"))
    return row


def rate(result: dict) -> float:
    """Words per second of processing (model loading excluded)."""
    return result["words"] / max(result["seconds"] - result.get("load", 0.0), 1e-9)


def report(row: dict) -> str:
    """The human-readable lines of one size."""
    lines = [f"== {row['size']:,} words requested, {row['files']} files"]
    base = rate(row["spacy"]) if "spacy" in row else float("nan")
    if "spacy" in row:
        lines.append(f"spacy nlp.pipe ({','.join(row['spacy']['components'])}): "
                     f"{row['spacy']['seconds']:.1f} s, {row['spacy']['words']:,} words, {base:,.0f} words/s")
    for key, name in (("spacy+ops", "spacy nlp.pipe on histkg's ops"), ("spacy+kg", "spacy+kg components nlp.pipe")):
        if key in row:
            r = row[key]
            lines.append(f"{name}: {r['seconds']:.1f} s, {rate(r):,.0f} words/s ({rate(r) / base:.2f} x spacy)")
    for jobs, r in row["builds"].items():
        steps = " ".join(f"{s}={r['steps'].get(s, 0.0):.1f}" for s in ("load", *STEPS))
        name = f"--scheduler {jobs}" if isinstance(jobs, str) else f"-j {jobs}"
        lines.append(f"kg build {name}: {r['seconds']:.1f} s, {rate(r):,.0f} words/s "
                     f"({rate(r) / base:.2f} x spacy); steps [s, summed over workers]: {steps}; "
                     f"peak {r['peak_mb']:.0f} MB (largest worker {r['workers_peak_mb']:.0f} MB); "
                     f"{r['entities']} entities, {r['relations']} relations; {_parsed(r)}")
    if "parse_all" in row:
        r = row["parse_all"]
        lines.append(f"kg build -j 1, every sentence parsed: {r['seconds']:.1f} s, {rate(r):,.0f} words/s "
                     f"({rate(r) / base:.2f} x spacy); {r['entities']} entities, {r['relations']} relations")
    if 1 in row["builds"] and 2 in row["builds"]:
        lines.append(f"-j 2 / -j 1 throughput: {rate(row['builds'][2]) / rate(row['builds'][1]):.2f} x")
    lines += _cluster_lines(row)
    if "rebuild" in row:
        r, first = row["rebuild"], row["builds"][1]
        lines.append(f"rebuild after changing 1 of {row['files']} files: {r['seconds']:.1f} s "
                     f"(cache {r['cache']}) = {first['seconds'] / r['seconds']:.1f} x faster than "
                     f"the first build ({first['seconds']:.1f} s)")
    return "\n".join(lines)


def _parsed(result: dict) -> str:
    p = result.get("parsing") or {}
    return f"parser ran on {p.get('parsed', 0):,} of {p.get('sentences', 0):,} sentences ({p.get('share', 0):.0%})"


def _cluster_lines(row: dict) -> list[str]:
    """The cluster's throughput against the -j build with as many workers."""
    lines = []
    for name, r in row["builds"].items():
        jobs = int(name.split(":")[1]) if isinstance(name, str) and name.startswith("local:") else None
        other = row["builds"].get(jobs)
        if other:
            lines.append(f"--scheduler {name} / -j {jobs} throughput: {rate(r) / rate(other):.1%} "
                         f"(end to end, loading included: {other['seconds'] / r['seconds']:.1%})")
    return lines


def child_main(argv: list[str]) -> None:
    """Dispatch a child measurement and print its JSON result."""
    sys.path.insert(0, str(ROOT))  # measure the checkout this script belongs to
    if argv[0] == "pipe":
        result = child_pipe(Path(argv[1]), argv[2])
    else:
        cache, scheduler, parse_all = argv[4] or None, (argv[5:6] or [""])[0] or None, argv[6:7] == ["all"]
        result = child_build(Path(argv[1]), Path(argv[2]), int(argv[3]), cache, scheduler, parse_all)
    print(json.dumps(result))


def main() -> None:
    """Parse the flags, measure every size, print the results and a scaling summary."""
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        return child_main(sys.argv[2:])
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS), help="folder of .txt/.md files")
    p.add_argument("--words", type=int, default=200_000, help="slice size (default 200,000)")
    p.add_argument("--sizes", help="comma-separated slice sizes, e.g. 100000,200000,1000000")
    p.add_argument("--jobs", default="1,2", help="kg build -j values (default 1,2)")
    p.add_argument("--scheduler", help="also build on a Dask cluster, e.g. local:2 (compare with -j 2)")
    p.add_argument("--chunk-words", type=int, default=4000, help="words per file (default 4,000)")
    p.add_argument("--kg-pipe-max-words", type=int, default=200_000,
                   help="time spacy+kg components only up to this size (default 200,000)")
    p.add_argument("--spacy-max-words", type=int, default=10**12,
                   help="time plain spaCy only up to this size (default: always)")
    p.add_argument("--json", help="also write all results to this JSON file")
    args = p.parse_args()
    args.jobs = [int(j) for j in args.jobs.split(",")]
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else [args.words]
    rows = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        for words in sizes:
            rows.append(measure(Path(args.corpus), words, args, Path(tmp)))
            print(report(rows[-1]) + "\n", flush=True)
    print(scaling(rows))
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2), encoding="utf-8")


def scaling(rows: list[dict]) -> str:
    """One line per size: time and peak memory of kg build -j 1, relative to the smallest."""
    lines = ["== scaling (kg build -j 1): words, seconds, words/s, peak MB, memory vs smallest"]
    first = rows[0]["builds"].get(1)
    for row in rows:
        r = row["builds"].get(1)
        if r and first:
            lines.append(f"{r['words']:>9,} {r['seconds']:7.1f} {rate(r):8,.0f} {r['peak_mb']:7.0f} "
                         f"{r['peak_mb'] / first['peak_mb']:5.2f} x")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
