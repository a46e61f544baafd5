"""The export step: pure mappings from a :class:`~kg.model.KnowledgeGraph` to files.

>>> sorted(OUTPUTS)
['entities.csv', 'graph.html', 'graph.trig', 'graph.ttl', 'mentions.csv', 'relations.csv', 'report.json']
"""

from __future__ import annotations

import json
from pathlib import Path

from kg.atomic import write_text
from kg.model import KnowledgeGraph

OUTPUTS = ("graph.ttl", "graph.trig", "graph.html", "entities.csv", "mentions.csv",
           "relations.csv", "report.json")
DEFAULT_BASE = "https://histkg.org/id/"


def write_report(graph: KnowledgeGraph, path: str | Path) -> None:
    """report.json: counts, timings, problems, debris, versions (sorted keys)."""
    write_text(path, json.dumps(graph.report, indent=2, sort_keys=True, ensure_ascii=False) + "\n")


def write_all(graph: KnowledgeGraph, out_dir: str | Path, base: str = DEFAULT_BASE) -> dict[str, Path]:
    """Write every file of the output contract into ``out_dir``; returns name → path."""
    from kg.export.html import write_html
    from kg.export.rdf import write_trig, write_turtle
    from kg.export.tables import write_tables

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    write_tables(graph, out)
    write_turtle(graph, out / "graph.ttl", base=base)
    write_trig(graph, out / "graph.trig", base=base)
    write_html(graph, out / "graph.html")
    write_report(graph, out / "report.json")
    return {name: out / name for name in OUTPUTS}
