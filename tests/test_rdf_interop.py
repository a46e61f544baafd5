"""Interoperability of every RDF output: rdflib, pyoxigraph and Debian's rapper (raptor2) parse it,
serialise → parse round trips are isomorphic, JSON-LD carries the same named graphs as TriG,
provenance names the run, and IRIs stay valid under any --base and any name."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from kg.errors import BaseIRIError
from kg.export import write_all
from kg.export.rdf import to_dataset
from kg.model import KnowledgeGraph

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_export_rdf import build_kg  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

FORMATS = {"graph.ttl": ("turtle", ox.RdfFormat.TURTLE), "graph.trig": ("trig", ox.RdfFormat.TRIG),
           "graph.jsonld": ("json-ld", ox.RdfFormat.JSON_LD)}
ODD_BASE = "http://example.org/архив/o'brien/kg#"
PROV = "http://www.w3.org/ns/prov#"


@pytest.fixture(scope="module")
def odd(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic graph (apostrophes, spaces, Cyrillic) written with an odd base IRI."""
    out = tmp_path_factory.mktemp("odd")
    write_all(build_kg(), out, base=ODD_BASE)
    return out


def _dirs(seed_build: Path, odd: Path) -> dict[str, Path]:
    return {"seeds": seed_build, "odd": odd}


def rdflib_dataset(path: Path) -> Dataset:
    dataset = Dataset()
    dataset.parse(path, format=FORMATS[path.name][0])
    return dataset


def named_graphs(dataset: Dataset) -> dict[str, Graph]:
    default = dataset.default_graph.identifier
    return {str(g.identifier): g for g in dataset.graphs() if len(g) and g.identifier != default}


def rapper_count(path: Path, syntax: str) -> int:
    rapper = shutil.which("rapper")
    if rapper is None:
        pytest.fail("rapper is missing: run `bash tests/install-system-deps.sh` (raptor2-utils)")
    proc = subprocess.run([rapper, "-i", syntax, "-c", str(path)], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0 and "Error" not in proc.stderr, proc.stderr
    return int(proc.stderr.split("returned")[1].split()[0])


@pytest.mark.parametrize("which", ["seeds", "odd"])
@pytest.mark.parametrize("name", sorted(FORMATS))
def test_rdflib_and_pyoxigraph_read_the_same_quads(seed_build: Path, odd: Path, which: str,
                                                   name: str) -> None:
    path = _dirs(seed_build, odd)[which] / name
    quads = list(ox.parse(path=str(path), format=FORMATS[name][1]))
    assert len(quads) == len(set(rdflib_dataset(path).quads())) > 50


@pytest.mark.parametrize("which", ["seeds", "odd"])
@pytest.mark.parametrize("name,syntax", [("graph.ttl", "turtle"), ("graph.trig", "trig")])
def test_rapper_reads_turtle_and_trig(seed_build: Path, odd: Path, which: str, name: str,
                                      syntax: str) -> None:
    path = _dirs(seed_build, odd)[which] / name
    assert rapper_count(path, syntax) == len(list(ox.parse(path=str(path), format=FORMATS[name][1])))


@pytest.mark.parametrize("which", ["seeds", "odd"])
def test_jsonld_has_the_named_graphs_of_trig(seed_build: Path, odd: Path, which: str) -> None:
    out = _dirs(seed_build, odd)[which]
    trig, jsonld = named_graphs(rdflib_dataset(out / "graph.trig")), named_graphs(
        rdflib_dataset(out / "graph.jsonld"))
    assert sorted(trig) == sorted(jsonld) and len(trig) >= 2
    for name, graph in trig.items():
        assert isomorphic(graph, jsonld[name]), name


@pytest.mark.parametrize("fmt", ["turtle", "nt", "xml", "json-ld"])
def test_rdflib_round_trip_is_isomorphic(odd: Path, fmt: str) -> None:
    original = Graph().parse(odd / "graph.ttl", format="turtle")
    again = Graph().parse(data=original.serialize(format=fmt), format=fmt)
    assert isomorphic(original, again)


def test_rdflib_trig_round_trip_is_isomorphic(odd: Path) -> None:
    original = rdflib_dataset(odd / "graph.trig")
    again = Dataset()
    again.parse(data=original.serialize(format="trig"), format="trig")
    expected, parsed = named_graphs(original), named_graphs(again)
    assert sorted(expected) == sorted(parsed)
    assert all(isomorphic(graph, parsed[name]) for name, graph in expected.items())


@pytest.mark.parametrize("fmt,rdflib_fmt", [(ox.RdfFormat.TURTLE, "turtle"),
                                            (ox.RdfFormat.N_TRIPLES, "nt"),
                                            (ox.RdfFormat.RDF_XML, "xml")])
def test_pyoxigraph_round_trip_is_isomorphic(odd: Path, fmt: ox.RdfFormat, rdflib_fmt: str) -> None:
    triples = [q.triple for q in ox.parse(path=str(odd / "graph.ttl"), format=ox.RdfFormat.TURTLE)]
    text = ox.serialize(triples, format=fmt)
    assert isomorphic(Graph().parse(odd / "graph.ttl"), Graph().parse(data=text, format=rdflib_fmt))


def test_trig_round_trips_through_pyoxigraph(odd: Path) -> None:
    quads = list(ox.parse(path=str(odd / "graph.trig"), format=ox.RdfFormat.TRIG))
    dumped = Dataset()
    dumped.parse(data=ox.serialize(quads, format=ox.RdfFormat.N_QUADS), format="nquads")
    expected = named_graphs(rdflib_dataset(odd / "graph.trig"))
    for name, graph in expected.items():
        assert isomorphic(graph, dumped.graph(URIRef(name))), name


# Provenance, IRIs, determinism --------------------------------------------------------------

def test_every_statement_names_the_build_run(odd: Path) -> None:
    graph = Graph().parse(odd / "graph.ttl")
    statements = set(graph.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                                    URIRef("https://histkg.org/ontology#Statement")))
    runs = {graph.value(st, URIRef(PROV + "wasGeneratedBy")) for st in statements}
    assert statements and len(runs) == 1 and None not in runs
    run = runs.pop()
    facts = {str(p).replace("#", "/").rsplit("/", 1)[-1]: str(o)
             for p, o in graph.predicate_objects(run)}
    assert facts["programVersion"] == "0.1.0" and facts["rulesSha256"] == "c" * 64
    assert facts["modelName"] == "en_core_web_sm" and facts["modelVersion"] == "3.8.0"
    assert facts["date"] == "2025-01-31"


