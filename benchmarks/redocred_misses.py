"""Re-DocRED misses whose two arguments the build recognised, with their evidence sentences.

A missed gold fact (Re-DocRED dev, 1900–1960, mapped as :mod:`kg.evaluate.redocred_map`
says) is a rule's to find only when both its arguments are entities of the build: a
mention whose entity shares a normalised name with the gold entity (a date object: a date
mention of a compatible value). This lists those misses per predicate with the sentences
Re-DocRED gives as evidence (else the sentences naming both), for writing frames::

    python benchmarks/suite.py --sets redocred --work /tmp/suite-me
    python benchmarks/redocred_misses.py /tmp/suite-me/redocred            # counts and misses
    python benchmarks/redocred_misses.py /tmp/suite-me/redocred --predicate member_of
    python benchmarks/redocred_misses.py /tmp/suite-me/redocred --json misses.json

Only reads the build and the gold; never read gold-dev's check half with it (it reads
Re-DocRED only).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
YEARS = (1900, 1960)


def _name_sets(out: Any, mentions: list) -> list[frozenset[str]]:
    """The normalised names of every entity mentioned in one document."""
    from kg.evaluate.redocred_gold import name_set

    texts: dict[str, set[str]] = {}
    for m in mentions:
        if m.entity:
            texts.setdefault(m.entity, set()).add(m.text)
    sets = []
    for eid, forms in texts.items():
        ent = out.entities.get(eid)
        sets.append(name_set(list(forms) + ([ent.label, *ent.aliases] if ent else [])))
    return sets


def _evidence(item: dict[str, Any], fact: Any) -> list[str]:
    """Re-DocRED's evidence sentences of a fact, else the sentences naming both arguments."""
    ids = next((r.get("evidence_sents", []) for r in item["relations"]
                if r["relation"] == fact.prop and {r["head"], r["tail"]} == {fact.subject, fact.object}), [])
    if not ids:
        ents = {e["id"]: e for e in item["entities"]}
        sent = [{m["sent_id"] for m in ents[i]["mentions"]} for i in (fact.subject, fact.object)]
        ids = sorted(sent[0] & sent[1]) or sorted(sent[0] | sent[1])[:2]
    return [item["text"][slice(*item["sentence_spans"][i])] for i in ids]


def _doc_misses(out: Any, doc: Any, item: dict[str, Any], facts: list, mentions: list) -> list[dict]:
    """(fact, recognised, evidence) rows for the required gold facts the build missed."""
    from kg.evaluate.redocred_gold import date_parts, dates_compatible
    from kg.evaluate.redocred_map import DATE_PREDICATES
    from kg.evaluate.redocred_match import _compatible, canonical_predictions, distinct_gold

    preds = canonical_predictions(out, facts, mentions)
    names = _name_sets(out, mentions)
    dates = [d for d in (date_parts(m.value) for m in mentions if m.value) if d]

    def known(gid: int, is_date: bool) -> bool:
        if is_date:
            return any(dates_compatible(v, d) for v in dates for d in doc.dates.get(gid, []))
        return any(s & doc.names[gid] for s in names)

    rows = []
    for fact in (f for f in distinct_gold(doc.facts) if not f.optional):
        if any(_compatible(p, fact, doc) for p in preds):
            continue
        ok = known(fact.subject, False) and known(fact.object, fact.predicate in DATE_PREDICATES)
        first = {e["id"]: e["mentions"][0]["text"] for e in item["entities"]}
        rows.append({"doc": doc.key, "predicate": fact.predicate, "property": fact.prop,
                     "subject": first[fact.subject], "object": first[fact.object],
                     "recognised": ok, "evidence": _evidence(item, fact) if ok else []})
    return rows


def misses(build: Path, gold: Path) -> list[dict[str, Any]]:
    """Every missed required gold fact of the 1900–1960 documents, recognised or not."""
    from kg.evaluate.output import load_output
    from kg.evaluate.redocred import _by_doc
    from kg.evaluate.redocred_gold import in_years, load_redocred

    raw = {f"{int(j['doc_index']):04d}": j for j in map(json.loads, gold.open(encoding="utf-8"))}
    out = load_output(build)
    facts, mentions = _by_doc(out.facts), _by_doc(out.mentions)
    rows: list[dict[str, Any]] = []
    for doc in (d for d in load_redocred([gold]) if in_years(d, YEARS)):
        rows += _doc_misses(out, doc, raw[doc.key], facts.get(doc.key, []), mentions.get(doc.key, []))
    return rows


def report(rows: list[dict[str, Any]], predicate: str | None) -> str:
    """Counts per predicate (recognised / all), then the recognised misses with evidence."""
    every = Counter(r["predicate"] for r in rows)
    seen = Counter(r["predicate"] for r in rows if r["recognised"])
    lines = [f"{p:<16} {seen[p]:>4} of {every[p]:>4} misses with both arguments recognised"
             for p in sorted(every)]
    lines.append(f"{'ALL':<16} {sum(seen.values()):>4} of {len(rows):>4}")
    for r in rows:
        if r["recognised"] and predicate in (None, r["predicate"]):
            lines.append(f"{r['doc']} {r['predicate']} ({r['property']}) {r['subject']} | {r['object']}")
            lines += [f"    {s[:260]}" for s in r["evidence"][:3]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("build", help="a kg build of the Re-DocRED dev texts (suite.py's WORK/redocred)")
    ap.add_argument("--gold", default=str(ROOT.parent / "shared" / "corpus" / "redocred_wikipedia"
                                          / "redocred-dev.jsonl"))
    ap.add_argument("--predicate", help="list the misses of this predicate only")
    ap.add_argument("--json", help="also write every miss to this JSON file")
    args = ap.parse_args(argv)
    rows = misses(Path(args.build), Path(args.gold))
    print(report(rows, args.predicate))
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
