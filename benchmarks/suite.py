"""Every accuracy set at once: seeds, gold-dev, Re-DocRED dev (1900–1960) and HIPE dev.

Builds each set with ``kg build`` (into ``--work``, default ``/tmp/histkg-suite``) and
prints one table, so a change is judged on all of them together::

    python benchmarks/suite.py                     # all four sets
    python benchmarks/suite.py --sets seeds,dev    # a subset
    python benchmarks/suite.py --json scores.json  # also the figures as JSON

The corpus sets live in ``../shared/`` (``--shared``); HIPE is licensed CC BY-NC-SA and is
only read there, never copied. Re-DocRED documents are built only when their gold names
a year in 1900–1960 (the scope of histkg). gold-dev is also scored by half: ``dev-tuned`` (the 12 passages rules were written
against) and ``dev-check`` (the 12 added for issue 23, kept as the check). Columns: entity F1 by name (typed /
untyped), wrong merges, split rate, relation P/R/F1 (CORE predicates for the seeds, all
for gold-dev, the mapped Wikidata properties for Re-DocRED), strict mention F1 (seeds,
HIPE).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
YEARS = (1900, 1960)


def _build(inputs: list[Path], out: Path, jobs: int) -> float:
    shutil.rmtree(out, ignore_errors=True)  # never score a stale build
    t0 = time.perf_counter()
    cmd = ["kg", "build", *map(str, inputs), "--out", str(out), "--quiet", "-j", str(jobs)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode not in (0, 1) or "Traceback" in proc.stderr or not (out / "mentions.csv").exists():
        sys.exit(f"suite: kg build failed for {out.name}: {proc.stderr.strip()[-400:]}")
    return time.perf_counter() - t0


def _redocred_inputs(shared: Path, work: Path) -> list[Path]:
    from kg.evaluate.gold_sets import redocred_inputs

    return redocred_inputs(shared, work)


def _entity_cols(res: dict[str, Any]) -> dict[str, Any]:
    ents = res["entities"]
    return {"ent_typed_f1": ents["typed"]["f1"], "ent_untyped_f1": ents["untyped"]["f1"],
            "wrong_merges": len(ents["wrong_merges"]), "split_rate": ents["split_rate"]}


def _rel_cols(row: dict[str, Any]) -> dict[str, Any]:
    return {"rel_p": row["precision"], "rel_r": row["recall"], "rel_f1": row["f1"]}


def score_seeds(out: Path) -> dict[str, Any]:
    from kg.evaluate import evaluate

    res = evaluate(out, [ROOT / "tests" / "gold"])
    return (_entity_cols(res) | _rel_cols(res["relations"]["core"])
            | {"mention_f1": res["mentions"]["strict"]["ALL"]["f1"]})


def dev_halves(shared: Path) -> dict[str, list[Path]]:
    """gold-dev's files: all, the first 12 (tuned on) and the new 12 (the check half)."""
    from kg.evaluate.gold_sets import dev_halves as halves

    return halves(shared, ROOT)


def score_dev(out: Path, shared: Path, half: str = "dev") -> dict[str, Any]:
    from kg.evaluate import evaluate

    res = evaluate(out, dev_halves(shared)[half])
    return _entity_cols(res) | _rel_cols(res["relations"]["per_predicate"]["ALL"])


REDOCRED_TYPES = {"PER": "PERSON", "ORG": "ORG", "LOC": "PLACE"}  # MISC mixes events, works, groups


