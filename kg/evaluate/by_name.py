"""Entities matched by name: typed and untyped P/R/F1, wrong merges and splits.

Gold files that list entities by name without mention offsets (``../shared/gold-dev``)
are scored per document: a *system entity* is an entity id of ``mentions.csv`` with its
mention texts in that document (its type from ``entities.csv``); a gold entity is its
``names`` (plus the texts of its gold mentions, where the file has them). The two match
when a normalised name is shared (:func:`kg.evaluate.normalise.normalise_name`).

- P/R/F1 count a one-to-one (maximum) matching, so a split's second entity is a false
  positive and a wrong merge's second gold entity a false negative; *typed* also needs
  the same type.
- A **wrong merge** is a system entity whose names reach two gold entities of one
  document through different names.
- A **split** is a gold entity of a document matched by two or more system entities.

>>> from kg.evaluate.gold import GoldDoc, GoldEntity
>>> from kg.evaluate.output import PredMention, PredEntity
>>> gold = GoldDoc("g.json", "a.txt", {"K": GoldEntity("K", "PERSON", ["Kerensky"]),
...        "MK": GoldEntity("MK", "PERSON", ["Madame Kerensky"])})
>>> preds = [PredMention("a.txt", 0, 8, "Kerensky", "PERSON", "e1"),
...          PredMention("a.txt", 20, 35, "Madame Kerensky", "PERSON", "e1")]
>>> result = score_by_name([gold], {"e1": PredEntity("e1", "PERSON", "Kerensky")},
...                        {"a.txt": preds})
>>> result["untyped"]["tp"], result["untyped"]["fn"], [m["entity"] for m in result["wrong_merges"]]
(1, 1, ['e1'])
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from kg.evaluate.gold import GoldDoc, GoldEntity
from kg.evaluate.metrics import Counts, max_matching
from kg.evaluate.normalise import name_set
from kg.evaluate.output import PredEntity, PredMention
from kg.model import NAMED_TYPES


@dataclass(slots=True)
class Side:
    """One entity of either side in one document: id, type, normalised names."""

    id: str
    type: str
    names: frozenset[str]
    surface: tuple[str, ...] = ()


def gold_sides(gold: GoldDoc, entities: dict[str, GoldEntity]) -> list[Side]:
    """The gold entities of one file with their names and gold mention texts."""
    texts: dict[str, list[str]] = defaultdict(list)
    for m in gold.mentions:
        if not m.nominal:
            texts[m.entity].append(m.text)
    ids = sorted(set(gold.entities) | set(texts))
    return [Side(eid, entities[eid].type,
                 name_set(list(gold.entities.get(eid, entities[eid]).names) + texts[eid]))
            for eid in ids]


def pred_sides(mentions: list[PredMention], entities: dict[str, PredEntity]) -> list[Side]:
    """System entities with mentions in one document (an unresolved mention is its own)."""
    texts: dict[str, list[str]] = defaultdict(list)
    types: dict[str, str] = {}
    for m in mentions:
        if m.type == "DATE":
            continue
        key = m.entity or f"(unresolved) {m.text}"
        texts[key].append(m.text)
        types.setdefault(key, entities[m.entity].type if m.entity in entities else m.type)
    return [Side(k, types[k], name_set(texts[k]), tuple(sorted(set(texts[k]))))
            for k in sorted(texts)]


def _reached(pred: Side, golds: list[Side]) -> list[Side]:
    """Gold entities a system entity reaches; one reached only through names it shares
    with another reached gold entity is ambiguous, not a second reach."""
    hits = [(g, pred.names & g.names) for g in golds if pred.names & g.names]
    if len(hits) < 2:
        return [g for g, _ in hits]
    return [g for g, shared in hits
            if any(not shared <= other for h, other in hits if h is not g)]


def _match_counts(golds: list[Side], preds: list[Side], typed: bool) -> Counts:
    def ok(p: int, g: int) -> bool:
        same = bool(preds[p].names & golds[g].names)
        return same and (not typed or preds[p].type == golds[g].type)

    tp = len(max_matching(len(preds), len(golds), ok))
    return Counts(tp, len(preds) - tp, len(golds) - tp)


def _type_counts(golds: list[Side], preds: list[Side]) -> dict[str, Counts]:
    out: dict[str, Counts] = {}
    for t in NAMED_TYPES:
        g = [s for s in golds if s.type == t]
        p = [s for s in preds if s.type == t]
        c = _match_counts(g, p, typed=True)
        if c.tp or c.fp or c.fn:
            out[t] = c
    return out


def _doc_score(gold: GoldDoc, golds: list[Side], preds: list[Side]) -> dict[str, Any]:
    reach = {p.id: _reached(p, golds) for p in preds}
    splits = []
    for g in golds:
        by = [p for p in preds if g in reach[p.id] or (p.names & g.names and not reach[p.id])]
        if len(by) > 1:
            splits.append({"doc": gold.doc, "gold": g.id,
                           "entities": [{"id": p.id, "names": list(p.surface)} for p in by]})
    missed = [g.id for g in golds if not any(p.names & g.names for p in preds)]
    spurious = [{"id": p.id, "type": p.type, "names": list(p.surface)}
                for p in preds if not any(p.names & g.names for g in golds)]
    return {"typed": _match_counts(golds, preds, True),
            "untyped": _match_counts(golds, preds, False),
            "per_type": _type_counts(golds, preds), "reach": reach, "splits": splits,
            "missed": missed, "spurious": spurious,
            "mistyped": _mistyped(gold.doc, golds, preds)}


def _mistyped(doc: str, golds: list[Side], preds: list[Side]) -> list[dict[str, str]]:
    return [{"doc": doc, "gold": g.id, "gold_type": g.type, "entity": p.id, "type": p.type}
            for g in golds for p in preds if p.names & g.names and p.type != g.type]


def _wrong_merges(parts: dict[str, dict[str, Any]], preds: dict[str, list[Side]]) -> list[Any]:
    """System entities reaching two gold entities of one document (gold ids are not
    always shared across documents, so each document is judged on its own)."""
    out = []
    for doc, part in parts.items():
        for p in preds[doc]:
            gold = sorted(g.id for g in part["reach"][p.id])
            if len(gold) > 1 and not p.id.startswith("("):
                out.append({"doc": doc, "entity": p.id, "gold": gold, "names": list(p.surface)})
    return out


def score_by_name(golds: list[GoldDoc], pred_entities: dict[str, PredEntity],
                  by_doc: dict[str, list[PredMention]],
                  entities: dict[str, GoldEntity] | None = None) -> dict[str, Any]:
    """Entity P/R/F1 by name (typed, untyped, per type), wrong merges and splits."""
    entities = entities or {eid: e for g in golds for eid, e in g.entities.items()}
    parts: dict[str, dict[str, Any]] = {}
    preds: dict[str, list[Side]] = {}
    for gold in golds:
        preds[gold.doc] = pred_sides(by_doc.get(gold.doc, []), pred_entities)
        parts[gold.doc] = _doc_score(gold, gold_sides(gold, entities), preds[gold.doc])
    total = {k: sum((p[k] for p in parts.values()), Counts()) for k in ("typed", "untyped")}
    per_type: dict[str, Counts] = {}
    for part in parts.values():
        for t, c in part["per_type"].items():
            per_type[t] = per_type.get(t, Counts()) + c
    gold_n = total["untyped"].tp + total["untyped"].fn
    splits = [s for p in parts.values() for s in p["splits"]]
    return {
        "typed": total["typed"].as_dict(), "untyped": total["untyped"].as_dict(),
        "per_type": {t: per_type[t].as_dict() for t in NAMED_TYPES if t in per_type},
        "gold_entities": gold_n,
        "wrong_merges": _wrong_merges(parts, preds),
        "splits": splits, "split_rate": round(len(splits) / gold_n, 4) if gold_n else 0.0,
        "by_doc": {doc: {"typed": p["typed"].as_dict(), "untyped": p["untyped"].as_dict(),
                         "missed": p["missed"], "spurious": p["spurious"],
                         "mistyped": p["mistyped"]}
                   for doc, p in parts.items()},
    }
