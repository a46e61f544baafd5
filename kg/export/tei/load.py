"""A finished build folder as a :class:`~kg.export.tei.corpus.Corpus`: report.json, the three
CSV tables, and the input files read again (from the paths report.json names, relative to the
folder the build ran in) — reading is quick, and gives the passages the build read.

An input that is missing, or that changed since the build (a mention's text is no longer at
its offsets), stops the export with one line naming it.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path, PurePosixPath
from typing import Any

from kg.errors import InputError, OutputError
from kg.export.tei.corpus import Corpus, MentionRow, entity_row, mention_row, provenance, relation_row
from kg.export.tables import ENTITY_COLUMNS, MENTION_COLUMNS, RELATION_COLUMNS
from kg.model import Document
from kg.read import load_text, read_file


def _table(path: Path, columns: list[str]) -> list[list[str]]:
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            return [[row.get(c) or "" for c in columns] for row in csv.DictReader(fh)]
    except FileNotFoundError:
        raise OutputError(str(path), "not found; run `kg build ... --out DIR` first") from None


def _report(folder: Path) -> dict[str, Any]:
    path = folder / "report.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise OutputError(str(path), "not found; run `kg build ... --out DIR` first") from None
    except (OSError, ValueError) as err:
        raise OutputError(str(path), f"cannot read: {err}") from None


def _names(inputs: list[str], summaries: list[dict[str, Any]]) -> dict[str, tuple[str, str]]:
    """Input path → (source name, id base), from report.json's documents (the source name is
    the end of the path)."""
    bases = {d["file"]: re.sub(r"-\d+$", "", d["id"]) for d in summaries}
    names = {}
    for path in inputs:
        posix = PurePosixPath(Path(path).as_posix())
        hits = [s for s in bases if posix.as_posix() == s or posix.as_posix().endswith("/" + s)]
        if hits:
            source = max(hits, key=len)
            names[path] = (source, bases[source])
    return names


def _check(path: str, text: str, mentions: list[MentionRow]) -> None:
    for m in mentions:
        if text[m.start:m.end] != m.text:
            raise InputError(path, f"changed since the build (characters {m.start}–{m.end} no longer "
                                   f"read {m.text!r}); build again before exporting")


def _documents(report: dict[str, Any], mentions: list[MentionRow]) -> list[Document]:
    by_source: dict[str, list[MentionRow]] = {}
    for m in mentions:
        by_source.setdefault(m.source, []).append(m)
    docs: list[Document] = []
    for path, (source, base) in _names(report.get("inputs") or [], report.get("documents") or []).items():
        if not Path(path).is_file():
            raise InputError(path, "named in report.json is missing (run kg export tei from the "
                                   "folder the build ran in)")
        _check(path, load_text(path), by_source.get(source, []))
        docs += read_file(path, source, base)
    wanted = {d["id"] for d in report.get("documents") or []}
    return [d for d in docs if d.id in wanted]


def load_corpus(build_dir: str | Path) -> Corpus:
    """The corpus of a finished build folder."""
    folder = Path(build_dir)
    report = _report(folder)
    entities = [entity_row(r) for r in _table(folder / "entities.csv", ENTITY_COLUMNS)]
    mentions = [mention_row(r) for r in _table(folder / "mentions.csv", MENTION_COLUMNS)]
    relations = [relation_row(r) for r in _table(folder / "relations.csv", RELATION_COLUMNS)]
    summaries = {d["id"]: d for d in report.get("documents") or []}
    return Corpus(_documents(report, mentions), summaries, {e.id: e for e in entities}, mentions,
                  relations, provenance(report))
