"""Measure each rule's precision on the gold sets and write ``kg/data/calibration.toml``.

::

    python -m kg.evaluate.calibrate                      # builds, counts, writes the file
    python -m kg.evaluate.calibrate --readme README.md   # also the table in README.md

One step: it builds the seeds, gold-dev (all 24 passages, one build) and Re-DocRED dev
1900–1960 with every relation kept (``min_confidence=0``; parsed files are cached in
``--work``), scores each fact against the gold as ``kg evaluate`` does, and counts it for
every (rule, attribution kind) that produced it — on the seeds (CORE predicates), on
gold-dev's **tuned half** only and on Re-DocRED (mapped predicates). The check half of
gold-dev is not counted: it is scored at the chosen threshold, an honest figure.
Precisions are smoothed (:mod:`kg.evaluate.calibration_math`); the default threshold is the
lowest at which the pooled precision of the three sets reaches ``--target`` (0.85), with
every relation's confidence recomputed from the new table, as a build would make it.
The output depends only on the code, the rules and the gold: the same inputs give the
same bytes.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.run.build import BuildOptions, build
from kg.evaluate.calibration_file import render, update_readme
from kg.evaluate.calibration_math import best_strength, choose_threshold, estimate, readable_threshold
from kg.evaluate.gold import load_gold
from kg.evaluate.gold_sets import ROOT, YEARS, dev_halves, redocred_gold, redocred_inputs
from kg.evaluate.metrics import Counts
from kg.evaluate.output import BuildOutput, PredFact, load_output
from kg.evaluate.redocred import in_years, load_redocred, redocred_counts
from kg.evaluate.scorer import core_predicates, merge_entities, score_relations
from kg.export.tables import write_tables
from kg.link.calibration import Calibration, default_path
from kg.link.confidence import evidence_confidence, shifted
from kg.link.rules import load_rules
from kg.model import KnowledgeGraph

TARGET = 0.85
VIA_SEP = "@"  # "rule@via": the counting key of a rule reached through one attribution kind
Scorer = Callable[[BuildOutput], tuple[dict[str, Counts], Counts]]


@dataclass
class Scored:
    """One gold set: its build's facts (keyed for counting), its scorer, and the
    relation each fact belongs to (for its confidence)."""

    name: str
    out: BuildOutput
    score: Scorer
    graph: KnowledgeGraph
    confidence: dict[tuple[str, str, str], float] = field(default_factory=dict)

    def recompute(self, calibration: Calibration) -> None:
        """Each relation's confidence under ``calibration``, as a build would compute it."""
        self.confidence = {(r.subject, r.predicate, r.object): max(
            (evidence_confidence(calibration, e.rule, r.predicate, e.via, e.certainty)
             for e in r.evidence), default=1.0) for r in self.graph.relations}

    def fact_confidence(self, fact: PredFact) -> float:
        return self.confidence.get((fact.subject, fact.predicate, fact.object), 1.0)

    def at(self, threshold: float) -> Counts:
        """Summed counts when the relations below ``threshold`` are left out."""
        kept = [f for f in self.out.facts if self.fact_confidence(f) >= threshold]
        return self.score(replace(self.out, facts=kept))[1]


def gold_scorer(files: list[Path], core_only: bool) -> Scorer:
    """Score facts against gold JSON files (as ``kg evaluate``; CORE predicates only for the seeds)."""
    golds = load_gold(files)
    entities, core = merge_entities(golds), core_predicates()

    def score(out: BuildOutput) -> tuple[dict[str, Counts], Counts]:
        by_doc: dict = {}
        for m in out.mentions:
            by_doc.setdefault(m.doc, []).append(m)
        facts = [f for f in out.facts if f.predicate in core] if core_only else out.facts
        res = score_relations(golds, entities, replace(out, facts=facts), by_doc)
        total = res["core"] if core_only else res["per_predicate"]["ALL"]
        rules = {k: Counts(v["tp"], v["fp"]) for k, v in res["per_rule"].items()}
        return rules, Counts(total["tp"], total["fp"], total["fn"])
    return score


