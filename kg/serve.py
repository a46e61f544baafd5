"""A read-only SPARQL 1.1 Protocol endpoint over a build folder (``kg serve``).

It runs the real Oxigraph server (PyPI package ``oxigraph``): the build's ``graph.ttl`` goes
into the default graph and ``graph.trig``'s per-document graphs into named graphs of a
temporary store, then ``oxigraph serve-read-only`` answers ``GET/POST /query`` on 127.0.0.1.
Updates (``/update``, ``/store``) are refused with HTTP 403; the store is deleted on stop.

>>> with Endpoint("out", port=free_port()) as endpoint:  # doctest: +SKIP
...     urllib.request.urlopen(endpoint.url + "?query=ASK%7B%7D").status
200
>>> 1024 <= free_port() <= 65535
True
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from types import TracebackType

from kg.errors import ServerError
from kg.query import graph_files

HOST = "127.0.0.1"
DEFAULT_PORT = 7878


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def check_port_free(port: int) -> None:
    """Raise :class:`ServerError` if something already listens on ``127.0.0.1:port``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # ignore TIME_WAIT leftovers
        try:
            sock.bind((HOST, port))
        except OSError as err:
            raise ServerError(f"port {port} on {HOST} is not free ({err.strerror}); "
                              "choose another with --port") from None


def oxigraph_command() -> str:
    """Path of the ``oxigraph`` executable (next to this Python first, then on PATH)."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise ServerError("the `oxigraph` command is missing; install it with `pip install oxigraph`")
    return found


def _run(args: list[str]) -> None:
    proc = subprocess.run(args, capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["no message"])[-1]
        raise ServerError(f"`{' '.join(args[:2])}` failed: {last}")


def load_location(out_dir: str | Path, location: str | Path) -> None:
    """Load a build's graph files into an Oxigraph store directory."""
    for path in graph_files(out_dir):
        _run([oxigraph_command(), "load", "--location", str(location), "--file", str(path)])


def _answers(url: str) -> bool:
    query = urllib.parse.urlencode({"query": "ASK {}"})
    try:
        with urllib.request.urlopen(f"{url}?{query}", timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


class Endpoint:
    """A running read-only endpoint; use as a context manager (stopped and cleaned on exit)."""

    def __init__(self, out_dir: str | Path, port: int = DEFAULT_PORT, timeout: float = 30.0) -> None:
        self.out_dir, self.port, self.timeout = Path(out_dir), port, timeout
        self.process: subprocess.Popen[bytes] | None = None
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._log = Path(".")

    @property
    def url(self) -> str:
        """The SPARQL query URL, e.g. ``http://127.0.0.1:7878/query``."""
        return f"http://{HOST}:{self.port}/query"

    def start(self) -> Endpoint:
        """Load the graph into a temporary store and start the server; wait until it answers."""
        graph_files(self.out_dir)
        check_port_free(self.port)
        self._tmp = tempfile.TemporaryDirectory(prefix="histkg-serve-")
        location = Path(self._tmp.name) / "store"
        load_location(self.out_dir, location)
        args = [oxigraph_command(), "serve-read-only", "--location", str(location),
                "--bind", f"{HOST}:{self.port}"]
        self._log = Path(self._tmp.name) / "server.log"
        with self._log.open("wb") as log:  # a file, not a pipe: a full pipe would block the server
            self.process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)
        self._wait_ready()
        return self

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                err = self._log.read_text(encoding="utf-8", errors="replace")
                self.stop()
                lines = [ln.strip() for ln in err.splitlines() if ln.strip()] or ["it exited"]
                last = next((ln for ln in lines if ln.startswith("Error")), lines[0])
                raise ServerError(f"the SPARQL server did not start on port {self.port}: {last}")
            if _answers(self.url):
                return
            time.sleep(0.1)
        self.stop()
        raise ServerError(f"the SPARQL server did not answer on port {self.port} within {self.timeout:.0f} s")

    def stop(self) -> None:
        """Stop the server (terminate, then kill) and delete the temporary store."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self.process = None
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self) -> Endpoint:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.stop()


def serve(out_dir: str | Path, port: int = DEFAULT_PORT) -> int:
    """Serve a build folder until interrupted (what ``kg serve`` runs); returns an exit code."""
    with Endpoint(out_dir, port) as endpoint:
        print(f"SPARQL endpoint (read-only): {endpoint.url}  (Ctrl-C stops it)", flush=True)
        try:
            while endpoint.process is not None and endpoint.process.poll() is None:
                time.sleep(0.5)
        except KeyboardInterrupt:
            return 0
    raise ServerError(f"the SPARQL server on port {port} stopped unexpectedly")
