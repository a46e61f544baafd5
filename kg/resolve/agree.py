"""Can two person names be one person? Compared part by part (:mod:`kg.resolve.structure`).

Two names disagree when they give different given names (forms of one first name agree:
Nadia = Nadezhda; an initial agrees with a name it begins), different patronymics,
different surnames (a wife's "Zorina" is not her husband's "Zorin"), different ordinals
(Alexander II, Alexander III), territories (of Hesse, of Albany) or royal ranks (Empress,
Grand Duchess), or sexes; a people's name ("Germans") agrees with no person. A merge of two
clusters needs every pair of their names to agree, so a shared surname or patronymic never
joins the Tsar's four daughters.

>>> agree("Olga Nikolaievna", "Tatiana Nicholaevna"), agree("Olga Nikolaevna", "Grand Duchess Olga")
(False, True)
>>> agree("Zorin", "Madame Zorina"), agree("Germans", "Anastasia"), agree("N. Bukharin", "Nikolai Bukharin")
(False, False, True)
>>> conflict("Empress Maria", "Grand Duchess Maria")
'royal rank'
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from kg.annotate.scripts import romanise
from kg.annotate.gender import gender
from kg.resolve.keys import is_short, split_title
from kg.resolve.structure import NameParts, parse_name, title_class

NOT_A_PERSON = frozenset({"people", "ordinal"})


def agree(a: str, b: str) -> bool:
    """Whether two person names can name one person."""
    return conflict(a, b) is None


@lru_cache(maxsize=262144)
def conflict(a: str, b: str, ignore: tuple[str, ...] = ()) -> str | None:
    """The first part on which two person names disagree ('given name', 'surname' …),
    leaving out the parts in ``ignore``; None when they agree."""
    if a == b:
        return None
    pa, pb = parse_name(romanise(a)), parse_name(romanise(b))
    if pa.kind in NOT_A_PERSON or pb.kind in NOT_A_PERSON:
        return "not a person's name"
    for part, test in _TESTS:
        if part not in ignore and not test(pa, pb):
            return part
    return None


def clusters_conflict(names_a: Iterable[str], names_b: Iterable[str], ignore: tuple[str, ...] = ()) -> str | None:
    """Why two clusters of names cannot be one person, or None. Every pair must agree on
    given name, patronymic, ordinal, rank and sex; surnames need only be shared once (a
    gazetteer's person may hold a pseudonym: Tomskii and Efremov). ``ignore``: parts not compared."""
    a, b = list(dict.fromkeys(names_a)), list(dict.fromkeys(names_b))
    skip = tuple(sorted({"surname", *ignore}))
    for x in a:
        for y in b:
            why = conflict(x, y, skip)
            if why:
                return f"{why}: '{x}' / '{y}'"
    sa, sb = _surnames(a), _surnames(b)
    if "surname" not in ignore and sa and sb and not any(_surname(x, y) for x in sa for y in sb):
        return f"surname: '{sorted(x.text for x in sa)[0]}' / '{sorted(y.text for y in sb)[0]}'"
    return None


def _surnames(names: list[str]) -> list[NameParts]:
    return [p for p in (parse_name(romanise(n)) for n in names) if p.surname]


def _given(a: NameParts, b: NameParts) -> bool:
    if a.given and b.given:
        return a.given == b.given
    given, initials = (a.given, b.initials) if a.given else (b.given, a.initials)
    return not (given and initials) or _initial_fits(initials[0], given)


def _initial_fits(initial: str, given: str) -> bool:
    """'n' fits 'nikolaii'; 'j' fits 'iosif' (J. for Iosif/Joseph), 'iu' fits 'iurii'."""
    return given.startswith(initial) or initial in {"j", "y"} and given[:1] in "ie"


def _initials(a: NameParts, b: NameParts) -> bool:
    if not (a.initials and b.initials):
        return True
    n = min(len(a.initials), len(b.initials))
    return a.initials[:n] == b.initials[:n]


def _patronymic(a: NameParts, b: NameParts) -> bool:
    if a.patronymic and b.patronymic:
        return a.patronymic == b.patronymic
    patronymic, initials = (a.patronymic, b.initials) if a.patronymic else (b.patronymic, a.initials)
    return not (patronymic and len(initials) > 1) or _initial_fits(initials[1], patronymic)


def _surname(a: NameParts, b: NameParts) -> bool:
    if not (a.surname and b.surname) or a.surname == b.surname:
        return True
    parts_a, parts_b = set(a.surname.split("-")), set(b.surname.split("-"))
    return bool(parts_a & parts_b) and (len(parts_a) > 1 or len(parts_b) > 1)  # Henkel-Donnersmarck


def _same_or_missing(part: str):
    def test(a: NameParts, b: NameParts) -> bool:
        x, y = getattr(a, part), getattr(b, part)
        return not (x and y) or x == y
    return test


def _rank(a: NameParts, b: NameParts) -> bool:
    ra = {title_class(t) for t in a.titles} - {None}
    rb = {title_class(t) for t in b.titles} - {None}
    return not (ra and rb) or bool(ra & rb)


def _sex(a: NameParts, b: NameParts) -> bool:
    return sexes_agree(a.text, b.text)


def sexes_agree(name: str, other: str) -> bool:
    """Two names can be one person: a woman's title needs a woman's name on the other side
    ("Mme. Caillaux" is not "Joseph Caillaux"), and known sexes must agree."""
    a, b = gender(name), gender(other)
    if female_titled(name) and b != "f" or female_titled(other) and a != "f":
        return False
    return a is None or b is None or a == b


def female_titled(name: str) -> bool:
    """'Madame Kerensky', 'Mme. Caillaux': a woman's title before a bare surname."""
    title, core = split_title(name)
    return bool(title) and gender(title) == "f" and is_short(core)


_TESTS = (("given name", _given), ("initials", _initials), ("patronymic", _patronymic),
          ("surname", _surname), ("ordinal", _same_or_missing("ordinal")),
          ("epithet", _same_or_missing("epithet")), ("territory", _same_or_missing("territory")),
          ("royal rank", _rank), ("sex", _sex))