def redocred_scorer(shared: Path) -> Scorer:
    """Score facts against Re-DocRED dev (the documents of 1900–1960, mapped predicates)."""
    docs = [d for d in load_redocred([redocred_gold(shared)]) if in_years(d, YEARS)]
    return lambda out: redocred_counts(out, docs)


def build_set(name: str, inputs: list[Path], work: Path, jobs: int) -> tuple[KnowledgeGraph, BuildOutput]:
    """Build one set with every relation kept and read its tables back as the scorer does."""
    options = BuildOptions(jobs=jobs, cache_dir=str(work / ".cache"), min_confidence=0.0)
    graph = build([str(p) for p in inputs], options)
    folder = work / name
    folder.mkdir(parents=True, exist_ok=True)
    write_tables(graph, folder)
    return graph, keyed(load_output(folder), graph)


def keyed(out: BuildOutput, graph: KnowledgeGraph) -> BuildOutput:
    """Each fact's ``rules`` become counting keys: every ``rule@via`` of the evidence that
    states it in its document, and the plain rule for evidence whose arguments are not a
    pronoun's choice — a rule's precision is measured where its arguments are known, for a
    reference's certainty (:mod:`kg.link.reference`) is the probability of the rest."""
    index = {(r.subject, r.predicate, r.object): r for r in graph.relations}
    for fact in out.facts:
        rel = index.get((fact.subject, fact.predicate, fact.object))
        evidence = [e for e in rel.evidence if Path(e.source).name == fact.doc] if rel else []
        fact.rules = tuple(sorted({e.rule for e in evidence if e.via != "reference"}
                                  | {f"{e.rule}{VIA_SEP}{e.via}" for e in evidence}))
    return out


def counted(sets: list[Scored]) -> tuple[dict[str, tuple[int, int]], dict[tuple[str, str], tuple[int, int]]]:
    """tp/fp per rule and per (rule, via), summed over the sets."""
    rules: dict[str, list[int]] = {}
    for s in sets:
        for key, c in s.score(s.out)[0].items():
            pair = rules.setdefault(key, [0, 0])
            pair[0] += c.tp
            pair[1] += c.fp
    plain = {k: (v[0], v[1]) for k, v in rules.items() if VIA_SEP not in k and k != "(no rule)"}
    vias = {tuple(k.split(VIA_SEP)): (v[0], v[1]) for k, v in rules.items() if VIA_SEP in k}
    return plain, vias


def reference_shift(sets: list[Scored], vias: dict[tuple[str, str], tuple[int, int]],
                    table: dict) -> float:
    """The log-odds shift that makes pronouns' certainties right on average for the gold
    sets' prose: their mean (over the facts stated through a pronoun) equals the measured
    precision of those facts divided by their rules' precision with named arguments. The
    certainty model was fitted on novels (LitBank), where dialogue makes pronouns harder."""
    counts = {rule: pair for (rule, via), pair in vias.items() if via == "reference"}
    expected = sum((tp + fp) * _named_precision(table, rule) for rule, (tp, fp) in counts.items())
    certainties = [e.certainty for s in sets for r in s.graph.relations for e in r.evidence
                   if e.via == "reference" and 0 < e.certainty < 1]
    if not expected or not certainties:
        return 0.0
    target = min(0.99, sum(tp for tp, _ in counts.values()) / expected)
    low, high = -5.0, 5.0
    for _ in range(40):  # the mean shifted certainty rises with the shift: bisect
        mid = (low + high) / 2
        mean = sum(shifted(c, mid) for c in certainties) / len(certainties)
        low, high = (mid, high) if mean < target else (low, mid)
    return round((low + high) / 2, 3)


def _named_precision(table: dict, rule: str) -> float:
    entry = table["rule"].get(rule)
    if entry is None:
        return table["global"]["precision"]
    return entry.get("via", {}).get("name", entry)["precision"]


