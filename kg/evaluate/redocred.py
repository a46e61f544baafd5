"""Score the relations of a ``kg build`` output against Re-DocRED (``kg evaluate --redocred``).

Re-DocRED triples ``(head, P, tail)`` mean "P of head is tail" (``(X, P22, Y)``: Y is
X's father). The Wikidata properties that match our predicates are mapped, with the
direction made explicit (``subject``/``object`` of our predicate):

==========  ==================================  =============================================
property    Re-DocRED meaning                   our fact
==========  ==================================  =============================================
P26         spouse                              ``spouse(head, tail)`` (symmetric)
P22, P25    father, mother: tail is head's      ``child_of(head, tail)``
P40         child: tail is head's child         ``parent_of(head, tail)`` = ``child_of(tail, head)``
P463, P102  member of (political party)         ``member_of(head, tail)``
P108        employer                            ``position_held(head, tail)`` (our
                                                ``position_held`` object is the organisation
                                                where the post is held, the role a qualifier)
P569, P570  date of birth, death                ``born_on(head, date)``, ``died_on(head, date)``
P50         author: tail wrote head (a work)    ``author_of(tail, head)``
P710        participant: tail took part in head ``participated_in(tail, head)``
P1344, P607 participant of, conflict            ``participated_in(head, tail)``
==========  ==================================  =============================================

Some other properties state facts that one of our predicates also covers; they are
*optional*: a prediction matching only them is neither a true nor a false positive
(P800 notable work, P170 creator, P86 composer, P676 lyrics by, P58 screenwriter →
``author_of``; P54 member of sports team → ``member_of``; P131 located in the
administrative territorial entity, P17 country, P30 continent, P706 located in terrain
feature → ``located_in``). P551 (residence) is not mapped: Re-DocRED states it for a few
nationalities, not for the moves our ``moved_to`` states.

Matching (per document): the predicate must match (``child_of(a, b)`` equals
``parent_of(b, a)``, ``spouse`` is symmetric); subject and object match when a
normalised name of the predicted entity (label, aliases, its mention texts in the
document) equals a normalised mention text of the gold entity (case, edge punctuation,
possessive and accents ignored); a date object matches when
year, and month and day where both give them, agree. Predictions are matched one-to-one
(maximum matching) to required gold facts. Predicted relations whose predicate has no
mapping are ignored.

Documents are restricted with ``years=(1900, 1960)``: a document is kept when one of its
gold TIME mentions contains a four-digit year in that range.

The parts: :mod:`kg.evaluate.redocred_map` holds the property mapping,
:mod:`kg.evaluate.redocred_gold` reads the gold (names, dates, years) and
:mod:`kg.evaluate.redocred_match` matches the predictions of one document.

>>> parse_years("1900-1960")
(1900, 1960)
>>> date_parts("13 March 1963"), date_parts("1963-03"), date_parts("1963-03-13/1963-03-20")
((1963, 3, 13), (1963, 3, None), (1963, 3, 13))
>>> dates_compatible((1963, 3, 13), (1963, None, None)), dates_compatible((1963, 3, 13), (1963, 4, None))
(True, False)
>>> doc_key("text/dev/0012_Some_Title.txt"), doc_key("notes.txt")
('0012', 'notes')
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol, TypeVar

from kg.evaluate.metrics import Counts, sum_counts
from kg.evaluate.output import BuildOutput, PredFact, PredMention, load_output
from kg.evaluate.redocred_gold import (DateParts, RedocDoc, date_parts, dates_compatible,
                                       in_years, load_redocred, name_set, parse_years)
from kg.evaluate.redocred_map import (DATE_PREDICATES, INVERSE, MAPPED_PREDICATES, OPTIONAL_MAP,
                                      PROPERTY_MAP, SCORED, SYMMETRIC, RedocFact)
from kg.evaluate.redocred_match import PredRel, canonical_predictions, distinct_gold, score_doc

__all__ = [
    "DATE_PREDICATES", "INVERSE", "MAPPED_PREDICATES", "MAX_LISTED", "OPTIONAL_MAP",
    "PROPERTY_MAP", "SCORED", "SYMMETRIC", "DateParts", "PredRel", "RedocDoc", "RedocFact",
    "canonical_predictions", "date_parts", "dates_compatible", "doc_key", "evaluate_redocred",
    "in_years", "load_redocred", "name_set", "parse_years", "redocred_counts", "score_doc",
]

MAX_LISTED = 300


class _InDoc(Protocol):
    doc: str


_R = TypeVar("_R", bound=_InDoc)


def doc_key(name: str) -> str:
    """``0012_Some_Title.txt`` → ``0012`` (the document index); other names: the stem."""
    stem = Path(name).stem
    m = re.match(r"^(\d{4})_", stem)
    return m[1] if m else stem


def _by_doc(rows: Iterable[_R]) -> dict[str, list[_R]]:
    """Rows of the build output grouped by :func:`doc_key` of their file."""
    grouped: dict[str, list[_R]] = defaultdict(list)
    for row in rows:
        grouped[doc_key(row.doc)].append(row)
    return grouped


def _score_docs(out: BuildOutput, docs: list[RedocDoc]) -> dict[str, Any]:
    """Summed counts per predicate, missed and spurious facts, ignored predictions and
    required gold facts per property, over ``docs``."""
    facts_by: dict[str, list[PredFact]] = _by_doc(out.facts)
    mentions_by: dict[str, list[PredMention]] = _by_doc(out.mentions)
    total: dict[str, Counts] = {}
    rules: dict[str, Counts] = {}
    acc: dict[str, Any] = {"missed": [], "spurious": [], "ignored": 0, "props": Counter()}
    for doc in docs:
        preds = canonical_predictions(out, facts_by.get(doc.key, []), mentions_by.get(doc.key, []))
        part = score_doc(doc, preds)
        for label, c in part["counts"].items():
            total[label] = total.get(label, Counts()) + c
        for rule, c in part["per_rule"].items():
            rules[rule] = rules.get(rule, Counts()) + c
        for name in ("missed", "spurious", "ignored"):
            acc[name] += part[name]
        acc["props"].update(f.prop for f in distinct_gold(doc.facts) if not f.optional)
    acc["total"], acc["rules"] = total, rules
    acc["built"] = set(mentions_by) | set(facts_by)
    return acc


def redocred_counts(out: BuildOutput, docs: list[RedocDoc]) -> tuple[dict[str, Counts], Counts]:
    """tp/fp per rule id (of ``PredFact.rules``) and the summed counts over ``docs``."""
    acc = _score_docs(out, docs)
    return dict(acc["rules"]), sum_counts(acc["total"].values())


def _table(total: dict[str, Counts]) -> dict[str, Any]:
    """P/R/F1 of the scored predicates (in order), any others, and ``ALL``."""
    labels = list(SCORED) + sorted(set(total) - set(SCORED))
    table = {lab: total.get(lab, Counts()).as_dict() for lab in labels}
    table["ALL"] = sum_counts(total.values()).as_dict()
    return table


def evaluate_redocred(out_dir: str | Path, gold_paths: Sequence[str | Path],
                      years: str | tuple[int, int] | None = None) -> dict[str, Any]:
    """Relation P/R/F1 per predicate of ``out_dir`` against Re-DocRED JSONL gold,
    over the documents whose gold TIME mentions name a year in ``years`` (all if None).
    Build output documents are matched to gold by the ``NNNN_`` index prefix of the
    corpus text file names (``text/dev/0012_Title.txt`` → ``doc_index`` 12)."""
    span = parse_years(years)
    out = load_output(out_dir)
    docs = [d for d in load_redocred(gold_paths) if in_years(d, span)]
    acc = _score_docs(out, docs)
    return {
        "gold_files": [str(p) for p in gold_paths],
        "years": list(span) if span else None,
        "docs": len(docs),
        "docs_without_output": sorted(d.key for d in docs if d.key not in acc["built"]),
        "per_predicate": _table(acc["total"]),
        "per_rule": {r: {"tp": c.tp, "fp": c.fp,
                         "precision": round(c.tp / (c.tp + c.fp), 4) if c.tp + c.fp else 0.0}
                     for r, c in sorted(acc["rules"].items())},
        "gold_by_property": dict(sorted(acc["props"].items())),
        "ignored_predictions": acc["ignored"],
        "scored_predictions": sum(c.tp + c.fp for c in acc["total"].values()),
        "missed": acc["missed"][:MAX_LISTED],
        "spurious": acc["spurious"][:MAX_LISTED],
    }
