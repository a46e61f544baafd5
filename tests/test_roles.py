"""Rules by roles: role names expand to dependency paths, "@list" triggers to word lists,
and the link step reaches arguments through them (see also each rule's examples)."""

from __future__ import annotations

import pytest

from kg.errors import RuleError
from kg.link.roles import expand_words, role_paths
from kg.link.rules import compile_rule


def test_prep_role_fills_in_its_words():
    paths = role_paths("verb", ["prep:in|at"])
    assert paths[0] == ">prep:in|at >pobj" and all("{}" not in p for p in paths)


def test_roles_keep_order_without_repeats():
    paths = role_paths("noun", ["apposition", "apposition", "copula"])
    assert paths[:2] == ["<appos", ">appos"] and len(paths) == len(set(paths))


def test_word_lists_expand():
    words = expand_words(["@head", "tsar"])
    assert "chairman" in words and words[-1] == "tsar"


@pytest.mark.parametrize("raw,field", [
    ({"subject_roles": ["nowhere"]}, "subject_roles"),
    ({"trigger": ["@no_such_list"]}, "trigger"),
])
def test_unknown_role_or_list_names_the_field(raw, field):
    rule = {"id": "head_of.x.v1", "predicate": "head_of", "kind": "dependency",
            "trigger": ["@head"], "trigger_pos": ["NOUN"], "subject_roles": ["apposition"]} | raw
    with pytest.raises(RuleError, match=f"'{field}'"):
        compile_rule(rule, "my_rules.toml")


def test_fallback_rule_is_compiled_with_role_paths():
    rule = compile_rule({"id": "position_held.t.v1", "predicate": "position_held",
                         "kind": "dependency", "trigger": ["@office"], "trigger_pos": ["NOUN"],
                         "subject_roles": ["apposition"], "object_paths": ["."],
                         "object_kind": "literal", "fallback": True}, "r.toml")
    assert rule.fallback and rule.subject_paths and rule.object_paths == [[]]


def test_readme_role_rule_compiles_and_its_examples_hold(nlp):
    import re
    import tomllib
    from pathlib import Path

    from kg.link.check import example_problem

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```toml\n(.*?)```", readme, re.S) if "subject_roles" in b)
    rule = compile_rule(tomllib.loads(block)["rule"][0], "README.md")
    for want, texts in rule.examples.items():
        for text in texts:
            assert example_problem(nlp, rule, text, want) is None, text


@pytest.mark.parametrize("rule_id,text,subject,obj", [
    ("died_in.verb.v1", "Ivan Smirnov moved to Kazan, Tatarstan, where he died in 1919.", "Ivan Smirnov", "Kazan"),
    ("born_in.verb.v1", "Ivan Smirnov was born in Kazan, Tatarstan, in 1880.", "Ivan Smirnov", "Kazan"),
    ("born_in.lifespan.v1", "Ivan Smirnov (Kazan, Tatarstan, 3 May 1880 – 1938) was a Bolshevik.", "Ivan Smirnov", "Kazan"),
])
def test_a_place_is_the_town_not_the_region_after_it(nlp, rule_id, text, subject, obj):
    """'Kazan, Tatarstan': the town is the place of birth or death, not the region."""
    from kg.link.check import run_example
    from kg.link.rules import load_rules

    rule = next(r for r in load_rules() if r.id == rule_id)
    found = {(a.subject.name, a.object.name) for a in run_example(nlp, rule, text)
             if a.predicate == rule.predicate}
    assert found == {(subject, obj)}


def test_a_gerund_after_a_preposition_takes_the_clause_subject():
    paths = role_paths("verb", ["subject"])
    assert "<pcomp <prep:after|before|upon|on|without >nsubj|nsubjpass" in paths
