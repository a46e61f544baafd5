"""What the TEI files are written from: a build's documents and its three tables.

The rows are those of ``entities.csv``, ``mentions.csv`` and ``relations.csv`` (as strings), so
that ``kg build --tei`` (from the graph in memory) and ``kg export tei`` (from a build folder)
write the same bytes.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

from kg.model import Document, KnowledgeGraph, Passage


@dataclass(frozen=True, slots=True)
class EntityRow:
    """A row of entities.csv."""

    id: str
    type: str
    label: str
    aliases: tuple[str, ...]
    wikidata: str


@dataclass(frozen=True, slots=True)
class MentionRow:
    """A row of mentions.csv (file offsets)."""

    source: str
    start: int
    end: int
    text: str
    type: str
    entity: str
    value: str


@dataclass(frozen=True, slots=True)
class RelationRow:
    """A row of relations.csv: one piece of evidence of a relation."""

    source: str
    subject: str
    predicate: str
    object: str
    quote: str
    start: int
    end: int
    modality: str
    confidence: str
    rule: str
    object_kind: str


@dataclass(slots=True)
class Corpus:
    """Documents (with passages), their metadata as report.json says it, the table rows and
    the build's provenance (report.json's program, model, rules and date)."""

    documents: list[Document]
    summaries: dict[str, dict[str, Any]]
    entities: dict[str, EntityRow]
    mentions: list[MentionRow]
    relations: list[RelationRow]
    provenance: dict[str, Any] = field(default_factory=dict)

    def files(self) -> dict[str, list[Document]]:
        """Documents by source file, files sorted by name."""
        by_file: dict[str, list[Document]] = {}
        for doc in self.documents:
            by_file.setdefault(doc.source, []).append(doc)
        return dict(sorted(by_file.items()))


def entity_row(values: list[str]) -> EntityRow:
    """An :class:`EntityRow` from the columns of entities.csv."""
    aliases = tuple(a for a in values[3].split("|") if a)
    return EntityRow(values[0], values[1], values[2], aliases, values[4])


def mention_row(values: list[str]) -> MentionRow:
    """A :class:`MentionRow` from the columns of mentions.csv."""
    return MentionRow(values[0], int(values[1]), int(values[2]), *values[3:7])


def relation_row(values: list[str]) -> RelationRow:
    """A :class:`RelationRow` from the columns of relations.csv."""
    return RelationRow(*values[:5], int(values[5]), int(values[6]), *values[7:11])


def from_graph(graph: KnowledgeGraph) -> Corpus:
    """The corpus of a graph just built (its rows as the CSV tables have them)."""
    from kg.export.tables import entity_rows, mention_rows, relation_rows

    def text(rows: list[list]) -> list[list[str]]:
        return [[str(v) for v in row] for row in rows]

    entities = [entity_row(r) for r in text(entity_rows(graph))]
    return Corpus(graph.documents, {d["id"]: d for d in graph.report.get("documents", [])},
                  {e.id: e for e in entities}, [mention_row(r) for r in text(mention_rows(graph))],
                  [relation_row(r) for r in text(relation_rows(graph))], provenance(graph.report))


def provenance(report: dict[str, Any]) -> dict[str, Any]:
    """The parts of report.json the TEI header records."""
    return {k: report.get(k) for k in ("program", "model", "rules", "date")}


class Locator:
    """Finds the passage (of any document of one file) holding a file offset.

    >>> p = Passage("d-1", "d.txt", 0, "body", "Koba", tuple(range(10, 15)))
    >>> doc = Document("d-1", "d.txt", "d.txt", "h", [p])
    >>> Locator([doc]).find(12)[1:]
    (0, 2)
    """

    def __init__(self, documents: list[Document]) -> None:
        spans = sorted((p.origin[0], p.origin[-1], n, k) for n, d in enumerate(documents)
                       for k, p in enumerate(d.passages) if len(p.text))
        self.starts = [s[0] for s in spans]
        self.spans = spans
        self.documents = documents

    def find(self, pos: int, end: bool = False) -> tuple[Document, int, int] | None:
        """(document, passage index, index into the passage's text) of file offset ``pos``;
        with ``end``, ``pos`` is the offset just after a span (the index is after its last
        character)."""
        at = pos - 1 if end else pos
        i = bisect_right(self.starts, at) - 1
        if i < 0 or at >= self.spans[i][1]:
            return None
        _, _, n, k = self.spans[i]
        passage: Passage = self.documents[n].passages[k]
        index = bisect_left(passage.origin, at, 0, len(passage.text))
        return self.documents[n], k, index + 1 if end else index
