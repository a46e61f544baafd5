"""Time the curate step on a synthetic graph: ``python benchmarks/curate_bench.py [N] [D]``.

``python benchmarks/curate_bench.py --load D`` times loading a curation file of D, then 4 × D
``reject`` decisions written as an inline array (linear: about 4 × the time, not 16 ×).

A graph of N entities (each with two mentions) and 2 × N relations gets D decisions
(a quarter each of reject, accept, merge, relabel, keyed by id and by name). Prints the time
of :func:`kg.curate.curate` for N and 10 × N, so the growth with the graph is visible.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from kg.curate import curate, load_curation
from kg.curate.fileformat import Decision
from kg.model import Entity, Evidence, KnowledgeGraph, Mention, Relation


def graph(n: int) -> KnowledgeGraph:
    entities = {f"p{i}": Entity(f"p{i}", "PERSON", f"Person {i}", [f"P. {i}"], None, ["d-1"], 2)
                for i in range(n)}
    mentions = [Mention("d-1", "d.txt", 10 * i + k, 10 * i + k + 1, f"Person {i}", "PERSON", 0,
                        name=f"Person {i}", entity=f"p{i}") for i in range(n) for k in (0, 5)]
    relations = [Relation(f"p{i}", pred, f"p{(i * 7 + 1) % n}", "entity",
                          [Evidence("d-1", "d.txt", f"p{i} {pred}", 10 * i, 10 * i + 5, "r", 0.8)])
                 for i in range(n) for pred in ("met_with", "wrote_to")]
    return KnowledgeGraph(entities=entities, mentions=mentions, relations=relations)


def decisions(n: int, count: int) -> list[Decision]:
    out = []
    for k in range(count):
        i = (k * 37) % n
        fields = [{"subject": f"p{i}", "predicate": "wrote_to", "object": f"Person {(i * 7 + 1) % n}"},
                  {"subject": f"Person {i}", "predicate": "met_with", "object": f"p{(i * 7 + 1) % n}"},
                  {"keep": f"p{i}", "entities": [f"P. {(i + 1) % n}"]},
                  {"entity": f"p{i}", "label": f"Person {i} (checked)"}][k % 4]
        kind = ["reject", "accept", "merge", "relabel"][k % 4]
        out.append(Decision(kind, fields, "bench", "2026-12-02", "", "bench.toml", k + 1))
    return out


def run(n: int, count: int) -> float:
    kg, ds = graph(n), decisions(n, count)
    started = time.perf_counter()
    curated, report = curate(kg, ds)
    elapsed = time.perf_counter() - started
    print(f"{n:>7} entities, {len(kg.relations):>7} relations, {count} decisions: {elapsed:6.2f} s "
          f"({report['applied']} applied, {len(report['stale'])} stale, "
          f"{len(curated.rejected)} rejected)")
    return elapsed


def load_time(count: int, folder: Path) -> float:
    """Seconds to load ``count`` reject decisions written as one inline array."""
    entries = ",\n  ".join(f'{{subject = "p{i}", predicate = "met_with", object = "p{i + 1}", '
                            f'by = "bench", date = 2026-12-02}}' for i in range(count))
    path = folder / f"inline-{count}.toml"
    path.write_text(f"version = 1\nreject = [\n  {entries}\n]\n", encoding="utf-8")
    started = time.perf_counter()
    load_curation(path)
    elapsed = time.perf_counter() - started
    print(f"{count:>7} inline decisions loaded: {elapsed:6.2f} s")
    return elapsed


if __name__ == "__main__" and sys.argv[1:2] == ["--load"]:
    with tempfile.TemporaryDirectory() as tmp:
        d = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
        load_time(d, Path(tmp))
        load_time(4 * d, Path(tmp))
elif __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    for n in (size, 10 * size):
        run(n, count)
