"""`kg rules suggest`: a rule written from an example sentence passes `kg rules check`, fires on
its sentence and on a paraphrase naming someone else, and uses roles where one covers the
path (kg/link/suggest.py)."""

from __future__ import annotations

import tomllib

import pytest

from kg.cli import main
from kg.errors import UsageError
from kg.link.check import check_files, example_problem
from kg.link.suggest import suggest

CASES = [  # sentence, subject, object, predicate, paraphrase, arguments the rule should use
    ("Genrikh Iagoda was commissar of the NKVD.", "Genrikh Iagoda", "NKVD", "position_held",
     "Nikolai Ezhov was commissar of the NKVD.", {"subject_paths": ["<acomp >nsubj"], "object_roles": ["of"]}),
    ("Sergei Kirov was killed by Leonid Nikolaev.", "Sergei Kirov", "Leonid Nikolaev", "killed_by",
     "Leon Trotsky was killed by Ramon Mercader.", {"subject_roles": ["passive"], "object_roles": ["agent"]}),
    ("Nadezhda Allilueva, the wife of Iosif Stalin, died in 1932.", "Nadezhda Allilueva", "Stalin",
     "spouse", "Anna Larina, the wife of Nikolai Bukharin, died in 1996.",
     {"subject_roles": ["apposition"], "object_roles": ["of"]}),
    ("Nikolai Bukharin was born on 9 October 1888.", "Bukharin", "9 October 1888", "born_on",
     "Lev Kamenev was born on 18 July 1883.", {"subject_roles": ["passive"], "object_roles": ["prep:on"]}),
    ("Leon Trotsky was exiled to Alma-Ata.", "Leon Trotsky", "Alma-Ata", "exiled_to",
     "Karl Radek was exiled to Tomsk.", {"subject_roles": ["passive"], "object_roles": ["prep:to"]}),
    ("Karl Radek joined the Communist Party.", "Karl Radek", "the Communist Party", "member_of",
     "Grigorii Zinoviev joined the Communist Party.", {"subject_roles": ["subject"], "object_roles": ["object"]}),
]


@pytest.mark.parametrize("sentence,subject,obj,predicate,paraphrase,uses", CASES,
                         ids=[c[3] for c in CASES])
def test_suggested_rule_passes_check_and_fires_on_a_paraphrase(nlp, tmp_path, sentence, subject,
                                                               obj, predicate, paraphrase, uses):
    found = suggest(nlp, sentence, subject, obj, predicate)
    raw = tomllib.loads(found.toml)["rule"][0]
    assert raw["predicate"] == predicate and raw["examples"]["match"] == [sentence]
    assert {k: v for k, v in raw.items() if k.endswith(("_roles", "_paths"))} == uses
    path = tmp_path / "suggested.toml"
    path.write_text(found.toml, encoding="utf-8")
    rules, problems = check_files([path], lambda: nlp)
    assert problems == [] and [r.id for r in rules] == [found.rule.id]
    assert example_problem(nlp, rules[0], paraphrase, "match") is None


def test_suggested_ids_do_not_clash_with_shipped_rules(nlp):
    assert suggest(nlp, *CASES[5][:4]).rule.id == "member_of.join.v2"  # member_of.join.v1 is shipped


@pytest.mark.parametrize("subject,predicate,words", [
    ("Karl Radek", "membr_of", "did you mean member_of"),
    ("Stalin", "member_of", r"'Stalin' is not an entity of the sentence; entities: Karl Radek \(PERSON\)"),
])
def test_bad_requests_are_usage_errors(nlp, subject, predicate, words):
    with pytest.raises(UsageError, match=words):
        suggest(nlp, "Karl Radek joined the Communist Party.", subject, "Communist Party", predicate)


def test_cli_writes_a_rule_file_that_check_accepts(tmp_path, capsys):
    out = tmp_path / "exile.toml"
    assert main(["rules", "suggest", CASES[4][0], "--subject", "Leon Trotsky", "--object",
                 "Alma-Ata", "--predicate", "exiled_to", "--out", str(out)]) == 0
    assert "exiled_to.exile.v1" in capsys.readouterr().out
    assert main(["rules", "check", str(out)]) == 0
    assert main(["rules", "suggest", CASES[4][0], "--subject", "Trotsky", "--object", "Moscow",
                 "--predicate", "exiled_to"]) == 2
    assert "not an entity" in capsys.readouterr().err
