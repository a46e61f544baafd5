"""`kg rules check`: rules compile, name known predicates, and their own examples hold; every
problem of every file is reported, one line each (kg/link/check.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.cli import main
from kg.link.check import check_files, example_problem, predicate_problem, static_problems
from kg.errors import RuleError
from kg.link.rules import default_rule_files, load_rules

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
RULE = '''[[rule]]
id = "{id}"
predicate = "{predicate}"
kind = "dependency"
object = ["ORG"]
trigger = ["commissar"]
subject_paths = {paths}
object_paths = [">prep:of >pobj"]
examples.match = ["Genrikh Iagoda was commissar of the NKVD."]
examples.no_match = [{no_match}]
'''


def _rule(rid: str, predicate: str = "position_held", paths: str = '["<acomp >nsubj", "<appos"]',
          no_match: str = '"Genrikh Iagoda visited the NKVD."') -> str:
    return RULE.format(id=rid, predicate=predicate, paths=paths, no_match=no_match)


@pytest.fixture(scope="module")
def checked(nlp, tmp_path_factory):
    """Two files with four problems between them, checked once."""
    tmp = tmp_path_factory.mktemp("check")
    one, two = tmp / "one.toml", tmp / "two.toml"
    one.write_text(_rule("position_held.attr_only.v1", paths='["<attr >nsubj"]')
                   + _rule("position_held.too_wide.v1",
                           no_match='"Genrikh Iagoda, commissar of the NKVD, resigned."')
                   + _rule("position_held.typo.v1", predicate="held_position_typo"), encoding="utf-8")
    two.write_text(_rule("position_held.ok.v1") + _rule("position_held.bad.v1", paths='["<<attr"]'),
                   encoding="utf-8")
    rules, problems = check_files([one, two], lambda: nlp)
    return one, two, rules, problems


def test_every_problem_of_every_file_is_reported(checked):
    one, two, _, problems = checked
    lines = [p.line() for p in problems]
    assert [(p.file, p.rule) for p in problems] == [
        (str(one), "position_held.typo.v1"), (str(one), "position_held.attr_only.v1"),
        (str(one), "position_held.too_wide.v1"), (str(two), "position_held.bad.v1")], lines


def test_a_match_example_that_does_not_fire_is_named(checked):
    why = next(p.problem for p in checked[3] if p.rule == "position_held.attr_only.v1")
    assert "examples.match does not fire" in why and "Genrikh Iagoda was commissar" in why


def test_a_no_match_example_that_fires_is_named(checked):
    why = next(p.problem for p in checked[3] if p.rule == "position_held.too_wide.v1")
    assert why.startswith("examples.no_match fires (Genrikh Iagoda position_held NKVD)")


def test_an_unknown_predicate_names_the_nearest_known_ones(checked):
    why = next(p.problem for p in checked[3] if p.rule == "position_held.typo.v1")
    assert "unknown predicate 'held_position_typo'" in why and "did you mean position_held" in why
    assert not next(p for p in checked[3] if p.rule == "position_held.typo.v1").malformed


def test_a_good_rule_beside_bad_ones_passes(checked):
    assert "position_held.ok.v1" in {r.id for r in checked[2]}
    assert all(p.rule != "position_held.ok.v1" for p in checked[3])


@pytest.mark.parametrize("name,near", [("spouce", "spouse"), ("acused_by", "accused_by"),
                                       ("position_held", None)])
def test_predicate_names_are_checked_against_predicates_toml(name, near):
    why = predicate_problem(name)
    assert (why is None) if near is None else f"did you mean {near}" in why


def test_shipped_rules_compile_with_known_predicates():
    assert static_problems(default_rule_files()) == []


def test_readme_example_rule_copied_verbatim_passes_and_fires(nlp, tmp_path):
    block = next(b for b in re.findall(r"```toml\n(.*?)```", README, re.S) if "commissar" in b)
    path = tmp_path / "my_rules.toml"
    path.write_text(block, encoding="utf-8")
    rules, problems = check_files([path], lambda: nlp)
    assert problems == [] and [r.id for r in rules] == ["position_held.commissar_of.v1"]
    assert example_problem(nlp, rules[0], "Lavrentii Beria was commissar of the NKVD.", "match") is None


def test_cli_prints_one_line_per_problem_and_exits_1(checked, capsys):
    one, two, _, problems = checked
    ok = Path(one).with_name("fine.toml")
    ok.write_text(_rule("position_held.fine.v1"), encoding="utf-8")
    assert main(["rules", "check", str(ok)]) == 0
    assert "1 rule(s) OK" in capsys.readouterr().out
    typo = Path(one).with_name("typo.toml")
    typo.write_text(_rule("position_held.t.v1", predicate="postion_held") + _rule("position_held.u.v1", paths='["<attr >nsubj"]'), encoding="utf-8")
    assert main(["rules", "check", str(typo), str(ok)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and all(line.startswith(f"kg: error: {typo} [position_held.") for line in err)


def test_docstring_examples_hold():
    import doctest

    import kg.link
    import kg.link.check

    assert doctest.testmod(kg.link.check).failed == 0 and doctest.testmod(kg.link).failed == 0


SHIPPED_ID = 'id = "born_on.lifespan.v1"\npredicate = "born_on"\nkind = "lifespan"\npart = "start"\n'
UNKNOWN = 'id = "praised.mine.v1"\npredicate = "praised"\nkind = "lifespan"\npart = "start"\n'


def test_a_shipped_rule_id_in_ones_own_file_is_a_problem(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text("[[rule]]\n" + SHIPPED_ID, encoding="utf-8")
    [problem] = static_problems([path])
    assert "duplicate rule id" in problem.line() and "born_on" in problem.line()
    assert static_problems(default_rule_files()) == []  # the shipped files themselves pass


def test_build_refuses_the_shipped_id_rules_check_reports(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text("[[rule]]\n" + SHIPPED_ID, encoding="utf-8")
    assert static_problems([path])
    with pytest.raises(RuleError, match="duplicate rule id"):
        load_rules([path])


def test_a_predicate_of_ones_own_is_reported_by_check_but_built(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text("[[rule]]\n" + UNKNOWN, encoding="utf-8")
    [problem] = static_problems([path])
    assert "unknown predicate 'praised'" in problem.line() and not problem.malformed
    assert [r.predicate for r in load_rules([path]) if r.id == "praised.mine.v1"] == ["praised"]
