"""Documents, layers, metadata, footnotes, citations and embedded letters in small files."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.read import load_text, read_file
from kg.read.citation import parse_citation
from kg.read.dates import parse_date
from kg.read.meta import parse_title, salutation

LETTERS = """\
# Letters of 1937

## Ivan Petrov's Letter to Iosif Stalin

MAY 3, 1937

*Petrov (1890–1938) was a deputy commissar. He wrote this letter from prison.*

To I. V. Stalin

I ask you to read this.<sup>1</sup> I was with Kuzmin.<sup>2</sup>

1. Kuzmin, a young follower of Bukharin.

2. The name is crossed out in the original.

I. Petrov

3.V.37

[two pages are missing]

RGASPI, f. 17, op. 3, d. 1003, ll. 1–5; published in *Istochnik*, no. 2 (1995), pp. 3–4.

END READING HERE

### Ezhov to Stalin, Molotov and Kaganovich

*In this report Ezhov described the operation.*

The operation is finished.
"""


@pytest.fixture()
def letters(tmp_path: Path):
    path = tmp_path / "letters.md"
    path.write_text(LETTERS)
    return path, read_file(path)


def test_documents_split_at_headings_and_rules(letters) -> None:
    path, docs = letters
    assert [d.id for d in docs] == ["letters-1", "letters-2"]
    text = load_text(path)
    assert text[docs[0].start:].startswith("## Ivan Petrov")
    assert "END READING HERE" not in text[docs[0].start:docs[0].end]


def test_layers(letters) -> None:
    _, (letter, report) = letters
    assert [(p.layer, p.note) for p in letter.passages] == [
        ("title", None), ("dateline", None), ("headnote", None), ("body", None),
        ("body", None), ("footnote", "1"), ("footnote", "2"), ("signature", None),
        ("signature", None), ("editorial", None), ("citation", None)]
    assert [p.layer for p in report.passages] == ["title", "headnote", "body"]


def test_metadata(letters) -> None:
    _, (letter, report) = letters
    assert (letter.title, letter.kind, letter.author, letter.recipients, letter.date) == (
        "Ivan Petrov's Letter to Iosif Stalin", "letter", "Ivan Petrov", ["Iosif Stalin"],
        "1937-05-03")
    assert (report.kind, report.author, report.recipients) == (
        "report", "Ezhov", ["Stalin", "Molotov", "Kaganovich"])
    speakers = {p.layer: p.speaker for p in letter.passages}
    assert speakers["body"] == "Ivan Petrov"
    assert speakers["headnote"] is speakers["footnote"] is speakers["citation"] is None


def test_footnotes_and_citation(letters) -> None:
    path, (letter, _) = letters
    text = load_text(path)
    notes = {r.label: letter.passages[r.note_passage].text for r in letter.footnotes}
    assert notes == {"1": "Kuzmin, a young follower of Bukharin.",
                     "2": "The name is crossed out in the original."}
    c = letter.citation
    assert (c.archive, c.fond, c.opis, c.delo, c.listy) == ("RGASPI", "17", "3", "1003", "1–5")
    assert c.published == "Istochnik, no. 2 (1995), pp. 3–4"
    assert text[c.start:c.end].startswith("RGASPI")


def test_closing_date_and_salutation_when_no_title(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("Dear Koba,\n\nI write to you again.\n\nYours, N. Bukharin\n\n10.XII.37\n")
    [doc] = read_file(path)
    assert (doc.kind, doc.author, doc.recipients, doc.date, doc.date_text) == (
        "letter", "N. Bukharin", ["Koba"], "1937-12-10", "10.XII.37")


@pytest.mark.parametrize("title,expected", [
    ("Nikolai Bukharin's Letter to Stalin", ("Nikolai Bukharin", ["Stalin"], "letter")),
    ("Mekhlis to Stalin and Ezhov", ("Mekhlis", ["Stalin", "Ezhov"], "letter")),
    ("Report of L. Beria to Stalin", ("L. Beria", ["Stalin"], "report")),
    ("Letter from Kamenev to Zinoviev, 12 May 1927", ("Kamenev", ["Zinoviev"], "letter")),
    ("The evil that Stalin did", (None, [], None)),
])
def test_parse_title(title: str, expected) -> None:
    assert parse_title(title) == expected


@pytest.mark.parametrize("text,value", [
    ("DECEMBER 10, 1937", "1937-12-10"), ("10.XII.37", "1937-12-10"),
    ("10 December 1937", "1937-12-10"), ("3 March 1921.", "1921-03-03"),
    ("October 1917", "1917-10"), ("12.03.1938", "1938-03-12"),
    ("FEBRUARY 30, 1937", None), ("Very Secret", None), ("I may 1937 go", None),
])
def test_dates(text: str, value) -> None:
    assert parse_date(text) == value


@pytest.mark.parametrize("line,who", [
    ("To I. V. Stalin", "I. V. Stalin"), ("Dear Comrade Molotov,", "Molotov"),
    ("To the Central Committee", None), ("Personal", None),
])
def test_salutation(line: str, who) -> None:
    assert salutation(line) == who


def test_citation_variants() -> None:
    c = parse_citation("GARF, f. R-9401, op. 2, d. 64, ll. 2, 5 ob.", 100)
    assert (c.archive, c.fond, c.opis, c.delo, c.listy, c.start) == (
        "GARF", "R-9401", "2", "64", "2, 5 ob", 100)


EMBEDDED = """\
Old wounds

by Jane Roe

Yesterday we found a remarkable paper. Here we reprint the letter of the engineer, Pavel Sidorov.

I write to you because nobody else will listen. My work was honest.

You know me, Comrade Ezhov [the head of the NKVD]. I ask you to help my family.

Farewell, your Pavel Sidorov.
2 March 1938

Sidorov was shot a week later. His family never saw the letter.
"""


def test_embedded_letter(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(EMBEDDED)
    article, letter = read_file(path)
    assert (article.kind, article.author, article.title) == ("article", "Jane Roe", "Old wounds")
    assert (letter.parent, letter.author, letter.date, letter.kind) == (
        article.id, "Pavel Sidorov", "1938-03-02", "letter")
    assert [p.speaker for p in letter.passages if p.layer == "body"] == ["Pavel Sidorov"] * 3
    assert [p.text[:9] for p in article.passages] == ["Old wound", "by Jane R", "Yesterday",
                                                      "Sidorov w"]


def test_no_embedded_letter_in_plain_prose(tmp_path: Path) -> None:
    path = tmp_path / "prose.txt"
    path.write_text("The congress met in 1934.\n\nMany delegates were later shot.\n")
    assert [d.kind for d in read_file(path)] == ["document"]


def test_section_heading_does_not_open_a_document(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("## A to B\n\nI write.<sup>1</sup>\n\n#### Notes\n\n1. A note.\n")
    [doc] = read_file(path)
    assert doc.footnotes[0].note_passage is not None
