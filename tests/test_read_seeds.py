"""The read step on the two seed files, checked against the gold annotations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.read import load_text, read_file
from kg.read.debris import region_prf as char_prf

ROOT = Path(__file__).parent.parent
SEED0 = ROOT / "seeds" / "000_41c2545ca8476382.txt"
SEED1 = ROOT / "seeds" / "001_6ca7c8d43ffabea7.txt"


@pytest.fixture(scope="module")
def docs0():
    return read_file(SEED0)


@pytest.fixture(scope="module")
def docs1():
    return read_file(SEED1)


@pytest.mark.parametrize("seed", [SEED0, SEED1], ids=["000", "001"])
def test_debris_f1_against_gold(seed: Path) -> None:
    gold = json.loads((ROOT / "tests" / "gold" / f"{seed.stem}.json").read_text())["debris"]
    found = [r for d in read_file(seed) for r in d.debris]
    p, r, f1 = char_prf(sorted(set(found)), [(g["start"], g["end"]) for g in gold])
    assert f1 >= 0.9, (p, r, f1)
    if not gold:
        assert not found  # no false positives on a clean file


def test_no_passage_inside_debris(docs0) -> None:
    debris = [r for d in docs0 for r in d.debris]
    for d in docs0:
        for p in d.passages:
            for s, e in debris:
                assert not any(s <= o < e for o in p.origin[:-1]), p.text[:60]


def test_seed0_two_documents(docs0) -> None:
    assert [d.id for d in docs0] == ["000_41c2545ca8476382-1", "000_41c2545ca8476382-2"]
    letter, report = docs0
    assert (letter.title, letter.kind, letter.date, letter.author, letter.recipients) == (
        "Nikolai Bukharin's Letter to Stalin", "letter", "1937-12-10", "Nikolai Bukharin",
        ["Stalin"])
    assert letter.date_text == "DECEMBER 10, 1937"
    assert (report.title, report.author, report.recipients, report.date) == (
        "Mekhlis to Stalin and Ezhov", "Mekhlis", ["Stalin", "Ezhov"], "1938-10-28")
    assert report.kind in ("report", "letter")
    text = load_text(SEED0)
    assert "END READING HERE" not in text[letter.start:letter.end]
    assert text[report.start:].startswith("### Mekhlis")


def test_seed0_layers_and_speakers(docs0) -> None:
    letter = docs0[0]
    layers = [p.layer for p in letter.passages]
    assert layers[:3] == ["title", "dateline", "headnote"]
    assert layers[-4:] == ["signature", "signature", "editorial", "citation"]
    assert [p.text for p in letter.passages if p.layer == "signature"] == ["N. Bukharin", "10.XII.37"]
    for p in letter.passages:
        assert p.speaker == ("Nikolai Bukharin" if p.layer == "body" else None)
    assert docs0[1].passages[2].layer == "headnote"


def test_seed0_footnotes_linked(docs0) -> None:
    letter = docs0[0]
    text = load_text(SEED0)
    assert [f.label for f in letter.footnotes] == ["1", "2", "3", "4"]
    for ref in letter.footnotes:
        assert text[ref.start:ref.end] == f"<sup>{ref.label}</sup>"
        note = letter.passages[ref.note_passage]
        assert note.layer == "footnote" and note.note == ref.label
        assert letter.passages[ref.passage].origin[0] <= ref.start
    first = letter.passages[letter.footnotes[0].note_passage]
    assert first.text.startswith("Nadezhda Sergeevna Allilueva")
    assert sum(p.layer == "footnote" for p in letter.passages) == 4


def test_seed0_citation(docs0) -> None:
    c = docs0[0].citation
    assert (c.archive, c.fond, c.opis, c.delo, c.listy) == (
        "Arkhiv Prezidenta Rossiiskoi Federatsii", "3", "24", "427", "13–18")
    assert c.published == "Istochnik, no. 0 (1993), pp. 23–25"
    assert load_text(SEED0)[c.start:c.end].startswith("Arkhiv Prezidenta")


def test_seed0_page_break_joined(docs0) -> None:
    five = next(p for p in docs0[0].passages if p.text.startswith("5. If I were"))
    assert "that's the way it has to be. But believe me" in five.text


def test_seed1_article_and_embedded_letter(docs1) -> None:
    article, letter = docs1
    assert (article.kind, article.author, article.title, article.parent) == (
        "article", "George Walden", "The evil that Stalin did", None)
    assert (letter.kind, letter.author, letter.recipients, letter.date, letter.parent) == (
        "letter", "Nikolai Bukharin", ["Stalin"], "1937-12-10", article.id)
    assert letter.passages[0].text.startswith("This is perhaps the last letter")
    assert letter.passages[-1].text == "10 December 1937"
    assert all(p.speaker == "Nikolai Bukharin" for p in letter.passages if p.layer == "body")
    assert all(p.speaker is None for p in article.passages)
    texts = [p.text for p in article.passages]
    assert any(t.startswith("When asked who was") for t in texts)
    assert any(t.startswith("Three months after") for t in texts)
    assert not any("I shall write to you" in t for t in texts)
    assert article.start <= letter.start < letter.end <= article.end
