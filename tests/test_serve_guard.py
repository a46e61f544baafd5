"""`kg serve` behind its guard: no outbound requests, loopback Host only, timeout, signals."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from listener import Listener
from procs import alive, children_of, wait_until

from kg.sparql.serve import Endpoint, free_port
from kg.sparql.sparql_guard import refusal

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def endpoint(seed_build: Path) -> Iterator[Endpoint]:
    with Endpoint(seed_build, port=free_port(), timeout=20, query_timeout=1) as running:
        yield running


@pytest.fixture()
def listener() -> Iterator[Listener]:
    running = Listener()
    yield running
    running.close()


def ask(endpoint: Endpoint, query: str, host: str | None = None, method: str = "GET") -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", endpoint.port, timeout=30)
    headers = {"Accept": "application/sparql-results+json", "Host": host or f"127.0.0.1:{endpoint.port}"}
    if method == "GET":
        conn.request("GET", "/query?" + urllib.parse.urlencode({"query": query}), headers=headers)
    else:
        conn.request("POST", "/query", body=query.encode(), headers={**headers, "Content-Type": "application/sparql-query"})
    response = conn.getresponse()
    status, body = response.status, response.read().decode("utf-8", "replace")
    conn.close()
    return status, body


@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ service silent <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
    "PREFIX x: <http://127.0.0.1:{port}/>\nSELECT * WHERE {{ SERVICE x: {{ ?s ?p ?o }} }}",
    "LOAD <http://127.0.0.1:{port}/data.ttl>",
])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_federation_is_refused_and_nothing_leaves(endpoint, listener, template, method):
    status, body = ask(endpoint, template.format(port=listener.port), method=method)
    assert status == 403 and len(body.strip().splitlines()) == 1, body
    assert listener.received == []


def test_from_clause_fetches_nothing(endpoint, listener):
    status, _ = ask(endpoint, f"SELECT * FROM <http://127.0.0.1:{listener.port}/g> WHERE {{ ?s ?p ?o }} LIMIT 1")
    assert status == 200 and listener.received == []


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.2:{port}", ""])
def test_foreign_host_header_is_refused(endpoint, host):
    status, body = ask(endpoint, "ASK {}", host=host.format(port=endpoint.port) or " ")
    assert status == 403 and "refused" in body


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}"])
def test_loopback_host_header_is_answered(endpoint, host):
    assert ask(endpoint, "ASK {}", host=host.format(port=endpoint.port))[0] == 200


def test_slow_query_is_cut_at_the_timeout(endpoint):
    status, body = ask(endpoint, SLOW)
    assert status == 503 and "--timeout" in body
    assert ask(endpoint, "ASK {}")[0] == 200  # and the endpoint still answers


def test_many_concurrent_queries_are_all_answered(seed_build):
    from concurrent.futures import ThreadPoolExecutor

    # a timeout of its own: the module's endpoint cuts queries at 1 s, which 60 at once may
    # reach on a loaded 2-core machine; what is tested here is that none is dropped
    before = _children()
    with Endpoint(seed_build, port=free_port(), timeout=20, query_timeout=30) as running, \
            ThreadPoolExecutor(60) as pool:
        statuses = list(pool.map(lambda _: ask(running, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0],
                                 range(60)))
    assert statuses == [200] * 60
    assert wait_until(lambda: not _children() - before), "the endpoint left query children behind"


@pytest.mark.parametrize("query,refused", [
    ("SELECT * WHERE { ?s <http://x/service> 'SERVICE' } # SERVICE", False),
    ("SELECT ?service WHERE { ?service ?p ?o }", False),
    ("PREFIX service: <http://x/> SELECT * WHERE { ?s service:load ?o }", False),
    ("SELECT * WHERE { SERVICE ?where { ?s ?p ?o } }", True),
    ("INSERT DATA { <a:b> <a:c> <a:d> }", True),
    ("PREFIX p: <http://x/> DELETE WHERE { ?s ?p ?o }", True),
])
def test_guard_looks_past_literals_iris_and_names(query, refused):
    assert bool(refusal(query)) is refused


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_stop_signal_leaves_no_port_and_no_store(seed_build, tmp_path, sig):
    port = free_port()
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", str(seed_build), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        assert f":{port}/query" in line, proc.stderr.read() if proc.stderr else ""
        proc.send_signal(sig)
        assert proc.wait(timeout=20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=5)
    with socket.socket() as sock:
        assert sock.connect_ex(("127.0.0.1", port)) != 0, "the port still listens"
    assert list(tmp_path.iterdir()) == []


def _children() -> set[int]:
    """Process ids whose parent is this test process (the query children of the endpoint)."""
    return children_of(os.getpid())


CLIENT = """
import socket, sys, time
client = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
client.sendall(sys.argv[2].encode())
time.sleep(600)
"""


def test_client_disconnect_kills_the_query(seed_build):
    with Endpoint(seed_build, port=free_port(), query_timeout=600) as running:
        before = _children()
        path = "/query?" + urllib.parse.urlencode({"query": SLOW})
        request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{running.port}\r\n\r\n"
        client = subprocess.Popen([sys.executable, "-c", CLIENT, str(running.port), request])
        try:
            assert _wait_for(lambda: _children() - before - {client.pid}), "no query process started"
        finally:
            client.kill()
            client.wait(5)
        assert _wait_for(lambda: not _children() - before), "the query still runs"


def _wait_for(condition, tries: int = 150) -> bool:
    for _ in range(tries):
        if condition():
            return True
        threading.Event().wait(0.1)
    return False


@pytest.mark.parametrize("signals", [[signal.SIGTERM], [signal.SIGHUP], [signal.SIGTERM, signal.SIGTERM]])
def test_stop_signal_during_a_query_leaves_no_process(seed_build, signals):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", str(seed_build), "--port", str(port),
                             "--timeout", "600"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    request = f"GET /query?{urllib.parse.urlencode({'query': SLOW})} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
    client = None
    try:
        assert f":{port}/query" in (proc.stdout.readline() if proc.stdout else "")
        client = subprocess.Popen([sys.executable, "-c", CLIENT, str(port), request])
        assert wait_until(lambda: children_of(proc.pid)), "no query process started"
        query = next(iter(children_of(proc.pid)))
        for sig in signals:
            proc.send_signal(sig)
        proc.wait(timeout=10)
        assert wait_until(lambda: not alive(query), 5), "the query child is left running"
        with socket.socket() as sock:
            assert sock.connect_ex(("127.0.0.1", port)) != 0, "the port still listens"
    finally:
        for running in (proc, client):
            if running is not None:
                running.kill()
                running.wait(5)


def _raw(endpoint: Endpoint, head: str, body: bytes = b"") -> str:
    """Send a hand-written request; the status line of the answer."""
    with socket.create_connection(("127.0.0.1", endpoint.port), timeout=10) as sock:
        sock.sendall(head.format(port=endpoint.port).encode() + body)
        return sock.makefile("rb").readline().decode()


@pytest.mark.parametrize("length,status", [("abc", "400"), ("-1", "400"), ("1e3", "400"),
                                           (str(300 * 1024 * 1024), "413")])
def test_bad_or_huge_content_length_is_answered_without_reading(endpoint, length, status):
    head = ("POST /query HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/sparql-query\r\n"
            f"Content-Length: {length}\r\n\r\n")
    assert _raw(endpoint, head, b"ASK {}").split()[1] == status
    assert ask(endpoint, "ASK {}")[0] == 200  # and the endpoint still answers


def test_invalid_graph_iri_is_a_400(endpoint):
    path = "/query?" + urllib.parse.urlencode({"query": "ASK {}", "default-graph-uri": "not an iri"})
    assert _raw(endpoint, f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{{port}}\r\n\r\n").split()[1] == "400"


def test_when_every_slot_runs_a_long_query_others_get_503_not_a_hang(seed_build, monkeypatch):
    import kg.sparql.serve_guard as guard
    from concurrent.futures import ThreadPoolExecutor

    monkeypatch.setattr(guard, "BUSY_WAIT", 0.5)
    before = _children()  # children another test's endpoint may not have reaped yet
    with Endpoint(seed_build, port=free_port(), query_timeout=8) as running:
        with ThreadPoolExecutor(guard.MAX_RUNNING) as pool:
            slow = [pool.submit(ask, running, SLOW) for _ in range(guard.MAX_RUNNING)]
            assert wait_until(lambda: len(_children() - before) >= guard.MAX_RUNNING), "the long queries did not start"
            status, body = ask(running, "ASK {}")
            assert status == 503 and "busy" in body
            assert [f.result()[0] for f in slow] == [503] * guard.MAX_RUNNING  # cut at the timeout
        assert ask(running, "ASK {}")[0] == 200
