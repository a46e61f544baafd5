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


ALL_TEXT = ('<?xml version="1.0" encoding="UTF-16"?>\n<TEI><teiHeader><fileDesc><titleStmt><title>T</title>'
            '</titleStmt></fileDesc></teiHeader><text><front><docTitle><titlePart>Front title'
            '</titlePart></docTitle>Loose front words.</front><body><div>Loose division text with '
            '<hi>inline</hi> words.<p>A paragraph.</p>Tail after it.</div><table><row><cell>Cell one'
            '</cell><cell>Cell two</cell></row></table><fw type="header">RUNNING HEAD 12</fw></body>'
            '<back><div type="commentary">Back matter note.</div></back></text></TEI>')


def test_all_text_of_text_is_read_with_its_layer_and_utf16_declared(tmp_path):
    from kg.read import load_text, read_file

    path = tmp_path / "all.xml"
    path.write_bytes(ALL_TEXT.encode("utf-16"))
    [doc] = read_file(path)
    layers = {p.text: p.layer for p in doc.passages}
    for words in ("Front title", "Loose front words.", "Loose division text with inline words.",
                  "A paragraph.", "Tail after it.", "Cell one", "Cell two", "Back matter note."):
        assert words in layers, (words, layers)
    assert layers["Front title"] == "title" and layers["Back matter note."] == "editorial"
    text = load_text(path)
    assert all(text[p.origin[0]:p.origin[-1]].startswith(p.text[:4]) for p in doc.passages)
    assert doc.dropped == {"fw": len("RUNNINGHEAD12")}
    assert "RUNNING" not in " ".join(layers)


def test_several_divisions_keep_front_typed_and_back_text():
    from kg.read.tei import read_tei

    xml = ('<TEI><text><front><p>Front.</p></front><body><div type="headnote"><p>Head.</p></div>'
           '<div><p>One.</p></div><div><p>Two.</p></div></body><back><p>Back.</p></back></text></TEI>')
    docs = read_tei(xml, "x.xml", "x.xml", "0")
    assert [[p.text for p in d.passages] for d in docs] == [["Front.", "Head.", "One."], ["Two.", "Back."]]


@pytest.mark.parametrize("block, layer", [
    ('<head type="heading">CHAPTER II</head><p>Text.</p>', "heading"),
    ('<div type="apparatus"><p>E-text prepared by a volunteer.</p></div><p>Text.</p>', "apparatus"),
    ('<div type="index"><p>Kovrigin, Peter, 3, 9</p></div><p>Text.</p>', "index"),
    ("<head>Petrov to Gorky</head><p>Text.</p>", "title"),
])
def test_a_books_headings_and_apparatus_read_back_into_their_layers(tmp_path, block, layer) -> None:
    path = tmp_path / "book.xml"
    path.write_text(f"<TEI><text><body><div>{block}</div></body></text></TEI>", encoding="utf-8")
    [d] = read_file(path)
    assert [p.layer for p in d.passages] == [layer, "body"]


def test_every_author_of_the_title_statement_is_read(tmp_path) -> None:
    path = tmp_path / "book.xml"
    path.write_text("<TEI><teiHeader><fileDesc><titleStmt><title>The Last Days</title>"
                    "<author>George Telberg</author><author>Robert Wilton</author></titleStmt></fileDesc>"
                    "</teiHeader><text><body><p>I saw the house.</p></body></text></TEI>", encoding="utf-8")
    [d] = read_file(path)
    assert d.authors() == ["George Telberg", "Robert Wilton"]
