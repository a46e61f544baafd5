"""When a surname alone links to a gazetteer's person: evidence, not surface.

The gazetteer marks "Timoshenko" and "Pavloff" as the Marshal and the physiologist because
their surnames are listed. In a document, the link of a bare surname (with or without a
title) holds only when the document gives evidence for that person:

1. a fuller name of the person in the same document ("Maxim Gorki", then "Gorki");
2. a title or office the person bore ("Marshal Timoshenko", "General Denikin": the title is a
   word of the entry's note or context; forms of address such as "Mr." say nothing);
3. the entry's context words near the name (its ``context`` field and the telling words of
   its ``note``: "physiologist", "Menshevik", the names of associates): in the passage and
   the passages on either side, or anywhere in a short document (a letter, an article).

Against it: a fuller name of someone else with that surname in the document ("Nikolai
Pavloff"), or the name introduced as someone the reader does not know ("a locksmith named
Timoshenko", "one Pavloff") — unless the document gives the famous person's fuller name.
Word lists: ``kg/data/linking.toml``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from kg.annotate.gazetteer import Entry
from kg.data_files import data_path, load_toml
from kg.errors import DataFileError
from kg.model import Document, Mention
from kg.resolve.attach import ranks
from kg.resolve.clusters import Clusters
from kg.resolve.keys import translit_key
from kg.resolve.structure import parse_name, title_class

WORD = re.compile(r"[^\W\d_][\w'’-]*")
LOWER = re.compile(r"\b[a-z]+\b")
LIFESPAN = re.compile(r"\s*\((?:born|b\.|né|née)?[^)]*\d")
DATA = data_path("linking.toml")


@dataclass(frozen=True, slots=True)
class _Lists:
    introduced_by: tuple[tuple[str, ...], ...]
    address: frozenset[str]
    stop: frozenset[str]
    shared: int


@lru_cache(maxsize=1)
def _lists() -> _Lists:
    data = load_toml(DATA)
    for key in ("introduced_by", "address_titles", "note_stopwords"):
        value = data.get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise DataFileError(str(DATA), "expected a list of non-empty strings", key)
    shared = data.get("shared_context_entries")
    if not isinstance(shared, int) or isinstance(shared, bool) or shared < 2:
        raise DataFileError(str(DATA), "expected a whole number of 2 or more", "shared_context_entries")
    intro = tuple(sorted({tuple(p.casefold().split()) for p in data["introduced_by"]}, key=len, reverse=True))
    return _Lists(intro, frozenset(data["address_titles"]), frozenset(data["note_stopwords"]), shared)


@lru_cache(maxsize=4096)
def context_words(note: str, context: tuple[str, ...]) -> tuple[frozenset[str], tuple[str, ...]]:
    """An entry's context as word keys and phrases: its ``context`` and its note's telling words.

    >>> keys, _ = context_words("physiologist, Nobel Prize 1904", ("reflexes", "conditioned reflex"))
    >>> len(keys), _word_key("Physiologist") in keys, _
    (4, True, ('conditioned reflex',))
    """
    stop = _lists().stop
    words = {_word_key(w) for w in WORD.findall(note) if w.casefold().removesuffix("'s").removesuffix("’s") not in stop}
    phrases = tuple(c.casefold() for c in context if " " in c.strip())
    words |= {_word_key(c) for c in context if " " not in c.strip()}
    return frozenset(w for w in words if len(w) > 2), phrases


def _word_key(word: str) -> str:
    return translit_key(word.casefold().removesuffix("'s").removesuffix("’s"))


#: a document this short (a letter, an article) is one context; in a longer one (a book) the
#: context of a name is its passage and the passages on either side
SHORT_DOCUMENT = 4000  # words
NEIGHBOURS = 1


class Context:
    """The text around mentions, read from the documents' passages."""

    def __init__(self, documents: list[Document]) -> None:
        self.docs = {d.id: d for d in documents}
        self._words: dict[tuple[str, int], frozenset[str]] = {}
        self._short: dict[str, bool] = {}
        self._common: dict[str, frozenset[str]] = {}

    def passage(self, doc_id: str, index: int):
        """A passage of a document, or None."""
        doc = self.docs.get(doc_id)
        return doc.passages[index] if doc is not None and 0 <= index < len(doc.passages) else None

    def window(self, m: Mention) -> list[int]:
        """The passages that make the context of a mention."""
        doc = self.docs.get(m.doc_id)
        if doc is None:
            return []
        if doc.id not in self._short:
            self._short[doc.id] = sum(len(p.text.split()) for p in doc.passages) <= SHORT_DOCUMENT
        if self._short[doc.id]:
            return list(range(len(doc.passages)))
        return [i for i in range(m.passage - NEIGHBOURS, m.passage + NEIGHBOURS + 1) if 0 <= i < len(doc.passages)]

    def text(self, m: Mention) -> str:
        """The text of the mention's context."""
        return "\n".join(self.passage(m.doc_id, i).text for i in self.window(m))

    def words(self, m: Mention) -> frozenset[str]:
        """The word keys of the mention's context (cached per passage)."""
        out: set[str] = set()
        for i in self.window(m):
            key = (m.doc_id, i)
            if key not in self._words:
                self._words[key] = frozenset(_word_key(w) for w in WORD.findall(self.passage(m.doc_id, i).text))
            out |= self._words[key]
        return frozenset(out)

    def common(self, source: str) -> frozenset[str]:
        """The words a source file writes in lower case ("once", "knowing"): no names."""
        if source not in self._common:
            texts = (p.text for d in self.docs.values() if d.source == source for p in d.passages)
            self._common[source] = frozenset(w for t in texts for w in LOWER.findall(t))
        return self._common[source]

    def opens(self, m: Mention) -> bool:
        """The name is its document's title, or opens its sentence with a lifespan in brackets
        after it ("Paul Desmarais Jr. (born July 3, 1954) is ..."): the subject."""
        passage = self.passage(m.doc_id, m.passage)
        if passage is None:
            return False
        if passage.layer == "title":
            return True
        after = passage.text[bisect_left(passage.origin, m.end):][:40]
        return m.start == m.sent_start and bool(LIFESPAN.match(after))

    def before(self, m: Mention, n: int = 4) -> tuple[str, ...]:
        """The ``n`` words just before the mention in its passage, casefolded."""
        passage = self.passage(m.doc_id, m.passage)
        if passage is None:
            return ()
        local = bisect_left(passage.origin, m.start)
        return tuple(w.casefold() for w in WORD.findall(passage.text[max(0, local - 60):local])[-n:])


