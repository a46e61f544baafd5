"""The resolve step: mentions → entities across documents, assertions → relations.

Mentions join one entity when they share a gazetteer id (or a gazetteer alias), or the same
name up to spelling variants (:mod:`kg.resolve.keys`: soft signs, Trotsky/Trotskii,
Anyuta/Aniuta) and type. A single surname ("Radek"), initials + surname ("I. V. Stalin") or
a first name + patronymic ("Nadezhda Sergeevna") joins the one fuller name it fits; names
a text states to be one ("Aniuta, Anna Larina") merge when compatible. Candidates are
found through indexes (blocking), so cost grows near-linearly. Every merge records its
reason; compatible names left apart are reported as near-misses. Ids come from the
gazetteer id or the canonical name.

>>> from kg.model import Mention
>>> ms = [Mention("d-1", "d.txt", 0, 10, "Karl Radek", "PERSON", 0, name="Karl Radek"),
...       Mention("d-1", "d.txt", 20, 25, "Radek", "PERSON", 0, name="Radek")]
>>> ents = Resolver().resolve(ms)
>>> sorted(ents), ms[1].entity
(['Karl_Radek'], 'Karl_Radek')
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from functools import lru_cache

from kg.annotate.gazetteer import Gazetteer
from kg.annotate.names import is_patronymic
from kg.annotate.scripts import romanise
from kg.gender import gender
from kg.model import Entity, Mention
from kg.resolve.identity import compatible, first_name_group
from kg.resolve.keys import (APOSTROPHES, INITIAL, initials, is_short, name_key, split_title,
                             surname_key, translit_key)

__all__ = ["Resolver", "entity_id", "name_key", "surname_key", "translit_key"]


#: a one-word name of these types that no gazetteer knows ("the Revolution", "the Congress")
#: means a different thing in each document: it is never merged across documents
LOCAL_TYPES = frozenset({"EVENT"})


def entity_id(name: str) -> str:
    """A readable, IRI-safe id from a name: 'Kuz'min' → 'Kuzmin', 'Боровков' → 'Borovkov'."""
    text = unicodedata.normalize("NFKD", romanise(name))
    text = "".join(ch for ch in text if ch not in APOSTROPHES and not unicodedata.combining(ch))
    return re.sub(r"[^0-9A-Za-z]+", "_", text).strip("_") or "entity"


