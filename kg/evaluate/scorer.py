"""``evaluate``: score a build's output directory against gold annotation files.

Every family is scored per gold document and micro-averaged over all of them (counts
are added up, then P/R/F1 computed). See :func:`evaluate` for the result's keys.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from kg.evaluate.by_name import score_by_name
from kg.evaluate.gold import GoldDoc, GoldEntity, load_gold
from kg.evaluate.metrics import (Counts, char_counts, overlap_match, pairs_same,
                                 per_type_counts, strict_match, sum_counts)
from kg.evaluate.normalise import name_set, normalise_value
from kg.evaluate.output import BuildOutput, PredMention, load_output
from kg.evaluate.relations import NameIndex, score_doc_relations
from kg.model import NAMED_TYPES

Span = tuple[int, int, str]


def evaluate(out_dir: str | Path, gold_paths: list[str | Path]) -> dict[str, Any]:
    """Score the build output in ``out_dir`` against gold JSON files (or directories
    of them). Returns a JSON-able dict with the keys ``out_dir``, ``gold_files``,
    ``docs``, ``entities`` (by name, :mod:`kg.evaluate.by_name`), ``relations``, and,
    when the gold files annotate mention offsets, ``mentions``, ``dates``,
    ``clusters``, ``debris``.

    Raises :class:`kg.errors.InputError` for a missing/malformed output directory and
    :class:`kg.errors.GoldError` for a malformed gold file.

    >>> result = evaluate("out", ["tests/gold"])            # doctest: +SKIP
    >>> result["mentions"]["strict"]["ALL"]["f1"]           # doctest: +SKIP
    0.8123
    """
    out = load_output(out_dir)
    golds = load_gold(gold_paths)
    entities = merge_entities(golds)
    by_doc = _group_mentions(out.mentions)
    result: dict[str, Any] = {
        "out_dir": out.path,
        "gold_files": [g.path for g in golds],
        "docs": [g.doc for g in golds],
        "entities": score_by_name(golds, out.entities, by_doc, entities),
        "relations": score_relations(golds, entities, out, by_doc),
    }
    spans = [g for g in golds if g.mentions or g.dates or g.debris]
    if spans:  # offset-annotated gold (the seeds): the span-level families too
        result |= {"mentions": score_mentions(spans, entities, by_doc),
                   "dates": score_dates(spans, by_doc),
                   "clusters": score_clusters(spans, entities, by_doc),
                   "debris": score_debris(spans, out.report)}
    return result


def merge_entities(golds: list[GoldDoc]) -> dict[str, GoldEntity]:
    """Gold entities of all files by id; names of repeated ids are pooled."""
    merged: dict[str, GoldEntity] = {}
    for gold in golds:
        for eid, ent in gold.entities.items():
            if eid in merged:
                merged[eid].names.extend(n for n in ent.names if n not in merged[eid].names)
            else:
                merged[eid] = GoldEntity(ent.id, ent.type, list(ent.names))
    return merged


def _group_mentions(mentions: list[PredMention]) -> dict[str, list[PredMention]]:
    grouped: dict[str, list[PredMention]] = defaultdict(list)
    for m in mentions:
        grouped[m.doc].append(m)
    return grouped


def _table(counts: dict[str, Counts], fixed: tuple[str, ...] = ()) -> dict[str, Any]:
    """``{label: prf}`` with the ``fixed`` labels first, others sorted, then ``ALL``."""
    labels = list(fixed) + sorted(set(counts) - set(fixed))
    table = {lab: counts.get(lab, Counts()).as_dict() for lab in labels}
    table["ALL"] = sum_counts(counts.values()).as_dict()
    return table


def _add_into(total: dict[str, Counts], part: dict[str, Counts]) -> None:
    for label, c in part.items():
        total[label] = total.get(label, Counts()) + c


# -- mentions ---------------------------------------------------------------------------


def gold_spans(gold: GoldDoc, entities: dict[str, GoldEntity]) -> list[Span]:
    """Distinct named (non-nominal) gold mention spans, typed by their entity."""
    spans = {(m.start, m.end, entities[m.entity].type) for m in gold.mentions if not m.nominal}
    return sorted(spans)


def pred_spans(mentions: list[PredMention]) -> list[Span]:
    """Distinct predicted named (non-DATE) mention spans."""
    return sorted({(m.start, m.end, m.type) for m in mentions if m.type != "DATE"})


def _span_dict(span: Span, text: str) -> dict[str, Any]:
    return {"start": span[0], "end": span[1], "type": span[2], "text": text}


def _doc_mentions(gold: GoldDoc, entities: dict[str, GoldEntity],
                  preds: list[PredMention]) -> dict[str, Any]:
    g, p = gold_spans(gold, entities), pred_spans(preds)
    strict = strict_match(g, p)
    loose = overlap_match(g, p)
    texts = {(m.start, m.end): m.text for m in gold.mentions} | {
        (m.start, m.end): m.text for m in preds}
    hit_g, hit_p = {gi for gi, _ in strict}, {pi for _, pi in strict}
    return {
        "strict": per_type_counts(g, p, [(g[a], p[b]) for a, b in strict]),
        "overlap": per_type_counts(g, p, [(g[a], p[b]) for a, b in loose]),
        "missed": [_span_dict(s, texts[s[:2]]) for i, s in enumerate(g) if i not in hit_g],
        "spurious": [_span_dict(s, texts[s[:2]]) for i, s in enumerate(p) if i not in hit_p],
    }


def score_mentions(golds: list[GoldDoc], entities: dict[str, GoldEntity],
                   by_doc: dict[str, list[PredMention]]) -> dict[str, Any]:
    """Strict and overlap P/R/F1 of named mentions, per type and ``ALL``."""
    totals: dict[str, dict[str, Counts]] = {"strict": {}, "overlap": {}}
    docs: dict[str, Any] = {}
    for gold in golds:
        part = _doc_mentions(gold, entities, by_doc.get(gold.doc, []))
        for mode in totals:
            _add_into(totals[mode], part[mode])
            part[mode] = _table(part[mode], NAMED_TYPES)
        docs[gold.doc] = part
    return {mode: _table(c, NAMED_TYPES) for mode, c in totals.items()} | {"by_doc": docs}


# -- dates ------------------------------------------------------------------------------


def _pred_dates(preds: list[PredMention]) -> dict[tuple[int, int], PredMention]:
    """Predicted DATE mentions by span (the first row of a repeated span wins)."""
    found: dict[tuple[int, int], PredMention] = {}
    for m in preds:
        if m.type == "DATE":
            found.setdefault((m.start, m.end), m)
    return dict(sorted(found.items()))


def _doc_dates(gold: GoldDoc, preds: list[PredMention]) -> dict[str, Any]:
    required = {(d.start, d.end): d for d in gold.dates if not d.type and not d.in_name}
    optional = {(d.start, d.end) for d in gold.dates if d.type or d.in_name} - set(required)
    predicted = _pred_dates(preds)
    hits = [(key, m) for key, m in predicted.items() if key in required]
    mismatches = [
        {"doc": gold.doc, "start": key[0], "end": key[1], "text": m.text,
         "gold": required[key].value, "predicted": m.value}
        for key, m in hits
        if normalise_value(m.value) != normalise_value(required[key].value)]
    ignored = len(set(predicted) & optional)
    span = Counts(len(hits), len(predicted) - len(hits) - ignored, len(required) - len(hits))
    value_tp = len(hits) - len(mismatches)
    value = Counts(value_tp, span.tp + span.fp - value_tp, len(required) - value_tp)
    return {"span": span, "value": value, "ignored_predictions": ignored,
            "value_mismatches": mismatches}


def score_dates(golds: list[GoldDoc], by_doc: dict[str, list[PredMention]]) -> dict[str, Any]:
    """Span and value P/R/F1 of calendar dates; ``in_name`` dates and durations are
    optional (a prediction on exactly their span is ignored)."""
    parts = {g.doc: _doc_dates(g, by_doc.get(g.doc, [])) for g in golds}
    result: dict[str, Any] = {
        "span": sum_counts(p["span"] for p in parts.values()).as_dict(),
        "value": sum_counts(p["value"] for p in parts.values()).as_dict(),
        "ignored_predictions": sum(p["ignored_predictions"] for p in parts.values()),
        "value_mismatches": [m for p in parts.values() for m in p["value_mismatches"]],
    }
    result["by_doc"] = {doc: {"span": p["span"].as_dict(), "value": p["value"].as_dict()}
                        for doc, p in parts.items()}
    return result


# -- relations --------------------------------------------------------------------------


def gold_name_sets(golds: list[GoldDoc],
                   entities: dict[str, GoldEntity]) -> dict[str, frozenset[str]]:
    """Normalised names of each gold entity: names, canonical, gold mention texts."""
    names: dict[str, list[str]] = {eid: list(e.names) for eid, e in entities.items()}
    for gold in golds:
        for m in gold.mentions:
            names.setdefault(m.entity, []).append(m.text)
    return {eid: name_set(n) for eid, n in names.items()}


def pred_name_sets(out: BuildOutput, mentions: list[PredMention]) -> dict[str, frozenset[str]]:
    """Normalised names of predicted entities: label, aliases, mention texts in the doc."""
    names: dict[str, list[str]] = {e.id: [e.label, *e.aliases] for e in out.entities.values()}
    for m in mentions:
        if m.entity:
            names.setdefault(m.entity, []).append(m.text)
    return {eid: name_set(n) for eid, n in names.items()}


def score_relations(golds: list[GoldDoc], entities: dict[str, GoldEntity], out: BuildOutput,
                    by_doc: dict[str, list[PredMention]]) -> dict[str, Any]:
    """Fact-level P/R/F1 per predicate and ``ALL``, skipping ``other:`` predicates."""
    gold_names = gold_name_sets(golds, entities)
    total: dict[str, Counts] = {}
    rules: dict[str, Counts] = {}
    docs: dict[str, Any] = {}
    for gold in golds:
        names = NameIndex(gold_names, pred_name_sets(out, by_doc.get(gold.doc, [])))
        facts = [f for f in out.facts if f.doc == gold.doc]
        part = score_doc_relations(gold.relations, facts, names)
        _add_into(total, part["counts"])
        _add_into(rules, part.pop("per_rule"))
        part["per_predicate"] = _table(part.pop("counts"))
        docs[gold.doc] = part
    keys = ("skipped_other", "optional_gold", "ignored_predictions")
    sums = {k: sum(d[k] for d in docs.values()) for k in keys}
    core = core_predicates()
    core_total = sum_counts(c for p, c in total.items() if p in core).as_dict()
    return {"per_predicate": _table(total), "core": core_total, **sums,
            "per_rule": _rule_table(rules), "by_doc": docs}


def _rule_table(rules: dict[str, Counts]) -> dict[str, dict[str, Any]]:
    """Per rule id: tp, fp and precision (recall is a predicate's, not a rule's)."""
    return {r: {"tp": c.tp, "fp": c.fp,
                "precision": round(c.tp / (c.tp + c.fp), 4) if c.tp + c.fp else 0.0}
            for r, c in sorted(rules.items())}


def core_predicates() -> frozenset[str]:
    """The predicates histkg's rules target (``kg/data/predicates.toml``, ``[core]``)."""
    from kg.data_files import load_toml

    return frozenset(load_toml("predicates.toml")["core"]["predicates"])


