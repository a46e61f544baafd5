"""Group phrases of the person-reference layer (:mod:`kg.link.reference`): "both men", "the
two brothers", "both", "the others" take up the persons coordinated just before; "X married
Y" makes the two a group for "they".

>>> import spacy
>>> doc = spacy.blank("en")("Both men were shot.")
>>> group_size(doc[1])
2
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.link.person_nouns import noun_sex
from kg.link.referents import Referent, Resolution

GROUP_DETS = {"the", "these", "those", "all"}
REST = {"others", "rest"}
MARRY = {"marry", "wed"}
NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def group_word(tok: Token, sent_start: int) -> bool:
    """A phrase that takes up persons just named together: "both" standing alone as subject or
    object, or a plural person noun after "both" or after "the"/"these"/"those" and a number
    ("both men", "the two brothers", "these three prisoners")."""
    doc = tok.doc
    if tok.lower_ == "both" or (tok.lower_ in REST and tok.i > sent_start and doc[tok.i - 1].lower_ == "the"):
        return tok.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"}
    if noun_sex(doc, tok.i) != "plural" or tok.pos_ != "NOUN" or tok.i == sent_start:
        return False
    before = [t.lower_ for t in doc[max(sent_start, tok.i - 3):tok.i]]
    if before[-1:] == ["both"] or before[-2:-1] == ["both"]:
        return True
    return len(before) >= 2 and before[-2] in GROUP_DETS and before[-1] in NUMBERS


def couple(named: list[tuple[Span, Referent]]) -> list[Referent]:
    """"X married Y": the two persons of a sentence that states a marriage, for "they"."""
    people = list({id(r): r for _, r in named if r.mention is not None}.values())
    if len(people) != 2 or not any(t.lemma_.lower() in MARRY for t in named[0][0].sent):
        return []
    return people


def rest(found: Resolution, named_now: set[int]) -> Resolution:
    """The persons of a group not named in the sentence of "the others" (none: no rest)."""
    rest = [r for r in found.referents if id(r) not in named_now]
    if not found.referents or len(rest) in (0, len(found.referents)):
        return Resolution(found.word, [], 0.0, "no one of the persons coordinated before was set apart")
    return Resolution(found.word, [r.mention for r in rest], found.certainty,
                      "the rest of the persons coordinated before: " + " and ".join(r.mention.name for r in rest),
                      referents=rest)


def group_size(tok: Token) -> int | None:
    """The number a group phrase gives ("the two brothers" → 2, "both" → 2), if any."""
    doc = tok.doc
    words = [t.lower_ for t in doc[max(0, tok.i - 2):tok.i + 1]]
    if "both" in words:
        return 2
    return next((NUMBERS[w] for w in words if w in NUMBERS), None)
