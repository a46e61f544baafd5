"""The HTTP side of ``kg serve``: a read-only SPARQL 1.1 Protocol endpoint that cannot leak.

The Oxigraph server answers any ``Host`` header, executes ``SERVICE`` clauses (it sends
requests to any address a query names) and its ``--timeout-s`` does not stop every query.
So ``kg serve`` answers HTTP itself, on ``127.0.0.1`` only, and a request is evaluated only when

- its ``Host`` header names the loopback address it listens on (``127.0.0.1:PORT`` or
  ``localhost:PORT``): a web page on another name (DNS rebinding) gets 403;
- it asks ``/query`` (``GET``, or ``POST`` as a form or ``application/sparql-query``):
  ``/update`` and ``/store`` get 403, other paths 404, other bodies 415, a body over
  ``MAX_BODY`` 413 (it is not read), a bad ``Content-Length`` 400;
- its parsed query passes :func:`kg.sparql.sparql_guard.refusal` (no update, ``SERVICE`` or
  ``LOAD`` in any spelling): 403.

Each query is checked and run in a forked child process over the in-memory pyoxigraph store
(:mod:`kg.sparql.bounded`) that can open no Internet socket (:mod:`kg.sparql.offline`): it is killed at the timeout (503) or as soon as the client disconnects,
so no core stays busy for a client that gave up. At most ``MAX_RUNNING`` queries run at once;
a query that finds no free slot within ``BUSY_WAIT`` seconds gets 503 at once.
"""

from __future__ import annotations

import socket
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pyoxigraph as ox

from kg.sparql.bounded import run_bounded
from kg.errors import KGError, QueryTimeout
from kg.sparql.query import syntax_message
from kg.sparql.sparql_guard import refusal

HOST = "127.0.0.1"
MAX_RUNNING = 8
BUSY_WAIT = 30.0  # seconds a query waits for one of the MAX_RUNNING slots, then 503
MAX_BODY = 1 << 20  # bytes of a POSTed query: larger bodies get 413 without being read
_RESULTS = {"application/sparql-results+json": ox.QueryResultsFormat.JSON,
            "application/json": ox.QueryResultsFormat.JSON,
            "application/sparql-results+xml": ox.QueryResultsFormat.XML,
            "text/csv": ox.QueryResultsFormat.CSV,
            "text/tab-separated-values": ox.QueryResultsFormat.TSV}
_GRAPHS = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
           "application/rdf+xml": ox.RdfFormat.RDF_XML, "application/ld+json": ox.RdfFormat.JSON_LD}


