"""Which sentences the link rules can use: the test behind selective parsing.

A dependency rule can fire in a sentence only if the sentence holds

- its **trigger**: a form of one of its trigger lemmas (forms from the lemmatizer's tables,
  :class:`kg.annotate.lemma_forms.LemmaForms`), or a name of its trigger type;
- for each argument it takes, a **filler**: a name of an allowed type (a DATE for a date
  object; nothing for a literal one); for persons also a personal pronoun or a title used
  as a reference ("the Grand Duke"), which the rules resolve to a person named earlier;
  subject and object are two fillers;
- the words its paths require ("to" in ``>prep:to >pobj``), for at least one path per side.

"there" fills a place, "this"/"that" an event, a body noun ("the party", :mod:`kg.link.bodies`)
an organisation or group: they refer to one named before. A gloss rule
needs a bracket, a list rule a colon. The test is necessary, not sufficient:
it lets through sentences where nothing fires, never keeps out one where something would.
Lifespans and nested names need no parse.

>>> from kg.link.rules import load_rules
>>> needs = ParseNeeds(load_rules(), LemmaForms({}, {}))
>>> len(needs.trigger_forms) > 100
True
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from spacy.tokens import Span

from kg.annotate.components import NESTED
from kg.annotate.lemma_forms import LemmaForms
from kg.link.bodies import body_nouns
from kg.link.arguments import FIRST_PERSON, PLURAL, SECOND_PERSON, THIRD_PERSON
from kg.link.reference import ORDINALS
from kg.link.rules import Rule, Step
from kg.link.surface import DEMONSTRATIVES
from kg.link.titles import reference_titles

PARSED_KINDS = ("dependency", "gloss", "list")  # the kinds whose rules read the parse
MARKS = {"gloss": frozenset({"(", "["}), "list": frozenset({":"})}  # one of them must be there
REFERENCES = {"PLACE": frozenset({"there"}), "EVENT": DEMONSTRATIVES,  # kg/link/surface.py
              "ORG": body_nouns(), "GROUP": body_nouns()}  # kg/link/bodies.py
NAME_ONLY_DEPS = frozenset({"appos", "conj", "compound"})  # ends of paths a pronoun never fills


@dataclass(frozen=True, slots=True)
class _Need:
    """One rule's requirements, as sets of lower-case forms and types."""

    trigger_forms: frozenset[str]
    trigger_type: str | None
    trigger_text: object
    subject: frozenset[str]
    object: frozenset[str] | None  # None: no entity to fill (literal, or none)
    subject_pronoun: bool  # whether a pronoun can fill the side (a path can end on one)
    object_pronoun: bool
    subject_words: tuple[tuple[frozenset[str], ...], ...]  # per path, the word sets it needs
    object_words: tuple[tuple[frozenset[str], ...], ...]
    marks: frozenset[str]  # punctuation the kind needs: a bracket (gloss), a colon (list)


