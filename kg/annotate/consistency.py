"""Document-level label consistency: one name, one type within a document.

Each passage is a separate spaCy Doc; this pass looks at all of a document's Docs:

1. votes: every entity votes for its type under its name key (possessive removed);
   gazetteer and name-shape spans weigh more than the model's guesses;
2. relabel: a model span whose key has a clear majority elsewhere takes that type
   (one stray GPE for "Bukharin" among PERSONs is corrected);
3. drop: a lone capitalised word opening a sentence that the model guessed at and the
   document also writes in lower case ("State", "Cotton") is an ordinary word;
4. fill: an unlabelled capitalised token equal to a known single-word PERSON name, or
   its plural ("those Stetskiis and Tals"), becomes a PERSON mention.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.annotate.components import origin_of, origins
from kg.annotate.lexical import POSSESSIVE

WEIGHTS = {"gazetteer": 3, "shape": 2, "layout": 2, "consistency": 1, "model": 1}
SURNAME_WEIGHT = 3


def name_key(text: str) -> str:
    """'Bukharin's' → 'bukharin'; keys compare names regardless of case and possessive."""
    text = " ".join(text.split())
    for suffix in POSSESSIVE:
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            text = text[: -len(suffix)]
            break
    return text.casefold()


def _votes(docs: list[Doc]) -> dict[str, Counter]:
    votes: dict[str, Counter] = defaultdict(Counter)
    for doc in docs:
        for ent in doc.ents:
            if ent.label_ == "DATE":
                continue
            weight = WEIGHTS[origin_of(ent)]
            votes[name_key(ent.text)][ent.label_] += weight
            last = ent[-1]
            if ent.label_ == "PERSON" and len(ent) > 1 and last.is_alpha and len(last) > 2 and not last.is_stop:
                # a full name settles what its surname is in this document ("Emil Eichhorn"
                # then "Eichhorn", which the model may take for a place)
                votes[name_key(ent[-1].text)]["PERSON"] += SURNAME_WEIGHT * weight
    return votes


def _winner(counter: Counter) -> str | None:
    (label, top), *rest = counter.most_common(2) + [("", 0)]
    return label if top > rest[0][1] else None


def harmonise(docs: list[Doc]) -> None:
    """Make entity types consistent across the Docs of one document (in place)."""
    votes = _votes(docs)
    winners = {key: _winner(c) for key, c in votes.items()}
    persons = {key for key, label in winners.items() if label == "PERSON" and " " not in key}
    common = {t.lower_ for doc in docs for t in doc if t.is_lower and t.is_alpha}
    for doc in docs:
        ents = [_relabel(e, winners, persons) for e in doc.ents if not _common_word(e, common)]
        ents += _fill(doc, ents, persons)
        doc.ents = filter_spans(ents)


def _common_word(ent: Span, common: set[str]) -> bool:
    """A lone capitalised word opening a sentence that the model guessed at, and that the
    document also uses in lower case ("State", "Cotton"), is an ordinary word, not a name."""
    first = ent.start == ent.sent.start or not any(t.is_alpha for t in ent.doc[ent.sent.start:ent.start])
    return (first and len(ent) == 1 and ent.label_ != "DATE" and origin_of(ent) == "model"
            and ent.text.lower() in common)


def _relabel(ent: Span, winners: dict[str, str | None], persons: set[str]) -> Span:
    key = name_key(ent.text)
    winner = "PERSON" if _plural_of(key, persons) and len(ent) == 1 else winners.get(key)
    if ent.label_ == "DATE" or origin_of(ent) != "model" or not winner or winner == ent.label_:
        return ent
    span = Span(ent.doc, ent.start, ent.end, label=winner)
    origins(ent.doc)[(span.start_char, span.end_char)] = "consistency"
    return span


def _fill(doc: Doc, ents: list[Span], persons: set[str]) -> list[Span]:
    taken = {i for e in ents for i in range(e.start, e.end)}
    made = []
    for tok in doc:
        if tok.i in taken or not tok.text[:1].isupper() or not tok.is_alpha:
            continue
        low = tok.text.casefold()
        if low in persons or _plural_of(low, persons):
            span = Span(doc, tok.i, tok.i + 1, label="PERSON")
            origins(doc)[(span.start_char, span.end_char)] = "consistency"
            made.append(span)
    return made


def _plural_of(key: str, persons: set[str]) -> bool:
    """'stetskiis' is the plural of the person name 'stetskii'."""
    return key.endswith("s") and key[:-1] in persons
