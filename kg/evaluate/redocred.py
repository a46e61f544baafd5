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
``author_of``; P54 member of sports team → ``member_of``).

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

>>> parse_years("1900-1960")
(1900, 1960)
>>> date_parts("13 March 1963"), date_parts("1963-03"), date_parts("1963-03-13/1963-03-20")
((1963, 3, 13), (1963, 3, None), (1963, 3, 13))
>>> dates_compatible((1963, 3, 13), (1963, None, None)), dates_compatible((1963, 3, 13), (1963, 4, None))
(True, False)
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import GoldError
from kg.evaluate.metrics import Counts, max_matching, sum_counts
from kg.evaluate.normalise import name_set as _name_set
from kg.evaluate.output import BuildOutput, PredFact, PredMention, load_output
from kg.evaluate.relations import distinct_facts

#: property → (our predicate, swap): swap=True means subject=tail, object=head
PROPERTY_MAP: dict[str, tuple[str, bool]] = {
    "P26": ("spouse", False),
    "P22": ("child_of", False),
    "P25": ("child_of", False),
    "P40": ("parent_of", False),
    "P463": ("member_of", False),
    "P102": ("member_of", False),
    "P108": ("position_held", False),
    "P569": ("born_on", False),
    "P570": ("died_on", False),
    "P50": ("author_of", True),
    "P710": ("participated_in", True),
    "P1344": ("participated_in", False),
    "P607": ("participated_in", False),
}
OPTIONAL_MAP: dict[str, tuple[str, bool]] = {
    "P800": ("author_of", False),
    "P170": ("author_of", True),
    "P86": ("author_of", True),
    "P676": ("author_of", True),
    "P58": ("author_of", True),
    "P54": ("member_of", False),
}
DATE_PREDICATES = frozenset({"born_on", "died_on"})
SYMMETRIC = frozenset({"spouse"})
INVERSE = {"parent_of": "child_of"}
SCORED = tuple(sorted({p if p not in INVERSE else INVERSE[p] for p, _ in PROPERTY_MAP.values()}))
MAPPED_PREDICATES = frozenset({p for p, _ in [*PROPERTY_MAP.values(), *OPTIONAL_MAP.values()]})
MAX_LISTED = 300


@dataclass(slots=True)
class RedocFact:
    """A gold fact in our terms: ``predicate(subject, object)`` over gold entity ids."""

    subject: int
    predicate: str
    object: int
    prop: str
    optional: bool = False


@dataclass(slots=True)
class RedocDoc:
    """One Re-DocRED document: names and dates of its entities, and its mapped facts."""

    key: str
    title: str
    names: dict[int, frozenset[str]]
    dates: dict[int, list[tuple[int, int | None, int | None]]]
    facts: list[RedocFact]
    years: list[int] = field(default_factory=list)
    unmapped: int = 0


