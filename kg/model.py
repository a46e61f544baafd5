"""Plain data types that flow between the steps of histkg.

read → :class:`Document` (with :class:`Passage` s) → annotate → :class:`Mention` s →
link → :class:`Assertion` s → resolve → :class:`KnowledgeGraph` (with :class:`Entity`
and :class:`Relation`) → export.

All offsets called ``start``/``end`` on mentions, evidence and debris are character
offsets into the *original file* as read (decoded text), so that
``file_text[start:end] == text`` always holds.

>>> p = Passage(doc_id="d-1", source="d.txt", index=0, layer="body",
...             text="Koba wrote", origin=tuple(range(10, 21)))
>>> p.to_file(0, 4)
(10, 14)
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

ENTITY_TYPES: tuple[str, ...] = ("PERSON", "ORG", "EVENT", "WORK", "PLACE", "GROUP", "DATE")
NAMED_TYPES: tuple[str, ...] = ENTITY_TYPES[:-1]
MODALITIES: tuple[str, ...] = ("asserted", "negated", "denied", "hypothetical", "reported")
LAYERS: tuple[str, ...] = (
    "title", "dateline", "headnote", "body", "footnote", "citation", "signature", "editorial",
    "heading", "apparatus",  # a book's headings, contents, running heads; a transcriber's note
    "index",  # a book's index (kg/read/index_pages.py)
)


@dataclass(slots=True)
class Passage:
    """A stretch of clean text (about a paragraph) that is fed to spaCy as one Doc.

    ``origin[i]`` is the file offset of ``text[i]``; ``origin`` has ``len(text) + 1``
    items, the last one being the file offset just after the passage. It is stored as an
    ``array`` of 64-bit integers (8 bytes a character instead of ~36 in a tuple).
    """

    doc_id: str
    source: str
    index: int
    layer: str
    text: str
    origin: Sequence[int]
    note: str | None = None  # footnote label, for layer == "footnote"
    speaker: str | None = None  # who speaks here: a letter's author in its body, else None

    def __post_init__(self) -> None:
        if not isinstance(self.origin, array):
            self.origin = array("q", self.origin)

    def to_file(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of :attr:`text` to file offsets."""
        if end <= start:
            pos = self.origin[start]
            return pos, pos
        return self.origin[start], self.origin[end - 1] + 1


@dataclass(slots=True)
class FootnoteRef:
    """A footnote marker in the text (``<sup>1</sup>``) linked to the note's passage."""

    label: str
    start: int  # file offsets of the marker
    end: int
    passage: int  # index of the passage that holds the marker
    note_passage: int | None  # index of the footnote passage, if found


@dataclass(slots=True)
class Citation:
    """An archival or bibliographic citation, parsed into its parts."""

    text: str
    start: int
    end: int
    archive: str | None = None
    fond: str | None = None
    opis: str | None = None
    delo: str | None = None
    listy: str | None = None
    published: str | None = None


@dataclass(slots=True)
class Document:
    """One document read from a file (a file may hold several).

    ``id`` is stable: ``<file stem>-<n>`` with n counting documents in the file from 1.
    """

    id: str
    source: str  # the file's name, as in mentions.csv's ``doc`` column
    path: str
    sha256: str
    passages: list[Passage] = field(default_factory=list)
    title: str | None = None
    kind: str = "document"  # letter | report | article | book | editorial_note | document
    date: str | None = None  # EDTF / ISO 8601
    date_text: str | None = None
    author: str | None = None
    recipients: list[str] = field(default_factory=list)
    parent: str | None = None  # id of the document this one is embedded in
    footnotes: list[FootnoteRef] = field(default_factory=list)
    citation: Citation | None = None
    debris: list[tuple[int, int]] = field(default_factory=list)  # file offsets
    start: int = 0  # file offsets of the whole document
    end: int = 0
    dropped: dict[str, int] = field(default_factory=dict)  # characters not read, by TEI element
    type_votes: list[dict[str, Any]] = field(default_factory=list)  # names whose mentions disagreed on type
    place: str | None = None  # where it was written or published (a metadata file's)
    licence: str | None = None
    meta_sources: dict[str, str] = field(default_factory=dict)  # field → where its value came from
    # A book's structure (kg.read.structure), in file offsets: (start, end, kind, label) of each
    # division ("chapter", "XVI"), and (offset, number) where each printed page begins.
    divisions: list[tuple[int, int, str, str]] = field(default_factory=list)
    pages: list[tuple[int, str]] = field(default_factory=list)

    def authors(self) -> list[str]:
        """Its authors: ``author`` names several joined by " and " (a book by two).

        >>> Document("b", "b.txt", "/b.txt", "h", author="George Telberg and Robert Wilton").authors()
        ['George Telberg', 'Robert Wilton']
        """
        return [name for name in (self.author or "").split(" and ") if name]


