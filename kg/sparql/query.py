"""SPARQL over a build folder on an embedded pyoxigraph store (``kg query``).

The store's default graph holds ``graph.ttl`` (everything, merged) and its named graphs the
per-document graphs of ``graph.trig``, so the queries of ``ontology/queries/`` see each triple
once and ``GRAPH ?doc { … }`` still tells which document says what.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> _ = (out / "graph.trig").write_text('<http://ex.org/doc> { <http://ex.org/a> <http://ex.org/p> "x" }')
>>> print(run(out, "SELECT ?o WHERE { ?s ?p ?o }", fmt="csv"), end="")
o
x
>>> run(out, "SELEC ?o")
Traceback (most recent call last):
...
kg.errors.QueryError: query: SPARQL syntax error at line 1, column 9 (near "SELEC ?o"): expected one of DESCRIBE, [_]
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import OutputError, QueryError
from kg.sparql.sparql_guard import check_query
from kg.vocab import ONTOLOGY_DIR

FORMATS: tuple[str, ...] = ("table", "csv", "json")
QUERY_DIR = ONTOLOGY_DIR / "queries"
_PREFIX_LINE = re.compile(r"^@prefix\s+([A-Za-z][\w-]*)?:\s*<([^>]*)>\s*\.\s*$", re.M)
_MAX_CELL = 80
DEFAULT_TIMEOUT = 60.0  # seconds; kg query --timeout


def graph_files(out_dir: str | Path) -> list[Path]:
    """``graph.ttl`` and ``graph.trig`` of a build folder, those that exist (at least one).

    Raises :class:`OutputError` naming the folder when it holds neither.
    """
    out = Path(out_dir)
    found = [out / name for name in ("graph.ttl", "graph.trig") if (out / name).is_file()]
    if not found:
        raise OutputError(str(out), "no graph.ttl or graph.trig here; run `kg build ... --out DIR` first")
    return found


def load_store(out_dir: str | Path) -> ox.Store:
    """An in-memory pyoxigraph store: default graph = graph.ttl, named graphs from graph.trig."""
    store = ox.Store()
    for path in graph_files(out_dir):
        fmt = ox.RdfFormat.TRIG if path.suffix == ".trig" else ox.RdfFormat.TURTLE
        try:
            store.bulk_load(path=str(path), format=fmt)
        except (SyntaxError, OSError, ValueError) as err:
            raise OutputError(str(path), f"cannot load: {err}") from None
    if not (Path(out_dir) / "graph.ttl").is_file():  # trig only: merge its graphs
        store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in list(store))
    return store


def query_text(query: str | None = None, file: str | Path | None = None) -> tuple[str, str]:
    """``(text, where)`` of a query given as text, as a ``.rq`` file, or by a shipped name.

    >>> query_text("accusations")[1].endswith("accusations.rq")
    True
    """
    if file is not None:
        path = Path(file)
        try:
            return path.read_text(encoding="utf-8"), str(path)
        except (OSError, UnicodeDecodeError) as err:
            raise QueryError(str(path), f"cannot read the query file: {err}") from None
    if not query or not query.strip():
        raise QueryError("query", "no query given: pass the SPARQL text or --file q.rq")
    name = query.strip()
    if re.fullmatch(r"[\w-]+", name):
        shipped = QUERY_DIR / f"{name}.rq"
        if shipped.is_file():
            return shipped.read_text(encoding="utf-8"), str(shipped)
        raise QueryError("query", no_such_query(name))
    return query, "query"


def no_such_query(name: str) -> str:
    """The message for a word that names no shipped query, with the closest names.

    >>> no_such_query("accusationz")
    "no such query 'accusationz'; did you mean accusations? (kg query DIR NAME, or SPARQL text)"
    """
    names = sorted(p.stem for p in QUERY_DIR.glob("*.rq"))
    close = difflib.get_close_matches(name, names, n=2, cutoff=0.6)
    hint = f"did you mean {' or '.join(close)}?" if close else f"the shipped queries are {', '.join(names)}"
    return f"no such query {name!r}; {hint} (kg query DIR NAME, or SPARQL text)"


def syntax_message(error: str, text: str) -> str:
    """A short one-line message for a pyoxigraph syntax error: where, near what, expected what.

    >>> syntax_message("error at 1:6: expected [_]", "SELEC ?o")
    'SPARQL syntax error at line 1, column 6 (near "SELEC ?o"): expected [_]'
    """
    found = re.match(r"error at (\d+):(\d+)(?:-\d+:\d+)?: (.*)", " ".join(error.split()))
    if not found:
        return f"SPARQL syntax error: {' '.join(error.split())}"
    line, column, detail = int(found[1]), int(found[2]), found[3]
    lines = text.splitlines() or [""]
    source = lines[min(line, len(lines)) - 1]
    near = " ".join(source[max(column - 30, 0):column + 10].split())
    if len(detail) > 120:  # a long list of expected tokens: keep its head
        detail = detail[:detail.rfind(",", 0, 100)] + ", …"
    return f'SPARQL syntax error at line {line}, column {column} (near "{near}"): {detail}'


def execute(store: ox.Store, text: str, where: str = "query") -> Any:
    """Run a read-only query; updates, SERVICE, LOAD and syntax errors become a one-line :class:`QueryError`."""
    check_query(text, where)
    try:
        return store.query(text)
    except SyntaxError as err:
        raise QueryError(where, syntax_message(str(err), text)) from None
    except (OSError, ValueError, RuntimeError) as err:
        raise QueryError(where, f"the query failed: {err}") from None


def prefixes_of(path: Path) -> dict[str, str]:
    """The ``@prefix`` declarations at the top of a Turtle/TriG file written by histkg."""
    head = path.read_text(encoding="utf-8")[:8192]
    return {prefix or "": namespace for prefix, namespace in _PREFIX_LINE.findall(head)}


def cell(term: Any, prefixes: dict[str, str]) -> str:
    """A term for the table: IRIs compacted (``id:Karl_Radek``), literals as their text.

    >>> cell(ox.NamedNode("https://histkg.org/id/Karl_Radek"), {"id": "https://histkg.org/id/"})
    'id:Karl_Radek'
    >>> cell(ox.Literal("a\\nb"), {}), cell(None, {})
    ('a b', '')
    """
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in prefixes.items():
            local = term.value[len(namespace):]
            if term.value.startswith(namespace) and re.fullmatch(r"[\w.%-]+", local or "-"):
                return f"{prefix}:{local}"
        return f"<{term.value}>"
    text = " ".join(str(term.value).split())
    return text if len(text) <= _MAX_CELL else text[:_MAX_CELL - 1] + "…"


def table(header: list[str], rows: Iterable[list[str]]) -> str:
    """A plain text table with aligned columns and a row count.

    >>> print(table(["a", "bb"], [["x", "y"]]), end="")
    a  bb
    -  --
    x  y
    (1 row)
    """
    body = list(rows)
    widths = [max([len(h), *(len(r[i]) for r in body)]) for i, h in enumerate(header)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    lines = [line(header), line(["-" * w for w in widths]), *(line(r) for r in body)]
    return "\n".join(lines) + f"\n({len(body)} row{'s' if len(body) != 1 else ''})\n"


def format_result(result: Any, fmt: str = "table", prefixes: dict[str, str] | None = None) -> str:
    """SELECT/ASK results as ``table``, W3C SPARQL ``csv`` or ``json``; graphs as N-Triples."""
    if fmt not in FORMATS:
        raise QueryError("--format", f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if isinstance(result, ox.QueryTriples):
        return result.serialize(format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    if isinstance(result, ox.QueryBoolean) and fmt != "json":
        return ("true" if bool(result) else "false") + "\n"
    if fmt != "table":
        kind = ox.QueryResultsFormat.CSV if fmt == "csv" else ox.QueryResultsFormat.JSON
        text = result.serialize(format=kind).decode("utf-8")
        return text.replace("\r\n", "\n") if fmt == "csv" else text + "\n"
    names = [v.value for v in result.variables]
    rows = ([cell(row[n], prefixes or {}) for n in names] for row in result)
    return table(names, rows)


def answer(out_dir: str | Path, text: str, where: str = "query", fmt: str = "table") -> str:
    """Load a build folder and run one query in this process; the formatted answer."""
    store = load_store(out_dir)
    return format_result(execute(store, text, where), fmt, prefixes_of(graph_files(out_dir)[0]))


def run(out_dir: str | Path, query: str | None = None, file: str | Path | None = None,
        fmt: str = "table", timeout: float | None = DEFAULT_TIMEOUT) -> str:
    """Run one query on a build folder (what ``kg query`` prints), stopped after ``timeout`` s.

    The query runs in a child process (:mod:`kg.sparql.bounded`), so Ctrl-C and the timeout stop it,
    and the child can open no Internet socket (:mod:`kg.sparql.offline`).
    """
    from kg.sparql.bounded import run_bounded

    if timeout is not None and not (math.isfinite(timeout) and timeout >= 0):
        raise QueryError("--timeout", f"{timeout:g} is not a number of seconds; give one ≥ 0 (0: no limit)")
    text, where = query_text(query, file)
    check_query(text, where, engine_offline=True)  # checked again in the child, which is offline
    graph_files(out_dir)
    if fmt not in FORMATS:
        raise QueryError("--format", f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    return str(run_bounded(answer, (out_dir, text, where, fmt), timeout, offline=True))
