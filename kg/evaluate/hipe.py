"""Score a ``kg build`` output against HIPE-2022 named-entity gold (``kg evaluate --hipe``).

The counting follows the official HIPE scorer (``hipe-eval/HIPE-scorer``,
``hipe_evaluation/ner_eval.py``, itself derived from the SemEval-2013 9.1 scheme):

- entities are **token spans** of the gold tokenisation, compared per document;
- *strict*: same first and last token and same type; *fuzzy* (the scorer's ``ent_type``):
  overlapping tokens and same type;
- every prediction is looked at once, in document order: an exact match is ``correct``;
  otherwise the first gold entity (in document order) that has the same boundaries, or
  that overlaps it and was not overlapped before, makes it ``incorrect`` (wrong type or,
  for strict, wrong boundaries; fuzzy counts an overlap with the right type as
  ``correct``); else it is ``spurious``. Gold entities never overlapped are ``missed``;
- TP = correct, FP = incorrect + spurious, FN = incorrect + missed, micro P/R/F1 per type
  and over all types. As in the scorer, an ``incorrect`` counts under the *gold* type
  and a ``spurious`` under the predicted type.

Gold comes as the original HIPE TSV (tokens, IOB column ``NE-COARSE-LIT``) or as the
derived JSONL of the shared corpus (``doc_id``, ``text``, ``entities`` with character
offsets). Document texts are rebuilt from the TSV tokens the way the corpus' ``.txt``
files were made (a space after each token unless ``NoSpaceAfter``, a newline at
``EndOfLine``; tokens starting with ``#`` are skipped, as the scorer's reader does), so
the character offsets of ``mentions.csv`` map onto gold tokens. With JSONL gold the
tokens are approximated (runs of word characters, single other characters, split at
gold entity edges).

Predicted mentions are projected onto the gold tokens they overlap; when projected
predictions overlap each other, the longest wins (a HIPE response has one tag per token).

>>> gold = HipeDoc("d", "Mr. John Smith of Boston.", [(0, 3), (4, 8), (9, 14), (15, 17),
...                 (18, 24), (24, 25)], [("pers", 0, 2), ("loc", 4, 4)])
>>> pred = [("pers", 4, 14), ("loc", 18, 24)]          # "John Smith", "Boston"
>>> r = score_hipe_docs([gold], {"d": pred}, ("pers", "org", "loc"))
>>> r["strict"]["ALL"]["tp"], r["strict"]["ALL"]["fp"], r["fuzzy"]["ALL"]["tp"]
(1, 1, 2)
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import GoldError
from kg.evaluate.metrics import Counts, sum_counts
from kg.evaluate.output import PredMention, load_output

HIPE_TYPES: tuple[str, ...] = ("pers", "org", "loc", "prod", "time")
DEFAULT_TYPES: tuple[str, ...] = ("pers", "org", "loc")
#: our mention types → HIPE coarse types (prod and time only count when asked for)
TYPE_MAP: dict[str, str] = {"PERSON": "pers", "ORG": "org", "PLACE": "loc",
                            "WORK": "prod", "DATE": "time"}
#: topres19th annotates toponyms only (LOC, BUILDING, STREET): all scored as ``loc``
GOLD_TYPE_MAP: dict[str, str] = {"LOC": "loc", "BUILDING": "loc", "STREET": "loc"}
TAG_COLUMN = "NE-COARSE-LIT"
MAX_LISTED = 400

Ent = tuple[str, int, int]  # type, first token, last token (inclusive)


@dataclass(slots=True)
class HipeDoc:
    """One gold document: id, text, token character spans and gold entities."""

    doc_id: str
    text: str
    tokens: list[tuple[int, int]]
    entities: list[Ent]


# -- reading gold ----------------------------------------------------------------------


def load_hipe(paths: Iterable[str | Path]) -> list[HipeDoc]:
    """Gold documents of HIPE ``.tsv`` or derived ``.jsonl`` files (or folders of them)."""
    docs: list[HipeDoc] = []
    for path in _expand(paths):
        docs += _read_tsv(path) if path.suffix.lower() == ".tsv" else _read_jsonl(path)
    seen = Counter(d.doc_id for d in docs)
    dup = [d for d, n in seen.items() if n > 1]
    if dup:
        raise GoldError(str(dup[0]), "document given twice in the HIPE gold")
    return docs


def _expand(paths: Iterable[str | Path]) -> list[Path]:
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out += sorted(q for q in p.iterdir() if q.suffix.lower() in {".tsv", ".jsonl"})
        elif p.is_file():
            out.append(p)
        else:
            raise GoldError(str(p), "HIPE gold file not found")
    if not out:
        raise GoldError(", ".join(map(str, paths)), "no .tsv or .jsonl HIPE gold files")
    return out


def _gold_type(tag: str) -> str:
    return GOLD_TYPE_MAP.get(tag, tag.lower())


def _read_tsv(path: Path) -> list[HipeDoc]:
    docs: list[HipeDoc] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(str(path), f"cannot read: {exc}") from None
    if not lines or "TOKEN" not in lines[0].split("\t"):
        raise GoldError(str(path), "not a HIPE TSV file (no TOKEN header)")
    header = lines[0].split("\t")
    if TAG_COLUMN not in header:
        raise GoldError(str(path), f"no {TAG_COLUMN} column")
    i_tag, i_misc = header.index(TAG_COLUMN), len(header) - 1
    doc_id, parts, tokens, tags = "", [], [], []

    def flush() -> None:
        if doc_id or tokens:
            docs.append(HipeDoc(doc_id or path.stem, "".join(parts), list(tokens),
                                _iob_entities(tags)))

    for n, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        if line.startswith("#"):  # comments; the scorer also skips '#' tokens
            if line.startswith("# hipe2022:document_id") or line.startswith("# document_id"):
                flush()
                doc_id, parts, tokens, tags = line.split("=", 1)[1].strip(), [], [], []
            continue
        cols = line.split("\t")
        if len(cols) <= max(i_tag, i_misc):
            raise GoldError(str(path), f"line {n}: expected {len(header)} columns")
        misc = cols[i_misc].split("|")
        start = sum(len(p) for p in parts)
        tokens.append((start, start + len(cols[0])))
        sep = "\n" if "EndOfLine" in misc else "" if "NoSpaceAfter" in misc else " "
        parts.append(cols[0] + sep)
        tags.append(cols[i_tag])
    flush()
    return docs


def _iob_entities(tags: Sequence[str]) -> list[Ent]:
    """Entities of an IOB(ES) tag column, as the scorer's ``collect_named_entities``."""
    ents: list[Ent] = []
    cur: list[Any] | None = None
    for i, raw in enumerate(tags):
        tag = raw.split("|")[0]
        if tag in {"O", "_", "-", ""}:
            cur = None
            continue
        prefix, _, etype = tag.partition("-")
        etype = _gold_type(etype or prefix)
        if cur is None or prefix in {"B", "S"} or cur[0] != etype:
            cur = [etype, i, i]
            ents.append(cur)  # type: ignore[arg-type]
        else:
            cur[2] = i
        if prefix in {"E", "S"}:
            cur = None
    return [tuple(e) for e in ents]  # type: ignore[misc]


