"""Read HIPE-2022 gold: the original TSV (IOB column ``NE-COARSE-LIT``) or derived JSONL.

Document texts are rebuilt from the TSV tokens the way the corpus' ``.txt`` files were
made (a space after each token unless ``NoSpaceAfter``, a newline at ``EndOfLine``;
tokens starting with ``#`` are skipped, as the scorer's reader does). With JSONL gold
(``doc_id``, ``text``, ``entities`` with character offsets) the tokens are approximated
(runs of word characters, single other characters, split at gold entity edges).

>>> _iob_entities(["B-pers", "I-pers", "O", "S-loc", "I-loc"])
[('pers', 0, 1), ('loc', 3, 3), ('loc', 4, 4)]
>>> _approx_tokens("Mr. Smith", [(4, 7, "pers")])
[(0, 2), (2, 3), (4, 7), (7, 9)]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import GoldError
from kg.evaluate.gold_io import read_jsonl, read_lines

#: topres19th annotates toponyms only (LOC, BUILDING, STREET): all scored as ``loc``
GOLD_TYPE_MAP: dict[str, str] = {"LOC": "loc", "BUILDING": "loc", "STREET": "loc"}
TAG_COLUMN = "NE-COARSE-LIT"
GOLD_SUFFIXES = frozenset({".tsv", ".jsonl"})

Ent = tuple[str, int, int]  # type, first token, last token (inclusive)
CharSpan = tuple[int, int, str]  # start, end, type


@dataclass(slots=True)
class HipeDoc:
    """One gold document: id, text, token character spans and gold entities."""

    doc_id: str
    text: str
    tokens: list[tuple[int, int]]
    entities: list[Ent]


def load_hipe(paths: Iterable[str | Path]) -> list[HipeDoc]:
    """Gold documents of HIPE ``.tsv`` or derived ``.jsonl`` files (or folders of them)."""
    docs: list[HipeDoc] = []
    for path in expand_hipe_paths(paths):
        docs += _read_tsv(path) if path.suffix.lower() == ".tsv" else _read_jsonl(path)
    seen = Counter(d.doc_id for d in docs)
    dup = [d for d, n in seen.items() if n > 1]
    if dup:
        raise GoldError(str(dup[0]), "document given twice in the HIPE gold")
    return docs


def expand_hipe_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; a directory stands for the ``.tsv`` / ``.jsonl`` files in it."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out += sorted(q for q in p.iterdir() if q.suffix.lower() in GOLD_SUFFIXES)
        elif p.is_file():
            out.append(p)
        else:
            raise GoldError(str(p), "HIPE gold file not found")
    if not out:
        raise GoldError(", ".join(map(str, paths)), "no .tsv or .jsonl HIPE gold files")
    return out


def _gold_type(tag: str) -> str:
    return GOLD_TYPE_MAP.get(tag, tag.lower())


# -- TSV -------------------------------------------------------------------------------


def _tsv_header(path: Path, lines: Sequence[str]) -> list[str]:
    """The column names of a HIPE TSV file, checked for ``TOKEN`` and the tag column."""
    if not lines or "TOKEN" not in lines[0].split("\t"):
        raise GoldError(str(path), "not a HIPE TSV file (no TOKEN header)")
    header = lines[0].split("\t")
    if TAG_COLUMN not in header:
        raise GoldError(str(path), f"no {TAG_COLUMN} column")
    return header


def _is_doc_start(line: str) -> bool:
    return line.startswith("# hipe2022:document_id") or line.startswith("# document_id")


class _TsvDoc:
    """The document being read: its id, text parts, token spans and tags."""

    def __init__(self, doc_id: str = "") -> None:
        self.doc_id = doc_id
        self.parts: list[str] = []
        self.tokens: list[tuple[int, int]] = []
        self.tags: list[str] = []

    def add(self, token: str, misc: Sequence[str], tag: str) -> None:
        """Append a token, followed by the separator its ``MISC`` flags ask for."""
        start = sum(len(p) for p in self.parts)
        self.tokens.append((start, start + len(token)))
        sep = "\n" if "EndOfLine" in misc else "" if "NoSpaceAfter" in misc else " "
        self.parts.append(token + sep)
        self.tags.append(tag)

    def finish(self, path: Path, docs: list[HipeDoc]) -> None:
        """Append the document to ``docs`` unless it is empty and has no id."""
        if self.doc_id or self.tokens:
            docs.append(HipeDoc(self.doc_id or path.stem, "".join(self.parts),
                                list(self.tokens), _iob_entities(self.tags)))


def _read_tsv(path: Path) -> list[HipeDoc]:
    lines = read_lines(path)
    header = _tsv_header(path, lines)
    i_tag, i_misc = header.index(TAG_COLUMN), len(header) - 1
    docs: list[HipeDoc] = []
    cur = _TsvDoc()
    for n, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        if line.startswith("#"):  # comments; the scorer also skips '#' tokens
            if _is_doc_start(line):
                cur.finish(path, docs)
                cur = _TsvDoc(line.split("=", 1)[1].strip())
            continue
        cols = line.split("\t")
        if len(cols) <= max(i_tag, i_misc):
            raise GoldError(str(path), f"line {n}: expected {len(header)} columns")
        cur.add(cols[0], cols[i_misc].split("|"), cols[i_tag])
    cur.finish(path, docs)
    return docs


def _iob_entities(tags: Sequence[str]) -> list[Ent]:
    """Entities of an IOB(ES) tag column, as the scorer's ``collect_named_entities``."""
    ents: list[Ent] = []
    cur: list[Any] | None = None
    for i, raw in enumerate(tags):
        tag = raw.split("|")[0]
        if tag in {"O", "_", "-", ""}:
            cur = None
            continue
        prefix, _, etype = tag.partition("-")
        etype = _gold_type(etype or prefix)
        if cur is None or prefix in {"B", "S"} or cur[0] != etype:
            cur = [etype, i, i]
            ents.append(cur)  # type: ignore[arg-type]
        else:
            cur[2] = i
        if prefix in {"E", "S"}:
            cur = None
    return [tuple(e) for e in ents]  # type: ignore[misc]


