"""HTTP Digest authentication (kg/sparql/digest.py): the RFCs' own examples, and a store that
changes its nonce between requests (the Graph Store client answers the new challenge)."""

from __future__ import annotations

import hashlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from kg.sparql.digest import Digest, parse_challenge, supported
from kg.errors import PushError
from kg.sparql.graphstore import GraphStore, auth_headers

# RFC 7616 section 3.9.1: user Mufasa, password "Circle of Life", GET /dir/index.html
RFC7616 = ('Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm={alg}, '
           'nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", '
           'opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"')
RFC7616_CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"


def response_of(header: str) -> str:
    return header.split('response="')[1].split('"')[0]


@pytest.mark.parametrize("alg,expected", [
    ("MD5", "8ca523f5e9506fed4657c9700eebdbec"),
    ("SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"),
])
def test_the_rfc_7616_examples(alg, expected):
    digest = Digest("Mufasa", "Circle of Life", parse_challenge(RFC7616.format(alg=alg)),
                    cnonce=lambda: RFC7616_CNONCE)
    header = digest.header("GET", "/dir/index.html")
    assert response_of(header) == expected
    assert 'opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"' in header and "nc=00000001" in header


def test_the_rfc_2617_example_and_the_count_of_uses():
    challenge = parse_challenge('Digest realm="testrealm@host.com", qop="auth,auth-int", '
                                'nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", '
                                'opaque="5ccc069c403ebaf9f0171e9517f40e41"')
    digest = Digest("Mufasa", "Circle Of Life", challenge, cnonce=lambda: "0a4f113b")
    assert response_of(digest.header("GET", "/dir/index.html")) == "6629fae49393a05397450978507c4ef1"
    assert "nc=00000002" in digest.header("GET", "/dir/index.html")


@pytest.mark.parametrize("header,params", [
    ('Basic realm="x"', None),
    ('Digest realm="x"', None),  # no nonce: nothing to answer
    ('Digest realm="a \\"b\\"", nonce=abc, stale=TRUE', {"realm": 'a "b"', "nonce": "abc", "stale": "TRUE"}),
    ('digest NONCE="n",Realm="r"', {"nonce": "n", "realm": "r"}),
])
def test_challenges_are_read(header, params):
    assert parse_challenge(header) == params


@pytest.mark.parametrize("header,ok", [
    ('Digest nonce="n", algorithm=MD5-sess, qop="auth"', True),
    ('Digest nonce="n", algorithm=SHA-512-256', False),
    ('Digest nonce="n", qop="auth-int"', False),
    ('Digest nonce="n"', True),
])
def test_what_can_be_answered(header, ok):
    assert supported(parse_challenge(header)) is ok


class DigestStore(BaseHTTPRequestHandler):
    """A graph store that wants Digest MD5 and issues a new nonce every second request."""

    nonces = iter(f"nonce{i}" for i in range(1000))
    current = ""
    answered = 0
    bodies: ClassVar[list[bytes]] = []

    def do_GET(self) -> None:
        self._serve()

    def do_PUT(self) -> None:
        self._serve()

    def _serve(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0") or 0))
        if not self._valid(self.headers.get("Authorization", "")):
            stale = "true" if self.headers.get("Authorization", "").startswith("Digest") else "false"
            DigestStore.current = next(DigestStore.nonces)
            self.send_response(401)
            self.send_header("WWW-Authenticate", f'Digest realm="r", nonce="{DigestStore.current}", '
                                                 f'qop="auth", stale={stale}')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        DigestStore.answered += 1
        if self.command == "PUT":
            DigestStore.bodies.append(body)
        if DigestStore.answered % 2 == 0:  # the nonce expires: the next request is stale
            DigestStore.current = ""
        self.send_response(404 if self.command == "GET" else 204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _valid(self, header: str) -> bool:
        p = parse_challenge(header)
        if p is None or p.get("nonce") != DigestStore.current or p.get("username") != "ann":
            return False
        ha1 = hashlib.md5(b"ann:r:s3cret").hexdigest()
        ha2 = hashlib.md5(f"{self.command}:{self.path}".encode()).hexdigest()
        want = hashlib.md5(f"{ha1}:{p['nonce']}:{p['nc']}:{p['cnonce']}:auth:{ha2}".encode()).hexdigest()
        return p.get("uri") == self.path and p.get("response") == want

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def digest_store():
    server = ThreadingHTTPServer(("127.0.0.1", 0), DigestStore)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    DigestStore.bodies = []
    try:
        yield f"http://127.0.0.1:{server.server_port}/store"
    finally:
        server.shutdown()
        server.server_close()


def test_graph_store_answers_digest_and_new_nonces(digest_store, tmp_path: Path):
    body = tmp_path / "g.nt"
    body.write_bytes(b"<urn:s> <urn:p> <urn:o> .\n" * 2000)
    store = GraphStore(digest_store, auth_headers("ann", "s3cret"))
    try:
        assert [store.put(f"urn:g{i}", body) for i in range(4)] == [204] * 4
    finally:
        store.close()
    assert DigestStore.bodies == [body.read_bytes()] * 4  # every body whole, each sent once accepted


def test_graph_store_refuses_a_wrong_password_before_sending_a_body(digest_store, tmp_path: Path):
    body = tmp_path / "g.nt"
    body.write_bytes(b"<urn:s> <urn:p> <urn:o> .\n")
    store = GraphStore(digest_store, auth_headers("ann", "wrong"))
    with pytest.raises(PushError, match="HTTP 401 Unauthorized"):
        store.put("urn:g", body)
    assert DigestStore.bodies == []
