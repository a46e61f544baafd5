"""Read and validate a curation file (``curation.toml``, format version 1).

The format (kinds, fields, types, allowed values) is data: ``kg/data/curation.toml``.
Every error is a :class:`~kg.errors.CurationError` naming the file and the line.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "curation.toml"
>>> _ = path.write_text('version = 1\\n\\n[[relabel]]\\nentity = "Koba"\\nlabel = "Stalin"\\n'
...                     'by = "A. Historian"\\ndate = 2026-12-02\\n', encoding="utf-8")
>>> [(d.kind, d.line, d.fields["label"], d.date) for d in load_curation(path)]
[('relabel', 3, 'Stalin', '2026-12-02')]
>>> _ = path.write_text('version = 1\\n[[relabel]]\\nentity = "Koba"\\nby = "A"\\ndate = 2026-12-02\\n')
>>> load_curation(path)
Traceback (most recent call last):
...
kg.errors.CurationError: ...curation.toml [line 2]: relabel: missing field 'label'
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.data_files import load_toml, read_toml_text
from kg.errors import CurationError

_HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z_]+)\s*\]\]")
_TABLE = re.compile(r"^\s*\[\s*([A-Za-z_]+)\s*\]")
_AT_LINE = re.compile(r"at line (\d+)")


@dataclass(frozen=True, slots=True)
class Decision:
    """One decision of a curation file: its kind, fields, who, when, why, and where."""

    kind: str
    fields: dict[str, Any] = field(hash=False)
    by: str
    date: str
    note: str
    file: str
    line: int

    def get(self, name: str, default: Any = None) -> Any:
        """A field's value, or ``default`` when the decision does not give it."""
        return self.fields.get(name, default)


@lru_cache(maxsize=1)
def file_format() -> dict[str, Any]:
    """The format description ``kg/data/curation.toml``."""
    return load_toml("curation.toml")


def format_version() -> int:
    """The curation format version this histkg reads and writes."""
    return int(file_format()["version"])


def load_curation(path: str | Path) -> list[Decision]:
    """Every decision of a curation file, in file order; raises :class:`CurationError`."""
    text = _read(Path(path))
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        found = _AT_LINE.search(str(err))
        raise CurationError(str(path), f"invalid TOML: {err}",
                            int(found.group(1)) if found else None) from None
    lines = _Lines(text)
    _check_version(data, str(path), lines)
    decisions = []
    for kind, entries in data.items():
        if kind != "version":
            decisions += _decisions(kind, entries, str(path), lines)
    return sorted(decisions, key=lambda d: d.line)


def _read(path: Path) -> str:
    try:
        return read_toml_text(path)
    except FileNotFoundError:
        raise CurationError(str(path), "file not found") from None
    except (UnicodeDecodeError, OSError, ValueError) as err:
        raise CurationError(str(path), f"cannot read: {err}") from None


class _Lines:
    """Line numbers of the ``[[kind]]`` headers and ``key =`` lines of a file.

    Each ``key =`` is found by a binary search in the lines that set that key (listed once
    per key), so a file of thousands of decisions — inline arrays included — loads in
    linear time.
    """

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.headers: dict[str, list[int]] = {}
        self.tables: dict[str, int] = {}  # [name] written by mistake for [[name]]
        for number, line in enumerate(self.lines, 1):
            found, table = _HEADER.match(line), _TABLE.match(line)
            if found:
                self.headers.setdefault(found.group(1), []).append(number)
            elif table:
                self.tables.setdefault(table.group(1), number)
        self.any_header = sorted(n for numbers in self.headers.values() for n in numbers)
        self.setting: dict[str, list[int]] = {}  # key → the lines that set it

    def entry(self, kind: str, index: int) -> int | None:
        """The line of the ``index``-th ``[[kind]]`` (or of ``kind =`` for inline arrays)."""
        found = self.headers.get(kind, [])
        return found[index] if index < len(found) else self.tables.get(kind) or self.key(kind, 0)

    def key(self, name: str, after: int | None) -> int | None:
        """The first line from ``after`` on that sets ``name`` (before the next ``[[…]]``
        header); the whole file when ``after`` is None. ``after`` when not found."""
        if name not in self.setting:
            pattern = re.compile(rf"^\s*\"?{re.escape(name)}\"?\s*=")
            self.setting[name] = [n for n, line in enumerate(self.lines, 1) if pattern.match(line)]
        numbers = self.setting[name]
        found = bisect.bisect_left(numbers, after or 1)
        if found == len(numbers):
            return after
        number = numbers[found]
        header = bisect.bisect_right(self.any_header, after or 0)
        if after and header < len(self.any_header) and self.any_header[header] < number:
            return after  # the next decision begins before it
        return number


