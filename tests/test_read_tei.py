"""TEI XML: passages from <text><body>, offsets into the XML file, name and date hints."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.read import iter_files, load_text, read_file
from kg.read.tei import read_tei_hints

FIXTURE = Path(__file__).parent / "fixtures" / "read" / "letter.xml"


@pytest.fixture(scope="module")
def doc():
    [d] = read_file(FIXTURE)
    return d


def test_metadata_from_header(doc) -> None:
    assert (doc.title, doc.kind, doc.author, doc.recipients, doc.date) == (
        "Bukharin to Stalin", "letter", "Nikolai Bukharin", ["Stalin"], "1937-12-10")


def test_layers_and_text(doc) -> None:
    assert [(p.layer, p.text) for p in doc.passages] == [
        ("headnote", "The editor explains that Bukharin wrote from prison."),
        ("dateline", "Moscow, 10 December 1937"),
        ("body", "Iosif Vissarionovich!"),
        ("body", "I saw Nadezhda Sergeevna. I worked at Izvestiia & wrote."),
        ("body", "Forgive me, Koba."),
        ("signature", "N. Bukharin"),
        ("footnote", "Stalin's second wife."),
    ]
    assert [p.speaker for p in doc.passages if p.layer == "body"] == ["Nikolai Bukharin"] * 3
    assert doc.passages[0].speaker is None


def test_offsets_point_into_the_xml(doc) -> None:
    text = load_text(FIXTURE)
    for p in doc.passages:
        for i, ch in enumerate(p.text):
            if ch not in " &":
                assert text[p.origin[i]] == ch
    amp = doc.passages[3].text.index("&")
    assert text[doc.passages[3].origin[amp]:].startswith("&amp;")


def test_inline_note_is_linked(doc) -> None:
    [ref] = doc.footnotes
    text = load_text(FIXTURE)
    assert ref.label == "1" and text[ref.start:ref.end].startswith("<note")
    assert doc.passages[ref.note_passage].text == "Stalin's second wife."
    assert doc.passages[ref.passage].text.startswith("I saw")


def test_hints() -> None:
    text = load_text(FIXTURE)
    hints = read_tei_hints(text)
    got = [(h.type, h.text, h.value) for h in hints]
    assert ("persName", "Nadezhda Sergeevna", "#allilueva") in got
    assert ("placeName", "Moscow", None) in got
    assert ("orgName", "Izvestiia", None) in got
    assert ("date", "10 December 1937", "1937-12-10") in got
    assert not any(h.text == "Stalin" for h in hints)  # header names are not text hints
    for h in hints:
        assert text[h.start:h.end] == h.text or "\n" in text[h.start:h.end]


def test_malformed_and_bodyless(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text("<TEI><text><body><p>unclosed</body></text></TEI>")
    with pytest.raises(InputError, match="well-formed"):
        read_file(bad)
    empty = tmp_path / "nobody.tei"
    empty.write_text("<TEI><teiHeader/></TEI>")
    with pytest.raises(InputError, match="body"):
        read_file(empty)


def test_folder_with_mixed_formats(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    shutil.copy(FIXTURE, tmp_path / "a" / "b" / "letter.xml")
    (tmp_path / "a" / "note.md").write_text("## A to B\n\nI write.\n")
    files = iter_files([tmp_path])
    docs = [d for f in files for d in read_file(f)]
    assert [d.id for d in docs] == ["letter-1", "note-1"]
