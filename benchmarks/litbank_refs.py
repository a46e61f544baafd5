"""How well the person-reference layer resolves he/she/him/her/his on LitBank's coreference
gold (100 English literary texts of 1719–1922, the first ~2,000 words of each; CC BY 4.0).

Fetch the repository ``dbamman/litbank`` and point ``--litbank`` at its ``coref/brat`` folder::

    python benchmarks/litbank_refs.py --litbank /work/litbank/coref/brat [--limit 40]

``--fit`` fits the certainty model (``kg/data/link/reference_model.toml``) on two texts in
three and scores the third with it.

Each text is read and annotated as in a build, and every passage is read by the
:class:`kg.link.reference.Discourse` the linker uses. A gold pronoun counts when its
coreference chain holds a proper name (PROP_PER) before it. The pronoun is resolved
correctly when the mention our discourse takes it to mean overlaps a mention of the same
gold chain. Printed: answered / correct / precision / recall, and the precision per
certainty bin (what the certainty is worth); and two baselines on the same names: the
nearest person named before, and the nearest whose sex agrees.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

SINGULAR = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}
TYPES = re.compile(r"^(PROP|NOM|PRON)_")


def load_gold(ann: Path) -> tuple[dict[int, str], dict[str, list[tuple[int, int]]], set[tuple[int, int]]]:
    """Pronoun start → chain id; chain id → spans; the PROP_PER spans."""
    chains: dict[str, list[tuple[int, int]]] = defaultdict(list)
    props: set[tuple[int, int]] = set()
    for line in ann.read_text(encoding="utf-8").splitlines():
        if not line.startswith("T"):
            continue
        _, info, text = line.split("\t")
        label, start, end = info.split(" ")[:3]
        span = (int(start), int(end))
        if label == "PROP_PER":
            props.add(span)
        elif not TYPES.match(label):
            chains[label].append(span)
    pronouns = {}
    txt = ann.with_suffix(".txt").read_text(encoding="utf-8")
    for chain, spans in chains.items():
        for a, b in spans:
            if txt[a:b].lower() in SINGULAR:
                pronouns[a] = chain
    return pronouns, chains, props


def named_before(chain: list[tuple[int, int]], props: set[tuple[int, int]], at: int) -> bool:
    return any(s in props and s[0] < at for s in chain)


def overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < b and a < span[1] for a, b in spans)


def run_doc(nlp, ann: Path, stats: dict) -> None:
    from kg.annotate import annotate_document
    from kg.link.arguments import ArgumentFinder, Voice
    from kg.read import read_file

    pronouns, chains, props = load_gold(ann)
    txt_path = ann.with_suffix(".txt")
    text = stats["text"] = txt_path.read_text(encoding="utf-8")
    voice, persons = Voice(), []
    for document in read_file(txt_path):
        annotated = annotate_document(nlp, document, text)
        index = {(m.start, m.end): m for m in annotated.mentions}
        for passage, doc in annotated.docs:
            finder = ArgumentFinder(passage, doc, index, voice)
            finder.remember()
            for tok in doc:
                hit = finder.entity(tok)
                if hit is not None and hit[0].start == tok.i and hit[1].type == "PERSON":
                    persons.append((hit[1].start, hit[1].end, hit[1].name))
                found = voice.discourse.at(passage.index, tok)
                if found is None or tok.lower_ not in SINGULAR:
                    continue
                start, _ = passage.to_file(tok.idx, tok.idx + len(tok))
                _score(stats, pronouns, chains, props, start, tok.lower_, found, persons)


def _score(stats, pronouns, chains, props, start, word, found, persons) -> None:
    chain = pronouns.get(start)
    if chain is None:
        return
    if not named_before(chains[chain], props, start):  # refers to someone not (yet) named
        stats["unnamed"] += 1
        if found.mentions:
            stats["answered"] += 1
            stats["unnamed_answered"] += 1
            bin_ = min(9, int(found.certainty * 10))
            stats["bins"][bin_][0] += 1
        if found.best is not None and found.features:
            stats["fit"].append((stats["doc"], found.features, False))
        return
    gold = chains[chain]
    stats["gold"] += 1
    if found.best is not None and found.features:
        m = found.best
        right = overlaps((m.start, m.end), gold) or any(
            overlaps((a, b), gold) for a, b, n in persons if n == m.name and a < start)
        stats["fit"].append((stats["doc"], found.features, right))
    if found.mentions:
        m = found.mentions[0]
        ok = overlaps((m.start, m.end), gold) or any(
            overlaps((a, b), gold) for a, b, n in persons if n == m.name and a < start)
        stats["answered"] += 1
        stats["correct"] += ok
        if not ok and stats.get("show") is not None:
            names = sorted({stats["text"][a:b] for a, b in gold if (a, b) in props})
            ctx = stats["text"][max(0, start - 160):start + 40].replace("\n", " ")
            stats["show"].append(f"{word} @{start}: took {m.name} ({found.certainty}); gold {names}; {found.why}\n    …{ctx}")
        bin_ = min(9, int(found.certainty * 10))
        stats["bins"][bin_][0] += 1
        stats["bins"][bin_][1] += ok
    before = [p for p in persons if p[0] < start]
    if before:
        stats["nearest"] += overlaps(before[-1][:2], gold)
    from kg.annotate.gender import gender
    sex = "m" if word in {"he", "him", "his", "himself"} else "f"
    agree = [p for p in before if gender(p[2]) in (None, sex)]
    if agree:
        stats["nearest_sex"] += overlaps(agree[-1][:2], gold)


def collect(nlp, files: list[Path], errors: int = 0) -> dict:
    """Resolve the pronouns of ``files`` and count against the gold."""
    stats: dict = {"gold": 0, "answered": 0, "correct": 0, "nearest": 0, "nearest_sex": 0,
                   "unnamed": 0, "unnamed_answered": 0,
                   "bins": defaultdict(lambda: [0, 0]), "show": [] if errors else None, "fit": []}
    for i, ann in enumerate(files):
        stats["doc"] = i
        run_doc(nlp, ann, stats)
    return stats


def report(stats: dict, files: list[Path], errors: int = 0) -> None:
    g, a, c = stats["gold"], stats["answered"], stats["correct"]
    print(f"{len(files)} texts, {g} gold pronouns with a named antecedent, {stats['unnamed']} with none "
          f"({stats['unnamed_answered']} of these given to a named person: wrong)")
    print(f"discourse: answered {a}, correct {c}, precision {c / max(a, 1):.3f}, recall {c / max(g, 1):.3f}")
    print(f"baseline nearest person: {stats['nearest'] / max(g, 1):.3f}; nearest of agreeing sex: "
          f"{stats['nearest_sex'] / max(g, 1):.3f}")
    for b in sorted(stats["bins"]):
        n, ok = stats["bins"][b]
        print(f"  certainty {b / 10:.1f}-{(b + 1) / 10:.1f}: {n:5d} answered, precision {ok / n:.3f}")
    for line in (stats["show"] or [])[:errors]:
        print(line)


def fit(rows: list[tuple[dict, bool]], l2: float = 1.0) -> tuple[float, dict[str, float]]:
    """Logistic regression by Newton's method (L2 on the weights, not the bias)."""
    import numpy as np
    from kg.link.reference_model import FEATURES

    x = np.array([[1.0] + [f[k] for k in FEATURES] for f, _ in rows])
    y = np.array([float(ok) for _, ok in rows])
    w = np.zeros(x.shape[1])
    reg = np.eye(len(w)) * l2
    reg[0, 0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-x @ w))
        grad = x.T @ (p - y) + reg @ w
        hess = (x * (p * (1 - p))[:, None]).T @ x + reg
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return float(w[0]), {k: float(v) for k, v in zip(FEATURES, w[1:])}


