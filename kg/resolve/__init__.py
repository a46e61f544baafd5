"""The resolve step: mentions → entities across documents, assertions → relations.

Merging follows evidence, not surface:

1. types: the mentions of one name in a document take the type of its strongest cues
   (:mod:`kg.resolve.types`);
2. keys: a gazetteer id; else a person's name by its parts (:mod:`kg.resolve.structure`:
   given name, patronymic, surname …, spelling variants joined: Avdeiev = Avdeieff). A full
   name identifies across documents; a bare surname, first name or title only within its
   document (``local:`` keys); organisations, places and the like by their name, but an
   organisation named by its source's common words only ("Executive Committee") only
   within that source;
3. a surname alone links to a gazetteer's person only with evidence in the document
   (:mod:`kg.resolve.anchor`);
4. within a document a shorter name joins the one fuller name holding it
   (:mod:`kg.resolve.attach`), names the text states to be one merge (apposition when
   compatible; "née", "formerly", a name in brackets: :mod:`kg.resolve.stated`), a
   surname's plural joins its one bearer;
5. no merge joins names that disagree (:mod:`kg.resolve.agree`): different given names,
   patronymics, ranks, sexes; a people's name ("Germans") joins no person.

Every merge records its reason; refused merges and links are kept for review. Ids come
from the gazetteer id or the name the sources use.

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
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Any, Iterable

from kg.annotate.gazetteer import Entry, Gazetteer
from kg.annotate.scripts import romanise
from kg.model import Document, Entity, Mention
from kg.resolve.agree import agree, female_titled, sexes_agree
from kg.resolve.anchor import (Context, anchor_evidence, full_names_by_first_names, full_names_by_surname, rank_agrees,
                               shared_context)
from kg.resolve.attach import attach_within_documents, ranks
from kg.resolve.clusters import Clusters
from kg.resolve.identity import compatible, first_name_group
from kg.resolve.name_types import retype_by_structure
from kg.resolve.review import review
from kg.resolve.stated import stated_pairs
from kg.resolve.keys import APOSTROPHES, INITIAL, is_short, name_key, split_title, surname_key, translit_key
from kg.resolve.structure import _normal_case, is_people_word, parse_name, person_key
from kg.resolve.types import vote_types

__all__ = ["Resolver", "check_data", "entity_id", "name_key", "surname_key", "translit_key", "source_label"]

#: a one-word name of these types that no gazetteer knows ("the Revolution", "the Congress")
#: means a different thing in each document: it is never merged across documents
LOCAL_TYPES = frozenset({"EVENT"})
#: organisations named by common words only ("Executive Committee") are one body per source file
GENERIC_TYPES = frozenset({"ORG"})
GENERIC_WORD = re.compile(r"[^\W\d_]+")
#: kinds of person names that link to a gazetteer's person only with evidence
BARE_KINDS = frozenset({"surname", "given"})
#: the mark of an anchor key of a first name and patronymic the gazetteer lists ("Vasily Vasilievich"):
#: it links unless the document gives them only to someone else, with another surname
BY_FIRST_NAMES = "#first-names"
#: what a statement that two names are one person overrides: all but sex (and peoples)
STATED_OVERRIDES = ("given name", "initials", "patronymic", "surname", "ordinal", "epithet", "territory", "royal rank")
#: reasons of a merge a curator should check
WEAK = ("short name", "plural", "gazetteer link by surname")


def check_data() -> None:
    """Load and check the resolver's word lists (``names.toml``, ``labels.toml``,
    ``linking.toml``, the first names) before a build starts; raises ``DataFileError``."""
    from kg.resolve import anchor, name_types, stated, structure

    structure._words()
    name_types._lists()
    anchor._lists()
    stated._between()
    first_name_group("Ivan")


TAG_LENGTH = 6
HYPHENS = re.compile(r"\s*[-‐‑]\s*")


@lru_cache(maxsize=262144)
def entity_id(name: str) -> str:
    """A readable, IRI-safe id from a name: 'Kuz'min' → 'Kuzmin', 'Боровков' → 'Borovkov'."""
    text = unicodedata.normalize("NFKD", romanise(name))
    text = "".join(ch for ch in text if ch not in APOSTROPHES and not unicodedata.combining(ch))
    return re.sub(r"[^0-9A-Za-z]+", "_", text).strip("_") or "entity"


