"""Error analysis of a HIPE run: the most frequent false-positive / false-negative patterns.

>>> _shape("Mr. Smith"), _shape("J. Smith"), _shape("BOSTON"), _shape("the")
('title + name', 'name with initials', 'ALLCAPS word', 'lower-case word')
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

MAX_EXAMPLES = 4

_TITLES = {"mr", "mrs", "miss", "dr", "gen", "general", "col", "colonel", "capt", "captain",
           "judge", "senator", "gov", "governor", "president", "rev", "hon", "sir", "lord",
           "lady", "king", "queen", "prince", "major", "lieut", "lieutenant", "mayor",
           "st", "saint", "sergt", "admiral", "secretary", "madame", "mme", "m"}


def _word_shape(w: str) -> str:
    if w.isupper() and len(w) > 1:
        return "ALLCAPS word"
    if not w[:1].isupper():
        return "lower-case word"
    return "single Capitalised word"


def _shape(text: str) -> str:
    words = text.split()
    if not words:
        return "empty"
    if len(words) == 1:
        return _word_shape(words[0])
    if any(re.fullmatch(r"[A-Z]\.?", w) for w in words):
        return "name with initials"
    if words[0].rstrip(".").lower() in _TITLES:
        return "title + name"
    return f"{min(len(words), 4)}{'+' if len(words) >= 4 else ''} words"


def _pattern(e: dict[str, Any], side: str) -> tuple[tuple[str, ...], str, str]:
    """Pattern key, ``type:text`` and example line of error ``e`` seen as a false
    positive (``side="FP"``: from the prediction) or a false negative (``"FN"``)."""
    own, other = ("pred", "gold") if side == "FP" else ("gold", "pred")
    arrow, tag = ("←", "gold") if side == "FP" else ("→", "pred")
    key = (side, e["kind"], f"{e[own + '_type']}{arrow}{e[other + '_type'] or '-'}",
           _shape(e[own + "_text"]))
    text = e[own + "_text"]
    example = text + (f" [{tag} {e[other + '_text']!r}]" if e[other + "_text"] else "")
    return key, f"{e[own + '_type']}:{text}", example


def error_patterns(errors: list[dict[str, Any]], top: int = 10) -> dict[str, Any]:
    """The most frequent false-positive and false-negative patterns (strict):
    kind × types × shape of the text, with examples, and the most frequent texts."""
    found = {"FP": Counter(), "FN": Counter()}
    texts = {"FP": Counter(), "FN": Counter()}
    ex: dict[tuple, list[str]] = defaultdict(list)
    for e in errors:
        sides = [s for s, skip in (("FP", "missed"), ("FN", "spurious")) if e["kind"] != skip]
        for side in sides:
            key, text, example = _pattern(e, side)
            found[side][key] += 1
            texts[side][text] += 1
            if len(ex[key]) < MAX_EXAMPLES:
                ex[key].append(example)

    def rows(counter: Counter) -> list[dict[str, Any]]:
        return [{"count": n, "kind": k[1], "types": k[2], "shape": k[3], "examples": ex[k]}
                for k, n in counter.most_common(top)]

    return {"false_positives": rows(found["FP"]), "false_negatives": rows(found["FN"]),
            "fp_texts": texts["FP"].most_common(top * 2),
            "fn_texts": texts["FN"].most_common(top * 2)}
