"""Every shell example of the README runs as written, in the README's order.

Each command line of a ```bash``` or ```console``` block is run with bash in a folder that
holds what the README's reader has: the seeds, the repository's tests and notebooks, the
README's own `curation.toml` and a `my_question.rq` with its first SPARQL query. A line
that cannot run here is matched by one rule of :data:`NOT_RUN`, which says why; every
other line must exit 0, and a ```console``` example must print the lines it quotes. A
new example in the README is run by this test without a word here.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from kg.sparql.serve import free_port

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
OXIGRAPH = str(Path(sys.executable).parent / "oxigraph")

#: Lines not run, and why; each rule must match some line (tested).
NOT_RUN = {
    r"^pip install": "installs from the package index (.ci/run installs on a clean clone)",
    r"^bash tests/install-system-deps\.sh$": "installs Debian packages (.ci/run does, on a clean clone)",
    r"^python -m pytest": "the test suite itself",
    r"^jupyter lab": "opens a notebook server (the notebooks are run by tests/test_notebooks.py)",
    r"\bSHARED\b": "needs the gold sets and corpora, outside the repository",
    r"hipe2020/|GOLD\.tsv|redocred-dev\.jsonl": "a gold file the reader downloads (HIPE, Re-DocRED)",
    r"^python benchmarks/(bench|scaling)\.py": "a benchmark of minutes, not a test",
    r"10\.0\.0\.1": "addresses of the reader's own cluster",
}


@dataclass
class Example:
    """One command of the README: where it stands, and what it printed when run."""

    line: int
    command: str
    quoted: list[str]  # the output a ```console``` block quotes under it
    code: int | None = None
    output: str = ""
    folder: Path | None = None  # where it ran


def examples() -> list[Example]:
    """Every command line of the README's shell blocks; a line joined by ``&&`` is split into
    its commands, so `python3 -m venv … && kg build …` runs its `kg build`."""
    found = []
    for match in re.finditer(r"^```(bash|console)\n(.*?)^```", README, re.M | re.S):
        first = README.count("\n", 0, match.start(2)) + 1
        lines = match[2].splitlines()
        for i, text in enumerate(lines):
            if match[1] == "console" and not text.startswith("$ "):
                continue
            command = text.removeprefix("$ ").strip()
            quoted = _quoted(lines[i + 1:]) if match[1] == "console" else []
            found += [Example(first + i, part.strip(), quoted) for part in command.split(" && ")]
    return found


def _quoted(lines: list[str]) -> list[str]:
    """The output lines under a ```console``` command, up to the next command ("..." elides)."""
    out = []
    for text in lines:
        if text.startswith("$ "):
            break
        if text.strip() and text.strip() != "...":
            out.append(text.strip())
    return out


def why_not_run(command: str) -> str | None:
    return next((why for rule, why in NOT_RUN.items() if re.search(rule, command)), None)


EXAMPLES = examples()


@pytest.fixture(scope="module")
def ran(tmp_path_factory) -> list[Example]:
    """Run the README's examples in order, in a reader's folder; an Oxigraph server for `kg push`."""
    here = tmp_path_factory.mktemp("reader")
    for name in ("seeds", "tests", "notebooks", "ontology"):
        (here / name).symlink_to(ROOT / name)
    section = README.split("\n## Correcting the graph\n", 1)[1]
    (here / "curation.toml").write_text(re.search(r"```toml\n(.*?)```", section, re.S)[1], encoding="utf-8")
    (here / "my_question.rq").write_text(re.search(r"```sparql\n(.*?)```", README, re.S)[1], encoding="utf-8")
    env = os.environ | {"PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    port = 7878 if _free(7878) else free_port()
    store = subprocess.Popen([OXIGRAPH, "serve", "--location", str(here / "db"), "--bind", f"127.0.0.1:{port}"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait(port)
        for example in EXAMPLES:
            if why_not_run(example.command) is None:
                command = example.command.replace("127.0.0.1:7878", f"127.0.0.1:{port}")
                done = subprocess.run(["bash", "-c", command], cwd=here, env=env, capture_output=True,
                                      text=True, timeout=600, check=False)
                example.code, example.output = done.returncode, done.stdout + done.stderr
                example.folder = here
    finally:
        store.terminate()
        store.wait(10)
    return EXAMPLES


def _free(port: int) -> bool:
    import socket

    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


def _wait(port: int) -> None:
    deadline = time.monotonic() + 30
    while _free(port):
        assert time.monotonic() < deadline, "oxigraph did not start"
        time.sleep(0.05)


def test_the_readme_has_shell_examples_and_most_are_run():
    run = [e for e in EXAMPLES if why_not_run(e.command) is None]
    assert len(EXAMPLES) >= 30 and len(run) >= 18, [e.command for e in run]


@pytest.mark.parametrize("rule", list(NOT_RUN))
def test_every_reason_not_to_run_still_matches_an_example(rule):
    assert any(re.search(rule, e.command) for e in EXAMPLES), rule


@pytest.mark.parametrize("index", range(len(EXAMPLES)), ids=[f"line{e.line}" for e in EXAMPLES])
def test_each_example_runs_as_written(ran, index):
    example = ran[index]
    if why_not_run(example.command):
        pytest.skip(f"README line {example.line}: {why_not_run(example.command)}")
    assert example.code == 0, f"README line {example.line}: {example.command}\n{example.output[-2000:]}"
    for line in example.quoted:
        assert line in example.output, f"README line {example.line} quotes a line not printed: {line}"


def test_the_seeds_build_prints_the_counts_the_readme_quotes(ran):
    build = next(e for e in ran if e.command == "kg build seeds/ --out out")
    counts = re.search(r"\d+ files?, \d+ documents found in them, [^\n]*evidence rows", build.output)[0]
    assert f"```\n{counts}\n```" in README


def test_the_examples_leave_no_process_behind(ran, tmp_path_factory):
    here = next(e for e in ran if e.code is not None).folder
    left = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and Path(os.readlink(proc / "cwd")).is_relative_to(here):
                left.append((proc / "cmdline").read_bytes().replace(b"\0", b" ").decode())
        except OSError:
            continue
    assert left == []
