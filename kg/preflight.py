"""Checks of ``kg build``'s options made before any work, so a bad option costs nothing.

>>> check_max_nodes(None), check_max_nodes(5)
(None, None)
>>> check_max_nodes(-5)
Traceback (most recent call last):
...
kg.errors.UsageError: --max-nodes -5: give a number of entities above 0
"""

from __future__ import annotations

from pathlib import Path

from kg.errors import UsageError
from kg.staging import check_out_dir


def check_max_nodes(max_nodes: int | None) -> None:
    """Raise :class:`UsageError` unless ``max_nodes`` is None or at least 1."""
    if max_nodes is not None and max_nodes < 1:
        raise UsageError(f"--max-nodes {max_nodes}: give a number of entities above 0")


def check_build_options(out: str | Path, max_nodes: int | None = None, jobs: int = 1) -> None:
    """Every check of :mod:`kg.preflight`: the output folder, --max-nodes, --jobs."""
    check_out_dir(out)
    check_max_nodes(max_nodes)
    if jobs < 1:
        raise UsageError(f"--jobs {jobs}: give a number of processes above 0")
