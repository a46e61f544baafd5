"""The link step: annotated documents → :class:`~kg.model.Assertion` s by declarative rules.

>>> from kg.link.rules import load_rules
>>> linker = Linker(load_rules())
>>> sorted({r.kind for r in linker.rules})
['dependency', 'gloss', 'lifespan', 'list', 'metadata', 'nested']
"""

from __future__ import annotations

from collections import defaultdict

from spacy.attrs import LEMMA
from spacy.tokens import Doc, Token

from kg.annotate import AnnotatedDocument
from kg.annotate.selective import unparsed
from kg.link.arguments import ArgumentFinder, Voice, walk, with_conjuncts
from kg.link.guards import Guards
from kg.link.speakers import SpeakerTracker, self_named
from kg.link.calibration import Calibration, load_calibration
from kg.link.confidence import calibrated
from kg.link.evidence import core_phrase, evidence, hyphen_prefix, qualifiers
from kg.link.gapping import gapped_holder, takes_as
from kg.link import kinds
from kg.link.commas import first_place, listed
from kg.link.lists import colon_lists
from kg.link.rules import KINDS, Rule, load_rules
from kg.link.trace import NoTrace, Trace
from kg.model import Assertion, Document, Mention, Passage

SILENT = frozenset({"index"})  # layers that state nothing: a book's index (kg/read/index_pages.py)

__all__ = ["Linker", "load_rules"]


