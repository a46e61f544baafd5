"""Match predicted relations of one document to its Re-DocRED gold facts.

See :mod:`kg.evaluate.redocred` for the matching rules: same canonical predicate,
subject and object sharing a normalised name (``spouse`` either way round), dates
compatible; predictions matched one-to-one (maximum matching) to required gold facts;
a prediction matching only an optional fact counts neither way.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from kg.evaluate.metrics import Counts, max_matching
from kg.evaluate.output import BuildOutput, PredFact, PredMention
from kg.evaluate.redocred_gold import DateParts, RedocDoc, date_parts, dates_compatible, name_set
from kg.evaluate.redocred_map import (DATE_PREDICATES, MAPPED_PREDICATES, SYMMETRIC, RedocFact,
                                      canonical)
from kg.evaluate.relations import distinct_facts


@dataclass(slots=True)
class PredRel:
    """A predicted fact in canonical direction (``parent_of`` turned into ``child_of``)."""

    subject: frozenset[str]
    predicate: str
    object: frozenset[str]
    date: DateParts | None
    raw: PredFact


def _pred_names(out: BuildOutput, mentions: list[PredMention]) -> dict[str, list[str]]:
    names: dict[str, list[str]] = {}
    for m in mentions:
        if m.entity:
            names.setdefault(m.entity, []).append(m.text)
    return names


def canonical_predictions(out: BuildOutput, facts: list[PredFact],
                          mentions: list[PredMention]) -> list[PredRel]:
    """Mapped, distinct predicted facts of one document with their name sets."""
    local = _pred_names(out, mentions)

    def names(eid: str) -> frozenset[str]:
        ent = out.entities.get(eid)
        forms = ([ent.label, *ent.aliases] if ent else [eid]) + local.get(eid, [])
        return name_set(forms)

    result = []
    for fact in distinct_facts([f for f in facts if f.predicate in MAPPED_PREDICATES]):
        if fact.predicate not in DATE_PREDICATES and fact.object not in out.entities:
            continue  # a literal ("Minister of the Interior") cannot state an entity fact
        subj, pred, obj = canonical(fact.subject, fact.predicate, fact.object)
        date = date_parts(obj) if pred in DATE_PREDICATES else None
        result.append(PredRel(names(subj), pred, names(obj), date, fact))
    return result


def _compatible(p: PredRel, g: RedocFact, doc: RedocDoc) -> bool:
    if p.predicate != g.predicate:
        return False
    if p.predicate in DATE_PREDICATES:
        return bool(p.subject & doc.names[g.subject]) and p.date is not None and any(
            dates_compatible(p.date, d) for d in doc.dates.get(g.object, []))
    orient = [(p.subject, p.object)]
    if p.predicate in SYMMETRIC:
        orient.append((p.object, p.subject))
    return any(s & doc.names[g.subject] and o & doc.names[g.object] for s, o in orient)


def distinct_gold(facts: list[RedocFact]) -> list[RedocFact]:
    """Gold facts without repeats (``spouse`` either way round is one fact); of a
    repeat that is both required and optional, the required one is kept."""
    seen: dict[tuple, RedocFact] = {}
    for f in facts:
        key = (f.predicate, *sorted((f.subject, f.object))) if f.predicate in SYMMETRIC \
            else (f.predicate, f.subject, f.object)
        if key not in seen or seen[key].optional:
            seen[key] = f
    return list(seen.values())


def _fact_text(doc: RedocDoc, f: RedocFact) -> dict[str, str]:
    def name(eid: int) -> str:
        return min(doc.names.get(eid, frozenset({str(eid)})), key=lambda s: (-len(s), s))
    return {"doc": doc.key, "title": doc.title, "subject": name(f.subject),
            "predicate": f.predicate, "object": name(f.object), "property": f.prop}


def _spurious(doc: RedocDoc, p: PredRel) -> dict[str, str]:
    return {"doc": doc.key, "title": doc.title, "subject": p.raw.subject,
            "predicate": p.raw.predicate, "object": p.raw.object}


def score_doc(doc: RedocDoc, preds: list[PredRel]) -> dict[str, Any]:
    """Counts per predicate, missed gold and spurious predicted facts of one document."""
    facts = distinct_gold(doc.facts)
    required = [f for f in facts if not f.optional]
    optional = [f for f in facts if f.optional]
    match = max_matching(len(preds), len(required),
                         lambda p, g: _compatible(preds[p], required[g], doc))
    matched = set(match.values())
    counts: dict[str, Counts] = defaultdict(Counts)
    for i, g in enumerate(required):
        counts[g.predicate].tp += i in matched
        counts[g.predicate].fn += i not in matched
    spurious, ignored = [], 0
    rules: dict[str, Counts] = defaultdict(Counts)
    for i, p in enumerate(preds):
        if i in match:
            for rule in p.raw.rules or ("(no rule)",):
                rules[rule].tp += 1
            continue
        if any(_compatible(p, g, doc) for g in optional):
            ignored += 1
            continue
        counts[p.predicate].fp += 1
        for rule in p.raw.rules or ("(no rule)",):
            rules[rule].fp += 1
        spurious.append(_spurious(doc, p))
    return {"counts": dict(counts), "ignored": ignored, "spurious": spurious,
            "per_rule": dict(rules),
            "missed": [_fact_text(doc, required[i]) for i in range(len(required))
                       if i not in matched]}
