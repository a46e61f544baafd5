"""The link step: annotated documents → :class:`~kg.model.Assertion` s by declarative rules.

>>> from kg.link.rules import load_rules
>>> linker = Linker(load_rules())
>>> sorted({r.kind for r in linker.rules})
['dependency', 'lifespan', 'metadata']
"""

from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Doc, Span, Token

from kg.annotate import AnnotatedDocument
from kg.annotate.components import date_values
from kg.link.arguments import ArgumentFinder, Voice
from kg.link.modality import modality
from kg.link.rules import Rule, load_rules
from kg.model import Assertion, Document, Evidence, Mention, Passage

__all__ = ["Linker", "load_rules"]
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}


class Linker:
    """Applies compiled rules; rules are indexed once by trigger lemma and entity type."""

    def __init__(self, rules: list[Rule]) -> None:
        self.rules = rules
        self.by_lemma: dict[str, list[Rule]] = defaultdict(list)
        self.by_type: dict[str, list[Rule]] = defaultdict(list)
        for rule in rules:
            for lemma in rule.trigger:
                self.by_lemma[lemma.lower()].append(rule)
            if rule.trigger_type:
                self.by_type[rule.trigger_type].append(rule)
        self.lifespan = [r for r in rules if r.kind == "lifespan"]
        self.metadata = [r for r in rules if r.kind == "metadata"]

    def link(self, annotated: AnnotatedDocument) -> list[Assertion]:
        """All assertions a document states, in text order."""
        document = annotated.document
        index = {(m.start, m.end): m for m in annotated.mentions}
        voice = Voice()
        out = self._metadata(document, annotated.mentions)
        for passage, doc in annotated.docs:
            voice.speaker, voice.addressee = _voices(document, passage, annotated.mentions)
            finder = ArgumentFinder(passage, doc, index, voice)
            finder.remember()
            out += self._lifespans(passage, doc, finder)
            out += self._dependencies(passage, doc, finder)
        return out

    def _dependencies(self, passage: Passage, doc: Doc, finder: ArgumentFinder) -> list[Assertion]:
        out = []
        for tok in doc:
            for rule in self.by_lemma.get(tok.lemma_.lower(), ()):
                if not rule.trigger_pos or tok.pos_ in rule.trigger_pos:
                    out += self._apply(rule, tok, passage, finder)
        for ent in doc.ents:
            for rule in self.by_type.get(ent.label_, ()):
                out += self._apply(rule, ent.root, passage, finder)
        return out

    def _apply(self, rule: Rule, trigger: Token, passage: Passage,
               finder: ArgumentFinder) -> list[Assertion]:
        subjects = finder.find(trigger, rule.subject_paths, rule.subject)
        if not subjects:
            return []
        objects = self._objects(rule, trigger, finder, {s.name for s in subjects})
        evidence = _evidence(rule, trigger, passage)
        quals = _qualifiers(rule, trigger)
        return [Assertion(s, rule.predicate, o, rule.object_kind, evidence, dict(quals))
                for s in subjects for o in objects if o is not s and _differ(s, o)]

    def _objects(self, rule: Rule, trigger: Token, finder: ArgumentFinder,
                 exclude: set[str]) -> list[Mention | str]:
        if not rule.object_paths:
            hit = finder.entity(trigger)
            return [hit[1]] if hit and hit[1].type in rule.object else []
        if rule.object_kind == "literal":
            return [_phrase(t) for p in rule.object_paths for t in _walk_all(trigger, p)][:1]
        found = finder.find(trigger, rule.object_paths, rule.object, exclude)
        if rule.object_kind == "date":
            return [m.date.edtf for m in found if m.date is not None]
        return found

    def _lifespans(self, passage: Passage, doc: Doc, finder: ArgumentFinder) -> list[Assertion]:
        out = []
        for ent in doc.ents:
            value = date_values(doc).get((ent.start_char, ent.end_char))
            if ent.label_ != "DATE" or value is None or value.kind != "lifespan":
                continue
            part, person = _lifespan_owner(ent, finder)
            for rule in self.lifespan:
                if person is not None and rule.part == part:
                    ev = _evidence(rule, ent.root, passage)
                    out.append(Assertion(person, rule.predicate, value.edtf, "date", ev))
        return out

    def _metadata(self, document: Document, mentions: list[Mention]) -> list[Assertion]:
        if not (document.author and document.recipients and self.metadata):
            return []
        author = _meta_mention(document, document.author)
        out = []
        passage = _metadata_passage(document)
        for rule in self.metadata:
            start, end = passage.to_file(0, len(passage.text)) if passage else (document.start, document.start)
            ev = Evidence(document.id, document.source, passage.text if passage else document.author,
                          start, end, rule.id, rule.confidence, "asserted",
                          passage.layer if passage else "title")
            for name in document.recipients:
                quals = {"date": document.date} if document.date else {}
                out.append(Assertion(author, rule.predicate, _meta_mention(document, name),
                                     "entity", ev, quals))
        return out


def _differ(subject: Mention, obj: Mention | str) -> bool:
    return not isinstance(obj, Mention) or subject.name.casefold() != obj.name.casefold()


def _walk_all(trigger: Token, path) -> list[Token]:
    from kg.link.arguments import walk
    return walk(trigger, path)


def _phrase(tok: Token) -> str:
    sub = list(tok.subtree)
    return tok.doc[sub[0].i: sub[-1].i + 1].text


def _evidence(rule: Rule, trigger: Token, passage: Passage) -> Evidence:
    sent = trigger.sent
    start, end = passage.to_file(sent.start_char, sent.end_char)
    mood = rule.modality or modality(trigger)
    return Evidence(passage.doc_id, passage.source, sent.text.strip(), start, end, rule.id,
                    rule.confidence, mood, passage.layer)


def _qualifiers(rule: Rule, trigger: Token) -> dict:
    quals = dict(rule.qualifiers)
    if quals.pop("role_from_trigger", False):
        mods = [c.text for c in trigger.children if c.dep_ in {"amod", "compound"}]
        quals["role"] = " ".join([*mods, trigger.text]).lower()
    if quals.pop("order_from_ordinal", False):
        for child in trigger.children:
            if child.lower_ in ORDINALS:
                quals["order"] = ORDINALS[child.lower_]
    return quals


def _lifespan_owner(ent: Span, finder: ArgumentFinder) -> tuple[str, Mention | None]:
    doc = ent.doc
    i = ent.start - 1
    part = "end"
    while i >= 0 and (doc[i].text in {"(", "–", "-", "—", "c."} or doc[i].ent_type_ == "DATE"):
        if doc[i].text == "(" :
            part = "start" if i == ent.start - 1 else "end"
            hit = finder.entity(doc[i - 1]) if i > 0 else None
            return part, hit[1] if hit and hit[1].type == "PERSON" else None
        i -= 1
    return part, None


def _voices(document: Document, passage: Passage,
            mentions: list[Mention]) -> tuple[Mention | None, Mention | None]:
    if passage.speaker is None:
        return None, None
    speaker = _meta_mention(document, passage.speaker)
    addressee = _meta_mention(document, document.recipients[0]) if len(document.recipients) == 1 else None
    return speaker, addressee


def _meta_mention(document: Document, name: str) -> Mention:
    return Mention(document.id, document.source, document.start, document.start, name, "PERSON",
                   -1, origin="metadata", name=name)


def _metadata_passage(document: Document) -> Passage | None:
    """The passage that states who wrote to whom: the title, else the signature, else the first."""
    for layer in ("title", "signature"):
        for passage in document.passages:
            if passage.layer == layer and passage.text.strip():
                return passage
    return document.passages[0] if document.passages else None
