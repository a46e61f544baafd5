"""A book's apparatus inside a document's body: headings, contents pages, running heads and
transcribers' notes.

These blocks speak about the book, not about its subject: "CHAPTER II", "MEETING PEOPLE",
"XX. POLTAVA ... 194", "Transcriber Note", a running head repeated on every page. They get
the layer ``heading`` (headings, contents, running heads) or ``apparatus`` (a transcriber's
or producer's note); the annotate step keeps a name in them only when the text itself names
it too (:mod:`kg.annotate.headings`). Signs (data: ``kg/data/read/cues.toml``):

- a chapter marker ("CHAPTER II", "Part III. — OUR ESCAPE", "XIV"), a note heading
  ("PREFACE", "Author's Note", "Transcriber's Notes") or a short line all in capitals;
- a contents line: words, then two spaces or more and a page number ("IV. MOSCOW ... 32");
- a short line after a chapter marker (the chapter's title), and an italic summary after it;
- a short line that recurs three times or more in the file (a running head);
- a producer's note ("E-text prepared by ...", "Transcriber's note: ...");
- an illustration's caption ("[Illustration: GRAND DUCHESS OLGA]").

>>> from kg.read.blocks import split_blocks
>>> from kg.read.layers import Unit
>>> t = "CHAPTER II\\n\\nThe Tyranny of Criminals\\n\\nIt was cold.\\n\\nIV. MOSCOW      32"
>>> bs = split_blocks(t)
>>> units = [Unit([i]) for i in range(len(bs))]
>>> mark_headings(t, bs, units)
>>> [u.layer for u in units]
['heading', 'heading', 'body', 'heading']
"""

from __future__ import annotations

import re
from collections import Counter

from kg.read.blocks import Block
from kg.read.cues import cues
from kg.read.dates import is_date_line
from kg.read.layers import Unit, is_italic, looks_like_title
from kg.read.markup import strip_markup
from kg.read.structure import Division, close_divisions, parse_marker, structure

ROMAN = r"(?=[IVXLC])M{0,3}(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})"
_MARKER = re.compile(rf"^(?:(?:chapter|part|book|section|canto)\s+(?:{ROMAN}|\d+|[a-z]+)\b|{ROMAN}\.?$|\d+\.?$)",
                     re.IGNORECASE)
_CONTENTS_LINE = re.compile(rf"\S.*?\S\s{{2,}}(?:\d{{1,4}}|{ROMAN.lower()}|{ROMAN})\s*$")
_WORD = re.compile(r"[^\W\d_]{2,}")
MAX_HEADING_WORDS = 14
MAX_HEADING_LINES = 3
MAX_RUNNING_HEAD = 60
RUNNING_HEAD_TIMES = 3
AFTER_MARKER = 2  # a chapter's title and its summary follow its marker


def _clean(raw: str) -> str:
    return " ".join(strip_markup(raw).split())


def is_marker(line: str) -> bool:
    """'CHAPTER II', 'Part III. — OUR ESCAPE', 'XIV.', '12': a chapter or part marker."""
    return bool(_MARKER.match(line.strip(" *_#[]")))


def split_marker_line(text: str, block: Block) -> list[Block]:
    """A paragraph whose first line is a chapter marker and that runs on for more lines than a
    heading has ("CHAPTER I⏎In Chancery⏎London. Michaelmas term ...", a text without blank
    lines) as the marker and the text after it.

    >>> from kg.read.blocks import split_blocks
    >>> t = "CHAPTER I\\nIn Chancery\\nLondon. Term\\nlately over.\\nFog everywhere."
    >>> [b.raw(t) for b in split_marker_line(t, split_blocks(t)[0])]
    ['CHAPTER I', 'In Chancery\\nLondon. Term\\nlately over.\\nFog everywhere.']
    """
    first = block.lines[0]
    if block.kind != "para" or len(block.lines) <= MAX_HEADING_LINES + 1 \
            or not _short_marker(_clean(text[first[0]:first[1]])):
        return [block]
    rest = block.lines[1:]
    return [Block(first[0], first[1], [first]), Block(rest[0][0], block.end, rest)]


def is_note_heading(line: str) -> bool:
    """'PREFACE', "Author's Note", 'Transcriber Note': a heading of the book's apparatus."""
    words = re.sub(r"['’]s?\b|[^\w\s]", "", line.casefold()).split()
    return " ".join(words) in cues().note_headings


def is_capitals_line(line: str, lines: int = 1) -> bool:
    """A short line (or two) all in capitals: 'MEETING PEOPLE', 'EXAMINATION OF M. GILLIARD'."""
    words = _WORD.findall(line)
    return (0 < len(words) <= MAX_HEADING_WORDS and lines <= MAX_HEADING_LINES
            and all(w.isupper() for w in words) and any(len(w) > 2 for w in words)
            and not is_date_line(line))


