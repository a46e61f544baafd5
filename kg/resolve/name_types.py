"""What a name's own words say about its type, before the votes (:mod:`kg.resolve.types`).

The model types names by their look and place in the sentence; some names say by their
words what they are, whatever the model guessed:

- a plural noun naming the members of a movement, a people or a school ("Smienoviekhovtsy",
  "Tchetchentsy", "Allied Interventionists") is a GROUP, not a person;
- a name joined by a word no person's name holds ("Northern Camps for Special Purposes"),
  opening with an acronym ("FK Fyllingsdalen"), or headed by a plural common noun of the
  document ("Northern Camps" where "camps" and "camp" are written too, unless it opens with
  a first name) is an
  ORG, not a person;
- a known first name with an epithet ("Nicholas the Sanguinary", "Bloody Nicholas") is a
  PERSON, not an organisation, a place or a group.

A gazetteer's name keeps the gazetteer's type. Word lists: ``kg/data/names.toml``
(``member_plural_endings``, ``not_in_person_names``, ``organisation_prefixes``,
``place_openers``, ``epithets_before``).

>>> structure_type("Smienoviekhovtsy", "PERSON"), structure_type("Nicholas the Sanguinary", "ORG")
('GROUP', 'PERSON')
>>> structure_type("Northern Camps for Special Purposes", "PERSON"), structure_type("Karl Radek", "PERSON")
('ORG', None)
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable

from kg.data_files import load_toml
from kg.model import Mention

ACRONYM = re.compile(r"^[A-Z]{2,5}$")
ROMAN = re.compile(r"^[IVX]+$")
RETYPED_FROM = {"PERSON": ("GROUP", "ORG", "PLACE"), "ORG": ("PERSON",), "PLACE": ("PERSON",), "GROUP": ("PERSON",)}
CUE = "name structure"


@dataclass(frozen=True, slots=True)
class _Lists:
    endings: tuple[str, ...]
    joiners: frozenset[str]
    before: frozenset[str]
    prefixes: frozenset[str]
    place_openers: frozenset[str]


@lru_cache(maxsize=1)
def _lists() -> _Lists:
    from kg.resolve.structure import _strings

    data = load_toml("names.toml")
    out = [_strings(data, key, "kg/data/names.toml") for key in (
        "member_plural_endings", "not_in_person_names", "epithets_before", "organisation_prefixes", "place_openers")]
    return _Lists(tuple(out[0]), *(frozenset(o) for o in out[1:]))


def _opens_as_person(word: str) -> bool:
    """A known first name, an initial or a title opens the name."""
    from kg.annotate.first_names import is_first_name
    from kg.annotate.titles import title_word
    from kg.resolve.identity import first_name_group

    return is_first_name(word) or first_name_group(word) is not None or title_word(word) or word.endswith(".")


def _not_a_person(words: list[str], common: frozenset[str]) -> str | None:
    """GROUP, PLACE or ORG when a person-typed name's words say it names no one person."""
    from kg.annotate.titles import title_data

    last = words[-1].strip(",.")
    if len(last) > 5 and last.casefold().endswith(_lists().endings) and last[:1].isupper():
        return "GROUP"
    if len(words) < 2:
        return None
    if len(words) > 2 and words[0] in _lists().place_openers and words[1] in title_data().particles:
        return "PLACE"
    if any(w in _lists().joiners for w in words[1:-1]):
        return "ORG"
    if _acronym(words[0]) and words[0].casefold() not in common and not words[1].isupper():
        return "ORG"
    low = last.casefold()
    plural = low.endswith("s") and not low.endswith("ss") and low in common and low[:-1] in common  # camps, camp
    return "ORG" if plural and not _opens_as_person(words[0]) else None


def _acronym(word: str) -> bool:
    """'NSB', 'FK': an organisation's acronym or legal form; 'JR' may be initials, 'XIV' a
    number (and a word the document also writes in lower case is a word in capitals: 'SALE')."""
    return bool(ACRONYM.match(word)) and not ROMAN.match(word) and (len(word) > 2 or word in _lists().prefixes)


def _epithet_person(words: list[str]) -> bool:
    """'Nicholas the Sanguinary', 'Bloody Nicholas': a first name with an epithet."""
    from kg.annotate.first_names import is_first_name

    if len(words) == 3 and words[1] == "the" and words[2][:1].isupper():
        return is_first_name(words[0])
    return len(words) == 2 and words[0] in _lists().before and is_first_name(words[1])


def _first_and_surname(words: list[str], common: frozenset[str]) -> bool:
    """'Eduardo Rodriguez', 'Henri de Montfort': a known first name and a surname that is
    no common word of the document nor a word that ends the name of a place or a body
    ('Albert Hall', 'Sophia Cathedral')."""
    from kg.annotate.first_names import is_first_name
    from kg.annotate.titles import title_data

    if not 2 <= len(words) <= 3 or not is_first_name(words[0]):
        return False
    last = words[-1]
    core = [w for w in words[1:] if w not in title_data().particles]
    return (bool(core) and all(w[:1].isupper() and w.replace("-", "").isalpha() for w in core)
            and last.casefold() not in common and last not in title_data().not_person
            and len(core) == len(words) - 1 or words[1] in title_data().particles and len(words) == 3)


def structure_type(name: str, type_: str, common: frozenset[str] = frozenset(), model: bool = False) -> str | None:
    """The type a name's words give it against ``type_``, or None. ``common``: the words its
    document writes in lower case; ``model``: only the statistical model typed it (then a
    first name and a surname make a person too)."""
    words = name.split()
    if not words:
        return None
    if type_ == "PERSON":
        found = _not_a_person(words, common)
    else:
        found = "PERSON" if _epithet_person(words) or model and _first_and_surname(words, common) else None
    return found if found in RETYPED_FROM.get(type_, ()) else None


def retype_by_structure(mentions: list[Mention],
                        common: Callable[[str], frozenset[str]] = lambda source: frozenset()) -> list[dict[str, Any]]:
    """Retype, in place, the mentions whose names say their type; the decisions, in the
    form of :func:`kg.resolve.types.vote_types`'s."""
    moved: dict[tuple[str, str, str, str], list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.key or m.origin == "gazetteer":
            continue
        new = structure_type(m.name or m.text, m.type, common(m.source), m.origin == "model")
        if new:
            moved[(m.source, m.name or m.text, m.type, new)].append(m)
    decisions = []
    for (doc, name, old, new), ms in sorted(moved.items(), key=lambda kv: kv[0]):
        for m in ms:
            m.type = new
        decisions.append({"doc": doc, "key": name, "names": [name], "type": new, "moved": len(ms),
                          "moved_names": [name], "votes": {old: {"model": len(ms)}, new: {CUE: len(ms)}},
                          "_moved": ms})
    return decisions
