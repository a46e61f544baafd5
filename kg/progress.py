"""A progress bar for builds: files done, words per second, ETA, on stderr.

It is shown only when asked for (``kg build`` without ``--quiet``) and stderr is a
terminal, so logs and pipes stay clean. The bar is created on the first update, after the
worker processes have started.

>>> bar = Progress(total=3, enabled=False)
>>> bar.update(120)
>>> bar.words
120
>>> bar.close()
"""

from __future__ import annotations

import sys
import time
from typing import Any


class Progress:
    """Counts files and words; draws a tqdm bar when enabled and stderr is a terminal."""

    def __init__(self, total: int, enabled: bool = True) -> None:
        self.total = total
        self.enabled = enabled and sys.stderr.isatty()
        self.words = 0
        self.started = time.perf_counter()
        self._bar: Any = None

    def update(self, words: int) -> None:
        """One more file done, holding ``words`` words."""
        self.words += words
        if not self.enabled:
            return
        if self._bar is None:
            from tqdm import tqdm

            self._bar = tqdm(total=self.total, unit="file", file=sys.stderr, dynamic_ncols=True,
                             desc="kg build", leave=False)
        rate = self.words / max(time.perf_counter() - self.started, 1e-9)
        self._bar.set_postfix_str(f"{rate:,.0f} words/s", refresh=False)
        self._bar.update(1)

    def close(self) -> None:
        """Remove the bar."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None
