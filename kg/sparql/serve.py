"""A read-only SPARQL 1.1 Protocol endpoint over a build folder (``kg serve``).

The build's ``graph.ttl`` goes into the default graph and ``graph.trig``'s per-document
graphs into named graphs of an in-memory pyoxigraph store (as ``kg query`` loads it), and
:mod:`kg.sparql.serve_guard` answers ``GET/POST /query`` on 127.0.0.1: only loopback ``Host``
headers, no ``SERVICE`` or ``LOAD`` (nothing is ever fetched), each query in a child process
stopped at the timeout or when its client disconnects. Updates (``/update``, ``/store``) are
refused with HTTP 403. Ctrl-C, SIGTERM and SIGHUP stop it cleanly (the port is released).

>>> with Endpoint("out", port=free_port()) as endpoint:  # doctest: +SKIP
...     urllib.request.urlopen(endpoint.url + "?query=ASK%7B%7D").status
200
>>> 1024 <= free_port() <= 65535
True
"""

from __future__ import annotations

import math
import socket
import time
from pathlib import Path
from types import TracebackType

from kg.errors import ServerError
from kg.sparql.query import load_store
from kg.sparql.serve_guard import SparqlServer
from kg.run.signals import stop_signals

HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_QUERY_TIMEOUT = 30.0  # seconds; kg serve --timeout


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def check_port_number(port: int) -> None:
    """Raise :class:`ServerError` unless ``port`` is a TCP port number (1–65535)."""
    if not 0 < port < 65536:
        raise ServerError(f"--port {port} is not a TCP port; give a number from 1 to 65535")


def check_port_free(port: int) -> None:
    """Raise :class:`ServerError` if something already listens on ``127.0.0.1:port``."""
    check_port_number(port)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # ignore TIME_WAIT leftovers
        try:
            sock.bind((HOST, port))
        except OSError as err:
            raise ServerError(f"port {port} on {HOST} is not free ({err.strerror}); "
                              "choose another with --port") from None


class Endpoint:
    """A running read-only endpoint; use as a context manager (stopped on exit).

    ``query_timeout``: seconds a query may run (``kg serve --timeout``); ``timeout`` is kept
    for callers that set how long starting may take (loading is synchronous).
    """

    def __init__(self, out_dir: str | Path, port: int = DEFAULT_PORT, timeout: float = 30.0,
                 query_timeout: float = DEFAULT_QUERY_TIMEOUT) -> None:
        check_port_number(port)
        if not (math.isfinite(query_timeout) and query_timeout > 0):
            raise ServerError(f"--timeout {query_timeout:g}: give a number of seconds above 0")
        self.out_dir, self.port, self.timeout = Path(out_dir), port, timeout
        self.query_timeout = query_timeout
        self.server: SparqlServer | None = None

    @property
    def url(self) -> str:
        """The SPARQL query URL, e.g. ``http://127.0.0.1:7878/query``."""
        return f"http://{HOST}:{self.port}/query"

    @property
    def running(self) -> bool:
        """True while the server thread serves."""
        return self.server is not None and self.server.thread is not None and self.server.thread.is_alive()

    def start(self) -> Endpoint:
        """Load the graph into an in-memory store and start answering on ``port``."""
        check_port_free(self.port)
        store = load_store(self.out_dir)
        try:
            self.server = SparqlServer(self.port, store, self.query_timeout)
        except OSError as err:
            raise ServerError(f"port {self.port} on {HOST} is not free ({err.strerror}); "
                              "choose another with --port") from None
        self.server.start()
        return self

    def stop(self) -> None:
        """Stop answering and release the port."""
        if self.server is not None:
            self.server.stop()
            self.server = None

    def __enter__(self) -> Endpoint:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.stop()


def serve(out_dir: str | Path, port: int = DEFAULT_PORT,
          query_timeout: float = DEFAULT_QUERY_TIMEOUT) -> int:
    """Serve a build folder until Ctrl-C, SIGTERM or SIGHUP (what ``kg serve`` runs); returns 0."""
    try:
        with stop_signals(), Endpoint(out_dir, port, query_timeout=query_timeout) as endpoint:
            print(f"SPARQL endpoint (read-only): {endpoint.url}  (Ctrl-C stops it)", flush=True)
            while endpoint.running:
                time.sleep(0.5)
    except KeyboardInterrupt:
        return 0
    raise ServerError(f"the SPARQL server on port {port} stopped unexpectedly")
