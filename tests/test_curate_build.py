"""A curated build (`kg build --curation`, a curation.toml in an input folder, the Python
API): byte-identical rebuilds, stale decisions reported, review provenance in the RDF, the
`reviews` query, `kg validate`, the tables and network files, and the README's example."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef

import kg
from kg.cli import main
from kg.export import OUTPUTS
from kg.sparql.query import QUERY_DIR, execute, load_store
from test_curate import TEXT, WHO, write_corpus

# rdflib 7 warns about its own deprecated internals when tests parse datasets.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

ROOT = Path(__file__).resolve().parents[1]
ID, HKG = "https://histkg.org/id/", "https://histkg.org/ontology#"
VOLATILE = ("timings", "jobs", "engine", "cache", "built")  # built: wall-clock time
REJECTED = ("Koba met with Karl Radek in Moscow.",
            "In 1937 Karl Radek accused Nikolai Bukharin of sabotage.")
CURATION = (f'version = 1\n\n[[reject]]\nsubject = "Karl Radek"\npredicate = "met_with"\nobject = "Koba"\n'
            f'{WHO}note = "They met in Berlin, not in Moscow"\n\n'
            f'[[accept]]\nsubject = "Ivan_Petrov"\npredicate = "accused_by"\nobject = "Iosif_Stalin"\n{WHO}\n'
            f'[[add]]\nsubject = "Karl_Radek"\npredicate = "member_of"\nobject = "Communist_Party"\n'
            f'document = "letters.txt"\nquote = "Karl Radek accused Nikolai Bukharin of treason."\n{WHO}\n'
            f'[[merge]]\nkeep = "Karl_Radek"\nentities = ["Anna Larina"]\n{WHO}\n'
            f'[[reject]]\nsubject = "Nikolai Bukharin"\npredicate = "accused_by"\nobject = "Karl_Radek"\n'
            f'document = "letters.txt"\nquote = "of sabotage"\n{WHO}\n'
            f'[[reject]]\nsubject = "Lev Trotsky"\npredicate = "accused_by"\nobject = "Iosif_Stalin"\n{WHO}')


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict:
    """The corpus built with the curation file in this process, and again in a new one."""
    tmp = tmp_path_factory.mktemp("curated")
    corpus = write_corpus(tmp / "in")
    (tmp / "curation.toml").write_text(CURATION, encoding="utf-8")
    args = ["build", str(corpus), "--curation", str(tmp / "curation.toml"), "--quiet", "--no-cache"]
    assert main([*args, "--out", str(tmp / "one")]) == 0
    env = {**os.environ, "PYTHONHASHSEED": "7"}
    proc = subprocess.run([sys.executable, "-m", "kg.cli", *args, "--out", str(tmp / "two")],
                          capture_output=True, text=True, env=env, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    return {"tmp": tmp, "corpus": corpus, "one": tmp / "one", "two": tmp / "two", "stderr": proc.stderr}


def _report(out: Path) -> dict:
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_a_rebuild_with_the_same_curation_is_byte_identical(built) -> None:
    for name in OUTPUTS:
        if name == "report.json":
            one, two = _report(built["one"]), _report(built["two"])
            for key in VOLATILE:
                one.pop(key), two.pop(key)
            assert one == two
        else:
            assert (built["one"] / name).read_bytes() == (built["two"] / name).read_bytes(), name


def test_a_stale_decision_is_in_the_report_and_one_warning_line(built) -> None:
    curation = _report(built["one"])["curation"]
    assert (curation["decisions"], curation["applied"], curation["rejected"]) == (6, 5, 2)
    line = CURATION.splitlines().index('subject = "Lev Trotsky"')  # the [[reject]] line above it
    assert [(s["line"], s["kind"]) for s in curation["stale"]] == [(line, "reject")]
    assert "Lev Trotsky" in curation["stale"][0]["why"]
    warnings = [line for line in built["stderr"].splitlines() if "warning" in line]
    assert len(warnings) == 1 and "1 curation decision matched nothing" in warnings[0]
    assert f"curation.toml:{line} reject" in warnings[0]


def test_the_reviews_query_lists_the_rejected_relation_with_curator_and_note(built) -> None:
    store = load_store(built["one"])
    solutions = execute(store, (QUERY_DIR / "reviews.rq").read_text(encoding="utf-8"), "reviews")
    rows = [{v.value: row[v.value].value for v in solutions.variables if row[v.value] is not None}
            for row in solutions]
    assert sorted(r["status"] for r in rows) == ["accepted", "added", "rejected", "rejected"]
    [rejected] = [r for r in rows if r["status"] == "rejected" and r["property"] == "metWith"]
    assert (rejected["curator"], rejected["note"], rejected["date"]) == \
        ("A. Historian", "They met in Berlin, not in Moscow", "2026-12-02")
    assert (rejected["property"], rejected["quote"]) == ("metWith", "Koba met with Karl Radek in Moscow.")


def test_the_other_shipped_queries_leave_rejected_statements_out(built) -> None:
    store = load_store(built["one"])
    with (built["one"] / "relations.csv").open(encoding="utf-8") as fh:
        kept = {row["evidence"] for row in csv.DictReader(fh)}  # quotes other statements still use
    only_rejected = [quote for quote in REJECTED if quote not in kept]
    assert only_rejected, "every rejected passage also states a kept relation: nothing to check"
    for query in sorted(QUERY_DIR.glob("*.rq")):
        solutions = execute(store, query.read_text(encoding="utf-8"), query.stem)
        values = {row[v.value].value for row in solutions for v in solutions.variables
                  if row[v.value] is not None}
        for quote in only_rejected:
            assert (quote in values) == (query.stem == "reviews"), (query.stem, quote)


def test_a_rejected_statement_loses_its_triple_and_sits_in_its_own_graph(built) -> None:
    merged = Graph().parse(built["one"] / "graph.ttl")
    direct = (URIRef(ID + "Iosif_Stalin"), URIRef(HKG + "metWith"), URIRef(ID + "Karl_Radek"))
    assert direct not in merged
    dataset = Dataset()
    dataset.parse(built["one"] / "graph.trig", format="trig")
    rejected = dataset.graph(URIRef(ID + "graph/rejected"))
    statements = set(rejected.subjects(URIRef(HKG + "reviewStatus"), Literal("rejected")))
    assert len(statements) == 2 and all((s, URIRef(HKG + "evidence"), None) in rejected for s in statements)
    kept = (URIRef(ID + "Nikolai_Bukharin"), URIRef(HKG + "accusedBy"), URIRef(ID + "Karl_Radek"))
    assert kept in merged  # one of its two passages was rejected, the other still states it


def test_kg_validate_passes_on_a_curated_build(built, capsys) -> None:
    assert main(["validate", str(built["one"])]) == 0
    assert "conforms" in capsys.readouterr().out


def test_tables_and_network_files_use_the_curated_graph(built) -> None:
    rows = _rows(built["one"] / "relations.csv")
    review = {(r["subject"], r["predicate"], r["object"]): r["review"] for r in rows}
    assert review[("Ivan_Petrov", "accused_by", "Iosif_Stalin")] == "accepted"
    assert review[("Karl_Radek", "member_of", "Communist_Party")] == "added"
    assert review[("Karl_Radek", "spouse", "Nikolai_Bukharin")] == ""  # merged: Anna Larina's
    assert not any(r["predicate"] == "met_with" for r in rows)
    assert "Anna_Larina" not in {r["id"] for r in _rows(built["one"] / "entities.csv")}
    edges = _rows(built["one"] / "palladio_edges.csv")
    assert not any(e["Relation"] == "met_with" for e in edges)
    gexf = (built["one"] / "graph.gexf").read_text(encoding="utf-8")
    assert 'id="Anna_Larina"' not in gexf and 'label="met_with"' not in gexf
    assert 'title="review"' in gexf and 'value="accepted"' in gexf and 'value="added"' in gexf


def test_a_curation_toml_in_an_input_folder_and_the_api_give_the_same_graph(built, tmp_path) -> None:
    folder = write_corpus(tmp_path / "in")
    plain = kg.build_graph(folder)
    assert "curation" not in plain.report
    shutil.copy(built["tmp"] / "curation.toml", folder / "curation.toml")
    found = kg.build_graph(folder)
    assert found.report["curation"]["files"] == [str(folder / "curation.toml")]
    expected = (built["one"] / "relations.csv").read_bytes()
    for graph, out in ((found, tmp_path / "found"), (plain.curate(folder / "curation.toml"), tmp_path / "api")):
        graph.save(out)
        assert (out / "relations.csv").read_bytes() == expected, out


def test_a_malformed_curation_file_stops_the_build_naming_the_line(tmp_path) -> None:
    write_corpus(tmp_path / "in")
    (tmp_path / "bad.toml").write_text('version = 1\n\n[[reject]]\nsubject = "A"\n', encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(tmp_path / "in"), "--out",
                           str(tmp_path / "out"), "--curation", str(tmp_path / "bad.toml")],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 3 and proc.stderr.count("\n") == 1, proc.stderr
    assert "bad.toml [line 3]: reject: missing field 'by'" in proc.stderr
    assert not (tmp_path / "out").exists()


def _readme_example() -> str:
    section = re.search(r"^## Correcting the graph$(.*?)^## ", (ROOT / "README.md").read_text(encoding="utf-8"),
                        re.M | re.S)
    assert section, "README has no 'Correcting the graph' section"
    return re.search(r"```toml\n(.*?)```", section.group(1), re.S).group(1)


def test_the_readme_example_corrects_the_seeds(seed_build, tmp_path, capsys) -> None:
    (tmp_path / "curation.toml").write_text(_readme_example(), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(ROOT / "seeds"), "--out", str(out), "--quiet", "--curation",
                 str(tmp_path / "curation.toml"), "--cache-dir", str(seed_build / ".cache")]) == 0
    curation = _report(out)["curation"]
    assert curation["stale"] == [] and curation["applied"] == curation["decisions"] >= 5
    entities = {r["id"]: r for r in _rows(out / "entities.csv")}
    assert "N_I" not in entities and "N. I." in entities["Nikolai_Bukharin"]["aliases"]
    assert entities["Nadya"]["label"] == "Nadezhda Lukina"
    review = {(r["subject"], r["predicate"], r["object"]): r["review"] for r in _rows(out / "relations.csv")}
    assert ("Nikolai_Bukharin", "member_of", "Right_Opposition") not in review
    assert review[("Nadya", "spouse", "Nikolai_Bukharin")] == "accepted"
    assert review[("Karl_Radek", "imprisoned_in", "prison")] == "added"
    capsys.readouterr()
    assert main(["query", str(out), "reviews", "--format", "csv"]) == 0
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    [rejected] = [r for r in rows if r["status"] == "rejected"]
    assert (rejected["property"], rejected["curator"]) == ("memberOf", "A. Historian")
    assert rejected["note"].startswith("The source calls 'Rightist' a highly relative term")
    assert main(["validate", str(out)]) == 0


def test_a_merge_is_written_to_the_rdf_as_provenance(built) -> None:
    graph = Graph().parse(built["one"] / "graph.ttl", format="turtle")
    prov = "http://www.w3.org/ns/prov#"
    radek, larina = URIRef(ID + "Karl_Radek"), URIRef(ID + "Anna_Larina")
    assert (radek, URIRef(prov + "wasDerivedFrom"), larina) in graph
    activity = graph.value(radek, URIRef(prov + "wasGeneratedBy"))
    assert (activity, URIRef(HKG + "curationKind"), Literal("merge")) in graph
    assert (activity, URIRef(prov + "used"), larina) in graph
    curator = graph.value(activity, URIRef(prov + "wasAssociatedWith"))
    assert str(graph.value(curator, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))) == "A. Historian"
    assert str(graph.value(activity, URIRef("http://purl.org/dc/terms/date"))) == "2026-12-02"
