"""The README's `kg rules` examples run as written and print what the README shows
(kg/link/rules_cli.py)."""

from __future__ import annotations

import contextlib
import io
import re
import shlex
from pathlib import Path

import pytest

from kg.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
RULE = next(b for b in re.findall(r"```toml\n(.*?)```", README, re.S) if "commissar" in b)
SHOWN = [re.sub(r"(?m)^  ", "", block).split("\n", 1)
         for block in re.findall(r"```console\n  (\$ kg rules .*?)  ```", README, re.S)]


def test_the_readme_shows_the_three_commands():
    assert sorted(cmd.split()[3] for cmd, _ in SHOWN) == ["check", "explain", "suggest"]


@pytest.mark.parametrize("command,output", SHOWN, ids=[c.split()[3] for c, _ in SHOWN])
def test_readme_rules_example_prints_what_it_shows(tmp_path, monkeypatch, command, output):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my_rules.toml").write_text(RULE, encoding="utf-8")
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(shlex.split(command)[2:]) == 0
    assert buf.getvalue() == output
