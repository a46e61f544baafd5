"""Match predicted mentions to HIPE gold entities, counting as the official HIPE scorer.

See :mod:`kg.evaluate.hipe` for the counting rules. Predicted mentions are projected
onto the gold tokens they overlap; when projected predictions overlap each other, the
longest wins (a HIPE response has one tag per token).

>>> score_entities([("pers", 0, 1)], [("pers", 1, 1)])["outcome"]
[(('pers', 1, 1), 'wrong span', ('pers', 0, 1))]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from kg.evaluate.hipe_gold import Ent, HipeDoc, char_to_tokens
from kg.evaluate.metrics import Counts
from kg.evaluate.output import PredMention

HIPE_TYPES: tuple[str, ...] = ("pers", "org", "loc", "prod", "time")
DEFAULT_TYPES: tuple[str, ...] = ("pers", "org", "loc")
#: our mention types → HIPE coarse types (prod and time only count when asked for)
TYPE_MAP: dict[str, str] = {"PERSON": "pers", "ORG": "org", "PLACE": "loc",
                            "WORK": "prod", "DATE": "time"}
SCHEMES: tuple[str, ...] = ("strict", "fuzzy")

Judgement = tuple[str, str, str, Ent | None]  # strict kind, fuzzy kind, outcome, gold


# -- predictions -----------------------------------------------------------------------


def doc_key(name: str) -> str:
    """``dir/sn83-1790-03-03-a-i0001.txt`` → ``sn83-1790-03-03-a-i0001``."""
    return Path(name).stem if Path(name).suffix.lower() in {".txt", ".md", ".xml"} else Path(name).name


def predicted_spans(mentions: Iterable[PredMention],
                    types: Sequence[str]) -> dict[str, list[tuple[str, int, int]]]:
    """``{doc: [(hipe type, start, end)]}`` of predicted mentions of the scored types."""
    out: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for m in mentions:
        etype = TYPE_MAP.get(m.type)
        if etype in types:
            out[doc_key(m.doc)].append((etype, m.start, m.end))
    return out


def project(doc: HipeDoc, spans: Iterable[tuple[str, int, int]]) -> list[Ent]:
    """Predicted character spans → non-overlapping token entities (longest first)."""
    ents = set(char_to_tokens(doc.tokens, [(s, e, t) for t, s, e in spans]))
    taken: set[int] = set()
    kept = []
    for ent in sorted(ents, key=lambda x: (-(x[2] - x[1]), x[1], x[0])):
        toks = set(range(ent[1], ent[2] + 1))
        if not toks & taken:
            taken |= toks
            kept.append(ent)
    return sorted(kept, key=lambda x: (x[1], x[2], x[0]))


# -- one document ----------------------------------------------------------------------


def _overlaps(a: Ent, b: Ent) -> bool:
    return a[1] <= b[2] and b[1] <= a[2]


def _tally(c: Counts, kind: str) -> None:
    """Count one outcome: correct → tp, incorrect → fp and fn, spurious → fp, missed → fn."""
    if kind == "correct":
        c.tp += 1
    elif kind == "incorrect":
        c.fp, c.fn = c.fp + 1, c.fn + 1
    elif kind == "spurious":
        c.fp += 1
    else:  # missed
        c.fn += 1


def _judge(p: Ent, gold: Sequence[Ent], overlapped: list[Ent]) -> Judgement:
    """How the scorer counts prediction ``p``: exact match, else the first gold entity
    with the same boundaries or a not yet overlapped overlap, else spurious."""
    if p in gold:
        return "correct", "correct", "correct", p
    for g in gold:
        if g[1:] == p[1:] and g[0] != p[0]:
            return "incorrect", "incorrect", "wrong type", g
        if _overlaps(g, p) and g not in overlapped:
            if g[0] == p[0]:
                return "incorrect", "correct", "wrong span", g
            return "incorrect", "incorrect", "wrong span and type", g
    return "spurious", "spurious", "spurious", None


def score_entities(gold: Sequence[Ent], pred: Sequence[Ent]) -> dict[str, Any]:
    """Official-scorer counting of one document: per scheme (``strict``, ``fuzzy``)
    ``{type: Counts}`` and ``ALL``, plus the outcome of each prediction and gold entity."""
    counts = {s: defaultdict(Counts) for s in SCHEMES}
    total = {s: Counts() for s in SCHEMES}
    overlapped: list[Ent] = []
    outcome: list[tuple[Ent, str, Ent | None]] = []  # pred, kind, gold

    def add(etype: str, *kinds: str) -> None:
        for scheme, kind in zip(SCHEMES, kinds):
            _tally(counts[scheme][etype], kind)
            _tally(total[scheme], kind)

    for p in pred:
        strict, fuzzy, label, g = _judge(p, gold, overlapped)
        add(g[0] if g else p[0], strict, fuzzy)  # incorrect: gold type; spurious: predicted
        if g is not None:
            overlapped.append(g)
        outcome.append((p, label, g))
    missed = [g for g in gold if g not in overlapped]
    for g in missed:
        add(g[0], "missed", "missed")
    return {"counts": counts, "total": total, "outcome": outcome, "missed": missed}


# -- all documents ---------------------------------------------------------------------


def _table(counts: dict[str, Counts], total: Counts, types: Sequence[str]) -> dict[str, Any]:
    table = {t: counts.get(t, Counts()).as_dict() for t in types}
    table["ALL"] = total.as_dict()
    return table


def _text(doc: HipeDoc, ent: Ent | None) -> str:
    """The text of a token entity, line breaks shown as ``⏎``."""
    if ent is None:
        return ""
    return doc.text[doc.tokens[ent[1]][0]:doc.tokens[ent[2]][1]].replace("\n", "⏎")


def _error(doc: HipeDoc, kind: str, pred: Ent | None, gold: Ent | None) -> dict[str, Any]:
    return {"doc": doc.doc_id, "kind": kind, "pred_type": pred[0] if pred else "",
            "pred_text": _text(doc, pred),
            "gold_type": gold[0] if gold else "", "gold_text": _text(doc, gold)}


def _doc_errors(doc: HipeDoc, res: dict[str, Any]) -> list[dict[str, Any]]:
    """Every prediction that is not correct, then every missed gold entity."""
    errors = [_error(doc, kind, p, g) for p, kind, g in res["outcome"] if kind != "correct"]
    return errors + [_error(doc, "missed", None, g) for g in res["missed"]]


def score_hipe_docs(docs: Sequence[HipeDoc], preds: dict[str, list[tuple[str, int, int]]],
                    types: Sequence[str] = DEFAULT_TYPES) -> dict[str, Any]:
    """Strict and fuzzy micro P/R/F1 per type and ``ALL`` over ``docs``; ``preds`` are
    character spans ``(type, start, end)`` by document id. Gold entities of other types
    than ``types`` are left out (as if the gold column had ``O`` there)."""
    totals = {s: Counts() for s in SCHEMES}
    per_type: dict[str, dict[str, Counts]] = {s: defaultdict(Counts) for s in SCHEMES}
    errors: list[dict[str, Any]] = []
    for doc in docs:
        gold = [e for e in doc.entities if e[0] in types]
        pred = project(doc, [p for p in preds.get(doc.doc_id, []) if p[0] in types])
        res = score_entities(gold, pred)
        for s in SCHEMES:
            totals[s] = totals[s] + res["total"][s]
            for t, c in res["counts"][s].items():
                per_type[s][t] = per_type[s][t] + c
        errors += _doc_errors(doc, res)
    return {
        "types": list(types),
        "docs": len(docs),
        "gold_entities": sum(1 for d in docs for e in d.entities if e[0] in types),
        "strict": _table(per_type["strict"], totals["strict"], types),
        "fuzzy": _table(per_type["fuzzy"], totals["fuzzy"], types),
        "errors": errors,
    }
