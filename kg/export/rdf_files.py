"""graph.ttl, graph.trig and graph.jsonld written from one collection of the triples
(:func:`kg.export.rdf.collect`); JSON-LD depends on the RDF graph, not the reverse.

>>> import tempfile
>>> from pathlib import Path
>>> from kg.model import KnowledgeGraph
>>> with tempfile.TemporaryDirectory() as tmp:
...     write_rdf(KnowledgeGraph(), tmp, formats=("ttl",))
...     sorted(p.name for p in Path(tmp).iterdir())
['graph.ttl']
"""

from __future__ import annotations

import os
from pathlib import Path

from kg.export.atomic import write_text
from kg.export.jsonld import write_jsonld_graphs
from kg.export.rdf import Graphs, collect, prefixes
from kg.export.rdf_terms import DEFAULT_BASE
from kg.export.turtle import turtle_and_trig, turtle_text
from kg.model import KnowledgeGraph


def write_rdf(kg: KnowledgeGraph, out_dir: str | os.PathLike[str],
              base: str = DEFAULT_BASE, formats: tuple[str, ...] = ("ttl", "trig", "jsonld"),
              graphs: Graphs | None = None) -> None:
    """Write graph.ttl, graph.trig and graph.jsonld (those of ``formats``) from one
    collection of the triples (``graphs``: :func:`kg.export.rdf.collect` of ``kg`` and
    ``base``, when the caller has it already)."""
    out = Path(out_dir)
    graphs = graphs if graphs is not None else collect(kg, base)
    if "trig" in formats:  # with graph.ttl from the same formatted lines
        ttl, trig = turtle_and_trig(graphs.named, graphs.default, prefixes(base), turtle="ttl" in formats)
        write_text(out / "graph.trig", trig)
        if ttl:
            write_text(out / "graph.ttl", ttl)
    elif "ttl" in formats:
        write_text(out / "graph.ttl", turtle_text(graphs.merged(), prefixes(base)))
    if "jsonld" in formats:
        write_jsonld_graphs(dict(graphs.named), graphs.default, out / "graph.jsonld", base)
