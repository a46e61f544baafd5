"""Names a text states to be one person, by the words between them.

"Empress Alexandra (Princess Alice) Feodorovna", "Anna Larina, née Anna Bukharina", "Iosif
Dzhugashvili, alias Stalin", "Princess Paley, formerly Countess Hohenfelsen": two person
names of one passage with only a bracket, or a comma and "née", "formerly", "alias",
"known as" … between them (``kg/data/linking.toml``: ``same_person_words``). Such a
statement joins names that differ (a woman's maiden name, a new name on marriage or
conversion), so only the sexes must agree.

>>> same_person_between(" (", ")"), same_person_between(", née ", " was"), same_person_between(" and ", "")
(True, True, False)
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from functools import lru_cache

from kg.data_files import load_toml
from kg.errors import DataFileError
from kg.model import Mention
from kg.resolve.anchor import DATA, Context


@lru_cache(maxsize=1)
def _between() -> re.Pattern[str]:
    words = load_toml(DATA).get("same_person_words")
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        raise DataFileError(str(DATA), "expected a list of non-empty strings", "same_person_words")
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"^\s*(?:,\s*|\(\s*)(?:{alternatives})\s+$|^\s*\(\s*$", re.I)


def same_person_between(before: str, after: str) -> bool:
    """Whether the text between two names (``before``) and just after the second
    (``after``) states that they are one person."""
    if not _between().match(before):
        return False
    return not before.strip().startswith("(") or after.lstrip().startswith(")")


def stated_pairs(mentions: list[Mention], ctx: Context) -> list[tuple[Mention, Mention, str]]:
    """Consecutive person mentions of a passage that the text states to be one person."""
    by_passage: dict[tuple[str, int], list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.type == "PERSON" and m.origin not in {"voice", "metadata", "reference"}:
            by_passage[(m.doc_id, m.passage)].append(m)
    pairs = []
    for (doc, index), ms in sorted(by_passage.items()):
        passage = ctx.passage(doc, index)
        if passage is None or len(ms) < 2:
            continue
        ms.sort(key=lambda m: m.start)
        for a, b in zip(ms, ms[1:]):
            start_a, end_a = _local(passage, a)
            start_b, end_b = _local(passage, b)
            between, after = passage.text[end_a:start_b], passage.text[end_b:end_b + 3]
            if 0 <= len(between) <= 30 and same_person_between(between, after):
                pairs.append((a, b, " ".join(between.split()) or "("))
    return pairs


def _local(passage, m: Mention) -> tuple[int, int]:
    return bisect_left(passage.origin, m.start), bisect_left(passage.origin, m.end)
