"""Sentences are not cut at initials: ``A. Iu. Vyshinskii`` stays in one sentence, so an
evidence quote holds the whole name.

The component ``kg_initials`` runs before the parser and marks the word after an initial
(a capital letter with a full stop, or a two-letter initial of ``kg/data/names/initials.txt``
such as ``Iu.``) as not starting a sentence when that word is capitalised; the parser keeps
these marks.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.data_files import data_path


@lru_cache(maxsize=1)
def digraphs() -> frozenset[str]:
    """The multi-letter initials of the data file."""
    lines = data_path("names/initials.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))


def ends_with_initial(doc: Doc, i: int) -> bool:
    """True when the tokens just before ``doc[i]`` are an initial with its full stop."""
    prev = doc[i - 1].text
    if len(prev) == 2 and prev[0].isupper() and prev[1] == ".":
        return True
    return prev == "." and i >= 2 and doc[i - 2].text in digraphs() and not doc[i - 2].whitespace_


@Language.component("kg_initials")
def keep_initials(doc: Doc) -> Doc:
    """Mark words after initials as not sentence starts (see the module docs)."""
    for i in range(1, len(doc)):
        if doc[i].text[:1].isupper() and ends_with_initial(doc, i):
            doc[i].is_sent_start = False
    return doc
