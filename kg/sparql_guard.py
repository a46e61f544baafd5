"""What a query may do: read the build, nothing else (``kg query`` and ``kg serve``).

Oxigraph executes ``SERVICE <http://…>`` clauses by sending HTTP requests to any address,
and ``LOAD <url>`` fetches documents; both would let a query (or any web page that can make
a browser GET the endpoint) reach hosts on the user's network. :func:`check_query` refuses
updates, ``SERVICE`` and ``LOAD`` before the query reaches the store. Keywords are looked for
outside comments, string literals, IRIs, variables and prefixed names, so a literal
``"service"`` or a property ``ex:service`` is not refused.

>>> check_query("SELECT * WHERE { ?s ?p 'SERVICE' }")
>>> check_query("SELECT * WHERE { SERVICE <http://10.0.0.1/> { ?s ?p ?o } }")
Traceback (most recent call last):
...
kg.errors.QueryError: query: SERVICE is refused: kg query and kg serve never send requests to other hosts
"""

from __future__ import annotations

import re

from kg.errors import QueryError

_NOISE = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
                    r"|<[^<>\"{}|^`\\\s]*>|#[^\n]*")
_KEYWORD = r"(?<![\w:?$]){}(?![\w:-])"
_UPDATES = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")
_REFUSED = {
    "SERVICE": "SERVICE is refused: kg query and kg serve never send requests to other hosts",
    "LOAD": "LOAD is refused: kg query and kg serve are read-only and never fetch documents",
}
_UPDATE_START = re.compile(r"^\s*(?:(?:PREFIX\s+\S*\s*<>|BASE\s*<>)\s*)*(" + "|".join(_UPDATES) + r")\b",
                           re.I)


def bare(text: str) -> str:
    """The query without comments, literals and IRIs (each replaced by ``<>`` or a space).

    >>> bare('SELECT * { ?s <http://x/SERVICE> "LOAD" } # SERVICE')
    'SELECT * { ?s <> "" }  '
    """
    def blank(match: re.Match[str]) -> str:
        token = match[0]
        return "<>" if token.startswith("<") else '""' if token[0] in "\"'" else " "

    return _NOISE.sub(blank, text)


def refusal(text: str) -> str | None:
    """Why ``text`` may not run (update, SERVICE, LOAD), or None when it is a plain read."""
    stripped = bare(text)
    for keyword, message in _REFUSED.items():
        if re.search(_KEYWORD.format(keyword), stripped, re.I):
            return message
    if _UPDATE_START.match(stripped):
        return "updates are refused: kg query and kg serve are read-only"
    return None


def check_query(text: str, where: str = "query") -> None:
    """Raise a one-line :class:`QueryError` when the query may not run (see :func:`refusal`)."""
    problem = refusal(text)
    if problem:
        raise QueryError(where, problem)
