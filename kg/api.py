"""The Python API for notebooks: build a graph, look at it as tables, query it, draw it.

>>> import kg
>>> graph = kg.build_graph(["seeds"])                  # doctest: +SKIP
>>> graph.entities.head()                              # doctest: +SKIP
>>> graph.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")  # doctest: +SKIP
>>> graph.show()                                       # doctest: +SKIP
>>> checked = graph.curate("curation.toml")            # doctest: +SKIP

The names are ``kg.build_graph`` (files → :class:`Graph`) and :class:`Graph` itself
(``Graph.from_files`` is the same as ``build_graph``; ``Graph(knowledge_graph)`` wraps a
:class:`~kg.model.KnowledgeGraph` built otherwise). ``kg.run.build`` stays the pipeline module.
"""

from __future__ import annotations

import tempfile
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable

import networkx as nx
import pandas as pd

from kg.export import DEFAULT_BASE
from kg.model import KnowledgeGraph

_PATH_OPTIONS = ("rules", "gazetteers", "curation")


def build_graph(inputs: str | Path | Iterable[str | Path], **options: Any) -> "Graph":
    """Build the graph of files and folders; ``options`` are those of :class:`kg.run.build.BuildOptions`.

    ``rules``, ``gazetteers`` and ``curation`` take a path or a list of paths (extra TOML
    rule files, JSON Lines gazetteers, curation files); ``model`` names an installed spaCy
    pipeline; ``min_confidence`` leaves out the relations below it (default: the calibrated
    threshold; see :attr:`Graph.uncertain`), ``keep_uncertain=True`` keeps them, flagged.

    >>> graph = build_graph("seeds", min_confidence=0.7, keep_uncertain=True)  # doctest: +SKIP
    >>> graph.uncertain[["subject", "predicate", "object", "confidence"]]     # doctest: +SKIP
    """
    from kg.run.build import BuildOptions, build

    paths = [inputs] if isinstance(inputs, (str, Path)) else list(inputs)
    for name in _PATH_OPTIONS:
        value = options.get(name)
        if isinstance(value, (str, Path)):
            options[name] = (str(value),)
        elif value is not None:
            options[name] = tuple(str(v) for v in value)
    return Graph(build([str(p) for p in paths], BuildOptions(**options)))


class _HTML:
    """Shown as HTML by Jupyter when IPython is missing (IPython's ``HTML`` otherwise)."""

    def __init__(self, data: str) -> None:
        self.data = data

    def _repr_html_(self) -> str:
        return self.data