@dataclass(slots=True)
class DateValue:
    """A normalised date: EDTF string plus earliest/latest ISO day bounds."""

    edtf: str
    earliest: str | None = None
    latest: str | None = None
    kind: str = "date"  # date | interval | season | decade | duration | relative | lifespan


@dataclass(slots=True)
class Mention:
    """A typed span of a document, in file offsets."""

    doc_id: str
    source: str
    start: int
    end: int
    text: str
    type: str
    passage: int
    sent_start: int = 0  # file offsets of the sentence holding the mention
    sent_end: int = 0
    origin: str = "model"  # model | gazetteer | shape | markup | metadata | voice | reference
    key: str | None = None  # gazetteer / authority id, if known
    wikidata: str | None = None
    name: str = ""  # the name with possessive/plural endings removed
    date: DateValue | None = None
    entity: str | None = None  # entity id, set by resolve
    # A relation argument reached through a pronoun or a title ("he", "the Emperor") is a new
    # Mention with origin "reference" (I/you of a letter: "voice") carrying the antecedent's
    # name; ``certainty`` is how sure the attribution is (1.0 for a name written out), and
    # ``antecedent`` says which earlier mention it took and why (read by ``kg rules explain``).
    certainty: float = 1.0
    antecedent: str = ""


@dataclass(slots=True)
class Evidence:
    """The passage that states a relation, as a citable quote with offsets."""

    doc_id: str
    source: str
    quote: str
    start: int
    end: int
    rule: str
    confidence: float
    modality: str = "asserted"
    layer: str = "body"
    prefix: str = ""  # up to 32 characters of clean text before the quote (oa:prefix)
    suffix: str = ""  # and after it (oa:suffix)
    # How the arguments were reached (kg.link.confidence): "name" (written out), "reference"
    # (a pronoun or title) or "voice" (a letter's I/you), and how sure that attribution is;
    # ``confidence`` is the calibrated precision of (rule, via) times ``certainty``.
    via: str = "name"
    certainty: float = 1.0


@dataclass(slots=True)
class Assertion:
    """One relation as stated once: output of the link step, before resolution."""

    subject: Mention
    predicate: str
    object: Mention | str  # a Mention, or a literal value (a date's EDTF for dates)
    object_kind: str  # entity | date | literal
    evidence: Evidence
    qualifiers: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class EntityChange:
    """A curator's decision that changed an entity (:mod:`kg.curate`): ``kind`` (merge,
    split, relabel, retype), who, when, why, and the ids of the entities it was made from
    (those merged into it; for a split, the entity it left)."""

    kind: str
    by: str
    date: str  # ISO 8601 day
    note: str = ""
    derived_from: tuple[str, ...] = ()


@dataclass(slots=True)
class Entity:
    """A resolved real-world thing: a node of the graph."""

    id: str
    type: str
    label: str
    aliases: list[str] = field(default_factory=list)
    wikidata: str | None = None
    sources: list[str] = field(default_factory=list)  # document ids
    mention_count: int = 0
    merge_reasons: list[str] = field(default_factory=list)
    changes: list[EntityChange] = field(default_factory=list)  # a curator's decisions (kg.curate)


@dataclass(slots=True)
class Review:
    """A curator's decision on a relation (:mod:`kg.curate`): who, when, why.

    ``status``: ``accepted`` (reviewed and confirmed), ``rejected`` or ``added`` (by hand).
    """

    status: str
    by: str
    date: str  # ISO 8601 day
    note: str = ""


@dataclass(slots=True)
class Relation:
    """A resolved edge with all the evidence that attests it."""

    subject: str  # entity id
    predicate: str
    object: str  # entity id, or the literal / EDTF value
    object_kind: str  # entity | date | literal
    evidence: list[Evidence] = field(default_factory=list)
    qualifiers: dict[str, Any] = field(default_factory=dict)
    review: Review | None = None  # set by kg.curate
    uncertain: bool = False  # below the build's --min-confidence, kept by --keep-uncertain

    @property
    def sources(self) -> list[str]:
        """Distinct documents that attest this relation, sorted."""
        return sorted({ev.doc_id for ev in self.evidence})

    @property
    def confidence(self) -> float:
        """The highest confidence of its evidence (1.0 without evidence)."""
        return max((ev.confidence for ev in self.evidence), default=1.0)


@dataclass(slots=True)
class KnowledgeGraph:
    """Everything a build produced; the input of every exporter."""

    documents: list[Document] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    report: dict[str, Any] = field(default_factory=dict)
    rejected: list[Relation] = field(default_factory=list)  # relations a curator rejected
    # relations below the build's --min-confidence, left out of the graph (kg.export.uncertain);
    # with --keep-uncertain they are in ``relations`` instead, flagged ``uncertain``
    uncertain: list[Relation] = field(default_factory=list)
