"""Score a ``kg build`` output against HIPE-2022 named-entity gold (``kg evaluate --hipe``).

The counting follows the official HIPE scorer (``hipe-eval/HIPE-scorer``,
``hipe_evaluation/ner_eval.py``, itself derived from the SemEval-2013 9.1 scheme):

- entities are **token spans** of the gold tokenisation, compared per document;
- *strict*: same first and last token and same type; *fuzzy* (the scorer's ``ent_type``):
  overlapping tokens and same type;
- every prediction is looked at once, in document order: an exact match is ``correct``;
  otherwise the first gold entity (in document order) that has the same boundaries, or
  that overlaps it and was not overlapped before, makes it ``incorrect`` (wrong type or,
  for strict, wrong boundaries; fuzzy counts an overlap with the right type as
  ``correct``); else it is ``spurious``. Gold entities never overlapped are ``missed``;
- TP = correct, FP = incorrect + spurious, FN = incorrect + missed, micro P/R/F1 per type
  and over all types. As in the scorer, an ``incorrect`` counts under the *gold* type
  and a ``spurious`` under the predicted type.

Gold comes as the original HIPE TSV (tokens, IOB column ``NE-COARSE-LIT``) or as the
derived JSONL of the shared corpus (``doc_id``, ``text``, ``entities`` with character
offsets). Document texts are rebuilt from the TSV tokens the way the corpus' ``.txt``
files were made (a space after each token unless ``NoSpaceAfter``, a newline at
``EndOfLine``; tokens starting with ``#`` are skipped, as the scorer's reader does), so
the character offsets of ``mentions.csv`` map onto gold tokens. With JSONL gold the
tokens are approximated (runs of word characters, single other characters, split at
gold entity edges).

Predicted mentions are projected onto the gold tokens they overlap; when projected
predictions overlap each other, the longest wins (a HIPE response has one tag per token).

The parts: :mod:`kg.evaluate.hipe_gold` reads the gold, :mod:`kg.evaluate.hipe_match`
projects predictions and counts, :mod:`kg.evaluate.hipe_errors` sums up the errors.

>>> gold = HipeDoc("d", "Mr. John Smith of Boston.", [(0, 3), (4, 8), (9, 14), (15, 17),
...                 (18, 24), (24, 25)], [("pers", 0, 2), ("loc", 4, 4)])
>>> pred = [("pers", 4, 14), ("loc", 18, 24)]          # "John Smith", "Boston"
>>> r = score_hipe_docs([gold], {"d": pred}, ("pers", "org", "loc"))
>>> r["strict"]["ALL"]["tp"], r["strict"]["ALL"]["fp"], r["fuzzy"]["ALL"]["tp"]
(1, 1, 2)
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kg.errors import GoldError
from kg.evaluate.hipe_errors import error_patterns
from kg.evaluate.hipe_gold import (GOLD_TYPE_MAP, TAG_COLUMN, Ent, HipeDoc, expand_hipe_paths,
                                   load_hipe)
from kg.evaluate.hipe_match import (DEFAULT_TYPES, HIPE_TYPES, TYPE_MAP, doc_key, predicted_spans,
                                    project, score_entities, score_hipe_docs)
from kg.evaluate.output import load_output

__all__ = [
    "DEFAULT_TYPES", "GOLD_TYPE_MAP", "HIPE_TYPES", "MAX_LISTED", "TAG_COLUMN", "TYPE_MAP",
    "Ent", "HipeDoc", "doc_key", "error_patterns", "evaluate_hipe", "load_hipe",
    "parse_types", "predicted_spans", "project", "score_entities", "score_hipe_docs",
]

MAX_LISTED = 400


def parse_types(spec: str | Sequence[str] | None) -> tuple[str, ...]:
    """``"pers,org"`` → ``("pers", "org")``; ``"all"`` → all five HIPE coarse types."""
    if spec is None:
        return DEFAULT_TYPES
    items = spec.split(",") if isinstance(spec, str) else list(spec)
    items = [i.strip().lower() for i in items if i.strip()]
    if items == ["all"]:
        return HIPE_TYPES
    bad = [i for i in items if i not in HIPE_TYPES]
    if bad or not items:
        raise GoldError(str(spec), f"unknown HIPE type(s) {bad}; use {', '.join(HIPE_TYPES)} or all")
    return tuple(items)


def evaluate_hipe(out_dir: str | Path, gold_paths: Sequence[str | Path],
                  types: str | Sequence[str] | None = None) -> dict[str, Any]:
    """Score ``mentions.csv`` of ``out_dir`` against HIPE gold (``.tsv`` / ``.jsonl``).

    Only gold documents are scored; predictions for other files are ignored. As in the
    official scorer, types the gold never uses are not scored (``result["types"]``).
    ``result["unmatched_gold_docs"]`` lists gold documents the build has no file for
    (all their entities count as missed, unless the file had no mentions at all).
    """
    out = load_output(out_dir)
    docs = load_hipe(gold_paths)
    # as the scorer: only types the gold annotates are evaluated (topres19th: loc only)
    present = {e[0] for d in docs for e in d.entities}
    types = tuple(t for t in parse_types(types) if t in present)
    preds = predicted_spans(out.mentions, types)
    built = {doc_key(m.doc) for m in out.mentions}
    result = score_hipe_docs(docs, preds, types)
    result["gold_files"] = [str(p) for p in expand_hipe_paths(gold_paths)]
    result["unmatched_gold_docs"] = sorted(d.doc_id for d in docs if d.doc_id not in built)
    result["error_patterns"] = error_patterns(result["errors"])
    result["errors"] = result["errors"][:MAX_LISTED]
    return result
