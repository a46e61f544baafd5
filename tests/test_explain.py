"""`kg rules explain`: the parse, the entities, and for each rule whose trigger occurs whether
it fired, its relation and evidence, or the first path step that failed (kg/link/explain.py)."""

from __future__ import annotations

import contextlib
import io

import pytest

from kg.cli import main
from kg.link import Linker
from kg.link.check import annotate_sentence
from kg.link.explain import explain, path_failure, path_text
from kg.link.rules import load_rules, parse_path
from kg.link.trace import Trace

ATTR_ONLY = '''[[rule]]
id = "position_held.commissar_attr.v1"
predicate = "position_held"
kind = "dependency"
object = ["ORG"]
trigger = ["commissar"]
subject_paths = ["<attr >nsubj"]
object_paths = [">prep:of >pobj"]
'''
FAILS = "Genrikh Iagoda was commissar of the NKVD."
FIRES = "Ivan Smirnov was the chairman of the Central Committee."


@pytest.fixture(scope="module")
def shown(tmp_path_factory):
    """The CLI's text and HTML for a sentence where a rule fails and one where one fires."""
    tmp = tmp_path_factory.mktemp("explain")
    rules = tmp / "attr.toml"
    rules.write_text(ATTR_ONLY, encoding="utf-8")
    out = {}
    for name, sentence in (("fails", FAILS), ("fires", FIRES)):
        html = tmp / f"{name}.html"
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            assert main(["rules", "explain", sentence, "--rules", str(rules), "--html", str(html)]) == 0
        out[name] = (buf.getvalue(), html.read_text(encoding="utf-8"))
    return out


def test_the_failing_path_step_is_named(shown):
    text = shown["fails"][0]
    assert "position_held.commissar_attr.v1  (trigger `commissar`, word 4): did not fire" in text
    assert "subject path `<attr >nsubj`: `commissar` has dependency `acomp`, not `attr`" in text


def test_the_parse_is_an_indented_tree_with_entities(shown):
    text = shown["fails"][0]
    assert "\n  was  (be, AUX, ROOT)\n    Iagoda  (Iagoda, PROPN, nsubj)  PERSON\n" in text
    assert "\n    commissar  (commissar, ADJ, acomp)\n      of  (of, ADP, prep)\n" in text
    assert "Entities:\n  Genrikh Iagoda  PERSON\n  NKVD  ORG\n" in text


def test_a_trigger_with_the_wrong_part_of_speech_is_named(shown):
    assert "trigger `commissar` is ADJ, the rule wants NOUN|PROPN" in shown["fails"][0]


def test_a_rule_that_fires_shows_its_relation_and_evidence(shown):
    text = shown["fires"][0]
    assert "head_of.role_noun.v1  (trigger `chairman`, word 5): fired" in text
    assert "Ivan Smirnov —head_of→ Central Committee  (asserted" in text
    assert f'evidence [0:55] rule head_of.role_noun.v1: "{FIRES}"' in text
    assert "the rule's 'requires'" in text  # the deputy rule, stopped by its modifiers


def test_html_is_an_offline_dependency_view_with_entities(shown):
    page = shown["fires"][1]
    assert "<svg" in page and "nsubj" in page and "PROPN · PERSON" in page
    assert "Central Committee" in page and "ORG" in page
    assert "<script" not in page and "<link" not in page and "https://" not in page


def test_html_is_deterministic(tmp_path, shown):
    again = tmp_path / "again.html"
    assert main(["rules", "explain", FIRES, "--html", str(again)]) == 0
    assert again.read_text(encoding="utf-8").split("<h2")[1:3] == shown["fires"][1].split("<h2")[1:3]


def test_explain_uses_the_build_engine(nlp):
    """A traced linker yields what the untraced one yields; explain reports those relations."""
    rules = load_rules()
    annotated = annotate_sentence(nlp, FIRES)
    plain = Linker(rules).link(annotated)
    trace = Trace()
    traced = Linker(rules, trace).link(annotated)
    assert [(a.subject.name, a.predicate, str(a.object)) for a in plain] == \
        [(a.subject.name, a.predicate, str(a.object)) for a in traced]
    assert trace.attempts and Linker(rules).trace.attempts == []
    found = explain(nlp, FIRES, rules)
    assert [a.evidence.rule for a in found.relations] == [a.evidence.rule for a in plain]


@pytest.mark.parametrize("path", ["<attr >nsubj", ">prep:of >pobj", "<pobj <prep:as|in <* >nsubj",
                                  "=be|remain >nsubj", "."])
def test_paths_are_written_back_as_in_the_rule_file(path):
    assert path_text(parse_path(path)) == path


@pytest.mark.parametrize("path,words", [
    (">prep:in >pobj", "`chairman` has `prep` `of`, not `in`"),
    (">dobj", "`chairman` has no `dobj` child (its children: det `the`, prep `of`)"),
    (">prep:of >pobj", "reaches `Committee`, not an entity of type PERSON"),
])
def test_path_failures_name_the_step(nlp, path, words):
    doc = annotate_sentence(nlp, FIRES).docs[0][1]
    assert path_failure(doc[4], parse_path(path), ("PERSON",)) == words
