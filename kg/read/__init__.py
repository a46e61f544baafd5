"""The read step: files → :class:`~kg.model.Document` s with passages, layers and offsets.

Every offset (passage origins, footnote markers, citations, debris, document spans) is
a character offset into the decoded file text, as :func:`load_text` returns it.

>>> import tempfile, pathlib
>>> f = pathlib.Path(tempfile.mkdtemp()) / "letters.md"
>>> _ = f.write_text("## Ivan Petrov's Letter to Stalin\\n\\nMAY 1, 1930\\n\\nI write *to you*.\\n")
>>> [doc] = read_file(f)
>>> doc.id, doc.author, doc.recipients, doc.date, doc.passages[-1].text
('letters-1', 'Ivan Petrov', ['Stalin'], '1930-05-01', 'I write to you.')
>>> text = load_text(f)
>>> p = doc.passages[-1]
>>> text[p.origin[0]:p.origin[-1]]
'I write *to you*.'
"""

from __future__ import annotations

from pathlib import Path

from kg.model import Document
from kg.read.files import SUFFIXES, decode, iter_files, load_text, read_bytes, sha256
from kg.read.plain import read_markdown

__all__ = ["SUFFIXES", "iter_files", "load_text", "read_file"]

XML_SUFFIXES = frozenset({".xml", ".tei"})


def read_file(path: str | Path, source: str | None = None, base: str | None = None) -> list[Document]:
    """The documents of one file; raises InputError with a one-line problem if unreadable.

    ``source`` names the file in the outputs (default: its name), ``base`` starts the ids of
    its documents (default: the stem of ``source``); see :mod:`kg.read.inputs`.
    """
    data = read_bytes(path)
    text = decode(data, str(path))
    p = Path(path)
    if p.suffix.lower() in XML_SUFFIXES or text.lstrip()[:100].startswith(("<?xml", "<TEI")):
        from kg.read.tei import read_tei

        docs = read_tei(text, source or p.name, str(path), sha256(data), base)
    else:
        docs = read_markdown(text, source or p.name, str(path), sha256(data), base)
    return docs
