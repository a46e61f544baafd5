"""Within one document, a shorter name joins the one fuller name it is part of.

"Avdeiev" joins "Alexander Avdeiev", "S. I. Gibbes" and "Sidney Gibbes" join "Sidney
Ivanovitch Gibbes", "N. S." joins "Nadezhda Sergeevna Allilueva": the fuller name must hold
every part of the shorter one (a surname, a given name, a patronymic, initials that fit, a
rank) and more, be the only such name of the document — or, for a surname or a first name
with a patronymic, the only one named before it while the others are named only after its
last use ("Betty Bowes … Bowes … her husband Thomas Bowes") — and agree with it (sex, every
name of both clusters — :mod:`kg.resolve.agree`). A bare first name, a first name with a
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
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from kg.model import Mention
from kg.resolve.clusters import Clusters
from kg.resolve.identity import first_name_group
from kg.resolve.keys import split_title
from kg.resolve.structure import NameParts, parse_name, title_class

#: names that need an antecedent: they carry no surname
NEED_ANTECEDENT = frozenset({"given", "given+patronymic", "title"})
NEVER = frozenset({"people", "ordinal", "patronymic"})
#: names that, fitting several fuller names, join the one named before them all (initials or
#: a bare first name say too little for that: "Mr. T.", "Peter")
BY_ORDER = frozenset({"surname", "initials+surname", "given+patronymic"})
#: kinds of short names that may find their fuller form in the gazetteer entry of a cluster
#: ("N. I." → Nikolai Ivanovich Bukharin); a bare first name or title may not ("Vladimir")
ENTRY_NAMES_FOR = frozenset({"initials", "initials+surname", "given+patronymic", "surname"})


@lru_cache(maxsize=65536)
def ranks(p: NameParts) -> frozenset[str]:
    """The royal ranks a name's titles give ('sovereign', 'heir', 'dynast')."""
    return frozenset(c for c in map(title_class, p.titles) if c)


@lru_cache(maxsize=65536)
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
    last: int = -1
    entry: NameParts | None = None


class _Table:
    """The person clusters of one document, indexed by the parts of their names."""

    def __init__(self) -> None:
        self.seen: dict[str, _Seen] = {}
        self.index: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.lead: str | None = None  # the person whose name opens the document (its subject)

    def add(self, key: str, parts: NameParts, first: int, first_text: int, entry: NameParts | None,
            last: int = -1) -> None:
        """A name of a cluster, first written at ``first`` (at ``first_text`` in running text),
        last at ``last``."""
        seen = self.seen.get(key)
        if seen is None:
            seen = self.seen[key] = _Seen()
        if entry is not None and seen.entry is None:
            seen.entry = entry
            for block in _blocks(entry):
                self.index[("e", *block)].add(key)
        if parts not in seen.names:
            seen.names.append(parts)
            for block in _blocks(parts):
                self.index[block].add(key)
        seen.first = min(seen.first, first)
        seen.first_text = min(seen.first_text, first_text)
        seen.last = max(seen.last, last, first)

    def merge(self, key: str, target: str) -> None:
        """``key`` joined ``target``: the target is now also called by key's names here."""
        mine = self.seen.pop(key, None)
        if self.lead == key:
            self.lead = target
        if mine is None:
            return
        for parts in mine.names:
            self.add(target, parts, mine.first, mine.first_text, mine.entry, mine.last)

    def near(self, block: tuple[str, ...], entries: bool = False) -> list[str]:
        """The clusters with a name (or an entry name) holding this part, sorted."""
        found = set(self.index.get(block, ()))
        if entries:
            found |= self.index.get(("e", *block), set())
        return sorted(k for k in found if k in self.seen)


@lru_cache(maxsize=65536)
def _blocks(p: NameParts) -> list[tuple[str, str]]:
    """The parts a name can be found by: surname (and its halves), given name, patronymic,
    first initial, titles."""
    out = [("s", part) for part in ({p.surname, *p.surname.split("-")} if p.surname else ())]
    out += [("g", p.given)] if p.given else []
    out += [("p", p.patronymic)] if p.patronymic else []
    first = p.initials[0] if p.initials else (p.given or "")[:1]
    out += [("i", first)] if first else []
    return out + [("t", t) for t in p.titles]


