"""Read plain-text and Markdown files: split documents, layer them, build Documents.

>>> docs = read_markdown("## A to B\\n\\nI write.\\n\\nEND READING HERE\\n\\n## C to D\\n\\nMe too.",
...                      "x.md", "x.md", "0")
>>> [(d.id, d.author, d.recipients, d.passages[-1].speaker) for d in docs]
[('x-1', 'A', ['B'], 'A'), ('x-2', 'C', ['D'], 'C')]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath

from kg.model import Document
from kg.read.blocks import Block, split_blocks, split_last_line
from kg.read.citation import is_archival, parse_citation
from kg.read.cues import cues
from kg.read.dates import is_date_line
from kg.read.debris import debris_regions, find_debris
from kg.read.describe import Meta, describe, speaker_of, unit_text
from kg.read.headings import divisions, mark_headings, split_marker_line
from kg.read.index_pages import mark_index
from kg.read.embedded import embedded_author, find_embedded, is_personal
from kg.read.layers import Unit, classify, join_page_breaks, looks_like_title
from kg.read.markup import strip_markup
from kg.read.passages import build_passages
from kg.read.sidecar import apply_metadata, front_matter
from kg.read.structure import find_pages, is_page_only, parse_marker
from kg.read.titlepage import as_book, book_words, read_title_page


@dataclass(slots=True)
class Segment:
    """The blocks of one document of a file (debris included) and its file span."""

    ids: list[int] = field(default_factory=list)
    start: int = 0
    end: int = 0


def prepare_blocks(text: str) -> list[Block]:
    """Blocks of the file, with a closing date on its own line cut off its paragraph and a
    chapter marker off the text it opens without a blank line (:func:`split_marker_line`); a
    block of printed page numbers only ("[Pg 12]") is no block (:mod:`kg.read.structure`)."""
    out: list[Block] = []
    for block in split_blocks(text):
        if is_page_only(block.raw(text)):
            continue
        last = text[block.lines[-1][0]:block.lines[-1][1]]
        if block.kind == "para" and len(block.lines) > 1 and is_date_line(strip_markup(last)):
            out.extend(split_last_line(block))
        else:
            out.extend(split_marker_line(text, block))
    return out


def _opens_document(text: str, block: Block) -> bool:
    if block.kind != "heading":
        return False
    words = strip_markup(block.raw(text)).strip("# ").lower()
    return words.rstrip(":") not in cues().section_headings and parse_marker(words) is None


def segment(text: str, blocks: list[Block]) -> list[Segment]:
    """Documents of a file: cut at headings and rule lines ("END READING HERE")."""
    segments = [Segment()]
    for i, block in enumerate(blocks):
        if block.kind == "rule" or (_opens_document(text, block) and segments[-1].ids):
            segments.append(Segment())
        if block.kind == "rule":
            continue
        seg = segments[-1]
        if not seg.ids:
            seg.start = block.start
        seg.ids.append(i)
        seg.end = block.end
    return [s for s in segments if s.ids]


def _citation(text: str, blocks: list[Block], units: list[Unit]):
    cits = [(unit_text(text, blocks, u), blocks[u.blocks[0]].start, blocks[u.blocks[-1]].end)
            for u in units if u.layer == "citation"]
    cits.sort(key=lambda c: not is_archival(c[0]))
    return parse_citation(*cits[0]) if cits else None


def _document(ctx: _Context, units: list[Unit], meta: Meta, span: tuple[int, int],
              parent: str | None = None) -> Document:
    n = len(ctx.docs) + 1
    doc_id = f"{ctx.stem}-{n}"
    passages, refs = build_passages(ctx.text, ctx.blocks, units, doc_id, ctx.source,
                                    speaker_of(meta))
    doc = Document(doc_id, ctx.source, ctx.path, ctx.sha, passages, meta.title, meta.kind,
                   meta.date, meta.date_text, meta.author, list(meta.recipients), parent,
                   refs, _citation(ctx.text, ctx.blocks, units),
                   [r for r in ctx.debris if span[0] <= r[0] < span[1]], span[0], span[1])
    doc.meta_sources = {k: "the document's text" for k in ("title", "author", "date") if getattr(meta, k)}
    doc.divisions = divisions(ctx.text, ctx.blocks, units, span[1])
    doc.pages = find_pages(ctx.text, *span)
    ctx.docs.append(doc)
    return doc


@dataclass(slots=True)
class _Context:
    text: str
    source: str
    path: str
    sha: str
    stem: str
    blocks: list[Block]
    debris: list[tuple[int, int]]
    docs: list[Document] = field(default_factory=list)


def _read_segment(ctx: _Context, seg: Segment, debris: set[int]) -> None:
    ids = [i for i in seg.ids if i not in debris]
    if all(ctx.blocks[i].kind == "heading" for i in ids):
        return  # a collection's heading over its documents, or nothing left
    units = classify(ctx.text, ctx.blocks, ids)
    mark_headings(ctx.text, ctx.blocks, units)  # the book's apparatus: headings, contents, captions
    mark_index(ctx.text, ctx.blocks, units)  # and its index
    units = join_page_breaks(ctx.text, ctx.blocks, units)
    meta = describe(ctx.text, ctx.blocks, units)
    if meta.kind == "article":
        _subheadings(ctx, units)
    inner = None
    if meta.kind not in ("letter", "report"):
        inner = find_embedded([unit_text(ctx.text, ctx.blocks, u) if u.layer == "body" else ""
                               for u in units])
    if inner is None:
        _document(ctx, units, meta, (seg.start, seg.end))
        return
    a, b = inner
    rest = units[:a] + units[b:]
    outer = _document(ctx, rest, describe(ctx.text, ctx.blocks, rest), (seg.start, seg.end))
    _read_embedded(ctx, units, a, b, outer.id)


def _subheadings(ctx: _Context, units: list[Unit]) -> None:
    """Short title-like lines between the paragraphs of an article are its subheadings."""
    for k, unit in enumerate(units[:-1]):
        raw = ctx.blocks[unit.blocks[0]].raw(ctx.text)
        if unit.layer == "body" and looks_like_title(raw) and units[k + 1].layer == "body" \
                and not is_personal(raw) and not is_date_line(raw):
            unit.layer = "title"


def _read_embedded(ctx: _Context, units: list[Unit], a: int, b: int, parent: str) -> None:
    paras = [unit_text(ctx.text, ctx.blocks, u) for u in units]
    inner = [Unit(u.blocks, "body", u.note, u.sups) for u in units[a:b]]
    if is_date_line(paras[b - 1]):
        inner[-1].layer = "signature"
    meta = describe(ctx.text, ctx.blocks, inner)
    meta.author = embedded_author(paras, a, b)
    meta.kind = "letter"
    span = (ctx.blocks[inner[0].blocks[0]].start, ctx.blocks[inner[-1].blocks[-1]].end)
    _document(ctx, inner, meta, span, parent)


def read_markdown(text: str, source: str, path: str, sha: str, base: str | None = None) -> list[Document]:
    """Documents of a plain-text or Markdown file whose decoded text is ``text``.

    Their ids are ``BASE-1``, ``BASE-2`` … (``base`` defaults to the stem of ``source``).
    """
    front, skip = front_matter(text)
    text = " " * skip + text[skip:]  # the front matter is no text to read; offsets stay
    blocks = prepare_blocks(text)
    debris = find_debris(text, blocks)
    ctx = _Context(text, source, path, sha, base or PurePath(source).stem, blocks,
                   debris_regions(text, blocks, debris))
    for seg in segment(text, blocks):
        _read_segment(ctx, seg, debris)
    if ctx.docs and len(text.split()) >= book_words():
        as_book(ctx.docs[0], read_title_page(text))
    if ctx.docs:
        apply_metadata(ctx.docs[0], front)
    return ctx.docs
