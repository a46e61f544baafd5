"""TEI P5 out: for every document a TEI file with its text, each mention marked inline with
``@ref`` to its entity, and a ``standOff`` of the entities and relations the document states.

A document read from plain text or Markdown is written as ``tei/DOC-ID.xml`` (its passages
as TEI blocks, :mod:`~kg.export.tei.body`); a TEI input as ``tei/FILE.xml``, its own markup
kept and only the annotations added (:mod:`~kg.export.tei.source`). ``kg build --tei`` writes
them with the other outputs; ``kg export tei OUT`` from a finished build folder (the inputs
are read again from the paths report.json names; :mod:`~kg.export.tei.load`). Both give the
same bytes.

>>> export_tei("out")  # doctest: +SKIP
(PosixPath('out/tei'), {'files': 4, 'mentions': 377, 'skipped': {}})
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from kg.export.atomic import write_text
from kg.export.tei.corpus import Corpus, Locator, from_graph
from kg.export.tei.document import plain_document, tei_document
from kg.model import KnowledgeGraph
from kg.read import load_text

__all__ = ["TEI_FOLDER", "export_tei", "tei_files", "write_tei"]
TEI_FOLDER = "tei"
XML_SUFFIXES = (".xml", ".tei")


def is_tei(path: str, text: str) -> bool:
    """Read as TEI by the build (as :func:`kg.read.read_file` decides)."""
    return Path(path).suffix.lower() in XML_SUFFIXES or text.lstrip()[:100].startswith(("<?xml", "<TEI"))


def tei_files(corpus: Corpus) -> tuple[dict[str, str], dict[str, Any]]:
    """Relative path → TEI text of every file, and the counts (files, mentions marked,
    mentions left out by reason)."""
    files: dict[str, str] = {}
    mentions, skipped = 0, Counter()
    by_source_m: dict[str, list] = {}
    by_source_r: dict[str, list] = {}
    for m in corpus.mentions:
        by_source_m.setdefault(m.source, []).append(m)
    for r in corpus.relations:
        by_source_r.setdefault(r.source, []).append(r)
    for source, docs in corpus.files().items():
        text = load_text(docs[0].path)
        ms, rs = by_source_m.get(source, []), by_source_r.get(source, [])
        if is_tei(docs[0].path, text):
            results = [(str(Path(source).with_suffix(".xml")), tei_document(corpus, text, ms, rs))]
        else:
            locator = Locator(docs)
            results = [(f"{doc.id}.xml", plain_document(corpus, doc, locator, ms, rs)) for doc in docs]
        for name, (xml, marked) in results:
            files[name] = xml
            mentions += marked.mentions
            skipped.update({k: n for k, n in marked.skipped.items() if n})
    return files, {"files": len(files), "mentions": mentions, "skipped": dict(sorted(skipped.items()))}


def write_tei(corpus: Corpus | KnowledgeGraph, folder: str | Path) -> dict[str, Any]:
    """Write the TEI files of ``corpus`` (or of a graph just built) into ``folder``."""
    if isinstance(corpus, KnowledgeGraph):
        corpus = from_graph(corpus)
    files, counts = tei_files(corpus)
    out = Path(folder)
    for name, xml in files.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        write_text(out / name, xml)
    return counts
