"""Domain errors of histkg.

The library raises these; only :mod:`kg.cli` turns them into messages and exit codes.
Every error names the file (and where useful the rule id or field) it is about.
"""

from __future__ import annotations


def one_line(text: str) -> str:
    """``text`` with control characters (a newline in a file name) shown as escapes.

    >>> one_line("a\\nb.txt: cannot be read")
    'a\\\\nb.txt: cannot be read'
    """
    return "".join(ch if ch.isprintable() or ch == " " else ascii(ch)[1:-1] for ch in text)


class KGError(Exception):
    """Base class of every error histkg raises on purpose."""

    exit_code = 1


class InputError(KGError):
    """A source file cannot be read: missing, binary, empty, undecodable, wrong format."""

    exit_code = 2

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class DataFileError(KGError):
    """A data file (gazetteer, rule file, label map) is malformed."""

    exit_code = 3

    def __init__(self, path: str, problem: str, item: str | None = None) -> None:
        where = f"{path} [{item}]" if item else path
        super().__init__(f"{where}: {problem}")
        self.path = path
        self.item = item
        self.problem = problem


class RuleError(DataFileError):
    """A relation rule is malformed; names the file, the rule id and the field."""


class GazetteerError(DataFileError):
    """A gazetteer entry is malformed; names the file and the line or entry id."""


class CurationError(DataFileError):
    """A curation file (``curation.toml``) is malformed; names the file and the line."""

    def __init__(self, path: str, problem: str, line: int | None = None) -> None:
        super().__init__(path, problem, f"line {line}" if line else None)
        self.line = line


class CalibrationError(DataFileError):
    """The calibration file (``kg/data/calibration.toml``) is malformed; names the file and
    the entry (``rule.ID``, ``predicate.NAME``, ``via.KIND``) and the field."""


class ModelError(KGError):
    """The spaCy pipeline asked for is not installed or cannot be loaded."""

    exit_code = 4


class GoldError(DataFileError):
    """A gold annotation file for ``kg evaluate`` is malformed."""


class OutputError(KGError):
    """A build folder lacks a file a command needs (``graph.trig``, ``graph.ttl``)."""

    exit_code = 2

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class QueryError(KGError):
    """A SPARQL query is malformed or cannot run; the message is one line."""

    exit_code = 2

    def __init__(self, where: str, problem: str) -> None:
        one_line = " ".join(problem.split())
        super().__init__(f"{where}: {one_line}")
        self.where = where
        self.problem = one_line


class BaseIRIError(KGError, ValueError):
    """The ``--base`` IRI of the RDF output is not an absolute http(s) IRI ending in / or #."""

    exit_code = 2


class ServerError(KGError):
    """The SPARQL endpoint cannot be started (no ``oxigraph`` command, port in use …)."""

    exit_code = 5


class ClusterError(KGError):
    """A Dask cluster cannot be used: Dask missing, scheduler unreachable, workers lost."""

    exit_code = 5


class PushError(KGError):
    """A build cannot be pushed to a triplestore: bad URL, refused request, no graph.trig."""

    exit_code = 5


class QueryTimeout(KGError):
    """A query ran past its ``--timeout`` (or its client went away) and was stopped."""

    exit_code = 6


class OutputWriteError(KGError):
    """The output folder cannot be written: a file in its place, no permission, disk full …"""

    exit_code = 7

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class NothingBuilt(KGError):
    """No input file could be read: the existing build (if any) is kept as it was."""

    exit_code = 8


class UsageError(KGError):
    """An option has a value it cannot have (``--max-nodes -5``, ``--port 99999`` …)."""

    exit_code = 2
