"""A gazetteer name qualified by a nationality is another thing (``kg_qualified``).

"Soviet Republic" and "Communist Party" are gazetteer aliases of the Soviet state and of
its party; "the Hungarian Soviet Republic" and "the German Communist Party" are not
those. When a gazetteer span of a place or organisation follows a capitalised
nationality or regional adjective ("Hungarian", "Bavarian", "Finnish", "Chinese"), the
adjective and the name are one name, of the same type, and no longer the gazetteer's
entry (the adjective stops being a mention of its own). So is a gazetteer place after
"New" ("New Mexico", "New England", "New Orleans" are not Mexico, England, Orleans).

Only the word shape is used: a capitalised word ending like an adjective of nationality
(data: ``kg/data/labels.toml``, ``[qualified] adjective_endings``).

>>> from kg.annotate.pipeline import load_pipeline      # doctest: +SKIP
>>> doc = load_pipeline()("Bela Kun led the Hungarian Soviet Republic.")  # doctest: +SKIP
>>> [(e.text, e.label_, e.kb_id_) for e in doc.ents]   # doctest: +SKIP
[('Bela Kun', 'PERSON', ''), ('Hungarian Soviet Republic', 'PLACE', '')]
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kg.annotate.components import origins
from kg.data_files import load_toml

QUALIFIABLE = {"PLACE", "ORG"}


@lru_cache(maxsize=1)
def _endings() -> tuple[str, ...]:
    return tuple(load_toml("labels.toml")["qualified"]["adjective_endings"])


@lru_cache(maxsize=1)
def _place_openers() -> frozenset[str]:
    return frozenset(load_toml("labels.toml")["qualified"].get("place_openers", []))


def _qualifies(tok: Token, label: str) -> bool:
    """A nationality adjective before a place or organisation, "New" before a place."""
    return is_adjective_of_nation(tok) or label == "PLACE" and tok.text in _place_openers()


def is_adjective_of_nation(tok: Token) -> bool:
    """'Hungarian', 'Bavarian', 'Finnish', 'Chinese' → True; 'Soviet', 'Moscow' → False."""
    return (tok.is_alpha and tok.text[:1].isupper() and not tok.is_upper and len(tok) > 4
            and tok.text.endswith(_endings()))


class QualifiedNames:
    """Join a nationality adjective and the gazetteer name after it."""

    def __call__(self, doc: Doc) -> Doc:
        spans = list(doc.ents)
        by_end = {s.end: s for s in spans}
        out, dropped = [], set()
        for span in spans:
            prev = by_end.get(span.start)
            first = doc[span.start - 1] if span.start > 0 else None
            if (span.kb_id_ and span.label_ in QUALIFIABLE and first is not None
                    and _qualifies(first, span.label_) and "\n" not in first.whitespace_
                    and (prev is None or len(prev) == 1 and not prev.kb_id_)):
                joined = Span(doc, span.start - 1, span.end, label=span.label_)
                origins(doc)[(joined.start_char, joined.end_char)] = "shape"
                out.append(joined)
                if prev is not None:
                    dropped.add((prev.start, prev.end))
            else:
                out.append(span)
        doc.ents = filter_spans([s for s in out if (s.start, s.end) not in dropped])
        return doc


@Language.factory("kg_qualified")
def make_qualified(nlp: Language, name: str) -> QualifiedNames:
    """spaCy factory for :class:`QualifiedNames`."""
    return QualifiedNames()
