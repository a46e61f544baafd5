"""Load and validate gold annotation files (``tests/gold/*.json``).

Every problem is reported as :class:`kg.errors.GoldError` naming the file and the
item (``mentions[3]``) it is about.

>>> import json, tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "g.json").write_text(json.dumps({"doc": "a.txt", "entities": [
...     {"id": "X", "type": "PERSON", "names": ["Koba"]}]}))
>>> [g.doc for g in load_gold([d / "g.json"])]
['a.txt']
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import GoldError
from kg.model import ENTITY_TYPES

OBJECT_TYPES: tuple[str, ...] = ("entity", "date", "literal")


@dataclass(slots=True)
class GoldEntity:
    """A gold entity; ``id`` is global across gold files."""

    id: str
    type: str
    names: list[str]


@dataclass(slots=True)
class GoldMention:
    """A gold mention span (file offsets)."""

    entity: str
    text: str
    start: int
    end: int
    nominal: bool = False


@dataclass(slots=True)
class GoldRelation:
    """A gold relation between an entity and an entity, a date or a literal."""

    subject: str
    predicate: str
    object: str
    object_type: str
    optional: bool = False


@dataclass(slots=True)
class GoldDate:
    """A gold date expression; ``type`` is set for durations / relative dates."""

    text: str
    value: str
    start: int
    end: int
    type: str | None = None
    in_name: bool = False


@dataclass(slots=True)
class GoldDoc:
    """Everything one gold file annotates about one source file."""

    path: str
    doc: str
    entities: dict[str, GoldEntity] = field(default_factory=dict)
    mentions: list[GoldMention] = field(default_factory=list)
    relations: list[GoldRelation] = field(default_factory=list)
    dates: list[GoldDate] = field(default_factory=list)
    debris: list[tuple[int, int]] = field(default_factory=list)


def expand_gold_paths(paths: list[str | Path]) -> list[Path]:
    """Files as given; a directory stands for the ``*.json`` files in it, sorted."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(p.glob("*.json"))
            if not found:
                raise GoldError(str(p), "directory holds no *.json gold files")
            out.extend(found)
        else:
            out.append(p)
    if not out:
        raise GoldError("(none)", "no gold files given")
    return out


def load_gold(paths: list[str | Path]) -> list[GoldDoc]:
    """Read and validate gold files; entity ids may be shared across files."""
    docs = [_load_one(p) for p in expand_gold_paths(paths)]
    seen: dict[str, str] = {}
    for g in docs:
        if g.doc in seen:
            raise GoldError(g.path, f"doc {g.doc!r} is already annotated in {seen[g.doc]}")
        seen[g.doc] = g.path
    known = {eid for g in docs for eid in g.entities}
    for g in docs:
        _check_references(g, known)
    return docs


