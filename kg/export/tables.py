"""CSV tables of a :class:`~kg.model.KnowledgeGraph`, for pandas, spreadsheets and Gephi.

Columns follow the output contract (ARCHITECTURE.md); extra columns come last:

- ``entities.csv``: id,type,label,aliases,wikidata,mentions,sources
- ``mentions.csv``: doc,start,end,text,type,entity,value  (DATE rows carry the EDTF value)
- ``relations.csv``: doc,subject,predicate,object,evidence,start,end,modality,confidence,rule,
  object_kind,qualifiers,sources,review,citation  (one row per piece of evidence; ``sources``: how many
  documents attest the relation; ``review``: ``accepted`` or ``added`` by a curator,
  ``uncertain`` for a relation below the build's --min-confidence kept by --keep-uncertain,
  empty otherwise; relations a curator rejected are not in the table, see report.json and
  the ``reviews`` SPARQL query; ``citation``: the passage cited by author, title, year, part,
  chapter and printed page where the source has them, :mod:`kg.export.cite`)
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Iterable

from kg.export.atomic import atomic_open
from kg.export.cite import cite
from kg.model import KnowledgeGraph, Relation

ENTITY_COLUMNS = ["id", "type", "label", "aliases", "wikidata", "mentions", "sources"]
MENTION_COLUMNS = ["doc", "start", "end", "text", "type", "entity", "value"]
RELATION_COLUMNS = ["doc", "subject", "predicate", "object", "evidence", "start", "end",
                    "modality", "confidence", "rule", "object_kind", "qualifiers", "sources", "review",
                    "citation"]


def _write(path: Path, columns: list[str], rows: Iterable[list]) -> None:
    with atomic_open(path, newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)


def entity_rows(kg: KnowledgeGraph) -> list[list]:
    """Rows of entities.csv, sorted by id."""
    return [[e.id, e.type, e.label, "|".join(e.aliases), e.wikidata or "", e.mention_count,
             "|".join(e.sources)] for e in sorted(kg.entities.values(), key=lambda e: e.id)]


def mention_rows(kg: KnowledgeGraph) -> list[list]:
    """Rows of mentions.csv: named mentions and dates, in file order."""
    rows = [[m.source, m.start, m.end, m.text, m.type, m.entity or "",
             m.date.edtf if m.date else ""] for m in kg.mentions]
    return sorted(rows, key=lambda r: (r[0], r[1], r[2], r[4]))


def review_status(rel: Relation) -> str:
    """The ``review`` column: a curator's status, or ``uncertain`` for a relation below the
    build's --min-confidence kept by --keep-uncertain (awaiting review)."""
    return rel.review.status if rel.review else "uncertain" if rel.uncertain else ""


def relation_rows(kg: KnowledgeGraph) -> list[list]:
    """Rows of relations.csv: one per piece of evidence."""
    rows = []
    documents = {d.id: d for d in kg.documents}
    for rel in kg.relations:
        quals = json.dumps(rel.qualifiers, sort_keys=True, ensure_ascii=False) if rel.qualifiers else ""
        for ev in rel.evidence:
            rows.append([ev.source, rel.subject, rel.predicate, rel.object, ev.quote, ev.start,
                         ev.end, ev.modality, f"{ev.confidence:.2f}", ev.rule, rel.object_kind,
                         quals, len(rel.sources), review_status(rel),
                         cite(documents[ev.doc_id], ev.start, ev.end) if ev.doc_id in documents else ev.source])
    return sorted(rows, key=lambda r: (r[0], r[5], r[6], r[1], r[2], r[3], r[9]))


def write_tables(kg: KnowledgeGraph, out_dir: str | Path) -> list[Path]:
    """Write the three CSV tables into ``out_dir``; returns their paths."""
    out = Path(out_dir)
    specs = [("entities.csv", ENTITY_COLUMNS, entity_rows(kg)),
             ("mentions.csv", MENTION_COLUMNS, mention_rows(kg)),
             ("relations.csv", RELATION_COLUMNS, relation_rows(kg))]
    for name, columns, rows in specs:
        _write(out / name, columns, rows)
    return [out / name for name, _, _ in specs]