class Linker:
    """Applies compiled rules; rules are indexed once by trigger lemma and entity type."""

    def __init__(self, rules: list[Rule], trace: Trace | None = None,
                 calibration: Calibration | None = None) -> None:
        self.rules = rules
        self.calibration = calibration or load_calibration()  # kg/data/calibration.toml
        self.trace = trace if trace is not None else NoTrace()  # kg rules explain reads it
        self.by_lemma: dict[str, list[Rule]] = defaultdict(list)
        self.by_type: dict[str, list[Rule]] = defaultdict(list)
        for rule in rules:
            for lemma in rule.trigger if rule.kind == "dependency" else ():
                self.by_lemma[lemma.lower()].append(rule)
            if rule.trigger_type and rule.kind == "dependency":
                self.by_type[rule.trigger_type].append(rule)
        self.kinds = {kind: [r for r in rules if r.kind == kind] for kind in KINDS}
        self.guards = Guards()

    def link(self, annotated: AnnotatedDocument) -> list[Assertion]:
        """All assertions a document states, in text order (after the guards)."""
        document = annotated.document
        index = {(m.start, m.end): m for m in annotated.mentions}
        voice, speakers = Voice(), SpeakerTracker()
        out = kinds.metadata(self.kinds["metadata"], document, annotated.mentions)
        for passage, doc in annotated.docs:
            if passage.layer in SILENT:  # an index's entries: keywords, no statements
                continue
            voice.speaker, voice.addressee = _voices(document, passage)
            label = speakers.speaker(passage.text)
            if label is not None and passage.speaker is None:  # a hearing's labelled speaker
                voice.speaker = kinds.meta_mention(document, label)
            own = self_named(passage.text)
            if own is not None:  # "I (Don Kostuch) am ...": this paragraph's I
                voice.speaker = kinds.meta_mention(document, own)
            out += self._passage(passage, doc, ArgumentFinder(passage, doc, index, voice))
        self.trace.discourse = voice.discourse
        return calibrated(self.guards.apply(out), self.calibration)

    def _passage(self, passage: Passage, doc: Doc, finder: ArgumentFinder) -> list[Assertion]:
        """One passage's assertions; titles it gives persons are remembered for later ones."""
        finder.remember()
        out = kinds.lifespans(self.kinds["lifespan"], passage, doc, finder)
        out += kinds.glosses(self.kinds["gloss"], passage, doc, finder)
        out += kinds.nested(self.kinds["nested"], passage, doc, finder)
        out += colon_lists(self.kinds["list"], passage, doc, finder)
        for a in out:
            _record_office(finder, passage, a)
        return out + self._dependencies(passage, doc, finder)

    def _dependencies(self, passage: Passage, doc: Doc, finder: ArgumentFinder) -> list[Assertion]:
        out = []
        skip = _unparsed_tokens(doc)
        for tok in (doc[i] for i in self._triggers(doc) if i not in skip):
            rules = [r for r in self.by_lemma[tok.lemma_.lower()]
                     if not r.trigger_pos or tok.pos_ in r.trigger_pos]
            fired = [a for r in rules if not r.fallback for a in self._apply(r, tok, passage, finder)]
            subjects = {a.subject.name for a in fired}
            for rule in (r for r in rules if r.fallback):
                new = [a for a in self._apply(rule, tok, passage, finder)
                       if a.subject.name not in subjects]
                fired += new
                subjects |= {a.subject.name for a in new}
            for a in fired:  # "X became President. The President ...": X from here on
                _record_office(finder, passage, a, tok)
            out += fired
        for ent in (e for e in doc.ents if e.root.i not in skip):
            for rule in self.by_type.get(ent.label_, ()):
                if rule.trigger_text is None or rule.trigger_text.search(ent.text):
                    out += self._apply(rule, ent.root, passage, finder)
        return out

    def _triggers(self, doc: Doc) -> list[int]:
        """The indices of the tokens whose lemma triggers some dependency rule, in order
        (read from the token array: no Token made of the others)."""
        strings = doc.vocab.strings
        return [i for i, lemma in enumerate(doc.to_array([LEMMA]).reshape(-1).tolist())
                if strings[lemma].lower() in self.by_lemma]

    def _apply(self, rule: Rule, trigger: Token, passage: Passage,
               finder: ArgumentFinder) -> list[Assertion]:
        attempt = self.trace.start(rule, trigger)
        if rule.unless or rule.requires:
            mods = _modifiers(trigger)
            if mods & rule.unless or (rule.requires and not mods & rule.requires):
                attempt.stopped = _stop_reason(rule, mods)
                return []
        deps = {c.dep_ for c in trigger.children} & rule.unless_deps
        if deps:
            attempt.stopped = f"the trigger has a dependent {', '.join(sorted(deps))} (the rule's 'unless_deps')"
            return []
        subjects = finder.find(trigger, rule.subject_paths, rule.subject)
        if not subjects and trigger.dep_ == "conj" and trigger.pos_ in {"VERB", "AUX"} \
                and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in trigger.children):
            subjects = finder.find(trigger.head, rule.subject_paths, rule.subject)  # shared subject
        if not subjects and takes_as(rule.subject_paths):  # "…, and B as secretary"
            subjects = [m for t in gapped_holder(trigger) if (m := finder.resolve(t, rule.subject, set()))]
        if "PERSON" in rule.subject:  # a place stands in for a mistyped person only before its title,
            subjects = [m for m in subjects  # and never one the gazetteer knows ("Germany")
                        if m.type != "PLACE" or not (m.key or _after(finder, m, trigger))]
        if rule.single_subject or (rule.one_holder and trigger.tag_ in {"NN", "NNP"}):
            subjects = subjects[:1]  # "A (known as N), B and C"; "the grand marshal, A and B": A's alone
        attempt.subjects = subjects
        if not subjects:
            return []
        ev = evidence(rule, trigger, passage)
        quals = qualifiers(rule, trigger)
        if rule.pairwise:  # "Present were A, B and C": each pair
            pairs = [(s, o) for k, s in enumerate(subjects) for o in subjects[k + 1:]]
        else:
            objects = attempt.objects = self._objects(rule, trigger, finder, {s.name for s in subjects})
            pairs = [(s, o) for s in subjects for o in objects]
        if rule.not_listed:  # "Paul, Marie and Otto": three persons, not names of one
            pairs = [(s, o) for s, o in pairs if not (isinstance(o, Mention) and _listed(finder, s, o))]
        attempt.made = [Assertion(s, rule.predicate, o, rule.object_kind, ev, dict(quals))
                        for s, o in pairs if o is not s and _differ(s, o)]
        return attempt.made

    def _objects(self, rule: Rule, trigger: Token, finder: ArgumentFinder,
                 exclude: set[str]) -> list[Mention | str]:
        if not rule.object_paths:
            hit = finder.entity(trigger)
            return [hit[1]] if hit and hit[1].type in rule.object else []
        if rule.object_kind == "literal":
            return [core_phrase(t) for p in rule.object_paths for t in _literal_heads(trigger, p)
                    if (p or t.i == trigger.i or t.lemma_.lower() in rule.trigger)  # ".": titles only
                    and (not rule.object_named or _named_as(finder, t, rule.object))]
        found = finder.find(trigger, rule.object_paths, rule.object, exclude, union=rule.union)
        own = finder.entity(trigger)
        if own is not None:  # a role noun inside a name is no role of that name ("the Semitic Dictator")
            found = [m for m in found if m is not own[1]]
        if "PLACE" not in rule.subject:  # "born in the Bronx, New York, United States": the Bronx
            found = [_first_place(finder, m) for m in found]
        if rule.object_text is not None:  # "attended X" educates only when X is a school
            found = [m for m in found if rule.object_text.search(m.text)]
        if rule.object_kind == "date":
            return [m.date.edtf for m in found if m.date is not None]
        return found



