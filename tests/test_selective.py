"""Selective parsing: names in every sentence, the parser only where a rule can use it,
with the same relations as parsing everything."""

from __future__ import annotations

import numpy
import pytest
from spacy.attrs import DEP, HEAD, LEMMA, TAG

from kg.annotate import annotate_document
from kg.annotate.lemma_forms import LemmaForms
from kg.annotate.selective import SelectiveRunner, every_sentence, parsed_share, split_stages, unparsed
from kg.link import Linker
from kg.link.check import sentence_document
from kg.link.needs import ParseNeeds
from kg.link.rules import load_rules

TEXT = ("It rained all day over the marshes. Ivan Petrov was sentenced to ten years in Tula. "
        "The wind rose towards evening. He was then exiled to Yakutsk by Nikolai Smirnov.")


@pytest.fixture(scope="module")
def runner(nlp):
    return SelectiveRunner(nlp)


@pytest.fixture(scope="module")
def needs(nlp):
    return ParseNeeds(load_rules(), LemmaForms.from_nlp(nlp))


def test_stages_split_names_from_syntax():
    names, syntax = split_stages(["tok2vec", "tagger", "kg_initials", "parser", "attribute_ruler",
                                  "lemmatizer", "kg_gazetteer", "ner", "kg_types"])
    assert names == ["kg_initials", "kg_gazetteer", "ner", "kg_types"]
    assert syntax == ["tok2vec", "tagger", "kg_initials", "parser", "attribute_ruler", "lemmatizer"]


def test_only_the_wanted_sentences_are_parsed(runner):
    doc = runner([TEXT], lambda s: "sentenced" in s.text)[0]
    assert parsed_share(doc) == (4, 1)
    sentenced = next(t for t in doc if t.text == "sentenced")
    assert sentenced.lemma_ == "sentence" and sentenced.dep_ == "ROOT"
    rained = next(t for t in doc if t.text == "rained")
    assert rained.lemma_ == "" and rained.tag_ == "" and rained.dep_ == "dep"
    assert [doc[a:b].text for a, b in unparsed(doc)][0].startswith("It rained")


def test_names_are_found_in_every_sentence(runner):
    doc = runner([TEXT], lambda s: False)[0]
    assert {e.text for e in doc.ents} >= {"Ivan Petrov", "Tula", "Yakutsk", "Nikolai Smirnov"}
    assert len(list(doc.sents)) == 4  # an unparsed sentence keeps its bounds


def test_the_build_test_picks_the_sentences_with_relations(runner, needs):
    doc = runner([TEXT], needs)[0]
    picked = [doc[a:b].text.split()[0] for a, b, parsed in doc._.kg_sentences if parsed]
    assert picked == ["Ivan", "He"]


@pytest.mark.parametrize("before, after", [(lambda s: False, lambda s: "Ivan" in s.text),
                                           (lambda s: True, lambda s: "Ivan" in s.text)])
def test_a_cached_doc_is_reconciled_to_a_fresh_run(runner, before, after):
    cached = runner([TEXT], before)[0]
    runner.reconcile([cached], after)
    fresh = runner([TEXT], after)[0]
    attrs = [TAG, LEMMA, DEP, HEAD]
    assert numpy.array_equal(cached.to_array(attrs), fresh.to_array(attrs))
    assert cached._.kg_sentences == fresh._.kg_sentences


SENTENCES = [
    "Ivan Petrov, the governor of Tula, was arrested in 1921 and sentenced to death.",
    "She married Boris Orlov in Kiev; their son Pavel was born in 1925.",
    "After the war Anna Ivanova was imprisoned in the Butyrka prison.",
    "The peasants worked the fields and the harvest was good.",
    "Nikolai Smirnov, a member of the Bolshevik Party, met Lenin in Zurich.",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_selective_parsing_gives_the_relations_of_a_full_parse(nlp, needs, text):
    linker = Linker(load_rules())
    full = linker.link(annotate_document(nlp, sentence_document(text), text, every_sentence))
    part = linker.link(annotate_document(nlp, sentence_document(text), text, needs))
    assert [(a.subject.name, a.predicate, str(a.object)) for a in part] == \
           [(a.subject.name, a.predicate, str(a.object)) for a in full]


def test_every_rule_example_is_found_when_parsing_selectively(nlp, needs):
    """Each rule's match examples still yield the rule's relation when only the sentences
    the rules can use are parsed: the test never keeps out a sentence a rule needs."""
    missed = []
    for rule in load_rules():
        for text in rule.examples.get("match", []):
            annotated = annotate_document(nlp, sentence_document(text), text, needs)
            found = [a for a in Linker([rule]).link(annotated) if a.evidence.rule == rule.id]
            if not found:
                missed.append((rule.id, text))
    assert missed == []


def test_a_build_parsing_everything_gives_the_same_graph(tmp_path):
    import json

    from tests.test_build_parallel import OUTPUTS, TEXTS, VOLATILE, build_to, write_corpus

    texts = dict(TEXTS, **{"weather.txt": "It rained all day. The roads were deep in mud.\n\nIvan slept."})
    corpus = write_corpus(tmp_path / "in", texts)
    some = build_to(corpus, tmp_path / "some")["parsing"]
    everything = build_to(corpus, tmp_path / "all", parse_all=True)["parsing"]
    assert 0 < some["parsed"] < everything["parsed"] == everything["sentences"] == some["sentences"]
    assert some["share"] == round(some["parsed"] / some["sentences"], 3)
    for name in OUTPUTS:
        one, two = (tmp_path / d / name for d in ("some", "all"))
        if name == "report.json":
            a, b = (json.loads(p.read_text(encoding="utf-8")) for p in (one, two))
            assert {k: v for k, v in a.items() if k not in {*VOLATILE, "parsing"}} == \
                   {k: v for k, v in b.items() if k not in {*VOLATILE, "parsing"}}
        else:
            assert one.read_bytes() == two.read_bytes(), name
