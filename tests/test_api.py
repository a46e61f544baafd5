"""The Python API for notebooks: kg.build_graph → kg.Graph (tables, networkx, RDF, SPARQL, view)."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import kg
from kg.export import OUTPUTS

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def graph() -> kg.Graph:
    return kg.build_graph(SEEDS)


def test_api_names_do_not_shadow_the_pipeline_module() -> None:
    import kg.run.build
    from kg import Graph, build_graph

    assert callable(build_graph) and isinstance(Graph, type)
    assert hasattr(kg.run.build, "BuildOptions") and kg.build_graph is build_graph
    assert {"Graph", "build_graph"} <= set(dir(kg)) and set(kg.__all__) >= {"Graph", "build_graph"}
    with pytest.raises(AttributeError):
        kg.no_such_name  # noqa: B018


def test_import_kg_stays_light() -> None:
    code = "import kg, sys; print(sorted(m for m in ('pandas', 'spacy', 'kg.api') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_tables_are_dataframes_like_the_csv_files(graph: kg.Graph, seed_build: Path) -> None:
    with (seed_build / "entities.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert isinstance(graph.entities, pd.DataFrame)
    assert sorted(graph.entities["id"]) == sorted(r["id"] for r in rows)
    assert list(graph.entities.columns) == list(rows[0])
    assert all(isinstance(a, list) for a in graph.entities["aliases"])
    assert {"subject", "predicate", "object", "evidence", "modality"} <= set(graph.relations.columns)
    assert graph.relations["confidence"].between(0, 1).all()
    assert {"doc", "start", "end", "text", "type", "entity"} <= set(graph.mentions.columns)
    assert len(graph.documents) == len(graph.kg.documents) and "citation" in graph.documents
    assert "entities" in repr(graph) and graph.report["counts"]["entities"] == len(graph.entities)


def test_networkx_and_rdf(graph: kg.Graph) -> None:
    network = graph.to_networkx()
    assert network.number_of_nodes() == len(graph.entities)
    assert network.number_of_edges() == (graph.relations.drop_duplicates(
        ["subject", "predicate", "object", "qualifiers"])["object_kind"] == "entity").sum()
    assert len(graph.to_rdf()) > 100


def test_sparql_select_ask_and_construct(graph: kg.Graph) -> None:
    rows = graph.sparql("""
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?label WHERE { ?e rdfs:label ?label } ORDER BY ?label""")
    assert isinstance(rows, pd.DataFrame) and list(rows.columns) == ["label"]
    assert set(graph.entities["label"]) <= set(rows["label"])
    count = graph.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert pd.api.types.is_integer_dtype(count["n"]) and count.loc[0, "n"] > 100
    assert graph.sparql("ASK { ?s ?p ?o }") is True
    triples = graph.sparql("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3")
    assert len(triples) == 3 and all(len(t) == 3 for t in triples)


def test_show_is_an_inline_sandboxed_page(graph: kg.Graph) -> None:
    shown = graph.show(height=400, max_nodes=20)
    html = shown._repr_html_() if hasattr(shown, "_repr_html_") else shown.data
    assert "<iframe" in html and 'sandbox="allow-scripts allow-downloads"' in html and "height:400px" in html
    assert "srcdoc='&lt;!DOCTYPE html&gt;" in html and "<script" not in html


def test_save_writes_the_outputs(graph: kg.Graph, tmp_path: Path) -> None:
    paths = graph.save(tmp_path, embed=True)
    assert set(OUTPUTS) <= set(paths) and {"embed-iframe.html", "embed-fragment.html"} <= set(paths)
    assert all(p.is_file() for p in paths.values())


def test_build_graph_takes_rule_files(tmp_path: Path) -> None:
    rule = tmp_path / "met.toml"
    rule.write_text('[[rule]]\nid = "met_with.met.v1"\npredicate = "met_with"\nkind = "dependency"\n'
                    'subject = ["PERSON"]\nobject = ["PERSON"]\ntrigger = ["meet"]\n'
                    'subject_paths = ["<nsubj"]\nobject_paths = [">dobj"]\n', encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text("Nikolai Bukharin met Karl Radek in Moscow.\n", encoding="utf-8")
    graph = kg.Graph.from_files(doc, rules=rule)
    assert "met_with" in set(graph.relations["predicate"])
