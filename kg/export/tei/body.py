"""The ``<text>`` of a document read from plain text or Markdown: its passages as TEI blocks.

Each passage becomes the block of its layer (title → ``head``, dateline → ``dateline``, body →
``p``, footnote → ``note``, citation → ``bibl``, signature → ``closer``; headnote and editorial
passages a ``div`` of that type; a book's headings ``<head type="heading">``, a transcriber's
note ``<div type="apparatus">``, its index ``<div type="index">``), in file order, inside ``<div type="KIND">``. TEI lets a
division open with headings and datelines and close with a closer: a block that cannot come
where it stands starts a new inner ``div``. Each block holds the passage's clean text (what
the build read) with its mentions and evidence anchors inline.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from kg.export.tei.corpus import Locator, MentionRow, RelationRow
from kg.export.tei.inline import anchor, date_id, evidence_id, mention_tag
from kg.export.tei.weave import Tag, escape_attr, weave
from kg.model import Document, Passage

# element, and the parts of a division it may stand in: 0 top, 1 middle, 2 bottom
BLOCKS: dict[str, tuple[str, tuple[int, ...]]] = {
    "title": ("head", (0,)), "heading": ('head type="heading"', (0,)), "dateline": ("dateline", (0, 2)),
    "footnote": ("note", (0, 1, 2)), "citation": ("bibl", (1,)), "signature": ("closer", (2,)),
}
TYPED = ("headnote", "editorial", "apparatus", "index")


@dataclass(slots=True)
class Marked:
    """What was placed in a file's text: ids (of dates and anchors) and what was left out."""

    ids: set[str] = field(default_factory=set)
    mentions: int = 0
    skipped: Counter = field(default_factory=Counter)  # reason → mentions left out


def passage_tags(doc: Document, locator: Locator, mentions: list[MentionRow],
                 evidence: list[RelationRow], targets: set[MentionRow], marked: Marked) -> dict[int, list[Tag]]:
    """Tags by passage index of ``doc``, in the coordinates of each passage's text."""
    tags: dict[int, list[Tag]] = {}
    for m in mentions:
        a, b = locator.find(m.start), locator.find(m.end, end=True)
        if a is None or b is None or a[0] is not doc or b[0] is not doc:
            continue
        if a[1] != b[1]:
            marked.skipped["across passages"] += 1
            continue
        ident = date_id(m) if m in targets else None
        tags.setdefault(a[1], []).append(mention_tag(m, a[2], b[2], ident))
    for r in evidence:
        ident = evidence_id(r)
        a, b = locator.find(r.start), locator.find(r.end, end=True)
        if a is None or b is None or a[0] is not doc or ident + "-s" in marked.ids:
            continue
        tags.setdefault(a[1], []).append(anchor(ident + "-s", a[2]))
        tags.setdefault(b[1], []).append(anchor(ident + "-e", b[2]))
        marked.ids.update((ident + "-s", ident + "-e"))
    return tags


def _block(passage: Passage, name: str, tags: list[Tag], marked: Marked) -> str:
    text, skipped = weave(passage.text, tags, escape=True)
    marked.skipped["crossing another mention"] += len(skipped)
    placed = [t for t in tags if not t.empty and t not in skipped]
    marked.mentions += len(placed)
    marked.ids.update(v for t in placed for k, v in t.attrs if k == "xml:id")
    attrs = ""
    if name == "note":
        attrs = ' place="foot"' + (f' n="{escape_attr(passage.note)}"' if passage.note else "")
    return f"<{name}{attrs}>{text}</{name.split()[0]}>"


Division = tuple[str | None, list[tuple[int, str]]]  # type, (passage index, element)


def divisions(passages: list[Passage]) -> list[Division]:
    """Passages grouped into inner divisions in an order TEI allows.

    >>> ps = [Passage("d", "d", i, layer, "x", (0, 1)) for i, layer in
    ...       enumerate(["title", "body", "signature", "title", "signature", "headnote"])]
    >>> divisions(ps)
    [(None, [(0, 'head'), (1, 'p'), (2, 'closer')]), (None, [(3, 'head'), (4, 'p')]), ('headnote', [(5, 'p')])]
    """
    groups: list[Division] = []
    phase: int | None = None  # where the last block stood in the open division (None: none open)
    for k, p in enumerate(passages):
        if p.layer in TYPED:
            if not groups or groups[-1][0] != p.layer:
                groups.append((p.layer, []))
            groups[-1][1].append((k, "p"))
            phase = None
            continue
        name, where = BLOCKS.get(p.layer, ("p", (1,)))
        if name == "closer" and phase not in (1, 2):  # a closer needs text before it
            name, where = "p", (1,)
        later = [w for w in where if phase is not None and w >= phase]
        if not later:
            groups.append((None, []))
            later = list(where)
        groups[-1][1].append((k, name))
        phase = later[0]
    return groups


def text_element(doc: Document, locator: Locator, mentions: list[MentionRow],
                 evidence: list[RelationRow], targets: set[MentionRow], marked: Marked) -> str:
    """``<text>`` of one document read from plain text or Markdown."""
    tags = passage_tags(doc, locator, mentions, evidence, targets, marked)
    lines = ["  <text>", "    <body>", f'      <div type="{escape_attr(doc.kind)}">']
    for typed, blocks in divisions(doc.passages):
        lines.append(f'        <div type="{typed}">' if typed else "        <div>")
        lines += [f"          {_block(doc.passages[k], name, tags.get(k, []), marked)}" for k, name in blocks]
        lines.append("        </div>")
    lines += ["      </div>", "    </body>", "  </text>"]
    return "\n".join(lines)