class Resolver:
    """Clusters mentions; ``gazetteer`` supplies canonical names, aliases and Wikidata ids."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer
        self.alias_index: dict[tuple[str, str], str] = {}
        self.near_misses: list[dict[str, str]] = []
        if gazetteer is not None:
            self._index_aliases(gazetteer)

    def _index_aliases(self, gazetteer: Gazetteer) -> None:
        seen: dict[tuple[str, str], set[str]] = defaultdict(set)
        for entry in gazetteer.entries.values():
            for name in entry.names:
                seen[(entry.type, translit_key(name))].add(entry.id)
        self.alias_index = {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}

    def resolve(self, mentions: list[Mention],
                same_as: list[tuple[Mention, Mention]] = ()) -> dict[str, Entity]:
        """Assign ``mention.entity`` for every non-date mention; return the entities by id.

        ``same_as``: pairs of mentions a text states to be one (apposition); merged when
        their names are compatible.
        """
        clusters: dict[str, list[Mention]] = defaultdict(list)
        reasons: dict[str, set[str]] = defaultdict(set)
        for m in mentions:
            if m.type != "DATE":
                key, why = self._first_key(m)
                clusters[key].append(m)
                reasons[key].add(why)
        self._attach_short_names(clusters, reasons)
        self._merge_stated(clusters, reasons, same_as)
        self.near_misses = _near_misses(clusters)
        return self._entities(clusters, reasons)

    def _first_key(self, m: Mention) -> tuple[str, str]:
        if m.key and self._same_sex(m, m.key):
            return f"gaz:{m.key}", "gazetteer id"
        key = name_core_key(m.name or m.text, m.type)
        hit = self.alias_index.get((m.type, key.removeprefix("f:")))
        if hit and self._same_sex(m, hit) and not _bare_given_name(key):
            return f"gaz:{hit}", "gazetteer alias"
        if m.type in LOCAL_TYPES and " " not in key:
            return f"name:{m.type}:{m.doc_id}:{key}", "same name in one document"
        return f"name:{m.type}:{key}", "same name"

    def _same_sex(self, m: Mention, entry_id: str) -> bool:
        """'Madame Kerensky' is not the gazetteer's Aleksandr Kerenskii."""
        entry = self.gazetteer.get(entry_id) if self.gazetteer else None
        if entry is None or m.type != "PERSON":
            return True
        return sexes_agree(m.name or m.text, entry.name)

    def _attach_short_names(self, clusters: dict, reasons: dict) -> None:
        """Merge 'Radek', 'N. Bukharin', 'Nadezhda Sergeevna' into the one fuller name they fit."""
        full = {k for k, ms in clusters.items() if k.startswith("gaz:") or not all(_partial(m.name) for m in ms)}
        index = _word_index(clusters, full)
        everyone = _word_index(clusters, set(clusters))
        for key in sorted(clusters):
            ms = clusters[key]
            if key in full or not ms:
                continue
            targets = self._targets(key, ms, clusters, index)
            if len(targets) == 1:
                self._move(clusters, reasons, key, targets[0], f"short name '{ms[0].name}'")
                continue
            plural = self._plural_target(key, ms, clusters, everyone)
            if plural:
                self._move(clusters, reasons, key, plural, f"plural '{ms[0].name}'")
        self._merge_initials(clusters, reasons, full)
        self._merge_short_twins(clusters, reasons, full)

    @staticmethod
    def _targets(key: str, ms: list[Mention], clusters: dict, index: dict) -> list[str]:
        words = _core_words(ms[0].name)
        if not words:
            return []
        candidates = index.get((ms[0].type, words[0]), set()) | index.get((ms[0].type, words[-1]), set())
        if ms[0].type in LOCAL_TYPES:  # "the Revolution" is not "the February Revolution"
            return []
        return [k for k in sorted(candidates) if k != key and clusters[k] and _fits(ms, clusters[k])]

    @staticmethod
    def _plural_target(key: str, ms: list[Mention], clusters: dict, index: dict) -> str | None:
        """'those Stetskiis' → the one person named Stetskii."""
        word = translit_key(ms[0].name)
        if " " in word or not word.endswith("s") or ms[0].type != "PERSON":
            return None
        stem = [k for k in sorted(index.get(("PERSON", _fold(word[:-1])), set())) if k != key and clusters[k]]
        return stem[0] if len(stem) == 1 else None

    def _merge_initials(self, clusters: dict, reasons: dict, full: set) -> None:
        """'N. S.' → the one fuller name in the same document with those initials."""
        by_doc: dict[tuple[str, str], set[str]] = defaultdict(set)
        for key in full:
            for doc, name in {(m.doc_id, n) for m in clusters[key] for n in self._names(key, m)}:
                by_doc[(doc, _name_initials(name))].add(key)
        for key in sorted(clusters):
            ms = clusters[key]
            if key in full or not ms or INITIAL.sub("", name_key(ms[0].name)):
                continue
            found = by_doc.get((ms[0].doc_id, initials(ms[0].name)), set()) - {key}
            if len(found) == 1:
                self._move(clusters, reasons, key, next(iter(found)), f"initials '{ms[0].name}'")

    def _names(self, key: str, m: Mention) -> list[str]:
        entry = self.gazetteer.get(key[4:]) if key.startswith("gaz:") and self.gazetteer else None
        return [m.name, entry.name] if entry else [m.name]

    def _merge_short_twins(self, clusters: dict, reasons: dict, full: set) -> None:
        """'Stalin' and 'I. V. Stalin' with no fuller name: one entity."""
        groups: dict[tuple[str, str], list[str]] = defaultdict(list)
        for key in sorted(clusters):
            if clusters[key] and key not in full and clusters[key][0].type not in LOCAL_TYPES:
                name = clusters[key][0].name
                groups[(clusters[key][0].type, surname_key(name), _female_titled(name))].append(key)
        for keys in groups.values():
            found = {initials(m.name) for k in keys for m in clusters[k]} - {""}
            if len(keys) > 1 and len({i[:2] for i in found}) <= 1:
                target = max(keys, key=lambda k: (len(k), k))
                for key in keys:
                    if key != target:
                        self._move(clusters, reasons, key, target, "same surname")

    def _merge_stated(self, clusters: dict, reasons: dict, pairs) -> None:
        where = {id(m): k for k, ms in clusters.items() for m in ms}
        for a, b in pairs:
            ka, kb = where.get(id(a)), where.get(id(b))
            if ka and kb and ka != kb and compatible(a.name, b.name):
                target, source = sorted((ka, kb), key=lambda k: (not k.startswith("gaz:"), k))
                for m in clusters[source]:
                    where[id(m)] = target
                self._move(clusters, reasons, source, target, f"apposition '{a.name}' = '{b.name}'")

    @staticmethod
    def _move(clusters: dict, reasons: dict, key: str, target: str, why: str) -> None:
        clusters[target].extend(clusters[key])
        reasons[target] |= reasons.pop(key, set()) | {why}
        clusters[key] = []

    def _entities(self, clusters: dict, reasons: dict) -> dict[str, Entity]:
        entities: dict[str, Entity] = {}
        for key in sorted(clusters):
            ms = clusters[key]
            if not ms:
                continue
            ent = self._entity(key, ms, sorted(reasons[key]))
            while ent.id in entities:
                ent.id += "_" + ent.type.lower()
            entities[ent.id] = ent
            for m in ms:
                m.entity = ent.id
        return dict(sorted(entities.items()))

    def _entity(self, key: str, ms: list[Mention], reasons: list[str]) -> Entity:
        entry = self.gazetteer.get(key[4:]) if key.startswith("gaz:") and self.gazetteer else None
        named = [m for m in ms if m.origin not in {"voice", "metadata"}]
        label = source_label([m.name for m in named] or [ms[0].name])
        names = {m.name for m in named} | ({entry.name} if entry else set())
        aliases = sorted(names - {label})
        docs = sorted({m.doc_id for m in ms})
        return Entity(entry.id if entry else entity_id(label), entry.type if entry else ms[0].type,
                      label, aliases, entry.wikidata if entry else None, docs, len(named), reasons)

    def weak_merges(self, entities: dict[str, Entity]) -> list[dict[str, object]]:
        """Entities joined by a weak reason (a surname or a plural only), for review."""
        weak = ("short name", "same surname", "plural")
        return [{"entity": e.id, "label": e.label, "names": e.aliases,
                 "reasons": [r for r in e.merge_reasons if r.startswith(weak)]}
                for e in entities.values() if any(r.startswith(weak) for r in e.merge_reasons)][:500]


