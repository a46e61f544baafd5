"""Metadata of one document from its layered units: title, kind, date, author, recipients.

>>> from kg.read.blocks import split_blocks
>>> from kg.read.layers import classify
>>> t = "## Mekhlis to Stalin and Ezhov\\n\\nOCTOBER 28, 1938\\n\\n*Mekhlis reported back.*"
>>> bs = split_blocks(t)
>>> m = describe(t, bs, classify(t, bs, [0, 1, 2]))
>>> (m.title, m.kind, m.date, m.author, m.recipients)
('Mekhlis to Stalin and Ezhov', 'report', '1938-10-28', 'Mekhlis', ['Stalin', 'Ezhov'])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.read.blocks import Block
from kg.read.dates import find_date, is_date_line
from kg.read.debris import is_byline
from kg.read.embedded import address_forms_in, glossed_vocative
from kg.read.layers import Unit
from kg.read.passages import clean_unit
from kg.read.meta import fuller_name, is_signature, kind_of, parse_title, salutation, signer

SALUTATION_WINDOW = 8  # salutations are looked for in the first body paragraphs


@dataclass(slots=True)
class Meta:
    """What the read step learns about a document besides its passages."""

    title: str | None = None
    kind: str = "document"
    date: str | None = None
    date_text: str | None = None
    author: str | None = None
    recipients: list[str] = field(default_factory=list)


def unit_text(text: str, blocks: list[Block], unit: Unit) -> str:
    """Clean text of a unit, for reading cues."""
    return clean_unit(text, blocks, unit).text


def _date(meta: Meta, texts: list[tuple[str, str]]) -> None:
    for layer in ("dateline", "signature", "citation"):
        for lay, txt in texts:
            hit = find_date(txt) if lay == layer else None
            if hit and (layer != "signature" or is_date_line(txt)):
                meta.date, meta.date_text = hit[0], hit[1]
                return


def _people(meta: Meta, texts: list[tuple[str, str]]) -> None:
    body = [t for lay, t in texts if lay == "body"]
    if not meta.recipients:
        found = [salutation(t) for t in body[:SALUTATION_WINDOW]]
        meta.recipients = [r for r in found if r][:1]
    if not meta.recipients:
        gloss = next((g for g in map(glossed_vocative, body) if g), None)
        meta.recipients = [gloss] if gloss else address_forms_in(" ".join(body))[:1]
    signers = [signer(t) for lay, t in texts if lay == "signature" and is_signature(t)]
    bylines = [re.sub(r"^\w+\s+", "", t) for lay, t in texts
               if lay == "signature" and is_byline(t)]
    meta.author = fuller_name(meta.author, *bylines) if bylines else meta.author
    if not meta.author and signers:
        meta.author = fuller_name(*signers)


def _kind(meta: Meta, texts: list[tuple[str, str]], title_kind: str | None) -> str:
    headnote = next((t for lay, t in texts if lay == "headnote"), "")
    first_sentence = re.split(r"(?<=[a-z0-9)][.!?])\s+(?=[A-Z])", headnote, maxsplit=1)[0]
    if title_kind == "letter" and kind_of(first_sentence) == "report":
        return "report"
    if title_kind:
        return title_kind
    if any(lay == "signature" and is_byline(t) for lay, t in texts):
        return "article"
    if meta.author and meta.recipients:
        return "letter"
    if texts and all(lay in ("headnote", "editorial", "title") for lay, _ in texts):
        return "editorial_note"
    return "document"


def describe(text: str, blocks: list[Block], units: list[Unit]) -> Meta:
    """Title, kind, date, author and recipients of a document."""
    texts = [(u.layer, unit_text(text, blocks, u)) for u in units]
    meta = Meta()
    meta.title = next((t for lay, t in texts if lay == "title"), None)
    title_kind = None
    if meta.title:
        meta.author, meta.recipients, title_kind = parse_title(meta.title)
    _date(meta, texts)
    _people(meta, texts)
    meta.kind = _kind(meta, texts, title_kind)
    return meta


def speaker_of(meta: Meta) -> str | None:
    """Who speaks in the body: the author of a letter or report."""
    return meta.author if meta.kind in ("letter", "report") else None
