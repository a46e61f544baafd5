"""Bad inputs, faults and signals: one line each, the documented exit code, and ``DIR`` always
one complete build (old or new, checked by hashes). Every input is made here."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from procs import children_of, reap

from kg.run.staging import PAUSE_ENV

TEXT = ("Karl Radek accused Nikolai Bukharin of treason in 1937.\n\n"
        "Nadezhda Krupskaia was the wife of Vladimir Lenin.\n")
OTHER = "Grigorii Zinoviev met Lev Kamenev in Moscow in 1926.\n"


def kg(*args: str, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})})


def one_line(proc: subprocess.CompletedProcess) -> str:
    """The single stderr line of a failed command (no traceback)."""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    return lines[0]


def hashes(folder: Path) -> dict[str, str]:
    """SHA-256 of every output file (not the cache)."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def old_build(corpus, tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A complete build whose files must survive every failed rebuild."""
    out = tmp_path_factory.mktemp("old") / "out"
    proc = kg("build", str(corpus), "--out", str(out), "-q")
    assert proc.returncode == 0, proc.stderr
    return out, hashes(out)


def test_a_rebuild_replaces_every_output_keeps_cache_and_other_files(corpus, old_build, tmp_path):
    out = tmp_path / "out"
    subprocess.run(["cp", "-a", str(old_build[0]), str(out)], check=True)
    (out / "notes.txt").write_text("mine")
    (out / "embed-iframe.html").write_text("stale output of an older --embed build")
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "b.txt").write_text(OTHER)
    proc = kg("build", str(corpus), str(tmp_path / "more"), "--out", str(out), "-q", "-j", "2")
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr  # workers end quietly
    new = hashes(out)
    assert new["notes.txt"] == hashlib.sha256(b"mine").hexdigest() and "embed-iframe.html" not in new
    assert new["graph.ttl"] != old_build[1]["graph.ttl"] and (out / ".cache").is_dir()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no staging left
    assert oct(out.stat().st_mode & 0o777) == oct(old_build[0].stat().st_mode & 0o777)


@pytest.mark.parametrize("sig,code", [(signal.SIGINT, 130), (signal.SIGTERM, 130),
                                      (signal.SIGHUP, 130), (signal.SIGKILL, -9)])
def test_a_signal_in_the_write_phase_keeps_the_old_build(corpus, old_build, tmp_path, sig, code):
    out = tmp_path / "out"
    subprocess.run(["cp", "-a", str(old_build[0]), str(out)], check=True)
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "b.txt").write_text(OTHER)
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(corpus), str(tmp_path / "more"),
                             "--out", str(out), "-q"], stderr=subprocess.PIPE, text=True,
                            env={**os.environ, PAUSE_ENV: "60"})
    try:
        paused = _wait_for_pause(tmp_path, proc)
        proc.send_signal(sig)
        assert proc.wait(timeout=30) == code
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
    assert paused, "the build never reached the write phase"
    assert hashes(out) == old_build[1]
    if sig != signal.SIGKILL:
        assert proc.stderr is not None and one_line(subprocess.CompletedProcess([], 0, "", proc.stderr.read()))
        assert [p for p in tmp_path.iterdir() if p.name.startswith(".out.")] == []


def _wait_for_pause(tmp_path: Path, proc: subprocess.Popen, within: float = 240) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline and proc.poll() is None:
        if list(tmp_path.glob(".out.staging-*/.paused")):
            return True
        time.sleep(0.05)
    return False


def test_a_killed_build_leaves_nothing_the_next_build_does_not_clean(corpus, old_build, tmp_path):
    stale = tmp_path / ".out.staging-abc"
    stale.mkdir()
    (stale / ".histkg-staging").touch()
    (stale / "graph.ttl").write_text("half")
    proc = kg("build", str(corpus), "--out", str(tmp_path / "out"), "-q")
    assert proc.returncode == 0 and not stale.exists()
    same = {k: v for k, v in old_build[1].items() if k != "report.json"}  # report: wall clock
    assert {k: v for k, v in hashes(tmp_path / "out").items() if k != "report.json"} == same


def test_nothing_readable_keeps_the_old_build(old_build, tmp_path):
    out = tmp_path / "out"
    subprocess.run(["cp", "-a", str(old_build[0]), str(out)], check=True)
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "scan.pdf").write_bytes(b"%PDF-1.4 binary")
    (tmp_path / "bad" / "empty.txt").write_text("")
    proc = kg("build", str(tmp_path / "bad"), "--out", str(out), "-q")
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 8 and len(lines) == 3 and "Traceback" not in proc.stderr
    assert "kept" in lines[-1] and hashes(out) == old_build[1]


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    """Equal names in two folders and two suffixes, unsupported files, a missing path."""
    root = tmp_path_factory.mktemp("mixed")
    tei = ("<TEI><text><body><div>Lev Trotsky wrote to Stalin.<fw>PAGE 7</fw></div></body>"
           "</text></TEI>")
    for name, text in {"a/letter.txt": TEXT, "b/letter.txt": OTHER, "b/letter.md": OTHER,
                       "a/edition.xml": tei}.items():
        (root / name).parent.mkdir(exist_ok=True)
        (root / name).write_text(text)
    for name in ("scan.pdf", "report.docx", "data.bin", "two\nlines.pdf"):
        (root / "b" / name).write_bytes(b"\x00\x01binary")
    out = root / "out"
    proc = kg("build", str(root / "a"), str(root / "b"), str(root / "missing.txt"), "--out", str(out), "-q")
    return proc, out