# -- clusters ---------------------------------------------------------------------------


def _cluster_labels(gold: GoldDoc,
                    preds: list[PredMention]) -> list[tuple[str, str]]:
    """``(gold entity, predicted entity)`` of strictly span-matched named mentions."""
    by_span: dict[tuple[int, int], str] = {}
    for m in sorted(preds, key=lambda m: (m.start, m.end, m.type, m.entity)):
        if m.type != "DATE":
            by_span.setdefault((m.start, m.end), m.entity or f"(none)@{gold.doc}:{m.start}")
    named = {(m.start, m.end): m.entity for m in gold.mentions if not m.nominal}
    return [(named[s], by_span[s]) for s in sorted(named) if s in by_span]


def score_clusters(golds: list[GoldDoc], entities: dict[str, GoldEntity],
                   by_doc: dict[str, list[PredMention]]) -> dict[str, Any]:
    """Pairwise P/R/F1 of entity clustering over span-matched named mentions."""
    labels = [pair for g in golds for pair in _cluster_labels(g, by_doc.get(g.doc, []))]
    both = pairs_same(labels)
    gold_same = pairs_same(g for g, _ in labels)
    pred_same = pairs_same(p for _, p in labels)
    n = len(labels)
    return {
        "pairwise": Counts(both, pred_same - both, gold_same - both).as_dict(),
        "gold_mentions": sum(len({(m.start, m.end) for m in g.mentions if not m.nominal})
                             for g in golds),
        "matched_mentions": n,
        "gold_entities": len({g for g, _ in labels}),
        "pred_entities": len({p for _, p in labels}),
        "pairs": n * (n - 1) // 2,
        "gold_same_pairs": gold_same,
        "pred_same_pairs": pred_same,
    }


