"""What "the party", "this society", "the regiment" refers to: the one organisation or group
named earlier in the passage whose name holds that noun ("… represented the Moderate Party …
he was expelled from the party"); nothing when the passage names two such (or none), or when
the noun has words of its own that a name would have to agree with ("the Communist party").
The nouns and the modifiers allowed: ``kg/data/link/reference.toml`` ``[bodies]``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from spacy.tokens import Span, Token

from kg.data_files import load_toml, word_list
from kg.model import Mention, Passage

DETERMINERS = {"the", "this", "that"}
MODIFIER_DEPS = {"amod", "compound", "poss", "nmod", "nummod"}
BODY_TYPES = {"ORG", "GROUP"}


@lru_cache(maxsize=1)
def body_nouns() -> frozenset[str]:
    return word_list("link/reference.toml", "bodies", "nouns")


@lru_cache(maxsize=1)
def plain_modifiers() -> frozenset[str]:
    return word_list("link/reference.toml", "bodies", "modifiers")


def _definite_and_bare(tok: Token) -> bool:
    """'the party', 'this new society'; not 'a party', 'his party', 'the Communist party'."""
    kids = list(tok.children)
    return any(c.dep_ == "det" and c.lower_ in DETERMINERS for c in kids) and not any(
        c.dep_ in MODIFIER_DEPS and c.lower_ not in plain_modifiers() for c in kids)


def certainty() -> float:
    return float(load_toml("link/reference.toml")["bodies"]["certainty"])


def body_before(tok: Token, entity: Callable[[Token], tuple[Span, Mention] | None],
                types: tuple[str, ...], passage: Passage) -> Mention | None:
    """A mention at ``tok`` (origin ``reference``) of the one ORG or GROUP named before it in
    its passage with ``tok``'s noun in its name."""
    named = _named_before(tok, entity, types)
    if named is None:
        return None
    start, end = passage.to_file(tok.idx, tok.idx + len(tok))
    return Mention(named.doc_id, named.source, start, end, tok.text, named.type, passage.index,
                   origin="reference", name=named.name, key=named.key, certainty=certainty(),
                   antecedent=f"{named.name}: the one {named.type} named before with '{tok.lower_}' in its name")


def _named_before(tok: Token, entity: Callable[[Token], tuple[Span, Mention] | None],
                  types: tuple[str, ...]) -> Mention | None:
    if tok.pos_ != "NOUN" or tok.tag_ != "NN" or tok.lemma_.lower() not in body_nouns() \
            or not _definite_and_bare(tok):
        return None
    noun = tok.lower_
    found: dict[str, Mention] = {}
    for i in range(tok.i):
        hit = entity(tok.doc[i])
        if hit is not None and hit[1].type in BODY_TYPES and hit[1].type in types \
                and noun in (hit[1].name or hit[1].text).lower().split():
            found[hit[1].name or hit[1].text] = hit[1]
    return next(iter(found.values())) if len(found) == 1 else None