def test_another_day_is_another_run_same_day_same_bytes(tmp_path: Path) -> None:
    kg = build_kg()
    write_all(kg, tmp_path / "a")
    write_all(build_kg(), tmp_path / "b")
    kg.report["date"] = "2025-02-01"
    write_all(kg, tmp_path / "c")
    for name in FORMATS:
        same = (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
        other = (tmp_path / "a" / name).read_bytes() != (tmp_path / "c" / name).read_bytes()
        assert same and other, name


@pytest.mark.parametrize("entity_id", ["Kuz'min", "Анна_Ларина"])
def test_odd_names_under_an_odd_base(odd: Path, entity_id: str) -> None:
    expected = {"Kuz'min": ODD_BASE + "Kuz%27min",
                "Анна_Ларина": ODD_BASE + "%D0%90%D0%BD%D0%BD%D0%B0_%D0%9B%D0%B0%D1%80%D0%B8%D0%BD%D0%B0"}
    graph = Graph().parse(odd / "graph.ttl")
    assert (URIRef(expected[entity_id]), None, None) in graph
    store = ox.Store()
    store.load(path=str(odd / "graph.jsonld"), format=ox.RdfFormat.JSON_LD)
    assert store.query(f"ASK {{ GRAPH ?g {{ <{expected[entity_id]}> ?p ?o }} }}")


@pytest.mark.parametrize("base", ["histkg", "http://example.org/kg", "http://ex.org/a b/",
                                  "ftp://example.org/"])
def test_bad_base_is_refused_before_anything_is_written(tmp_path: Path, base: str) -> None:
    with pytest.raises(BaseIRIError):
        write_all(KnowledgeGraph(), tmp_path / "out", base=base)
    assert not (tmp_path / "out").exists()


def test_dataset_and_files_agree(odd: Path) -> None:
    expected = named_graphs(to_dataset(build_kg(), base=ODD_BASE))
    parsed = named_graphs(rdflib_dataset(odd / "graph.jsonld"))
    assert all(isomorphic(graph, parsed[name]) for name, graph in expected.items())
