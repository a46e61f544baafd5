"""Reading external gold files line by line (HIPE TSV / JSONL, Re-DocRED JSONL).

Every problem is reported as :class:`kg.errors.GoldError` naming the file (and the
line, for a record that cannot be parsed).

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "g.jsonl"
>>> _ = p.write_text('{"a": 1}\\n\\n{"a": 2}\\n')
>>> list(read_jsonl(p, "test record", lambda item, n: (n, item["a"])))
[(1, 1), (3, 2)]
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from kg.errors import GoldError

T = TypeVar("T")

#: what a malformed JSONL record can raise while it is being parsed
RECORD_ERRORS = (json.JSONDecodeError, KeyError, TypeError, ValueError)


def read_lines(path: Path, error: str = "cannot read") -> list[str]:
    """The lines of a UTF-8 text file; ``GoldError(path, f"{error}: …")`` if unreadable."""
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(str(path), f"{error}: {exc}") from None


def read_jsonl(path: Path, what: str, parse: Callable[[Any, int], T],
               error: str = "cannot read") -> Iterator[T]:
    """``parse(record, line number)`` of each non-blank line of a JSONL file, lazily.

    A record that is not JSON, or that ``parse`` rejects with a ``KeyError``,
    ``TypeError`` or ``ValueError``, raises ``GoldError(path, "line N: not a {what} (…)")``.
    """
    for n, line in enumerate(read_lines(path, error), start=1):
        if not line.strip():
            continue
        try:
            result = parse(json.loads(line), n)
        except RECORD_ERRORS as exc:
            raise GoldError(str(path), f"line {n}: not a {what} ({exc})") from None
        yield result
