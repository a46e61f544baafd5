"""Gazetteers of historical names: loading, validation and the ``kg_gazetteer`` component.

A gazetteer is a JSON Lines file, one entry per line (see ``kg/data/gazetteer/README.md``)::

    {"id": "Iosif_Stalin", "type": "PERSON", "name": "Iosif Vissarionovich Stalin",
     "aliases": ["Stalin", "Koba", "I. V. Stalin"], "wikidata": "Q855"}

The component runs *before* the statistical NER, so the model keeps these spans and
labels the rest. Each matched span carries the entry id as ``span.kb_id_``.

>>> gaz = Gazetteer.from_entries([{"id": "Koba", "type": "PERSON", "name": "Koba"}])
>>> gaz.get("Koba").type
'PERSON'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.data_files import data_path, iter_jsonl
from kg.errors import GazetteerError
from kg.annotate.components import NESTING, add_nested, overlaps
from kg.model import NAMED_TYPES

ID_RE = re.compile(r"^[A-Za-z0-9_.\-]+$")
QID_RE = re.compile(r"^Q[1-9][0-9]*$")
FIELDS = {"id", "type", "name", "aliases", "wikidata", "born", "died", "note", "description", "context"}


@dataclass(slots=True)
class Entry:
    """One named thing of a gazetteer."""

    id: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    wikidata: str | None = None
    born: str | None = None
    died: str | None = None
    source: str = ""
    note: str = ""
    context: tuple[str, ...] = ()  # words that, near a bare surname, show this person is meant

    @property
    def names(self) -> list[str]:
        """The canonical name followed by its aliases."""
        return [self.name, *self.aliases]


def _check(obj: dict[str, Any], path: str, where: str) -> Entry:
    def fail(problem: str) -> GazetteerError:
        return GazetteerError(path, problem, f"{where} {obj.get('id', '')}".strip())

    unknown = set(obj) - FIELDS
    if unknown:
        raise fail(f"unknown field(s) {sorted(unknown)}; allowed: {sorted(FIELDS)}")
    if not isinstance(obj.get("id"), str) or not ID_RE.match(obj["id"]):
        raise fail("'id' must be a string of letters, digits, '_', '.', '-'")
    if obj.get("type") not in NAMED_TYPES:
        raise fail(f"'type' must be one of {list(NAMED_TYPES)}, not {obj.get('type')!r}")
    if not isinstance(obj.get("name"), str) or not obj["name"].strip():
        raise fail("'name' must be a non-empty string")
    aliases = obj.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise fail("'aliases' must be a list of non-empty strings")
    qid = obj.get("wikidata")
    if qid is not None and not (isinstance(qid, str) and QID_RE.match(qid)):
        raise fail(f"'wikidata' must look like Q123, not {qid!r}")
    context = obj.get("context", [])
    if not isinstance(context, list) or not all(isinstance(c, str) and c.strip() for c in context):
        raise fail("'context' must be a list of non-empty strings")
    return Entry(obj["id"], obj["type"], obj["name"].strip(), [a.strip() for a in aliases], qid,
                 _opt_str(obj.get("born")), _opt_str(obj.get("died")), path,
                 str(obj.get("note") or obj.get("description") or ""), tuple(c.strip() for c in context))


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)


class Gazetteer:
    """A validated collection of :class:`Entry` objects, unique by id."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries: dict[str, Entry] = {}
        for entry in entries:
            if entry.id in self.entries:
                other = self.entries[entry.id].source
                raise GazetteerError(entry.source, f"duplicate id (also in {other})", entry.id)
            self.entries[entry.id] = entry

    @classmethod
    def from_entries(cls, objs: Iterable[dict[str, Any]], source: str = "<memory>") -> Gazetteer:
        """Build from plain dicts (validated like file entries)."""
        return cls(_check(obj, source, f"entry {i}") for i, obj in enumerate(objs, 1))

    @classmethod
    def load(cls, paths: Iterable[str | Path]) -> Gazetteer:
        """Load and validate JSON Lines files; errors name the file, line and id."""
        entries = []
        for path in paths:
            path = Path(path)
            if not path.is_file():
                raise GazetteerError(str(path), "gazetteer file not found")
            for number, obj in iter_jsonl(path):
                entries.append(_check(obj, str(path), f"line {number}"))
        return cls(entries)

    def get(self, entry_id: str) -> Entry | None:
        """The entry with this id, if any."""
        return self.entries.get(entry_id)

    def __len__(self) -> int:
        return len(self.entries)


def default_paths() -> list[Path]:
    """The gazetteer files shipped with histkg, in a fixed order."""
    return sorted(data_path("gazetteer").glob("*.jsonl"))