def _check_version(data: dict[str, Any], path: str, lines: _Lines) -> None:
    version = data.get("version")
    if version is None:
        raise CurationError(path, f"missing 'version = {format_version()}' at the top", 1)
    if version != format_version():
        raise CurationError(path, f"unsupported version {version!r}: this histkg reads "
                            f"version {format_version()}", lines.key("version", None))


def _decisions(kind: str, entries: Any, path: str, lines: _Lines) -> list[Decision]:
    kinds = file_format()["kinds"]
    if kind not in kinds:
        raise CurationError(path, f"unknown decision kind {kind!r} (known: "
                            f"{', '.join(sorted(kinds))})", lines.entry(kind, 0) or lines.key(kind, None))
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise CurationError(path, f"{kind}: write each decision as a [[{kind}]] table",
                            lines.entry(kind, 0))
    return [_decision(kind, entry, path, lines.entry(kind, i) or 1, lines)
            for i, entry in enumerate(entries)]


def _decision(kind: str, entry: dict[str, Any], path: str, line: int,
              lines: _Lines) -> Decision:
    spec, common = file_format()["kinds"][kind], file_format()["common"]
    allowed = {*spec["required"], *spec["optional"], *common["required"], *common["optional"]}
    for name in entry:
        if name not in allowed:
            raise CurationError(path, f"{kind}: unknown field {name!r} (allowed: "
                                f"{', '.join(sorted(allowed))})", lines.key(name, line))
    for name in [*common["required"], *spec["required"]]:
        if name not in entry:
            raise CurationError(path, f"{kind}: missing field {name!r}", line)
    values = {name: _value(kind, name, value, path, lines.key(name, line))
              for name, value in entry.items()}
    if kind == "add":
        _check_add(values, path, lines, line)
    by, date, note = values.pop("by"), values.pop("date"), values.pop("note", "")
    return Decision(kind, values, by, date, note, path, line)


def _check_add(values: dict[str, Any], path: str, lines: _Lines, line: int) -> None:
    """An added relation names a known predicate, and a date object is an EDTF date."""
    from kg.dates import bounds
    from kg.link.rules import predicate_problem

    why = predicate_problem(values["predicate"])
    if why:
        raise CurationError(path, f"add: {why}", lines.key("predicate", line))
    if values.get("object_kind") == "date" and bounds(values["object"]).earliest is None:
        raise CurationError(path, f"add: object {values['object']!r} is not a date; write it in EDTF "
                            "(1918, 1918-03, 1918-03-03, 1918-03/1918-05, 191X)", lines.key("object", line))


def _value(kind: str, name: str, value: Any, path: str, line: int | None) -> Any:
    expected = file_format()["fields"][name]
    checked = _CHECKS[expected](value)
    if checked is None:
        raise CurationError(path, f"{kind}: {name} must be {_DESCRIBE[expected]}, not {value!r}", line)
    choices = file_format()["choices"].get(name)
    if choices and checked not in choices:
        raise CurationError(path, f"{kind}: {name} must be one of {', '.join(choices)}, "
                            f"not {checked!r}", line)
    return checked


def _string(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _strings(value: Any) -> list[str] | None:
    if isinstance(value, list) and value and all(_string(v) for v in value):
        return [v.strip() for v in value]
    return None


def _mentions(value: Any) -> list[tuple[str, int, int]] | None:
    if not isinstance(value, list) or not value:
        return None
    out = []
    for item in value:
        ok = isinstance(item, dict) and set(item) == {"document", "start", "end"}
        if not ok or not _string(item["document"]) or not all(
                isinstance(item[k], int) and item[k] >= 0 for k in ("start", "end")):
            return None
        out.append((item["document"].strip(), item["start"], item["end"]))
    return out


def _date(value: Any) -> str | None:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(value).isoformat() if isinstance(value, str) else None
    except ValueError:
        return None


_CHECKS = {"string": _string, "strings": _strings, "mentions": _mentions, "date": _date}
_DESCRIBE = {"string": "a non-empty string", "strings": "a non-empty list of strings",
             "mentions": "a list of {document, start, end} tables",
             "date": "a date written YYYY-MM-DD"}
