"""Score predicted relation facts of one document against its gold relations.

Subjects and objects are matched through names (see :mod:`kg.evaluate.normalise`):
a predicted entity id stands for its label, aliases and the texts of its mentions in
the document; a gold entity for its names, canonical name and gold mention texts.

>>> from kg.evaluate.output import PredFact
>>> from kg.evaluate.gold import GoldRelation
>>> gold = [GoldRelation("A", "child_of", "B", "entity")]
>>> pred = [PredFact("d.txt", "e2", "parent_of", "e1")]
>>> names = NameIndex(gold={"A": frozenset({"anna"}), "B": frozenset({"iurii"})},
...                   pred={"e1": frozenset({"anna"}), "e2": frozenset({"iurii"})})
>>> score_doc_relations(gold, pred, names)["counts"]["child_of"]
Counts(tp=1, fp=0, fn=0)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kg.evaluate.gold import GoldRelation
from kg.evaluate.metrics import Counts, max_matching
from kg.evaluate.normalise import literal_matches, normalise_name, normalise_value
from kg.evaluate.output import PredFact

SYMMETRIC: frozenset[str] = frozenset({"spouse", "met_with", "allied_with", "sibling_of"})
INVERSE: dict[str, str] = {"child_of": "parent_of", "parent_of": "child_of"}
OUT_OF_SCOPE_PREFIX = "other:"


@dataclass(slots=True)
class NameIndex:
    """Normalised name sets of gold entity ids and of predicted entity ids (one doc)."""

    gold: dict[str, frozenset[str]]
    pred: dict[str, frozenset[str]]

    def pred_names(self, value: str) -> frozenset[str]:
        """Names of a predicted id; an unknown id or a literal stands for itself."""
        names = self.pred.get(value)
        if names:
            return names
        norm = normalise_name(value)
        return frozenset({norm}) if norm else frozenset()


def canonical_fact(fact: PredFact) -> tuple[str, str, str]:
    """One key for equivalent facts: ``spouse(a, b) == spouse(b, a)``,
    ``child_of(a, b) == parent_of(b, a)``."""
    forms = [(fact.subject, fact.predicate, fact.object)]
    if fact.predicate in SYMMETRIC:
        forms.append((fact.object, fact.predicate, fact.subject))
    if fact.predicate in INVERSE:
        forms.append((fact.object, INVERSE[fact.predicate], fact.subject))
    return min(forms)


def distinct_facts(facts: list[PredFact]) -> list[PredFact]:
    """Drop facts equivalent to an earlier one and out-of-scope (``other:``) ones."""
    seen: dict[tuple[str, str, str], PredFact] = {}
    for fact in facts:
        if not fact.predicate.startswith(OUT_OF_SCOPE_PREFIX):
            seen.setdefault(canonical_fact(fact), fact)
    return [seen[k] for k in sorted(seen)]


def _orientations(pred: PredFact, gold: GoldRelation) -> list[bool]:
    """``False`` = as stated, ``True`` = subject and object swapped."""
    out = []
    if pred.predicate == gold.predicate:
        out.append(False)
        if gold.predicate in SYMMETRIC:
            out.append(True)
    elif INVERSE.get(gold.predicate) == pred.predicate:
        out.append(True)
    return out


def _object_ok(value: str, gold: GoldRelation, names: NameIndex) -> bool:
    if gold.object_type == "date":
        return normalise_value(value) == normalise_value(gold.object)
    if gold.object_type == "literal":
        forms = {value} | set(names.pred.get(value, ()))
        return any(literal_matches(f, gold.object) for f in forms)
    return bool(names.pred_names(value) & names.gold.get(gold.object, frozenset()))


def compatible(pred: PredFact, gold: GoldRelation, names: NameIndex) -> bool:
    """Whether a predicted fact states the gold fact (direction rules included)."""
    for swapped in _orientations(pred, gold):
        if swapped and gold.object_type != "entity":
            continue
        subj, obj = (pred.object, pred.subject) if swapped else (pred.subject, pred.object)
        subj_ok = names.pred_names(subj) & names.gold.get(gold.subject, frozenset())
        if subj_ok and _object_ok(obj, gold, names):
            return True
    return False


def gold_facts(relations: list[GoldRelation]) -> tuple[list[GoldRelation], int]:
    """In-scope distinct gold facts (required wins over optional) and the number of
    out-of-scope (``other:``) relations skipped."""
    skipped = sum(r.predicate.startswith(OUT_OF_SCOPE_PREFIX) for r in relations)
    facts: dict[tuple[str, str, str, str], GoldRelation] = {}
    for r in relations:
        if r.predicate.startswith(OUT_OF_SCOPE_PREFIX):
            continue
        key = (r.subject, r.predicate, r.object, r.object_type)
        if key not in facts or facts[key].optional:
            facts[key] = r
    return list(facts.values()), skipped


def _fact_dict(fact: PredFact | GoldRelation) -> dict[str, str]:
    return {"subject": fact.subject, "predicate": fact.predicate, "object": fact.object}


def _tally(required: list[GoldRelation], optional: list[GoldRelation],
           preds: list[PredFact], match: dict[int, int],
           names: NameIndex) -> tuple[dict[str, Counts], list[PredFact], int]:
    """Counts per predicate, spurious predictions and the number ignored."""
    counts: dict[str, Counts] = {}
    matched = set(match.values())
    for i, g in enumerate(required):
        c = counts.setdefault(g.predicate, Counts())
        c.tp, c.fn = c.tp + (i in matched), c.fn + (i not in matched)
    spurious = [f for i, f in enumerate(preds) if i not in match]
    kept = [f for f in spurious if not any(compatible(f, g, names) for g in optional)]
    for fact in kept:
        counts.setdefault(fact.predicate, Counts()).fp += 1
    return dict(sorted(counts.items())), kept, len(spurious) - len(kept)


def rule_counts(preds: list[PredFact], match: dict[int, int],
                spurious: list[PredFact]) -> dict[str, Counts]:
    """tp/fp per rule id: a matched fact counts for every rule that produced it, a spurious
    one against them (facts matching only optional gold count for neither)."""
    counts: dict[str, Counts] = {}
    wrong = {id(f) for f in spurious}
    for i, fact in enumerate(preds):
        for rule in fact.rules or ("(no rule)",):
            c = counts.setdefault(rule, Counts())
            c.tp += i in match
            c.fp += id(fact) in wrong
    return dict(sorted(counts.items()))


def score_doc_relations(gold_relations: list[GoldRelation], predicted: list[PredFact],
                        names: NameIndex) -> dict[str, Any]:
    """Counts per predicate plus lists of missed and spurious facts for one document.

    Predicted facts are matched one-to-one (maximum matching) to required gold facts;
    an unmatched prediction that states an optional gold fact is ignored.
    """
    facts, skipped = gold_facts(gold_relations)
    required = [g for g in facts if not g.optional]
    optional = [g for g in facts if g.optional]
    preds = distinct_facts(predicted)
    match = max_matching(len(preds), len(required),
                         lambda p, g: compatible(preds[p], required[g], names))
    counts, spurious, ignored = _tally(required, optional, preds, match, names)
    matched = set(match.values())
    return {
        "counts": counts,
        "per_rule": rule_counts(preds, match, spurious),
        "skipped_other": skipped,
        "optional_gold": len(optional),
        "ignored_predictions": ignored,
        "missed": [_fact_dict(g) for i, g in enumerate(required) if i not in matched],
        "spurious": [_fact_dict(f) for f in spurious],
    }
