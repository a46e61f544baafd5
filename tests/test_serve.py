"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint (pyoxigraph behind kg.sparql.serve_guard), over real HTTP."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.errors import ServerError
from kg.sparql.serve import Endpoint, free_port

JSON = "application/sparql-results+json"
ACCUSED = ("SELECT ?accuser WHERE { ?st <https://histkg.org/ontology#predicate> "
           "<https://histkg.org/ontology#accusedBy> ; <https://histkg.org/ontology#object> ?accuser }")


@pytest.fixture(scope="module")
def endpoint(seed_build: Path) -> Iterator[Endpoint]:
    with Endpoint(seed_build, port=free_port(), timeout=20) as running:
        yield running


def request(url: str, data: bytes | None = None, content_type: str | None = None,
            accept: str = JSON) -> tuple[int, bytes]:
    headers = {"Accept": accept, **({"Content-Type": content_type} if content_type else {})}
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data, headers), timeout=10) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def accusers(body: bytes) -> set[str]:
    return {b["accuser"]["value"] for b in json.loads(body)["results"]["bindings"]}


def test_get_query(endpoint: Endpoint) -> None:
    assert endpoint.url.startswith("http://127.0.0.1:")
    status, body = request(endpoint.url + "?" + urllib.parse.urlencode({"query": ACCUSED}))
    assert status == 200 and "https://histkg.org/id/Karl_Radek" in accusers(body)


@pytest.mark.parametrize("content_type,payload", [
    ("application/x-www-form-urlencoded", urllib.parse.urlencode({"query": ACCUSED}).encode()),
    ("application/sparql-query", ACCUSED.encode()),
])
def test_post_query(endpoint: Endpoint, content_type: str, payload: bytes) -> None:
    status, body = request(endpoint.url, payload, content_type)
    assert status == 200 and "https://histkg.org/id/Karl_Radek" in accusers(body)


def test_csv_results(endpoint: Endpoint) -> None:
    url = endpoint.url + "?" + urllib.parse.urlencode({"query": ACCUSED})
    status, body = request(url, accept="text/csv")
    assert status == 200 and body.decode().startswith("accuser")


def test_named_graphs_are_served(endpoint: Endpoint) -> None:
    query = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    status, body = request(endpoint.url + "?" + urllib.parse.urlencode({"query": query}))
    assert status == 200 and int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) >= 2


@pytest.mark.parametrize("path,content_type,payload", [
    ("/update", "application/x-www-form-urlencoded",
     urllib.parse.urlencode({"update": "INSERT DATA { <a:b> <a:c> <a:d> }"}).encode()),
    ("/update", "application/sparql-update", b"DELETE WHERE { ?s ?p ?o }"),
    ("/query", "application/sparql-update", b"DELETE WHERE { ?s ?p ?o }"),
    ("/store?default", "text/turtle", b"<a:b> <a:c> <a:d> ."),
])
def test_updates_are_refused(endpoint: Endpoint, path: str, content_type: str, payload: bytes) -> None:
    base = endpoint.url.rsplit("/", 1)[0]
    status, _ = request(base + path, payload, content_type)
    assert 400 <= status < 500
    status, body = request(endpoint.url + "?" + urllib.parse.urlencode({"query": ACCUSED}))
    assert status == 200 and accusers(body)  # nothing was deleted


def test_syntax_error_is_a_400(endpoint: Endpoint) -> None:
    status, body = request(endpoint.url + "?" + urllib.parse.urlencode({"query": "SELEC"}))
    assert status == 400 and b"error" in body


def test_busy_port_is_a_clear_error(endpoint: Endpoint, seed_build: Path) -> None:
    with pytest.raises(ServerError, match="not free"):
        Endpoint(seed_build, port=endpoint.port).start()


def test_cli_serves_until_interrupted(seed_build: Path) -> None:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", str(seed_build), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        assert f"http://127.0.0.1:{port}/query" in line, proc.stderr.read() if proc.stderr else ""
        status, _ = request(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D")
        assert status == 200
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=15) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=5)
    assert _port_frees(port), f"port {port} still in use after kg serve stopped"


def _port_frees(port: int, within: float = 10.0) -> bool:
    """True once nothing accepts connections on the port (the oxigraph child is gone)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) != 0:
                return True
        time.sleep(0.2)
    return False


@pytest.mark.parametrize("timeout", [-5.0, 0.0, float("nan"), float("inf")])
def test_serve_timeout_must_be_a_finite_number_of_seconds(seed_build, timeout):
    from kg.errors import ServerError

    with pytest.raises(ServerError, match="--timeout"):
        Endpoint(seed_build, port=free_port(), query_timeout=timeout)
