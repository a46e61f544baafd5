"""Checks of ``kg build``'s options made before any work, so a bad option costs nothing.

>>> check_max_nodes(None), check_max_nodes(5)
(None, None)
>>> check_max_nodes(-5)
Traceback (most recent call last):
...
kg.errors.UsageError: --max-nodes -5: give a number of entities above 0
"""

from __future__ import annotations

import math

from pathlib import Path

from kg.errors import UsageError
from kg.run.staging import check_out_dir


def check_max_nodes(max_nodes: int | None) -> None:
    """Raise :class:`UsageError` unless ``max_nodes`` is None or at least 1."""
    if max_nodes is not None and max_nodes < 1:
        raise UsageError(f"--max-nodes {max_nodes}: give a number of entities above 0")


def check_min_confidence(value: float | None) -> None:
    """Raise :class:`UsageError` unless ``value`` is None or a number in [0, 1].

    >>> check_min_confidence(1.5)
    Traceback (most recent call last):
    ...
    kg.errors.UsageError: --min-confidence 1.5: give a confidence between 0 and 1
    """
    if value is not None and not 0 <= value <= 1:
        raise UsageError(f"--min-confidence {value:g}: give a confidence between 0 and 1")


def check_build_options(out: str | Path, max_nodes: int | None = None, jobs: int = 1,
                        min_confidence: float | None = None, file_timeout: float = 300.0) -> None:
    """Every check of :mod:`kg.run.preflight`: the output folder, --max-nodes, --jobs,
    --min-confidence, --file-timeout."""
    check_out_dir(out)
    check_max_nodes(max_nodes)
    check_min_confidence(min_confidence)
    if jobs < 1:
        raise UsageError(f"--jobs {jobs}: give a number of processes above 0")
    if not (math.isfinite(file_timeout) and file_timeout > 0):
        raise UsageError(f"--file-timeout {file_timeout:g}: give a number of seconds above 0")