# -- JSONL -----------------------------------------------------------------------------

_TOKEN = re.compile(r"\w+|[^\w\s]")


def _jsonl_fields(item: Any, _line: int) -> tuple[str, Any, list[CharSpan]]:
    """Id, text and entity character spans of one JSONL record."""
    doc_id, text = str(item["doc_id"]), item["text"]
    spans = [(int(e["start"]), int(e["end"]), _gold_type(str(e["type"])))
             for e in item.get("entities", [])]
    return doc_id, text, spans


def _read_jsonl(path: Path) -> list[HipeDoc]:
    docs: list[HipeDoc] = []
    for doc_id, text, spans in read_jsonl(path, "HIPE JSONL document", _jsonl_fields):
        tokens = _approx_tokens(text, spans)
        docs.append(HipeDoc(doc_id, text, tokens, char_to_tokens(tokens, spans)))
    return docs


def _approx_tokens(text: str, spans: list[CharSpan]) -> list[tuple[int, int]]:
    cuts = {s for s, _e, _t in spans} | {e for _s, e, _t in spans}
    tokens = []
    for m in _TOKEN.finditer(text):
        edges = [m.start(), *sorted(c for c in cuts if m.start() < c < m.end()), m.end()]
        tokens += list(zip(edges, edges[1:]))
    return tokens


def char_to_tokens(tokens: list[tuple[int, int]], spans: Iterable[CharSpan]) -> list[Ent]:
    """Token spans ``(type, first, last)`` of character spans (tokens they overlap)."""
    out = []
    for start, end, etype in spans:
        hit = [i for i, (ts, te) in enumerate(tokens) if ts < end and start < te]
        if hit:
            out.append((etype, hit[0], hit[-1]))
    return out