def redocred_entities(out: Path, gold: Path) -> dict[str, Any]:
    """Entities by name on the Re-DocRED documents built: persons, organisations and places
    (Re-DocRED's MISC mixes events, works and groups, so those types are left out)."""
    from kg.evaluate.by_name import score_by_name
    from kg.evaluate.gold import GoldDoc, GoldEntity
    from kg.evaluate.output import load_output

    built = load_output(out)
    by_doc: dict[str, list] = {}
    for m in built.mentions:
        if m.type in REDOCRED_TYPES.values():
            by_doc.setdefault(m.doc, []).append(m)
    files = {name[:4]: name for name in by_doc}
    golds = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        name = files.get(f"{int(item.get('doc_index', -1)):04d}")
        if name is None:
            continue
        ents = {f"{name}#{e['id']}": GoldEntity(f"{name}#{e['id']}", REDOCRED_TYPES[e["type"]],
                                                [m["text"] for m in e["mentions"]])
                for e in item["entities"] if e.get("type") in REDOCRED_TYPES}
        golds.append(GoldDoc(str(gold), name, ents))
    res = score_by_name(golds, built.entities, by_doc)
    return {"ent_typed_f1": res["typed"]["f1"], "ent_untyped_f1": res["untyped"]["f1"],
            "wrong_merges": len(res["wrong_merges"]), "split_rate": res["split_rate"]}


def score_redocred(out: Path, shared: Path) -> dict[str, Any]:
    from kg.evaluate import evaluate_redocred

    gold = shared / "corpus" / "redocred_wikipedia" / "redocred-dev.jsonl"
    res = evaluate_redocred(out, [gold], YEARS)
    return _rel_cols(res["per_predicate"]["ALL"]) | redocred_entities(out, gold)


def score_hipe(out: Path, shared: Path) -> dict[str, Any]:
    from kg.evaluate import evaluate_hipe

    tsv = next((shared / "corpus" / "hipe2022_en" / "hipe2020" / "tsv").glob("*dev-en.tsv"))
    res = evaluate_hipe(out, [tsv], None)
    return {"mention_f1": res["strict"]["ALL"]["f1"], "fuzzy_f1": res["fuzzy"]["ALL"]["f1"]}


def _sets(shared: Path, work: Path) -> dict[str, tuple[Any, Any]]:
    hipe_text = shared / "corpus" / "hipe2022_en" / "hipe2020" / "text" / "dev"
    return {
        "seeds": (lambda: [ROOT / "seeds"], score_seeds),
        "dev": (lambda: [shared / "gold-dev" / "docs"], lambda o: score_dev(o, shared)),
        "redocred": (lambda: _redocred_inputs(shared, work), lambda o: score_redocred(o, shared)),
        "hipe": (lambda: [hipe_text], lambda o: score_hipe(o, shared)),
    }


COLUMNS = ("ent_typed_f1", "ent_untyped_f1", "wrong_merges", "split_rate",
           "rel_p", "rel_r", "rel_f1", "mention_f1", "seconds")


def format_table(rows: dict[str, dict[str, Any]]) -> str:
    """One line per set, ``-`` where a measure does not apply."""
    head = f"{'set':<11}" + "".join(f"{c:>15}" for c in COLUMNS)
    lines = [head, "-" * len(head)]
    for name, row in rows.items():
        cells = [row.get(c, "-") for c in COLUMNS]
        lines.append(f"{name:<11}" + "".join(
            f"{c:>15.3f}" if isinstance(c, float) else f"{c!s:>15}" for c in cells))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", default="seeds,dev,redocred,hipe")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--work", default="/tmp/histkg-suite")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--no-build", action="store_true", help="score the builds already in --work")
    ap.add_argument("--json", help="also write the figures to this JSON file")
    args = ap.parse_args(argv)
    shared, work = Path(args.shared), Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    table = _sets(shared, work)
    rows: dict[str, dict[str, Any]] = {}
    for name in args.sets.split(","):
        inputs, score = table[name]
        out = work / name
        secs = 0.0 if args.no_build else _build(inputs(), out, args.jobs)
        rows[name] = score(out) | {"seconds": round(secs, 1)}
        if name == "dev":  # both halves of the same build, reported apart
            for half in ("dev-tuned", "dev-check"):
                rows[half] = score_dev(out, shared, half)
    print(format_table(rows))
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