@lru_cache(maxsize=8)
def load_gazetteer(extra: tuple[str, ...] = ()) -> Gazetteer:
    """The shipped gazetteers plus ``extra`` files (cached per combination)."""
    return Gazetteer.load([*default_paths(), *extra])


class GazetteerMatcher:
    """Marks gazetteer names in a Doc as entities (longest match wins)."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer) -> None:
        from kg.annotate.recase import EnglishWords

        self.gazetteer = gazetteer
        self.surnames = _surname_keys(gazetteer)
        self.english = EnglishWords.from_nlp(nlp)
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for entry in gazetteer.entries.values():
            docs = [nlp.make_doc(name) for name in dict.fromkeys(entry.names)]
            self.matcher.add(entry.id, docs)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for match_id, start, end in self.matcher(doc):
            entry = self.gazetteer.get(doc.vocab.strings[match_id])
            span = Span(doc, start, end, label=entry.type, kb_id=entry.id)
            if self._case_fits(span, entry):
                spans.append(span)
        spans += self._period_spellings(doc, spans)
        keep = filter_spans(spans)
        add_nested(doc, [s for s in spans if s not in keep and _inside_any(s, keep)], keep)
        doc.ents = filter_spans([*keep, *[e for e in doc.ents if not overlaps(e, keep)]])
        return doc

    def _period_spellings(self, doc: Doc, found: list[Span]) -> list[Span]:
        """A surname written in another period spelling of a known person ("Lenine",
        "Zinovieff", "Trotzky"): one capitalised word whose transliteration key is the key
        of exactly one person's one-word name (``kg/data/translit.toml``)."""
        from kg.resolve.keys import translit_key  # spelling keys, shared with resolve (lazy: no cycle)

        taken = {i for s in found for i in range(s.start, s.end)}
        out = []
        for tok in doc:
            if (tok.i in taken or not tok.is_alpha or len(tok) < 4 or not tok.text[:1].isupper()
                    or tok.is_upper):
                continue
            entry_id = self.surnames.get(translit_key(tok.text))
            if entry_id:
                out.append(Span(doc, tok.i, tok.i + 1, label="PERSON", kb_id=entry_id))
        return out

    def _case_fits(self, span: Span, entry: Entry) -> bool:
        """Names written with capitals in the gazetteer need them in the text: the first
        word always, and in titles of three or more words every word longer than three
        letters ("What is to be done?" in a letter is not Lenin's pamphlet); an acronym
        that spells an English word needs capitals throughout ("CUP", not "the Cup")."""
        text = span.text.lower()
        forms = [n for n in entry.names if n.lower() == text]
        return any(_same_caps(span.text, n) and not self._word_for_acronym(span.text, n) for n in forms)

    def _word_for_acronym(self, text: str, name: str) -> bool:
        """'Cup' for the acronym 'CUP' (but 'Nep' is the NEP: no English word)."""
        low = text.lower()
        return (name.isupper() and " " not in name and len(name) > 1 and not text.isupper()
                and (self.english.noun(low) or self.english.known(low)))


def _surname_keys(gazetteer: Gazetteer) -> dict[str, str]:
    """Transliteration key → person id, for the one-word names (surnames) of persons that
    no other entry of any type shares."""
    from kg.resolve.keys import translit_key

    owners: dict[str, set[str]] = {}
    for entry in gazetteer.entries.values():
        for name in entry.names:
            if " " not in name.strip():
                owners.setdefault(translit_key(name), set()).add(
                    entry.id if entry.type == "PERSON" else "")
    return {key: next(iter(ids)) for key, ids in owners.items() if len(ids) == 1 and "" not in ids}


def _same_caps(text: str, name: str) -> bool:
    if name[:1].isupper() and text[:1] != name[:1]:
        return False
    words, names = text.split(), name.split()
    if len(names) < 3 or len(words) != len(names):
        return True
    return all(w[:1] == n[:1] for w, n in zip(words, names) if len(n) > 3)


def _inside_any(span: Span, others: list[Span]) -> bool:
    """Inside a longer event, work or organisation name, and not merely its head of the
    same kind ("Social Revolutionists" in "Left Social Revolutionists" is no second party)."""
    return any(o.start <= span.start and span.end <= o.end and o.label_ in NESTING
               and not (span.end == o.end and span.label_ == o.label_) for o in others)




@Language.factory("kg_gazetteer", default_config={"extra_paths": []})
def make_gazetteer(nlp: Language, name: str, extra_paths: list[str]) -> GazetteerMatcher:
    """spaCy factory: the shipped gazetteers plus ``extra_paths``."""
    return GazetteerMatcher(nlp, load_gazetteer(tuple(extra_paths)))
