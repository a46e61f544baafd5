"""Text in capitals is recognised in the case the document writes its words
(kg/annotate/recase.py): title pages and captions give the names they hold, not their
titles and verbs, and quotes keep the capitals of the source."""

from __future__ import annotations

import pytest
import spacy

from kg.annotate import annotate_document, runner_for
from kg.annotate.recase import CaseVotes, EnglishWords, recased, shouting
from kg.read.plain import read_markdown


@pytest.mark.parametrize("text,loud", [
    ("THE RETURN OF THE EXILES", True),
    ("PORTRAIT OF A. V. LUNACHARSKY", True),
    ("The NKVD came at night.", False),   # one word in capitals in running text
    ("USSR", False),                      # a lone word
    ("He wrote to the GPU and the OGPU about Tomsky and Rykov.", False),
])
def test_what_counts_as_a_stretch_in_capitals(blank, text, loud):
    assert shouting(blank(text)[:]) is loud


@pytest.fixture(scope="module")
def english(nlp):
    return runner_for(nlp).english


@pytest.mark.parametrize("word,form", [
    ("WOOD", "wood"),         # the text writes it in lower case
    ("TSAR", "Tsar"),         # with a capital
    ("NKVD", "NKVD"),         # in capitals
    ("OF", "of"),             # a function word
    ("MISJUDGED", "misjudged"),  # a form of a dictionary word the text never uses
    ("HOLLOWAY", "Holloway"),    # no dictionary word: a name
    ("LUND", "Lund"),            # a noun of the dictionary (a town), not inflected
    ("GEORGE", "George"),        # a given name, though the dictionary has "george"
    ("XIV", "XIV"),              # a roman number
    ("GPU", "GPU"),              # reads as letters
])
def test_each_word_takes_the_documents_case(blank, english, word, form):
    body = blank("The Tsar sawed wood in the yard; the NKVD wrote nothing.")
    head = blank(f"THE {word} AND THE SEA")
    votes = CaseVotes.of([body, head], english)
    assert recased(head, votes)[1].text == form


def test_the_recased_copy_keeps_every_offset(blank, english):
    doc = blank("It rained. THE TSAR'S PALACE AT TOBOLSK. It snowed.")
    copy = recased(doc, CaseVotes.of([doc], english))
    assert copy.text != doc.text and copy.text.lower() == doc.text.lower()
    assert [(t.idx, len(t)) for t in copy] == [(t.idx, len(t)) for t in doc]
    assert [t.is_sent_start for t in copy] == [t.is_sent_start for t in doc]
    assert "the Tsar's Palace at Tobolsk." in copy.text  # function words; nouns and names keep a capital


def test_english_words_need_the_models_tables():
    assert not EnglishWords.from_nlp(spacy.blank("en")).known("wood")


BOOK = """\
THE MEMOIRS OF THE NORTH

BY

HENRIK ALVAR OSTBERG

PROFESSOR OF HISTORY IN UPPSALA UNIVERSITY AND FORMER MINISTER OF EDUCATION

CHAPTER I

Henrik Alvar Ostberg taught history at Uppsala for thirty years. The professor of history
wrote about the ministry of education and about the old university.
"""


def test_a_title_page_gives_the_author_not_his_titles(nlp):
    [doc] = read_markdown(BOOK, "book.txt", "book.txt", "0")
    mentions = annotate_document(nlp, doc, BOOK).mentions
    found = {(m.text, m.type) for m in mentions}
    assert ("HENRIK ALVAR OSTBERG", "PERSON") in found
    assert not any(m.text.startswith(("PROFESSOR", "MINISTER")) for m in mentions), found
    assert all(m.text == BOOK[m.start:m.end] and m.name in BOOK for m in mentions)


def test_a_relation_stated_in_capitals_is_quoted_as_written(seed_build, tmp_path):
    import csv

    from kg.cli import main

    text = ("Henrik Ostberg was a teacher at Uppsala. Anna Lund was his pupil.\n\n"
            "TELEGRAM. HENRIK OSTBERG MARRIED ANNA LUND AT UPPSALA IN 1901. STOP.\n")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "telegram.txt").write_text(text, encoding="utf-8")
    assert main(["build", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--quiet",
                 "--cache-dir", str(seed_build / ".cache")]) == 0
    rows = list(csv.DictReader((tmp_path / "out" / "relations.csv").open(encoding="utf-8")))
    married = [r for r in rows if r["predicate"] == "spouse"]
    assert married and all(r["evidence"] in text and "MARRIED" in r["evidence"] for r in married), rows


def test_a_name_the_text_writes_capitalised_keeps_its_capitals(blank):
    body = blank("After the July Days the party hid. The days were long and the nights short.")
    head = blank("THE NIGHTS FOLLOWING THE JULY DAYS")
    assert recased(head, CaseVotes.of([body, head])).text == "the nights Following the July Days"
