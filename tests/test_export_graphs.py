"""GEXF (with time spells), GraphML and Palladio CSV (kg.export.graphs), and --max-nodes."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from kg.export.graphs import (PALLADIO_EDGE_COLUMNS, PALLADIO_NODE_COLUMNS, gexf_text,
                              graphml_text, most_connected, to_networkx, write_graph_files)
from kg.model import Entity, Evidence, KnowledgeGraph, Relation
from test_export_html import EVIL_NAME, EVIL_QUOTE, large_kg, small_kg

GEXF = "{http://www.gexf.net/1.2draft}"


def _ev(quote: str) -> Evidence:
    return Evidence("d-1", "d-1.txt", quote, 0, len(quote), "r.test", 0.9)


def dated_kg() -> KnowledgeGraph:
    """small_kg plus a dated letter and a lifespan."""
    kg = small_kg()
    kg.relations += [
        Relation("Iosif_Stalin", "wrote_to", "Nikolai_Bukharin", "entity", [_ev("a letter")],
                 {"date": "1937-12"}),
        Relation("Nikolai_Bukharin", "died_on", "1938-03-15", "date", [_ev("(1888–1938)")]),
    ]
    return kg


def test_networkx_graph_has_entities_and_entity_relations() -> None:
    kg = dated_kg()
    graph = to_networkx(kg)
    assert sorted(graph.nodes) == sorted(kg.entities)
    assert graph.number_of_edges() == sum(r.object_kind == "entity" for r in kg.relations)
    assert graph.nodes["evil"]["label"] == EVIL_NAME
    assert graph.nodes["Nikolai_Bukharin"]["born_on"] == "1888"
    assert (graph.nodes["Nikolai_Bukharin"]["start"], graph.nodes["Nikolai_Bukharin"]["end"]) \
        == ("1888-01-01", "1938-03-15")
    letter = graph.edges["Iosif_Stalin", "Nikolai_Bukharin", "r0"]
    assert (letter["date"], letter["start"], letter["end"]) == ("1937-12", "1937-12-01", "1937-12-31")


def test_gexf_is_dynamic_with_spells_for_dated_nodes_and_edges() -> None:
    root = ET.fromstring(gexf_text(dated_kg()))
    graph = root.find(f"{GEXF}graph")
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    spells = {(s.get("start"), s.get("end")) for s in root.iter(f"{GEXF}spell")}
    assert spells == {("1888-01-01", "1938-03-15"), ("1937-12-01", "1937-12-31")}
    edges = root.iter(f"{GEXF}edge")
    dated = [e for e in edges if e.find(f"{GEXF}spells") is not None]
    assert [(e.get("source"), e.get("target")) for e in dated] == [("Iosif_Stalin", "Nikolai_Bukharin")]


def test_gexf_and_graphml_read_back_with_networkx(tmp_path: Path) -> None:
    kg = dated_kg()
    write_graph_files(kg, tmp_path)
    for reader, name in [(nx.read_gexf, "graph.gexf"), (nx.read_graphml, "graph.graphml")]:
        graph = reader(tmp_path / name)
        assert graph.number_of_nodes() == len(kg.entities), name
        assert graph.number_of_edges() == 4, name
    graphml = nx.read_graphml(tmp_path / "graph.graphml")
    assert graphml.nodes["evil"]["label"] == EVIL_NAME
    assert EVIL_QUOTE in {d["quote"] for *_, d in graphml.edges(data=True)}
    assert "<img" not in (tmp_path / "graph.graphml").read_text(encoding="utf-8")


def test_static_graph_has_no_time_format() -> None:
    root = ET.fromstring(gexf_text(large_kg(20)))
    assert root.find(f"{GEXF}graph").get("mode") == "static"


def test_palladio_tables(tmp_path: Path) -> None:
    write_graph_files(dated_kg(), tmp_path)
    with (tmp_path / "palladio_nodes.csv").open(encoding="utf-8", newline="") as fh:
        nodes = list(csv.DictReader(fh))
    with (tmp_path / "palladio_edges.csv").open(encoding="utf-8", newline="") as fh:
        edges = list(csv.DictReader(fh))
    assert list(nodes[0]) == PALLADIO_NODE_COLUMNS and list(edges[0]) == PALLADIO_EDGE_COLUMNS
    assert len(nodes) == 4 and len(edges) == 4
    bukharin = next(n for n in nodes if n["Id"] == "Nikolai_Bukharin")
    assert (bukharin["Start"], bukharin["End"], bukharin["Aliases"]) == ("1888-01-01", "1938-03-15", "Bukharin")
    letter = next(e for e in edges if e["Source"] == "Iosif_Stalin")
    assert (letter["Target label"], letter["Relation"], letter["Start"]) == \
        ("Nikolai Bukharin", "wrote_to", "1937-12-01")


def test_seed_build_writes_the_graph_files(seed_build: Path) -> None:
    with (seed_build / "entities.csv").open(encoding="utf-8", newline="") as fh:
        entities = list(csv.DictReader(fh))
    graph = nx.read_gexf(seed_build / "graph.gexf")
    assert graph.number_of_nodes() == len(entities)
    assert nx.read_graphml(seed_build / "graph.graphml").number_of_nodes() == len(entities)
    text = (seed_build / "graph.gexf").read_text(encoding="utf-8")
    assert 'timeformat="date"' in text and "<spell " in text  # lifespans and dated letters
    assert (seed_build / "palladio_nodes.csv").read_text(encoding="utf-8").startswith("Id,Label,")


@pytest.mark.parametrize("limit", [2, 10, 100])
def test_most_connected_keeps_the_highest_degrees(limit: int) -> None:
    kg = large_kg(60)
    kg.relations += [Relation("p5", "met_with", f"p{i}", "entity", [_ev("x")]) for i in range(20, 40)]
    kept = most_connected(kg, limit)
    assert len(kept.entities) == min(limit, 60)
    assert "p5" in kept.entities
    assert all(r.subject in kept.entities and r.object in kept.entities for r in kept.relations)


@pytest.mark.parametrize("limit", [1, 2, 3, 7, 20])
def test_most_connected_leaves_no_entity_without_a_relation(limit: int) -> None:
    kg = large_kg(60)  # a ring with chords, plus a hub p5 and ten entities without relations
    kg.relations += [Relation("p5", "met_with", f"p{i}", "entity", [_ev("x")]) for i in range(20, 40)]
    kg.entities |= {f"lone{i}": Entity(f"lone{i}", "PERSON", f"Lone {i}", mention_count=50)
                    for i in range(10)}
    kept = most_connected(kg, limit)
    linked = {n for r in kept.relations if r.object_kind == "entity" for n in (r.subject, r.object)}
    assert set(kept.entities) == linked and len(kept.entities) >= limit - 1
    assert limit < 2 or "p5" in kept.entities


def test_most_connected_without_limit_is_the_graph() -> None:
    kg = small_kg()
    assert most_connected(kg, None) is kg and most_connected(kg, 10) is kg
    assert len(most_connected(KnowledgeGraph(entities={"a": Entity("a", "PERSON", "A")}), 0).entities) == 0


def test_gexf_spells_are_the_pages_dates(seed_build: Path) -> None:
    """Gephi's timeline and the page's time slider use the same days for every relation."""
    import re

    from test_export_html import embedded_data

    gexf = (seed_build / "graph.gexf").read_text(encoding="utf-8")
    graph_spells = sorted(
        (src, dst, sorted(re.findall(r'<spell start="([^"]+)" end="([^"]+)"', body)))
        for src, dst, body in re.findall(r'<edge source="([^"]+)" target="([^"]+)"[^>]*>(.*?)</edge>', gexf, re.S))
    data = embedded_data((seed_build / "graph.html").read_text(encoding="utf-8"))
    page_spells = sorted((e["from"], e["to"], sorted(tuple(s) for s in e["t"])) for e in data["edges"])
    assert graph_spells == page_spells
    assert sum(1 for *_, s in page_spells if s) >= 5
