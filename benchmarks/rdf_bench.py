"""pyoxigraph vs rdflib on a generated graph shaped like histkg's output, in one run.

The graph has what ``kg build`` writes: entities (type, label, aliases, Wikidata link),
direct relation triples, statement nodes (subject, predicate, object, modality, confidence,
rule, source count) and evidence nodes with quote and position selectors. Both libraries load
the same N-Triples file and answer the same SPARQL queries; the script prints times and the
rdflib / pyoxigraph ratio.

    python benchmarks/rdf_bench.py              # ~1M triples
    python benchmarks/rdf_bench.py --triples 100000

>>> len(generate(2000)) >= 2000
True
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ID = "https://histkg.org/id/"
HKG = "https://histkg.org/ontology#"
OA = "http://www.w3.org/ns/oa#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
XSD = "http://www.w3.org/2001/XMLSchema#"
PREDICATES = ("accusedBy", "spouse", "childOf", "memberOf", "wroteTo", "metWith", "alliedWith",
              "participatedIn", "positionHeld", "followerOf")
TYPES = ("Person", "Person", "Person", "Organisation", "Event", "Place", "Group")

QUERIES = {
    "count-by-predicate": "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n)",
    "2-hop path": f"""SELECT ?a ?c WHERE {{
        <{ID}e0> <{HKG}accusedBy> ?b . ?b <{HKG}accusedBy> ?c . ?c <{LABEL}> ?a }}""",
    "accusations with quotes": f"""SELECT ?accused ?accuser ?quote WHERE {{
        ?st <{HKG}predicate> <{HKG}accusedBy> ; <{HKG}subject> ?accused ; <{HKG}object> ?accuser ;
            <{HKG}evidence> ?ev . ?ev <{OA}hasSelector> ?q . ?q <{OA}exact> ?quote }} LIMIT 1000""",
}


def _entity_lines(n_entities: int, rng: random.Random) -> list[str]:
    lines = []
    for i in range(n_entities):
        node = f"<{ID}e{i}>"
        lines += [f"{node} <{RDF_TYPE}> <{HKG}{rng.choice(TYPES)}> .",
                  f'{node} <{LABEL}> "Entity number {i}" .',
                  f'{node} <http://www.w3.org/2004/02/skos/core#altLabel> "E. {i}" .']
        if i % 3 == 0:
            lines.append(f"{node} <http://www.w3.org/2002/07/owl#sameAs> "
                         f"<http://www.wikidata.org/entity/Q{i + 1}> .")
    return lines


def _statement_lines(k: int, n_entities: int, rng: random.Random) -> list[str]:
    """One relation: direct triple, statement node (9 triples), evidence (12 triples)."""
    s, o = rng.randrange(n_entities), rng.randrange(n_entities)
    p, st, ev = rng.choice(PREDICATES), f"<{ID}statement/s{k}>", f"<{ID}evidence/v{k}>"
    start = rng.randrange(100_000)
    return [
        f"<{ID}e{s}> <{HKG}{p}> <{ID}e{o}> .",
        f"{st} <{RDF_TYPE}> <{HKG}Statement> .", f"{st} <{HKG}subject> <{ID}e{s}> .",
        f"{st} <{HKG}predicate> <{HKG}{p}> .", f"{st} <{HKG}object> <{ID}e{o}> .",
        f'{st} <{HKG}modality> "asserted" .', f'{st} <{HKG}rule> "{p}.rule.v1" .',
        f'{st} <{HKG}confidence> "0.{rng.randrange(50, 99)}"^^<{XSD}decimal> .',
        f'{st} <{HKG}sourceCount> "1"^^<{XSD}integer> .', f"{st} <{HKG}evidence> {ev} .",
        f"{ev} <{RDF_TYPE}> <{HKG}Evidence> .", f"{ev} <{RDF_TYPE}> <{OA}SpecificResource> .",
        f"{ev} <{HKG}inDocument> <{ID}doc/d{k % 500}> .",
        f"{ev} <{OA}hasSelector> <{ID}evidence/v{k}-q> .",
        f"{ev} <{OA}hasSelector> <{ID}evidence/v{k}-p> .",
        f'{ev} <{HKG}layer> "body" .',
        f"<{ID}evidence/v{k}-q> <{RDF_TYPE}> <{OA}TextQuoteSelector> .",
        f'<{ID}evidence/v{k}-q> <{OA}exact> "Entity {s} was {p} entity {o}, the source says." .',
        f"<{ID}evidence/v{k}-p> <{RDF_TYPE}> <{OA}TextPositionSelector> .",
        f'<{ID}evidence/v{k}-p> <{OA}start> "{start}"^^<{XSD}nonNegativeInteger> .',
        f'<{ID}evidence/v{k}-p> <{OA}end> "{start + 120}"^^<{XSD}nonNegativeInteger> .',
    ]


def generate(triples: int, seed: int = 7) -> list[str]:
    """N-Triples lines of a KG-shaped graph with about ``triples`` triples."""
    rng = random.Random(seed)
    n_entities = max(triples // 60, 10)
    lines = _entity_lines(n_entities, rng)
    k = 0
    while len(lines) < triples:
        lines += _statement_lines(k, n_entities, rng)
        k += 1
    lines.append(f"<{ID}e0> <{HKG}accusedBy> <{ID}e1> .")
    lines.append(f"<{ID}e1> <{HKG}accusedBy> <{ID}e2> .")
    return lines


def timed(func: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds taken by ``func()`` and its result."""
    start = time.perf_counter()
    result = func()
    return time.perf_counter() - start, result


def run(path: Path) -> list[tuple[str, float, float, int]]:
    """(task, rdflib s, pyoxigraph s, rows) for loading and each query."""
    import pyoxigraph as ox
    import rdflib

    rows = []
    t_rdf, graph = timed(lambda: rdflib.Graph().parse(path, format="nt"))
    t_ox, store = timed(lambda: _ox_load(ox, path))
    rows.append(("load", t_rdf, t_ox, len(graph)))
    for name, query in QUERIES.items():
        t_rdf, r_rows = timed(lambda: list(graph.query(query)))
        t_ox, o_rows = timed(lambda: list(store.query(query)))
        assert len(r_rows) == len(o_rows), (name, len(r_rows), len(o_rows))
        rows.append((name, t_rdf, t_ox, len(o_rows)))
    return rows


def _ox_load(ox: Any, path: Path) -> Any:
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
    return store


def main(argv: list[str] | None = None) -> None:
    """Generate, load, query, print a table with ratios."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "kg.nt"
        t_gen, lines = timed(lambda: generate(args.triples))
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"generated {len(lines):,} triples in {t_gen:.1f} s")
        print(f"{'task':<26}{'rdflib s':>10}{'pyoxigraph s':>14}{'ratio':>9}{'rows':>11}")
        for task, t_rdf, t_ox, count in run(path):
            print(f"{task:<26}{t_rdf:>10.2f}{t_ox:>14.3f}{t_rdf / max(t_ox, 1e-6):>8.0f}x{count:>11,}")


if __name__ == "__main__":
    main()
