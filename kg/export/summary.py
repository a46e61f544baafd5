"""One sentence of a build's counts, the same in the CLI, report.json, the page and README.

The words are fixed: *files* given to ``kg build``, *documents* found in them (a file may
hold several letters), *entities*, *relations* (distinct statements, to entities, dates or
texts) and *evidence rows* (one per passage that states a relation: the rows of
relations.csv); then, when there are any, the *uncertain relations* (below the build's
``--min-confidence``: left out, or kept apart with ``--keep-uncertain``).

>>> summary_line({"files": 2, "documents": 4, "entities": 72, "relations": 52, "evidence": 64})
'2 files, 4 documents found in them, 72 entities, 52 relations, 64 evidence rows'
>>> summary_line({"files": 1, "documents": 1, "entities": 1, "relations": 1, "evidence": 1, "uncertain": 3})
'1 file, 1 document found in it, 1 entity, 1 relation, 1 evidence row, 3 uncertain relations'

The network page's header says the same in plain words for its readers (:func:`plain_line`):

>>> plain_line({"files": 3, "documents": 3, "entities": 1554, "relations": 343, "evidence": 400}, ["book"] * 3)
'3 books · 1,554 people, places and other names · 343 facts'
"""

from __future__ import annotations

from typing import Any, Mapping

from kg.model import KnowledgeGraph

KEYS = ("files", "documents", "entities", "relations", "evidence")


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def graph_counts(kg: KnowledgeGraph) -> dict[str, int]:
    """The counts of a graph: from its build report, else from the graph itself."""
    counts: Mapping[str, Any] = (kg.report or {}).get("counts", {})
    if all(k in counts for k in KEYS):
        return {k: int(counts[k]) for k in (*KEYS, "uncertain") if k in counts}
    certain = [r for r in kg.relations if not r.uncertain]
    uncertain = len(kg.relations) - len(certain) + len(kg.uncertain)
    return {"files": len({d.source for d in kg.documents}), "documents": len(kg.documents),
            "entities": len(kg.entities), "relations": len(certain),
            "evidence": sum(len(r.evidence) for r in certain)} | ({"uncertain": uncertain} if uncertain else {})


def summary_line(counts: Mapping[str, int]) -> str:
    """The counts as one line (see the module docs)."""
    files = counts["files"]
    return ", ".join([
        _n(files, "file", "files"),
        _n(counts["documents"], "document", "documents") + (" found in it" if files == 1 else " found in them"),
        _n(counts["entities"], "entity", "entities"),
        _n(counts["relations"], "relation", "relations"),
        _n(counts["evidence"], "evidence row", "evidence rows"),
    ] + ([_n(counts["uncertain"], "uncertain relation", "uncertain relations")]
         if counts.get("uncertain") else []))


#: kinds of document a header names by their own word when every document is of that kind
_KIND_WORDS = {"book": ("book", "books"), "letter": ("letter", "letters"), "article": ("article", "articles"),
               "report": ("report", "reports")}


def plain_line(counts: Mapping[str, int], kinds: list[str]) -> str:
    """The counts in a reader's words: the documents (by their kind when they share one),
    the named things, the facts (relations)."""
    shared = kinds[0] if kinds and len(set(kinds)) == 1 and kinds[0] in _KIND_WORDS else None
    one, many = _KIND_WORDS[shared] if shared else ("document", "documents")
    n, facts = (len(kinds) if shared else counts["documents"]), counts["relations"]
    return " · ".join([f"{n:,} {one if n == 1 else many}",
                       f"{counts['entities']:,} " + ("person, place or other name" if counts["entities"] == 1
                                                     else "people, places and other names"),
                       f"{facts:,} {'fact' if facts == 1 else 'facts'}"])
