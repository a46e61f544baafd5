"""What a query may do: read the build, nothing else (``kg query`` and ``kg serve``).

Oxigraph executes ``SERVICE`` clauses by sending HTTP requests to any address, so a query
(or any web page that can make a browser GET the endpoint) could reach hosts on the user's
network. A text check always misses a spelling (``SERVICE:name`` after ``PREFIX :``, a
``BASE``-relative IRI, lower case), so the decision is taken on the parsed query: the text
is parsed by rdflib's SPARQL 1.1 grammar and refused when its syntax tree holds a
``SERVICE`` pattern anywhere, or when it is an update (``LOAD``, ``INSERT``, ``DROP``, …).
A text that does not parse is left to the engine for its syntax error only when the engine
runs offline (:mod:`kg.sparql.offline`: it cannot open an Internet socket); otherwise it is refused.
A literal ``"service"`` or a property ``ex:service`` is not refused.

>>> check_query("SELECT * WHERE { ?s ?p 'SERVICE' }")
>>> check_query("PREFIX : <http://10.0.0.1/> SELECT * WHERE { SERVICE:x { ?s ?p ?o } }")
Traceback (most recent call last):
...
kg.errors.QueryError: query: SERVICE is refused: kg query and kg serve never send requests to other hosts
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pyparsing import ParseResults
from rdflib.plugins.sparql import parser
from rdflib.plugins.sparql.parserutils import CompValue

from kg.errors import QueryError
from kg.sparql.offline import offline

SERVICE = "SERVICE is refused: kg query and kg serve never send requests to other hosts"
LOAD = "LOAD is refused: kg query and kg serve are read-only and never fetch documents"
UPDATE = "updates are refused: kg query and kg serve are read-only"


def parts(tree: Any) -> Iterator[str]:
    """The names of every node of an rdflib SPARQL syntax tree (``ServiceGraphPattern``, …).

    >>> "ServiceGraphPattern" in set(parts(parser.parseQuery("ASK { SERVICE ?s { } }")))
    True
    """
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            yield node.name
            stack.extend(node.values())
        elif isinstance(node, (list, tuple, ParseResults)):
            stack.extend(node)


def _update_refusal(text: str) -> str | None:
    try:
        names = set(parts(parser.parseUpdate(text)))
    except Exception:  # noqa: BLE001 - whatever rdflib raises, it is not an update
        return None
    return LOAD if "Load" in names else UPDATE


def refusal(text: str, engine_offline: bool | None = None) -> str | None:
    """Why ``text`` may not run (update, SERVICE, LOAD, unparsable), or None for a plain read.

    ``engine_offline``: whether the engine that would run it can open no Internet socket
    (default: whether this process is offline, :func:`kg.sparql.offline.offline`).

    >>> refusal("SELECT * WHERE { ?s ?p ?o }") is None
    True
    >>> refusal("LOAD <http://10.0.0.1/x.ttl>") == LOAD
    True
    """
    try:
        names = set(parts(parser.parseQuery(text)))
    except Exception as err:  # noqa: BLE001 - not understood: refused unless the engine is offline
        update = _update_refusal(text)
        if update or (offline() if engine_offline is None else engine_offline):
            return update
        return f"the query cannot be checked, so it is not run: {' '.join(str(err).split())}"
    return SERVICE if "ServiceGraphPattern" in names else None


def check_query(text: str, where: str = "query", engine_offline: bool | None = None) -> None:
    """Raise a one-line :class:`QueryError` when the query may not run (see :func:`refusal`)."""
    problem = refusal(text, engine_offline)
    if problem:
        raise QueryError(where, problem)