# -- debris -----------------------------------------------------------------------------


def _pred_debris(report: dict[str, Any] | None) -> tuple[list[tuple[str, int, int]] | None, str]:
    if report is None:
        return None, "no report.json in the output directory"
    raw = report.get("debris")
    if not isinstance(raw, list):
        return None, "report.json has no 'debris' list"
    regions = []
    for i, item in enumerate(raw):
        ok = isinstance(item, dict) and isinstance(item.get("doc"), str) and all(
            isinstance(item.get(k), int) and not isinstance(item.get(k), bool)
            for k in ("start", "end"))
        if not ok:
            return None, f"report.json debris[{i}] is not an object with doc, start, end"
        regions.append((Path(item["doc"]).name, item["start"], item["end"]))
    return regions, ""


def score_debris(golds: list[GoldDoc], report: dict[str, Any] | None) -> dict[str, Any]:
    """Character-level P/R/F1 of OCR debris regions, when report.json lists them."""
    regions, reason = _pred_debris(report)
    if regions is None:
        return {"available": False, "reason": reason}
    parts = {g.doc: char_counts(g.debris, [(s, e) for d, s, e in regions if d == g.doc])
             for g in golds}
    return {"available": True, "chars": sum_counts(parts.values()).as_dict(),
            "by_doc": {doc: c.as_dict() for doc, c in parts.items()}}
