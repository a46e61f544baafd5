"""Within one document, a shorter name joins the one fuller name it is part of.

"Avdeiev" joins "Alexander Avdeiev", "S. I. Gibbes" and "Sidney Gibbes" join "Sidney
Ivanovitch Gibbes", "N. S." joins "Nadezhda Sergeevna Allilueva": the fuller name must hold
every part of the shorter one (a surname, a given name, a patronymic, initials that fit, a
rank) and more, be the only such name of the document, and agree with it (sex, every name
of both clusters — :mod:`kg.resolve.agree`). A bare first name, a first name with a
patronymic and a bare title need an antecedent written in running text (not a heading in
capitals): the fuller name must come first ("Peter" after "Peter Ermakoff"). Between two
fuller names, one whose first word is not an ordinary word of the document wins ("Alexander
Avdeiev", not "Once Avdeieff"). A name that says more than a gazetteer entry's standard name joins the
entry when the document names it ("Alexandra Theodorovna Romanova" → Alexandra Fedorovna).
Persons only: "Kermanshah" is not "Kermanshah Province".

>>> from kg.model import Mention
>>> from kg.resolve.clusters import Clusters
>>> c = Clusters()
>>> for i, n in enumerate(["Alexander Avdeiev", "Avdeieff", "Peter", "Peter Ermakoff"]):
...     c.add(f"k:{n}", Mention("d", "d.txt", i * 10, i * 10 + 5, n, "PERSON", 0, name=n), "same name")
>>> attach_within_documents(c)
>>> c.keys()
['k:Alexander Avdeiev', 'k:Peter', 'k:Peter Ermakoff']
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Callable

from kg.resolve.clusters import Clusters
from kg.resolve.structure import NameParts, parse_name, title_class

#: names that need an antecedent: they carry no surname
NEED_ANTECEDENT = frozenset({"given", "given+patronymic", "title"})
NEVER = frozenset({"people", "ordinal", "patronymic"})
#: kinds of short names that may find their fuller form in the gazetteer entry of a cluster
#: ("N. I." → Nikolai Ivanovich Bukharin); a bare first name or title may not ("Vladimir")
ENTRY_NAMES_FOR = frozenset({"initials", "initials+surname", "given+patronymic", "surname"})


def ranks(p: NameParts) -> set[str]:
    """The royal ranks a name's titles give ('sovereign', 'heir', 'dynast')."""
    return {c for c in map(title_class, p.titles) if c}


def size(p: NameParts) -> int:
    """How many identifying parts a name gives (a double surname counts twice, a rank once)."""
    double = bool(p.surname and "-" in p.surname)
    return double + bool(ranks(p)) + sum(map(bool, (p.given, p.patronymic, p.surname, p.initials, p.ordinal,
                                                     p.territory, p.middle, p.epithet)))


def subsumes(short: NameParts, full: NameParts) -> bool:
    """Every part of ``short`` is in ``full``, which says more; a bare first name must be
    written as in the fuller name.

    >>> subsumes(parse_name("S. I. Gibbes"), parse_name("Sidney Ivanovitch Gibbes"))
    True
    >>> subsumes(parse_name("Maria"), parse_name("Maria Nikolaievna")), subsumes(parse_name("Olga"), parse_name("Maria N."))
    (True, False)
    >>> subsumes(parse_name("Queen Alexandra"), parse_name("Alexandra Alexandrovna Tegleva"))
    False
    >>> subsumes(parse_name("Grand Duke Sergius"), parse_name("Sergius Mikhailovich"))
    False
    """
    if size(full) <= size(short) or full.kind in NEVER:
        return False
    if not ranks(short) <= ranks(full):  # many grand dukes share a first name: a rank must agree
        return False
    for part in ("given", "patronymic", "ordinal", "territory", "epithet"):
        mine = getattr(short, part)
        if mine and getattr(full, part) != mine:
            return False
    if short.surname and short.surname not in (full.surname, *(full.surname or "").split("-")):
        return False
    if short.kind in NEED_ANTECEDENT and short.given_form and short.given_form != full.given_form:
        return False  # "Nadia" alone is not "Nadezhda Allilueva": a diminutive names someone close
    if short.kind == "title" and not set(short.titles) & set(full.titles):
        return False
    return _initials_fit(short.initials, full)


def _initials_fit(initials: tuple[str, ...], full: NameParts) -> bool:
    if not initials:
        return True
    if full.initials:
        return full.initials[: len(initials)] == initials[: len(full.initials)]
    words = [w for w in (full.given, full.patronymic) if w]
    return len(words) >= min(len(initials), 2) and all(
        w.startswith(i) or i in {"j", "y"} and w[:1] in "ie" for i, w in zip(initials, words))


