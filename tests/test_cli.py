"""The CLI is thin, documented, and turns domain errors into one-line messages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import main, parser
from kg.link.rules import default_rule_files

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    top = parser()._subparsers._group_actions[0]
    names = []
    for name, sub in top.choices.items():
        nested = [a for a in sub._actions if a.__class__.__name__ == "_SubParsersAction"]
        names += [f"kg {name} {n}" for n in nested[0].choices] if nested else [f"kg {name}"]
    return names


@pytest.mark.parametrize("command", _commands())
def test_every_command_is_in_the_readme(command):
    assert command in README


@pytest.mark.parametrize("name", ["graph.ttl", "graph.trig", "graph.html", "entities.csv",
                                  "mentions.csv", "relations.csv", "report.json", "sources.csl.json"])
def test_every_output_is_in_the_readme(name):
    assert f"`{name}`" in README


def test_rules_check_accepts_the_shipped_rules(capsys):
    files = default_rule_files()
    assert main(["rules", "check", *map(str, files)]) == 0
    assert capsys.readouterr().out.count("rule(s) OK, examples hold") == len(files)


def test_rules_check_names_file_rule_and_field(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text('[[rule]]\nid = "spouse.bad.v1"\npredicate = "spouse"\nkind = "dependency"\n'
                   'trigger = ["wife"]\nsubject_paths = ["<<attr"]\n')
    assert main(["rules", "check", str(bad)]) == 3
    err = capsys.readouterr().err
    assert "bad.toml" in err and "spouse.bad.v1" in err and "subject_paths" in err


def test_missing_input_is_a_clear_error(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(tmp_path / "nope"),
                           "--out", str(tmp_path / "out")], capture_output=True, text=True)
    assert proc.returncode == 8 and "nope" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists()  # nothing read: nothing written


def test_unknown_model_is_a_clear_error(tmp_path):
    (tmp_path / "a.txt").write_text("Stalin wrote.\n")
    code = main(["build", str(tmp_path / "a.txt"), "--out", str(tmp_path / "o"), "--model", "xx_no_such_model"])
    assert code == 4


def test_evaluate_with_bad_gold_is_a_clear_error(tmp_path, capsys):
    (tmp_path / "gold.json").write_text("{not json")
    assert main(["evaluate", str(tmp_path), str(tmp_path / "gold.json")]) in (2, 3)
    assert "Traceback" not in capsys.readouterr().err


def test_ci_runs_the_readme_test_command_and_setup_makes_a_venv():
    ci = (Path(__file__).parent.parent / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    setup = README.split("## Set up and run", 1)[1].split("\n## ", 1)[0]
    blocks = [b.split("\n", 1)[1].split("```")[0].strip() for b in setup.split("```bash")[1:]]
    assert len(blocks) == 2 and blocks[1] == ci
    assert all("python3 -m venv .venv && . .venv/bin/activate && pip install -e " in b for b in blocks)


def test_readme_names_every_exit_code():
    import kg.errors as errors

    codes = {cls.exit_code for cls in vars(errors).values()
             if isinstance(cls, type) and issubclass(cls, errors.KGError)}
    for code in codes | {0, 1, 130}:
        assert f"\n| {code} | " in README, code
