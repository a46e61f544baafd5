"""Write a rule from an example (``kg rules suggest``): given a sentence, the subject and the
object it names and a predicate, find the word that links them in the parse (the trigger),
the dependency paths from it to both, and name those paths by the grammatical roles of
``kg/data/link/roles.toml`` where a role covers them. The rule is kept only if it fires on
its own sentence (its ``examples.match``); the role version is tried first, then exact paths.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Span, Token

from kg.data_files import load_toml
from kg.errors import UsageError
from kg.link.check import annotate_sentence, example_problem, predicate_problem
from kg.link.roles import ROLE_FILE, role_paths
from kg.link.rules import Rule, compile_rule, load_rules

__all__ = ["Suggestion", "suggest"]

LIGHT_VERBS = {"be", "have", "become"}  # the content word beside them is the better trigger
CONTENT = {"NOUN", "VERB", "ADJ", "PROPN"}


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A suggested rule: its TOML text and the compiled rule."""

    toml: str
    rule: Rule


def _entity(spans: tuple[Span, ...], text: str, what: str) -> Span:
    want = text.casefold().strip()
    for test in (lambda e: e.text.casefold() == want, lambda e: want in e.text.casefold(),
                 lambda e: e.text.casefold() in want):
        hits = [e for e in spans if test(e)]
        if hits:
            return hits[0]
    found = ", ".join(f"{e.text} ({e.label_})" for e in spans) or "none"
    raise UsageError(f"the {what} {text!r} is not an entity of the sentence; entities: {found}")


def _chain(tok: Token) -> list[Token]:
    """``tok`` and its heads up to the root."""
    out = [tok]
    while out[-1].head.i != out[-1].i:
        out.append(out[-1].head)
    return out


def _meet(ups: list[Token], downs: list[Token]) -> Token:
    """The first token of ``ups`` that is also in ``downs`` (their common head)."""
    below = {t.i for t in downs}
    return next(t for t in ups if t.i in below)


def path_between(start: Token, end: Token) -> str:
    """The rule path from ``start`` to ``end``: up to their common head, then down."""
    ups, downs = _chain(start), _chain(end)
    meet = _meet(ups, downs)
    steps = [f"<{_label(t)}" for t in ups[:_at(ups, meet)]]
    steps += [f">{_label(t)}" for t in reversed(downs[:_at(downs, meet)])]
    return " ".join(steps) or "."


def _at(chain: list[Token], tok: Token) -> int:
    return [t.i for t in chain].index(tok.i)


def _label(tok: Token) -> str:
    """A step's label; a preposition also fixes its word (``prep:of``)."""
    if tok.dep_ == "prep":
        return f"{tok.dep_}:{tok.lemma_.lower()}"
    return tok.dep_


def _trigger(subj: Span, obj: Span) -> Token:
    """The content word on the parse path between the two arguments closest to their join."""
    ups, downs = _chain(subj.root), _chain(obj.root)
    meet = _meet(ups, downs)
    route = ups[:_at(ups, meet) + 1] + list(reversed(downs[:_at(downs, meet)]))
    inside = set(range(subj.start, subj.end)) | set(range(obj.start, obj.end))
    free = [t for t in route if t.i not in inside and t.pos_ in CONTENT]
    content = [t for t in free if t.lemma_.lower() not in LIGHT_VERBS]
    if meet in content:
        return meet
    if content or free:
        return (content or free)[0]
    raise UsageError("no word between the subject and the object can be the trigger")


def _role(kind: str, path: str) -> str | None:
    """The first role of ``kind`` whose paths include ``path``."""
    words = re.findall(r":([a-z'-]+)", path)
    for name in load_toml(ROLE_FILE).get(kind, {}):
        for role in [name] + [f"{name}:{w}" for w in words]:
            try:
                if path in role_paths(kind, [role]):
                    return role
            except ValueError:
                continue
    return None


def _arguments(side: str, kind: str, path: str, roles: bool) -> dict[str, list[str]]:
    role = _role(kind, path) if roles else None
    return {f"{side}_roles": [role]} if role else {f"{side}_paths": [path]}


def _raw(text: str, predicate: str, subj: Span, obj: Span, trigger: Token, roles: bool) -> dict:
    kind = "verb" if trigger.pos_ == "VERB" else "noun"
    pos = sorted({trigger.pos_} | ({"NOUN", "PROPN"} if kind == "noun" else set()))
    lemma = trigger.lemma_.lower()
    raw = {"id": _new_id(predicate, re.sub(r"[^a-z0-9_]", "_", lemma)), "predicate": predicate,
           "kind": "dependency", "subject": [subj.label_], "object": [obj.label_],
           "trigger": [lemma], "trigger_kind": kind, "trigger_pos": pos}
    if obj.label_ == "DATE":
        raw["object_kind"] = "date"
    raw |= _arguments("subject", kind, path_between(trigger, subj.root), roles)
    raw |= _arguments("object", kind, path_between(trigger, obj.root), roles)
    raw["examples"] = {"match": [text], "no_match": []}
    return raw


def _new_id(predicate: str, name: str) -> str:
    """``predicate.name.vN`` with the first version no shipped rule has."""
    taken = {r.id for r in load_rules()}
    version = 1
    while f"{predicate}.{name}.v{version}" in taken:
        version += 1
    return f"{predicate}.{name}.v{version}"


def to_toml(raw: dict) -> str:
    """One ``[[rule]]`` table; strings are quoted as JSON, which TOML reads the same."""
    lines = ["# written by kg rules suggest: add sentences it must not match to examples.no_match",
             "[[rule]]"]
    for key, value in raw.items():
        if key == "examples":
            lines += [f"examples.{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in value.items()]
        else:
            lines.append(f"{key} = {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def suggest(nlp: Language, text: str, subject: str, obj: str, predicate: str) -> Suggestion:
    """A rule that yields ``subject predicate obj`` on ``text``; raises :class:`UsageError`
    when the predicate is unknown, an argument is not an entity, or no rule fires."""
    why = predicate_problem(predicate)
    if why:
        raise UsageError(why)
    doc = annotate_sentence(nlp, text).docs[0][1]
    subj, target = _entity(doc.ents, subject, "subject"), _entity(doc.ents, obj, "object")
    trigger = _trigger(subj, target)
    for roles in (True, False):
        raw = _raw(text, predicate, subj, target, trigger, roles)
        rule = compile_rule(raw, "suggested.toml")
        if example_problem(nlp, rule, text, "match") is None:
            return Suggestion(to_toml(raw), rule)
    raise UsageError(f"a rule on the trigger {trigger.text!r} with the paths "
                     f"{raw.get('subject_paths')} and {raw.get('object_paths')} does not fire; "
                     "see kg rules explain")
