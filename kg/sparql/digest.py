"""HTTP Digest access authentication (RFC 7616) for the Graph Store client.

Some stores ask for Digest rather than Basic: Virtuoso's authenticated Graph Store endpoint
``/sparql-graph-crud-auth`` answers a request with ``401`` and a challenge
(``WWW-Authenticate: Digest realm=…, nonce=…, qop="auth"``); the client answers it with a
hash of the user, password, nonce, method and request target, so the password itself is
never sent. One :class:`Digest` keeps the last challenge and counts its uses (``nc``), so
later requests are answered without a new ``401``.

>>> challenge = parse_challenge('Digest realm="SPARQL", nonce="abc", qop="auth", algorithm="MD5"')
>>> challenge["realm"], challenge["qop"]
('SPARQL', 'auth')
>>> d = Digest("dba", "dba", challenge, cnonce=lambda: "0a4f113b")
>>> d.header("PUT", "/sparql-graph-crud-auth?graph=urn%3Ag").split(", ")[4:6]
['nc=00000001', 'cnonce="0a4f113b"']
>>> parse_challenge('Basic realm="x"') is None
True
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable

_PARAM = re.compile(r'\s*([A-Za-z0-9_-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^,\s]*)\s*,?')
_HASHES = {"MD5": hashlib.md5, "SHA-256": hashlib.sha256, "SHA-512-256": None}


def parse_challenge(header: str) -> dict[str, str] | None:
    """The parameters of a ``Digest`` challenge (lower-case names), or None for another scheme."""
    scheme, _, rest = header.strip().partition(" ")
    if scheme.lower() != "digest":
        return None
    params = {}
    for name, value in _PARAM.findall(rest):
        if value.startswith('"'):
            value = re.sub(r"\\(.)", r"\1", value[1:-1])
        params[name.lower()] = value
    return params if "nonce" in params else None


def supported(challenge: dict[str, str]) -> bool:
    """Whether the challenge's algorithm and quality of protection can be answered here."""
    algorithm = challenge.get("algorithm", "MD5").upper().removesuffix("-SESS")
    qops = {q.strip() for q in challenge.get("qop", "auth").split(",")}
    return _HASHES.get(algorithm) is not None and ("auth" in qops or "qop" not in challenge)


class Digest:
    """Answers to one Digest challenge for ``user``/``password``, request after request."""

    def __init__(self, user: str, password: str, challenge: dict[str, str],
                 cnonce: Callable[[], str] = lambda: os.urandom(8).hex()) -> None:
        self.user, self.password, self.challenge = user, password, challenge
        self.count, self._cnonce = 0, cnonce
        self.algorithm = challenge.get("algorithm", "MD5")
        self._hash = _HASHES[self.algorithm.upper().removesuffix("-SESS")]

    def _h(self, text: str) -> str:
        return self._hash(text.encode("utf-8")).hexdigest()

    def header(self, method: str, target: str) -> str:
        """The ``Authorization`` header of a request ``method target``."""
        c, cnonce = self.challenge, self._cnonce()
        self.count += 1
        nc = f"{self.count:08x}"
        ha1 = self._h(f"{self.user}:{c.get('realm', '')}:{self.password}")
        if self.algorithm.upper().endswith("-SESS"):
            ha1 = self._h(f"{ha1}:{c['nonce']}:{cnonce}")
        ha2 = self._h(f"{method}:{target}")
        qop = "auth" if "qop" in c else ""
        answer = self._h(f"{ha1}:{c['nonce']}:{nc}:{cnonce}:{qop}:{ha2}" if qop else f"{ha1}:{c['nonce']}:{ha2}")
        parts = [f'username="{_quote(self.user)}"', f'realm="{_quote(c.get("realm", ""))}"',
                 f'nonce="{_quote(c["nonce"])}"', f'uri="{_quote(target)}"']
        if qop:
            parts += [f"nc={nc}", f'cnonce="{cnonce}"', f"qop={qop}"]
        parts += [f'response="{answer}"', f"algorithm={self.algorithm}"]
        if "opaque" in c:
            parts.append(f'opaque="{_quote(c["opaque"])}"')
        return "Digest " + ", ".join(parts)


def _quote(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')