def source_tag(source: str) -> str:
    """A short tag of a source file for the ids of its own entities: the first words of its
    name, six characters at least ('pg65453_The_Last_Days.txt' → 'pg65453').

    >>> source_tag("books/pg65453_The_Last_Days_of_the_Romanovs.txt"), source_tag("000_41c2.txt")
    ('pg65453', '000_41c2')
    """
    words = entity_id(source.rsplit("/", 1)[-1].rsplit(".", 1)[0]).split("_")
    tag = words[0]
    for word in words[1:]:
        if len(tag) >= TAG_LENGTH:
            break
        tag += f"_{word}"
    return tag


class Resolver:
    """Clusters mentions; ``gazetteer`` supplies canonical names, aliases and Wikidata ids."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer
        self.alias_index: dict[tuple[str, str], str] = {}
        self.near_misses: list[dict[str, str]] = []
        self.refused: list[dict[str, str]] = []
        self.unlinked: list[dict[str, Any]] = []
        self.type_votes: list[dict[str, Any]] = []
        self.review: dict[str, Any] = {}
        self._common: Any = lambda source: frozenset()
        self.shared = shared_context(gazetteer.entries.values()) if gazetteer is not None else frozenset()
        if gazetteer is not None:
            self._index_aliases(gazetteer)

    def _index_aliases(self, gazetteer: Gazetteer) -> None:
        seen: dict[tuple[str, str], set[str]] = defaultdict(set)
        for entry in gazetteer.entries.values():
            for name in entry.names:
                seen[(entry.type, translit_key(name))].add(entry.id)
        self.alias_index = {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}

    def resolve(self, mentions: list[Mention], same_as: Iterable[tuple[Mention, Mention]] = (),
                documents: Iterable[Document] = ()) -> dict[str, Entity]:
        """Assign ``mention.entity`` for every non-date mention; return the entities by id.

        ``same_as``: pairs of mentions a text states to be one (apposition), merged when
        their names agree. ``documents``: the texts, for the evidence of gazetteer links.
        """
        named = [m for m in mentions if m.type != "DATE"]
        ctx = Context(list(documents))
        self.type_votes = retype_by_structure(named, ctx.common) + vote_types(named)
        c = Clusters(self.gazetteer)
        self._common = ctx.common
        for m in named:
            c.add(*self._first_key(m))
        self._anchor(c, ctx)
        attach_within_documents(c, ctx.common, ctx.opens)
        self._plurals(c)
        self._merge_stated(c, same_as)
        self._merge_written(c, stated_pairs(named, ctx))
        self.refused = c.refused[:500]
        self.near_misses = _near_misses(c)
        ids: dict[str, str] = {}
        entities = self._entities(c, ids)
        self.review = review(c, ids, entities, self.type_votes, self.unlinked, named)
        return entities

    def _first_key(self, m: Mention) -> tuple[str, Mention, str]:
        name = m.name or m.text
        linked = self._link(m, name)
        if linked:
            entry_id, why = linked
            kind = parse_name(name).kind if m.type == "PERSON" else ""
            if kind in BARE_KINDS:
                return f"anchor:{m.source}:{entry_id}", m, ""
            if kind == "given+patronymic":  # by the gazetteer or its alias: the document may give them to another
                return f"anchor:{m.source}:{entry_id}{BY_FIRST_NAMES}", m, ""
            return f"gaz:{entry_id}", m, why
        return self._name_key(m)

    def _name_key(self, m: Mention) -> tuple[str, Mention, str]:
        name = m.name or m.text
        if m.type != "PERSON":
            key = translit_key(HYPHENS.sub(" ", name))  # "Social-Revolutionary" = "Social Revolutionary"
            if m.type in LOCAL_TYPES and " " not in key or m.type in GENERIC_TYPES and self._generic(m, name):
                return f"local:{m.source}:{m.type}:{key}", m, "same name in one document"
            return f"name:{m.type}:{key}", m, "same name"
        if parse_name(name).kind == "full":
            return f"name:PERSON:{person_key(name)}", m, "same name"
        return f"local:{m.source}:PERSON:{person_key(name)}", m, "same name in one document"

    def _generic(self, m: Mention, name: str) -> bool:
        """A body named by common words only ("Executive Committee", "Printers' Union"), all
        of which its source also writes in lower case: a different body in each source."""
        words = [w.casefold() for w in GENERIC_WORD.findall(name)]
        return len(words) > 1 and all(w in self._common(m.source) for w in words)

    def _link(self, m: Mention, name: str) -> tuple[str, str] | None:
        """The gazetteer entry a mention names, if its name agrees with one of the entry's."""
        if self.gazetteer is None:
            return None
        if m.key and self._fits(m, name, self.gazetteer.get(m.key)):
            return m.key, "gazetteer id"
        title, core = split_title(_normal_case(name))
        if m.type == "PERSON" and ranks(parse_name(name)):  # "Grand-Duke Michael (Alexandrovitch)": the
            hit = self.alias_index.get((m.type, translit_key(f"{title} {core}")))  # gazetteer lists it titled
            if hit and self._fits(m, name, self.gazetteer.get(hit)):
                return hit, "gazetteer alias"
        if m.type == "PERSON" and (female_titled(name) or parse_name(name).kind == "given"):
            return None  # 'Madame Kerensky', 'Maria': no alias of anyone on their own
        hit = self.alias_index.get((m.type, translit_key(core)))
        if hit and self._fits(m, name, self.gazetteer.get(hit)):
            return hit, "gazetteer alias"
        return None

    @staticmethod
    def _fits(m: Mention, name: str, entry: Entry | None) -> bool:
        """A person's name fits an entry when the sexes and one of its names agree."""
        if entry is None or m.type != "PERSON":
            return entry is not None
        return sexes_agree(name, entry.name) and names_entry(name, entry)

    def _anchor(self, c: Clusters, ctx: Context) -> None:
        """Bare surnames linked by the gazetteer: to the entry with evidence, else local; a
        first name and patronymic to the entry unless the document gives them only to someone
        else."""
        fuller = {(m.source, k[4:]) for k in c.keys() if k.startswith("gaz:") for m in c[k]}
        full_names = full_names_by_surname(c)
        by_first = full_names_by_first_names(c)
        for key in sorted(c.keys(), key=lambda k: k.endswith(BY_FIRST_NAMES)):  # surnames first
            if not key.startswith("anchor:"):
                continue
            doc, entry_id = key[len("anchor:"):].removesuffix(BY_FIRST_NAMES).rsplit(":", 1)
            entry, group = self.gazetteer.get(entry_id), c[key]
            parts = parse_name(group[0].name or group[0].text)
            first_names = key.endswith(BY_FIRST_NAMES)  # "Vasily Vasilievich" beside "Vasily Vasilievich Yakovlev"
            named = by_first.get((doc, parts.given, parts.patronymic), ()) if first_names else full_names.get(
                (doc, parts.surname), ())
            others = [n for n in named if not names_entry(n, entry)]
            if first_names:
                ok = not others or len(others) < len(named)  # also a full name of the entry's person
                why = "" if ok else "the document gives them to someone else"
                if ok and c.move(key, f"gaz:{entry_id}", "gazetteer alias"):
                    continue
            else:
                ok, why = anchor_evidence(group, entry, ctx, (doc, entry_id) in fuller, bool(others), self.shared)
                if ok and c.move(key, f"gaz:{entry_id}", f"gazetteer link by surname: {why}"):
                    continue
            self.unlinked.append({"doc": doc, "names": sorted({m.name for m in group}), "entry": entry_id,
                                  "mentions": len(group), "why_not": why})
            for m in c.take(key):
                key2, _, _ = self._name_key(m)
                c.add(key2, m, "same name in one document")
        self.unlinked = self.unlinked[:500]

    def _plurals(self, c: Clusters) -> None:
        """'those Stetskiis' → the one person of the document named Stetskii."""
        plurals = {}
        for key in c.keys():
            if key.startswith("local:") and c.type(key) == "PERSON":
                m = c[key][0]
                parts = parse_name(m.name or m.text)
                if parts.kind == "surname" and parts.surname.endswith("s") and not is_people_word(m.name):
                    plurals[key] = (m, (m.source, parts.surname[:-1]))
        wanted = {where for _, where in plurals.values()}
        bearers: dict[tuple[str, str], set[str]] = defaultdict(set)
        for key in c.keys():
            if c.type(key) == "PERSON":
                for m in c[key]:
                    where = (m.source, parse_name(m.name or m.text).surname)
                    if where in wanted:
                        bearers[where].add(key)
        for key, (m, where) in sorted(plurals.items()):
            found = bearers.get(where, set()) - {key}
            if len(found) == 1:
                c.move(key, c.final(next(iter(found))), f"plural '{m.name}'", check=False)  # a surname only

    def _merge_stated(self, c: Clusters, pairs: Iterable[tuple[Mention, Mention]]) -> None:
        """Appositions of compatible names merge; but a short name that fits several fuller
        names of its document ("Puskás" in a list of Tivadar, Imre and Zoltán Puskás) joins
        none of them: a list the parser took for an apposition is no evidence."""
        where = {id(m): k for k in c.keys() for m in c[k]}
        several = {(d["key"], k) for d in c.doubts if len(d["candidates"]) > 1 for k in d["candidates"]}
        for a, b in pairs:
            ka, kb = where.get(id(a)), where.get(id(b))
            if (ka, kb) in several or (kb, ka) in several:
                c.refused.append({"name": a.name, "candidate": b.name, "merge": f"apposition '{a.name}' = '{b.name}'",
                                  "why_not": "the short name fits several fuller names of the document"})
                continue
            if ka and kb and ka != kb and compatible(a.name, b.name):
                target, source = sorted((ka, kb), key=lambda k: (not k.startswith("gaz:"), k))
                if c.move(source, target, f"apposition '{a.name}' = '{b.name}'"):
                    for m in c[target]:
                        where[id(m)] = target

    @staticmethod
    def _merge_written(c: Clusters, pairs: list[tuple[Mention, Mention, str]]) -> None:
        """Names the text states to be one ("X, née Y", "X (Y)") merge unless the sexes differ."""
        where = {id(m): k for k in c.keys() for m in c[k]}
        for a, b, cue in pairs:
            ka, kb = c.final(where.get(id(a), "")), c.final(where.get(id(b), ""))
            if ka and kb and ka != kb and c[ka] and c[kb]:
                target, source = sorted((ka, kb), key=lambda k: (not k.startswith("gaz:"), k))
                c.move(source, target, f"stated '{a.name}' {cue} '{b.name}'", ignore=STATED_OVERRIDES)

    def _entities(self, c: Clusters, ids: dict[str, str]) -> dict[str, Entity]:
        """The entities of the clusters; ``ids`` is filled with each cluster's entity id."""
        entities: dict[str, Entity] = {}
        votes = _vote_reasons(self.type_votes)
        for key in sorted(c.keys(), key=lambda k: (k.startswith("local:"), k)):
            ms = c[key]
            reasons = (c.reasons[key] - {""}) | {r for m in ms for r in votes.get(id(m), ())}
            ent = self._entity(key, ms, sorted(reasons), c.entry(key))
            if ent.id in entities:
                ent.id += f"_{source_tag(ms[0].source)}" if key.startswith("local:") else f"_{ent.type.lower()}"
            while ent.id in entities:
                ent.id += "_2"
            entities[ent.id] = ent
            ids[key] = ent.id
            for m in ms:
                m.entity = ent.id
        return dict(sorted(entities.items()))

    @staticmethod
    def _entity(key: str, ms: list[Mention], reasons: list[str], entry: Entry | None) -> Entity:
        named = [m for m in ms if m.origin not in {"voice", "metadata", "reference"}]
        label = source_label([m.name for m in named] or [ms[0].name], ms[0].type == "PERSON", ms[0].type == "PLACE")
        names = {m.name for m in named} | ({entry.name} if entry else set())
        docs = sorted({m.doc_id for m in ms})
        type_ = entry.type if entry else Counter(m.type for m in ms).most_common(1)[0][0]
        return Entity(entry.id if entry else entity_id(label), type_, label, sorted(names - {label}),
                      entry.wikidata if entry else None, docs, len(named), reasons)

    def weak_merges(self, entities: dict[str, Entity]) -> list[dict[str, object]]:
        """Entities joined by a weak reason (a short name, a plural, a surname's link), for review."""
        return [{"entity": e.id, "label": e.label, "names": e.aliases,
                 "reasons": [r for r in e.merge_reasons if r.startswith(WEAK)]}
                for e in entities.values() if any(r.startswith(WEAK) for r in e.merge_reasons)][:500]


