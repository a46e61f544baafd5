"""The build cache: per-file results of read → annotate (→ link), so rebuilds skip spaCy.

Two entries per input file, both pickles written atomically into the cache folder:

- ``<key>.ann``: the file's documents, mentions and its parsed spaCy Docs (a ``DocBin`` per
  document, with ``doc._.kg_origin`` / ``doc._.kg_dates`` stored beside it). ``key`` hashes
  the file's path and content (SHA-256), the model (name, version, components, spaCy
  version), the gazetteer files, histkg's version and the source code + data of the read
  and annotate steps. A hit means the file is not parsed again.
- ``<key>.link``: the same plus the file's assertions; its key adds the rule files and the
  link step's code. A changed rule set misses here, so the Docs of ``.ann`` are re-linked
  without parsing.

Entries are never pruned: delete the folder to reclaim space. Only point ``--cache-dir`` at
a folder you trust: entries are pickles.

>>> cache = BuildCache(None)
>>> cache.get("0" * 64, "link") is None
True
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

import kg
from kg.data_files import DATA_DIR

KG_DIR = Path(kg.__file__).parent
ANNOTATE_CODE = ("model.py", "read", "annotate")
LINK_CODE = ("link",)
EXTENSIONS = ("kg_origin", "kg_dates", "kg_sentences")


@dataclass(frozen=True, slots=True)
class CacheVersions:
    """Hashes of everything besides a file's own bytes that its cached results depend on."""

    annotate: str
    link: str


def _hash_files(paths: Iterable[Path], digest: Any) -> None:
    for path in sorted(paths):
        digest.update(str(path.name).encode())
        digest.update(path.read_bytes())


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
    data = [p for p in DATA_DIR.rglob("*") if p.is_file() and "rules" not in p.parts]
    _hash_files([*data, *_tree(*ANNOTATE_CODE)], ann)
    _hash_files([Path(p) for p in gazetteers], ann)
    link = hashlib.sha256(ann.hexdigest().encode())
    for path in [*_tree(*LINK_CODE), *(Path(p) for p in rule_files)]:  # rule order matters
        link.update(str(path).encode() + path.read_bytes())
    return CacheVersions(ann.hexdigest(), link.hexdigest())


def file_key(version: str, path: Path | str, content_sha256: str) -> str:
    """The cache key of one file under one version."""
    return hashlib.sha256(f"{version}\0{path}\0{content_sha256}".encode()).hexdigest()


class BuildCache:
    """A folder of pickled per-file results; ``root=None`` is a cache that never hits."""

    def __init__(self, root: str | Path | None) -> None:
        self.root = Path(root) if root else None

    def get(self, key: str, kind: str) -> Any | None:
        """The entry ``key`` of ``kind`` ("ann" or "link"), or None if absent or unreadable."""
        if self.root is None:
            return None
        try:
            with (self.root / f"{key}.{kind}").open("rb") as fh:
                return pickle.load(fh)
        except FileNotFoundError:
            return None
        except Exception:  # a truncated or stale entry is a miss, never an error
            return None

    def put(self, key: str, kind: str, value: Any) -> None:
        """Store an entry atomically (write a temporary file, then rename).

        A cache that cannot be written (read-only, disk full) is skipped: the build goes on.
        """
        if self.root is None:
            return
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            self._write(key, kind, value)
        except OSError:
            return

    def _write(self, key: str, kind: str, value: Any) -> None:
        assert self.root is not None
        fd, tmp = tempfile.mkstemp(dir=self.root, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.root / f"{key}.{kind}")
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def pack_docs(docs: list[Doc]) -> tuple[list[bytes], list[tuple[Any, ...]]]:
    """spaCy Docs → (one DocBin's bytes per Doc, per-Doc extension values) for pickling.

    One DocBin per Doc keeps the memory of packing bounded by a passage, not a document.
    """
    extensions = [tuple(doc.user_data.get(("._.", n, None, None)) for n in EXTENSIONS) for doc in docs]
    return [DocBin(docs=[doc], store_user_data=False).to_bytes() for doc in docs], extensions


def unpack_docs(vocab: Vocab, packed: tuple[list[bytes], list[tuple[Any, ...]]]) -> list[Doc]:
    """The inverse of :func:`pack_docs`."""
    data, extensions = packed
    docs = [doc for blob in data for doc in DocBin().from_bytes(blob).get_docs(vocab)]
    for doc, values in zip(docs, extensions):
        for name, value in zip(EXTENSIONS, values):
            if value is not None:
                doc.user_data[("._.", name, None, None)] = value
    return docs