def write_model(path: Path, bias: float, table: dict[str, float], note: str) -> None:
    lines = ["# Weights of the pronoun certainty model (kg/link/reference_model.py), written by",
             "# `python benchmarks/litbank_refs.py --fit`: logistic regression on LitBank's coreference",
             "# gold (dbamman/litbank, CC BY 4.0): each third-person singular pronoun whose gold chain",
             "# holds a proper name, the discourse's top candidate right or wrong.", *[f"# {n}" for n in note.splitlines()],
             f"bias = {bias:.4f}", "", "[weights]", *[f"{k} = {v:.4f}" for k, v in table.items()]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    from kg.annotate.pipeline import load_pipeline

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--litbank", required=True, help="LitBank's coref/brat folder")
    ap.add_argument("--limit", type=int, default=0, help="only the first N texts")
    ap.add_argument("--errors", type=int, default=0, help="print this many wrong resolutions")
    ap.add_argument("--fit", action="store_true",
                    help="fit the certainty model on two texts in three, write it, score the third")
    args = ap.parse_args(argv)
    files = sorted(Path(args.litbank).glob("*.ann"))[: args.limit or None]
    nlp = load_pipeline()
    if args.fit:
        return _fit(nlp, files)
    report(collect(nlp, files, args.errors), files, args.errors)
    return 0


def _fit(nlp, files: list[Path]) -> int:
    from kg.data_files import data_path
    from kg.link import reference_model

    train = [f for i, f in enumerate(files) if i % 3]
    test = [f for i, f in enumerate(files) if not i % 3]
    rows = [(f, ok) for _, f, ok in collect(nlp, train)["fit"]]
    bias, table = fit(rows)
    write_model(data_path(reference_model.FILE), bias, table, "")
    reference_model.weights.cache_clear()
    held = collect(nlp, test)
    g, a, c = held["gold"], held["answered"], held["correct"]
    note = (f"Fitted on {len(train)} texts ({len(rows)} pronouns); on the other {len(test)} "
            f"({g} pronouns): answered {a}, precision {c / max(a, 1):.3f}, recall {c / max(g, 1):.3f}.")
    write_model(data_path(reference_model.FILE), bias, table, note)
    print(note)
    report(held, test)
    return 0


if __name__ == "__main__":
    sys.exit(main())
