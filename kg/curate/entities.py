"""Decisions on entities: merge, split, relabel, retype.

Each function applies one decision to the :class:`~kg.curate.lookup.State` and returns
``None`` when it changed the graph, or the reason it matched nothing (a stale decision).
Ids stay stable: a merge keeps the id the curator names, a relabel keeps the id, a split
gives the names that leave a new id (``new_id``, else one made from the new label).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from kg.curate.fileformat import Decision
from kg.curate.lookup import State
from kg.model import Entity, EntityChange, Mention, Relation
from kg.resolve import entity_id
from kg.resolve.keys import name_key


def _note(d: Decision) -> str:
    return f"curation: {d.kind} by {d.by} ({d.date})"


def _record(entity: Entity, d: Decision, derived_from: tuple[str, ...] = ()) -> None:
    """Keep the decision on the entity: a reason line, and the change the RDF describes."""
    entity.merge_reasons.append(_note(d))
    entity.changes.append(EntityChange(d.kind, d.by, d.date, d.note, derived_from))


def merge(state: State, d: Decision) -> str | None:
    """Merge ``entities`` into ``keep``: names, documents and relations go to ``keep``."""
    keep = state.entity(d.get("keep"))
    if keep is None:
        return f"no entity {d.get('keep')!r} to keep"
    others = sorted({o for o in map(state.entity, d.get("entities")) if o and o != keep})
    if not others:
        return f"none of {', '.join(d.get('entities'))} is in the graph apart from {keep}"
    for other in others:
        _absorb(state, state.kg.entities[keep], state.kg.entities.pop(other))
    _record(state.kg.entities[keep], d, tuple(others))
    state.reindex(keep, *others)
    return None


def _absorb(state: State, keep: Entity, other: Entity) -> None:
    keep.aliases = sorted({*keep.aliases, *other.aliases, other.label} - {keep.label})
    keep.sources = sorted({*keep.sources, *other.sources})
    keep.mention_count += other.mention_count
    keep.wikidata = keep.wikidata or other.wikidata
    state.redirect[other.id] = keep.id


def apply_redirects(state: State) -> None:
    """Point mentions and relations of merged-away entities to the entities that kept them
    (one pass after all merges)."""
    if not state.redirect:
        return
    final = {old: state.entity(old) for old in state.redirect}
    mentions = state.kg.mentions
    for i, m in enumerate(mentions):
        if m.entity in final:
            mentions[i] = replace(m, entity=final[m.entity])
    for rel in state.kg.relations:
        rel.subject = final.get(rel.subject, rel.subject)
        if rel.object_kind == "entity":
            rel.object = final.get(rel.object, rel.object)


def _edit_mentions(state: State, which: Callable[[Mention], bool], **changes: str) -> list[Mention]:
    """Replace the mentions ``which`` picks by changed copies (the input graph's mentions
    are shared, never changed); returns the new mentions."""
    mentions, changed = state.kg.mentions, []
    for i, m in enumerate(mentions):
        if which(m):
            mentions[i] = replace(m, **changes)
            changed.append(mentions[i])
    return changed


def relabel(state: State, d: Decision) -> str | None:
    """Give an entity a new label; the old one becomes an alias."""
    found = state.entity(d.get("entity"))
    if found is None:
        return f"no entity {d.get('entity')!r}"
    entity, label = state.kg.entities[found], d.get("label")
    entity.aliases = sorted({*entity.aliases, entity.label} - {label})
    entity.label = label
    _record(entity, d)
    state.reindex(found)
    return None


def retype(state: State, d: Decision) -> str | None:
    """Give an entity (and its mentions) another type."""
    found = state.entity(d.get("entity"))
    if found is None:
        return f"no entity {d.get('entity')!r}"
    state.kg.entities[found].type = d.get("type")
    _record(state.kg.entities[found], d)
    _edit_mentions(state, lambda m: m.entity == found, type=d.get("type"))
    return None


def _leaves(m: Mention, names: set[str], spans: set[tuple[str, int, int]]) -> bool:
    return name_key(m.name or m.text) in names or name_key(m.text) in names or \
        (m.doc_id, m.start, m.end) in spans or (m.source, m.start, m.end) in spans


def split(state: State, d: Decision) -> str | None:
    """Move the mentions with ``names`` (or at ``mentions``) to a new entity."""
    found = state.entity(d.get("entity"))
    if found is None:
        return f"no entity {d.get('entity')!r}"
    names = {name_key(n) for n in d.get("names", [])}
    spans = set(d.get("mentions", []))
    mine = [m for m in state.kg.mentions if m.entity == found]
    moving = [m for m in mine if _leaves(m, names, spans)]
    staying = [m for m in mine if not _leaves(m, names, spans)]
    if not moving:
        return f"no mention of {found} has these names or offsets"
    if len(moving) == len(mine):
        return f"every mention of {found} would leave it: relabel it instead"
    old = state.kg.entities[found]
    new = _new_entity(state, old, moving, d)
    moving = _edit_mentions(state, lambda m: m.entity == found and _leaves(m, names, spans),
                            entity=new.id, type=new.type)
    _shrink(old, staying)
    _record(old, d)
    _move_evidence(state, old.id, new.id, moving, staying)
    state.reindex(old.id, new.id)
    return None


def _new_entity(state: State, old: Entity, moving: list[Mention], d: Decision) -> Entity:
    names = sorted({m.name or m.text for m in moving})
    label = d.get("label") or max(names, key=lambda n: (len(n), n))
    ident = d.get("new_id") or entity_id(label)
    base, n = ident, 2
    while ident in state.kg.entities:
        ident, n = f"{base}_{n}", n + 1
    new = Entity(ident, d.get("type") or old.type, label, sorted(set(names) - {label}), None,
                 sorted({m.doc_id for m in moving}), len(moving))
    _record(new, d, (old.id,))
    state.kg.entities = dict(sorted({**state.kg.entities, ident: new}.items()))
    return new


def _shrink(old: Entity, staying: list[Mention]) -> None:
    names = {m.name or m.text for m in staying}
    if old.label not in names:
        old.label = max(names, key=lambda n: (len(n), n))
    old.aliases = sorted(names - {old.label})
    old.sources = sorted({m.doc_id for m in staying})
    old.mention_count = len(staying)


def _inside(m: Mention, ev) -> bool:
    return m.doc_id == ev.doc_id and ev.start <= m.start and m.end <= ev.end


def _move_evidence(state: State, old: str, new: str, moving: list[Mention],
                   staying: list[Mention]) -> None:
    """Evidence quoting a mention that left (and none that stayed) goes with the new entity."""
    added: list[Relation] = []
    emptied: set[int] = set()
    for rel in state.kg.relations:
        sides = [s for s in ("subject", "object") if getattr(rel, s) == old
                 and (s == "subject" or rel.object_kind == "entity")]
        if not sides:
            continue
        gone = [ev for ev in rel.evidence if any(_inside(m, ev) for m in moving)
                and not any(_inside(m, ev) for m in staying)]
        if gone:
            rel.evidence = [ev for ev in rel.evidence if ev not in gone]
            emptied.update([id(rel)] if not rel.evidence else [])
            moved = Relation(rel.subject, rel.predicate, rel.object, rel.object_kind, gone,
                             dict(rel.qualifiers), rel.review)
            setattr(moved, sides[0], new)
            added.append(moved)
    state.kg.relations = [r for r in state.kg.relations if id(r) not in emptied] + added
