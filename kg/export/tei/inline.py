"""The elements a mention or a piece of evidence becomes in the text.

A person is a ``persName``, an organisation an ``orgName``, a place a ``placeName``, an event,
a work or a group an ``rs`` of that type, each with ``@ref`` to its entry in the standOff; a
date is a ``date`` with ``@when`` (a day, month or year) or ``@notBefore``/``@notAfter`` (the
bounds of any other EDTF value the build computed: "1937?", "the early 1930s"). Evidence is
marked by two anchors, ``ev-START-END-s`` and ``ev-START-END-e``.

>>> mention_tag(MentionRow("a.txt", 3, 7, "Koba", "PERSON", "Iosif_Stalin", ""), 3, 7).open()
'<persName ref="#Iosif_Stalin">'
>>> date_attrs("1937-12-10"), date_attrs("1930~")
((('when', '1937-12-10'),), (('notBefore', '1930-01-01'), ('notAfter', '1930-12-31')))
>>> xml_id("1905_Revolution")
'_1905_Revolution'
"""

from __future__ import annotations

import re
from datetime import date

from kg.dates import bounds
from kg.export.tei.corpus import MentionRow, RelationRow
from kg.export.tei.weave import Tag

ELEMENTS: dict[str, tuple[str, str | None]] = {
    "PERSON": ("persName", None), "ORG": ("orgName", None), "PLACE": ("placeName", None),
    "EVENT": ("rs", "event"), "WORK": ("rs", "work"), "GROUP": ("rs", "group"), "DATE": ("date", None)}
_W3C = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def xml_id(entity: str) -> str:
    """The ``xml:id`` of an entity: its id, with ``_`` before a leading digit (an NCName)."""
    return f"_{entity}" if entity[:1].isdigit() else entity


def date_id(row: MentionRow) -> str:
    """The ``xml:id`` of a date in the text (a relation may point to it)."""
    return f"date-{row.start}-{row.end}"


def evidence_id(row: RelationRow) -> str:
    """The ``xml:id`` of a piece of evidence (its ``span`` in the standOff)."""
    return f"ev-{row.start}-{row.end}"


def w3c_date(value: str) -> bool:
    """A year, month or day as XML Schema writes them (what ``@when`` takes)."""
    m = _W3C.fullmatch(value)
    if not m or value.startswith("0000"):
        return False
    try:
        date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        return False
    return True


def date_attrs(value: str) -> tuple[tuple[str, str], ...]:
    """``@when`` for a plain day, month or year; else the EDTF value's bounds."""
    if not value:
        return ()
    if w3c_date(value):
        return (("when", value),)
    span = bounds(value)
    found = [(k, v) for k, v in (("notBefore", span.earliest), ("notAfter", span.latest))
             if v and w3c_date(v)]
    return tuple(found)


def mention_tag(row: MentionRow, start: int, end: int, ident: str | None = None) -> Tag:
    """The element around a mention, placed at ``[start, end)`` of the text being written."""
    name, kind = ELEMENTS.get(row.type, ("rs", row.type.lower()))
    attrs: list[tuple[str, str]] = [("xml:id", ident)] if ident else []
    if kind:
        attrs.append(("type", kind))
    if name == "date":
        attrs.extend(date_attrs(row.value))
    elif row.entity:
        attrs.append(("ref", f"#{xml_id(row.entity)}"))
    return Tag(start, end, name, tuple(attrs))


def anchor(ident: str, at: int) -> Tag:
    """An empty ``anchor`` at ``at``."""
    return Tag(at, at, "anchor", (("xml:id", ident),), empty=True)


def date_targets(mentions: list[MentionRow], relations: list[RelationRow]) -> set[MentionRow]:
    """The dates relations point to: a date of the relation's value inside its evidence."""
    by_value: dict[tuple[str, str], list[MentionRow]] = {}
    for m in mentions:
        if m.type == "DATE" and m.value:
            by_value.setdefault((m.source, m.value), []).append(m)
    targets = set()
    for r in relations:
        if r.object_kind == "date":
            hits = [m for m in by_value.get((r.source, r.object), []) if r.start <= m.start and m.end <= r.end]
            targets.update(hits[:1])
    return targets


def date_target(row: RelationRow, targets: set[MentionRow], placed: set[str]) -> str | None:
    """The id of the date (placed in the text) a date relation's evidence names, if any."""
    for m in sorted(targets, key=lambda m: (m.start, m.end)):
        if m.source == row.source and m.value == row.object and row.start <= m.start and m.end <= row.end:
            return date_id(m) if date_id(m) in placed else None
    return None
