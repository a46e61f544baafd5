"""Gapped lists of roles: "A, appointed as chairman and manager, B as secretary, and C as
treasurer". Each name owns the "as" phrase written right after it; the small parser hangs
the phrases and names on one another, so a role is checked against the words:

- a name followed by its own "as" phrase ("B as secretary") holds no role of another
  "as" phrase (not A's "chairman");
- a role in an "as" phrase written right after a name ("B as secretary") is that name's, not
  another person's the path reached ("elected A, …, B as secretary": not A's).

Only names written as items of a list (after a comma, a semicolon or "and") are judged so:
"served under B as chief of staff" and "Lenin as chairman signed the decree" are left alone.

>>> import spacy
>>> nlp = spacy.blank("en")
>>> doc = nlp("elected Braun as chairman , Weber as secretary")
>>> as_phrase(doc[3]).i, as_phrase(doc[7]).i
(2, 6)
"""

from __future__ import annotations

from spacy.tokens import Token

AS = "as"
LIST_MARKS = {",", ";", "and"}
MAX_PHRASE = 8  # words between "as" and the role noun ("as the new general manager of the firm")


def as_phrase(role: Token) -> Token | None:
    """The "as" opening the phrase that holds ``role`` (a role noun), if any: the nearest "as"
    before it in the sentence with only words of a noun phrase between ("as chairman and
    general manager" holds both nouns)."""
    sent_start = role.sent.start if role.doc.has_annotation("SENT_START") else 0
    for i in range(role.i - 1, max(sent_start, role.i - MAX_PHRASE) - 1, -1):
        tok = role.doc[i]
        if tok.lower_ == AS:
            return tok
        if tok.is_punct or tok.pos_ in {"VERB", "AUX"}:
            return None
    return None


def foreign_role(role: Token, name_start: int, name_end: int) -> bool:
    """True when the name ``doc[name_start:name_end]`` cannot hold ``role`` because the words
    give the role to another name of a gapped list, or give the name a role of its own."""
    phrase = as_phrase(role) if role.pos_ in {"NOUN", "PROPN"} else None
    if phrase is None:
        return False
    doc = role.doc
    if name_end < len(doc) and doc[name_end].lower_ == AS and doc[name_end].i != phrase.i \
            and _list_item(doc, name_start):
        return True  # "…, B as secretary": B's role is its own phrase's, not this one
    before = doc[phrase.i - 1] if phrase.i > 0 else None
    if before is None or before.ent_type_ != "PERSON" or name_start <= before.i < name_end:
        return False
    return _list_item(doc, _name_start(before))  # "…, B as secretary": B's ("under B as chief": not)


def gapped_holder(role: Token) -> list[Token]:
    """The name a gapped list gives ``role`` to, when no path reached one: "…, and B as
    secretary" (the parser often hangs "as secretary" on the verb of A's phrase)."""
    phrase = as_phrase(role) if role.pos_ in {"NOUN", "PROPN"} else None
    before = role.doc[phrase.i - 1] if phrase is not None and phrase.i > 0 else None
    if before is None or before.ent_type_ != "PERSON":
        return []
    return [before] if _list_item(role.doc, _name_start(before)) else []


def takes_as(paths: list) -> bool:
    """A rule whose subject is the one who serves "as" its trigger ("<pobj <prep:as >nsubj")."""
    return any(len(p) == 3 and p[0].up and p[0].deps == {"pobj"} and p[1].lemmas == {"as"}
               and not p[2].up and p[2].deps == {"nsubj"} for p in paths)


def _name_start(tok: Token) -> int:
    """The first word of the name ``tok`` ends."""
    start = tok.i
    while start > 0 and tok.doc[start].ent_iob_ == "I":
        start -= 1
    return start


def _list_item(doc, start: int) -> bool:
    """The name beginning at ``start`` follows a comma, a semicolon or "and"."""
    return start > 0 and doc[start - 1].lower_ in LIST_MARKS
