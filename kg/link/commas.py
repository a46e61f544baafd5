"""What commas and semicolons say that the small parser misses, for the argument finder
(:mod:`kg.link.arguments`): a semicolon ends an item of a list; a phrase fronted with a comma
is the scene; a place after a town and a comma is its region; "years and months" are one
term.

>>> import spacy
>>> doc = spacy.blank("en")("Marion , manager ; Landau , a reporter")
>>> semicolon_between(doc[0], doc[4]), semicolon_between(doc[0], doc[2])
(True, False)
>>> doc.ents = [doc.char_span(0, 6, "PERSON"), doc.char_span(19, 25, "PERSON")]
>>> item_of_its_own(doc[6])
True
"""

from __future__ import annotations

from typing import Callable

from spacy.tokens import Span, Token


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


def region_of(place: Token, other: Token) -> bool:
    """"Lyon, France": a place after a place and a comma, with no "and"/"or" in the list, is
    the region holding the first, not a second place ("Paris, London and Rome" is a list)."""
    return place.ent_type_ == other.ent_type_ == "PLACE" and not any(
        c.dep_ == "cc" for t in (place, other) for c in t.children)


TIME_UNITS = frozenset({"year", "month", "week", "day", "hour"})


def one_duration(first: Token, other: Token) -> bool:
    """"fourteen years and ten months": two counted units of time coordinated are one term,
    not two."""
    return first.lemma_.lower() in TIME_UNITS and other.lemma_.lower() in TIME_UNITS and any(
        c.dep_ == "nummod" for c in other.children)


def item_of_its_own(tok: Token) -> bool:
    """``tok`` stands between semicolons with a person named there: an item of a list of
    persons ("…; his secretary, Kaplun; …"), not a further description of a name before the
    semicolon ("Chkeidze, member of the Duma; one of the leaders of the Soviet")."""
    doc, start, end = tok.doc, tok.i, tok.i
    while start > 0 and doc[start - 1].text != ";" and not doc[start].is_sent_start:
        start -= 1
    while end + 1 < len(doc) and doc[end + 1].text != ";" and not doc[end + 1].is_sent_start:
        end += 1
    return start > 0 and doc[start - 1].text == ";" and any(t.ent_type_ == "PERSON" for t in doc[start:end + 1])


def first_place(span: Span, entity: Callable[[Token], "tuple[Span, object] | None"]) -> Span:
    """The first of the places written before ``span`` with commas only ("the Bronx, New York,
    United States" parsed with "United States" as the head): the place meant, the others
    its regions (a region after a town is no second birthplace)."""
    while span.start >= 2 and span.doc[span.start - 1].text == ",":
        hit = entity(span.doc[span.start - 2])
        if hit is None or hit[1].type != "PLACE":
            break
        span = hit[0]
    return span


def listed(a: Token, b: Token) -> bool:
    """``a`` and ``b`` are conjuncts of one list with a coordinating "and"/"or" in it ("Paul,
    Marie, Otto and Hans"), not a name and its apposition parsed as a conjunct."""
    def chain(tok: Token) -> Token:
        while tok.dep_ == "conj" and tok.head.i != tok.i:
            tok = tok.head
        return tok
    top = chain(a)
    if top.i != chain(b).i:
        return False
    todo, seen = [top], []
    while todo:
        tok = todo.pop()
        seen.append(tok)
        todo += [c for c in tok.children if c.dep_ == "conj"]
    return any(c.dep_ == "cc" for t in seen for c in t.children)


def repeated_preposition(tok: Token) -> list[Token]:
    """The objects of a preposition repeated after "and"/"or" for a second object: "imprisoned
    in the Butyrki and in the Lubyanka", "a member of the Reichstag and of the Party" — the
    second "in" hung on the first (conj) or beside it on the same head — for ``tok``, the object
    of the first. Another preposition ("from X to Y") adds nothing."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.dep_ != "prep" or prep.i == tok.i:
        return []
    doc = tok.doc
    again = [c for c in prep.children if c.dep_ == "conj" and c.lower_ == prep.lower_]
    again += [s for s in prep.head.children if s.dep_ == "prep" and s.lower_ == prep.lower_
              and s.i > tok.i and doc[s.i - 1].dep_ == "cc" and doc[s.i - 1].lower_ in {"and", "or"}]
    return [o for p in again for o in p.children if o.dep_ == "pobj"]
