"""What commas and semicolons say that the small parser misses, for the argument finder
(:mod:`kg.link.arguments`): a semicolon ends an item of a list; a phrase fronted with a comma
is the scene; a place after a town and a comma is its region.

>>> import spacy
>>> doc = spacy.blank("en")("Marion , manager ; Landau , a reporter")
>>> semicolon_between(doc[0], doc[4]), semicolon_between(doc[0], doc[2])
(True, False)
"""

from __future__ import annotations

from spacy.tokens import Token


def scene(prep: Token, verb: Token, found: list[Token]) -> bool:
    """A phrase set before the verb with a comma when the verb has one with the same
    preposition after it: "Now, in the Republic, she was living in disguise" — the fronted
    phrase is the scene, the verb's own complement is the one after it."""
    return prep.dep_ == "prep" and prep.i < verb.i and any(
        o.lower_ == prep.lower_ and o.i > verb.i for o in found) and any(
        t.text == "," for t in prep.doc[prep.right_edge.i + 1:verb.i])


def semicolon_between(a: Token, b: Token) -> bool:
    """A semicolon between two words: they are items of a list, never in apposition."""
    lo, hi = sorted((a.i, b.i))
    return any(t.text == ";" for t in a.doc[lo + 1:hi])


def listed(head: Token, appos: Token) -> bool:
    """A common noun's apposition with another common noun in apposition to it in between:
    the parser's reading of a list ("his wife, son, four daughters, Dr. Botkin"), in which no
    item names another — unlike "his daughter Maria, a singer", where the noun comes after."""
    return head.pos_ == "NOUN" and any(
        c.dep_ == "appos" and c.pos_ == "NOUN" and head.i < c.i < appos.i for c in head.children)


def region_of(place: Token, other: Token) -> bool:
    """"Lyon, France": a place after a place and a comma, with no "and"/"or" in the list, is
    the region holding the first, not a second place ("Paris, London and Rome" is a list)."""
    return place.ent_type_ == other.ent_type_ == "PLACE" and not any(
        c.dep_ == "cc" for t in (place, other) for c in t.children)
