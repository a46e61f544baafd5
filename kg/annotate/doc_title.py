"""A document's title line: the name of the document itself (a WORK), or of the person an
article is about.

- "Kamenev's Letter to Zinoviev", "The Trial of the Sixteen": the title names the document,
  a WORK, and the names in it are kept as nested mentions;
- "Vera Figner", "ZINOVIEV, Grigory Evseevich (1883–1936)": a biography's or an
  encyclopaedia entry's heading line that is only a person's name (with a lifespan or
  inverted) names its subject: that name is a PERSON mention (an inverted one two mentions,
  surname and given names), not a WORK. A name is taken as
  a person's when the model or the name rules typed it so, or when the article's text names a
  person by one of its words;
- a heading in capitals ("CONTENTS"), a question or more than one sentence is no title.

>>> import spacy
>>> from spacy.tokens import Span
>>> nlp = spacy.blank("en"); _ = nlp.add_pipe("sentencizer")
>>> title, body = nlp("Vera Figner (1852–1942)"), nlp("Figner was born in Kazan.")
>>> body.ents = [Span(body, 0, 1, "PERSON")]
>>> title_as_work([("title", title), ("body", body)])
>>> [(e.text, e.label_) for e in title.ents]
[('Vera Figner', 'PERSON')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span

from kg.annotate.components import add_nested, origins
from kg.annotate.consistency import name_key
from kg.annotate.recase import source_text

MAX_NAME_WORDS = 6
PARTICLES = frozenset({"von", "van", "de", "du", "der", "den", "la", "le", "di", "da", "del", "of", "zu", "y"})
_NAME_WORD = re.compile(r"^[A-ZÀ-ÞА-ЯЁ][\w'’.\-]*$")


def title_as_work(pairs: Sequence[tuple[str, Doc]]) -> None:
    """Type the first title passage of a document (``(layer, Doc)`` pairs), in place."""
    for layer, doc in pairs:
        if layer != "title":
            continue
        name = subject_name(doc, _text_persons(pairs))
        if name is not None:
            parts = _parts(name)
            doc.ents = [*parts, *[e for e in doc.ents if e.label_ == "DATE"]]
            for part in parts:
                origins(doc)[(part.start_char, part.end_char)] = "layout"
            return
        span = _trim_title(doc)
        if span is not None and not any(e.label_ == "DATE" for e in doc.ents):
            add_nested(doc, [e for e in doc.ents if e.label_ != "WORK"], [span])
            doc.ents = [span]
            origins(doc)[(span.start_char, span.end_char)] = "layout"
        return


def _parts(name: Span) -> list[Span]:
    """An inverted name ("KALININA, Marfa") as its two parts, each a PERSON mention."""
    comma = next((t.i for t in name if t.text == ","), None)
    if comma is None:
        return [name]
    return [Span(name.doc, a, b, label="PERSON") for a, b in ((name.start, comma), (comma + 1, name.end)) if b > a]


def _text_persons(pairs: Sequence[tuple[str, Doc]]) -> set[str]:
    """Keys of the words of the names the document's body gives persons."""
    return {name_key(t.text) for layer, doc in pairs if layer == "body"
            for e in doc.ents if e.label_ == "PERSON" for t in e if t.is_alpha}


def subject_name(doc: Doc, persons: set[str]) -> Span | None:
    """The person a title line consists of (its name, without lifespan or brackets), if any."""
    end = len(doc)
    for tok in doc:
        if tok.text in "([" or tok.like_num:
            end = tok.i
            break
    words = [t for t in doc[:end] if not t.is_punct]
    if not words or len(words) > MAX_NAME_WORDS or "?" in doc.text:
        return None
    if not all(_NAME_WORD.match(source_text(t)) or t.lower_ in PARTICLES for t in words):
        return None
    first, last = words[0].i, words[-1].i
    tagged = any(e.label_ == "PERSON" and e.start <= first and last < e.end for e in doc.ents)
    known = [name_key(t.text) in persons for t in words if t.is_alpha and len(t) > 2]
    if not (tagged or any(known) and all(_name_part(t, persons) for t in words)):
        return None
    return Span(doc, first, last + 1, label="PERSON")


def _name_part(tok, persons: set[str]) -> bool:
    """A word that can stand in a person's name: known from the text, a first name, a
    patronymic, an initial or a particle."""
    from kg.annotate.names import is_first_name, is_patronymic

    word = tok.text.title() if source_text(tok).isupper() else tok.text
    return (name_key(tok.text) in persons or is_first_name(word) or is_patronymic(word)
            or len(tok.text.rstrip(".")) == 1 or tok.lower_ in PARTICLES)


def _trim_title(doc: Doc) -> Span | None:
    """The title as a WORK span; none for a heading in capitals ("CONTENTS", a chapter
    heading of an excerpt) or for a line of speech taken for a title ("Senator KNOX. To
    whom did you hand that report?")."""
    tokens = [t for t in doc if not t.is_space and not (t.is_punct and t.text not in "'’")]
    if not tokens or not any(t.text[:1].isupper() for t in tokens):
        return None
    words = [t for t in tokens if t.is_alpha and len(t) > 1]
    if words and all(source_text(t).isupper() for t in words) or "?" in doc.text or len(list(doc.sents)) > 1:
        return None
    return Span(doc, tokens[0].i, tokens[-1].i + 1, label="WORK")
