"""Read step: finding files, decoding, and clear errors for bad input."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.read import iter_files, load_text, read_file

TEXT = "## Ivan Petrov's Letter to Stalin\n\nI write to you about Café “Moscow” – again.\n"


def test_iter_files_recurses_filters_and_sorts(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ["b/z.md", "a.txt", "b/c.xml", "b/d.tei", "e.markdown", "skip.pdf",
                 ".hidden/x.txt", "b/.y.txt"]:
        (tmp_path / name).write_text("x")
    found = iter_files([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "a.txt", "b/c.xml", "b/d.tei", "b/z.md", "e.markdown"]
    assert iter_files([tmp_path / "a.txt", tmp_path]) == found  # no duplicates


def test_iter_files_keeps_explicit_files_and_rejects_missing(tmp_path: Path) -> None:
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(b"%PDF-1.4 ...")
    assert iter_files([str(pdf)]) == [pdf]
    with pytest.raises(InputError) as err:
        iter_files([tmp_path / "nope"])
    assert "no such file" in err.value.problem


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le-bom",
                                      "utf-16-be-bom", "cp1252"])
def test_encodings_decode_to_the_same_text(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "letter.txt"
    if encoding == "utf-16-le-bom":
        data = b"\xff\xfe" + TEXT.encode("utf-16-le")
    elif encoding == "utf-16-be-bom":
        data = b"\xfe\xff" + TEXT.encode("utf-16-be")
    else:
        data = TEXT.encode(encoding)
    path.write_bytes(data)
    assert load_text(path) == TEXT
    [doc] = read_file(path)
    body = doc.passages[-1]
    assert TEXT[body.origin[0]:body.origin[-1]] == TEXT.splitlines()[2]


def test_latin1_is_detected(tmp_path: Path) -> None:
    text = "Le café était fermé. " * 20 + "\nÀ bientôt, chère amie.\n"
    path = tmp_path / "note.txt"
    path.write_bytes(text.encode("latin-1"))
    assert load_text(path) == text


def _unreadable(tmp_path: Path) -> Path:
    path = tmp_path / "locked.txt"
    path.write_text("secret")
    path.chmod(0)
    return path


@pytest.mark.parametrize("name,data,problem", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n\t\n", "empty"),
    ("scan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    ("scan.txt", b"%PDF-1.7\n1 0 obj", "PDF"),
    ("image.txt", bytes(range(256)) * 8, "binary"),
    ("nul.md", b"abc\x00\x01\x02\x03def" * 50, "binary"),
    ("doc.txt", b"PK\x03\x04rest-of-zip", "ZIP"),
])
def test_bad_input_gives_one_line_problem(tmp_path: Path, name: str, data: bytes,
                                          problem: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as err:
        read_file(path)
    assert problem in err.value.problem
    assert "\n" not in str(err.value) and str(path) in str(err.value)


def test_folder_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="folder"):
        read_file(tmp_path)
    with pytest.raises(InputError, match="no such file"):
        read_file(tmp_path / "missing.txt")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read anything")
def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot be read"):
        read_file(_unreadable(tmp_path))


def test_crlf_offsets(tmp_path: Path) -> None:
    text = "## A to B\r\n\r\nI write\r\nto you.\r\n"
    path = tmp_path / "crlf.txt"
    path.write_bytes(text.encode())
    [doc] = read_file(path)
    body = doc.passages[-1]
    assert body.text == "I write to you."
    assert load_text(path)[body.origin[0]:body.origin[-1]] == "I write\r\nto you."


@pytest.mark.parametrize("module", ["blocks", "citation", "cues", "dates", "debris",
                                    "describe", "embedded", "files", "layers", "markup",
                                    "meta", "passages", "plain", "tei"])
def test_docstring_examples_run(module: str) -> None:
    import doctest
    import importlib

    mod = importlib.import_module(f"kg.read.{module}")
    assert doctest.testmod(mod).failed == 0


def test_package_docstring_example_runs() -> None:
    import doctest

    import kg.read

    assert doctest.testmod(kg.read).failed == 0


@pytest.mark.parametrize("inputs", [["folder"], ["folder/a.txt", "folder/link.txt"], ["folder", "elsewhere.txt"]])
def test_links_to_an_input_give_one_document(tmp_path: Path, inputs: list[str]) -> None:
    from kg.read.inputs import document_names, scan_inputs

    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "a.txt").write_text("Lev Kamenev wrote to Olga.\n", encoding="utf-8")
    (tmp_path / "folder" / "link.txt").symlink_to(tmp_path / "folder" / "a.txt")
    (tmp_path / "elsewhere.txt").symlink_to(tmp_path / "folder" / "a.txt")
    files, problems = scan_inputs([tmp_path / name for name in inputs])
    assert files == [tmp_path / "folder" / "a.txt"] and problems == []
    names = document_names(files, [tmp_path / name for name in inputs])
    assert len(set(names.values())) == len(names) == 1


def test_a_folder_of_links_names_each_document_by_its_link(tmp_path: Path) -> None:
    from kg.read.inputs import document_names, scan_inputs

    (tmp_path / "library").mkdir()
    (tmp_path / "library" / "pg60315_memoir.txt").write_text("Emma Goldman came to Petrograd.\n", encoding="utf-8")
    (tmp_path / "course").mkdir()
    (tmp_path / "course" / "memoir.txt").symlink_to(tmp_path / "library" / "pg60315_memoir.txt")
    files, _ = scan_inputs([tmp_path / "course"])
    assert document_names(files, [tmp_path / "course"]) == {str(files[0]): ("memoir.txt", "memoir")}
