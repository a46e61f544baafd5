"""Names in another script than Latin: romanised for ids and comparisons, paired with their
transliteration when the text gives both (data: ``kg/data/scripts.toml``).

A period text or an encyclopaedia entry often gives a name in both scripts, "Aleksandr
Borovkov (Александр Боровков, 1931)". The Cyrillic name is a mention of its own, typed as the
Latin one before it, and the two are stated to be one: :func:`script_pairs` records a
``same_as`` statement the resolver merges (as it merges an apposition). The label of an entity
named only in Cyrillic stays Cyrillic; :func:`romanise` gives its id Latin letters.

>>> romanise("Александр Боровков"), romanise("Юлия"), romanise("Trotsky")
('Aleksandr Borovkov', 'Iuliia', 'Trotsky')
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span

from kg.annotate.components import origins
from kg.data_files import load_toml
from kg.model import Assertion, Evidence, Mention, Passage

RULE = "same_as.script.v1"
CONFIDENCE = 0.95
_CYRILLIC_WORD = re.compile(r"^[А-ЯЁЄІЇЎҐ][а-яёєіїўґ'’\-]+$")
MAX_WORDS = 4


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    return dict(load_toml("scripts.toml")["cyrillic"])


def romanise(text: str) -> str:
    """``text`` with Cyrillic letters in Latin ones (capitals kept); other letters unchanged."""
    table, out = _table(), []
    for ch in text:
        low = ch.lower()
        if low in table:
            latin = table[low]
            out.append(latin.capitalize() if ch != low else latin)
        else:
            out.append(ch)
    return "".join(out)


def is_cyrillic_name_word(text: str) -> bool:
    """'Боровков' → True; 'Borovkov', 'книга' → False."""
    return bool(_CYRILLIC_WORD.match(text))


def bracketed_script_names(doc: Doc) -> None:
    """'Borovkov (Александр Боровков, ...)': the capitalised Cyrillic words in brackets right
    after a name are the same name in its script — a mention of the same type (in place)."""
    spans, taken = list(doc.ents), {i for e in doc.ents for i in range(e.start, e.end)}
    for ent in doc.ents:
        i = ent.end
        if i + 1 >= len(doc) or doc[i].text not in "([" or ent.label_ == "DATE":
            continue
        end = i + 1
        while end < len(doc) and end - i <= MAX_WORDS and is_cyrillic_name_word(doc[end].text):
            end += 1
        if end > i + 1 and not taken & set(range(i + 1, end)):
            span = Span(doc, i + 1, end, label=ent.label_)
            origins(doc)[(span.start_char, span.end_char)] = "shape"
            spans.append(span)
    doc.ents = sorted(spans, key=lambda s: s.start)


def script_pairs(mentions: list[Mention], passages: list[Passage]) -> list[Assertion]:
    """``same_as`` statements between a name and its form in another script given in brackets
    right after it, in one sentence ("Borovkov (Боровков"), with the passage as evidence."""
    out = []
    for a, b in zip(mentions, mentions[1:]):
        if (a.type == b.type != "DATE" and a.passage == b.passage and 0 < b.start - a.end <= 3
                and a.start in passages[a.passage].origin and (b.end - 1) in passages[a.passage].origin
                and _latin(a.text) and any(is_cyrillic_name_word(w) for w in b.text.split())):
            passage = passages[a.passage]
            out.append(Assertion(a, "same_as", b, "entity", _evidence(passage, a, b)))
    return out


def _latin(text: str) -> bool:
    return any("a" <= ch.lower() <= "z" for ch in text)


def _evidence(passage: Passage, a: Mention, b: Mention) -> Evidence:
    """The two names and what stands between them, as written ("Borovkov (Боровков")."""
    origin = list(passage.origin)
    start, end = origin.index(a.start), origin.index(b.end - 1) + 1
    return Evidence(passage.doc_id, passage.source, passage.text[start:end], a.start, b.end,
                    RULE, CONFIDENCE, "asserted", passage.layer)
