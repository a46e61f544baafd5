"""The sources of a build as CSL-JSON (``sources.csl.json``), for Zotero and any citation
processor: one item per document, with what the read step knows of it — type (a book is
``book``, a letter ``personal_communication``, a report ``report``, an article ``article``,
any other document ``manuscript``), title, authors and recipients, date (``issued``), place
(``publisher-place``), an archival citation (``archive``, ``archive_location``, ``note``) and
a URL found in it. Nothing is guessed: what is unknown is left out.

>>> from kg.model import Document
>>> doc = Document("w-1", "w.txt", "w.txt", "0", title="The Last Days of the Romanovs",
...                kind="book", date="1920", author="George Gustav Telberg and Robert Wilton")
>>> item = csl_item(doc)
>>> item["type"], item["issued"], [a["family"] for a in item["author"]]
('book', {'date-parts': [[1920]]}, ['Telberg', 'Wilton'])
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from kg.export.atomic import write_text
from kg.model import Citation, Document, KnowledgeGraph

CSL_TYPES = {"book": "book", "letter": "personal_communication", "report": "report",
             "article": "article", "editorial_note": "manuscript", "document": "manuscript"}
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?([?~%]?)$")
_URL = re.compile(r"https?://[^\s<>\"')\]]+")


def csl_name(name: str) -> dict[str, str]:
    """A name as CSL: the last word the family name ('S. A. Malsagoff' → given 'S. A.')."""
    words = name.split()
    if len(words) < 2:
        return {"literal": name}
    return {"family": words[-1], "given": " ".join(words[:-1])}


def csl_date(edtf: str) -> dict[str, Any] | None:
    """An EDTF day, month or year (or an interval of them) as CSL ``date-parts``."""
    parts, circa = [], False
    for end in edtf.split("/"):
        m = _DATE.match(end)
        if not m:
            return None
        parts.append([int(g) for g in m.groups()[:3] if g])
        circa = circa or bool(m.group(4))
    return {"date-parts": parts, **({"circa": True} if circa else {})}


def _archive(citation: Citation) -> dict[str, str]:
    where = ", ".join(f"{abbr} {value}" for abbr, value in (
        ("f.", citation.fond), ("op.", citation.opis), ("d.", citation.delo), ("ll.", citation.listy))
        if value)
    found = {"note": citation.text, "archive": citation.archive or "", "archive_location": where}
    url = _URL.search(citation.text)
    if url:
        found["URL"] = url.group().rstrip(".,;")
    return {k: v for k, v in found.items() if v}


def csl_item(doc: Document) -> dict[str, Any]:
    """The CSL-JSON item of one document (its id is the document's)."""
    item: dict[str, Any] = {"id": doc.id, "type": CSL_TYPES.get(doc.kind, "manuscript"),
                            "title": doc.title or doc.source}
    if doc.authors():
        item["author"] = [csl_name(a) for a in doc.authors()]
    if doc.recipients:
        item["recipient"] = [csl_name(r) for r in doc.recipients]
    issued = csl_date(doc.date) if doc.date else None
    if issued:
        item["issued"] = issued
    if doc.place:
        item["publisher-place"] = doc.place
    if doc.citation is not None:
        item.update(_archive(doc.citation))
    return item


def csl_items(kg: KnowledgeGraph) -> list[dict[str, Any]]:
    """One item per document of the build, sorted by id."""
    return [csl_item(d) for d in sorted(kg.documents, key=lambda d: d.id)]


def write_csl(kg: KnowledgeGraph, path: str | Path) -> None:
    """Write ``sources.csl.json`` atomically (sorted keys: the same input, the same bytes)."""
    write_text(path, json.dumps(csl_items(kg), indent=2, sort_keys=True, ensure_ascii=False) + "\n")