def introduced_as_unknown(words_before: tuple[str, ...]) -> bool:
    """'a locksmith named', 'one', 'a certain': the name that follows is someone new.

    >>> introduced_as_unknown(("a", "locksmith", "named")), introduced_as_unknown(("by", "general"))
    (True, False)
    """
    return any(words_before[-len(p):] == p for p in _lists().introduced_by if len(p) <= len(words_before))


def title_agrees(name: str, entry: Entry) -> bool:
    """'Marshal Timoshenko' and an entry whose note says 'Marshal', 'Grand Duke Nicholas' and
    an entry named so; 'Mr. X' never."""
    titles = [t for t in parse_name(name).titles if t not in _lists().address]
    if not titles:
        return False
    said = {_word_key(w) for w in WORD.findall(" ".join([entry.note, *entry.context, *entry.names]))}
    return any(_word_key(w) in said for t in titles for w in t.split())


@lru_cache(maxsize=4096)
def _entry_ranks(note: str, names: tuple[str, ...]) -> frozenset[str]:
    words = WORD.findall(" ".join([note, *names]))
    found = {title_class(w) for w in words} | {title_class(f"{a} {b}") for a, b in pairwise(words)}
    return frozenset(found - {None})


def rank_agrees(name: str, entry: Entry) -> bool:
    """A name with a royal title ("Grand Duke Boris Vladimirovich", "Czar Alexander III")
    names an entry only if the entry's names or note give it that rank ("emperor of
    Russia" is a sovereign's; a minister's entry gives none)."""
    wanted = ranks(parse_name(name))
    return not wanted or bool(wanted & _entry_ranks(entry.note, tuple(entry.names)))


