"""Names in a book's apparatus count only when the text itself names them too.

The read step gives headings, contents pages and running heads the layer ``heading`` and a
transcriber's or producer's note the layer ``apparatus`` (:mod:`kg.read.headings`). Their
words are in capitals or cut to a few nouns ("MEETING PEOPLE", "CHAPTER III", "EXAMINATION
OF M. GILLIARD"), where the model's guesses are mostly wrong, and the people they name (a
transcriber) are not the subject of the text. A name there is kept when the document's other
passages name it too — by the same name, or for a person by its last word ("M. GILLIARD"
after "Gilliard") — and takes the type it has there; a gazetteer name is kept as it is. In a
heading (not a transcriber's note) a name the text does not repeat is kept too, unless all its
words are ones the document writes in lower case ("MEETING", "GENERAL VIEW") or it holds a
chapter number or marker ("CHAPTER III", "XX"), or it is one word the dictionary has as a
noun ("THE TYRANNY OF THE CRIMINALS").

>>> import spacy
>>> from spacy.tokens import Span
>>> nlp = spacy.blank("en")
>>> body, head = nlp("Then Kropotkin spoke at a meeting."), nlp("MEETING KROPOTKIN AT XX")
>>> body.ents = [Span(body, 1, 2, "PERSON")]
>>> head.ents = [Span(head, 0, 1, "PERSON"), Span(head, 1, 2, "ORG"), Span(head, 3, 4, "PLACE")]
>>> confirm_headings([("body", body), ("heading", head)])
>>> [(e.text, e.label_) for e in head.ents]
[('KROPOTKIN', 'PERSON')]
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.annotate.components import NESTED
from kg.annotate.consistency import name_key
from kg.annotate.first_names import is_first_name

if TYPE_CHECKING:
    from kg.annotate.recase import EnglishWords

APPARATUS = frozenset({"heading", "apparatus", "index"})
MARKER_WORDS = frozenset({"chapter", "part", "book", "section", "page", "vol", "volume"})
_ROMAN = re.compile(r"(?=[IVXLC])M{0,3}(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})")


def _text_names(pairs: Sequence[tuple[str, Doc]]) -> dict[str, str]:
    """Name key → the type the text (not its apparatus) gives it most often; a person's
    last word too."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for layer, doc in pairs:
        if layer in APPARATUS:
            continue
        for ent in doc.ents:
            if ent.label_ == "DATE":
                continue
            votes[name_key(ent.text)][ent.label_] += 2
            if ent.label_ == "PERSON" and len(ent) > 1:
                votes[name_key(ent[-1].text)]["PERSON"] += 1
    return {key: c.most_common(1)[0][0] for key, c in votes.items()}


class TextWords:
    """The words of a document's text (not its apparatus): those written in lower case, and
    all of them."""

    def __init__(self, docs: Sequence[Doc], english: "EnglishWords | None" = None) -> None:
        self.lower = {t.lower_ for doc in docs for t in doc if t.is_lower}
        self.seen = {t.lower_ for doc in docs for t in doc}
        self.english = english

    def noun(self, ent: Span) -> bool:
        """A single word that the dictionary has as a noun ("THE TYRANNY OF THE CRIMINALS"
        → "TYRANNY"): a heading's subject, no name the text does not repeat."""
        return len(ent) == 1 and self.english is not None and self.english.noun(ent[0].lower_)

    def no_name(self, tok) -> bool:
        """A number, punctuation, or a word the text writes in lower case or never uses."""
        return not tok.is_alpha or tok.lower_ in self.lower or tok.lower_ not in self.seen


def _confirmed(ent: Span, names: dict[str, str], words: TextWords | None) -> Span | None:
    """The name with the text's type, or None; ``words`` (the text's) are given for a heading,
    where a name the text does not repeat may stay, cut to the words that may be a name."""
    if ent.kb_id_ or ent.label_ == "DATE":
        return ent
    if _numbered(ent) or _lone_first_name(ent):
        return None
    label = _text_label(ent, names)
    if label is None and words is not None and len(ent) > 1:
        ent, label = _trimmed(ent, names, words)
    if label is None:
        return ent if words is not None and _own_name(ent, words.lower) and not words.noun(ent) else None
    return ent if label == ent.label_ else Span(ent.doc, ent.start, ent.end, label=label)


def _text_label(ent: Span, names: dict[str, str]) -> str | None:
    """The type the text gives the name (or, for a person, its last word), or None."""
    label = names.get(name_key(ent.text))
    if label is None and len(ent) > 1 and len(ent[-1]) > 2 and names.get(name_key(ent[-1].text)) == "PERSON":
        label = "PERSON"
    return label


def _trimmed(ent: Span, names: dict[str, str], words: TextWords) -> tuple[Span, str | None]:
    """A heading's name without the words at its edges that are no name in the text — a
    number, a word the text writes in lower case or never uses ("RAZPUTIN WOUNDED",
    "PHILIP PROSKOURIAKOFF 139" → the name) — and the text's type for what is left."""
    start, end = ent.start, ent.end
    while end - start > 1 and words.no_name(ent.doc[end - 1]):
        end -= 1
    while end - start > 1 and words.no_name(ent.doc[start]):
        start += 1
    if (start, end) == (ent.start, ent.end):
        return ent, None
    cut = Span(ent.doc, start, end, label=ent.label, kb_id=ent.kb_id)
    return cut, _text_label(cut, names)


def _lone_first_name(ent: Span) -> bool:
    """'PETER' of 'FORTRESS OF PETER AND PAUL', 'Peter' of the entry 'Lavrov, Peter, 82': a
    first name alone in the apparatus refers to nobody the text could mean by it."""
    return len(ent) == 1 and ent.label_ == "PERSON" and is_first_name(ent.text.title())


def _numbered(ent: Span) -> bool:
    """'CHAPTER III', 'XX', 'Vol': a chapter number or marker, no name."""
    return any(_ROMAN.fullmatch(t.text.rstrip(".")) or t.lower_.rstrip(".") in MARKER_WORDS for t in ent)


def _own_name(ent: Span, common: set[str]) -> bool:
    """A heading's name that is not only words the document writes in lower case."""
    words = [t for t in ent if t.is_alpha]
    return bool(words) and not all(t.lower_ in common for t in words)


def confirm_headings(pairs: Sequence[tuple[str, Doc]], english: "EnglishWords | None" = None) -> None:
    """Keep the names of the apparatus passages (``(layer, Doc)`` of one document) that the
    text confirms, with the text's type (in place). ``english``: the dictionary, whose
    nouns alone are no name of a heading."""
    if not any(layer in APPARATUS for layer, _ in pairs):
        return
    names = _text_names(pairs)
    text = TextWords([doc for layer, doc in pairs if layer not in APPARATUS], english)
    for layer, doc in pairs:
        if layer not in APPARATUS:
            continue
        words = text if layer == "heading" else None
        doc.ents = filter_spans([s for s in (_confirmed(e, names, words) for e in doc.ents) if s is not None])
        if NESTED in doc.spans:
            doc.spans[NESTED] = [s for s in doc.spans[NESTED] if _confirmed(s, names, words) is not None]