def source_label(names: list[str]) -> str:
    """The name the sources use: the most frequent full form (not a bare surname or
    initials), ties to the longer; the gazetteer's standard name is only an alias.

    >>> source_label(["Koenigsberg", "Koenigsberg"]), source_label(["Trotzky", "Leo Trotzky", "Trotzky"])
    ('Koenigsberg', 'Leo Trotzky')
    """
    full = [n for n in names if not _partial(n)] or names
    counts: dict[str, int] = defaultdict(int)
    for n in full:
        counts[n] += 1
    return max(counts, key=lambda n: (counts[n], len(n), n))


def _word_index(clusters: dict, keys: set[str]) -> dict[tuple[str, str], set[str]]:
    """(type, first or last word of a name) → clusters: the blocking index."""
    index: dict[tuple[str, str], set[str]] = defaultdict(set)
    for key in keys:
        for type_, name in {(m.type, m.name) for m in clusters[key]}:
            words = _core_words(name)
            if words:
                index[(type_, words[0])].add(key)
                index[(type_, words[-1])].add(key)
    return index


def _core_words(name: str) -> list[str]:
    """Words of a name for blocking: titles and initials aside, hyphenated parts apart
    ("Prince Henkel-Donnersmarck" → henkel, donnersmarck)."""
    return INITIAL.sub("", translit_key(split_title(name)[1])).replace("-", " ").split()


