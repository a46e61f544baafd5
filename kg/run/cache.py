"""The build cache: per-file results of read → annotate (→ link), so rebuilds skip spaCy.

Two entries per input file, both written atomically into the cache folder in a data-only
format (:mod:`kg.run.cache_format`: msgpack, never pickles, so an entry cannot run code):

- ``<key>.ann``: the file's documents, mentions and its parsed spaCy Docs (a ``DocBin`` per
  document, with ``doc._.kg_origin`` / ``doc._.kg_dates`` stored beside it). ``key`` hashes
  the file's path and content (SHA-256), the model (name, version, components, spaCy
  version), the gazetteer files, histkg's version and the source code + data of the read
  and annotate steps. A hit means the file is not parsed again.
- ``<key>.link``: the same plus the file's assertions; its key adds the rule files and the
  link step's code. A changed rule set misses here, so the Docs of ``.ann`` are re-linked
  without parsing.

Entries are never pruned: delete the folder to reclaim space. An entry that cannot be read
(truncated, damaged, written by an older histkg as a pickle, or of the wrong shape) is a miss.

>>> cache = BuildCache(None)
>>> cache.get("0" * 64, "link") is None
True
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import numpy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, NORM, POS, TAG
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

import kg
from kg.annotate.components import NESTED
from kg.run.cache_format import dumps, loads
from kg.data_files import DATA_DIR
from kg.model import Assertion, Document, Mention

CALIBRATION = DATA_DIR / "calibration.toml"

KG_DIR = Path(kg.__file__).parent
# the code whose output is cached (and the format of entries): read and annotate, and the
# modules of kg/ they import (dates: the date patterns; keys: name keys of the link step;
# name_types with what it reads: whether a name's words say it is no person's, for the type votes)
ANNOTATE_CODE = ("model.py", "dates", "data_files.py", "resolve/keys.py", "resolve/name_types.py",
                 "resolve/identity.py", "resolve/structure.py", "run/cache.py", "run/cache_format.py", "read",
                 "annotate")
LINK_CODE = ("link",)
EXTENSIONS = ("kg_origin", "kg_dates", "kg_sentences")
ATTRS = [TAG, POS, MORPH, LEMMA, DEP, NORM, HEAD]  # the token attributes a Doc is cached with
STRING_COLUMNS = [0, 2, 3, 4, 5]  # those that are string hashes (POS is a fixed id, HEAD an offset)


@dataclass(frozen=True, slots=True)
class CacheVersions:
    """Hashes of everything besides a file's own bytes that its cached results depend on."""

    annotate: str
    link: str


def _hash_files(paths: Iterable[Path], digest: Any) -> None:
    for path in sorted(paths):
        digest.update(str(path.name).encode())
        digest.update(path.read_bytes())


def _name(path: Path) -> str:
    """A file's name in a cache version: relative to kg/ for histkg's own files (the same
    wherever histkg is installed), else as given."""
    try:
        return str(path.resolve().relative_to(KG_DIR.resolve()))
    except ValueError:
        return str(path)


def _tree(*names: str) -> list[Path]:
    """The .py files under ``kg/<name>`` (or the file itself)."""
    out: list[Path] = []
    for name in names:
        path = KG_DIR / name
        out += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return out


def cache_versions(model: dict[str, str], gazetteers: Iterable[str | Path],
                   rule_files: Iterable[str | Path]) -> CacheVersions:
    """The annotate and link versions of a build configuration (see the module docstring)."""
    ann = hashlib.sha256(repr((kg.__version__, sorted(model.items()))).encode())
    data = [p for p in DATA_DIR.rglob("*") if p.is_file() and "rules" not in p.parts
            and p != CALIBRATION]  # the calibration only changes the link step's confidences
    _hash_files([*data, *_tree(*ANNOTATE_CODE)], ann)
    _hash_files([Path(p) for p in gazetteers], ann)
    link = hashlib.sha256(ann.hexdigest().encode())
    for path in [*_tree(*LINK_CODE), CALIBRATION, *(Path(p) for p in rule_files)]:  # rule order matters
        link.update(_name(path).encode() + path.read_bytes())
    return CacheVersions(ann.hexdigest(), link.hexdigest())


