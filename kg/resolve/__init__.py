"""The resolve step: mentions → entities across documents, assertions → relations.

Mentions join one entity when they share a gazetteer id, or the same normalised name and
type; a single surname ("Radek") or initials + surname ("I. V. Stalin") joins the one
longer name of the same type that ends with it. Every merge records its reason. Entity
ids are derived from the gazetteer id or the canonical name, so they are stable.

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

from kg.annotate.gazetteer import Gazetteer
from kg.model import Entity, Mention
from kg.resolve.identity import compatible

APOSTROPHES = "'’ʹʼ`"
INITIAL = re.compile(r"^(?:[a-z]{1,2}\.\s*)+")


def name_key(name: str) -> str:
    """'Kuz'min' → 'kuzmin'; 'I. V.  Stalin' → 'i. v. stalin' (case, soft signs, spacing)."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = "".join(ch for ch in text if ch not in APOSTROPHES)
    return " ".join(text.replace(".", ". ").split()).strip(" ,;:")


def surname_key(name: str) -> str:
    """The last word of a name, without initials: 'A. Iu. Aikhenvald' → 'aikhenvald'."""
    key = name_key(name)
    return key.split()[-1] if key else ""


def entity_id(name: str) -> str:
    """A readable, IRI-safe id from a name: 'Kuz'min' → 'Kuzmin'."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if ch not in APOSTROPHES and not unicodedata.combining(ch))
    return re.sub(r"[^0-9A-Za-z]+", "_", text).strip("_") or "entity"


class Resolver:
    """Clusters mentions; ``gazetteer`` supplies canonical names, aliases and Wikidata ids."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer
        self.alias_index: dict[tuple[str, str], str] = {}
        if gazetteer is not None:
            self._index_aliases(gazetteer)

    def _index_aliases(self, gazetteer: Gazetteer) -> None:
        seen: dict[tuple[str, str], set[str]] = defaultdict(set)
        for entry in gazetteer.entries.values():
            for name in entry.names:
                seen[(entry.type, name_key(name))].add(entry.id)
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
        return self._entities(clusters, reasons)

    def _merge_stated(self, clusters: dict, reasons: dict, pairs) -> None:
        where = {id(m): k for k, ms in clusters.items() for m in ms}
        for a, b in pairs:
            ka, kb = where.get(id(a)), where.get(id(b))
            if ka and kb and ka != kb and compatible(a.name, b.name):
                target, source = sorted((ka, kb), key=lambda k: (not k.startswith("gaz:"), k))
                for m in clusters[source]:
                    where[id(m)] = target
                self._move(clusters, reasons, source, target, f"apposition '{a.name}' = '{b.name}'")

    def _first_key(self, m: Mention) -> tuple[str, str]:
        if m.key:
            return f"gaz:{m.key}", "gazetteer id"
        hit = self.alias_index.get((m.type, name_key(m.name or m.text)))
        if hit:
            return f"gaz:{hit}", "gazetteer alias"
        return f"name:{m.type}:{name_key(m.name or m.text)}", "same name"

    def _attach_short_names(self, clusters: dict, reasons: dict) -> None:
        """Merge 'Radek', 'N. Bukharin', 'Nadezhda Sergeevna' into the one fuller name they fit."""
        full = {k: ms for k, ms in clusters.items() if k.startswith("gaz:") or not all(_short(m.name) for m in ms)}
        for key in sorted(clusters):
            ms = clusters[key]
            if key in full or not ms:
                continue
            targets = [k for k, fms in full.items() if k != key and _fits(ms, fms)]
            if len(targets) == 1:
                self._move(clusters, reasons, key, targets[0], f"short name '{ms[0].name}'")
        self._merge_short_twins(clusters, reasons, full)

    def _merge_short_twins(self, clusters: dict, reasons: dict, full: dict) -> None:
        """'Stalin' and 'I. V. Stalin' with no fuller name: one entity."""
        groups: dict[tuple[str, str], list[str]] = defaultdict(list)
        for key in sorted(clusters):
            if clusters[key] and key not in full:
                groups[(clusters[key][0].type, surname_key(clusters[key][0].name))].append(key)
        for keys in groups.values():
            initials = {_initials(m.name) for k in keys for m in clusters[k]} - {""}
            if len(keys) > 1 and len({i[:2] for i in initials}) <= 1:
                target = max(keys, key=lambda k: (len(k), k))
                for key in keys:
                    if key != target:
                        self._move(clusters, reasons, key, target, "same surname")

    @staticmethod
    def _move(clusters: dict, reasons: dict, key: str, target: str, why: str) -> None:
        clusters[target].extend(clusters[key])
        reasons[target].add(why)
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
        names = sorted({m.name for m in ms if m.origin not in {"voice"}} or {ms[0].name})
        label = entry.name if entry else max(names, key=lambda n: (len(n), n))
        ident = entry.id if entry else entity_id(label)
        aliases = sorted(set(names) - {label})
        docs = sorted({m.doc_id for m in ms})
        named = [m for m in ms if m.origin not in {"voice", "metadata"}]
        return Entity(ident, entry.type if entry else ms[0].type, label, aliases,
                      entry.wikidata if entry else None, docs, len(named), reasons)


def _short(name: str) -> bool:
    """A single word, or initials + one word."""
    key = name_key(name)
    return len(INITIAL.sub("", key).split()) == 1


def _initials(name: str) -> str:
    m = INITIAL.match(name_key(name))
    return m.group(0).replace(" ", "") if m else ""


def _fits(short: list[Mention], fuller: list[Mention]) -> bool:
    """A short name fits a fuller one: same type, and its words end or begin the fuller name."""
    if short[0].type != fuller[0].type:
        return False
    s = INITIAL.sub("", name_key(short[0].name)).split()
    if not s:
        return False
    for m in fuller:
        words = name_key(m.name).split()
        if len(words) > len(s) and (words[-len(s):] == s or words[: len(s)] == s):
            if _initials_agree(_initials(short[0].name), words):
                return True
    return False


def _initials_agree(initials: str, words: list[str]) -> bool:
    """'n.' agrees with 'nikolai bukharin'; 'a.' does not."""
    return not initials or words[0][:1] == initials[:1]