class SparqlServer(ThreadingHTTPServer):
    """Listens on ``127.0.0.1:port`` and answers read-only queries over ``store``."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # many clients at once wait to be accepted, not refused

    def __init__(self, port: int, store: ox.Store, timeout: float) -> None:
        super().__init__((HOST, port), SparqlHandler)
        self.store, self.query_timeout = store, timeout
        self.allowed_hosts = {f"{HOST}:{port}", f"localhost:{port}"}
        self.running = threading.BoundedSemaphore(MAX_RUNNING)
        self.stopping = threading.Event()  # set by stop(): running queries are killed
        self.busy = 0  # queries being evaluated (under self.idle)
        self.idle = threading.Condition()
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        """Serve in a background thread."""
        self.thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.2},
                                       name="kg-serve", daemon=True)
        self.thread.start()

    def stop(self) -> None:
        """Close the listening socket, kill the running queries (their handlers see
        ``stopping`` within 0.1 s) and wait for them to be gone."""
        self.stopping.set()
        if self.thread is not None:
            self.shutdown()
            self.thread.join(5)
            self.thread = None
        self.server_close()
        with self.idle:
            self.idle.wait_for(lambda: self.busy == 0, timeout=5)


def evaluate(store: ox.Store, text: str, accept: str, graphs: dict[str, list[str]]) -> tuple[int, str, bytes]:
    """``(status, content type, body)`` of one query (runs in the child process)."""
    problem = refusal(text)
    if problem:
        return 403, "text/plain; charset=utf-8", f"{problem}\n".encode()
    try:
        named = {k: [ox.NamedNode(v) for v in vs] for k, vs in graphs.items() if vs}
        result = store.query(text, default_graph=named.get("default-graph-uri"),
                             named_graphs=named.get("named-graph-uri"))
        if isinstance(result, ox.QueryTriples):
            kind = next((t for t in _GRAPHS if t in accept), "text/turtle")
            return 200, kind, result.serialize(format=_GRAPHS[kind])
        kind = next((t for t in _RESULTS if t in accept), "application/sparql-results+json")
        return 200, kind, result.serialize(format=_RESULTS[kind])
    except SyntaxError as err:
        return 400, "text/plain", f"error: {syntax_message(str(err), text)}\n".encode()
    except (OSError, ValueError, RuntimeError) as err:
        return 400, "text/plain", f"error: {' '.join(str(err).split())}\n".encode()


class SparqlHandler(BaseHTTPRequestHandler):
    """One request: check it, evaluate it in a child, answer (see the module docs)."""

    server: SparqlServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        """Quiet: no access log on stderr."""

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        """A query in the URL."""
        self._handle(b"")

    def do_POST(self) -> None:  # noqa: N802 - stdlib name
        """A query in a form body or as ``application/sparql-query`` (at most ``MAX_BODY`` bytes)."""
        length = (self.headers.get("Content-Length") or "0").strip()
        if not length.isdigit():
            self.close_connection = True
            self._reply(400, "text/plain; charset=utf-8", b"bad Content-Length: give the body's size in bytes\n")
        elif int(length) > MAX_BODY:
            self.close_connection = True  # the body is not read
            self._reply(413, "text/plain; charset=utf-8",
                        f"query too long: at most {MAX_BODY} bytes\n".encode())
        else:
            self._handle(self.rfile.read(int(length)))

    def _handle(self, body: bytes) -> None:
        try:
            problem = self._problem()
            params = self._params(body) if problem is None else {}
            text = "\n".join(params.get("query", []))
            if problem is None:
                problem = (400, "no query given") if not text else None
            if problem:
                self._reply(problem[0], "text/plain; charset=utf-8", f"{' '.join(problem[1].split())}\n".encode())
                return
            self._answer(text, params)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client went away

    def _problem(self) -> tuple[int, str] | None:
        host = (self.headers.get("Host") or "").strip().lower()
        if host not in self.server.allowed_hosts:
            return 403, f"Host {host or '(none)'!r} refused: this endpoint answers only on {HOST}"
        path = urllib.parse.urlsplit(self.path).path
        if path in ("/update", "/store"):
            return 403, "updates are refused: this endpoint is read-only"
        if path != "/query":
            return 404, "not found: send SPARQL queries to /query"
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if self.command == "POST" and kind not in ("application/sparql-query",
                                                   "application/x-www-form-urlencoded"):
            return 415, f"unsupported content type {kind!r}: use a form or application/sparql-query"
        return None

    def _params(self, body: bytes) -> dict[str, list[str]]:
        params = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        decoded = body.decode("utf-8", errors="replace")
        if self.command == "POST" and kind == "application/sparql-query":
            params.setdefault("query", []).append(decoded)
        elif self.command == "POST":
            for key, values in urllib.parse.parse_qs(decoded).items():
                params.setdefault(key, []).extend(values)
        return params

    def _answer(self, text: str, params: dict[str, list[str]]) -> None:
        graphs = {k: params.get(k, []) for k in ("default-graph-uri", "named-graph-uri")}
        accept = self.headers.get("Accept") or ""
        if self.server.running.acquire(timeout=BUSY_WAIT):
            try:
                status, kind, data = self._evaluate(text, accept, graphs)
            finally:
                self.server.running.release()
        else:  # every slot taken by long queries: say so now rather than keep the client waiting
            status, kind, data = 503, "text/plain; charset=utf-8", (
                f"busy: {MAX_RUNNING} queries are running; try again later\n".encode())
        if not self._gone():
            self._reply(status, kind, data)

    def _evaluate(self, text: str, accept: str, graphs: dict[str, list[str]]) -> tuple[int, str, bytes]:
        server = self.server
        with server.idle:
            server.busy += 1
        try:
            return run_bounded(evaluate, (server.store, text, accept, graphs), server.query_timeout,
                               cancelled=lambda: server.stopping.is_set() or self._gone(), offline=True)
        except QueryTimeout as err:
            return 503, "text/plain; charset=utf-8", f"query {err}\n".encode()
        except KGError as err:
            return 500, "text/plain; charset=utf-8", f"error: {err}\n".encode()
        finally:
            with server.idle:
                server.busy -= 1
                server.idle.notify_all()

    def _gone(self) -> bool:
        """True when the client has closed its connection."""
        try:
            self.connection.setblocking(False)
            return self.connection.recv(1, socket.MSG_PEEK) == b""
        except BlockingIOError:
            return False
        except OSError:
            return True
        finally:
            self.connection.setblocking(True)

    def _reply(self, status: int, kind: str, data: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
