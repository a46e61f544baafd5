"""Citations of passages: author, title, year, and the passage's place in the book (part,
chapter, printed page), formatted in one place for the page, ``relations.csv`` and RDF.

The place comes from the document's structure (:mod:`kg.read.structure`): the divisions whose
span holds the passage's start, outermost first, and the printed page it starts on ("pp." when
it runs over a page beginning). What the source does not print stays out: no page before the
first page marker, no chapter outside the chapters.

>>> from kg.model import Document
>>> doc = Document("w-1", "wilton.txt", "wilton.txt", "0", title="The Last Days of the Romanovs",
...                kind="book", date="1920", author="Robert Wilton",
...                divisions=[(0, 900, "part", "II"), (100, 900, "chapter", "XVI")],
...                pages=[(100, "213"), (500, "214")])
>>> cite(doc, 520, 560)
'Wilton, The Last Days of the Romanovs (1920), pt. II, ch. XVI, p. 214'
>>> place_text(place_of(doc, 480, 520))
'pt. II, ch. XVI, pp. 213–214'
>>> cite(Document("l-1", "letter.md", "letter.md", "0"), 0, 5)
'letter.md'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.model import Document
from kg.read.structure import structure

_YEAR = re.compile(r"-?\d{4}")
PAGE_AUTHORED = frozenset({"book", "article"})  # kinds the page cites with their author first


@dataclass(frozen=True, slots=True)
class Place:
    """Where a passage is in its document: ``(start, kind, label)`` of the divisions that hold
    it, outermost first, and the printed pages it starts and ends on (None where the text
    prints none)."""

    divisions: tuple[tuple[int, str, str], ...] = ()
    first_page: str | None = None
    last_page: str | None = None


def _page_at(pages: list[tuple[int, str]], offset: int) -> str | None:
    found = None
    for start, number in pages:
        if start > offset:
            break
        found = number
    return found


def place_of(doc: Document, start: int, end: int) -> Place:
    """The divisions holding file offset ``start`` and the pages of ``[start, end)``."""
    levels = structure().levels
    held = sorted((levels.get(kind, 99), s, kind, label) for s, e, kind, label in doc.divisions
                  if s <= start < e)
    first = _page_at(doc.pages, start)
    last = _page_at(doc.pages, max(start, end - 1)) if first else None
    return Place(tuple((s, kind, label) for _, s, kind, label in held), first, last)


def place_text(place: Place) -> str:
    """'pt. II, ch. XVI, p. 214' (empty when nothing is known)."""
    abbr = structure().abbreviations
    parts = [f"{abbr.get(kind, kind)} {label}".strip() for _, kind, label in place.divisions]
    if place.first_page and place.last_page and place.last_page != place.first_page:
        parts.append(f"pp. {place.first_page}–{place.last_page}")
    elif place.first_page:
        parts.append(f"p. {place.first_page}")
    return ", ".join(parts)


def surname(name: str) -> str:
    """The last word of a name, a title page's capitals undone: 'Robert Wilton' → 'Wilton',
    'S. A. Malsagoff' → 'Malsagoff', 'IVAN PETROV' → 'Petrov'."""
    words = name.replace(",", " ").split()
    last = words[-1] if words else name
    return "-".join(p.capitalize() for p in last.split("-")) if last.isupper() and len(last) > 1 else last


def year_of(doc: Document) -> str | None:
    """The year of the document's date ('1920' of '1920-05'), or None."""
    m = _YEAR.match(doc.date or "")
    return m.group() if m else None


def source_text(doc: Document, *, full: bool = False) -> str:
    """'Wilton, The Last Days of the Romanovs (1920)': authors' surnames, title, year (the
    tables and the RDF). ``full`` (the page's panel and Sources menu): the author as the
    metadata writes it, of a book or an article only (a letter's title names its writer),
    and the date as given.

    >>> doc = Document("b-1", "b.txt", "b.txt", "", title="My Years", kind="book", date="1923-04",
    ...                author="Anna Melnik")
    >>> source_text(doc), source_text(doc, full=True)
    ('Melnik, My Years (1923)', 'Anna Melnik, My Years (1923-04)')
    """
    if full:
        authors = doc.author if doc.author and doc.kind in PAGE_AUTHORED else ""
        when = doc.date
    else:
        authors, when = " and ".join(surname(a) for a in doc.authors()), year_of(doc)
    return (f"{authors}, " if authors else "") + (doc.title or doc.source) + (f" ({when})" if when else "")


def cite(doc: Document, start: int, end: int) -> str:
    """The citation of the passage ``[start, end)`` (file offsets) of ``doc``."""
    where = place_text(place_of(doc, start, end))
    return source_text(doc) + (f", {where}" if where else "")
