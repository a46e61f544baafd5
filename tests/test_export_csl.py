"""sources.csl.json (kg/export/csl.py): one CSL-JSON item per source document, which a
citation processor (citeproc-py, with the CSL style it ships) loads and formats, written
by kg build atomically and byte-identically for the same input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.export.csl import csl_date, csl_item, csl_items, csl_name, write_csl
from kg.model import Citation, Document, KnowledgeGraph

citeproc = pytest.importorskip("citeproc", reason="citeproc-py is a dev extra (pyproject.toml)")
from citeproc import (  # noqa: E402
    Citation as CslCitation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter,
)
from citeproc.source.json import CiteProcJSON  # noqa: E402

STYLE = Path(citeproc.__file__).parent / "data" / "styles" / "harvard-cite-them-right.csl"

BOOK = Document("wilton-1", "wilton.txt", "wilton.txt", "0", title="The Last Days of the Romanovs",
                kind="book", date="1920", author="George Gustav Telberg and Robert Wilton", place="New York")
LETTER = Document("petrov-1", "petrov.md", "petrov.md", "0", title="Ivan Petrov's Letter to Stalin",
                  kind="letter", date="1937-05-03", author="Ivan Petrov", recipients=["Stalin"],
                  citation=Citation("RGASPI, f. 17, op. 3, d. 1003, ll. 1–5. Online: https://example.org/d/1003.",
                                    0, 10, archive="RGASPI", fond="17", opis="3", delo="1003", listy="1–5"))
REPORT = Document("r-1", "report.txt", "report.txt", "0", kind="report", date="1921?/1922")
UNDATED = Document("n-1", "note.txt", "note.txt", "0", date="19XX")


def _bibliography(items: list[dict]) -> list[str]:
    source = CiteProcJSON(json.loads(json.dumps(items)))
    bib = CitationStylesBibliography(CitationStylesStyle(str(STYLE), validate=False), source, formatter.plain)
    for item in items:
        bib.register(CslCitation([CitationItem(item["id"])]))
    return [str(entry) for entry in bib.bibliography()]


@pytest.mark.parametrize("doc,csl_type", [(BOOK, "book"), (LETTER, "personal_communication"),
                                          (REPORT, "report"), (UNDATED, "manuscript")])
def test_a_document_kind_is_a_csl_type(doc, csl_type):
    assert csl_item(doc)["type"] == csl_type


def test_an_item_holds_what_the_read_step_knows():
    item = csl_item(LETTER)
    assert item["author"] == [{"family": "Petrov", "given": "Ivan"}]
    assert item["recipient"] == [{"literal": "Stalin"}]
    assert item["issued"] == {"date-parts": [[1937, 5, 3]]}
    assert (item["archive"], item["archive_location"]) == ("RGASPI", "f. 17, op. 3, d. 1003, ll. 1–5")
    assert item["URL"] == "https://example.org/d/1003"
    assert csl_item(BOOK)["publisher-place"] == "New York"


@pytest.mark.parametrize("edtf,expected", [
    ("1920", {"date-parts": [[1920]]}), ("1917-02", {"date-parts": [[1917, 2]]}),
    ("1921?/1922", {"date-parts": [[1921], [1922]], "circa": True}), ("19XX", None), ("1920-05-3x", None),
])
def test_edtf_dates_become_date_parts(edtf, expected):
    assert csl_date(edtf) == expected


def test_what_is_unknown_is_left_out():
    item = csl_item(UNDATED)
    assert item == {"id": "n-1", "type": "manuscript", "title": "note.txt"}
    assert csl_name("Gorky") == {"literal": "Gorky"}


def test_the_items_use_only_csl_variables():
    known = set(citeproc.VARIABLES) | set(citeproc.NAMES) | set(citeproc.DATES) | {"id", "type"}
    for item in csl_items(KnowledgeGraph(documents=[BOOK, LETTER, REPORT, UNDATED])):
        assert {key.replace("-", "_") for key in item} - {"URL"} <= known, item


def test_citeproc_formats_a_bibliography_of_the_sources():
    entries = _bibliography(csl_items(KnowledgeGraph(documents=[BOOK, LETTER, REPORT, UNDATED])))
    assert "Telberg, G.G. and Wilton, R. (1920) The Last Days of the Romanovs. New York." in entries
    assert any(e.startswith("Petrov, I. (1937)") for e in entries)
    assert len(entries) == 4


def test_write_csl_is_deterministic_and_sorted(tmp_path):
    one, two = tmp_path / "a.json", tmp_path / "b.json"
    write_csl(KnowledgeGraph(documents=[LETTER, BOOK]), one)
    write_csl(KnowledgeGraph(documents=[BOOK, LETTER]), two)
    assert one.read_bytes() == two.read_bytes()
    assert [i["id"] for i in json.loads(one.read_text(encoding="utf-8"))] == ["petrov-1", "wilton-1"]


def test_kg_build_writes_the_sources_of_the_seeds(seed_build):
    items = json.loads((seed_build / "sources.csl.json").read_text(encoding="utf-8"))
    report = json.loads((seed_build / "report.json").read_text(encoding="utf-8"))
    assert len(items) == len(report["documents"]) and len(_bibliography(items)) == len(items)


def test_the_readme_csl_example_holds():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    example = readme.split("<!-- csl example: tests/test_export_csl.py -->", 1)[1]
    item = json.loads(example.split("```json\n", 1)[1].split("```", 1)[0])
    row = readme.split("```csv\n", 1)[1].split("```", 1)[0].splitlines()[1].split(",")
    path, title, author, date, kind, place, _ = row
    doc = Document(f"{path.rsplit('.', 1)[0]}-1", path, path, "0", title=title, author=author,
                   date=date, kind=kind, place=place)
    assert csl_item(doc) == item
