"""Citations of evidence (kg/export/cite.py): author, title, year, part, chapter and printed
page, the same in relations.csv (``citation``), the page's data (``place``) and RDF (a
``hkg:Division``, ``hkg:page``, ``dcterms:bibliographicCitation``), from a book with chapter
headings and page markers, a Markdown file with chapter headings and a TEI file with div/head
and pb, each written for these tests."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from rdflib import Graph

from kg.cli import main
from kg.export.cite import Place, cite, place_of, place_text, surname
from kg.model import Document
from tests.test_read_book_structure import BOOK, MARKDOWN, TEI

HKG = "PREFIX hkg: <https://histkg.org/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/> " \
      "PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("books")
    for name, text in (("clerk.txt", BOOK), ("diary.md", MARKDOWN), ("edition.xml", TEI)):
        (folder / name).write_text(text, encoding="utf-8")
    out = folder / "out"
    assert main(["build", str(folder), "--out", str(out), "--quiet", "--no-cache"]) == 0
    return out


def _citations(out: Path) -> dict[tuple[str, str], str]:
    """(file, first spouse by id) → citation of the spouse relations of relations.csv."""
    with (out / "relations.csv").open(encoding="utf-8", newline="") as fh:
        return {(r["doc"], min(r["subject"], r["object"])): r["citation"] for r in csv.DictReader(fh)
                if r["predicate"] == "spouse"}


BOOK_DOC = Document("w-1", "w.txt", "w.txt", "0", title="The Last Days of the Romanovs", kind="book",
                    date="1920-03", author="George Gustav Telberg and Robert Wilton",
                    divisions=[(10, 900, "part", "II"), (100, 500, "chapter", "XV"), (500, 900, "chapter", "XVI")],
                    pages=[(100, "213"), (600, "214")])


@pytest.mark.parametrize("start,end,expected", [
    (620, 660, "Telberg and Wilton, The Last Days of the Romanovs (1920), pt. II, ch. XVI, p. 214"),
    (580, 620, "Telberg and Wilton, The Last Days of the Romanovs (1920), pt. II, ch. XVI, pp. 213–214"),
    (120, 130, "Telberg and Wilton, The Last Days of the Romanovs (1920), pt. II, ch. XV, p. 213"),
    (20, 60, "Telberg and Wilton, The Last Days of the Romanovs (1920), pt. II"),  # before the first page
    (0, 5, "Telberg and Wilton, The Last Days of the Romanovs (1920)"),
])
def test_a_passage_is_cited_by_its_part_chapter_and_page(start, end, expected):
    assert cite(BOOK_DOC, start, end) == expected


def test_a_document_without_structure_or_metadata_is_cited_by_its_file():
    assert cite(Document("l-1", "letter.md", "letter.md", "0"), 0, 9) == "letter.md"
    assert place_text(Place()) == ""


def test_a_named_division_is_cited_by_its_name():
    doc = Document("g", "g.txt", "g.txt", "0", title="My Disillusionment in Russia", date="1923",
                   author="Emma Goldman", divisions=[(0, 90, "preface", "Preface")])
    assert cite(doc, 10, 20) == "Goldman, My Disillusionment in Russia (1923), Preface"


def test_divisions_are_listed_outermost_first():
    doc = Document("d", "d", "d", "0", divisions=[(5, 50, "chapter", "2"), (0, 90, "volume", "I")])
    assert [kind for _, kind, _ in place_of(doc, 10, 20).divisions] == ["volume", "chapter"]


@pytest.mark.parametrize("name,expected", [("Robert Wilton", "Wilton"), ("S. A. Malsagoff", "Malsagoff"),
                                           ("IVAN PETROV", "Petrov"), ("Gorky", "Gorky")])
def test_a_citation_names_authors_by_surname(name, expected):
    assert surname(name) == expected


def test_relations_csv_cites_chapter_and_page(built):
    assert _citations(built) == {
        ("clerk.txt", "Boris_Orlov"): "Petrov, MEMOIRS OF A PETROGRAD CLERK, pt. One, ch. I, p. 8",
        ("clerk.txt", "Maria_Sokolova"): "Petrov, MEMOIRS OF A PETROGRAD CLERK, pt. One, ch. II, pp. 9–10",
        ("diary.md", "Elena_Markova"): "The Diary of Olga Serova, ch. 1",
        ("edition.xml", "Anna_Volkova"): "Dadiani, Letters from Tiflis, pt. One, ch. III",
        ("edition.xml", "Ketevan_Abashidze"): "Dadiani, Letters from Tiflis, pt. One, ch. IV, p. 45",
    }


def test_rdf_evidence_is_part_of_its_chapter_with_its_page(built):
    graph = Graph().parse(built / "graph.ttl")
    rows = graph.query(HKG + """SELECT ?chapter ?part ?page ?citation WHERE {
        ?ev a hkg:Evidence ; oa:hasSelector [ oa:exact ?quote ] ; dcterms:isPartOf ?c ;
            hkg:page ?page ; dcterms:bibliographicCitation ?citation .
        ?c a hkg:Division ; rdfs:label ?chapter ; dcterms:isPartOf ?p .
        ?p hkg:divisionKind "part" ; hkg:divisionNumber ?part .
        FILTER(CONTAINS(?quote, "Giorgi Tsereteli married")) }""")
    assert [tuple(map(str, r)) for r in rows] == [
        ("ch. IV", "One", "45", "Dadiani, Letters from Tiflis, pt. One, ch. IV, p. 45")]


def test_rdf_keeps_the_offsets_in_the_selectors(built):
    graph = Graph().parse(built / "graph.ttl")
    rows = graph.query(HKG + """SELECT ?start ?end ?page WHERE {
        ?ev a hkg:Evidence ; hkg:page ?page ; oa:hasSelector [ oa:start ?start ; oa:end ?end ] ;
            oa:hasSelector [ oa:exact ?quote ] . FILTER(CONTAINS(?quote, "Boris Orlov married")) }""")
    [(start, end, page)] = [tuple(r) for r in rows]
    assert str(page) == "8"
    assert BOOK[int(start):int(end)].startswith("The next winter Boris Orlov married Vera Lenskaya")


def test_kg_validate_accepts_divisions_and_pages(built, capsys):
    assert main(["validate", str(built)]) == 0
    assert "conforms" in capsys.readouterr().out


def test_the_page_data_gives_the_place_of_a_quote(built):
    page = (built / "graph.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)[1])
    places = {ev.get("place") for rel in data["relations"] for ev in rel["evidence"]}
    assert {"pt. One, ch. IV, p. 45", "ch. 1", "pt. One, ch. I, p. 8"} <= places


def _readme_blocks(marker: str) -> list[str]:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    after = readme.split(marker, 1)[1]
    return re.findall(r"```\w*\n(.*?)```", after, re.S)[:2]


def test_the_readme_citation_example_holds(tmp_path):
    from kg.read import read_file
    text, citation = _readme_blocks("<!-- citation example: tests/test_export_cite.py -->")
    path = tmp_path / "clerk.txt"
    path.write_text(text, encoding="utf-8")
    [doc] = read_file(path)
    [passage] = [p for p in doc.passages if "Boris Orlov married" in p.text]
    at = passage.text.index("The next winter")
    start, end = passage.to_file(at, len(passage.text))
    assert cite(doc, start, end) == citation.strip()
