"""The export step: pure mappings from a :class:`~kg.model.KnowledgeGraph` to files.

>>> sorted(OUTPUTS)
['entities.csv', 'graph.gexf', 'graph.graphml', 'graph.html', 'graph.jsonld', 'graph.trig', 'graph.ttl', 'mentions.csv', 'palladio_edges.csv', 'palladio_nodes.csv', 'relations.csv', 'report.json', 'sources.csl.json']
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from kg.export.atomic import write_text
from kg.export.alongside import alongside
from kg.model import KnowledgeGraph

if TYPE_CHECKING:
    from kg.export.html import PageOptions
    from kg.export.rdf import Graphs

OUTPUTS = ("graph.ttl", "graph.trig", "graph.jsonld", "graph.html", "entities.csv", "mentions.csv",
           "relations.csv", "report.json", "graph.gexf", "graph.graphml",
           "palladio_nodes.csv", "palladio_edges.csv", "sources.csl.json")
DEFAULT_BASE = "https://histkg.org/id/"
T = TypeVar("T")


def write_report(graph: KnowledgeGraph, path: str | Path) -> None:
    """report.json: counts, timings, problems, debris, versions (sorted keys)."""
    write_text(path, json.dumps(graph.report, indent=2, sort_keys=True, ensure_ascii=False) + "\n")


def write_all(graph: KnowledgeGraph, out_dir: str | Path, base: str = DEFAULT_BASE, *,
              max_nodes: int | None = None, embed: bool = False, jobs: int = 1,
              page: PageOptions | None = None, tei: bool = False) -> dict[str, Path]:
    """Write every file of the output contract into ``out_dir``; returns name → path.

    ``max_nodes`` limits graph.html to the most connected entities; ``embed`` also writes
    the course-page snippets (:mod:`kg.export.embed`); ``jobs`` > 1 writes JSON-LD and the
    network files in a second process meanwhile (the same bytes); ``page``: the page's
    title, caption, focus and read-only mode (:class:`kg.export.html.PageOptions`); ``tei``
    also writes a TEI file per document into ``tei/`` (:mod:`kg.export.tei`), its counts in
    report.json's ``"tei"``. The seconds it took are in report.json's
    ``timings`` (``export``, and ``export:PART`` for each part).
    """
    from kg.export.csl import write_csl
    from kg.export.embed import EMBED_FILES, write_embed
    from kg.export.html import write_html
    from kg.export.rdf import collect
    from kg.export.rdf_files import write_rdf
    from kg.export.rdf_terms import check_base
    from kg.export.tables import write_tables

    check_base(base)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    started, spent = time.perf_counter(), {}
    triples = _timed(spent, "collect", collect, graph, base)  # once, for both processes (the second inherits it)
    with alongside(_second_half, triples, graph, out, base, parallel=jobs > 1):
        _timed(spent, "tables", write_tables, graph, out)
        _timed(spent, "csl", write_csl, graph, out / "sources.csl.json")
        _timed(spent, "turtle_trig", write_rdf, graph, out, base=base, formats=("ttl", "trig"), graphs=triples)
        _timed(spent, "page", write_html, graph, out / "graph.html", max_nodes=max_nodes, page=page)
        second = time.perf_counter()
    # JSON-LD and the network files: their time here, or the wait for the second process
    spent["jsonld_network" if jobs <= 1 else "jsonld_network_wait"] = time.perf_counter() - second
    if embed:
        write_embed(out / "graph.html", title=page.title if page else "histkg network")
    if tei:
        from kg.export.tei import TEI_FOLDER, write_tei

        graph.report["tei"] = write_tei(graph, out / TEI_FOLDER)
    timings = graph.report.setdefault("timings", {})
    timings.update({f"export:{k}": round(v, 3) for k, v in spent.items()}, export=round(time.perf_counter() - started, 3))
    write_report(graph, out / "report.json")
    return {name: out / name for name in OUTPUTS + (EMBED_FILES if embed else ()) + (("tei",) if tei else ())}


def _timed(spent: dict[str, float], name: str, task: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``task(*args, **kwargs)``, its wall time added to ``spent[name]``."""
    start = time.perf_counter()
    try:
        return task(*args, **kwargs)
    finally:
        spent[name] = spent.get(name, 0.0) + time.perf_counter() - start


def _second_half(triples: Graphs, graph: KnowledgeGraph, out: Path, base: str) -> None:
    """graph.jsonld (from the triples collected for the RDF files) and the network files
    (GEXF, GraphML, Palladio)."""
    from kg.export.graphs import write_graph_files
    from kg.export.rdf_files import write_rdf

    write_rdf(graph, out, base=base, formats=("jsonld",), graphs=triples)
    write_graph_files(graph, out)
