"""``format_report``: the result of :func:`kg.evaluate.evaluate` as a plain-text table.

>>> row = {"precision": 0.5, "recall": 1.0, "f1": 0.6667, "tp": 1, "fp": 1, "fn": 0}
>>> print(format_row("ALL", row))
ALL                                 0.500  1.000  0.667      1      1      0
"""

from __future__ import annotations

from typing import Any

LABEL_WIDTH = 34
HEADER = f"{'':<{LABEL_WIDTH}} {'P':>6} {'R':>6} {'F1':>6} {'tp':>6} {'fp':>6} {'fn':>6}"
MAX_LISTED = 20


def format_row(label: str, prf: dict[str, Any]) -> str:
    """One fixed-width line: label, P, R, F1 (3 decimals), tp, fp, fn."""
    return (f"{label[:LABEL_WIDTH]:<{LABEL_WIDTH}} {prf['precision']:>6.3f} "
            f"{prf['recall']:>6.3f} {prf['f1']:>6.3f} "
            f"{prf['tp']:>6d} {prf['fp']:>6d} {prf['fn']:>6d}")


def _table(title: str, rows: dict[str, dict[str, Any]]) -> list[str]:
    lines = [title, HEADER]
    for label, prf in rows.items():
        if label == "ALL":
            lines.append("-" * len(HEADER))
        lines.append(format_row(label, prf))
    return lines + [""]


def _heading(text: str) -> list[str]:
    return [text, "=" * len(text)]


def _mentions(section: dict[str, Any]) -> list[str]:
    return (_heading("MENTIONS")
            + _table("strict (same start, end and type)", section["strict"])
            + _table("overlap (overlapping span, same type, one-to-one)", section["overlap"]))


def _dates(section: dict[str, Any]) -> list[str]:
    lines = _heading("DATES") + _table(
        "calendar dates (in-name dates and durations optional)",
        {"span": section["span"], "value": section["value"]})
    lines.append(f"predictions ignored (optional gold spans): {section['ignored_predictions']}")
    mismatches = section["value_mismatches"]
    lines.append(f"value mismatches: {len(mismatches)}")
    for m in mismatches[:MAX_LISTED]:
        lines.append(f"  {m['doc']} {m['start']}-{m['end']} {m['text']!r}: "
                     f"gold {m['gold']!r}, predicted {m['predicted']!r}")
    if len(mismatches) > MAX_LISTED:
        lines.append(f"  ... and {len(mismatches) - MAX_LISTED} more (see the JSON result)")
    return lines + [""]


def _relations(section: dict[str, Any]) -> list[str]:
    core = [format_row("CORE", section["core"])] if "core" in section else []
    return _heading("RELATIONS") + _table("facts per predicate", section["per_predicate"]) + core + [
        "(CORE: the predicates histkg's rules target, kg/data/predicates.toml; ALL adds the rest)",
        f"gold relations skipped (other:*): {section['skipped_other']}",
        f"optional gold facts: {section['optional_gold']}; "
        f"predictions ignored (matching only optional facts): {section['ignored_predictions']}",
        "",
    ] + _rules(section.get("per_rule", {}))


def _rules(rows: dict[str, dict[str, Any]]) -> list[str]:
    """Precision per rule id (tp / fp), so a rule wrong more often than right shows up."""
    if not rows:
        return []
    lines = ["facts per rule", f"{'':52} {'P':>6} {'tp':>6} {'fp':>6}"]
    lines += [f"{rule:52} {row['precision']:6.3f} {row['tp']:6d} {row['fp']:6d}"
              for rule, row in rows.items()]
    return lines + [""]


def _clusters(section: dict[str, Any]) -> list[str]:
    return _heading("CLUSTERS") + _table(
        "pairwise, over strictly span-matched named mentions",
        {"pairs": section["pairwise"]}) + [
        f"matched mentions: {section['matched_mentions']} of {section['gold_mentions']} "
        f"gold named mentions; gold entities {section['gold_entities']}, "
        f"predicted entities {section['pred_entities']}",
        f"pairs: {section['pairs']}; same gold entity {section['gold_same_pairs']}, "
        f"same predicted entity {section['pred_same_pairs']}",
        "",
    ]


def _debris(section: dict[str, Any]) -> list[str]:
    if not section.get("available"):
        return _heading("DEBRIS") + [f"not available: {section.get('reason', '')}", ""]
    return _heading("DEBRIS") + _table("character level", {"chars": section["chars"]})


