"""Names in a book's apparatus count only when the text names them too
(kg/annotate/headings.py); a title line that is a person's name names the article's subject
(kg/annotate/doc_title.py); references to parts of a book are no names."""

from __future__ import annotations

import pytest

from kg.annotate import annotate_document
from kg.model import Document, Passage
from kg.read.plain import read_markdown

BOOK = """\
E-text prepared by Margaret Holloway and Dmitri Sukhanov for the Online Team.

CONTENTS

     I. Meeting People                      1
    II. The Weather at Kem                  9
   III. Swimming Achievement               17

CHAPTER II

MEETING PEOPLE

In the spring of 1921 I went to see Kropotkin at Dmitrov. Kropotkin talked of the
co-operatives, and of the weather, and of people he was meeting.

CHAPTER III

THE SWIMMING ACHIEVEMENT OF KROPOTKIN

The old man swam across the pond, a swimming achievement at his age.
"""


@pytest.fixture(scope="module")
def book_mentions(nlp):
    [doc] = read_markdown(BOOK, "book.txt", "book.txt", "0")
    annotated = annotate_document(nlp, doc, BOOK)
    return [(m.text, m.type, doc.passages[m.passage].layer) for m in annotated.mentions]


def test_a_contents_page_and_chapter_headings_give_no_entities(book_mentions):
    headed = [(t, ty) for t, ty, layer in book_mentions if layer in ("heading", "apparatus")]
    assert all(t.upper() == "KROPOTKIN" for t, _ in headed), headed


def test_a_heading_name_the_text_names_takes_its_type(book_mentions):
    assert ("KROPOTKIN", "PERSON", "heading") in book_mentions


def test_a_transcribers_note_names_nobody(book_mentions):
    assert not any(t in ("Margaret Holloway", "Dmitri Sukhanov") for t, _, _ in book_mentions)


def _title_doc(title: str, body: str) -> tuple[Document, str]:
    text = f"{title}\n\n{body}\n"
    passages = [Passage("t-1", "t.txt", 0, "title", title, tuple(range(len(title) + 1))),
                Passage("t-1", "t.txt", 1, "body", body, tuple(range(len(title) + 2, len(text))))]
    return Document("t-1", "t.txt", "t.txt", "", passages), text


@pytest.mark.parametrize("title,body,names", [
    ("Vera Nikolaevna Figner", "Figner was born in Kazan province in 1852 and studied in Zurich.",
     ["Vera Nikolaevna Figner"]),
    ("KALININA, Marfa Ivanovna (1879–1941)", "Kalinina worked in a Tver mill before she joined the party.",
     ["KALININA", "Marfa Ivanovna"]),
])
def test_a_title_line_naming_a_person_is_that_person(nlp, title, body, names):
    document, text = _title_doc(title, body)
    mentions = [(m.text, m.type) for m in annotate_document(nlp, document, text).mentions]
    assert all((name, "PERSON") in mentions for name in names)
    assert not any(t == "WORK" for _, t in mentions)


def test_a_letters_title_stays_a_work(nlp):
    document, text = _title_doc("Kamenev's Letter to Zinoviev", "I write to you from Moscow.")
    mentions = [(m.text, m.type) for m in annotate_document(nlp, document, text).mentions]
    assert ("Kamenev's Letter to Zinoviev", "WORK") in mentions


@pytest.mark.parametrize("text", [
    "The reader will find the details in Chapter IV of this book.",
    "See Part II, Vol. 3 for the documents.",
    "He was charged under Articles 58 and 59 of the Code.",
    "The details are given in Chapters 3-5 below.",
])
def test_references_to_parts_of_a_book_are_no_names(nlp, text):
    assert not any(e.text[:4] in ("Chap", "Part", "Vol", "Arti") for e in nlp(text).ents)


@pytest.mark.parametrize("heading,name,label", [
    ("RASMUSSEN WOUNDED", "RASMUSSEN", "PERSON"),          # a verb the text writes in lower case
    ("HENRIK OSTBERG 139", "HENRIK OSTBERG", "PERSON"),    # a page number of a list of plates
    ("OSTBERG MISJUDGED", "OSTBERG", "PERSON"),            # a word the text never uses
    ("THE GOVERNOR", None, None),                          # nothing of a name is left
])
def test_a_heading_name_is_cut_to_what_the_text_names(heading, name, label):
    import spacy
    from spacy.tokens import Span

    from kg.annotate.headings import confirm_headings

    nlp = spacy.blank("en")
    body = nlp("Rasmussen was wounded at Kem. Henrik Ostberg wrote to the governor.")
    body.ents = [Span(body, 0, 1, "PERSON"), Span(body, 4, 5, "PLACE"), Span(body, 6, 8, "PERSON")]
    head = nlp(heading)
    head.ents = [Span(head, 0, len(head), "ORG")]
    confirm_headings([("body", body), ("heading", head)])
    assert [(e.text, e.label_) for e in head.ents] == ([(name, label)] if name else [])


ISLAND = """\
CHAPTER IV

THE TYRANNY OF THE WARDERS

The warders ruled the island, and the prisoners feared them. Kurilko beat the weak and
sold their bread.

CHAPTER V

THE ESCAPE OF MALSAGOFF

In May Malsagoff and three men crossed the ice to the mainland.
"""


def test_a_heading_word_the_dictionary_has_as_a_noun_is_no_name(nlp):
    [doc] = read_markdown(ISLAND, "island.txt", "island.txt", "0")
    annotated = annotate_document(nlp, doc, ISLAND)
    headed = {m.text for m in annotated.mentions if doc.passages[m.passage].layer == "heading"}
    assert "TYRANNY" not in headed  # KROPOTKIN of a heading stays: see the tests above


@pytest.mark.parametrize("layer,text", [("heading", "THE TOWER OF PETER AND PAUL"), ("index", "Lavrov, Peter, 82")])
def test_a_first_name_alone_in_the_apparatus_is_nobody(layer, text):
    import spacy
    from spacy.tokens import Span

    from kg.annotate.headings import confirm_headings

    nlp = spacy.blank("en")
    body = nlp("Prince Peter Kropotkin came to Lavrov. Peter smiled.")
    body.ents = [Span(body, 0, 3, "PERSON"), Span(body, 5, 6, "PERSON"), Span(body, 7, 8, "PERSON")]
    head = nlp(text)
    at = [t.i for t in head if t.text.lower() == "peter"][0]
    head.ents = [Span(head, at, at + 1, "PERSON")]
    confirm_headings([("body", body), (layer, head)])
    assert not head.ents