def names_entry(name: str, entry: Entry) -> bool:
    """Whether a person's name agrees with one of a gazetteer entry's names; a name with a
    first name or initials must agree with one that has them too ("Nikolai Pavlov" is not
    Ivan Pavlov, though the entry lists "Pavlov"), a name with a surname with one that has a
    surname ("Vasily Vasilievich Yakovlev" is not Ul'rikh, though the entry lists "Vasily
    Vasilievich"), a name with a royal title with an entry that gives that title."""
    parts = parse_name(name)
    if not rank_agrees(name, entry):
        return False  # "Grand Duke Boris Vladimirovich" is not the minister Boris Vladimirovich Shtiurmer
    fuller = parts.kind not in BARE_KINDS
    names = [n for n in entry.names if not fuller or parse_name(n).kind not in BARE_KINDS] or entry.names
    if parts.surname:  # "Vasily Vasilievich Yakovlev" is not Ul'rikh for sharing "Vasily Vasilievich"
        names = [n for n in names if parse_name(n).surname] or names
    return any(agree(name, n) for n in names)


def source_label(names: list[str], person: bool = True, place: bool = False) -> str:
    """The name the sources use: the most frequent full form (in capitals only if no other
    is written), ties to the longer; the
    gazetteer's standard name is only an alias. For a person a full form has a first name
    and a surname, else any name will do but initials ("Kolchak", not "Alexander
    Vasilievich" said once); for a place any name (a place is mostly named by one word:
    "Petrograd", not "Red Petrograd" said once); for other things any name but a single
    word ("Second Congress of Soviets", not "Congress").

    >>> source_label(["Koenigsberg", "Koenigsberg"]), source_label(["Trotzky", "Leo Trotzky", "Trotzky"])
    ('Koenigsberg', 'Leo Trotzky')
    >>> source_label(["Kolchak", "Kolchak", "Alexander Vasilievich"])
    'Kolchak'
    >>> source_label(["Petrograd", "Red Petrograd", "Petrograd"], person=False, place=True)
    'Petrograd'
    >>> source_label(["EMMA GOLDMAN", "EMMA GOLDMAN", "Emma Goldman"])  # a name in capitals is a heading's
    'Emma Goldman'
    """
    if person:
        full = [n for n in names if parse_name(n).kind == "full" and parse_name(n).surname] or [
            n for n in names if parse_name(n).kind not in {"initials", "title"}] or names
    elif place:
        full = names
    else:
        full = [n for n in names if not is_short(split_title(n)[1])] or names
    full = [n for n in full if not n.isupper()] or full  # "EMMA GOLDMAN" of a title page: "Emma Goldman"
    counts = Counter(full)
    return max(counts, key=lambda n: (counts[n], len(n), n))


def _vote_reasons(decisions: list[dict[str, Any]]) -> dict[int, list[str]]:
    """Mention (by id) → the reason its type was changed."""
    out: dict[int, list[str]] = {}
    for d in decisions:
        votes = "; ".join(f"{t}: " + ", ".join(f"{n} {cue}" for cue, n in c.items()) for t, c in d["votes"].items())
        for m in d.pop("_moved", []):
            out[id(m)] = [f"type {d['type']} by its strongest cues ({votes})"]
    return out


def _near_misses(c: Clusters) -> list[dict[str, str]]:
    """Person clusters left apart though a first name is shared: 'Nadia' and 'Nadezhda Sergeevna'."""
    by_group: dict[int, set[str]] = defaultdict(set)
    singles = []
    for key in c.keys():
        ms = c[key]
        if c.type(key) != "PERSON":
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
    out = [{"name": n, "candidate": f, "why_not": why} for n, g in sorted(set(singles)) for f in sorted(by_group[g])]
    return out[:200]