def _partial(name: str) -> bool:
    """A name that stands for a fuller one: a surname, initials + surname, initials, or a
    first name + patronymic ("Nadezhda Sergeevna"), with or without a title."""
    core = split_title(name)[1]
    words = core.split()
    if len(words) == 1 and re.fullmatch(r"[A-Z]\w+-[A-Z]\w+", words[0]):
        return False  # a double surname is the fuller form of its parts ("Henkel-Donnersmarck")
    return is_short(core) or (len(words) == 2 and is_patronymic(words[1]))


def _fold(word: str) -> str:
    return translit_key(word)


@lru_cache(maxsize=262144)
def _name_initials(name: str) -> str:
    """'Nadezhda Sergeevna Allilueva' → 'n.s.' (first two words); '' for one-word names."""
    words = name_key(name).split()
    return "".join(w[0] + "." for w in words[:2]) if len(words) > 2 or (len(words) == 2 and not words[1].endswith(".")) else ""


def name_core_key(name: str, type_: str = "PERSON") -> str:
    """The resolution key of a name: titles that do not identify are left out ("General
    Korniloff" = "Korniloff"); a woman's title before a bare surname is kept as ``f:``,
    so "Madame Kerensky" never shares a key with Kerensky."""
    if type_ != "PERSON":
        return translit_key(name)
    title, core = split_title(name)
    key = translit_key(core)
    return f"f:{key}" if title and gender(title) == "f" and is_short(core) else key


def sexes_agree(name: str, other: str) -> bool:
    """Two names can be one person: a woman's title needs a woman's name on the other side
    ("Mme. Caillaux" is not "Joseph Caillaux"), and known sexes must agree."""
    a, b = gender(name), gender(other)
    if _female_titled(name) and b != "f" or _female_titled(other) and a != "f":
        return False
    return a is None or b is None or a == b


def _female_titled(name: str) -> bool:
    title, core = split_title(name)
    return bool(title) and gender(title) == "f" and is_short(core)


def _bare_given_name(key: str) -> bool:
    """'maria', 'sergius': one word that is a first name links to nothing on its own."""
    return " " not in key and first_name_group(key) is not None


def _fits(short: list[Mention], fuller: list[Mention]) -> bool:
    """A short name fits a fuller one: same type, its words end or begin the fuller name
    (titles aside), and the sexes the names show agree."""
    if short[0].type != fuller[0].type:
        return False
    if short[0].type == "PERSON" and not all(sexes_agree(short[0].name, m.name) for m in fuller):
        return False
    s = INITIAL.sub("", translit_key(split_title(short[0].name)[1])).replace("-", " ").split()
    if not s:
        return False
    for m in fuller:
        words = translit_key(split_title(m.name)[1]).replace("-", " ").split()
        if len(words) > len(s) and (words[-len(s):] == s or words[: len(s)] == s):
            first = initials(split_title(short[0].name)[1])
            if not first or words[0][:1] == first[:1]:
                return True
    return False


def _near_misses(clusters: dict) -> list[dict[str, str]]:
    """Person clusters left apart though a first name is shared: 'Nadia' and 'Nadezhda Sergeevna'."""
    by_group: dict[int, set[str]] = defaultdict(set)
    singles = []
    for ms in clusters.values():
        if not ms or ms[0].type != "PERSON":
            continue
        words = ms[0].name.split()
        group = first_name_group(words[0]) if words else None
        if group is None:
            continue
        if len(words) == 1:
            singles.append((ms[0].name, group))
        else:
            by_group[group].add(ms[0].name)
    why = "a shared first name alone is no evidence"
    out = [{"name": n, "candidate": f, "why_not": why} for n, g in sorted(singles) for f in sorted(by_group[g])]
    return out[:200]