@dataclass
class _Seen:
    """A cluster in one document: its names there, where it is first named (in running
    text: a name in capitals is a heading), and its gazetteer entry's standard name."""

    names: list[NameParts] = field(default_factory=list)
    first: int = 1 << 62
    first_text: int = 1 << 62
    entry: NameParts | None = None


def _doc_names(c: Clusters) -> dict[str, dict[str, _Seen]]:
    """document → person cluster → what it is called there."""
    out: dict[str, dict[str, _Seen]] = defaultdict(dict)
    for key in c.keys():
        if c.type(key) != "PERSON":
            continue
        entry = c.entry(key)
        for m in c[key]:
            seen = out[m.source].setdefault(key, _Seen())
            if entry is not None and entry.type == "PERSON":
                seen.entry = parse_name(entry.name)
            parts = parse_name(m.name or m.text)
            if parts not in seen.names:
                seen.names.append(parts)
            seen.first = min(seen.first, m.start)
            if not (m.name or m.text).isupper():
                seen.first_text = min(seen.first_text, m.start)
    return out


def attach_within_documents(c: Clusters, common: Callable[[str], frozenset[str]] = lambda doc: frozenset()) -> None:
    """Join every person cluster to the one fuller cluster of a document that holds it,
    fullest names first (so "Gibbes" finds "Sidney Gibbes" already joined to its fuller form).
    ``common(doc)``: the words the document writes in lower case ("once", "knowing")."""
    for rounds in (5, 4, 3, 2, 1, 0):
        for doc, table in sorted(_doc_names(c).items()):
            for key, seen in sorted(table.items()):
                parts = max(seen.names, key=size)
                if size(parts) != rounds or parts.kind in NEVER or not c[key] or key.startswith("gaz:"):
                    continue  # a gazetteer's person is who he is: others may join him, not he them
                found = _candidates(key, parts, seen.first, table, c, common(doc))
                if len(found) == 1:
                    c.move(key, found[0], _reason(parts, doc))
                    continue
                if len(found) > 1:
                    c.doubts.append({"key": key, "candidates": found, "doc": doc,
                                     "why": f"'{parts.text}' fits {len(found)} fuller names of the document"})
                    continue
                later = _candidates(key, parts, 1 << 62, table, c, common(doc))
                if later:
                    c.doubts.append({"key": key, "candidates": later, "doc": doc,
                                     "why": f"'{parts.text}' is written before its fuller name"})
                found = _entry_for(key, seen, table, c)
                if len(found) == 1:
                    c.move(key, found[0], f"fuller name '{parts.text}' of the gazetteer's '{c.entry(found[0]).name}'")


def _needs_antecedent(short: NameParts, full: NameParts) -> bool:
    """A name without a surname needs an antecedent, unless the fuller name adds only a
    rank ("Olga Nicholaevna", "Grand Duchess Olga Nicholaevna")."""
    return short.kind in NEED_ANTECEDENT and (full.surname is not None or short.kind == "given" and bool(full.patronymic))


def _candidates(key: str, parts: NameParts, first: int, table: dict[str, _Seen], c: Clusters,
                common: frozenset[str]) -> list[str]:
    """The fuller clusters a name fits."""
    found: dict[str, bool] = {}
    for other, seen in sorted(table.items()):
        if other == key or not c[other]:
            continue
        fuller = [*seen.names, seen.entry] if seen.entry and parts.kind in ENTRY_NAMES_FOR else seen.names
        fits = [f for f in fuller if subsumes(parts, f)
                and (not _needs_antecedent(parts, f) or seen.first_text <= first)]
        if fits:
            found[other] = not all(_first_word(f).casefold() in common for f in fits)
    if len(found) > 1:
        found = {k: v for k, v in found.items() if not c.conflict(key, k)}
    if len(found) > 1 and sum(found.values()) == 1:  # "Alexander Avdeiev", not "Once Avdeieff"
        found = {k: v for k, v in found.items() if v}
    return sorted(found)


def _first_word(p: NameParts) -> str:
    """The given name as written: the first word after the titles."""
    from kg.resolve.keys import split_title

    core = split_title(p.text)[1].split()
    return core[0].title() if core else ""


def _entry_for(key: str, seen: _Seen, table: dict[str, _Seen], c: Clusters) -> list[str]:
    """The one gazetteer person of the document whose standard name this name holds and extends."""
    mine = max(seen.names, key=size)
    found = [k for k, s in sorted(table.items()) if k != key and s.entry is not None and c[k]
             and subsumes(s.entry, mine) and not c.conflict(key, k)]
    return found


def _reason(parts: NameParts, doc: str) -> str:
    what = {"surname": "surname", "given": "first name", "given+patronymic": "first name and patronymic",
            "title": "title", "initials": "initials", "initials+surname": "initials and surname"}
    return f"short name '{parts.text}' ({what.get(parts.kind, 'shorter name')}, in {doc})"