def _entities(section: dict[str, Any]) -> list[str]:
    rows = {"typed": section["typed"], "untyped": section["untyped"]}
    rows |= {f"  {t}": c for t, c in section["per_type"].items()}
    merges, splits = section["wrong_merges"], section["splits"]
    lines = _heading("ENTITIES") + _table(
        "by name (one-to-one, normalised names; typed = same type)", rows)[:-1] + [
        f"wrong merges (one system entity, two gold entities): {len(merges)}",
        *(f"  {m['entity']}: {', '.join(m['gold'])}" for m in merges[:MAX_LISTED]),
        f"splits (one gold entity, several system entities): {len(splits)} "
        f"= {section['split_rate']:.1%} of {section['gold_entities']} gold entities",
        *(f"  {s['doc']} {s['gold']}: {', '.join(e['id'] for e in s['entities'])}"
          for s in splits[:MAX_LISTED]), ""]
    return lines


def _by_doc(result: dict[str, Any]) -> list[str]:
    rows: dict[str, dict[str, Any]] = {}
    for doc in result["docs"]:
        name = doc[:LABEL_WIDTH - 10]
        rows[f"{name} entities"] = result["entities"]["by_doc"][doc]["typed"]
        if doc in result.get("mentions", {}).get("by_doc", {}):
            rows[f"{name} mentions"] = result["mentions"]["by_doc"][doc]["strict"]["ALL"]
            rows[f"{name} dates"] = result["dates"]["by_doc"][doc]["span"]
        rows[f"{name} relations"] = result["relations"]["by_doc"][doc]["per_predicate"]["ALL"]
    lines = _heading("BY DOCUMENT") + [HEADER]
    return lines + [format_row(label, prf) for label, prf in rows.items()] + [""]


def format_report(result: dict[str, Any]) -> str:
    """Human-readable report of an :func:`kg.evaluate.evaluate` result.

    Sections ENTITIES (by name), MENTIONS, DATES (offset gold only), RELATIONS,
    CLUSTERS, DEBRIS (offset gold only) and BY DOCUMENT, each a
    fixed-width table with columns P, R, F1, tp, fp, fn.

    >>> text = format_report(result)                        # doctest: +SKIP
    >>> text.splitlines()[0]                                # doctest: +SKIP
    'histkg evaluation of out/ against 2 gold file(s)'
    """
    lines = []
    if "entities" in result:
        lines += [f"histkg evaluation of {result['out_dir']} against "
                  f"{len(result['gold_files'])} gold file(s)",
                  *(f"  {path}" for path in result["gold_files"]), ""]
        lines += _entities(result["entities"])
        if "mentions" in result:
            lines += _mentions(result["mentions"]) + _dates(result["dates"])
        lines += _relations(result["relations"])
        if "clusters" in result:
            lines += _clusters(result["clusters"]) + _debris(result["debris"])
        lines += _by_doc(result)
    if "hipe" in result:
        lines += _hipe(result["out_dir"], result["hipe"])
    if "redocred" in result:
        lines += _redocred(result["out_dir"], result["redocred"])
    return "\n".join(lines).rstrip() + "\n"


def _hipe(out_dir: str, section: dict[str, Any]) -> list[str]:
    lines = _heading(f"HIPE NER: {out_dir} against {', '.join(section['gold_files'])}") + [
        f"{section['docs']} documents, {section['gold_entities']} gold entities of types "
        f"{', '.join(section['types'])} (official HIPE scorer counting, micro)", ""]
    lines += _table("strict (same tokens and type)", section["strict"])
    lines += _table("fuzzy (overlapping tokens, same type)", section["fuzzy"])
    missing = section["unmatched_gold_docs"]
    if missing:
        lines += [f"gold documents with no predicted mention: {len(missing)} "
                  f"({', '.join(missing[:5])}{' ...' if len(missing) > 5 else ''})", ""]
    patterns = section.get("error_patterns", {})
    for title, key in (("most frequent false positives (strict)", "false_positives"),
                       ("most frequent false negatives (strict)", "false_negatives")):
        lines.append(title)
        for row in patterns.get(key, []):
            lines.append(f"  {row['count']:>4}  {row['kind']:<20} {row['types']:<11} "
                         f"{row['shape']:<24} e.g. {'; '.join(row['examples'][:3])}")
        lines.append("")
    return lines


def _redocred(out_dir: str, section: dict[str, Any]) -> list[str]:
    years = section["years"]
    scope = f"documents naming a year in {years[0]}-{years[1]}" if years else "all documents"
    lines = _heading(f"RE-DOCRED RELATIONS: {out_dir} against "
                     f"{', '.join(section['gold_files'])}") + [
        f"{section['docs']} {scope}; predictions matching only optional gold "
        f"(P800, P170, P86, P676, P58, P54) ignored: {section['ignored_predictions']}", ""]
    lines += _table("facts per predicate (Wikidata properties mapped)", section["per_predicate"])
    gold = ", ".join(f"{k} {v}" for k, v in section["gold_by_property"].items())
    return lines + [f"gold facts by property: {gold}", ""] + _rules(section.get("per_rule", {}))
