"""Speaker labels of hearings: "I" in a labelled paragraph (and those after it) is the speaker."""

from __future__ import annotations

import pytest

from kg.link.speakers import SpeakerTracker, self_named, speaker_label


@pytest.mark.parametrize("text,want", [
    ("Mr. BULLITT. I handed the report to him.", "Bullitt"),
    ("Senator KNOX. To whom did you hand it?", "Knox"),
    ("The CHAIRMAN. The committee will come to order.", None),
    ("Mr. Smith went to Washington.", None),
    ("CHAPTER IV. The war", None),
])
def test_speaker_label(text, want):
    assert speaker_label(text) == want


def test_unlabelled_paragraphs_keep_the_last_speaker():
    tracker = SpeakerTracker()
    assert tracker.speaker("A preface without speakers.") is None
    assert tracker.speaker("Senator KNOX. Did you see him?") == "Knox"
    assert tracker.speaker("Mr. BULLITT. I did.") == "Bullitt"
    assert tracker.speaker("The next morning I saw him again.") == "Bullitt"


@pytest.mark.parametrize("text,author,want", [
    ("In Paris I met Leon Trotsky.", "Ivan Smirnov", {("Ivan Smirnov", "Leon Trotsky")}),
    ("In Paris I met Leon Trotsky.", None, set()),
    ("Mr. SMIRNOV. In Paris I met Leon Trotsky.", None, {("Smirnov", "Leon Trotsky")}),
    # the paragraph's "I" names itself: the e-text's producer, not the book's author
    ("I (Anna Volkova) met Leon Trotsky in Paris.", "Ivan Smirnov", {("Anna Volkova", "Leon Trotsky")}),
])
def test_first_person_is_the_named_author_or_the_speaker(nlp, text, author, want):
    from kg.annotate import annotate_document
    from kg.link import Linker
    from kg.link.rules import load_rules
    from kg.model import Document, Passage

    passage = Passage("t-1", "t.txt", 0, "body", text, tuple(range(len(text) + 1)))
    doc = Document(id="t-1", source="t.txt", path="t.txt", sha256="", passages=[passage],
                   author=author)
    rules = [r for r in load_rules() if r.id == "met_with.verb.v2"]
    found = {(a.subject.name, a.object.name) for a in Linker(rules).link(annotate_document(nlp, doc, text))}
    assert found == want


@pytest.mark.parametrize("text,want", [
    ("I (Don Kostuch) am the son of John Kostuch.", "Don Kostuch"),
    ("I, Anna Volkova, declare that this is true.", "Anna Volkova"),
    ("I saw Lenin in Moscow.", None),
    ("I, too, was there.", None),
])
def test_a_paragraph_whose_i_names_itself(text, want):
    assert self_named(text) == want
