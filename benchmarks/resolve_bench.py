"""Time entity resolution on synthetic mentions: ``python benchmarks/resolve_bench.py [N]``.

Mentions are drawn from a pool of generated Russian-looking names in their variant forms
(full name, surname, initials + surname, transliteration variants), spread over documents.
Prints mentions/second for N and 10 × N so the growth is visible.
"""

from __future__ import annotations

import random
import sys
import time

from kg.model import Mention
from kg.resolve import Resolver

FIRST = ["Nikolai", "Iosif", "Lev", "Grigorii", "Anna", "Nadezhda", "Iurii", "Aleksei", "Sergei", "Mariia"]
STEMS = ["Bukhar", "Kamen", "Zinov", "Rad", "Lar", "Kuzm", "Tomsk", "Ryk", "Piatak", "Sokolnik"]
ENDS = ["in", "ev", "ov", "skii", "sky", "ek"]


def names(count: int, rng: random.Random) -> list[list[str]]:
    out = []
    for i in range(count):
        first, surname = rng.choice(FIRST), rng.choice(STEMS) + rng.choice(ENDS) + str(i)
        out.append([f"{first} {surname}", surname, f"{first[0]}. {surname}"])
    return out


def mentions(n: int, seed: int = 7) -> list[Mention]:
    rng = random.Random(seed)
    pool = names(max(10, n // 20), rng)
    return [Mention(f"d-{i // 200}", f"d{i // 200}.txt", 0, 1, name, "PERSON", 0, name=name)
            for i, name in enumerate(rng.choice(rng.choice(pool)) for _ in range(n))]


def run(n: int) -> float:
    ms = mentions(n)
    started = time.perf_counter()
    ents = Resolver().resolve(ms)
    took = time.perf_counter() - started
    print(f"{n:>9,} mentions → {len(ents):>7,} entities in {took:6.2f} s ({n / took:,.0f} mentions/s)")
    return took


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    small, large = run(size // 10), run(size)
    print(f"growth for 10x mentions: {large / small:.1f}x time")