def test_missing_and_unsupported_are_reported_one_line_each_and_the_rest_built(mixed):
    proc, out = mixed
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 1 and len(lines) == 5 and "Traceback" not in proc.stderr, proc.stderr
    assert all(line.startswith("kg: skipped ") for line in lines)
    assert any("two\\nlines.pdf" in line for line in lines)
    report = json.loads((out / "report.json").read_text())
    assert report["counts"]["skipped"] == 5 and len(report["problems"]) == 5
    assert report["counts"]["documents"] == 4
    assert report["dropped_text"] == [{"doc": "a/edition.xml", "element": "fw", "chars": 5}]


def test_equal_file_names_never_collide(mixed):
    _, out = mixed
    docs = {line.split(",")[0] for line in (out / "mentions.csv").read_text().splitlines()[1:]}
    assert docs == {"a/edition.xml", "a/letter.txt", "b/letter.txt", "b/letter.md"}
    ids = [d["id"] for d in json.loads((out / "report.json").read_text())["documents"]]
    assert sorted(ids) == ["a/edition-1", "a/letter-1", "b/letter.md-1", "b/letter.txt-1"]
    trig = (out / "graph.trig").read_text()
    assert all(f"doc/{i.replace('/', '%2F')}>" in trig for i in ids)


@pytest.mark.parametrize("args,code,words", [
    (["--max-nodes", "-5"], 2, "--max-nodes"),
    (["--jobs", "0"], 2, "--jobs"),
])
def test_bad_build_options_are_one_line(corpus, tmp_path, args, code, words):
    proc = kg("build", str(corpus), "--out", str(tmp_path / "out"), *args)
    assert proc.returncode == code and words in one_line(proc)
    assert not (tmp_path / "out").exists()


