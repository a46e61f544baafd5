"""Run the entity recogniser only on the stretches of a Doc that can hold a name.

A sentence with no capitalised word (besides "I" and a common word opening it) and no
digit holds no name the recogniser finds (:func:`kg.annotate.lexical.may_name`). Each run
of consecutive sentences that may hold one goes through the recogniser as its own Doc —
with the names already found (the gazetteer's), which the recogniser keeps — and the names
it finds are written back. A Doc whose every sentence may hold a name is passed whole.

>>> import spacy
>>> nlp = spacy.blank("en"); _ = nlp.add_pipe("sentencizer")
>>> runs(nlp("It rained. Then Ivan came. He left. It was late."))
[(3, 7)]
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.annotate.lexical import may_name


def runs(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of consecutive sentences that may hold a name."""
    out: list[tuple[int, int]] = []
    for sent in doc.sents:
        if not may_name(sent):
            continue
        if out and out[-1][1] == sent.start:
            out[-1] = (out[-1][0], sent.end)
        else:
            out.append((sent.start, sent.end))
    return out


def recognise(ner: Callable, docs: list[Doc]) -> list[Doc]:
    """``ner`` (a pipe) applied to the stretches of ``docs`` that may hold names."""
    whole, parts, owners = [], [], []
    for doc in docs:
        ranges = runs(doc)
        if ranges == [(0, len(doc))]:
            whole.append(doc)
            continue
        for start, end in ranges:
            parts.append(doc[start:end].as_doc())
            owners.append((doc, start))
    list(ner.pipe(whole))
    for part, (doc, start) in zip(ner.pipe(parts), owners):
        _write_back(doc, part, start)
    return docs


class ScopedNer:
    """A pipe that runs ``ner`` only where names may be (:func:`recognise`)."""

    def __init__(self, ner) -> None:
        self.ner = ner

    def pipe(self, docs) -> list[Doc]:
        """The Docs, with the names the recogniser found."""
        return recognise(self.ner, list(docs))


def _write_back(doc: Doc, part: Doc, start: int) -> None:
    """Replace ``doc``'s names inside the stretch by those the recogniser gave it."""
    end = start + len(part)
    found = [Span(doc, start + e.start, start + e.end, label=e.label, kb_id=e.kb_id) for e in part.ents]
    keep = [e for e in doc.ents if not (start <= e.start and e.end <= end)]
    doc.ents = filter_spans(keep + found)
