"""The role a name or a pronoun plays in its sentence, read from the words around it.

The person-reference layer (:mod:`kg.link.reference`) weighs a person's salience by the
roles of its mentions. Roles come from the words next to a mention, not from the parse, so
that a sentence left unparsed by selective parsing counts exactly as a parsed one:

- ``possessor``: the name is followed by "'s" ("Muller's wife");
- ``oblique``: the name follows a preposition, or one and an article ("the son of Muller",
  "the chairman of the Board was …");
- ``subject``: the name opens its sentence (after openers such as "But" or a quote), opens a
  clause ("... and Muller went"), follows an introductory phrase and its comma ("In 1902,
  Muller was elected"), or comes right before a verb-like word ("At noon the officer came");
- ``object``: any other place.

Pronouns carry their role in their case: "he"/"she"/"they" subjects, "him"/"them" objects,
"his"/"their" possessors; "her" is a possessor when a noun-like word follows it.

>>> from kg.link.mention_roles import pronoun_role
>>> pronoun_role("he", None), pronoun_role("her", "wife"), pronoun_role("her", "that")
('subject', 'possessor', 'object')
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span

from kg.data_files import load_toml
from kg.errors import DataFileError

FILE = "link/reference.toml"
POSSESSIVE = {"'s", "’s", "'", "’"}
ARTICLES = {"the", "a", "an"}

PRONOUNS = {  # word → (sex, number, case); case: subject | object | possessor | reflexive
    "he": ("m", 1, "subject"), "him": ("m", 1, "object"), "his": ("m", 1, "possessor"),
    "himself": ("m", 1, "reflexive"), "she": ("f", 1, "subject"), "her": ("f", 1, "object"),
    "hers": ("f", 1, "possessor"), "herself": ("f", 1, "reflexive"),
    "they": (None, 2, "subject"), "them": (None, 2, "object"), "their": (None, 2, "possessor"),
    "themselves": (None, 2, "reflexive"),
}


@dataclass(frozen=True, slots=True)
class Settings:
    """``kg/data/link/reference.toml``, checked."""

    weights: dict[str, float]
    decay: float
    window: int
    unknown_sex: float
    unknown_sex_unnamed: float
    pronoun: float
    topic: float
    topic_cap: int
    topic_min: int
    topic_window: int
    passage_topic: float
    certainty: dict[str, float]
    prepositions: frozenset[str]
    clause_openers: frozenset[str]
    sentence_openers: frozenset[str]
    clause_boundaries: frozenset[str]
    not_possessed: frozenset[str]
    subject_verbs: frozenset[str]
    address_titles: frozenset[str]
    introducers: tuple[tuple[str, ...], ...] = ()


@lru_cache(maxsize=1)
def settings() -> Settings:
    """The reference settings, validated (a wrong or missing field names the file and key)."""
    data = load_toml(FILE)
    try:
        sal, cert, words = data["salience"], data["certainty"], data["words"]
        weights = {k: float(sal[k]) for k in ("subject", "object", "oblique", "possessor")}
        out = Settings(weights, float(sal["decay"]), int(sal["window"]), float(sal["unknown_sex"]),
                       float(sal["unknown_sex_unnamed"]),
                       float(sal["pronoun"]), float(sal["topic"]), int(sal["topic_cap"]), int(sal["topic_min"]), int(sal["topic_window"]),
                       float(sal["passage_topic"]),
                       {k: float(cert[k]) for k in ("abstain", "single", "far", "learn", "plural", "cap")},
                       *(frozenset(w.lower() for w in words[k]) for k in (
                           "prepositions", "clause_openers", "sentence_openers",
                           "clause_boundaries", "not_possessed", "subject_verbs", "address_titles")),
                       tuple(tuple(w.lower().split()) for w in words["introducers"]))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DataFileError(FILE, f"missing or malformed field {exc}") from None
    if not (0 < out.decay <= 1 and out.window > 0 and 0 < out.certainty["abstain"] < 1):
        raise DataFileError(FILE, "decay must be in (0, 1], window > 0, abstain in (0, 1)")
    return out


def pronoun_role(word: str, following: str | None) -> str:
    """The role of a pronoun by its case; ``following`` is the next word (for "her")."""
    case = PRONOUNS[word][2]
    if word == "her" and following is not None and following.isalpha() \
            and following.lower() not in settings().not_possessed:
        return "possessor"
    return "subject" if case == "reflexive" else case


def name_role(span: Span, sent: Span, persons_before: int) -> str:
    """The role of the name ``span`` in ``sent``; ``persons_before``: persons named earlier in
    the sentence (a comma opens a subject only after an introductory phrase naming nobody)."""
    doc: Doc = span.doc
    words = settings()
    if span.end < sent.end and doc[span.end].text in POSSESSIVE or span.text.endswith(("'s", "’s")):
        return "possessor"
    prev = span.start - 1
    while prev >= sent.start and doc[prev].is_space:
        prev -= 1
    if prev < sent.start:
        return "subject"
    before = doc[prev].lower_
    if any(tuple(t.lower_ for t in doc[max(sent.start, prev + 1 - len(w)):prev + 1]) == w for w in words.introducers):
        return "subject"  # "His name was Kovalenko; he ...": the person the sentence introduces
    if before in words.prepositions or (before in ARTICLES and prev > sent.start
                                        and doc[prev - 1].lower_ in words.prepositions):
        return "oblique"  # "the son of Muller", "the chairman of the Board was …"
    if before in words.clause_openers or (before == "," and not persons_before):
        return "subject"
    if span.end < sent.end and _verb_like(doc[span.end].lower_):
        return "subject"  # "At noon the officer came in", "... Muller was born"
    if all(t.lower_ in words.sentence_openers or t.is_punct for t in doc[sent.start:span.start]):
        return "subject"
    return "object"


def _verb_like(word: str) -> bool:
    """A word that, right after a name, shows the name is its subject: an auxiliary or a
    common verb of narrative, or a past form in -ed."""
    return word in settings().subject_verbs or (len(word) > 4 and word.endswith("ed"))


def clause_between(doc: Doc, start: int, end: int) -> bool:
    """Whether a clause boundary lies between tokens ``start`` and ``end`` (exclusive)."""
    bounds = settings().clause_boundaries
    return any(doc[i].lower_ in bounds for i in range(start, end))