_TOKEN = re.compile(r"\w+|[^\w\s]")


def _read_jsonl(path: Path) -> list[HipeDoc]:
    docs: list[HipeDoc] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(str(path), f"cannot read: {exc}") from None
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            doc_id, text = str(item["doc_id"]), item["text"]
            spans = [(int(e["start"]), int(e["end"]), _gold_type(str(e["type"])))
                     for e in item.get("entities", [])]
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise GoldError(str(path), f"line {n}: not a HIPE JSONL document ({exc})") from None
        tokens = _approx_tokens(text, spans)
        docs.append(HipeDoc(doc_id, text, tokens, _char_to_tokens(tokens, spans)))
    return docs


def _approx_tokens(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    cuts = {s for s, _e, _t in spans} | {e for _s, e, _t in spans}
    tokens = []
    for m in _TOKEN.finditer(text):
        edges = [m.start(), *sorted(c for c in cuts if m.start() < c < m.end()), m.end()]
        tokens += list(zip(edges, edges[1:]))
    return tokens


def _char_to_tokens(tokens: list[tuple[int, int]],
                    spans: Iterable[tuple[int, int, str]]) -> list[Ent]:
    """Token spans ``(type, first, last)`` of character spans (tokens they overlap)."""
    out = []
    for start, end, etype in spans:
        hit = [i for i, (ts, te) in enumerate(tokens) if ts < end and start < te]
        if hit:
            out.append((etype, hit[0], hit[-1]))
    return out


# -- predictions -----------------------------------------------------------------------


def doc_key(name: str) -> str:
    """``dir/sn83-1790-03-03-a-i0001.txt`` → ``sn83-1790-03-03-a-i0001``."""
    return Path(name).stem if Path(name).suffix.lower() in {".txt", ".md", ".xml"} else Path(name).name


def predicted_spans(mentions: Iterable[PredMention],
                    types: Sequence[str]) -> dict[str, list[tuple[str, int, int]]]:
    """``{doc: [(hipe type, start, end)]}`` of predicted mentions of the scored types."""
    out: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for m in mentions:
        etype = TYPE_MAP.get(m.type)
        if etype in types:
            out[doc_key(m.doc)].append((etype, m.start, m.end))
    return out


def project(doc: HipeDoc, spans: Iterable[tuple[str, int, int]]) -> list[Ent]:
    """Predicted character spans → non-overlapping token entities (longest first)."""
    ents = set(_char_to_tokens(doc.tokens, [(s, e, t) for t, s, e in spans]))
    taken: set[int] = set()
    kept = []
    for ent in sorted(ents, key=lambda x: (-(x[2] - x[1]), x[1], x[0])):
        toks = set(range(ent[1], ent[2] + 1))
        if not toks & taken:
            taken |= toks
            kept.append(ent)
    return sorted(kept, key=lambda x: (x[1], x[2], x[0]))


# -- the scorer ------------------------------------------------------------------------


def _overlaps(a: Ent, b: Ent) -> bool:
    return a[1] <= b[2] and b[1] <= a[2]


def score_entities(gold: Sequence[Ent], pred: Sequence[Ent]) -> dict[str, Any]:
    """Official-scorer counting of one document: per scheme (``strict``, ``fuzzy``)
    ``{type: Counts}`` and ``ALL``, plus the outcome of each prediction and gold entity."""
    counts = {s: defaultdict(Counts) for s in ("strict", "fuzzy")}
    total = {s: Counts() for s in ("strict", "fuzzy")}
    overlapped: list[Ent] = []
    outcome: list[tuple[Ent, str, Ent | None]] = []  # pred, kind, gold

    def add(scheme: str, etype: str, kind: str) -> None:
        c, t = counts[scheme][etype], total[scheme]
        if kind == "correct":
            c.tp, t.tp = c.tp + 1, t.tp + 1
        elif kind == "incorrect":
            c.fp, c.fn, t.fp, t.fn = c.fp + 1, c.fn + 1, t.fp + 1, t.fn + 1
        elif kind == "spurious":
            c.fp, t.fp = c.fp + 1, t.fp + 1
        else:  # missed
            c.fn, t.fn = c.fn + 1, t.fn + 1

    for p in pred:
        if p in gold:
            overlapped.append(p)
            add("strict", p[0], "correct")
            add("fuzzy", p[0], "correct")
            outcome.append((p, "correct", p))
            continue
        found = None
        for g in gold:
            if g[1:] == p[1:] and g[0] != p[0]:
                add("strict", g[0], "incorrect")
                add("fuzzy", g[0], "incorrect")
                found = (p, "wrong type", g)
                break
            if _overlaps(g, p) and g not in overlapped:
                add("strict", g[0], "incorrect")
                add("fuzzy", g[0], "correct" if g[0] == p[0] else "incorrect")
                found = (p, "wrong span" if g[0] == p[0] else "wrong span and type", g)
                break
        if found:
            overlapped.append(found[2])  # type: ignore[arg-type]
            outcome.append(found)
        else:
            add("strict", p[0], "spurious")
            add("fuzzy", p[0], "spurious")
            outcome.append((p, "spurious", None))
    missed = [g for g in gold if g not in overlapped]
    for g in missed:
        add("strict", g[0], "missed")
        add("fuzzy", g[0], "missed")
    return {"counts": counts, "total": total, "outcome": outcome, "missed": missed}


def _table(counts: dict[str, Counts], total: Counts, types: Sequence[str]) -> dict[str, Any]:
    table = {t: counts.get(t, Counts()).as_dict() for t in types}
    table["ALL"] = total.as_dict()
    return table


def _text(doc: HipeDoc, ent: Ent | None) -> str:
    """The text of a token entity, line breaks shown as ``⏎``."""
    if ent is None:
        return ""
    return doc.text[doc.tokens[ent[1]][0]:doc.tokens[ent[2]][1]].replace("\n", "⏎")


def score_hipe_docs(docs: Sequence[HipeDoc], preds: dict[str, list[tuple[str, int, int]]],
                    types: Sequence[str] = DEFAULT_TYPES) -> dict[str, Any]:
    """Strict and fuzzy micro P/R/F1 per type and ``ALL`` over ``docs``; ``preds`` are
    character spans ``(type, start, end)`` by document id. Gold entities of other types
    than ``types`` are left out (as if the gold column had ``O`` there)."""
    totals = {s: Counts() for s in ("strict", "fuzzy")}
    per_type: dict[str, dict[str, Counts]] = {s: defaultdict(Counts) for s in totals}
    errors: list[dict[str, Any]] = []
    for doc in docs:
        gold = [e for e in doc.entities if e[0] in types]
        pred = project(doc, [p for p in preds.get(doc.doc_id, []) if p[0] in types])
        res = score_entities(gold, pred)
        for s in totals:
            totals[s] = totals[s] + res["total"][s]
            for t, c in res["counts"][s].items():
                per_type[s][t] = per_type[s][t] + c
        for p, kind, g in res["outcome"]:
            if kind != "correct":
                errors.append({"doc": doc.doc_id, "kind": kind, "pred_type": p[0],
                               "pred_text": _text(doc, p),
                               "gold_type": g[0] if g else "", "gold_text": _text(doc, g)})
        for g in res["missed"]:
            errors.append({"doc": doc.doc_id, "kind": "missed", "pred_type": "",
                           "pred_text": "", "gold_type": g[0], "gold_text": _text(doc, g)})
    return {
        "types": list(types),
        "docs": len(docs),
        "gold_entities": sum(1 for d in docs for e in d.entities if e[0] in types),
        "strict": _table(per_type["strict"], totals["strict"], types),
        "fuzzy": _table(per_type["fuzzy"], totals["fuzzy"], types),
        "errors": errors,
    }


def parse_types(spec: str | Sequence[str] | None) -> tuple[str, ...]:
    """``"pers,org"`` → ``("pers", "org")``; ``"all"`` → all five HIPE coarse types."""
    if spec is None:
        return DEFAULT_TYPES
    items = spec.split(",") if isinstance(spec, str) else list(spec)
    items = [i.strip().lower() for i in items if i.strip()]
    if items == ["all"]:
        return HIPE_TYPES
    bad = [i for i in items if i not in HIPE_TYPES]
    if bad or not items:
        raise GoldError(str(spec), f"unknown HIPE type(s) {bad}; use {', '.join(HIPE_TYPES)} or all")
    return tuple(items)


def evaluate_hipe(out_dir: str | Path, gold_paths: Sequence[str | Path],
                  types: str | Sequence[str] | None = None) -> dict[str, Any]:
    """Score ``mentions.csv`` of ``out_dir`` against HIPE gold (``.tsv`` / ``.jsonl``).

    Only gold documents are scored; predictions for other files are ignored. As in the
    official scorer, types the gold never uses are not scored (``result["types"]``).
    ``result["unmatched_gold_docs"]`` lists gold documents the build has no file for
    (all their entities count as missed, unless the file had no mentions at all).
    """
    out = load_output(out_dir)
    docs = load_hipe(gold_paths)
    # as the scorer: only types the gold annotates are evaluated (topres19th: loc only)
    present = {e[0] for d in docs for e in d.entities}
    types = tuple(t for t in parse_types(types) if t in present)
    preds = predicted_spans(out.mentions, types)
    built = {doc_key(m.doc) for m in out.mentions}
    result = score_hipe_docs(docs, preds, types)
    result["gold_files"] = [str(p) for p in _expand(gold_paths)]
    result["unmatched_gold_docs"] = sorted(d.doc_id for d in docs if d.doc_id not in built)
    result["error_patterns"] = error_patterns(result["errors"])
    result["errors"] = result["errors"][:MAX_LISTED]
    return result


# -- error analysis --------------------------------------------------------------------


def _shape(text: str) -> str:
    words = text.split()
    if not words:
        return "empty"
    if len(words) == 1:
        w = words[0]
        if w.isupper() and len(w) > 1:
            return "ALLCAPS word"
        if not w[:1].isupper():
            return "lower-case word"
        return "single Capitalised word"
    if any(re.fullmatch(r"[A-Z]\.?", w) for w in words):
        return "name with initials"
    if words[0].rstrip(".").lower() in _TITLES:
        return "title + name"
    return f"{min(len(words), 4)}{'+' if len(words) >= 4 else ''} words"


_TITLES = {"mr", "mrs", "miss", "dr", "gen", "general", "col", "colonel", "capt", "captain",
           "judge", "senator", "gov", "governor", "president", "rev", "hon", "sir", "lord",
           "lady", "king", "queen", "prince", "major", "lieut", "lieutenant", "mayor",
           "st", "saint", "sergt", "admiral", "secretary", "madame", "mme", "m"}


def error_patterns(errors: list[dict[str, Any]], top: int = 10) -> dict[str, Any]:
    """The most frequent false-positive and false-negative patterns (strict):
    kind × types × shape of the text, with examples, and the most frequent texts."""
    fp = Counter()
    fn = Counter()
    ex: dict[tuple, list[str]] = defaultdict(list)
    fp_text, fn_text = Counter(), Counter()
    for e in errors:
        if e["kind"] != "missed":
            key = ("FP", e["kind"], f"{e['pred_type']}←{e['gold_type'] or '-'}",
                   _shape(e["pred_text"]))
            fp[key] += 1
            fp_text[f"{e['pred_type']}:{e['pred_text']}"] += 1
            if len(ex[key]) < 4:
                ex[key].append(e["pred_text"] + (f" [gold {e['gold_text']!r}]" if e["gold_text"] else ""))
        if e["kind"] != "spurious":
            key = ("FN", e["kind"], f"{e['gold_type']}→{e['pred_type'] or '-'}",
                   _shape(e["gold_text"]))
            fn[key] += 1
            fn_text[f"{e['gold_type']}:{e['gold_text']}"] += 1
            if len(ex[key]) < 4:
                ex[key].append(e["gold_text"] + (f" [pred {e['pred_text']!r}]" if e["pred_text"] else ""))

    def rows(counter: Counter) -> list[dict[str, Any]]:
        return [{"count": n, "kind": k[1], "types": k[2], "shape": k[3], "examples": ex[k]}
                for k, n in counter.most_common(top)]

    return {"false_positives": rows(fp), "false_negatives": rows(fn),
            "fp_texts": fp_text.most_common(top * 2), "fn_texts": fn_text.most_common(top * 2)}
