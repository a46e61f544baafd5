"""The date a build stamps on its graph files, so that the same inputs give the same bytes.

Reproducible-build tools set ``SOURCE_DATE_EPOCH`` (seconds since 1970, UTC); when it is set
the provenance date is that day, else the day the newest input file was last modified. The
wall-clock time of the build goes to ``report.json`` only (``built``).

>>> import os
>>> os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
>>> provenance_date([])
'2023-11-14'
>>> del os.environ["SOURCE_DATE_EPOCH"]
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path

EPOCH_ENV = "SOURCE_DATE_EPOCH"


def _day(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, timezone.utc).date().isoformat()


def provenance_date(files: Iterable[Path]) -> str:
    """``SOURCE_DATE_EPOCH``'s day when set (and a whole number), else the newest file's day."""
    epoch = (os.environ.get(EPOCH_ENV) or "").strip()
    if epoch.isdigit():
        return _day(int(epoch))
    times = []
    for path in files:
        try:
            times.append(Path(path).stat().st_mtime)
        except OSError:
            continue
    return _day(max(times)) if times else _day(0)


def wall_clock() -> str:
    """The time now (UTC, seconds), for report.json."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
