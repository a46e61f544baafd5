"""Where the accuracy sets live and how they are split (shared by ``benchmarks/suite.py``
and the calibration, :mod:`kg.evaluate.calibrate`).

- seeds: ``seeds/`` with the gold of ``tests/gold/`` (in the repository);
- gold-dev: ``SHARED/gold-dev/`` — the check half (``check_half`` of
  ``tests/accuracy_floors.toml``) is held apart from rule writing and from calibration;
- Re-DocRED dev: ``SHARED/corpus/redocred_wikipedia/``, the documents whose gold names a
  year in 1900–1960 (histkg's scope).

>>> sorted(dev_halves(Path("/nowhere")))
['dev', 'dev-check', 'dev-tuned']
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the repository (seeds/, tests/, ontology/)
YEARS = (1900, 1960)


def check_half(root: Path = ROOT) -> frozenset[str]:
    """The names of the gold-dev passages held apart (the check half)."""
    floors = tomllib.loads((root / "tests" / "accuracy_floors.toml").read_text(encoding="utf-8"))
    return frozenset(floors["check_half"])


def dev_halves(shared: Path, root: Path = ROOT) -> dict[str, list[Path]]:
    """gold-dev's files: all, the tuned half (rules were written against it) and the check half."""
    held = check_half(root)
    files = sorted((shared / "gold-dev").glob("*.json"))
    return {"dev": files, "dev-tuned": [f for f in files if f.stem not in held],
            "dev-check": [f for f in files if f.stem in held]}


def redocred_gold(shared: Path) -> Path:
    """The Re-DocRED dev gold file."""
    return shared / "corpus" / "redocred_wikipedia" / "redocred-dev.jsonl"


def redocred_inputs(shared: Path, work: Path) -> list[Path]:
    """The Re-DocRED dev texts whose gold dates name a year in 1900–1960 (linked into one
    folder, ``WORK/redocred-in``, so the build's document names stay the corpus names)."""
    from kg.evaluate.redocred_gold import in_years, load_redocred

    corpus = shared / "corpus" / "redocred_wikipedia"
    keep = {d.key for d in load_redocred([redocred_gold(shared)]) if in_years(d, YEARS)}
    folder = work / "redocred-in"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for path in sorted((corpus / "text" / "dev").glob("*.txt")):
        if path.name[:4] in keep:
            (folder / path.name).symlink_to(path)
    return [folder]
