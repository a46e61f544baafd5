"""Every relation rule's own examples: those under ``match`` fire, those under ``no_match`` don't."""

from __future__ import annotations

import pytest

from kg.annotate import annotate_document
from kg.errors import RuleError
from kg.link import Linker
from kg.link.rules import compile_rule, load_rule_file, load_rules, parse_path
from kg.model import Document, Passage

RULES = load_rules()
CASES = [(r, text, want) for r in RULES for want in ("match", "no_match")
         for text in r.examples.get(want, [])]


def _document(text: str) -> Document:
    passage = Passage("t-1", "t.txt", 0, "body", text, tuple(range(len(text) + 1)))
    return Document(id="t-1", source="t.txt", path="t.txt", sha256="", passages=[passage])


def _fired(nlp, rule, text: str) -> bool:
    annotated = annotate_document(nlp, _document(text), text)
    return any(a.evidence.rule == rule.id for a in Linker([rule]).link(annotated))


@pytest.mark.parametrize("rule,text,want", CASES, ids=[f"{r.id}:{w}:{t[:30]}" for r, t, w in CASES])
def test_rule_examples(nlp, rule, text, want):
    assert _fired(nlp, rule, text) == (want == "match")


def test_every_dependency_rule_has_positive_and_negative_examples():
    for rule in RULES:
        if rule.kind == "dependency":
            assert rule.examples.get("match") and rule.examples.get("no_match"), rule.id


@pytest.mark.parametrize("raw,field", [
    ({"id": "spouse.x.v1", "predicate": "spouse", "kind": "nope"}, "kind"),
    ({"id": "Spouse", "predicate": "spouse", "kind": "dependency"}, "id"),
    ({"id": "spouse.x.v1", "predicate": "spouse", "kind": "dependency"}, "trigger"),
    ({"id": "spouse.x.v1", "predicate": "spouse", "kind": "dependency", "trigger": ["wife"],
      "subject_paths": ["<attr >>nsubj"]}, "subject_paths"),
    ({"id": "spouse.x.v1", "predicate": "spouse", "kind": "dependency", "trigger": ["wife"],
      "subject_paths": ["<attr"], "subject": ["HUMAN"]}, "subject"),
    ({"id": "spouse.x.v1", "kind": "dependency"}, "predicate"),
])
def test_bad_rule_names_file_rule_and_field(raw, field):
    with pytest.raises(RuleError) as err:
        compile_rule(raw, "my_rules.toml")
    message = str(err.value)
    assert "my_rules.toml" in message and f"'{field}'" in message


def test_rule_file_without_rules_is_an_error(tmp_path):
    path = tmp_path / "empty.toml"
    path.write_text("# nothing\n")
    with pytest.raises(RuleError, match="empty.toml"):
        load_rule_file(path)


def test_duplicate_rule_ids_are_refused(tmp_path):
    path = tmp_path / "dup.toml"
    path.write_text('[[rule]]\nid = "born_on.lifespan.v1"\npredicate = "born_on"\nkind = "lifespan"\npart = "start"\n')
    with pytest.raises(RuleError, match="duplicate"):
        load_rules([path])


def test_path_syntax():
    steps = parse_path("<attr >prep:of >pobj|appos")
    assert [s.up for s in steps] == [True, False, False]
    assert steps[1].lemmas == frozenset({"of"}) and steps[2].deps == frozenset({"pobj", "appos"})