def shared_context(entries: Iterable[Entry]) -> frozenset[str]:
    """The words (keys) and phrases of the entries' ``context`` fields that so many entries
    share that they tell none of them apart ("Soviet", "revolution", "Lenin": ``shared_context_entries`` in
    ``kg/data/linking.toml``): a book of the period writes them on every page.

    >>> e = [Entry(str(i), "PERSON", "X", ("X",), context=("Soviet", f"w{i}")) for i in range(12)]
    >>> sorted(shared_context(e))
    ['soviet']
    """
    counts: Counter[str] = Counter()
    for entry in entries:
        keys, phrases = context_words("", entry.context)
        counts.update(set(keys) | set(phrases))
    return frozenset(k for k, n in counts.items() if n >= _lists().shared)


def context_agrees(words: frozenset[str], text: str, entry: Entry,
                   shared: frozenset[str] = frozenset()) -> bool:
    """The entry's context words (or phrases) occur in a passage naming the person; a word
    of five letters or more also as the start of a longer one ("Bolshevik": "Bolsheviki").
    The ``shared`` ones (:func:`shared_context`) do not count."""
    keys, phrases = context_words(entry.note, entry.context)
    keys, phrases = keys - shared, tuple(p for p in phrases if p not in shared)
    if keys & words or any(p in text.casefold() for p in phrases):
        return True
    long = [k for k in keys if len(k) >= 5]
    return any(w.startswith(k) for w in words for k in long)


def anchor_evidence(group: list[Mention], entry: Entry, ctx: Context, fuller: bool,
                    other_fuller: bool, shared: frozenset[str] = frozenset()) -> tuple[bool, str]:
    """Whether a document's bare-surname mentions of ``entry`` link to it, and why (not).

    ``fuller``: the document names the person more fully; ``other_fuller``: it gives
    someone else with that surname a fuller name; ``shared``: context words that are no
    evidence (:func:`shared_context`)."""
    if other_fuller:
        return False, "the document gives someone else this surname"
    if fuller:
        return True, "a fuller name in the document"
    if any(introduced_as_unknown(ctx.before(m)) for m in group):
        return False, "introduced as someone new ('named', 'one')"
    titled = next((m.name for m in group if title_agrees(m.name, entry)), None)
    if titled:
        return True, f"title '{titled}'"
    for m in group:
        if context_agrees(ctx.words(m), ctx.text(m), entry, shared):
            return True, "context words of the entry near the name"
    return False, "a surname alone, no other evidence"


def full_names_by_surname(c: Clusters) -> dict[tuple[str, str], set[str]]:
    """(document, surname) → the fuller person names of the document with that surname."""
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    for key in c.keys():
        if c.type(key) == "PERSON" and not key.startswith("anchor:"):
            for m in c[key]:
                p = parse_name(m.name or m.text)
                if p.surname and p.kind != "surname":
                    out[(m.source, p.surname)].add(m.name)
    return out


def full_names_by_first_names(c: Clusters) -> dict[tuple[str, str | None, str | None], set[str]]:
    """(document, given name, patronymic) → the full person names of the document with them;
    a royal title makes a first name and patronymic a full name ("Grand Duke Boris
    Vladimirovich": a dynast is named so, without a surname)."""
    out: dict[tuple[str, str | None, str | None], set[str]] = defaultdict(set)
    for key in c.keys():
        if c.type(key) == "PERSON" and not key.startswith("anchor:"):
            for m in c[key]:
                p = parse_name(m.name or m.text)
                if p.patronymic and (p.kind == "full" or p.given and ranks(p)):
                    out[(m.source, p.given, p.patronymic)].add(m.name)
    return out
