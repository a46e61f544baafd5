"""Score a ``kg build`` output directory against gold annotations (``kg evaluate``).

>>> from kg.evaluate import evaluate, format_report      # doctest: +SKIP
>>> result = evaluate("out", ["tests/gold"])             # doctest: +SKIP
>>> print(format_report(result))                         # doctest: +SKIP

Families: named mentions (strict / overlap, per type), dates (span / value), relation
facts (per predicate), entity clustering (pairwise) and OCR debris (character level).
"""

from __future__ import annotations

from kg.evaluate.report import format_report
from kg.evaluate.scorer import evaluate

__all__ = ["evaluate", "format_report"]