def curve(sets: list[Scored], thresholds: list[float]) -> list[dict]:
    """Pooled and per-set counts at each threshold."""
    rows = []
    for t in thresholds:
        per_set = {s.name: s.at(t) for s in sets}
        pooled = Counts(*(sum(getattr(c, k) for c in per_set.values()) for k in ("tp", "fp", "fn")))
        rows.append({"threshold": t, "pooled": pooled, "sets": per_set})
    return rows


def pick_threshold(sets: list[Scored], target: float) -> float:
    """The lowest confidence at which the pooled precision of the sets reaches ``target``,
    written with two decimals when that keeps the same relations. (Pooled, not each set:
    Re-DocRED's Wikipedia alone would raise it so far that the history sets lose recall at
    no gain in precision.)"""
    values = sorted({0.0, *(s.fact_confidence(f) for s in sets for f in s.out.facts)})
    points = [(row["threshold"], row["pooled"].as_dict()["precision"]) for row in curve(sets, values)]
    chosen = choose_threshold(points, target)
    below = max((v for v in values if v < chosen), default=None)
    return readable_threshold(chosen, below)


def calibrate(shared: Path, work: Path, jobs: int = 2, target: float = TARGET,
              strength: float | None = None) -> dict:
    """Build, count, smooth and choose the threshold; the file's content as a table."""
    halves = dev_halves(shared)
    seeds = build_set("seeds", [ROOT / "seeds"], work, jobs)
    dev = build_set("dev", [shared / "gold-dev" / "docs"], work, jobs)
    redoc = build_set("redocred", redocred_inputs(shared, work), work, jobs)
    sets = [Scored("seeds", seeds[1], gold_scorer([ROOT / "tests" / "gold"], True), seeds[0]),
            Scored("dev-tuned", dev[1], gold_scorer(halves["dev-tuned"], False), dev[0]),
            Scored("redocred", redoc[1], redocred_scorer(shared), redoc[0])]
    check = Scored("dev-check", dev[1], gold_scorer(halves["dev-check"], False), dev[0])
    rules, vias = counted(sets)
    predicate_of = {r.id: r.predicate for r in load_rules()}
    predicate_of = {r: predicate_of.get(r, r.split(".")[0]) for r in rules}
    strength = strength or best_strength(rules, predicate_of)
    table = estimate(rules, vias, predicate_of, strength)
    table["via"]["reference"]["shift"] = reference_shift(sets, vias, table)
    calibration = Calibration.from_table({"version": 1, "threshold": 0.0, **table}, "(new)")
    for s in [*sets, check]:
        s.recompute(calibration)
    threshold = pick_threshold(sets, target)
    steps = sorted({round(i * 0.05, 2) for i in range(20)} | {threshold})
    return {"strength": strength, "target": target, "threshold": threshold, "table": table,
            "curve": curve(sets, steps), "check": {t: check.at(t) for t in (0.0, threshold)},
            "facts": {s.name: len(s.out.facts) for s in sets}}


def main(argv: list[str] | None = None) -> int:
    """``python -m kg.evaluate.calibrate``."""
    ap = argparse.ArgumentParser(prog="python -m kg.evaluate.calibrate", description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"), help="folder with gold-dev/ and corpus/")
    ap.add_argument("--work", default="/tmp/histkg-calibrate", help="builds and their cache (default: %(default)s)")
    ap.add_argument("--out", default=str(default_path()), help="calibration file to write (default: the shipped one)")
    ap.add_argument("--readme", help="also rewrite the calibration table of this README")
    ap.add_argument("--target", type=float, default=TARGET, help="precision the threshold must reach (default: 0.85)")
    ap.add_argument("--strength", type=float, help="prior strength in facts (default: chosen leave-one-out)")
    ap.add_argument("-j", "--jobs", type=int, default=2, help="build processes (default: 2)")
    args = ap.parse_args(argv)
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    result = calibrate(Path(args.shared), work, args.jobs, args.target, args.strength)
    Path(args.out).write_text(render(result), encoding="utf-8")
    if args.readme:
        update_readme(Path(args.readme), result)
    print(f"{args.out}: {len(result['table']['rule'])} rules, threshold {result['threshold']:g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
