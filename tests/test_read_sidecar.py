"""Document metadata the user writes (kg/read/sidecar.py): metadata.csv / metadata.toml in an
input folder or --metadata FILE; its values win, each says where it came from, and a bad
file stops the build with one line naming the file, the line and the problem."""

from __future__ import annotations

import doctest
import json

import pytest

import kg.read.sidecar
from kg.cli import main
from kg.errors import InputError
from kg.read.sidecar import load_sidecars

LETTER = ("To the Editor,\n\nI write from Odessa to tell you that the strike has ended and the "
          "men are back at the docks.\n\nYours, Pavel Orlov\n")


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "orlov.txt").write_text(LETTER, encoding="utf-8")
    return folder


def _documents(out) -> list[dict]:
    return json.loads((out / "report.json").read_text(encoding="utf-8"))["documents"]


def test_a_metadata_csv_in_the_input_folder_describes_its_file(folder, tmp_path, capsys):
    (folder / "metadata.csv").write_text(
        "path,title,author,date,kind,place,licence\n"
        "orlov.txt,Orlov to the editor,Pavel Orlov,1905-10,letter,Odessa,CC BY 4.0\n", encoding="utf-8")
    assert main(["build", str(folder), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    [doc] = _documents(tmp_path / "out")
    assert (doc["title"], doc["author"], doc["date"], doc["kind"], doc["place"], doc["licence"]) == \
        ("Orlov to the editor", "Pavel Orlov", "1905-10", "letter", "Odessa", "CC BY 4.0")
    assert doc["sources"]["date"] == "metadata.csv line 2"
    assert "metadata.csv" not in capsys.readouterr().err  # read, not skipped as an unsupported file
    turtle = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert '"Odessa"' in turtle and '"CC BY 4.0"' in turtle
    _the_rdf_says_where_each_value_came_from(tmp_path / "out", doc)


def _the_rdf_says_where_each_value_came_from(out, doc: dict) -> None:
    from rdflib import Graph, URIRef

    from kg.sparql.validate import validate
    from kg.vocab import GIVEN_BY, HAS_VALUE_SOURCE, VALUE_FIELD

    graph = Graph().parse(out / "graph.ttl")
    node = URIRef(f"https://histkg.org/id/doc/{doc['id']}")
    given = {str(graph.value(s, VALUE_FIELD)): str(graph.value(s, GIVEN_BY)) for s in graph.objects(node, HAS_VALUE_SOURCE)}
    assert given == doc["sources"] and given["place"] == "metadata.csv line 2"
    assert validate(out).conforms


def test_a_metadata_file_given_on_the_command_line_in_toml(folder, tmp_path):
    meta = tmp_path / "books.toml"
    meta.write_text('["in/orlov.txt"]\ntitle = "A letter from Odessa"\ndate = "1905?"\n', encoding="utf-8")
    assert main(["build", str(folder), "--out", str(tmp_path / "out"), "--quiet", "--metadata", str(meta)]) == 0
    [doc] = _documents(tmp_path / "out")
    assert (doc["title"], doc["date"], doc["sources"]["title"]) == \
        ("A letter from Odessa", "1905?", 'books.toml table ["in/orlov.txt"]')


def test_values_the_text_gave_say_so(folder, tmp_path):
    assert main(["build", str(folder), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    [doc] = _documents(tmp_path / "out")
    assert set(doc["sources"].values()) <= {"the document's text"}


@pytest.mark.parametrize("name,text,message", [
    ("metadata.csv", "path,titel\norlov.txt,X\n", "line 1: columns are path and any of"),
    ("metadata.csv", "path,date\norlov.txt,last spring\n", "line 2: date 'last spring' is not an EDTF date"),
    ("metadata.csv", "path,kind\norlov.txt,novel\n", "line 2: kind 'novel' is not one of"),
    ("metadata.csv", "path,title\nmissing.txt,X\n", "line 2: 'missing.txt' names no file beside it"),
    ("metadata.toml", '["orlov.txt"]\nyear = "1905"\n', 'table ["orlov.txt"]: keys are any of'),
    ("metadata.toml", "title = \n", "invalid TOML"),
])
def test_a_bad_metadata_file_is_one_line_naming_file_and_place(folder, tmp_path, capsys, name, text, message):
    (folder / name).write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_sidecars([folder])
    assert name in str(err.value) and message in str(err.value)
    assert main(["build", str(folder), "--out", str(tmp_path / "out"), "--quiet"]) != 0
    printed = capsys.readouterr().err.strip()
    assert message in printed and "\n" not in printed and "Traceback" not in printed
    assert not (tmp_path / "out").exists()  # nothing built from half-known metadata


def test_docstring_examples_run():
    result = doctest.testmod(kg.read.sidecar)
    assert result.failed == 0 and result.attempted > 0


def test_the_readme_metadata_example_runs_as_written(tmp_path):
    import re
    import shutil

    from conftest import ROOT, SEEDS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```csv\n(.*?)```", readme.split("**Metadata you write**", 1)[1], re.S).group(1)
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    (folder / "metadata.csv").write_text(example, encoding="utf-8")
    assert main(["build", str(folder), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    first = _documents(tmp_path / "out")[0]
    assert (first["title"], first["place"], first["sources"]["title"]) == \
        ("Bukharin to Stalin", "Moscow", "metadata.csv line 2")


def test_a_changed_metadata_file_is_seen_by_a_cached_rebuild(folder, tmp_path):
    cache = str(tmp_path / "cache")
    for title in ("First title", "Second title"):
        (folder / "metadata.csv").write_text(f"path,title\norlov.txt,{title}\n", encoding="utf-8")
        assert main(["build", str(folder), "--out", str(tmp_path / "out"), "--quiet", "--cache-dir", cache]) == 0
        assert _documents(tmp_path / "out")[0]["title"] == title


def test_a_markdown_front_matter_describes_the_file_and_is_not_read_as_text(tmp_path):
    from kg.read import read_file

    path = tmp_path / "orlov.md"
    path.write_text("---\ntitle: Orlov to the editor\ndate: 1905-10-02\nlayout: letter-page\n---\n\n" + LETTER,
                    encoding="utf-8")
    [doc] = read_file(path)
    assert (doc.title, doc.date, doc.meta_sources["title"]) == ("Orlov to the editor", "1905-10-02", "front matter")
    assert all("layout" not in p.text and "---" not in p.text for p in doc.passages)
    text = path.read_text(encoding="utf-8")
    assert all(text[p.origin[0]:p.origin[0] + 5] == p.text[:5] for p in doc.passages)  # offsets into the file