def _fold(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def name_set(names: Iterable[str]) -> frozenset[str]:
    """Normalised names (:func:`kg.evaluate.normalise.name_set`), accents folded too:
    ``Puskás`` = ``Puskas``."""
    return frozenset(_fold(n) for n in _name_set(list(names)))


# -- dates -----------------------------------------------------------------------------

_MONTHS = {m: i for i, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
     ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
     ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")], start=1) for m in names}
_ISO = re.compile(r"^\s*(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_YEAR = re.compile(r"\b(\d{4})\b")

DateParts = tuple[int, int | None, int | None]


def date_parts(text: str) -> DateParts | None:
    """``(year, month, day)`` of an ISO/EDTF value (first part of an interval) or of an
    English date phrase ("13 March 1963", "March 13, 1963", "1963"); ``None`` if no year."""
    m = _ISO.match(text)
    if m and not re.match(r"^\s*\d{4}\s+\w", text):
        return (int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None)
    years = _YEAR.findall(text)
    if not years:
        return None
    words = re.findall(r"[A-Za-z]+|\d{1,2}(?=\D|$)", text)
    month = next((_MONTHS[w.lower()] for w in words if w.lower() in _MONTHS), None)
    day = next((int(w) for w in words if w.isdigit() and 1 <= int(w) <= 31), None)
    return (int(years[0]), month, day if month else None)


def dates_compatible(a: DateParts, b: DateParts) -> bool:
    """Same year, and same month / day wherever both give one."""
    return all(x is None or y is None or x == y for x, y in zip(a, b)) and a[0] == b[0]


def parse_years(spec: str | tuple[int, int] | None) -> tuple[int, int] | None:
    """``"1900-1960"`` → ``(1900, 1960)``; ``None`` stays ``None``."""
    if spec is None or isinstance(spec, tuple):
        return spec
    m = re.fullmatch(r"\s*(\d{3,4})\s*[-–:]\s*(\d{3,4})\s*", spec)
    if not m or int(m[1]) > int(m[2]):
        raise GoldError(spec, "years must look like 1900-1960")
    return int(m[1]), int(m[2])


# -- gold ------------------------------------------------------------------------------


def doc_key(name: str) -> str:
    """``0012_Some_Title.txt`` → ``0012`` (the document index); other names: the stem."""
    stem = Path(name).stem
    m = re.match(r"^(\d{4})_", stem)
    return m[1] if m else stem


def load_redocred(paths: Iterable[str | Path]) -> list[RedocDoc]:
    """Documents of Re-DocRED JSONL files (the shared corpus' ``redocred-*.jsonl``)."""
    docs: list[RedocDoc] = []
    for raw in paths:
        path = Path(raw)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise GoldError(str(path), f"cannot read Re-DocRED gold: {exc}") from None
        for n, line in enumerate(lines, start=1):
            if line.strip():
                try:
                    docs.append(_doc(json.loads(line), n - 1))
                except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
                    raise GoldError(str(path), f"line {n}: not a Re-DocRED document ({exc})") from None
    return docs


def _doc(item: dict[str, Any], position: int) -> RedocDoc:
    names: dict[int, frozenset[str]] = {}
    dates: dict[int, list[DateParts]] = {}
    years: list[int] = []
    for ent in item["entities"]:
        eid = int(ent["id"])
        texts = [m["text"] for m in ent["mentions"]]
        names[eid] = name_set(texts)
        dates[eid] = [d for d in map(date_parts, texts) if d]
        if ent.get("type") == "TIME":
            years += [int(y) for t in texts for y in _YEAR.findall(t)]
    facts: list[RedocFact] = []
    unmapped = 0
    for rel in item["relations"]:
        prop = rel["relation"]
        mapped, optional = PROPERTY_MAP.get(prop), False
        if mapped is None:
            mapped, optional = OPTIONAL_MAP.get(prop), True
        if mapped is None:
            unmapped += 1
            continue
        predicate, swap = mapped
        subj, obj = int(rel["head"]), int(rel["tail"])
        if swap:
            subj, obj = obj, subj
        if predicate in INVERSE:
            predicate, subj, obj = INVERSE[predicate], obj, subj
        facts.append(RedocFact(subj, predicate, obj, prop, optional))
    index = int(item.get("doc_index", position))
    return RedocDoc(f"{index:04d}", item.get("title", ""), names, dates, facts, years, unmapped)


def in_years(doc: RedocDoc, years: tuple[int, int] | None) -> bool:
    """Whether a gold TIME mention of ``doc`` names a year in ``years`` (always without)."""
    return years is None or any(years[0] <= y <= years[1] for y in doc.years)


# -- predictions -----------------------------------------------------------------------


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
    result = []
    for fact in distinct_facts([f for f in facts if f.predicate in MAPPED_PREDICATES]):
        subj, pred, obj = fact.subject, fact.predicate, fact.object
        if pred in INVERSE:
            pred, subj, obj = INVERSE[pred], obj, subj

        def names(eid: str) -> frozenset[str]:
            ent = out.entities.get(eid)
            forms = ([ent.label, *ent.aliases] if ent else [eid]) + local.get(eid, [])
            return name_set(forms)

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


def _distinct_gold(facts: list[RedocFact]) -> list[RedocFact]:
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


def score_doc(doc: RedocDoc, preds: list[PredRel]) -> dict[str, Any]:
    """Counts per predicate, missed gold and spurious predicted facts of one document."""
    facts = _distinct_gold(doc.facts)
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
    for i, p in enumerate(preds):
        if i in match:
            continue
        if any(_compatible(p, g, doc) for g in optional):
            ignored += 1
            continue
        counts[p.predicate].fp += 1
        spurious.append({"doc": doc.key, "title": doc.title, "subject": p.raw.subject,
                         "predicate": p.raw.predicate, "object": p.raw.object})
    return {"counts": dict(counts), "ignored": ignored, "spurious": spurious,
            "missed": [_fact_text(doc, required[i]) for i in range(len(required))
                       if i not in matched]}


def evaluate_redocred(out_dir: str | Path, gold_paths: Sequence[str | Path],
                      years: str | tuple[int, int] | None = None) -> dict[str, Any]:
    """Relation P/R/F1 per predicate of ``out_dir`` against Re-DocRED JSONL gold,
    over the documents whose gold TIME mentions name a year in ``years`` (all if None).
    Build output documents are matched to gold by the ``NNNN_`` index prefix of the
    corpus text file names (``text/dev/0012_Title.txt`` → ``doc_index`` 12)."""
    span = parse_years(years)
    out = load_output(out_dir)
    docs = [d for d in load_redocred(gold_paths) if in_years(d, span)]
    facts_by: dict[str, list[PredFact]] = defaultdict(list)
    for f in out.facts:
        facts_by[doc_key(f.doc)].append(f)
    mentions_by: dict[str, list[PredMention]] = defaultdict(list)
    for m in out.mentions:
        mentions_by[doc_key(m.doc)].append(m)
    built = set(mentions_by) | set(facts_by)
    total: dict[str, Counts] = {}
    missed, spurious, ignored = [], [], 0
    gold_props: Counter = Counter()
    for doc in docs:
        preds = canonical_predictions(out, facts_by.get(doc.key, []), mentions_by.get(doc.key, []))
        part = score_doc(doc, preds)
        for label, c in part["counts"].items():
            total[label] = total.get(label, Counts()) + c
        missed += part["missed"]
        spurious += part["spurious"]
        ignored += part["ignored"]
        gold_props.update(f.prop for f in _distinct_gold(doc.facts) if not f.optional)
    labels = list(SCORED) + sorted(set(total) - set(SCORED))
    table = {lab: total.get(lab, Counts()).as_dict() for lab in labels}
    table["ALL"] = sum_counts(total.values()).as_dict()
    scored_preds = sum(c.tp + c.fp for c in total.values())
    return {
        "gold_files": [str(p) for p in gold_paths],
        "years": list(span) if span else None,
        "docs": len(docs),
        "docs_without_output": sorted(d.key for d in docs if d.key not in built),
        "per_predicate": table,
        "gold_by_property": dict(sorted(gold_props.items())),
        "ignored_predictions": ignored,
        "scored_predictions": scored_preds,
        "missed": missed[:MAX_LISTED],
        "spurious": spurious[:MAX_LISTED],
    }