def _load_one(path: Path) -> GoldDoc:
    name = str(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GoldError(name, f"cannot read: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldError(name, f"not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise GoldError(name, "top level must be a JSON object")
    doc = _get(data, "doc", str, name, "doc")
    gold = GoldDoc(path=name, doc=Path(doc).name)
    for i, raw in enumerate(_list(data, "entities", name)):
        ent = _entity(raw, name, f"entities[{i}]")
        gold.entities[ent.id] = ent
    gold.mentions = [_mention(r, name, f"mentions[{i}]")
                     for i, r in enumerate(_list(data, "mentions", name))]
    gold.relations = [_relation(r, name, f"relations[{i}]", set(gold.entities))
                      for i, r in enumerate(_list(data, "relations", name))]
    gold.dates = [_date(r, name, f"dates[{i}]") for i, r in enumerate(_list(data, "dates", name))]
    gold.debris = [_span(r, name, f"debris[{i}]") for i, r in enumerate(_list(data, "debris", name))]
    return gold


def _list(data: dict[str, Any], key: str, path: str) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise GoldError(path, f"{key!r} must be a list", key)
    return value


def _get(obj: Any, key: str, kind: type, path: str, item: str, default: Any = ...) -> Any:
    if not isinstance(obj, dict):
        raise GoldError(path, "must be a JSON object", item)
    if key not in obj or obj[key] is None:
        if default is not ...:
            return default
        raise GoldError(path, f"missing {key!r}", item)
    value = obj[key]
    if kind is int and isinstance(value, bool) or not isinstance(value, kind):
        raise GoldError(path, f"{key!r} must be of type {kind.__name__}", item)
    return value


def _span(obj: Any, path: str, item: str) -> tuple[int, int]:
    start = _get(obj, "start", int, path, item)
    end = _get(obj, "end", int, path, item)
    if not 0 <= start <= end:
        raise GoldError(path, f"bad span {start}-{end}", item)
    return start, end


def _entity(obj: Any, path: str, item: str) -> GoldEntity:
    eid = _get(obj, "id", str, path, item)
    etype = _get(obj, "type", str, path, item)
    if etype not in ENTITY_TYPES:
        raise GoldError(path, f"unknown entity type {etype!r}", item)
    names = _get(obj, "names", list, path, item, [])
    if not all(isinstance(n, str) for n in names):
        raise GoldError(path, "'names' must be a list of strings", item)
    canonical = _get(obj, "canonical", str, path, item, None)
    return GoldEntity(eid, etype, names + ([canonical] if canonical else []))


def _mention(obj: Any, path: str, item: str) -> GoldMention:
    start, end = _span(obj, path, item)
    return GoldMention(
        entity=_get(obj, "entity", str, path, item),
        text=_get(obj, "text", str, path, item, ""),
        start=start,
        end=end,
        nominal=bool(_get(obj, "nominal", bool, path, item, False)),
    )


_ISO_DATE = re.compile(r"^-?\d{4}(-\d{2}(-\d{2})?)?$")


def infer_object_type(obj: str, entity_ids: set[str]) -> str:
    """The ``object_type`` of a relation that does not state it (gold-dev files):
    a declared entity id, else an ISO date, else a literal.

    >>> infer_object_type("Red_Army", {"Red_Army"}), infer_object_type("1937-09", set())
    ('entity', 'date')
    >>> infer_object_type("ten years", set())
    'literal'
    """
    if obj in entity_ids:
        return "entity"
    return "date" if _ISO_DATE.match(obj) else "literal"


def _relation(obj: Any, path: str, item: str, entity_ids: set[str]) -> GoldRelation:
    inferred = infer_object_type(_get(obj, "object", str, path, item), entity_ids)
    otype = _get(obj, "object_type", str, path, item, inferred)
    if otype not in OBJECT_TYPES:
        raise GoldError(path, f"object_type must be one of {', '.join(OBJECT_TYPES)}", item)
    return GoldRelation(
        subject=_get(obj, "subject", str, path, item),
        predicate=_get(obj, "predicate", str, path, item),
        object=_get(obj, "object", str, path, item),
        object_type=otype,
        optional=bool(_get(obj, "optional", bool, path, item, False)),
    )


def _date(obj: Any, path: str, item: str) -> GoldDate:
    start, end = _span(obj, path, item)
    return GoldDate(
        text=_get(obj, "text", str, path, item, ""),
        value=_get(obj, "value", str, path, item),
        start=start,
        end=end,
        type=_get(obj, "type", str, path, item, None),
        in_name=bool(_get(obj, "in_name", bool, path, item, False)),
    )


def _check_references(gold: GoldDoc, known: set[str]) -> None:
    for i, m in enumerate(gold.mentions):
        if m.entity not in known:
            raise GoldError(gold.path, f"unknown entity {m.entity!r}", f"mentions[{i}]")
    for i, r in enumerate(gold.relations):
        ids = [r.subject] + ([r.object] if r.object_type == "entity" else [])
        for eid in ids:
            if eid not in known:
                raise GoldError(gold.path, f"unknown entity {eid!r}", f"relations[{i}]")
