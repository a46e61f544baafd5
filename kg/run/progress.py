"""A progress bar for builds: the share of the input read (by size, so one long book does
not count as one file among many short ones), files done, words per second and the time
left, on stderr; then a line for each later step (resolve, curation), so a long build
never sits silent.

It is shown only when asked for (``kg build`` without ``--quiet``) and stderr is a
terminal, so logs and pipes stay clean. The bar is created on the first update, after the
worker processes have started.

>>> bar = Progress(sizes=[1000, 3000], enabled=False)
>>> bar.update(120, 1000)
>>> bar.words, bar.files, bar.done
(120, 1, 1000)
>>> bar.close()
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any


def file_sizes(files: list[Path]) -> list[int]:
    """The size of each file in bytes (0 when it cannot be read: it is reported later)."""
    sizes = []
    for path in files:
        try:
            sizes.append(path.stat().st_size)
        except OSError:
            sizes.append(0)
    return sizes


class Progress:
    """Counts bytes, files and words; draws a tqdm bar when enabled and stderr is a terminal."""

    def __init__(self, sizes: list[int], enabled: bool = True) -> None:
        self.total, self.count = sum(sizes), len(sizes)
        self.enabled = enabled and sys.stderr.isatty()
        self.words = self.files = self.done = 0
        self.started = time.perf_counter()
        self._bar: Any = None

    def update(self, words: int, size: int) -> None:
        """One more file done, of ``size`` bytes holding ``words`` words."""
        self.words, self.files, self.done = self.words + words, self.files + 1, self.done + size
        if not self.enabled:
            return
        if self._bar is None:
            from tqdm import tqdm

            self._bar = tqdm(total=self.total, unit="B", unit_scale=True, unit_divisor=1000,
                             file=sys.stderr, dynamic_ncols=True, desc="kg build: reading", leave=False)
        rate = self.words / max(time.perf_counter() - self.started, 1e-9)
        self._bar.set_postfix_str(f"{self.files:,}/{self.count:,} files, {rate:,.0f} words/s", refresh=False)
        self._bar.update(size)

    def step(self, what: str) -> None:
        """Say which step runs now (after the files are read), on its own line."""
        self.close()
        if self.enabled:
            print(f"kg build: {what}…", file=sys.stderr, flush=True)

    def close(self) -> None:
        """Remove the bar."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None
