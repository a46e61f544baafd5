"""The ``standOff`` of a TEI file: the entities its text names and the relations it states.

``listPerson`` (persons, and groups as ``personGrp``), ``listOrg``, ``listPlace``,
``listEvent`` and ``listBibl`` (works) give each entity its label, aliases and Wikidata id;
``spanGrp type="evidence"`` holds each quoted passage as a ``span`` from one anchor in the
text to another; ``listRelation`` a ``relation`` per statement (``@name`` the predicate,
``@active``/``@passive`` the entities, ``@source`` its evidence, ``@type`` the modality,
``@cert`` the confidence, ``@n`` the rules), a date or a text it names in its ``desc``.
"""

from __future__ import annotations

from kg.export.tei.corpus import EntityRow, RelationRow
from kg.export.tei.inline import date_attrs, evidence_id, xml_id
from kg.export.tei.weave import Tag, escape_attr, escape_text

# type → (list element, entry element, name element)
LISTS: dict[str, tuple[str, str, str]] = {
    "PERSON": ("listPerson", "person", "persName"), "GROUP": ("listPerson", "personGrp", "persName"),
    "ORG": ("listOrg", "org", "orgName"), "PLACE": ("listPlace", "place", "placeName"),
    "EVENT": ("listEvent", "event", "label"), "WORK": ("listBibl", "bibl", "title"),
}
ORDER = ("listPerson", "listOrg", "listPlace", "listEvent", "listBibl")
IND = "    "


def entry(e: EntityRow) -> str:
    """The standOff entry of one entity.

    >>> print(entry(EntityRow("Adolf_Hitler", "PERSON", "Hitler", ("Adolf Hitler",), "Q352")))
    <person xml:id="Adolf_Hitler"><persName>Hitler</persName><persName type="alias">Adolf Hitler</persName><idno type="wikidata">Q352</idno></person>
    """
    _, element, name = LISTS[e.type]
    idno = f'<idno type="wikidata">{escape_text(e.wikidata)}</idno>' if e.wikidata else ""
    names = f"<{name}>{escape_text(e.label)}</{name}>" + "".join(
        f'<{name} type="alias">{escape_text(a)}</{name}>' for a in e.aliases)
    inner = idno + names if element == "event" else names + idno  # an event's idno comes first
    return f'<{element} xml:id="{escape_attr(xml_id(e.id))}">{inner}</{element}>'


def entity_lists(entities: list[EntityRow]) -> list[str]:
    """The list elements (lines) of the entities, each list sorted by id."""
    by_list: dict[str, list[str]] = {}
    for e in sorted(entities, key=lambda e: e.id):
        if e.type in LISTS:
            by_list.setdefault(LISTS[e.type][0], []).append(entry(e))
    lines = []
    for name in ORDER:
        if name in by_list:
            lines += [f"{IND}<{name}>", *(f"{IND}  {x}" for x in by_list[name]), f"{IND}</{name}>"]
    return lines


def evidence_spans(relations: list[RelationRow], placed: set[str]) -> list[str]:
    """``spanGrp`` of the evidence whose anchors are in the text."""
    spans: dict[str, str] = {}
    for r in relations:
        ident = evidence_id(r)
        if ident + "-s" in placed and ident not in spans:
            spans[ident] = (f'<span xml:id="{ident}" from="#{ident}-s" to="#{ident}-e">'
                            f"{escape_text(r.quote)}</span>")
    if not spans:
        return []
    return [f'{IND}<spanGrp type="evidence">', *(f"{IND}  {s}" for s in spans.values()), f"{IND}</spanGrp>"]


def _relation(rows: list[RelationRow], placed: set[str], date_ref: str | None) -> str:
    first = rows[0]
    attrs = [("name", first.predicate), ("active", f"#{xml_id(first.subject)}")]
    desc = ""
    if first.object_kind == "entity":
        attrs.append(("passive", f"#{xml_id(first.object)}"))
    elif date_ref:
        attrs.append(("passive", f"#{date_ref}"))
    elif first.object_kind == "date":
        desc = f"<desc>{Tag(0, 0, 'date', date_attrs(first.object)).open()}{escape_text(first.object)}</date></desc>"
    else:
        desc = f"<desc>{escape_text(first.object)}</desc>"
    sources = sorted({evidence_id(r) for r in rows if evidence_id(r) + "-s" in placed})
    if sources:
        attrs.append(("source", " ".join(f"#{s}" for s in sources)))
    attrs += [("type", first.modality), ("cert", max((r.confidence for r in rows), key=float)),
              ("n", " ".join(sorted({r.rule for r in rows})))]
    tag = Tag(0, 0, "relation", tuple(attrs), empty=not desc)
    return tag.open() + (f"{desc}</relation>" if desc else "")


def relation_list(relations: list[RelationRow], placed: set[str], date_refs: dict[int, str]) -> list[str]:
    """``listRelation``: one ``relation`` per statement (its evidence rows grouped), in the
    order the text first states them. ``date_refs``: row index → id of the date it names."""
    groups: dict[tuple[str, ...], list[int]] = {}
    for i, r in enumerate(relations):
        groups.setdefault((r.subject, r.predicate, r.object, r.object_kind, r.modality), []).append(i)
    if not groups:
        return []
    lines = [f"{IND}<listRelation>"]
    for rows in groups.values():
        ref = next((date_refs[i] for i in rows if i in date_refs), None)
        lines.append(f"{IND}  {_relation([relations[i] for i in rows], placed, ref)}")
    return lines + [f"{IND}</listRelation>"]


def standoff(entities: list[EntityRow], relations: list[RelationRow], placed: set[str],
             date_refs: dict[int, str]) -> str:
    """The ``standOff`` element (empty string when there is nothing to list)."""
    lines = entity_lists(entities) + evidence_spans(relations, placed) + relation_list(relations, placed, date_refs)
    return "\n".join(["  <standOff>", *lines, "  </standOff>"]) if lines else ""
