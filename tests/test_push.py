"""`kg push`: a build published to a real, writable Oxigraph server, one graph per document."""

from __future__ import annotations

import base64
import json
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest
from pyoxigraph import DefaultGraph, RdfFormat, parse

from kg.run.build import BuildOptions, build
from kg.cli import main
from kg.errors import OutputError, PushError
from kg.export import write_all
from kg.sparql.graphstore import DEFAULT_GRAPH, auth_headers
from kg.sparql.push import LOG, STATE, push
from kg.sparql.serve import free_port
from tests.test_build_parallel import TEXTS, write_corpus

OXIGRAPH = str(Path(sys.executable).parent / "oxigraph")
PROVENANCE = "https://histkg.org/id/graph/provenance"
COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def readme_recipe(folder: Path, bind: str) -> list[str]:
    """The README's command that starts an Oxigraph server for `kg push`, as written there."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    command = re.search(r"^\| Oxigraph server \| `([^`]+)` \|", readme, re.M)[1]
    return command.replace("DB", str(folder)).replace("127.0.0.1:7878", bind).split()


class Store:
    """`oxigraph serve` on a free port of 127.0.0.1, with its data in a temporary folder."""

    def __init__(self, folder: Path) -> None:
        self.base = f"http://127.0.0.1:{free_port()}"
        self.url = f"{self.base}/store"
        self.process = subprocess.Popen(
            [OXIGRAPH, *readme_recipe(folder, self.base[7:])[1:]],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while not self._up():
            assert self.process.poll() is None and time.monotonic() < deadline, "oxigraph did not start"
            time.sleep(0.05)

    def _up(self) -> bool:
        try:
            self.counts()
            return True
        except OSError:
            return False

    def rows(self, query: str) -> int:
        """How many rows ``query`` answers on the server."""
        url = f"{self.base}/query?" + urllib.parse.urlencode({"query": query})
        request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return len(json.load(response)["results"]["bindings"])

    def counts(self) -> dict[str, int]:
        """Triples per named graph on the server."""
        url = f"{self.base}/query?" + urllib.parse.urlencode({"query": COUNTS})
        request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            rows = json.load(response)["results"]["bindings"]
        counts = {r["g"]["value"]: int(r["n"]["value"]) for r in rows}
        default = self.rows("SELECT * WHERE { ?s ?p ?o }")
        return counts | ({DEFAULT_GRAPH: default} if default else {})

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Iterator[Store]:
    running = Store(tmp_path_factory.mktemp("oxigraph"))
    try:
        yield running
    finally:
        running.stop()


def graphs_of(out: Path) -> dict[str, set[str]]:
    """The build's graphs as sets of N-Triples lines (no blank nodes: equal sets = isomorphic)."""
    graphs: dict[str, set[str]] = defaultdict(set)
    for q in parse(path=str(out / "graph.trig"), format=RdfFormat.TRIG):
        name = PROVENANCE if isinstance(q.graph_name, DefaultGraph) else q.graph_name.value
        graphs[name].add(f"{q.subject} {q.predicate} {q.object}")
    if (out / "graph.ttl").is_file():  # pushed to the store's default graph
        graphs[DEFAULT_GRAPH] = {f"{t.subject} {t.predicate} {t.object}"
                                 for t in parse(path=str(out / "graph.ttl"), format=RdfFormat.TURTLE)}
    return graphs


def rebuild(corpus: Path, out: Path) -> dict[str, set[str]]:
    write_all(build([str(corpus)], BuildOptions()), out)
    return graphs_of(out)


def log_lines(out: Path, seen: int) -> list[str]:
    """The push log's lines after the first ``seen``, without their time stamps."""
    lines = (out / LOG).read_text(encoding="utf-8").splitlines()[seen:]
    return [line.split(" ", 1)[1] for line in lines]


def changed(old: dict[str, set[str]], new: dict[str, set[str]]) -> list[str]:
    return sorted(g for g in new if old.get(g) != new[g])


def test_push_puts_changed_graphs_and_deletes_removed_ones(store, tmp_path, capsys):
    corpus, out = write_corpus(tmp_path / "in"), tmp_path / "out"
    first = rebuild(corpus, out)
    assert main(["push", str(out), store.url, "--header", "X-Project: histkg"]) == 0
    assert store.counts() == {g: len(t) for g, t in first.items()}
    assert len(first) == len(TEXTS) + 2 and PROVENANCE in first and DEFAULT_GRAPH in first
    assert capsys.readouterr().out.splitlines()[-1] == \
        f"pushed to {store.url}: {len(first)} graph(s) put, 0 deleted, 0 unchanged"

    (corpus / "b.txt").write_text(TEXTS["b.txt"].replace("December", "January"), encoding="utf-8")
    seen = len(log_lines(out, 0))
    second = rebuild(corpus, out)
    assert changed(first, second) == [DEFAULT_GRAPH, "https://histkg.org/id/doc/b-1"]
    report = push(out, store.url)
    assert log_lines(out, seen) == [  # 204: an existing graph replaced
        f"{store.url} PUT {DEFAULT_GRAPH} 204 {len(second[DEFAULT_GRAPH])} triples",
        f"{store.url} PUT https://histkg.org/id/doc/b-1 204 {len(second['https://histkg.org/id/doc/b-1'])} triples",
        f"{store.url} pushed to {store.url}: 2 graph(s) put, 0 deleted, {len(first) - 2} unchanged"]
    assert report.plan.put == [DEFAULT_GRAPH, "https://histkg.org/id/doc/b-1"]
    assert store.counts() == {g: len(t) for g, t in second.items()}

    (corpus / "d.txt").unlink()
    seen = len(log_lines(out, 0))
    third = rebuild(corpus, out)
    report = push(out, store.url)
    assert report.plan.delete == ["https://histkg.org/id/doc/d-1"]
    assert report.plan.put == changed(second, third)
    assert f"{store.url} DELETE https://histkg.org/id/doc/d-1 204" in log_lines(out, seen)
    assert store.counts() == {g: len(t) for g, t in third.items()}


