"""A book's title page (kg/read/titlepage.py): title, authors and the imprint's year, past
the e-text maker's notes; a book without one is undated, whatever its footnotes say."""

from __future__ import annotations

import doctest

import pytest

import kg.read.titlepage
from kg.read import read_file
from kg.read.titlepage import as_book, read_title_page
from kg.model import Document

NOTE = "Transcriber's Note\n\nObvious misprints have been silently corrected.\n\n"
BODY = "\n\nCHAPTER I\n\nThe town lay under snow when we arrived in the winter of that year.\n"


@pytest.mark.parametrize("head,title,authors,year", [
    ("THE GREY RIVER\n\nBY\n\nANNA PETROVNA MELNIK\n\nLONDON\nHOLT AND SONS\n1921",
     "The Grey River", ["Anna Petrovna Melnik"], "1921"),
    ("A WINTER IN KIEV:\nLETTERS FROM THE FRONT\n\nBy J. H. MORROW Translated by K. LANE\n\n"
     "COPYRIGHT, 1919, BY HOLT AND SONS", "A Winter in Kiev: Letters from the Front", ["J. H. Morrow"], "1919"),
    ("THE TWO CAPITALS\n\nBY\n\nPAUL ANDREYEV\n\nLATE PROFESSOR AT ODESSA\n\nAND\n\nMARY STONE\n\n"
     "First published 1922", "The Two Capitals", ["Paul Andreyev", "Mary Stone"], "1922"),
    ("ON THE VOLGA IN 1905\n\nBY THE SAME AUTHOR\n\nTHE STEPPE\nTHE FAIR\n\nON THE VOLGA IN 1905\n\n"
     "BY\n\nEDITH CARROW", "On the Volga in 1905", ["Edith Carrow"], None),
    ("MEMOIRS OF A CLERK\n\nESTABLISHED 1817\n\nBy HENRY DALE", "Memoirs of a Clerk", ["Henry Dale"], None),
])
def test_a_title_page_gives_title_authors_and_the_imprints_year(head, title, authors, year):
    page = read_title_page(NOTE + head + BODY)
    assert (page.title, page.authors, page.date) == (title, authors, year)


def test_a_text_with_no_place_where_it_begins_has_no_title_page():
    assert read_title_page("Dear Koba,\n\nI write to you in the night of 10 December 1937.\n") is None


def _book_file(tmp_path, head: str) -> list[Document]:
    filler = " ".join(["The column moved slowly along the frozen road toward the river."] * 1600)
    path = tmp_path / "book.txt"
    path.write_text(head + "\n\nCHAPTER I\n\n" + filler + "\n\n[1] Printed at Petrograd, March, 1917.\n",
                    encoding="utf-8")
    return read_file(path)


def test_a_book_file_is_described_by_its_title_page_not_its_footnotes(tmp_path):
    [doc] = _book_file(tmp_path, NOTE + "THE GREY RIVER\n\nBY\n\nANNA MELNIK\n\n1921")
    assert (doc.kind, doc.title, doc.author, doc.date) == ("book", "The Grey River", "Anna Melnik", "1921")


def test_a_book_without_an_imprint_year_stays_undated(tmp_path):
    [doc] = _book_file(tmp_path, "THE GREY RIVER\n\nBY\n\nANNA MELNIK")
    assert doc.date is None and doc.title == "The Grey River"


def test_two_authors_are_both_named_and_neither_is_the_books_i(tmp_path):
    from kg.link import _voices

    doc = Document("b", "b.txt", "/b.txt", "h")
    as_book(doc, read_title_page(NOTE + "THE TWO CAPITALS\n\nBY\n\nPAUL ANDREYEV\n\nAND\n\nMARY STONE" + BODY))
    assert doc.authors() == ["Paul Andreyev", "Mary Stone"]
    doc.passages = []

    class _Body:
        speaker, layer = None, "body"

    assert _voices(doc, _Body()) == (None, None)


def test_docstring_examples_run():
    assert doctest.testmod(kg.read.titlepage).failed == 0


def test_a_gutenberg_header_names_the_book_but_its_release_date_is_not_the_books():
    head = ("The Project Gutenberg eBook of The Grey River\n\nTitle: The Grey River\n\n"
            "Author: Anna Melnik\n\nRelease Date: May 3, 2021 [eBook #65000]\n\n"
            "*** START OF THE PROJECT GUTENBERG EBOOK THE GREY RIVER ***\n\nTHE GREY RIVER\n\n")
    page = read_title_page(head + BODY)
    assert (page.title, page.authors, page.date) == ("The Grey River", ["Anna Melnik"], None)
    assert page.sources["title"] == "Project Gutenberg header"