class Graph:
    """A built knowledge graph with tables (pandas), networkx, RDF, SPARQL and a view."""

    def __init__(self, kg: KnowledgeGraph, base: str = DEFAULT_BASE) -> None:
        self.kg = kg
        self.base = base

    @classmethod
    def from_files(cls, inputs: str | Path | Iterable[str | Path], **options: Any) -> "Graph":
        """Same as :func:`build_graph`."""
        return build_graph(inputs, **options)

    def curate(self, *paths: str | Path) -> "Graph":
        """A new Graph with the decisions of these curation files applied (see README,
        "Correcting the graph"); ``report["curation"]`` lists stale decisions."""
        from kg.curate import apply_curation, load_files

        return Graph(apply_curation(self.kg, load_files(paths)), self.base)

    def __repr__(self) -> str:
        return (f"<kg.Graph: {len(self.kg.documents)} documents, {len(self.kg.entities)} "
                f"entities, {len(self.kg.relations)} relations>")

    @property
    def report(self) -> dict[str, Any]:
        """The build report (counts, timings, problems, versions), as in report.json."""
        return self.kg.report

    @cached_property
    def entities(self) -> pd.DataFrame:
        """One row per entity: the columns of entities.csv (aliases and sources as lists)."""
        from kg.export.tables import ENTITY_COLUMNS, entity_rows

        frame = pd.DataFrame(entity_rows(self.kg), columns=ENTITY_COLUMNS)
        for column in ("aliases", "sources"):
            frame[column] = frame[column].map(lambda s: s.split("|") if s else [])
        return frame

    @cached_property
    def relations(self) -> pd.DataFrame:
        """One row per piece of evidence: the columns of relations.csv."""
        from kg.export.tables import RELATION_COLUMNS, relation_rows

        frame = pd.DataFrame(relation_rows(self.kg), columns=RELATION_COLUMNS)
        frame["confidence"] = frame["confidence"].astype(float)
        return frame

    @cached_property
    def uncertain(self) -> pd.DataFrame:
        """The relations below the build's ``min_confidence`` (left out of the graph, or kept
        and flagged with ``keep_uncertain=True``): the columns of relations.csv, ``review``
        ``uncertain``, lowest confidence first."""
        from kg.export.tables import RELATION_COLUMNS, relation_rows
        from kg.export.uncertain import uncertain_relations

        below = uncertain_relations(self.kg)
        rows = relation_rows(KnowledgeGraph(documents=self.kg.documents, relations=below))
        frame = pd.DataFrame(rows, columns=RELATION_COLUMNS)
        frame["confidence"] = frame["confidence"].astype(float)
        return frame.sort_values("confidence", kind="stable").reset_index(drop=True)

    @cached_property
    def mentions(self) -> pd.DataFrame:
        """One row per named mention or date: the columns of mentions.csv."""
        from kg.export.tables import MENTION_COLUMNS, mention_rows

        return pd.DataFrame(mention_rows(self.kg), columns=MENTION_COLUMNS)

    @cached_property
    def documents(self) -> pd.DataFrame:
        """One row per document: id, file, title, kind, date, author, citation."""
        rows = [{"id": d.id, "file": d.source, "title": d.title, "kind": d.kind, "date": d.date,
                 "author": d.author, "citation": d.citation.text if d.citation else None}
                for d in self.kg.documents]
        return pd.DataFrame(rows, columns=["id", "file", "title", "kind", "date", "author",
                                           "citation"])

    def to_networkx(self) -> nx.MultiDiGraph:
        """The entity network (see :func:`kg.export.graphs.to_networkx`)."""
        from kg.export.graphs import to_networkx

        return to_networkx(self.kg)

    def to_rdf(self) -> Any:
        """The graph as an rdflib ``Dataset`` (one named graph per document)."""
        from kg.export.rdf import to_dataset

        return to_dataset(self.kg, self.base)

    @cached_property
    def _store(self) -> Any:
        import pyoxigraph

        from kg.export.rdf import write_turtle

        store = pyoxigraph.Store()
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "graph.ttl"
            write_turtle(self.kg, path, base=self.base)
            store.load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
        return store

    def sparql(self, query: str) -> pd.DataFrame | bool | list[tuple[str, str, str]]:
        """Run a SPARQL query: SELECT → DataFrame of values, ASK → bool, else triples."""
        import pyoxigraph

        result = self._store.query(query)
        if isinstance(result, pyoxigraph.QueryBoolean):
            return bool(result)
        if isinstance(result, pyoxigraph.QuerySolutions):
            names = [v.value for v in result.variables]
            rows = [[_value(row[name]) for name in names] for row in result]
            return pd.DataFrame(rows, columns=names)
        return [(_value(t.subject), _value(t.predicate), _value(t.object)) for t in result]

    def html(self, max_nodes: int | None = None, title: str = "histkg network") -> str:
        """The network page (graph.html) as a string."""
        from kg.export.html import render_html

        return render_html(self.kg, title, max_nodes=max_nodes)

    def show(self, height: int = 600, max_nodes: int | None = None) -> Any:
        """The network inline in Jupyter: the page in a sandboxed iframe (``srcdoc``)."""
        from kg.export.embed import fragment

        snippet = fragment(self.html(max_nodes), height=f"{height}px")
        try:
            from IPython.display import HTML
        except ImportError:
            return _HTML(snippet)
        return HTML(snippet)

    def save(self, out_dir: str | Path, *, embed: bool = False,
             max_nodes: int | None = None) -> dict[str, Path]:
        """Write every output file of ``kg build`` into ``out_dir`` as one set (a staging folder
        swapped in, :mod:`kg.run.staging`); returns name → path."""
        from kg.export import OUTPUTS, write_all
        from kg.export.embed import EMBED_FILES
        from kg.run.staging import publish

        names: dict[str, Path] = {}
        target = publish(out_dir, lambda d: names.update(write_all(self.kg, d, base=self.base,
                                                                   max_nodes=max_nodes, embed=embed)),
                         OUTPUTS + EMBED_FILES)
        return {name: target / name for name in names}


def _value(term: Any) -> Any:
    """A pyoxigraph term as a Python value: IRIs and strings as str, numbers as numbers."""
    if term is None:
        return None
    datatype = getattr(getattr(term, "datatype", None), "value", "")
    if datatype.endswith(("#integer", "#int", "#long")):
        return int(term.value)
    if datatype.endswith(("#decimal", "#double", "#float")):
        return float(term.value)
    return term.value if hasattr(term, "value") else str(term)
