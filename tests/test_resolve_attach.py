"""A shorter name joins the one fuller name of its document (kg/resolve/attach.py)."""

from __future__ import annotations

import pytest

from kg.model import Mention
from kg.resolve.attach import attach_within_documents, subsumes
from kg.resolve.clusters import Clusters
from kg.resolve.structure import parse_name


def _clusters(names: list[str], doc: str = "d") -> Clusters:
    c = Clusters()
    for i, n in enumerate(names):
        c.add(f"k:{n}", Mention(doc, f"{doc}.txt", i * 100, i * 100 + len(n), n, "PERSON", 0, name=n), "same name")
    return c


@pytest.mark.parametrize("short,full,fits", [
    ("Avdeieff", "Alexander Avdeiev", True), ("S. I. Gibbes", "Sidney Ivanovitch Gibbes", True),
    ("N. S.", "Nadezhda Sergeevna Allilueva", True), ("Maria", "Maria Nikolaievna", True),
    ("Nadia", "Nadezhda Allilueva", False), ("Queen Alexandra", "Alexandra Alexandrovna Tegleva", False),
    ("Grand Duke Sergius", "Sergius Mikhailovich", False), ("Olga", "Tatiana Nikolaievna", False),
    ("Prince Donnersmarck", "Prince Henkel-Donnersmarck", True),
])
def test_a_fuller_name_holds_every_part_of_the_shorter(short, full, fits):
    assert subsumes(parse_name(short), parse_name(full)) is fits


def test_a_bare_first_name_needs_an_antecedent():
    before = _clusters(["Peter", "Peter Ermakoff"])
    after = _clusters(["Peter Ermakoff", "Peter"])
    attach_within_documents(before)
    attach_within_documents(after)
    assert len(before.keys()) == 2 and after.keys() == ["k:Peter Ermakoff"]
    assert before.doubts and "before its fuller name" in before.doubts[0]["why"]


def test_a_surname_between_two_fuller_names_stays_apart_and_is_doubted():
    c = _clusters(["Anna Larina", "Maria Larina", "Larina"])
    attach_within_documents(c)
    assert len(c.keys()) == 3 and len(c.doubts[0]["candidates"]) == 2


@pytest.mark.parametrize("names,joined_to", [
    (["Betty Bowes", "Bowes", "Thomas Bowes"], "k:Betty Bowes"),  # the other bearer comes after
    (["Olga Petrovna Larina", "Olga Petrovna", "Maria Petrovna Larina"], "k:Olga Petrovna Larina"),
    (["Anna Larina", "Maria Larina", "Larina"], None),  # both named before it
    (["Terenty Tal", "Mr. T.", "Timofei Tolstoi"], None),  # initials alone say too little
])
def test_a_surname_joins_the_only_bearer_named_before_it(names, joined_to):
    c = _clusters(names)
    attach_within_documents(c)
    short = f"k:{names[1]}"
    assert (c.final(short) if short not in c.keys() else None) == joined_to


def test_a_surname_used_again_after_a_second_bearer_stays_apart():
    c = _clusters(["Ross Alger", "Alger", "Harry Alger"])
    c.add("k:Alger", Mention("d", "d.txt", 900, 905, "Alger", "PERSON", 0, name="Alger"), "same name")
    attach_within_documents(c)
    assert len(c.keys()) == 3


def test_a_fuller_name_opening_with_an_ordinary_word_loses_to_a_real_first_name():
    c = _clusters(["Alexander Avdeiev", "Once Avdeieff", "Avdeieff"])
    attach_within_documents(c, lambda doc: frozenset({"once"}))
    assert "k:Avdeieff" not in c.keys() and c.final("k:Avdeieff") == "k:Alexander Avdeiev"


def test_a_short_name_stays_in_its_document():
    c = _clusters(["Karl Radek"], doc="a")
    c.add("k:Radek", Mention("b", "b.txt", 0, 5, "Radek", "PERSON", 0, name="Radek"), "same name")
    attach_within_documents(c)
    assert len(c.keys()) == 2


@pytest.mark.parametrize("names,common,joined", [
    (["Motoviliha Works", "WORKS"], {"works"}, False), (["Transcriber Note", "Note"], {"note"}, False),
    (["Harold Baker", "Baker"], {"baker"}, True), (["Motoviliha Works", "Works"], set(), True),
])
def test_an_ordinary_word_joins_only_a_name_with_a_real_first_name(names, common, joined):
    c = _clusters(names)
    attach_within_documents(c, lambda doc: frozenset(common))
    assert (len(c.keys()) == 1) is joined


@pytest.mark.parametrize("text,joined", [
    # a biography's lead: the name that opens it, with a lifespan, is its subject
    ("Paul Arden Jr. (born May 3, 1954) is a banker. He is the son of Paul Arden Sr. and "
     "Jane Arden. Arden was born in Leeds.", True),
    ("Paul Arden Jr. is a banker. He is the son of Paul Arden Sr. and Jane Arden. "
     "Arden was born in Leeds.", False),  # no lifespan: nothing says whom the file is about
])
def test_a_surname_several_names_fit_joins_the_subject_named_at_the_opening(nlp, text, joined):
    from kg.annotate import annotate_document
    from kg.read.plain import read_markdown
    from kg.resolve import Resolver

    [doc] = read_markdown(text, "bio.txt", "bio.txt", "0")
    mentions = annotate_document(nlp, doc, text).mentions
    Resolver().resolve(mentions, (), [doc])
    by_name = {m.text: m.entity for m in mentions if m.type == "PERSON"}
    assert (by_name["Arden"] == by_name["Paul Arden Jr."]) is joined
    assert by_name["Arden"] != by_name["Jane Arden"]


@pytest.mark.parametrize("names,joined_to", [
    # several fuller names fit: the one with the short name's title
    (["General Wilds P. Richardson", "Eugene E. Richardson", "General Richardson"], "k:General Wilds P. Richardson"),
    (["Captain Horace Winslow", "Peter Winslow", "Captain Winslow"], "k:Captain Horace Winslow"),
    (["Horace Winslow", "Peter Winslow", "Captain Winslow"], None),  # no title says which
])
def test_a_titled_surname_joins_the_fuller_name_with_that_title(names, joined_to):
    c = _clusters(names)
    attach_within_documents(c, lambda doc: frozenset({"wilds"}))  # "the wilds": a word of the text
    short = f"k:{names[-1]}"
    assert (c.final(short) if short not in c.keys() else None) == joined_to
