"""Archival and bibliographic citations: recognise them and parse their parts.

>>> c = parse_citation("RGASPI, f. 17, op. 3, d. 1003, ll. 1–5; published in Istochnik, no. 2 (1995).", 0)
>>> (c.archive, c.fond, c.opis, c.delo, c.listy, c.published)
('RGASPI', '17', '3', '1003', '1–5', 'Istochnik, no. 2 (1995)')
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.model import Citation
from kg.read.cues import cues
from kg.read.dates import find_date

PARTS = ("fond", "opis", "delo", "listy")


@lru_cache(maxsize=1)
def _part_pattern() -> re.Pattern[str]:
    groups = []
    for part in PARTS:
        abbrs = sorted(cues().citation_parts.get(part, ()), key=len, reverse=True)
        alts = "|".join(re.escape(a) for a in abbrs) or "(?!)"
        groups.append(rf"(?P<{part}>{alts})")
    return re.compile(rf"^(?:{'|'.join(groups)})\.?\s*(?P<value>(?:[A-ZА-Я]{{1,3}}-?)?\d[\w\s–\-/.]*)$", re.I)


def _parse_parts(segment: str) -> dict[str, str]:
    """Parts of one ';'-separated segment; 'archive' is the text before the first part."""
    found: dict[str, str] = {}
    head: list[str] = []
    last = None
    for item in (i.strip() for i in segment.split(",")):
        m = _part_pattern().match(item)
        if m:
            last = next(p for p in PARTS if m.group(p))
            found.setdefault(last, m.group("value").strip(" ."))
        elif last and re.fullmatch(r"\d[\d\s–\-/ob.]*", item):
            found[last] += ", " + item.strip(" .")
        elif not found:
            head.append(item)
    if len(found) >= 2 and head:
        found["archive"] = ", ".join(head)
    return found if len(found) >= 2 else {}


def _published(segment: str) -> str | None:
    low = segment.lower()
    for cue in sorted(cues().published_cues, key=len, reverse=True):
        at = low.find(cue)
        if at != -1 and (at == 0 or cue.startswith("published") or cue.startswith("reprinted")):
            return segment[at + len(cue):].strip(" :.") or None
    return None


def is_archival(text: str) -> bool:
    """True if ``text`` holds a fond/opis/delo/listy reference."""
    return any(_parse_parts(seg) for seg in text.split(";"))


def is_bibliographic(text: str) -> bool:
    """True if ``text`` opens with a publication cue ("Published in", "Source:", ...)."""
    low = text.lower().lstrip("*_ ")
    return any(low.startswith(cue) for cue in cues().published_cues)


def is_publisher_line(text: str) -> bool:
    """A short line naming a publisher with a date ("Associated Newspapers Ltd., 22 October 1999")."""
    words = {w.strip(",;:") for w in text.lower().split()}
    return len(text) < 160 and bool(words & cues().publisher_words) and find_date(text) is not None


def is_citation(text: str) -> bool:
    """Archival, bibliographic or publisher citation."""
    return is_archival(text) or is_bibliographic(text) or is_publisher_line(text)


def parse_citation(text: str, start: int, end: int | None = None) -> Citation:
    """Parse a citation paragraph (clean text; ``start``/``end`` are its file offsets)."""
    cit = Citation(text=text, start=start, end=start + len(text) if end is None else end)
    for segment in (s.strip() for s in text.split(";")):
        parts = _parse_parts(segment)
        if parts and cit.fond is None and cit.delo is None:
            for key, value in parts.items():
                setattr(cit, key, value)
        elif cit.published is None:
            cit.published = _published(segment)
    if cit.published is None and cit.fond is None and is_publisher_line(text):
        cit.published = text.strip()
    return cit