def _block(p: NameParts) -> tuple[str, str]:
    """The most telling part of a short name, to find its fuller forms by."""
    if p.surname:
        return ("s", p.surname)
    if p.given:
        return ("g", p.given)
    if p.patronymic:
        return ("p", p.patronymic)
    if p.initials:
        return ("i", p.initials[0])
    return ("t", p.titles[0] if p.titles else "")


class _Documents:
    """The tables of every document, kept up to date as clusters join."""

    def __init__(self, c: Clusters, opens: Callable[[Mention], bool]) -> None:
        self.c = c
        self.tables: dict[str, _Table] = defaultdict(_Table)
        self.docs: dict[str, set[str]] = defaultdict(set)  # cluster → documents naming it
        for key in c.keys():
            if c.type(key) != "PERSON":
                continue
            entry = c.entry(key)
            full = parse_name(entry.name) if entry is not None and entry.type == "PERSON" else None
            firsts: dict[tuple[str, str], list[int]] = {}
            for m in c[key]:
                name = m.name or m.text
                at = firsts.setdefault((m.source, name), [m.start, 1 << 62, m.start])
                at[0], at[2] = min(at[0], m.start), max(at[2], m.start)
                if not name.isupper():
                    at[1] = min(at[1], m.start)
            for (doc, name), (first, first_text, last) in firsts.items():
                self.tables[doc].add(key, parse_name(name), first, first_text, full, last)
                self.docs[key].add(doc)
        for doc, key in _leads(c, opens).items():
            self.tables[doc].lead = key

    def move(self, key: str, target: str, why: str) -> bool:
        """Join two clusters (if their names agree) and update the tables."""
        if not self.c.move(key, target, why):
            return False
        for doc in sorted(self.docs.pop(key, ())):
            self.tables[doc].merge(key, target)
            self.docs[target].add(doc)
        return True


def _leads(c: Clusters, opens: Callable[[Mention], bool]) -> dict[str, str]:
    """File → the person cluster named first in it, when that name ``opens`` the file as its
    subject ("Paul Desmarais Jr. (born July 3, 1954) is ...", a biography's title)."""
    first: dict[str, tuple[int, int, str, Mention]] = {}
    for key in c.keys():
        for m in c[key]:
            if m.source not in first or (m.passage, m.start) < first[m.source][:2]:
                first[m.source] = (m.passage, m.start, key, m)
    return {doc: key for doc, (_, _, key, m) in first.items() if c.type(key) == "PERSON" and opens(m)}


def attach_within_documents(c: Clusters, common: Callable[[str], frozenset[str]] = lambda doc: frozenset(),
                            opens: Callable[[Mention], bool] = lambda m: False) -> None:
    """Join every person cluster to the one fuller cluster of a document that holds it,
    fullest names first (so "Gibbes" finds "Sidney Gibbes" already joined to its fuller form).
    ``common(doc)``: the words the document writes in lower case ("once", "knowing");
    ``opens(mention)``: the name opens its document as the subject (a surname several fuller
    names fit joins the one so named first)."""
    docs = _Documents(c, opens)
    order = []
    for doc, table in docs.tables.items():
        for key, seen in table.seen.items():
            parts = max(seen.names, key=size)
            if parts.kind not in NEVER and not key.startswith("gaz:"):  # a gazetteer's person is who he is
                order.append((-size(parts), doc, key, parts))
    for _, doc, key, parts in sorted(order, key=lambda o: o[:3]):
        seen, table = docs.tables[doc].seen.get(key), docs.tables[doc]
        if seen is not None and c[key]:
            _attach(docs, key, parts, seen, table, doc, common(doc))


def _attach(docs: _Documents, key: str, parts: NameParts, seen: _Seen, table: _Table, doc: str,
            common: frozenset[str]) -> None:
    c = docs.c
    found = _candidates(key, parts, seen.first, table, c, common)
    if len(found) == 1:
        docs.move(key, found[0], _reason(parts, doc))
        return
    if len(found) > 1:
        only = _only_antecedent(seen, found, table) if parts.kind in BY_ORDER else None
        if only and docs.move(key, only, _reason(parts, doc) + ", the only bearer named before it"):
            return
        if parts.kind == "surname" and table.lead in found \
                and docs.move(key, table.lead, _reason(parts, doc) + ", the subject whose name opens the document"):
            return
        c.doubts.append({"key": key, "candidates": found, "doc": doc,
                         "why": f"'{parts.text}' fits {len(found)} fuller names of the document"})
        return
    later = _candidates(key, parts, 1 << 62, table, c, common)
    if later:
        c.doubts.append({"key": key, "candidates": later, "doc": doc,
                         "why": f"'{parts.text}' is written before its fuller name"})
    found = _entry_for(key, seen, table, c)
    if len(found) == 1:
        docs.move(key, found[0], f"fuller name '{parts.text}' of the gazetteer's '{c.entry(found[0]).name}'")


