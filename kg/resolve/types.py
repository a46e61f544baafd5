"""One name, one type in a document: the strongest cues decide, and the votes are kept.

The mentions of a name in one document (its spelling variants joined: Avdeiev = Avdeieff)
may disagree on type — the model calls a guard a place 73 times while the text names him
"Commissar Avdeiev" and "Alexander Avdeiev". Each mention votes for its type with the
strength of its cue:

====  =====================================================================
4     a gazetteer entry
3     the name's own structure: a given name or a rank before it ("Commissar Avdeiev"); a
      person's full name also votes for its surname ("Alexander Avdeiev" → Avdeiev); the
      text's definition of the name ("Heeney is a census-designated place")
2     a name-shape rule, the document's layout or markup
1     the statistical model's guess
====  =====================================================================

The type with the strongest cue wins (between equal cues, a two-to-one majority); the
mentions of the other types follow it, unless those have a strong cue of their own (3 or
more: a gazetteer place "Washington" and "General Washington" stay apart). The decisions,
with their votes, are returned for the report.

>>> from kg.model import Mention
>>> ms = [Mention("d", "d.txt", i, i + 8, "Avdeieff", "PLACE", 0, name="Avdeieff") for i in range(3)]
>>> ms.append(Mention("d", "d.txt", 90, 107, "Commissar Avdeiev", "PERSON", 0, origin="shape", name="Commissar Avdeiev"))
>>> [v["type"] for v in vote_types(ms)], {m.type for m in ms}
(['PERSON'], {'PERSON'})
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache
from typing import Any

from kg.model import Mention
from kg.resolve.keys import split_title, translit_key
from kg.resolve.structure import _normal_case, parse_name

ORIGIN_CUES = {"gazetteer": 4, "definition": 3, "markup": 2, "layout": 2, "shape": 2}
CUE_NAMES = {4: "gazetteer", 3: "name structure or definition", 2: "name shape or layout", 1: "model"}
STRONG = 3


@lru_cache(maxsize=262144)
def vote_key(name: str) -> str:
    """The key a name votes under: titles aside, spelling variants joined."""
    return translit_key(split_title(_normal_case(name))[1])


def _cue(m: Mention) -> int:
    if m.key or m.origin == "gazetteer":
        return 4
    if m.type == "PERSON":
        parts = parse_name(m.name or m.text)
        if parts.kind == "full" or parts.titles and parts.kind in {"surname", "initials+surname"}:
            return 3
    return ORIGIN_CUES.get(m.origin, 1)


@lru_cache(maxsize=262144)
def _full_surname(name: str) -> str | None:
    """The surname of a person's full name ("Alexander Avdeiev" → 'avdeev'), else None."""
    parts = parse_name(name)
    return parts.surname if parts.kind == "full" else None


def _ballots(mentions: list[Mention]) -> dict[tuple[str, str], list[tuple[Mention | None, str, int]]]:
    """(document, key) → (mention or None for a surname vote, type, cue) for every vote, for
    the keys whose mentions disagree on type."""
    voting = [m for m in mentions if m.type != "DATE" and m.origin not in {"voice", "metadata", "reference"}]
    types: dict[tuple[str, str], set[str]] = defaultdict(set)
    for m in voting:
        types[(m.source, vote_key(m.name or m.text))].add(m.type)
        surname = _full_surname(m.name or m.text) if m.type == "PERSON" and not m.key else None
        if surname:
            types[(m.source, surname)].add("PERSON")
    contested = {k for k, ts in types.items() if len(ts) > 1}
    ballots: dict[tuple[str, str], list] = defaultdict(list)
    for m in voting:
        key = (m.source, vote_key(m.name or m.text))
        if key in contested:
            ballots[key].append((m, m.type, _cue(m)))
        surname = _full_surname(m.name or m.text) if m.type == "PERSON" and not m.key else None
        if surname and (m.source, surname) in contested and _cue(m) >= STRONG:
            ballots[(m.source, surname)].append((None, "PERSON", STRONG))
    return ballots


def _winner(votes: list[tuple[Any, str, int]]) -> tuple[str | None, bool]:
    """The winning type (or None) and whether two types have strong cues."""
    top: dict[str, int] = defaultdict(int)
    weight: Counter = Counter()
    for _, type_, cue in votes:
        top[type_] = max(top[type_], cue)
        weight[type_] += cue
    ranked = sorted(top, key=lambda t: (top[t], weight[t], t), reverse=True)
    first, second = ranked[0], ranked[1]
    if top[second] >= STRONG:
        return None, True  # two strong readings: a person and a place that share a name
    if top[first] > top[second] or weight[first] >= 2 * weight[second]:
        return first, False
    return None, False


def vote_types(mentions: list[Mention]) -> list[dict[str, Any]]:
    """Retype, in place, the mentions outvoted in their document; the decisions made (with
    ``"type": None`` where two types have strong cues and both stay)."""
    decisions = []
    for (doc, key), votes in sorted(_ballots(mentions).items(), key=lambda kv: kv[0]):
        if len({t for _, t, _ in votes}) < 2:
            continue  # a surname's vote that agreed with its mentions
        winner, both = _winner(votes)
        if both:
            decisions.append(_record(doc, key, votes, None, []))
        if winner is None:
            continue
        moved = [m for m, t, cue in votes if m is not None and t != winner and cue < STRONG]
        if not moved:
            continue
        for m in moved:
            m.type = winner
        decisions.append(_record(doc, key, votes, winner, moved))
    return decisions


def _record(doc: str, key: str, votes: list, winner: str, moved: list[Mention]) -> dict[str, Any]:
    tally: dict[str, Counter] = defaultdict(Counter)
    for _, type_, cue in votes:
        tally[type_][CUE_NAMES[cue]] += 1
    names = sorted({m.name or m.text for m, _, _ in votes if m is not None})
    return {"doc": doc, "key": key, "names": names, "type": winner, "moved": len(moved),
            "moved_names": sorted({m.name or m.text for m in moved}),
            "votes": {t: dict(sorted(c.items())) for t, c in sorted(tally.items())}, "_moved": moved}
