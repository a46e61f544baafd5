"""Field types of a relation rule (``kg/data/rule_fields.toml``), checked before compiling,
so that ``id = 5`` or ``confidence = "high"`` is a one-line error naming the field.

>>> check_field_types({"id": "a.b.v1", "confidence": "high"}, "r.toml", "a.b.v1")
Traceback (most recent call last):
...
kg.errors.RuleError: r.toml [a.b.v1]: field 'confidence': must be a number, not a string
"""

from __future__ import annotations

from typing import Any

from kg.data_files import load_toml
from kg.errors import RuleError

_NAMES = {str: "a string", int: "a number", float: "a number", bool: "true or false",
          list: "a list", dict: "a table"}


def _is_strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _fits(kind: str, value: Any) -> bool:
    checks = {
        "string": lambda v: isinstance(v, str),
        "strings": _is_strings,
        "string_or_strings": lambda v: isinstance(v, str) or _is_strings(v),
        "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
        "boolean": lambda v: isinstance(v, bool),
        "table": lambda v: isinstance(v, dict),
        "examples": lambda v: isinstance(v, dict) and all(_is_strings(x) for x in v.values()),
    }
    return checks[kind](value)


_WANTED = {"string": "a string", "strings": "a list of strings",
           "string_or_strings": "a string or a list of strings", "number": "a number",
           "boolean": "true or false", "table": "a table",
           "examples": "a table of lists of strings (examples.match = [...])"}


def check_field_types(raw: dict[str, Any], path: str, rule_id: str) -> None:
    """Raise :class:`RuleError` for the first field whose value has the wrong type."""
    fields = load_toml("rule_fields.toml")["fields"]
    for name, value in raw.items():
        kind = fields.get(name)
        if kind and not _fits(kind, value):
            found = _NAMES.get(type(value), type(value).__name__)
            raise RuleError(path, f"field '{name}': must be {_WANTED[kind]}, not {found}", rule_id)
