"""A book's apparatus (kg/read/headings.py): headings, contents pages, running heads,
captions and transcribers' notes get their own layers."""

from __future__ import annotations

import pytest

from kg.read.plain import read_markdown

BOOK = """\
Transcriber's Note

Obvious printer's errors have been corrected silently.

THE SALT MARSH PRISON

CONTENTS

  CHAPTER                                  PAGE
     I. Arrival at Kholmogory                 1
    II. A Visit from Dr. Petrenko            14

CHAPTER I

ARRIVAL AT KHOLMOGORY

_The Barge — Commandant Lisitsyn — Roll-call at Dawn_

We reached Kholmogory on a grey morning in June. The commandant,
Lisitsyn, counted us twice.

THE SALT MARSH PRISON

[Illustration: THE BARRACKS AT KHOLMOGORY]

CHAPTER II

A Visit from Dr. Petrenko

Dr. Petrenko came on the third day and looked at our feet.

THE SALT MARSH PRISON

He left before dark.
"""


@pytest.fixture(scope="module")
def layers() -> dict[str, str]:
    [doc] = read_markdown(BOOK, "book.txt", "book.txt", "0")
    return {" ".join(p.text.split())[:40]: p.layer for p in doc.passages}


@pytest.mark.parametrize("start,layer", [
    ("Transcriber's Note", "apparatus"),
    ("CONTENTS", "heading"),
    ("CHAPTER PAGE I. Arrival at Kholmogory 1", "heading"),
    ("CHAPTER I", "heading"),
    ("ARRIVAL AT KHOLMOGORY", "heading"),
    ("The Barge — Commandant Lisitsyn — Roll-c", "heading"),
    ("THE SALT MARSH PRISON", "heading"),
    ("[Illustration: THE BARRACKS AT KHOLMOGOR", "heading"),
    ("A Visit from Dr. Petrenko", "heading"),
    ("We reached Kholmogory on a grey morning ", "body"),
    ("Dr. Petrenko came on the third day and l", "body"),
    ("He left before dark.", "body"),
])
def test_headings_contents_running_heads_and_captions_are_no_body(layers, start, layer):
    found = [v for k, v in layers.items() if k.startswith(start)]
    assert found and set(found) == {layer}


@pytest.mark.parametrize("text", [
    "E-text prepared by Anna Volkova and the Online Team (http://example.org)\nfrom page images.",
    "Transcriber's note: the spelling of names has not been normalised.",
])
def test_a_producers_note_is_apparatus(text):
    [doc] = read_markdown(f"{text}\n\nThe convoy left Perm at night.\n", "b.txt", "b.txt", "0")
    assert [p.layer for p in doc.passages] == ["apparatus", "body"]


def test_letters_and_articles_keep_their_layers():
    text = "## Petrov to Stalin\n\nMAY 3, 1937\n\nI ask you to read this.\n\nI. Petrov\n"
    [doc] = read_markdown(text, "l.md", "l.md", "0")
    assert "heading" not in [p.layer for p in doc.passages]


def test_prose_that_opens_with_a_chapter_marker_is_text():
    text = ("Chapter 1 Sir Roger Hale , of Thornby Hall , was a man who never took up any book but "
            "the peerage ; there he found occupation for an idle hour , and comfort in a bad one .\n")
    [doc] = read_markdown(text, "b.txt", "b.txt", "0")
    assert [p.layer for p in doc.passages] == ["body"]


def test_a_chapter_marker_without_a_blank_line_after_it_is_cut_off_the_text():
    text = ("CHAPTER I\nThe Lawsuit\nLondon. Michaelmas term lately over, and Sir Roger Hale\n"
            "sitting in his hall. Implacable November weather.\nFog everywhere.\n")
    [doc] = read_markdown(text, "b.txt", "b.txt", "0")
    assert [(p.layer, p.text.split()[0]) for p in doc.passages] == [("heading", "CHAPTER"), ("body", "The")]
