"""Inverted names of an index or a list of persons: "AVDEIEV, Alexander, formerly a locksmith".

A line that opens with a surname in capitals, a comma and the person's given name (and
patronymic) names one person: the whole is one PERSON mention, named in the usual order
("Alexander Avdeiev"), so the given name is not taken for a bare first name of its own
(which would join every other Alexander of the book). A title after the comma ("BENCKENDORF,
Count", "DUTZMAN, Commissar") or a description ("CHKEIDZE, Member of the duma") is no given
name: those lines are left alone.

The names are recorded in ``doc._.kg_names`` (character span → name), read when mentions are
made (:func:`name_of`).

>>> import spacy
>>> from spacy.tokens import Span
>>> doc = spacy.blank("en")("AVDEIEV, Alexander, formerly a locksmith.")
>>> doc.ents = [Span(doc, 0, 1, "PERSON"), Span(doc, 2, 3, "PERSON")]
>>> join_inverted(doc)
>>> [(e.text, e.label_, name_of(e)) for e in doc.ents]
[('AVDEIEV, Alexander', 'PERSON', 'Alexander Avdeiev')]
"""

from __future__ import annotations

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.annotate.components import origins
from kg.annotate.lexical import capitals
from kg.annotate.names import is_first_name, is_patronymic
from kg.data_files import load_toml

if not Doc.has_extension("kg_names"):
    Doc.set_extension("kg_names", default=None)

MAX_GIVEN_WORDS = 3  # given name, patronymic, a second given name
HEAD_TYPES = frozenset({"PERSON", "ORG", "PLACE"})


def name_of(span: Span) -> str | None:
    """The name recorded for a span (an inverted name in the usual order), if any."""
    names = span.doc._.kg_names
    return names.get((span.start_char, span.end_char)) if names else None


def join_inverted(doc: Doc) -> None:
    """Join every 'SURNAME, Given Patronymic' at the start of a line into one PERSON mention."""
    heads = [*doc.ents, *_bare_heads(doc)]
    joined = [s for s in (_inverted(doc, e) for e in heads) if s is not None]
    if not joined:
        return
    names = doc._.kg_names if doc._.kg_names is not None else {}
    for span, name in joined:
        names[(span.start_char, span.end_char)] = name
        origins(doc)[(span.start_char, span.end_char)] = "layout"
    doc._.kg_names = names
    spans = [s for s, _ in joined]
    doc.ents = filter_spans(spans + [e for e in doc.ents if not any(e.start < s.end and s.start < e.end for s in spans)])


def _inverted(doc: Doc, head: Span) -> tuple[Span, str] | None:
    """The span and name of an inverted name opening with ``head``, if it is one."""
    if head.label_ not in HEAD_TYPES or not _caps_at_line_start(head):
        return None
    comma = head.end
    if comma >= len(doc) or doc[comma].text != ",":
        return None
    end = comma + 1
    while end < len(doc) and end - comma - 1 < MAX_GIVEN_WORDS and _given_word(doc[end].text):
        end += 1
    given = doc[comma + 1:end]
    if not len(given) or not _given_name(given[0].text):
        return None
    surname = "-".join(w.capitalize() for w in head.text.split("-"))
    first = " ".join(t.text.title() if t.text.isupper() and t.text.isalpha() else t.text for t in given)
    return Span(doc, head.start, end, label="PERSON"), f"{first} {surname}"


def _bare_heads(doc: Doc) -> list[Span]:
    """Words in capitals opening a line before a comma that the recogniser left out
    ("RICKERT, ALBERT F., Pvt. Co. C" of a roll of honour)."""
    named = {i for e in doc.ents for i in range(e.start, e.end)}
    return [Span(doc, i, i + 1, label="PERSON") for i in capitals(doc)
            if i + 1 < len(doc) and i not in named and doc[i + 1].text == "," and _caps_at_line_start(doc[i:i + 1])]


def _caps_at_line_start(span: Span) -> bool:
    """A surname in capitals with nothing before it on its line."""
    word = span.text.replace("-", "")  # one word, or a double surname ("SOKOLOV-BELSKY")
    if len(word) < 2 or not word.isalpha() or not word.isupper():
        return False
    text = span.doc.text
    line_start = text.rfind("\n", 0, span.start_char) + 1
    return not text[line_start:span.start_char].strip()


def _given_word(word: str) -> bool:
    """A capitalised word, or an initial ("ALBERT F.")."""
    return word.isalpha() and word[:1].isupper() or len(word) == 2 and word[0].isupper() and word[1] == "."


def _given_name(word: str) -> bool:
    """A first name or a patronymic ('Alexander', 'Sergeievich'); not a title ('Count') nor a
    month of a dateline ('VIENNA, August 14')."""
    from kg.annotate.gender import known_given_name

    if word.lower() in load_toml("dates.toml")["months"]:
        return False
    word = word.title() if word.isupper() else word  # "JOSEPH" of a list in capitals
    return is_first_name(word) or is_patronymic(word) or known_given_name(word)