def _only_antecedent(seen: _Seen, found: list[str], table: _Table) -> str | None:
    """The one fuller name written before the short name, when every other fits only after
    its last use ("Betty Bowes … Bowes … her husband Thomas David Bowes"): a reader cannot
    take a surname for someone not yet named."""
    before = [k for k in found if table.seen[k].first_text < seen.first]
    after = [k for k in found if table.seen[k].first_text > seen.last]
    return before[0] if len(before) == 1 and len(before) + len(after) == len(found) else None


def _needs_antecedent(short: NameParts, full: NameParts) -> bool:
    """A name without a surname needs an antecedent, unless the fuller name adds only a
    rank ("Olga Nicholaevna", "Grand Duchess Olga Nicholaevna")."""
    return short.kind in NEED_ANTECEDENT and (full.surname is not None or short.kind == "given" and bool(full.patronymic))


def _candidates(key: str, parts: NameParts, first: int, table: _Table, c: Clusters,
                common: frozenset[str]) -> list[str]:
    """The fuller clusters a name fits. A lone word the document also writes in lower case
    ("Committee", "WORKS") joins only a name opening with a known first name, and in
    capitals (a heading) nothing."""
    ordinary = _ordinary(parts, common)
    if ordinary and parts.text.isupper():
        return []
    found: dict[str, bool] = {}
    titled: set[str] = set()
    entries = parts.kind in ENTRY_NAMES_FOR
    for other in table.near(_block(parts), entries):
        seen = table.seen[other]
        if other == key or not c[other]:
            continue
        fuller = [*seen.names, seen.entry] if seen.entry and entries else seen.names
        fits = [f for f in fuller if subsumes(parts, f)
                and (not _needs_antecedent(parts, f) or seen.first_text <= first)
                and (not ordinary or _known_first(f))]
        if fits:
            found[other] = any(f.titles or _first_word(f).casefold() not in common for f in fits)
        if any(set(parts.titles) & set(f.titles) for f in fits):
            titled.add(other)
    if len(found) > 1:
        found = {k: v for k, v in found.items() if not c.conflict(key, k)}
    if len(found) > 1 and sum(found.values()) == 1:  # "Alexander Avdeiev", not "Once Avdeieff"
        found = {k: v for k, v in found.items() if v}
    if len(found) > 1 and len(titled & set(found)) == 1:  # "General Richardson": the general of them
        found = {k: v for k, v in found.items() if k in titled}
    return sorted(found)


def _ordinary(p: NameParts, common: frozenset[str]) -> bool:
    """A one-word name that the document also writes in lower case."""
    word = (p.surname or p.given or "") if p.kind in {"surname", "given"} else ""
    return bool(word) and " " not in word and split_title(p.text)[1].casefold() in common


def _known_first(p: NameParts) -> bool:
    """The name opens with a known first name ("Harold Baker", not "Motoviliha Works")."""
    from kg.annotate.names import is_first_name

    return bool(p.given) and (is_first_name(_first_word(p)) or first_name_group(_first_word(p)) is not None)


def _first_word(p: NameParts) -> str:
    """The given name as written: the first word after the titles (after a title it is no
    word glued to the name's front: "General Wilds P. Richardson")."""
    core = split_title(p.text)[1].split()
    return core[0].title() if core else ""


def _entry_for(key: str, seen: _Seen, table: _Table, c: Clusters) -> list[str]:
    """The one gazetteer person of the document whose standard name this name holds and extends."""
    mine = max(seen.names, key=size)
    near = set(table.near(("e", "s", mine.surname or ""))) | set(table.near(("e", "g", mine.given or "")))
    return [k for k in sorted(near) if k != key and k in table.seen and table.seen[k].entry is not None and c[k]
            and subsumes(table.seen[k].entry, mine) and not c.conflict(key, k)]


def _reason(parts: NameParts, doc: str) -> str:
    what = {"surname": "surname", "given": "first name", "given+patronymic": "first name and patronymic",
            "title": "title", "initials": "initials", "initials+surname": "initials and surname"}
    return f"short name '{parts.text}' ({what.get(parts.kind, 'shorter name')}, in {doc})"