def is_contents(text: str, block: Block) -> bool:
    """A block whose lines end in page numbers after a gap ('IV. MOSCOW ...   32')."""
    lines = [text[s:e] for s, e in block.lines]
    hits = sum(bool(_CONTENTS_LINE.fullmatch(x.strip())) for x in lines)
    return hits > 0 and hits * 2 >= len(lines)


def is_producer_note(line: str) -> bool:
    """'E-text prepared by ...', 'Transcriber's note: ...', a box of '+---+' lines."""
    low = line.strip(" *_[|").casefold()
    return low.startswith(cues().producer_notes) or low.startswith("+--")


def is_caption(raw: str) -> bool:
    """'[Illustration: ...]', '[Frontispiece: ...]': an illustration's caption."""
    return raw.lstrip(" *_[").casefold().startswith(cues().caption_openers)


def _heading(text: str, block: Block) -> bool:
    first = _clean(text[block.lines[0][0]:block.lines[0][1]])
    line = _clean(block.raw(text))
    return (_short_marker(first) or is_note_heading(line) or is_contents(text, block)
            or is_capitals_line(line, len(block.lines)))


def _short_marker(line: str) -> bool:
    """A chapter marker line of a heading's length ("CHAPTER II", "Part III. — OUR ESCAPE"),
    not prose that opens with one ("Chapter 1 Sir Walter Elliot, of Kellynch Hall, was ...")."""
    return is_marker(line) and len(_WORD.findall(line)) <= MAX_HEADING_WORDS


def _running_heads(text: str, blocks: list[Block]) -> set[str]:
    """Short one-line blocks that recur (page numbers aside): running heads."""
    counts = Counter(_head_key(text, b) for b in blocks if len(b.lines) == 1)
    return {k for k, n in counts.items() if k and n >= RUNNING_HEAD_TIMES}


def _head_key(text: str, block: Block) -> str:
    raw = block.raw(text)
    if len(raw) > MAX_RUNNING_HEAD or raw.rstrip().endswith((".", "?", "!", '"', "”")):
        return ""
    return " ".join(_WORD.findall(raw.casefold()))


def _apparatus(text: str, block: Block, layer: str, running: set[str]) -> str | None:
    """The layer a body or title block of the apparatus takes, or None. A document's title
    stays its title unless it is a note heading, a marker or a producer's note."""
    raw = block.raw(text)
    if is_producer_note(raw):
        return "apparatus"
    if layer == "title":
        line = _clean(raw)
        return "heading" if is_note_heading(line) or is_marker(line) or is_contents(text, block) else None
    return "heading" if _heading(text, block) or _head_key(text, block) in running else None


def mark_headings(text: str, blocks: list[Block], units: list[Unit]) -> None:
    """Give the body units that are part of the book's apparatus the layer ``heading`` or
    ``apparatus`` (in place)."""
    running = _running_heads(text, blocks)
    since_marker = AFTER_MARKER + 1
    for unit in units:
        if unit.layer == "editorial" and is_caption(blocks[unit.blocks[0]].raw(text)):
            unit.layer = "heading"
        if unit.layer not in ("body", "title"):
            since_marker = AFTER_MARKER + 1
            continue
        block = blocks[unit.blocks[0]]
        raw = block.raw(text)
        layer = _apparatus(text, block, unit.layer, running)
        if layer is None and since_marker < AFTER_MARKER and (looks_like_title(raw) or is_italic(raw)):
            layer = "heading"
        unit.layer = layer or unit.layer
        since_marker = 0 if is_marker(_clean(raw)) else since_marker + 1 if layer == "heading" else AFTER_MARKER + 1


def divisions(text: str, blocks: list[Block], units: list[Unit], end: int) -> list[Division]:
    """The parts and chapters a document's headings open (:mod:`kg.read.structure`), with
    their file spans; a contents page opens none.

    >>> from kg.read.blocks import split_blocks
    >>> t = "PART I\\n\\nCHAPTER I\\n\\nIt was cold.\\n\\nCHAPTER II\\n\\nIt snowed."
    >>> bs = split_blocks(t)
    >>> units = [Unit([i]) for i in range(len(bs))]
    >>> mark_headings(t, bs, units)
    >>> divisions(t, bs, units, len(t))
    [(0, 55, 'part', 'I'), (8, 33, 'chapter', 'I'), (33, 55, 'chapter', 'II')]
    """
    marks: list[tuple[int, str, str]] = []
    depth, after = 0, -2  # open square brackets (a caption over several blocks); last marker's unit
    for k, unit in enumerate(units):
        block = blocks[unit.blocks[0]]
        inside, raw = depth > 0, "".join(blocks[i].raw(text) for i in unit.blocks)
        depth = max(0, depth + raw.count("[") - raw.count("]"))
        if inside or unit.layer not in ("heading", "title") or is_contents(text, block):
            continue
        found = parse_marker(_clean(text[block.lines[0][0]:block.lines[0][1]]))
        if found and not (found[0] in structure().named and after == k - 1):  # "CHAPTER I⏎⏎PROLOGUE"
            marks.append((block.start, *found))
            after = k
    return close_divisions(marks, end)
