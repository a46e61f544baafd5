"""Read TEI XML: ``<text><body>`` paragraphs as passages, offsets into the XML file.

Structure: ``head`` → title (a part's or chapter's → heading), ``dateline`` → dateline, ``p``/``ab``/``opener``/``salute``
→ body, ``closer``/``signed`` → signature, ``note`` → footnote (a note inside a paragraph
leaves a :class:`~kg.model.FootnoteRef` at its place), ``bibl`` → citation, a ``div`` or
``note`` of type headnote/editorial → headnote/editorial. ``persName``, ``placeName``,
``orgName`` and ``date@when`` are kept as :class:`Hint` s (see :func:`read_tei_hints`).

>>> xml = ('<TEI><teiHeader><fileDesc><titleStmt><title>A to B</title></titleStmt>'
...        '</fileDesc></teiHeader><text><body><p>I met <persName ref="#k">Koba</persName>'
...        ' in <date when="1937-12-10">December</date>.</p></body></text></TEI>')
>>> [doc] = read_tei(xml, "x.xml", "x.xml", "0")
>>> doc.title, doc.author, doc.recipients, doc.passages[0].text
('A to B', 'A', ['B'], 'I met Koba in December.')
>>> [(h.type, h.text, xml[h.start:h.end], h.value) for h in read_tei_hints(xml)]
[('persName', 'Koba', 'Koba', '#k'), ('date', 'December', 'December', '1937-12-10')]
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import PurePath

from kg.errors import InputError
from kg.model import Citation, Document, FootnoteRef, Passage
from kg.read.citation import parse_citation
from kg.read.dates import find_date
from kg.read.markup import clean_segments
from kg.read.meta import parse_title
from kg.read.passages import split_long
from kg.read.tei_structure import division_of, tei_divisions, tei_pages

_TAG = re.compile(r"<!--.*?-->|<\?.*?\?>|<!\[CDATA\[.*?\]\]>|<![^>]*>"
                  r"|<(/?)([A-Za-z_][\w:.-]*)((?:\s+[^\s=>/]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*(/?)>",
                  re.S)
_DECLARED_ENCODING = re.compile(r"""^(\s*<\?xml[^>]*?)\s+encoding\s*=\s*["'][^"']*["']""")
_ATTR = re.compile(r"([^\s=]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
LAYER_OF = {"head": "title", "dateline": "dateline", "p": "body", "ab": "body",
            "opener": "body", "salute": "body", "closer": "signature", "signed": "signature",
            "note": "footnote", "bibl": "citation", "byline": "signature", "epigraph": "body",
            "l": "body", "item": "body", "postscript": "body", "cell": "body", "label": "body",
            "trailer": "body", "speaker": "body", "stage": "body", "figDesc": "body",
            "docTitle": "title", "docAuthor": "signature", "docDate": "dateline",
            "argument": "headnote"}
# Elements whose text is part of the text around them (read with it, never cut out).
INLINE = frozenset({"hi", "persName", "placeName", "orgName", "name", "rs", "date", "emph",
                    "foreign", "term", "lb", "pb", "cb", "choice", "abbr", "expan", "sic", "corr",
                    "orig", "reg", "add", "del", "unclear", "gap", "q", "quote", "title", "ref",
                    "num", "measure", "seg", "w", "c", "pc", "said", "soCalled", "mentioned",
                    "time", "roleName", "forename", "surname", "addName", "genName", "nameLink",
                    "geogName", "idno", "supplied", "damage", "subst", "space", "milestone",
                    "anchor", "ptr", "affiliation", "country", "region", "settlement"})
SKIPPED = frozenset({"fw"})  # forme work (running heads, page numbers): counted as dropped
TYPED_LAYERS = {"headnote": "headnote", "editorial": "editorial", "abstract": "headnote",
                "summary": "headnote", "commentary": "editorial",
                # a book's apparatus, as histkg's TEI out writes it (<head type="heading">, a
                # transcriber's note in <div type="apparatus">, its index in <div type="index">):
                # read back into the same layers
                "heading": "heading", "apparatus": "apparatus", "index": "index"}
HINT_TAGS = ("persName", "placeName", "orgName", "date", "name", "rs")


@dataclass(slots=True)
class Node:
    """An XML element with the file offsets of its tags and content."""

    tag: str
    attrs: dict[str, str]
    start: int
    inner_start: int
    inner_end: int = 0
    end: int = 0
    children: list[Node] = field(default_factory=list)

    def find_all(self, tag: str) -> list[Node]:
        """Descendants (and self) with local name ``tag``, in document order."""
        found = [self] if self.tag == tag else []
        for child in self.children:
            found.extend(child.find_all(tag))
        return found


@dataclass(slots=True)
class Hint:
    """A name or date the TEI encoder marked: a hint for the annotate step."""

    type: str  # persName | placeName | orgName | date | name | rs
    text: str
    start: int  # file offsets of the element's content
    end: int
    value: str | None = None  # @ref/@key (names) or @when (dates)


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1]


def parse_tree(text: str, name: str = "") -> Node:
    """A tree of the XML elements of ``text`` with offsets; InputError if not well-formed."""
    try:  # the text is decoded already: an encoding="UTF-16" declaration no longer applies
        ET.fromstring(_DECLARED_ENCODING.sub(r"\1", text, count=1).encode("utf-8"))
    except ET.ParseError as exc:
        raise InputError(name, f"is not well-formed XML ({exc})") from None
    root = Node("#document", {}, 0, 0, len(text), len(text))
    stack = [root]
    for m in _TAG.finditer(text):
        if m.group(2) is None:
            continue
        closing, tag, attrs, empty = m.group(1), _local(m.group(2)), m.group(3), m.group(4)
        if closing:
            node = stack.pop()
            node.inner_end, node.end = m.start(), m.end()
            continue
        node = Node(tag, {_local(k): a or b for k, a, b in _ATTR.findall(attrs)}, m.start(), m.end())
        stack[-1].children.append(node)
        if empty:
            node.inner_end = node.end = m.end()
        else:
            stack.append(node)
    return root


def _text_of(text: str, node: Node) -> str:
    return clean_segments(text, [(node.inner_start, node.inner_end)], xml=True).text


def _segments(node: Node, skip: list[Node]) -> list[tuple[int, int]]:
    """Content of ``node`` without the spans of the ``skip`` nodes."""
    segments, pos = [], node.inner_start
    for s in skip:
        segments.append((pos, s.start))
        pos = s.end
    segments.append((pos, node.inner_end))
    return [(a, b) for a, b in segments if b > a]


@dataclass(slots=True)
class _Doc:
    text: str
    doc_id: str
    source: str
    passages: list[Passage] = field(default_factory=list)
    refs: list[FootnoteRef] = field(default_factory=list)
    notes: list[tuple[Node, str]] = field(default_factory=list)
    dropped: dict[str, int] = field(default_factory=dict)  # element → characters not read


def _add(doc: _Doc, node: Node, layer: str, note: str | None = None) -> None:
    inner = [n for n in node.children if n.tag == "note"] if layer != "footnote" else []
    segments = _segments(node, inner)
    if not segments:
        return
    clean = clean_segments(doc.text, segments, xml=True)
    for piece, origin in split_long(clean.text, clean.origin):
        if piece:
            doc.passages.append(Passage(doc.doc_id, doc.source, len(doc.passages), layer,
                                        piece, tuple(origin), note))
    for k, n in enumerate(inner):
        label = n.attrs.get("n") or str(len(doc.notes) + 1)
        doc.refs.append(FootnoteRef(label, n.start, n.end, len(doc.passages) - 1, None))
        doc.notes.append((n, label))


def _walk(doc: _Doc, node: Node, layer_hint: str | None = None) -> None:
    """Read every child block of ``node``, and its own text between them (layer: the hint)."""
    pos = node.inner_start
    for child in node.children:
        if child.tag in INLINE:
            continue
        _loose(doc, (pos, child.start), layer_hint)
        pos = child.end
        typed = TYPED_LAYERS.get(child.attrs.get("type", "").lower())
        has_blocks = any(g.tag in LAYER_OF and g.tag != "note" for g in child.children)
        if child.tag in SKIPPED:
            chars = len("".join(_text_of(doc.text, child).split()))
            doc.dropped[child.tag] = doc.dropped.get(child.tag, 0) + chars
        elif child.tag in LAYER_OF and not has_blocks:
            layer = typed or layer_hint or LAYER_OF[child.tag]
            if layer == "body" and LAYER_OF[child.tag] != "body":
                layer = LAYER_OF[child.tag]
            if child.tag == "head" and node.tag == "div" and division_of(doc.text, node):
                layer = "heading"  # "Chapter III. The Wedding": the book's apparatus, no title
            note = (child.attrs.get("n") or None) if child.tag == "note" else None
            _add(doc, child, layer, note)
        else:
            _walk(doc, child, typed or layer_hint)
    _loose(doc, (pos, node.inner_end), layer_hint)


def _loose(doc: _Doc, span: tuple[int, int], layer: str | None) -> None:
    """Text directly inside a division, cell, front or back matter: a passage of its own."""
    if span[1] <= span[0] or not doc.text[span[0]:span[1]].strip():
        return
    clean = clean_segments(doc.text, [span], xml=True)
    for piece, origin in split_long(clean.text, clean.origin):
        if piece.strip():
            doc.passages.append(Passage(doc.doc_id, doc.source, len(doc.passages), layer or "body",
                                        piece, tuple(origin), None))


def _link_notes(doc: _Doc) -> None:
    for ref, (node, label) in zip(doc.refs, doc.notes):
        ref.note_passage = len(doc.passages)
        _add(doc, node, "footnote", label)


def _header(text: str, root: Node) -> dict[str, object]:
    def first(tag: str, within: list[Node]) -> str | None:
        for n in within:
            hits = n.find_all(tag)
            if hits:
                return _text_of(text, hits[0]) or None
        return None
    title_stmt = root.find_all("titleStmt")
    sent = [n for n in root.find_all("correspAction") if n.attrs.get("type") == "sent"]
    received = [n for n in root.find_all("correspAction") if n.attrs.get("type") == "received"]
    when = next((d.attrs["when"] for n in sent for d in n.find_all("date") if "when" in d.attrs), None)
    authors = [_text_of(text, a) for n in title_stmt for a in n.find_all("author")]
    return {"title": first("title", title_stmt),  # several authors: "A and B" (Document.authors)
            "author": first("persName", sent) or " and ".join(a for a in authors if a) or None,
            "recipients": [_text_of(text, p) for n in received for p in n.find_all("persName")],
            "date": when, "letter": bool(sent or received)}


def _date(text: str, body: Node, header: dict[str, object]) -> tuple[str | None, str | None]:
    if header["date"]:
        return str(header["date"]), None
    for line in body.find_all("dateline"):
        for d in line.find_all("date"):
            if "when" in d.attrs:
                return d.attrs["when"], _text_of(text, d)
        hit = find_date(_text_of(text, line))
        if hit:
            return hit[0], hit[1]
    return None, None


def _document(text: str, body: Node, n: int, source: str, path: str,
              sha: str, header: dict[str, object], base: str) -> Document:
    doc = _Doc(text, f"{base}-{n}", source)
    _walk(doc, body)
    _link_notes(doc)
    heads = [p.text for p in doc.passages if p.layer == "title"]
    title = header["title"] if n == 1 and header["title"] else (heads[0] if heads else None)
    author, recipients, kind = parse_title(title or "")
    author = header["author"] or author
    recipients = header["recipients"] or recipients
    letterish = header["letter"] or body.find_all("salute") or body.find_all("closer")
    kind = kind or ("letter" if letterish or (author and recipients) else "document")
    date, date_text = _date(text, body, header)
    for p in doc.passages:
        p.speaker = author if p.layer == "body" and kind in ("letter", "report") else None
    cits = [p for p in doc.passages if p.layer == "citation"]
    citation: Citation | None = (parse_citation(cits[0].text, cits[0].origin[0], cits[0].origin[-1])
                                 if cits else None)
    sources = {k: "TEI header" if header[k] and (k != "title" or n == 1) else "the document's text"
               for k, v in (("title", title), ("author", author), ("date", date)) if v}
    return Document(doc.doc_id, source, path, sha, doc.passages, title, kind, date, date_text,
                    author, list(recipients), None, doc.refs, citation, [], body.start, body.end,
                    dropped=doc.dropped, meta_sources=sources,
                    divisions=tei_divisions(text, body), pages=tei_pages(text, body))


def _opens_document(xml: str, node: Node) -> bool:
    """A ``div`` that is a document of its own: neither typed as a layer (headnote …) nor a
    part or chapter of a book (:mod:`kg.read.tei_structure`)."""
    return (node.tag == "div" and node.attrs.get("type", "").lower() not in TYPED_LAYERS
            and division_of(xml, node) is None)


def _bodies(root: Node, xml: str) -> list[Node]:
    """The units that become documents: a whole ``<text>`` (front, body, back), or, when its
    body has several untyped divs (not chapters), one unit per div (what precedes a div goes
    with it, the front matter with the first, the back matter with the last)."""
    units: list[Node] = []
    for text in root.find_all("text"):
        if text.find_all("group") or not any(c.tag == "body" for c in text.children):
            continue
        body = next(c for c in text.children if c.tag == "body")
        divs = [c for c in body.children if _opens_document(xml, c)]
        units.extend(_split(text, body, xml) if len(divs) > 1 else [text])
    return units


def _split(text: Node, body: Node, xml: str) -> list[Node]:
    groups: list[list[Node]] = [[]]
    for child in [c for c in text.children if c.tag == "front"] + body.children:
        groups[-1].append(child)
        if _opens_document(xml, child):
            groups.append([])
    back = [c for c in text.children if c.tag == "back"]
    groups[-2].extend(groups.pop() + back)
    return [Node("#unit", {}, g[0].start, g[0].start, g[-1].end, g[-1].end, g) for g in groups]


def read_tei(text: str, source: str, path: str, sha: str, base: str | None = None) -> list[Document]:
    """Documents of a TEI file whose decoded text is ``text`` (ids ``BASE-1`` …, as Markdown)."""
    root = parse_tree(text, path)
    bodies = _bodies(root, text)
    if not bodies:
        raise InputError(path, "has no TEI <text><body> element")
    header = _header(text, root)
    docs = [_document(text, b, n, source, path, sha, header, base or PurePath(source).stem)
            for n, b in enumerate(bodies, 1)]
    if "hints" in Document.__dataclass_fields__:  # once kg.model carries hints
        hints = read_tei_hints(text)
        for doc in docs:
            setattr(doc, "hints", [h for h in hints if doc.start <= h.start < doc.end])
    return [d for d in docs if d.passages]


def read_tei_hints(text: str) -> list[Hint]:
    """Names and dates marked in the ``<text>`` of a TEI file, with file offsets."""
    hints = []
    for body in read_bodies(text):
        for tag in HINT_TAGS:
            for n in body.find_all(tag):
                value = n.attrs.get("when") if tag == "date" else (
                    n.attrs.get("ref") or n.attrs.get("key"))
                hints.append(Hint(tag, _text_of(text, n), n.inner_start, n.inner_end, value))
    return sorted(hints, key=lambda h: (h.start, h.end))


def read_bodies(text: str) -> list[Node]:
    """The ``<text>`` elements of a TEI file (as nodes)."""
    return parse_tree(text).find_all("text")
