"""List relation errors of a build against gold-dev: missed gold facts with their evidence,
spurious facts with the system's quote and rule. Default: the tuned half only (the check
half is scored, never read for rule writing)::

    python benchmarks/errors.py OUT [--half tuned|check|all] [--predicate P] [--kind missed|spurious]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def main(argv: list[str] | None = None) -> int:
    from kg.evaluate import evaluate

    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--half", default="tuned", choices=("tuned", "check", "all"))
    ap.add_argument("--predicate")
    ap.add_argument("--kind", choices=("missed", "spurious"))
    args = ap.parse_args(argv)
    check = set(tomllib.loads((ROOT / "tests/accuracy_floors.toml").read_text())["check_half"])
    files = sorted((SHARED / "gold-dev").glob("*.json"))
    if args.half != "all":
        files = [f for f in files if (f.stem in check) == (args.half == "check")]
    res = evaluate(Path(args.out), files)["relations"]["by_doc"]
    quotes: dict[tuple, list[str]] = defaultdict(list)
    with open(Path(args.out) / "relations.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            quotes[(row["doc"], row["subject"], row["predicate"], row["object"])].append(
                f'{row["rule"]} {row["confidence"]}: {row["evidence"][:300]!r}')
    for f in files:
        gold = json.loads(f.read_text())
        ev = {(r["subject"], r["predicate"], r["object"]): r["evidence"] for r in gold["relations"]}
        doc = gold["doc"]
        row = res.get(doc, {})
        if args.kind != "spurious":
            for m in row.get("missed", []):
                if args.predicate and m["predicate"] != args.predicate:
                    continue
                e = ev.get((m["subject"], m["predicate"], m["object"]), "")
                print(f"MISS {doc[:30]:30} {m['subject']} —{m['predicate']}→ {m['object']}\n      {e[:300]!r}")
        if args.kind != "missed":
            for s in row.get("spurious", []):
                if args.predicate and s["predicate"] != args.predicate:
                    continue
                qs = [q for (d, su, p, o), v in quotes.items() if d == doc and p == s["predicate"]
                      and (su == s["subject"]) for q in v]
                print(f"FP   {doc[:30]:30} {s['subject']} —{s['predicate']}→ {s['object']}")
                for q in qs[:2]:
                    print(f"      {q}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