class ParseNeeds:
    """``needs(sentence)`` is True when some rule could fire in ``sentence``."""

    def __init__(self, rules: list[Rule], forms: LemmaForms) -> None:
        self.pronouns = frozenset(FIRST_PERSON | SECOND_PERSON | THIRD_PERSON | PLURAL | ORDINALS)
        self.titles = reference_titles()
        self.needs = [_need(r, forms) for r in rules if r.kind in PARSED_KINDS]
        self.trigger_forms = frozenset(f for n in self.needs for f in n.trigger_forms)
        self.trigger_types = frozenset(n.trigger_type for n in self.needs if n.trigger_type)
        self.by_form: dict[str, list[int]] = defaultdict(list)  # a trigger form → the needs it triggers
        self.by_type: dict[str, list[int]] = defaultdict(list)  # a trigger type → the needs of it
        for k, need in enumerate(self.needs):
            for form in need.trigger_forms if need.trigger_type is None else ():
                self.by_form[form].append(k)
            if need.trigger_type is not None:
                self.by_type[need.trigger_type].append(k)

    def __call__(self, sent: Span) -> bool:
        words = {t.lower_ for t in sent}
        ents = list(sent.ents)
        labels = [e.label_ for e in ents] + _nested_labels(sent)
        if not (words & self.trigger_forms or self.trigger_types & set(labels)):
            return False
        fillers = _Fillers(labels, len(words & self.pronouns), len(words & self.titles),
                           {t: len(words & w) for t, w in REFERENCES.items()})
        return any(self._fits(self.needs[k], ents, words, fillers) for k in self._triggered(words, ents))

    def _triggered(self, words: set[str], ents: list[Span]) -> list[int]:
        """The needs whose trigger a sentence of ``words`` and names ``ents`` holds (a form, or
        a name of the trigger type), by index in order: no other can fit."""
        found = {k for form in words & self.trigger_forms for k in self.by_form.get(form, ())}
        found.update(k for label in {e.label_ for e in ents} for k in self.by_type.get(label, ()))
        return sorted(found)


    def _fits(self, need: _Need, ents: list[Span], words: set[str], fillers: "_Fillers") -> bool:
        if need.trigger_type is not None:
            if not any(e.label_ == need.trigger_type and (need.trigger_text is None
                       or need.trigger_text.search(e.text)) for e in ents):
                return False
        elif not words & need.trigger_forms or need.marks and not words & need.marks:
            return False
        if not _paths_possible(need.subject_words, words) or not _paths_possible(need.object_words, words):
            return False
        subjects = fillers.count(need.subject, need.subject_pronoun)
        if need.object is None:
            return subjects >= 1
        objects = fillers.count(need.object, need.object_pronoun)
        if subjects < 1 or objects < 1:
            return False
        both = need.subject | need.object
        return fillers.count(both, need.subject_pronoun or need.object_pronoun) >= 2


def _need(rule: Rule, forms: LemmaForms) -> _Need:
    entity_object = rule.object_kind in {"entity", "date"}
    objects = frozenset(rule.object if rule.object_kind == "entity" else ("DATE",))
    return _Need(
        trigger_forms=forms.all_forms(rule.trigger), trigger_type=rule.trigger_type,
        trigger_text=rule.trigger_text, subject=frozenset(rule.subject),
        object=objects if entity_object else None,
        subject_pronoun=_pronoun_can_fill(rule.subject_paths),
        object_pronoun=_pronoun_can_fill(rule.object_paths),
        subject_words=_path_words(rule.subject_paths, forms),
        object_words=_path_words(rule.object_paths, forms), marks=MARKS.get(rule.kind, frozenset()))


@dataclass(frozen=True, slots=True)
class _Fillers:
    """What a sentence offers to fill arguments: its names' types, its personal pronouns,
    its titles used as references, its words that refer back ("there", "this")."""

    labels: list[str]
    pronouns: int
    titles: int
    references: dict[str, int]

    def count(self, types: frozenset[str], pronoun: bool) -> int:
        """How many fillers of ``types``; pronouns only where a path can reach one."""
        n = sum(label in types for label in self.labels) + sum(self.references.get(t, 0) for t in types)
        if "PERSON" in types:
            n += self.titles + (self.pronouns if pronoun else 0)
        return n


def _pronoun_can_fill(paths: list[list[Step]]) -> bool:
    """Whether a path of the side can end on a pronoun: not the trigger itself ("."), nor
    a name's apposition, conjunct or compound ("Sonia, Sofia Ivanova")."""
    return any(p and (p[-1].deps is None or p[-1].deps - NAME_ONLY_DEPS) for p in paths)


def _path_words(paths: list[list[Step]], forms: LemmaForms) -> tuple[tuple[frozenset[str], ...], ...]:
    """Per path, the word sets its lemma-restricted steps need (each one present); empty
    when some path restricts no step, for then the side is possible anywhere."""
    out = []
    for path in paths:
        sets = tuple(forms.all_forms(s.lemmas) | s.lemmas for s in path if s.lemmas)
        if not sets:
            return ()
        out.append(sets)
    return tuple(out)


def _paths_possible(per_path: tuple[tuple[frozenset[str], ...], ...], words: set[str]) -> bool:
    return not per_path or any(all(words & need for need in sets) for sets in per_path)


def _nested_labels(sent: Span) -> list[str]:
    doc = sent.doc
    if NESTED not in doc.spans:
        return []
    return [s.label_ for s in doc.spans[NESTED] if sent.start <= s.start and s.end <= sent.end]