def test_dry_run_lists_the_changes_and_sends_nothing(store, tmp_path, capsys):
    out = tmp_path / "out"
    graphs = rebuild(write_corpus(tmp_path / "in", {"a.txt": TEXTS["a.txt"]}), out)
    before = store.counts()
    assert main(["push", str(out), store.url, "--dry-run"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == f"would push to {store.url}: 3 graph(s) put, 0 deleted, 0 unchanged"
    assert sorted(lines[:-1]) == sorted(f"PUT {g} ({len(t)} triples)" for g, t in graphs.items())
    assert store.counts() == before
    assert not (out / STATE).exists() and not (out / LOG).exists()


def test_state_is_kept_per_store(store, tmp_path):
    out = tmp_path / "out"
    rebuild(write_corpus(tmp_path / "in", {"c.txt": TEXTS["c.txt"]}), out)
    assert len(push(out, store.url).plan.put) == 3  # the document, the provenance, the default graph
    assert len(push(out, store.url).plan.put) == 0
    assert len(push(out, store.url, everything=True).plan.put) == 3
    assert len(push(out, store.url + "?x=1", dry_run=True).plan.put) == 3  # another endpoint


@pytest.mark.parametrize("args,error", [
    (["user", "pw", []], None),
    ([None, None, ["Authorization: Bearer abc"]], None),
    ([None, None, ["no colon"]], PushError),
])
def test_auth_headers(args, error):
    if error:
        with pytest.raises(error):
            auth_headers(*args)
    else:
        assert auth_headers(*args)["Authorization"] in {"Basic dXNlcjpwdw==", "Bearer abc"}


def test_push_refuses_what_it_cannot_do(tmp_path, seed_build):
    with pytest.raises(OutputError, match="no graph.trig"):
        push(tmp_path, "http://127.0.0.1:1/store")
    copy = tmp_path / "build"
    shutil.copytree(seed_build, copy)
    with pytest.raises(PushError, match="expected an http"):
        push(copy, "ftp://127.0.0.1/store")
    with pytest.raises(PushError, match="PUT http://127.0.0.1:"):
        push(copy, f"http://127.0.0.1:{free_port()}/store")  # nothing listens there


def test_push_never_imports_the_pipeline():
    code = "import sys, kg.sparql.push, kg.sparql.graphstore; print('spacy' in sys.modules, 'kg.run.build' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]


def test_docstring_examples_run():
    import doctest

    import kg.sparql.graphstore

    assert doctest.testmod(kg.sparql.graphstore).failed == 0


class Recorder(ThreadingHTTPServer):
    """A graph store on 127.0.0.1 that accepts every PUT/DELETE and records what it got."""

    def __init__(self, status: int = 204, answered: int | None = None) -> None:
        super().__init__(("127.0.0.1", 0), RecordingHandler)
        self.requests: list[tuple[str, str, str]] = []  # method, target, Authorization
        self.status, self.answered = status, answered  # requests after `answered` get no answer
        self.release = threading.Event()
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()


class RecordingHandler(BaseHTTPRequestHandler):
    server: Recorder

    def log_message(self, format, *args):  # noqa: A002
        pass

    def _record(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.requests.append((self.command, self.path, self.headers.get("Authorization", "")))
        if self.server.answered is not None and len(self.server.requests) > self.server.answered:
            self.server.release.wait(60)
            return
        self.send_response(self.server.status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_PUT = do_DELETE = _record


@pytest.mark.parametrize("secret_part,auth", [
    ("ann:s3cret-pw@", "Basic " + base64.b64encode(b"ann:s3cret-pw").decode()),
    ("ann%40x.org:p%3As3cret-pw@", "Basic " + base64.b64encode(b"ann@x.org:p:s3cret-pw").decode()),
    ("", ""),
])
def test_push_credentials_are_used_and_never_written(tmp_path, seed_build, capsys, secret_part, auth):
    shutil.copy(seed_build / "graph.trig", tmp_path / "graph.trig")
    recorder = Recorder()
    try:
        port = recorder.server_address[1]
        url = f"http://{secret_part}127.0.0.1:{port}/store?access-token=T0KEN-s3cret-pw"
        assert main(["push", str(tmp_path), url]) == 0
        assert main(["push", str(tmp_path), url.replace("T0KEN", "NEW")]) == 0  # same store: nothing to send
    finally:
        recorder.shutdown()
        recorder.server_close()
    written = capsys.readouterr().out + (tmp_path / LOG).read_text() + (tmp_path / STATE).read_text()
    assert "s3cret-pw" not in written and "T0KEN" not in written and "***" in written
    assert recorder.requests and all(a == auth and "access-token=T0KEN-s3cret-pw" in t
                                     for _, t, a in recorder.requests)
    assert "0 graph(s) put, 0 deleted" in (tmp_path / LOG).read_text().splitlines()[-1]


def test_a_failed_request_is_logged(tmp_path, seed_build):
    shutil.copy(seed_build / "graph.trig", tmp_path / "graph.trig")
    recorder = Recorder(status=500)
    try:
        with pytest.raises(PushError, match="HTTP 500"):
            push(tmp_path, f"http://127.0.0.1:{recorder.server_address[1]}/store")
    finally:
        recorder.shutdown()
        recorder.server_close()
    assert "failed: PUT" in (tmp_path / LOG).read_text().splitlines()[-1]


def test_a_server_that_answers_a_byte_a_second_is_given_up(tmp_path):
    from kg.sparql.graphstore import GraphStore

    server = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def trickle() -> None:
        conn, _ = server.accept()
        with conn:
            conn.recv(65536)
            for byte in b"HTTP/1.1 204 No Content\r\nX-Slow: " + b"x" * 10_000:
                if stop.is_set():
                    return
                try:
                    conn.sendall(bytes([byte]))
                except OSError:
                    return
                time.sleep(0.05)

    threading.Thread(target=trickle, daemon=True).start()
    body = tmp_path / "g.nt"
    body.write_text("<urn:a> <urn:b> <urn:c> .\n")
    store = GraphStore(f"http://127.0.0.1:{server.getsockname()[1]}/store", timeout=1)
    try:
        with pytest.raises(PushError, match="no complete answer within 1 s"):
            store.put("urn:g", body)
    finally:
        stop.set()
        server.close()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_a_stop_signal_saves_the_state_of_what_was_sent(tmp_path, seed_build, sig):
    shutil.copy(seed_build / "graph.trig", tmp_path / "graph.trig")
    recorder = Recorder(answered=1)
    url = f"http://127.0.0.1:{recorder.server_address[1]}/store"
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "push", str(tmp_path), url],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while len(recorder.requests) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        proc.send_signal(sig)
        assert proc.wait(15) == 130 and "interrupted" in (proc.stderr.read() if proc.stderr else "")
    finally:
        proc.kill()
        proc.wait(5)
        recorder.release.set()
        recorder.shutdown()
        recorder.server_close()
    state = json.loads((tmp_path / STATE).read_text())["stores"][url]
    assert len(state) == 1
    assert "interrupted" in (tmp_path / LOG).read_text().splitlines()[-1]


@pytest.mark.parametrize("meanwhile", ["another build pushed", "the store was emptied"])
def test_a_store_that_no_longer_holds_this_build_is_not_unchanged(store, tmp_path, meanwhile):
    out = tmp_path / "out"
    graphs = rebuild(write_corpus(tmp_path / "in", {"c.txt": TEXTS["c.txt"]}), out)
    assert len(push(out, store.url).plan.put) == len(graphs)
    if meanwhile == "another build pushed":  # the same documents, built by another run
        other = tmp_path / "other"
        other.mkdir()
        trig = (out / "graph.trig").read_text(encoding="utf-8")  # its provenance says another run
        (other / "graph.trig").write_text(trig + '\n<urn:run> <urn:note> "another run" .\n', encoding="utf-8")
        shutil.copy(out / "graph.ttl", other / "graph.ttl")
        assert len(push(other, store.url, everything=True).plan.put) == len(graphs)
    else:
        from kg.sparql.graphstore import GraphStore

        for iri in graphs:
            GraphStore(store.url).delete(iri)
    report = push(out, store.url)
    assert report.plan.put == sorted(graphs) and report.plan.unchanged == []
    assert {g: store.counts().get(g) for g in graphs} == {g: len(t) for g, t in graphs.items()}


def test_shipped_queries_answer_on_the_pushed_store_as_on_the_build(seed_build, tmp_path):
    from kg.sparql.query import QUERY_DIR, run

    out = tmp_path / "out"
    out.mkdir()
    for name in ("graph.trig", "graph.ttl"):
        shutil.copy(seed_build / name, out / name)
    fresh = Store(tmp_path / "db")  # started as the README says, holding this build only
    try:
        push(out, fresh.url)
        for name in ("documents", "multi_source", "person_relations", "provenance"):
            local = len(json.loads(run(out, name, fmt="json"))["results"]["bindings"])
            assert local and fresh.rows((QUERY_DIR / f"{name}.rq").read_text(encoding="utf-8")) == local, name
    finally:
        fresh.stop()
