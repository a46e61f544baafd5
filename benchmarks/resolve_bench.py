"""Time and memory of the client-side resolve step on synthetic mentions.

    python benchmarks/resolve_bench.py [N]                      # N and N / 10, time only
    python benchmarks/resolve_bench.py --sizes 1000000,5000000  # time and memory per size

Mentions are drawn from a pool of generated Russian-looking names in their variant forms
(full name, surname, initials + surname, transliteration variants), 200 per document; one
assertion (with a quoted evidence passage) per 10 mentions links two mentions of a document.
With ``--sizes`` each size runs in its own process and reports what the build's resolve step
does on the client after the workers have sent their results: ``Resolver.resolve`` over the
mentions, then ``aggregate`` of the assertions into relations. Memory: the resident size of
the inputs (mentions + assertions, as the client holds them before resolving) and the peak
of the process (``ru_maxrss``).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

from kg.model import Assertion, Evidence, Mention
from kg.resolve import Resolver
from kg.resolve.relations import aggregate

FIRST = ["Nikolai", "Iosif", "Lev", "Grigorii", "Anna", "Nadezhda", "Iurii", "Aleksei", "Sergei", "Mariia"]
STEMS = ["Bukhar", "Kamen", "Zinov", "Rad", "Lar", "Kuzm", "Tomsk", "Ryk", "Piatak", "Sokolnik"]
ENDS = ["in", "ev", "ov", "skii", "sky", "ek"]
PER_DOC = 200
QUOTE = "In the spring of that year he met the other at the congress and wrote to him afterwards."


def names(count: int, rng: random.Random) -> list[list[str]]:
    out = []
    for i in range(count):
        first, surname = rng.choice(FIRST), rng.choice(STEMS) + rng.choice(ENDS) + str(i)
        out.append([f"{first} {surname}", surname, f"{first[0]}. {surname}"])
    return out


def mentions(n: int, seed: int = 7) -> list[Mention]:
    rng = random.Random(seed)
    pool = names(max(10, n // 20), rng)
    return [Mention(f"d-{i // PER_DOC}", f"d{i // PER_DOC}.txt", 0, 1, name, "PERSON", 0, name=name)
            for i, name in enumerate(rng.choice(rng.choice(pool)) for _ in range(n))]


def assertions(ms: list[Mention]) -> list[Assertion]:
    """One ``met_with`` per 10 mentions, between neighbours in the same document."""
    out = []
    for i in range(0, len(ms) - 1, 10):
        a, b = ms[i], ms[i + 1]
        ev = Evidence(a.doc_id, a.source, QUOTE, i, i + len(QUOTE), "met_with.synthetic.v1", 0.8)
        out.append(Assertion(a, "met_with", b, "entity", ev))
    return out


def run(n: int) -> float:
    ms = mentions(n)
    started = time.perf_counter()
    ents = Resolver().resolve(ms)
    took = time.perf_counter() - started
    print(f"{n:>9,} mentions → {len(ents):>7,} entities in {took:6.2f} s ({n / took:,.0f} mentions/s)")
    return took


def _rss_mb() -> float:
    """The current resident size of this process."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize() / 2**20


def child(n: int) -> dict:
    """One measurement: resolve + aggregate of ``n`` mentions, with memory."""
    base = _rss_mb()
    ms = mentions(n)
    asserted = assertions(ms)
    inputs = _rss_mb() - base
    t = time.perf_counter()
    entities = Resolver().resolve(ms)
    t_resolve = time.perf_counter() - t
    relations = aggregate(asserted)
    took = time.perf_counter() - t
    return {"mentions": n, "assertions": len(asserted), "entities": len(entities),
            "relations": len(relations), "resolve_s": t_resolve, "seconds": took,
            "inputs_mb": inputs, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def measure(sizes: list[int]) -> list[dict]:
    """Each size in a fresh process (so that peak memory is its own); prints a line per size."""
    rows = []
    print("mentions, entities, relations: resolve s, resolve+aggregate s, mentions/s, "
          "inputs MB, peak MB, bytes per mention (peak)")
    for n in sizes:
        cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(n)]
        done = subprocess.run(cmd, capture_output=True, text=True, check=True)
        r = json.loads(done.stdout.strip().splitlines()[-1])
        rows.append(r)
        print(f"{n:>10,} {r['entities']:>9,} {r['relations']:>9,}: {r['resolve_s']:8.1f} "
              f"{r['seconds']:8.1f} {n / r['seconds']:9,.0f} {r['inputs_mb']:8.0f} "
              f"{r['peak_mb']:8.0f} {r['peak_mb'] * 2**20 / n:7.0f}", flush=True)
    return rows


def main() -> None:
    """``N`` (time at N/10 and N) or ``--sizes`` (time and memory per size)."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("n", nargs="?", type=int, default=100_000, help="mentions (default 100,000)")
    p.add_argument("--sizes", help="comma-separated mention counts, e.g. 1000000,5000000")
    p.add_argument("--child", type=int, help=argparse.SUPPRESS)
    p.add_argument("--json", help="also write the --sizes results to this JSON file")
    args = p.parse_args()
    if args.child:
        print(json.dumps(child(args.child)))
    elif args.sizes:
        rows = measure([int(s) for s in args.sizes.split(",")])
        if args.json:
            Path(args.json).write_text(json.dumps(rows, indent=2), encoding="utf-8")
    else:
        small, large = run(args.n // 10), run(args.n)
        print(f"growth for 10x mentions: {large / small:.1f}x time")


if __name__ == "__main__":
    main()
