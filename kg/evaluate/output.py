"""Read the tables a ``kg build`` wrote (``mentions.csv``, ``entities.csv``,
``relations.csv`` and optionally ``report.json``) for scoring.

A missing or malformed table raises :class:`kg.errors.InputError` naming the file.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "mentions.csv").write_text("doc,start,end,text,type,entity\\na.txt,0,4,Koba,PERSON,e1\\n")
>>> _ = (d / "entities.csv").write_text("id,type,label,aliases,wikidata\\ne1,PERSON,Stalin,Koba|Soso,Q855\\n")
>>> _ = (d / "relations.csv").write_text("doc,subject,predicate,object\\n")
>>> out = load_output(d)
>>> out.mentions[0].text, out.entities["e1"].aliases
('Koba', ['Koba', 'Soso'])
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import InputError

MENTION_COLUMNS = ("doc", "start", "end", "text", "type", "entity")
ENTITY_COLUMNS = ("id", "type", "label")
RELATION_COLUMNS = ("doc", "subject", "predicate", "object")


@dataclass(slots=True)
class PredMention:
    """One row of ``mentions.csv``."""

    doc: str
    start: int
    end: int
    text: str
    type: str
    entity: str
    value: str = ""


@dataclass(slots=True)
class PredEntity:
    """One row of ``entities.csv``."""

    id: str
    type: str
    label: str
    aliases: list[str] = field(default_factory=list)


@dataclass(slots=True)
class PredFact:
    """A distinct ``(doc, subject, predicate, object)`` of ``relations.csv`` (rows of
    uncertain relations, ``review`` = ``uncertain``, are not facts of the graph)."""

    doc: str
    subject: str
    predicate: str
    object: str
    rules: tuple[str, ...] = ()  # the rule ids that produced it (relations.csv ``rule``)


@dataclass(slots=True)
class BuildOutput:
    """The parts of a build's output that the scorer reads."""

    path: str
    mentions: list[PredMention]
    entities: dict[str, PredEntity]
    facts: list[PredFact]
    report: dict[str, Any] | None = None


def load_output(out_dir: str | Path) -> BuildOutput:
    """Load the build tables of ``out_dir``; ``report.json`` is optional."""
    root = Path(out_dir)
    if not root.is_dir():
        raise InputError(str(root), "output directory not found")
    return BuildOutput(
        path=str(root),
        mentions=_mentions(root / "mentions.csv"),
        entities=_entities(root / "entities.csv"),
        facts=_facts(root / "relations.csv"),
        report=_report(root / "report.json"),
    )


def _rows(path: Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """``(line number, row)`` pairs of a CSV file that must have ``required`` columns."""
    if not path.is_file():
        raise InputError(str(path), "file not found (was `kg build` run with this --out?)")
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            header = reader.fieldnames or []
            missing = [c for c in required if c not in header]
            if missing:
                raise InputError(str(path), f"missing column(s): {', '.join(missing)}")
            return [(reader.line_num, {k: (v or "") for k, v in row.items() if k})
                    for row in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(str(path), f"cannot read as UTF-8 CSV: {exc}") from None


def _int(value: str, path: Path, line: int, column: str) -> int:
    try:
        return int(value.strip())
    except ValueError:
        raise InputError(str(path), f"line {line}: {column} {value!r} is not an integer") from None


def _mentions(path: Path) -> list[PredMention]:
    out: list[PredMention] = []
    for line, row in _rows(path, MENTION_COLUMNS):
        start = _int(row["start"], path, line, "start")
        end = _int(row["end"], path, line, "end")
        if not 0 <= start <= end:
            raise InputError(str(path), f"line {line}: bad span {start}-{end}")
        out.append(PredMention(
            doc=Path(row["doc"].strip()).name, start=start, end=end, text=row["text"],
            type=row["type"].strip().upper(), entity=row["entity"].strip(),
            value=row.get("value", "").strip(),
        ))
    return out


def _entities(path: Path) -> dict[str, PredEntity]:
    out: dict[str, PredEntity] = {}
    for _line, row in _rows(path, ENTITY_COLUMNS):
        aliases = [a.strip() for a in row.get("aliases", "").split("|") if a.strip()]
        eid = row["id"].strip()
        out[eid] = PredEntity(eid, row["type"].strip().upper(), row["label"].strip(), aliases)
    return out


def _facts(path: Path) -> list[PredFact]:
    seen: dict[tuple[str, str, str, str], PredFact] = {}
    for _line, row in _rows(path, RELATION_COLUMNS):
        if row.get("review", "").strip() == "uncertain":
            continue  # kept by --keep-uncertain, not stated by the graph
        key = (Path(row["doc"].strip()).name, row["subject"].strip(),
               row["predicate"].strip(), row["object"].strip())
        fact = seen.setdefault(key, PredFact(*key))
        rule = row.get("rule", "").strip()
        if rule and rule not in fact.rules:
            fact.rules = tuple(sorted((*fact.rules, rule)))
    return list(seen.values())


def _report(path: Path) -> dict[str, Any] | None:
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(str(path), f"not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise InputError(str(path), "top level must be a JSON object")
    return data