def _record_office(finder: ArgumentFinder, passage: Passage, a: Assertion, at: Token | None = None) -> None:
    """Remember the office a relation gives a person, for "the <title>" after ``at`` (after
    the passage when no token is given)."""
    if a.predicate == "position_held" and a.object_kind == "literal":
        finder.voice.discourse.held(finder.voice.titles.titles_in(str(a.object)), a.subject)
        if at is None:
            finder.voice.titles.record(passage.index, a.subject, str(a.object))
        else:
            finder.voice.titles.record(passage.index, a.subject, str(a.object), at.i, at.sent.start)


def _after(finder: ArgumentFinder, mention: Mention, trigger: Token) -> bool:
    """``mention`` is written after ``trigger``: "X, Professor of Medicine, Berlin" — the
    place after a title is where the holder works, not a person the model mistyped."""
    span = next((s for s, m in finder.by_token.values() if m is mention), None)
    return span is not None and span.start > trigger.i


def _listed(finder: ArgumentFinder, a: Mention, b: Mention) -> bool:
    """``a`` and ``b`` are items of one coordinated list holding "and"/"or" (:func:`listed`)."""
    spans = [next((s for s, m in finder.by_token.values() if m is x), None) for x in (a, b)]
    return None not in spans and listed(spans[0].root, spans[1].root)


def _first_place(finder: ArgumentFinder, mention: Mention) -> Mention:
    """A place object as written first in a comma chain of places (:func:`first_place`)."""
    if mention.type != "PLACE":
        return mention
    span = next((s for s, m in finder.by_token.values() if m is mention), None)
    if span is None:
        return mention
    hit = finder.entity(first_place(span, finder.entity)[0])
    return hit[1] if hit is not None else mention


def _named_as(finder: ArgumentFinder, tok: Token, types: tuple[str, ...]) -> bool:
    """``tok`` is written as a name (a literal rule's ``object_named``): it lies in a name of
    one of ``types``, or is a proper noun no indefinite article introduces ("the Iron
    General", not "a Marxist", "an A.R.A. worker")."""
    if any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in tok.children):
        return False
    hit = finder.entity(tok)
    return hit[1].type in types if hit is not None else tok.pos_ == "PROPN"


def _unparsed_tokens(doc: Doc) -> set[int]:
    """Tokens of sentences selective parsing left unparsed: no rule looks at them."""
    return {i for a, b in unparsed(doc) for i in range(a, b)}


def _modifiers(trigger: Token) -> set[str]:
    """Words modifying a trigger: its adjectives and compounds, a hyphenated prefix
    ('vice-president' is tokenised 'vice', '-', 'president'), and a bare noun of an 'of'
    right after it, as 'of staff' ('Chief of Staff of the Army' heads no army)."""
    words = {c.lower_ for c in trigger.children if c.dep_ in {"amod", "compound", "nmod"}}
    words |= {t.lower_ for t in hyphen_prefix(trigger) if t.text != "-"}
    doc = trigger.doc
    if trigger.i + 2 < len(doc) and doc[trigger.i + 1].lower_ == "of" and not doc[trigger.i + 2].ent_type_:
        words.add(f"of {doc[trigger.i + 2].lower_}")
    return words


def _stop_reason(rule: Rule, mods: set[str]) -> str:
    """Why ``unless`` / ``requires`` stopped a rule (read by ``kg rules explain``)."""
    if mods & rule.unless:
        return f"the trigger has the modifier {', '.join(sorted(mods & rule.unless))} (the rule's 'unless')"
    return f"the trigger has none of the modifiers {', '.join(sorted(rule.requires))} (the rule's 'requires')"


def _differ(subject: Mention, obj: Mention | str) -> bool:
    """A relation of a name with itself states nothing ("a spy called X" is no nickname of X)."""
    other = obj.name if isinstance(obj, Mention) else obj
    return subject.name.casefold() != other.casefold() and (
        isinstance(obj, Mention) or subject.text.casefold() != other.casefold())


def _voices(document: Document, passage: Passage) -> tuple[Mention | None, Mention | None]:
    """'I' is the letter's author in its body, 'you' its one recipient; in the body of a
    memoir or other document whose one author the document names, 'I' is that author."""
    if passage.speaker is None:
        one = document.authors()[0] if len(document.authors()) == 1 else None
        named = one if passage.layer == "body" and not document.recipients else None
        return (kinds.meta_mention(document, named) if named else None), None
    speaker = kinds.meta_mention(document, passage.speaker)
    one = len(document.recipients) == 1
    return speaker, kinds.meta_mention(document, document.recipients[0]) if one else None


def _literal_heads(trigger: Token, path) -> list[Token]:
    """Tokens a literal path reaches, with their conjuncts when these fit the path's last word."""
    tokens = with_conjuncts(walk(trigger, path), trigger)
    last = path[-1].lemmas if path else None
    return [t for t in tokens if last is None or t.lemma_.lower() in last or t.lower_ in last]
