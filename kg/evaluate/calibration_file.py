"""Write the calibration (``kg/data/calibration.toml``) and its table in README.md.

The TOML is written by hand (keys sorted, numbers rounded to 4 places), so the same
measurements give the same bytes; :mod:`kg.link.calibration` reads it back.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kg.errors import DataFileError
from kg.evaluate.metrics import Counts

HEADER = """\
# histkg calibration: the measured precision of each relation rule, by attribution kind.
# Written by `python -m kg.evaluate.calibrate` (run it again when the rules change; do not
# edit by hand). Read at start-up by kg/link/calibration.py: a relation's confidence is
# the precision of its (rule, via) times the certainty of its arguments (kg/link/confidence.py);
# through a pronoun ("reference"), the rule's precision with named arguments times the
# pronoun's certainty (a probability fitted on LitBank's novels, kg/link/reference_model.py)
# moved in log-odds by via.reference.shift, so that over the facts the gold sets state
# through a pronoun the mean certainty equals their measured precision over their rules'.
# A rule's own precision is counted on facts with named arguments only.
#
# Counted on the seeds (tests/gold, CORE predicates), gold-dev's tuned half (the passages the
# rules were written against; the check half is held out) and Re-DocRED dev 1900-1960
# (mapped predicates). A fact (document, subject, predicate, object) counts once for every
# rule and every (rule, via) that stated it: tp when it matches the gold, fp when not (a
# fact matching only optional gold counts neither way). via: "name" (arguments written
# out), "reference" (a pronoun or a title), "voice" (a letter's I/you).
#
# Smoothing: Beta-binomial, each level shrunk towards the level above by a prior worth
# {strength:g} facts (of 1, 2, 4 ... 32, the strength under which each counted fact is best
# predicted from the others, leave-one-out log loss):
# precision = (tp + {strength:g} x parent) / (tp + fp + {strength:g}). global =
# (TP + 1) / (N + 2) (a uniform prior); a predicate is shrunk towards global, a rule towards
# its predicate, (rule, via) towards the rule's precision on its other vias' facts x the
# via's factor (the via's pooled precision relative to named arguments, at most 1; no fact
# is used twice). Why: most rules fire a handful
# of times on the gold, so a rule right twice out of twice is pulled to its predicate's
# record instead of 1.0, and a level never seen is exactly its parent. A rule this file
# does not list takes its predicate's precision, else the global one (times the via factor).
#
# threshold: the default `kg build --min-confidence`, the lowest confidence at which the
# pooled precision of the three sets reaches {target:g} ([[curve]]: pooled and per set, with
# every confidence recomputed from this file); [check]: gold-dev's held-out half, at no
# threshold and at this one.
"""


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(round(value, 4))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + " }"
    return json.dumps(str(value), ensure_ascii=False)


def _key(key: str) -> str:
    bare = key.replace("_", "").replace("-", "").isalnum() and key.isascii()
    return key if bare else json.dumps(key)


def _lines(values: dict[str, Any]) -> list[str]:
    return [f"{_key(k)} = {_value(v)}" for k, v in values.items()]


def _scores(c: Counts) -> dict[str, Any]:
    return c.as_dict()


def render(result: dict[str, Any]) -> str:
    """The calibration file's text."""
    table = result["table"]
    out = [HEADER.format(strength=result["strength"], target=result["target"]),
           "version = 1", f"prior_strength = {_value(float(result['strength']))}",
           f"threshold = {_value(float(result['threshold']))}", "", "[sets]  # facts counted per set"]
    out += _lines(result["facts"])
    check = result["check"]
    out += ["", "[check]  # gold-dev's held-out half", f"threshold = {_value(float(result['threshold']))}"]
    out += _lines({"at_threshold": _scores(check[result["threshold"]]), "no_threshold": _scores(check[0.0])})
    for row in result["curve"]:
        out += ["", "[[curve]]", f"threshold = {_value(float(row['threshold']))}"]
        out += _lines(_scores(row["pooled"]) | {k: _scores(c) for k, c in row["sets"].items()})
    out += ["", "[global]"] + _lines(table["global"])
    for name in ("via", "predicate"):
        for key, entry in sorted(table[name].items()):
            out += ["", f"[{name}.{_key(key)}]"] + _lines(entry)
    for key, entry in sorted(table["rule"].items()):
        out += ["", f"[rule.{_key(key)}]"] + _lines({k: v for k, v in entry.items() if k != "via"})
        out += [f"via.{k} = {_value(v)}" for k, v in entry["via"].items()]
    return "\n".join(out) + "\n"


BEGIN = "<!-- calibration: begin (python -m kg.evaluate.calibrate --readme README.md writes this part) -->"
END = "<!-- calibration: end -->"


def _pr(c: dict[str, Any]) -> str:
    return f"{c['precision']:.3f} / {c['recall']:.3f}"


def readme_block(result: dict[str, Any]) -> str:
    """The Markdown of the calibration: the threshold curve, the check half, the per-rule table."""
    names = list(result["curve"][0]["sets"])
    lines = [BEGIN, "", "| threshold | pooled P / R | " + " | ".join(f"{n} P / R" for n in names) + " |",
             "|---|---|" + "---|" * len(names)]
    for row in result["curve"]:
        mark = " **(default)**" if row["threshold"] == result["threshold"] else ""
        cells = [_pr(_scores(row["pooled"]))] + [_pr(_scores(row["sets"][n])) for n in names]
        lines.append(f"| {row['threshold']:.2f}{mark} | " + " | ".join(cells) + " |")
    check = {t: _scores(c) for t, c in result["check"].items()}
    lines += ["", f"gold-dev's held-out check half: P / R {_pr(check[0.0])} with every relation, "
                  f"{_pr(check[result['threshold']])} at the default threshold {result['threshold']:g}.", "",
              "| rule | predicate | tp | fp | precision | by attribution (tp/fp) |", "|---|---|---|---|---|---|"]
    for rule, e in sorted(result["table"]["rule"].items()):
        via = ", ".join(f"{k} {v['tp']}/{v['fp']}" for k, v in e["via"].items() if k != "name")
        lines.append(f"| `{rule}` | {e['predicate']} | {e['tp']} | {e['fp']} | {e['precision']:.2f} | {via} |")
    vias = result["table"]["via"]
    lines += ["", "Attribution kinds (pooled): " + "; ".join(
        f"{k} {v['tp']}/{v['fp']}, precision {v['precision']:.2f}, factor {v['factor']:.2f}"
        for k, v in vias.items()) + f". Global: {result['table']['global']['precision']:.2f}.", "", END]
    return "\n".join(lines)


def update_readme(path: Path, result: dict[str, Any]) -> None:
    """Replace the calibration block of a README (between its two markers)."""
    text = path.read_text(encoding="utf-8")
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        raise DataFileError(str(path), f"no calibration block: put the lines {BEGIN!r} and {END!r} where it goes")
    path.write_text(text[:start] + readme_block(result) + text[end + len(END):], encoding="utf-8")
