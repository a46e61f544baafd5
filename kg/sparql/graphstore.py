"""A client of the SPARQL 1.1 Graph Store HTTP Protocol: replace or delete one named graph.

``PUT URL?graph=IRI`` replaces the graph with the request body, ``DELETE URL?graph=IRI``
drops it (a graph that is not there is not an error). Bodies are streamed from files, never
read whole into memory. ``URL`` is the store's graph store endpoint, e.g.
``http://127.0.0.1:7878/store`` (Oxigraph server), ``http://host:3030/DATASET/data``
(Fuseki), ``http://host:7200/repositories/ID/rdf-graphs/service`` (GraphDB).

>>> GraphStore("http://127.0.0.1:7878/store").graph_target("https://x.org/doc/a b")
'/store?graph=https%3A%2F%2Fx.org%2Fdoc%2Fa%20b'
>>> GraphStore("http://h:7001/?access-token=T").graph_target("urn:g")  # QLever
'/?access-token=T&graph=urn%3Ag'
>>> GraphStore("http://127.0.0.1:7878/store").graph_target(DEFAULT_GRAPH)
'/store?default'
>>> auth_headers("ann", "s3cret", ["X-Token: 1"])["Authorization"]
'Basic YW5uOnMzY3JldA=='
>>> redact("http://ann:s3cret@h:7001/?access-token=T&graph=g")
'http://ann:***@h:7001/?access-token=***&graph=g'
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import re
import socket
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from kg.sparql.digest import Digest, parse_challenge, supported
from kg.errors import PushError

CONTENT_TYPE = "text/turtle"  # the bodies are N-Triples, which is Turtle: every store reads it
TIMEOUT = 300  # seconds per request: a large graph takes a while to load on the server
MAX_GET = 16 << 20  # bytes of an answer that are read
DEFAULT_GRAPH = "(default graph)"  # the store's default graph, not a named one
AUTH_PROBE = "urn:histkg:authentication-check"  # a graph no store holds: GET answers 404 once let in
_SECRET_PARAM = re.compile(r"(?i)([?&;][^=&;#]*(?:token|key|pass|pwd|secret|auth|sig|cred|session)[^=&;#]*=)[^&;#]*")


def redact(url: str) -> str:
    """``url`` as it may be printed and written down: the password of ``user:pw@`` (a lone
    ``token@`` whole) and the values of query parameters that name a token, key, password,
    secret or signature, as ``***``."""
    parts = urlsplit(url)
    user, at, host = parts.netloc.rpartition("@")
    if at:
        shown = f"{user.partition(':')[0]}:***" if parts.password is not None else "***"
        url = url.replace(parts.netloc, f"{shown}@{host}", 1)
    return _SECRET_PARAM.sub(r"\1***", url)


def auth_headers(user: str | None = None, password: str | None = None,
                 headers: Iterable[str] = ()) -> dict[str, str]:
    """HTTP headers from ``--user``/``--password`` (Basic) and ``--header 'Name: value'``."""
    out: dict[str, str] = {}
    if user is not None:
        token = base64.b64encode(f"{user}:{password or ''}".encode()).decode("ascii")
        out["Authorization"] = f"Basic {token}"
    for header in headers:
        name, sep, value = header.partition(":")
        if not sep or not name.strip():
            raise PushError(f"--header {header!r}: expected 'Name: value'")
        out[name.strip()] = value.strip()
    return out


class GraphStore:
    """One graph store endpoint, reached over one kept-alive HTTP(S) connection."""

    def __init__(self, url: str, headers: Mapping[str, str] | None = None,
                 timeout: float = TIMEOUT) -> None:
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise PushError(f"{redact(url)}: expected an http:// or https:// graph store URL")
        self.url, self.parts, self.timeout = redact(url), parts, timeout  # url: as shown
        self.headers = dict(headers or {})
        if parts.username is not None and not any(h.lower() == "authorization" for h in self.headers):
            self.headers.update(auth_headers(unquote(parts.username), unquote(parts.password or "")))
        self.connection: http.client.HTTPConnection | None = None
        self.last_type = ""  # the content type of the last answer
        self.last_challenge = ""  # the WWW-Authenticate header of the last answer
        self.digest: Digest | None = None  # set once the store asked for Digest authentication
        self.auth_settled = False  # whether the credentials were tried before a body was sent

    def graph_target(self, iri: str) -> str:
        """The request target (path and query) of graph ``iri`` (``?default`` for :data:`DEFAULT_GRAPH`)."""
        query = f"{self.parts.query}&" if self.parts.query else ""
        target = "default" if iri == DEFAULT_GRAPH else f"graph={quote(iri, safe='')}"
        return f"{self.parts.path or '/'}?{query}{target}"

    def put(self, iri: str, body: Path, content_type: str = CONTENT_TYPE) -> int:
        """Replace graph ``iri`` by the content of the file ``body``; the HTTP status."""
        with body.open("rb") as fh:
            headers = {"Content-Type": content_type, "Content-Length": str(body.stat().st_size)}
            return self._request("PUT", iri, fh, headers)

    def get(self, iri: str) -> tuple[int, str, str]:
        """``(status, content type, text)`` of graph ``iri`` as the store serialises it
        (N-Triples asked for; at most ``MAX_GET`` bytes are kept)."""
        status, reason, text = self._attempt("GET", iri, None, {"Accept": "application/n-triples"})
        return status, self.last_type, text

    def delete(self, iri: str) -> int:
        """Drop graph ``iri``; the HTTP status (404, no such graph, counts as done)."""
        return self._request("DELETE", iri, None, {"Content-Length": "0"}, ok_missing=True)

    def close(self) -> None:
        """Close the connection."""
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def _connect(self) -> http.client.HTTPConnection:
        if self.connection is None:
            kind = http.client.HTTPSConnection if self.parts.scheme == "https" else http.client.HTTPConnection
            self.connection = kind(self.parts.hostname or "", self.parts.port, timeout=self.timeout)
        return self.connection

    def _request(self, method: str, iri: str, body, headers: dict[str, str],
                 ok_missing: bool = False) -> int:
        status, reason, text = self._attempt(method, iri, body, headers)
        if 200 <= status < 300 or (ok_missing and status == 404):
            return status
        if text.lstrip()[:1] == "<":  # an HTML error page: its words
            text = re.sub(r"<(head|style|script)\b.*?</\1>|<[^>]*>", " ", text, flags=re.S | re.I)
        detail = " ".join(text.split())[:300]
        raise PushError(f"{method} {self.url} graph <{iri}>: HTTP {status} {reason} {detail}".rstrip())

    def _attempt(self, method: str, iri: str, body, headers: dict[str, str]) -> tuple[int, str, str]:
        """Send; answered once more when the store asks for Digest authentication (a 401 with a
        Digest challenge, or a stale nonce) and a user and password were given."""
        if body is not None and not self.auth_settled and _basic_credentials(self.headers):
            self._settle_auth(method, iri)
        answer = self._try(method, iri, body, headers)
        if answer[0] == 401 and not self.last_challenge and self.digest is None:
            self._try("GET", iri, None, {}, anonymous=True)  # a store refusing Basic without a word
        if answer[0] == 401 and self._take_challenge():
            if body is not None:
                body.seek(0)
            answer = self._try(method, iri, body, headers)
        return answer

    def _settle_auth(self, method: str, iri: str) -> None:
        """Before the first body is sent, a GET of a graph nobody has settles Basic or Digest:
        a store that refuses credentials may close the connection while a body is still
        being sent (a broken pipe instead of its 401)."""
        self.auth_settled = True
        status, reason, _ = self._attempt("GET", AUTH_PROBE, None, {"Accept": "application/n-triples"})
        if status == 401:
            raise PushError(f"{method} {self.url} graph <{iri}>: HTTP 401 {reason} (user or password refused)")

    def _take_challenge(self) -> bool:
        """Answer Digest from now on, if the last 401 asked for it and there are credentials."""
        challenge = parse_challenge(self.last_challenge)
        credentials = _basic_credentials(self.headers)
        if challenge is None or credentials is None or not supported(challenge):
            return False
        if self.digest is not None and challenge.get("stale", "").lower() != "true" \
                and challenge["nonce"] == self.digest.challenge["nonce"]:
            return False  # the same challenge refused: wrong user or password
        self.digest = Digest(*credentials, challenge)
        return True

    def _try(self, method: str, iri: str, body, headers: dict[str, str],
             anonymous: bool = False) -> tuple[int, str, str]:
        """Send; once more on a fresh connection if the server had closed a kept-alive one."""
        for retry in (False, True):
            reused = self.connection is not None
            try:
                return self._send(method, iri, body, headers, anonymous)
            except OSError as err:
                self.close()
                if retry or not reused or not isinstance(err, (BrokenPipeError, ConnectionResetError)):
                    raise PushError(f"{method} {self.url} graph <{iri}>: {err}") from err
                if body is not None:
                    body.seek(0)
        raise AssertionError("unreachable")

    def _send(self, method: str, iri: str, body, headers: dict[str, str],
              anonymous: bool = False) -> tuple[int, str, str]:
        connection, target = self._connect(), self.graph_target(iri)
        sent = {**self.headers, **headers}
        if self.digest is not None or anonymous:  # Digest instead of the Basic header, or nothing
            sent = {k: v for k, v in sent.items() if k.lower() != "authorization"}
        if self.digest is not None and not anonymous:
            sent["Authorization"] = self.digest.header(method, target)
        connection.request(method, target, body=body, headers=sent)
        late = threading.Event()  # the whole answer within `timeout` s, however slowly it trickles
        timer = threading.Timer(self.timeout, _cut, (connection, late))
        timer.start()
        try:
            response = connection.getresponse()
            text = response.read(MAX_GET).decode("utf-8", "replace")
            self.last_type = (response.getheader("Content-Type") or "").split(";")[0].strip().lower()
            self.last_challenge = response.getheader("WWW-Authenticate") or ""
            if not response.isclosed():  # longer than MAX_GET: the rest is not read
                self.close()
        except (OSError, http.client.HTTPException) as err:
            if late.is_set():
                raise TimeoutError(f"no complete answer within {self.timeout:g} s") from None
            raise err if isinstance(err, OSError) else ConnectionError(f"bad answer: {err!r}") from None
        finally:
            timer.cancel()
        if late.is_set():  # cut short: what came is not the whole answer
            self.close()
            raise TimeoutError(f"no complete answer within {self.timeout:g} s")
        if response.getheader("Connection", "").lower() == "close":
            self.close()
        return response.status, response.reason, text


def _basic_credentials(headers: Mapping[str, str]) -> tuple[str, str] | None:
    """``(user, password)`` of a ``Basic`` Authorization header, else None."""
    value = next((v for k, v in headers.items() if k.lower() == "authorization"), "")
    scheme, _, token = value.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        user, sep, password = base64.b64decode(token.strip(), validate=True).decode("utf-8").partition(":")
    except ValueError:
        return None
    return (user, password) if sep else None


def _cut(connection: http.client.HTTPConnection, late: threading.Event) -> None:
    """Shut the connection's socket down: the pending read ends at once."""
    late.set()
    if connection.sock is not None:
        with contextlib.suppress(OSError):
            connection.sock.shutdown(socket.SHUT_RDWR)
