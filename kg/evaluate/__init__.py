"""Score a ``kg build`` output directory against gold annotations (``kg evaluate``).

>>> from kg.evaluate import evaluate, format_report      # doctest: +SKIP
>>> result = evaluate("out", ["tests/gold"])             # doctest: +SKIP
>>> print(format_report(result))                         # doctest: +SKIP

Families: named mentions (strict / overlap, per type), dates (span / value), relation
facts (per predicate), entity clustering (pairwise) and OCR debris (character level).
External benchmarks: :func:`evaluate_hipe` (HIPE-2022 NER, official scorer's counting) and
:func:`evaluate_redocred` (Re-DocRED relations mapped to our predicates).
"""

from __future__ import annotations

from kg.evaluate.hipe import evaluate_hipe
from kg.evaluate.redocred import evaluate_redocred
from kg.evaluate.report import format_report
from kg.evaluate.scorer import evaluate

__all__ = ["evaluate", "evaluate_hipe", "evaluate_redocred", "format_report"]
