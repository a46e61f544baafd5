"""Word-shape tests for the name components, which run before the tagger and parser.

The components that find and type names run on every sentence, where selective parsing
(:mod:`kg.annotate.selective`) has not tagged or parsed: they judge a word by its form and
its neighbours, never by ``pos_``, ``tag_``, ``dep_`` or ``lemma_``.

>>> import spacy
>>> doc = spacy.blank("en")("the Bolsheviks met in Moscow's old quarter")
>>> is_determiner(doc[0]), looks_plural(doc[1]), is_possessive(doc[5]), looks_proper(doc[4])
(True, True, True, True)
>>> capitals(doc), forms_in(doc, {"met", "old"})
([1, 4], [2, 6])
"""

from __future__ import annotations

from spacy.attrs import IS_TITLE, LOWER, ORTH
from spacy.tokens import Doc, Token

DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "some", "any", "each",
                         "every", "no", "another", "both", "either", "neither", "all", "such"})
FIRST_PERSON_CAPS = frozenset({"I", "I'm", "I'd", "I'll", "I've"})
POSSESSIVE = ("'s", "’s", "'", "’")  # longest first: suffixes are stripped in this order


def is_determiner(tok: Token) -> bool:
    """An article or demonstrative ("the", "this", "every")."""
    return tok.lower_ in DETERMINERS


def is_possessive(tok: Token) -> bool:
    """The possessive ending the tokenizer splits off ("Moscow's" → "Moscow", "'s")."""
    return tok.lower_ in POSSESSIVE and tok.i > 0 and not tok.doc[tok.i - 1].whitespace_


def looks_plural(tok: Token) -> bool:
    """A plural noun form: "Bolsheviks", "Englishmen", "Mensheviki" (not "Swiss")."""
    low = tok.lower_
    return (low.endswith("s") and not low.endswith(("ss", "ous", "is", "us"))) or low.endswith(("men", "iki"))


def looks_proper(tok: Token) -> bool:
    """A capitalised word that is not "I" nor a common word opening a sentence."""
    if not tok.text[:1].isupper() or tok.text in FIRST_PERSON_CAPS:
        return False
    return not (tok.is_sent_start and tok.is_stop)


def name_words(sent):
    """The words of a sentence that may be (part of) a name: with a capital (not "I", not a
    common word opening the sentence) or a digit."""
    first = True
    for tok in sent:
        if tok.is_space or tok.is_punct:
            continue
        text = tok.text
        if any(c.isdigit() for c in text) or (text[:1].isupper() and text not in FIRST_PERSON_CAPS
                                              and not (first and tok.is_stop)):
            yield tok
        first = False


def capitals(doc: Doc, titled: bool = False) -> list[int]:
    """The indices of the tokens whose text begins with a capital (and, with ``titled``, of
    those in title case: "'Tis"), in order, read from the token array: a loop over these
    makes no Token of the others."""
    strings = doc.vocab.strings
    return [i for i, (orth, title) in enumerate(doc.to_array([ORTH, IS_TITLE]).tolist())
            if strings[orth][:1].isupper() or titled and title]


def forms_in(doc: Doc, words: set[str] | frozenset[str]) -> list[int]:
    """The indices of the tokens whose lower-case form is one of ``words``, in order."""
    strings = doc.vocab.strings
    return [i for i, low in enumerate(doc.to_array([LOWER]).reshape(-1).tolist()) if strings[low] in words]