def file_key(version: str, path: Path | str, content_sha256: str) -> str:
    """The cache key of one file under one version."""
    return hashlib.sha256(f"{version}\0{path}\0{content_sha256}".encode()).hexdigest()


class BuildCache:
    """A folder of per-file results; ``root=None`` is a cache that never hits."""

    def __init__(self, root: str | Path | None) -> None:
        self.root = Path(root) if root else None

    def get(self, key: str, kind: str) -> Any | None:
        """The entry ``key`` of ``kind`` ("ann" or "link"), or None if absent or unreadable."""
        if self.root is None:
            return None
        try:
            value = loads((self.root / f"{key}.{kind}").read_bytes())
        except (OSError, ValueError):  # absent, unreadable, truncated or stale: a miss, never an error
            return None
        return value if _SHAPES[kind](value) else None

    def put(self, key: str, kind: str, value: Any) -> None:
        """Store an entry atomically (write a temporary file, then rename).

        A cache that cannot be written (read-only, disk full) is skipped: the build goes on.
        """
        if self.root is None:
            return
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            self._write(key, kind, dumps(value))
        except (OSError, TypeError):  # TypeError: a value the format cannot hold (not cached)
            return

    def _write(self, key: str, kind: str, data: bytes) -> None:
        assert self.root is not None
        fd, tmp = tempfile.mkstemp(dir=self.root, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, self.root / f"{key}.{kind}")
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def _all(items: Any, kind: type) -> bool:
    return isinstance(items, list) and all(isinstance(item, kind) for item in items)


def _ann_shape(value: Any) -> bool:
    """A ``.ann`` entry: a list of (Document, [Mention], packed Docs)."""
    return isinstance(value, list) and all(
        isinstance(item, tuple) and len(item) == 3 and isinstance(item[0], Document)
        and _all(item[1], Mention) and isinstance(item[2], list) for item in value)


def _link_shape(value: Any) -> bool:
    """A ``.link`` entry: ([Document], [Mention], [Assertion], words, dropped, parsing)."""
    return (isinstance(value, tuple) and len(value) == 6 and _all(value[0], Document)
            and _all(value[1], Mention) and _all(value[2], Assertion) and isinstance(value[3], int)
            and isinstance(value[4], dict) and isinstance(value[5], dict))


_SHAPES = {"ann": _ann_shape, "link": _link_shape}


def pack_docs(docs: list[Doc]) -> list[tuple[Any, ...]]:
    """spaCy Docs → plain tuples: words, spaces, the token attributes as an array, the
    strings those name, the names and nested names, and histkg's extension values.

    (spaCy's DocBin would do, but its serialiser looks up msgpack's plugins for every Doc:
    0.5 ms, more than packing a passage.)
    """
    return [_pack(doc) for doc in docs]


def _pack(doc: Doc) -> tuple[Any, ...]:
    arr = doc.to_array(ATTRS)
    strings = sorted({doc.vocab.strings[int(h)] for h in numpy.unique(arr[:, STRING_COLUMNS]) if h})
    spans = [(s.start, s.end, s.label_, s.kb_id_) for s in doc.spans[NESTED]] if NESTED in doc.spans else None
    return ([t.text for t in doc], [bool(t.whitespace_) for t in doc], arr, strings,
            [(e.start, e.end, e.label_, e.kb_id_) for e in doc.ents], spans,
            tuple(doc.user_data.get(("._.", n, None, None)) for n in EXTENSIONS))


def unpack_docs(vocab: Vocab, packed: list[tuple[Any, ...]]) -> list[Doc]:
    """The inverse of :func:`pack_docs`."""
    return [_unpack(vocab, *item) for item in packed]


def _unpack(vocab: Vocab, words, spaces, arr, strings, ents, spans, extensions) -> Doc:
    for text in strings:
        vocab.strings.add(text)
    doc = Doc(vocab, words=words, spaces=spaces)
    doc.from_array(ATTRS, arr)
    doc.ents = [Span(doc, a, b, label=label, kb_id=kb) for a, b, label, kb in ents]
    if spans is not None:
        doc.spans[NESTED] = [Span(doc, a, b, label=label, kb_id=kb) for a, b, label, kb in spans]
    for name, value in zip(EXTENSIONS, extensions):
        if value is not None:
            doc.user_data[("._.", name, None, None)] = value
    return doc
