"""``kg export tei OUT``: the TEI files of a finished build, written from its folder (the
inputs read again from the paths report.json names: :mod:`kg.export.tei.load`) and published
as one folder (:func:`kg.run.staging.publish`), as ``kg build --tei`` writes them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kg.export.tei import TEI_FOLDER, write_tei
from kg.export.tei.load import load_corpus
from kg.run.staging import publish


def export_tei(build_dir: str | Path, out: str | Path | None = None) -> tuple[Path, dict[str, Any]]:
    """Write the TEI files of a finished build into ``out`` (default ``BUILD_DIR/tei``),
    replacing that folder as a whole in one step; returns the folder and the counts."""
    corpus = load_corpus(build_dir)
    target = Path(out) if out is not None else Path(build_dir) / TEI_FOLDER
    old = {p.name for p in target.iterdir()} if target.is_dir() else set()
    counts: dict[str, Any] = {}
    publish(target, lambda d: counts.update(write_tei(corpus, d)), old)
    return target, counts
