"""The sources of the network page: one per top-level document (a book, a letter, an
article), its citation, the sources attesting each relation, the passage around a quote,
and the entities of a big build's first view.

A source's citation is :func:`kg.export.cite.source_text` (``full``: author, title, date), the
one place citations are written; the page shows it in the "Sources" filter and under every quote.

>>> from kg.model import Document
>>> cite(Document("b-1", "b.txt", "b.txt", "", title="My Years", kind="book", date="1923",
...               author="Anna Melnik"))
'Anna Melnik, My Years (1923)'
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from itertools import accumulate
from typing import Any

from kg.export.cite import source_text
from kg.model import Document, Evidence, KnowledgeGraph, Passage

FIRST_VIEW = 60  # a build with more linked entities opens on this many
CONTEXT = 300  # characters of a quote's passage kept on each side ("show in context")
CONTEXT_BUDGET = 2_000_000  # characters of context in a whole page at most
MIN_CONTEXT = 80  # less than this on each side is no context
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")


def cite(doc: Document) -> str:
    """A source's citation on the page: author (of a book or an article), title, date."""
    return source_text(doc, full=True)


def roots(kg: KnowledgeGraph) -> dict[str, str]:
    """Each document id → the id of the top-level document holding it (itself if none)."""
    parent = {d.id: d.parent for d in kg.documents}

    def root(doc_id: str) -> str:
        seen = set()
        while parent.get(doc_id) and doc_id not in seen:
            seen.add(doc_id)
            doc_id = parent[doc_id]  # type: ignore[assignment]
        return doc_id

    return {d.id: root(d.id) for d in kg.documents}


def source_table(kg: KnowledgeGraph) -> list[dict[str, Any]]:
    """The top-level documents in build order: id, file, kind and citation."""
    return [{"id": d.id, "file": d.source, "kind": d.kind, "cite": cite(d)}
            for d in kg.documents if not d.parent]


def context(doc: Document | None, ev: Evidence, chars: int = CONTEXT) -> tuple[str, str]:
    """The text of the quote's passage before and after it (up to ``chars`` each side,
    cut at a sentence boundary when there is one); empty when the passage is not found.

    >>> from kg.model import Passage
    >>> text = "One. Two three. Four five. Six."
    >>> doc = Document("d-1", "d.txt", "d.txt", "", [Passage("d-1", "d.txt", 0, "body", text, range(len(text) + 1))])
    >>> context(doc, Evidence("d-1", "d.txt", "Two three.", 5, 15, "r", 1.0), 12)
    ('One. ', ' Four five.')
    """
    passage = passage_at(doc, ev.start) if doc and chars else None
    if passage is not None:
        origin = passage.origin
        at = bisect.bisect_left(origin, ev.start, 0, len(passage.text))
        end = bisect.bisect_left(origin, ev.end, at, len(passage.text))
        return _clip_before(passage.text[max(0, at - chars):at], at > chars), \
            _clip_after(passage.text[end:end + chars], end + chars < len(passage.text))
    return "", ""


def passage_at(doc: Document, offset: int) -> Passage | None:
    """The first passage of ``doc`` (in its order) whose text covers file offset ``offset``.

    >>> from kg.model import Passage
    >>> doc = Document("d-1", "d.txt", "d.txt", "", [Passage("d-1", "d.txt", 0, "body", "Abc", range(10, 14))])
    >>> passage_at(doc, 12).text, passage_at(doc, 13)
    ('Abc', None)
    """
    starts, ends, reach, order = _passage_index(doc)
    found = None
    k = bisect.bisect_right(starts, offset) - 1
    while k >= 0 and reach[k] > offset:  # passages starting before offset that may cover it
        if offset < ends[k] and (found is None or order[k] < found):
            found = order[k]
        k -= 1
    return None if found is None else doc.passages[found]


_INDEXES: dict[int, tuple[Document, tuple]] = {}


def _passage_index(doc: Document) -> tuple[list[int], list[int], list[int], list[int]]:
    """Starts (sorted), ends, the greatest end so far and the list position of the passages
    of ``doc`` that have text (kept for the last documents asked about)."""
    kept = _INDEXES.get(id(doc))
    if kept is not None and kept[0] is doc:
        return kept[1]
    spans = sorted((p.origin[0], p.origin[len(p.text)], i) for i, p in enumerate(doc.passages) if p.text)
    reach = list(accumulate((end for _, end, _ in spans), max))
    index = ([a for a, _, _ in spans], [b for _, b, _ in spans], reach, [i for _, _, i in spans])
    if len(_INDEXES) >= 256:
        _INDEXES.clear()
    _INDEXES[id(doc)] = (doc, index)
    return index


def context_chars(quotes: int) -> int:
    """Characters of context on each side of each of ``quotes`` quotes, so that a page holds
    at most :data:`CONTEXT_BUDGET` (none when that leaves less than :data:`MIN_CONTEXT`).

    >>> context_chars(400), context_chars(5000), context_chars(20000)
    (300, 200, 0)
    """
    chars = min(CONTEXT, CONTEXT_BUDGET // max(1, 2 * quotes))
    return chars if chars >= MIN_CONTEXT else 0


def _clip_before(text: str, cut: bool) -> str:
    found = list(_SENTENCE_END.finditer(text)) if cut else []
    return text[found[0].end():] if found and found[0].end() < len(text) else text


def _clip_after(text: str, cut: bool) -> str:
    found = list(_SENTENCE_END.finditer(text)) if cut else []
    return text[:found[-1].end()].rstrip() if found else text


def first_view(nodes: list[dict[str, Any]], limit: int = FIRST_VIEW) -> list[str]:
    """The entities a big network opens on: the most connected of each source in turn
    (so every book has its share), ``limit`` at most; none when all linked ones fit.

    >>> nodes = [{"id": n, "deg": d, "src": s} for n, d, s in
    ...          [("a", 9, [0]), ("b", 8, [0]), ("c", 2, [1]), ("d", 1, [1])]]
    >>> first_view(nodes, 2)
    ['a', 'c']
    """
    linked = [n for n in nodes if n["deg"]]
    if len(linked) <= limit:
        return []
    ranked = sorted(linked, key=lambda n: (-n["deg"], n["id"]))
    queues: dict[int, list[str]] = {}
    for n in ranked:
        for s in n.get("src", []):
            queues.setdefault(s, []).append(n["id"])
    chosen: dict[str, None] = {}
    while len(chosen) < limit and any(queues.values()):
        for s in sorted(queues):
            while queues[s] and queues[s][0] in chosen:
                queues[s].pop(0)
            if queues[s] and len(chosen) < limit:
                chosen[queues[s].pop(0)] = None
    return sorted(chosen)


def edge_sources(evidence: list[Evidence], root: dict[str, str], index: dict[str, int]) -> list[int]:
    """The indexes of the sources whose passages state a relation."""
    return sorted({index[root.get(ev.doc_id, ev.doc_id)] for ev in evidence
                   if root.get(ev.doc_id, ev.doc_id) in index})


def node_sources(edges: list[dict[str, Any]]) -> dict[str, list[int]]:
    """Each linked entity → its sources (those of its relations), most used first."""
    counts: dict[str, Counter[int]] = {}
    for e in edges:
        for end in (e["from"], e["to"]):
            counts.setdefault(end, Counter()).update(e.get("src", []))
    return {n: [s for s, _ in sorted(c.items(), key=lambda x: (-x[1], x[0]))] for n, c in counts.items()}
