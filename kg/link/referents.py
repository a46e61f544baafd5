"""The persons of a document's discourse and what a pronoun was taken to mean: the data of
:mod:`kg.link.reference`, and the words it reads (sentences, quotations, name keys).

>>> from kg.model import Mention
>>> ref = Referent("karl muller", Mention("d", "d.txt", 0, 11, "Karl Muller", "PERSON", 0,
...                name="Karl Muller"), "m", [(0.0, 100.0, "subject")], [0.0])
>>> ref.label, ref.last()
('Karl Muller', (0.0, 'subject'))
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from kg.annotate.selective import SENTENCES
from kg.link.mention_roles import settings
from kg.model import Mention
from kg.resolve.keys import split_title, translit_key

OPEN_QUOTES, CLOSE_QUOTES = {"“", "«"}, {"”", "»"}


@dataclass(slots=True)
class Referent:
    """One person of the document as the discourse knows it."""

    key: str
    mention: Mention | None  # the fullest name seen (None: a person the text does not name)
    sex: str | None
    events: list[tuple[float, float, str]] = field(default_factory=list)  # (time, weight, role)
    names: list[float] = field(default_factory=list)  # times the person was named

    def salience(self, now: float) -> float:
        """Recent mentions, falling by sentence, plus a little for each time the person was
        named lately (a passage's topic stays a candidate through a stretch of pronouns)."""
        s = settings()
        recent = sum(w * s.decay ** (now - at) for at, w, _ in self.events if now - at <= s.window)
        named = sum(1 for at in self.names if now - at <= s.topic_window)
        if recent or named >= s.topic_min:
            return recent + s.topic * min(named, s.topic_cap)
        return 0.0

    @property
    def label(self) -> str:
        return self.mention.name if self.mention is not None else f"the unnamed {self.key[5:]}"

    def last(self) -> tuple[float, str]:
        """Sentence and role of the latest mention."""
        return self.events[-1][:1] + self.events[-1][2:] if self.events else (-(1 << 30), "")


@dataclass(slots=True)
class Resolution:
    """What one pronoun was taken to mean; ``mentions`` is empty when it was left unresolved."""

    word: str
    mentions: list[Mention]
    certainty: float
    why: str
    features: dict[str, float] = field(default_factory=dict)  # what the certainty was computed from
    referents: list[Referent] = field(default_factory=list)
    best: Mention | None = None  # the top candidate, also when it was not sure enough to be taken


def core(mention: Mention) -> list[str]:
    return translit_key(split_title(mention.name or mention.text)[1]).split()


def quote_depth(tok: Token, depth: int) -> int:
    """Inside a quotation (curly quotes, or straight ones counted in pairs) or not."""
    if tok.text in OPEN_QUOTES:
        return depth + 1
    if tok.text in CLOSE_QUOTES:
        return max(0, depth - 1)
    if tok.text == '"':
        return 0 if depth else 1
    return depth


def sentences(doc: Doc) -> list[tuple[int, int]]:
    """The names stage's sentences (the same whether or not they were parsed)."""
    table = doc._.get(SENTENCES) if doc.has_extension(SENTENCES) else None
    if table:
        return [(a, b) for a, b, _ in table]
    return [(s.start, s.end) for s in doc.sents]


def reason(ranked: list[tuple[float, Referent]], back: int, sure: float) -> str:
    back = int(back + 0.5)
    where = "this sentence" if back == 0 else "the sentence before" if back == 1 else f"{back} sentences back"
    rest = ", ".join(f"{r.label} {score:.0f}" for score, r in ranked[1:4])
    top = ranked[0]
    sex = {"m": "a man", "f": "a woman", None: "sex unknown"}[top[1].sex]
    return (f"most salient person ({top[1].label} {top[0]:.0f}, {sex}, last named or referred "
            f"to in {where})" + (f"; others: {rest}" if rest else "; no other candidate")
            + f"; certainty {sure:.2f}")
