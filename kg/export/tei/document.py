"""One TEI file: a document read from plain text, or a TEI input annotated in place."""

from __future__ import annotations

import re
from dataclasses import replace

from kg.export.tei.body import Marked, text_element
from kg.export.tei.corpus import Corpus, EntityRow, Locator, MentionRow, RelationRow
from kg.export.tei.header import header_additions, tei_header
from kg.export.tei.inline import anchor, date_id, date_target, date_targets, evidence_id, mention_tag, xml_id
from kg.export.tei.source import Markup, insertions, place, utf8_declaration
from kg.export.tei.standoff import standoff
from kg.export.tei.weave import nest, weave
from kg.model import Document

TEI_NS = "http://www.tei-c.org/ns/1.0"
PREFIX = "hkg_"  # before the entities' ids when a TEI input already uses one of them
_XML_ID = re.compile(r"""xml:id\s*=\s*["']([^"']+)""")


def _entities(corpus: Corpus, mentions: list[MentionRow], relations: list[RelationRow]) -> list[EntityRow]:
    ids = {m.entity for m in mentions if m.entity} | {r.subject for r in relations}
    ids |= {r.object for r in relations if r.object_kind == "entity"}
    return [corpus.entities[i] for i in sorted(ids) if i in corpus.entities]


def _date_refs(relations: list[RelationRow], mentions: list[MentionRow], placed: set[str]) -> dict[int, str]:
    targets = date_targets(mentions, relations)
    refs = {i: date_target(r, targets, placed) for i, r in enumerate(relations) if r.object_kind == "date"}
    return {i: ref for i, ref in refs.items() if ref}


def plain_document(corpus: Corpus, doc: Document, locator: Locator, mentions: list[MentionRow],
                   relations: list[RelationRow]) -> tuple[str, Marked]:
    """The TEI file of one document read from plain text or Markdown, and what was marked."""
    mine = [m for m in mentions if (hit := locator.find(m.start)) is not None and hit[0] is doc]
    stated = [r for r in relations if (hit := locator.find(r.start)) is not None and hit[0] is doc]
    marked = Marked()
    text = text_element(doc, locator, mine, stated, date_targets(mine, stated), marked)
    summary = corpus.summaries.get(doc.id) or {"id": doc.id, "file": doc.source, "kind": doc.kind}
    header = tei_header(summary, corpus.provenance, marked.mentions, marked.skipped)
    parts = ['<?xml version="1.0" encoding="UTF-8"?>', f'<TEI xmlns="{TEI_NS}">', header, text,
             standoff(_entities(corpus, mine, stated), stated, marked.ids, _date_refs(stated, mine, marked.ids)),
             "</TEI>"]
    return "\n".join(p for p in parts if p) + "\n", marked


def prefixed(corpus: Corpus, text: str, mentions: list[MentionRow],
             relations: list[RelationRow]) -> tuple[Corpus, list[MentionRow], list[RelationRow]]:
    """The rows with ``hkg_`` before every entity id when the TEI input already has an
    ``xml:id`` that one of its entities would take (two equal ids are not XML)."""
    used = {xml_id(e.id) for e in _entities(corpus, mentions, relations)}
    if not used & set(_XML_ID.findall(text)):
        return corpus, mentions, relations
    entities = {PREFIX + k: replace(e, id=PREFIX + e.id) for k, e in corpus.entities.items()}
    mentions = [replace(m, entity=PREFIX + m.entity) if m.entity else m for m in mentions]
    relations = [replace(r, subject=PREFIX + r.subject,
                         object=PREFIX + r.object if r.object_kind == "entity" else r.object) for r in relations]
    return replace(corpus, entities=entities), mentions, relations


def tei_document(corpus: Corpus, text: str, mentions: list[MentionRow],
                 relations: list[RelationRow]) -> tuple[str, Marked]:
    """A TEI input with the mentions and evidence anchors inserted, its markup kept."""
    corpus, mentions, relations = prefixed(corpus, text, mentions, relations)
    markup = Markup(text)
    marked = Marked()
    targets = date_targets(mentions, relations)
    tags = [mention_tag(m, m.start, m.end, date_id(m) if m in targets else None) for m in mentions]
    for ident in sorted({evidence_id(r) for r in relations}):
        start, end = (int(x) for x in ident.split("-")[1:])
        tags += [anchor(ident + "-s", start), anchor(ident + "-e", end)]
    placed = place(markup, tags, marked.skipped)
    anchors = {v for t in placed if t.empty for k, v in t.attrs if k == "xml:id"}
    anchors = {a for a in anchors if a[:-2] + "-s" in anchors and a[:-2] + "-e" in anchors}
    placed = [t for t in placed if not t.empty or dict(t.attrs)["xml:id"] in anchors]
    named = [t for t in placed if not t.empty]
    _, crossing = nest(named)
    marked.skipped["crossing another mention"] += len(crossing)
    marked.mentions = len(named) - len(crossing)
    marked.ids = anchors | {v for t in named if t not in crossing for k, v in t.attrs if k == "xml:id"}
    extra = insertions(markup, header_additions(corpus.provenance, marked.mentions, marked.skipped),
                       standoff(_entities(corpus, mentions, relations), relations, marked.ids,
                                _date_refs(relations, mentions, marked.ids)))
    woven, _ = weave(text, placed, escape=False, extra=extra)
    return utf8_declaration(woven), marked