def test_out_an_existing_file_is_one_line(corpus, tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("keep me")
    proc = kg("build", str(corpus), "--out", str(target))
    assert proc.returncode == 7 and "not a folder" in one_line(proc) and target.read_text() == "keep me"


@pytest.fixture()
def mount(tmp_path):
    """Mount a small tmpfs (root only); yields a function taking mount options."""
    mounted: list[Path] = []

    def make(options: str) -> Path:
        point = tmp_path / f"mnt{len(mounted)}"
        point.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
        mounted.append(point)
        return point

    yield make
    for point in mounted:
        subprocess.run(["umount", str(point)], check=False)


def test_read_only_folder_is_one_line(corpus, mount):
    point = mount("ro,size=64k")
    proc = kg("build", str(corpus), "--out", str(point / "out"))
    assert proc.returncode == 7 and "not writable" in one_line(proc)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into any folder")
def test_unwritable_folder_is_one_line(corpus, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    proc = kg("build", str(corpus), "--out", str(locked / "out"))
    assert proc.returncode == 7 and "not writable" in one_line(proc)


def test_full_disk_is_one_line_and_keeps_the_old_build(corpus, old_build, mount):
    size = sum(p.stat().st_size for p in old_build[0].iterdir() if p.is_file())
    point = mount(f"size={size + size // 3}")
    out = point / "out"
    subprocess.run(["cp", "-r", str(old_build[0]), str(out)], check=True)
    subprocess.run(["rm", "-rf", str(out / ".cache")], check=True)
    proc = kg("build", str(corpus), "--out", str(out), "--no-cache")
    assert proc.returncode == 7 and "no space left" in one_line(proc)
    assert hashes(out) == old_build[1] and [p.name for p in point.iterdir()] == ["out"]


def test_same_inputs_a_year_apart_give_identical_graph_files(tmp_path):
    if not Path("/usr/bin/faketime").exists():
        pytest.skip("faketime is not installed (tests/system-packages.txt)")
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(TEXT)
    stamp = time.time() - 86400
    os.utime(inputs / "a.txt", (stamp, stamp))
    outs = []
    for when in ("2025-03-01 12:00:00", "2026-03-01 12:00:00"):
        out = tmp_path / when[:4]
        proc = subprocess.run(["faketime", when, sys.executable, "-m", "kg.cli", "build", str(inputs),
                               "--out", str(out), "-q", "--no-cache"], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
        outs.append(out)
    reports = [json.loads((o / "report.json").read_text()) for o in outs]
    assert reports[0]["built"][:4] == "2025" and reports[1]["built"][:4] == "2026"
    for name in ("graph.ttl", "graph.trig", "graph.jsonld", "graph.gexf", "graph.graphml", "graph.html",
                 "entities.csv", "mentions.csv", "relations.csv", "palladio_nodes.csv", "palladio_edges.csv",
                 "sources.csl.json"):
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name


RULE = {"id": '"spouse.test.v1"', "predicate": '"spouse"', "kind": '"dependency"',
        "trigger": '["marry"]', "subject_paths": '["<nsubj"]', "object_paths": '[">dobj"]'}


@pytest.mark.parametrize("field,value,words", [
    ("id", "5", "field 'id': must be a string"),
    ("confidence", '"high"', "field 'confidence': must be a number"),
    ("subject", "5", "field 'subject': must be a string or a list"),
    ("examples", '"Anna married Ivan."', "field 'examples': must be a table"),
])
def test_rule_fields_of_the_wrong_type_are_one_line(tmp_path, capsys, field, value, words):
    from kg.cli import main

    path = tmp_path / "r.toml"
    path.write_text("[[rule]]\n" + "".join(f"{k} = {v}\n" for k, v in {**RULE, field: value}.items()))
    assert main(["rules", "check", str(path)]) == 3
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and words in err


@pytest.mark.parametrize("make,words", [
    (lambda p: p.write_bytes(b'[[rule]]\nid = "\xff"\n') and p, "not UTF-8"),
    (lambda p: p.mkdir() or p, "is a folder"),
])
def test_unreadable_rule_files_are_one_line(tmp_path, capsys, make, words):
    from kg.cli import main

    path = tmp_path / "r.toml"
    make(path)
    assert main(["rules", "check", str(path)]) == 3
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and words in err


def test_gazetteer_string_may_hold_a_line_separator(tmp_path):
    from kg.data_files import iter_jsonl

    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps({"id": "A_B", "name": "A\u2028B"}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert [obj["name"] for _, obj in iter_jsonl(path)] == ["A\u2028B"]


def test_serve_port_out_of_range_is_one_line(old_build, capsys):
    from kg.cli import main

    assert main(["serve", str(old_build[0]), "--port", "99999"]) == 5
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "99999" in err


@pytest.mark.parametrize("query,code,words", [
    ("SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}", 2, "SERVICE is refused"),
    ("LOAD <http://127.0.0.1:{port}/x.ttl>", 2, "LOAD is refused"),
    ("accusationz", 2, "did you mean accusations"),
    ("SELECT (COUNT(*) AS ?n) WHERE {{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }}", 6, "--timeout"),
])
def test_query_problems_are_one_line_and_send_nothing(old_build, capsys, query, code, words):
    from test_serve_guard import Listener

    from kg.cli import main

    listener = Listener()
    try:
        assert main(["query", str(old_build[0]), query.format(port=listener.port), "--timeout", "1"]) == code
    finally:
        listener.close()
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and words in err and listener.received == []


def test_ctrl_c_stops_a_running_query(old_build):
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "query", str(old_build[0]), slow, "--timeout", "0"],
                            stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not children_of(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        child = children_of(proc.pid)
        assert child, "the query never started"
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 130
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
    assert proc.stderr is not None and proc.stderr.read().strip() == "kg: interrupted"
    assert not any(Path(f"/proc/{pid}").exists() for pid in child)



def test_a_full_disk_on_a_new_out_leaves_no_folder_behind(corpus, old_build, mount):
    cache = sum(p.stat().st_size for p in (old_build[0] / ".cache").iterdir())
    point = mount(f"size={cache + 64 * 1024}")  # room for the cache, not for the outputs
    proc = kg("build", str(corpus), "--out", str(point / "out"))
    assert proc.returncode == 7 and "no space left" in one_line(proc)
    assert list(point.iterdir()) == []


def test_a_second_build_into_the_same_folder_leaves_the_first_ones_staging(corpus, old_build, tmp_path):
    out = tmp_path / "out"
    first = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(corpus), "--out", str(out), "-q"],
                             stderr=subprocess.PIPE, text=True, env={**os.environ, PAUSE_ENV: "120"})
    try:
        assert _wait_for_pause(tmp_path, first), "the first build never reached the write phase"
        [staging] = tmp_path.glob(".out.staging-*")
        second = kg("build", str(corpus), "--out", str(out), "-q")
        assert second.returncode == 0, second.stderr
        assert (staging / ".paused").exists(), "the second build deleted the first one's staging folder"
        first.send_signal(signal.SIGTERM)
        assert first.wait(timeout=30) == 130
    finally:
        reap(first)
    assert not staging.exists() and (out / "graph.ttl").is_file()
