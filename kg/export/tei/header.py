"""The ``teiHeader``: the document's metadata (as report.json's ``documents`` has it) and the
build's provenance (program, model and rules in ``encodingDesc/appInfo``; what was marked and
what left out in ``editorialDecl``).

A letter (or report) names its writer, addressees and date in ``correspDesc``, as TEI
editions of correspondence do (and as histkg reads them back); any other document its author
in ``titleStmt``.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from kg.export.tei.inline import date_attrs
from kg.export.tei.weave import Tag, escape_attr, escape_text

LETTER_KINDS = ("letter", "report")
_VERSION = re.compile(r"\d+(\.\d+){0,2}")


def _date(value: str | None) -> str:
    if not value:
        return ""
    return f"{Tag(0, 0, 'date', date_attrs(value)).open()}{escape_text(value)}</date>"


def app_info(provenance: dict[str, Any]) -> str:
    """``appInfo``: histkg and the spaCy model, versions, the rules' count and checksum."""
    program, model = provenance.get("program") or {}, provenance.get("model") or {}
    rules, when = provenance.get("rules") or {}, provenance.get("date") or ""
    apps = []
    for ident, version, label, desc in (
            (program.get("name", "histkg"), program.get("version", ""), "histkg",
             f"{rules.get('count', '?')} relation rules, SHA-256 {rules.get('sha256', '?')}"),
            (model.get("name", ""), model.get("version", ""), "spaCy pipeline",
             f"spaCy {model.get('spacy_version', '?')}: {model.get('components', '')}")):
        if not ident:
            continue
        attrs = [("ident", ident)] + ([("version", version)] if _VERSION.fullmatch(version or "") else [])
        attrs += [("when", when)] if re.fullmatch(r"\d{4}-\d{2}-\d{2}", when) else []
        apps.append(f"{Tag(0, 0, 'application', tuple(attrs)).open()}<label>{escape_text(label)}</label>"
                    f"<desc>{escape_text(desc)}</desc></application>")
    return f"<appInfo>{''.join(apps)}</appInfo>"


def marking_note(mentions: int, skipped: Counter) -> str:
    """``editorialDecl``: how many mentions were marked, how many left out and why.

    >>> marking_note(12, Counter({"crossing another mention": 1}))
    '<editorialDecl><p>Names and dates marked by histkg: 12; left out: 1 (crossing another mention: 1).</p></editorialDecl>'
    """
    left = sum(skipped.values())
    why = ", ".join(f"{k}: {n}" for k, n in sorted(skipped.items()) if n)
    tail = f"; left out: {left} ({why})" if left else ""
    return f"<editorialDecl><p>Names and dates marked by histkg: {mentions}{tail}.</p></editorialDecl>"


def _people(doc: dict[str, Any]) -> tuple[list[str], list[str]]:
    author = doc.get("author") or ""
    return [a for a in author.split(" and ") if a], list(doc.get("recipients") or [])


def _corresp(doc: dict[str, Any]) -> str:
    authors, recipients = _people(doc)
    sent = "".join(f"<persName>{escape_text(a)}</persName>" for a in authors) + _date(doc.get("date"))
    received = "".join(f"<persName>{escape_text(r)}</persName>" for r in recipients)
    actions = [f'<correspAction type="{t}">{body}</correspAction>'
               for t, body in (("sent", sent), ("received", received)) if body]
    return f"<profileDesc><correspDesc>{''.join(actions)}</correspDesc></profileDesc>" if actions else ""


def _source_desc(doc: dict[str, Any]) -> str:
    authors, _ = _people(doc)
    parts = [f"<title>{escape_text(doc.get('title') or '')}</title>" if doc.get("title") else "",
             "".join(f"<author>{escape_text(a)}</author>" for a in authors), _date(doc.get("date")),
             f"<pubPlace>{escape_text(doc['place'])}</pubPlace>" if doc.get("place") else "",
             f'<idno type="file">{escape_text(doc.get("file") or "")}</idno>',
             f'<idno type="histkg">{escape_text(doc.get("id") or "")}</idno>',
             f'<note type="citation">{escape_text(doc["citation"])}</note>' if doc.get("citation") else ""]
    return f"<sourceDesc><bibl>{''.join(parts)}</bibl></sourceDesc>"


def tei_header(doc: dict[str, Any], provenance: dict[str, Any], mentions: int, skipped: Counter) -> str:
    """The ``teiHeader`` of a document written from plain text (``doc``: its report.json entry)."""
    letter = doc.get("kind") in LETTER_KINDS
    authors, _ = _people(doc)
    title = f"<title>{escape_text(doc.get('title') or '')}</title>"
    by = "".join(f"<author>{escape_text(a)}</author>" for a in authors)
    licence = f" Licence: {escape_text(doc['licence'])}." if doc.get("licence") else ""
    publication = (f"<publicationStmt><p>Annotated by histkg from {escape_text(doc.get('file') or '')}."
                   f"{licence}</p></publicationStmt>")
    lines = ["  <teiHeader>", f"    <fileDesc><titleStmt>{title}{by}</titleStmt>", f"      {publication}",
             f"      {_source_desc(doc)}", "    </fileDesc>",
             f"    <encodingDesc>{app_info(provenance)}{marking_note(mentions, skipped)}</encodingDesc>"]
    corresp = _corresp(doc) if letter else ""
    if corresp:
        lines.append(f"    {corresp}")
    return "\n".join(lines + ["  </teiHeader>"])


def header_additions(provenance: dict[str, Any], mentions: int, skipped: Counter) -> str:
    """What is added to the ``encodingDesc`` of a TEI input."""
    return app_info(provenance) + marking_note(mentions, skipped)
