"""The query guard decides on the parsed query: no SERVICE in any spelling, no update, and the
engine runs offline, so `kg query` and `kg serve` reach no host (a listener must get nothing)."""

from __future__ import annotations

import http.client
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from listener import Listener

from kg.sparql.bounded import run_bounded
from kg.errors import KGError, QueryError
from kg.sparql.query import run
from kg.sparql.serve import Endpoint, free_port
from kg.sparql.sparql_guard import LOAD, SERVICE, UPDATE, refusal

SPELLINGS = [
    "PREFIX : <{url}> SELECT * WHERE {{ SERVICE:x {{ ?s ?p ?o }} }}",
    "PREFIX SERVICE: <{url}> SELECT * WHERE {{ SERVICE SERVICE:x {{ ?s ?p ?o }} }}",
    "BASE <{url}> SELECT * WHERE {{ service <x> {{ ?s ?p ?o }} }}",
    "BASE <{url}> SELECT * WHERE {{ SeRvIcE<x>{{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ {{ SELECT * WHERE {{ OPTIONAL {{ SERVICE <{url}> {{ }} }} }} }} }}",
    "ASK {{ FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
    "SELECT * WHERE {{ VALUES ?u {{ <{url}> }} SERVICE ?u {{ ?s ?p ?o }} }}",
    "#\nSELECT * WHERE {{ ?s ?p ?o MINUS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
]


@pytest.fixture()
def listener() -> Iterator[Listener]:
    running = Listener()
    yield running
    running.close()


@pytest.fixture(scope="module")
def endpoint(seed_build: Path) -> Iterator[Endpoint]:
    with Endpoint(seed_build, port=free_port(), query_timeout=5) as running:
        yield running


def _get(endpoint: Endpoint, query: str) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", endpoint.port, timeout=30)
    conn.request("GET", "/query?" + urllib.parse.urlencode({"query": query}),
                 headers={"Host": f"127.0.0.1:{endpoint.port}"})
    response = conn.getresponse()
    answer = response.status, response.read().decode("utf-8", "replace")
    conn.close()
    return answer


@pytest.mark.parametrize("template", SPELLINGS)
def test_service_in_any_spelling_is_refused(template: str) -> None:
    assert refusal(template.format(url="http://127.0.0.1:9/")) == SERVICE


@pytest.mark.parametrize("template", SPELLINGS)
def test_kg_query_reaches_nothing(seed_build: Path, listener: Listener, template: str) -> None:
    with pytest.raises(QueryError):
        run(seed_build, template.format(url=f"http://127.0.0.1:{listener.port}/"), timeout=20)
    assert listener.received == []


@pytest.mark.parametrize("template", SPELLINGS)
def test_kg_serve_reaches_nothing(endpoint: Endpoint, listener: Listener, template: str) -> None:
    status, body = _get(endpoint, template.format(url=f"http://127.0.0.1:{listener.port}/"))
    assert (status, body.strip()) == (403, SERVICE)
    assert listener.received == []


def _service_on_the_engine(port: int) -> int:
    """Run a SERVICE query straight on pyoxigraph, past every guard (in the child)."""
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}"
    return len(list(ox.Store().query(query)))


def test_the_engine_child_is_offline(listener: Listener) -> None:
    with pytest.raises(KGError, match="not permitted"):
        run_bounded(_service_on_the_engine, (listener.port,), timeout=20, offline=True)
    assert listener.received == []


@pytest.mark.parametrize("query,expected", [
    ("LOAD <http://127.0.0.1:9/x.ttl>", LOAD),
    ("load silent <http://127.0.0.1:9/x.ttl> INTO GRAPH <urn:g>", LOAD),
    ("PREFIX : <urn:x> INSERT DATA { :a :b :c }", UPDATE),
    ("CLEAR ALL ; LOAD <http://127.0.0.1:9/>", LOAD),
    ("WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", UPDATE),
    ("SELECT * WHERE { ?s <http://x/service> 'SERVICE' } # SERVICE", None),
    ("PREFIX service: <http://x/> SELECT * WHERE { ?s service:load ?o }", None),
])
def test_updates_and_plain_reads(query: str, expected: str | None) -> None:
    assert refusal(query) == expected


def test_unparsable_text_is_refused_unless_the_engine_is_offline() -> None:
    assert refusal("SELEC ?o", engine_offline=False).startswith("the query cannot be checked")
    assert refusal("SELEC ?o", engine_offline=True) is None
