"""Decisions on relations: reject, accept, add; and regrouping after entity decisions.

Each decision function returns ``None`` when it changed the graph, or the reason it
matched nothing (a stale decision). A rejected relation (or the evidence of it a
decision names) moves to ``KnowledgeGraph.rejected`` with a ``rejected`` review; an
accepted one gets an ``accepted`` review (and an uncertain one, :mod:`kg.export.uncertain`, is
no longer uncertain); an added one gets evidence quoted from its
document, with offsets computed here, and an ``added`` review.
"""

from __future__ import annotations

from kg.curate.fileformat import Decision
from kg.curate.lookup import State, evidence_matches, find_relations
from kg.model import Document, Evidence, Relation, Review
from kg.resolve.relations import symmetric_predicates

ADDED_RULE = "curation.add"
CONTEXT = 32  # characters of context on each side of a quote, as the link step keeps


def review(d: Decision, status: str) -> Review:
    """The review a decision gives a relation."""
    return Review(status, d.by, d.date, d.note)


def _evidence_key(ev: Evidence) -> tuple:
    return ev.doc_id, ev.start, ev.end, ev.rule


def regroup(relations: list[Relation]) -> list[Relation]:
    """One relation per (subject, predicate, object, kind), evidence merged and sorted;
    relations an entity merge turned into self-loops are dropped."""
    symmetric = symmetric_predicates()
    merged: dict[tuple[str, str, str, str], Relation] = {}
    for rel in relations:
        if rel.object_kind == "entity" and rel.subject == rel.object:
            continue
        if rel.predicate in symmetric and rel.object_kind == "entity" and rel.object < rel.subject:
            rel.subject, rel.object = rel.object, rel.subject
        key = (rel.subject, rel.predicate, rel.object, rel.object_kind)
        if key not in merged:
            merged[key] = rel
            continue
        kept = merged[key]
        known = {_evidence_key(e) for e in kept.evidence}
        kept.evidence += [e for e in rel.evidence if _evidence_key(e) not in known]
        kept.qualifiers = {**rel.qualifiers, **kept.qualifiers}
        kept.review = kept.review or rel.review
        kept.uncertain = kept.uncertain and rel.uncertain and kept.review is None
    for rel in merged.values():
        rel.evidence.sort(key=_evidence_key)
    return [merged[k] for k in sorted(merged)]


def _named(state: State, d: Decision) -> list[tuple[Relation, list[Evidence]]]:
    """The relations a decision names, each with the evidence that fits it."""
    found = []
    for rel in find_relations(state, d):
        fits = [ev for ev in rel.evidence if evidence_matches(ev, d)]
        if fits or not (d.get("document") or d.get("quote")):
            found.append((rel, fits))
    return found


def _missing(d: Decision) -> str:
    where = " in that document/quote" if d.get("document") or d.get("quote") else ""
    return f"no relation {d.get('subject')} {d.get('predicate')} {d.get('object')}{where}"


def reject(state: State, d: Decision) -> str | None:
    """Move the named relation (or only the named evidence of it) to the rejected list."""
    named = _named(state, d)
    if not named:
        return _missing(d)
    for rel, fits in named:
        gone = fits if d.get("document") or d.get("quote") else list(rel.evidence)
        rel.evidence = [ev for ev in rel.evidence if ev not in gone]
        state.kg.rejected.append(Relation(rel.subject, rel.predicate, rel.object,
                                          rel.object_kind, gone, dict(rel.qualifiers),
                                          review(d, "rejected")))
    for rel in (rel for rel, _ in named if not rel.evidence):
        state.drop(rel)
    return None


def accept(state: State, d: Decision) -> str | None:
    """Mark the named relation as reviewed and confirmed."""
    named = _named(state, d)
    if not named:
        return _missing(d)
    for rel, _ in named:
        rel.review = review(d, "accepted")
        rel.uncertain = False  # below the confidence threshold, now reviewed: in the graph
    return None


def _documents(state: State, ref: str) -> list[Document]:
    return [doc for doc in state.kg.documents if ref in (doc.id, doc.source)]


def quote_evidence(docs: list[Document], quote: str, modality: str) -> Evidence | None:
    """Evidence for ``quote`` found verbatim in one of the documents' passages."""
    for doc in docs:
        for passage in doc.passages:
            at = passage.text.find(quote)
            if at < 0:
                continue
            start, end = passage.to_file(at, at + len(quote))
            text = passage.text
            return Evidence(doc.id, doc.source, quote, start, end, ADDED_RULE, 1.0, modality,
                            passage.layer, text[max(0, at - CONTEXT):at],
                            text[at + len(quote):at + len(quote) + CONTEXT])
    return None


def add(state: State, d: Decision) -> str | None:
    """Add a relation by hand, with evidence quoted from its document."""
    docs = _documents(state, d.get("document"))
    if not docs:
        return f"no document {d.get('document')!r} in this build"
    ev = quote_evidence(docs, d.get("quote"), d.get("modality", "asserted"))
    if ev is None:
        return f"the quote is not in {d.get('document')} (give it exactly as the text has it)"
    subject = state.entity(d.get("subject"))
    kind = d.get("object_kind", "entity")
    obj = state.entity(d.get("object")) if kind == "entity" else d.get("object")
    if subject is None or obj is None:
        return f"no entity {d.get('subject') if subject is None else d.get('object')!r}"
    if kind == "entity" and subject == obj:  # a graph keeps no relation of an entity to itself
        return f"subject and object are the same entity ({subject})"
    if d.get("predicate") in symmetric_predicates() and kind == "entity" and obj < subject:
        subject, obj = obj, subject
    for rel in state.relations_of(subject):
        if (rel.predicate, rel.object, rel.object_kind) == (d.get("predicate"), obj, kind):
            rel.evidence += [ev] if _evidence_key(ev) not in map(_evidence_key, rel.evidence) else []
            rel.review = rel.review or review(d, "added")
            rel.uncertain = False
            return None
    state.append(Relation(subject, d.get("predicate"), obj, kind, [ev], {}, review(d, "added")))
    return None
