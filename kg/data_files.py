"""Locate and load histkg's data files (``kg/data/``) with errors that name the file.

>>> load_toml("dates.toml")["months"]["december"]
12
"""

from __future__ import annotations

import json
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from kg.errors import DataFileError

DATA_DIR = Path(__file__).parent / "data"
MAX_TOML_BYTES = 64 << 20  # a rule or curation file larger than this is refused


def data_path(name: str) -> Path:
    """Path of a file shipped in ``kg/data/``."""
    return DATA_DIR / name


def load_toml(name: str | Path) -> dict[str, Any]:
    """Parse a TOML data file (a name inside ``kg/data/`` or any path); cached until the
    file changes."""
    path = Path(name) if Path(name).is_absolute() else data_path(str(name))
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        stamp = 0
    return _load_toml(path, stamp)


def word_list(name: str, *keys: str) -> frozenset[str]:
    """The non-empty list of words at ``keys`` (tables, then the list) of a TOML data file,
    or a :class:`DataFileError` naming the file and the key.

    >>> "party" in word_list("labels.toml", "org", "kind_nouns")
    True
    """
    table: Any = load_toml(name)
    for key in keys:
        table = table.get(key) if isinstance(table, dict) else None
    if not isinstance(table, list) or not table or not all(isinstance(w, str) for w in table):
        raise DataFileError(f"kg/data/{name}", "expected a non-empty list of words", ".".join(keys))
    return frozenset(table)


def read_toml_text(path: Path, limit: int = MAX_TOML_BYTES) -> str:
    """The text of a TOML file written by a person: UTF-8 with or without a byte order mark,
    at most ``limit`` bytes (``/dev/zero`` is not read until memory runs out).

    Raises :class:`OSError`, :class:`UnicodeDecodeError`, or :class:`ValueError` when too long.
    """
    with path.open("rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"longer than {limit // (1 << 20)} MiB: not a file histkg reads")
    return data.decode("utf-8-sig")


@lru_cache(maxsize=64)
def _load_toml(path: Path, stamp: int) -> dict[str, Any]:
    try:
        return tomllib.loads(read_toml_text(path))
    except FileNotFoundError:
        raise DataFileError(str(path), "file not found") from None
    except tomllib.TOMLDecodeError as err:
        raise DataFileError(str(path), f"invalid TOML: {err}") from None
    except UnicodeDecodeError as err:
        raise DataFileError(str(path), f"not UTF-8 text (byte {err.start}); save it as UTF-8") from None
    except IsADirectoryError:
        raise DataFileError(str(path), "is a folder, not a TOML file") from None
    except OSError as err:
        raise DataFileError(str(path), f"cannot read: {err.strerror or err}") from None
    except ValueError as err:
        raise DataFileError(str(path), str(err)) from None


def iter_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line number, object)`` for each non-blank line of a JSON Lines file."""
    try:
        lines = path.read_text(encoding="utf-8").split("\n")  # not splitlines: U+2028 may be in a string
    except (OSError, UnicodeDecodeError) as err:
        raise DataFileError(str(path), f"cannot read: {err}") from None
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            raise DataFileError(str(path), f"invalid JSON: {err.msg}", f"line {number}") from None
        if not isinstance(obj, dict):
            raise DataFileError(str(path), "each line must be a JSON object", f"line {number}")
        yield number, obj
