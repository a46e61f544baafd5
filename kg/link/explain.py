"""Why a rule fires or not on a sentence (``kg rules explain``).

The sentence is annotated and linked exactly as in a build, by the same
:class:`~kg.link.Linker`, with a :class:`~kg.link.trace.Trace` recording each rule's attempt;
for a rule that did not fire, the first step of each argument path that found nothing is
named (``subject path `<attr >nsubj`: `commissar` has dependency `acomp`, not `attr```).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Token

from kg.link import Linker
from kg.link.arguments import walk
from kg.link.check import annotate_sentence
from kg.link.rules import Rule, Step
from kg.link.trace import Attempt, Trace
from kg.model import Assertion

__all__ = ["Explanation", "Verdict", "explain", "path_text"]


@dataclass(slots=True)
class Verdict:
    """One rule on one trigger token: the relations it added to the graph, or why none."""

    rule: Rule
    trigger: Token
    fired: list[Assertion] = field(default_factory=list)
    why_not: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Explanation:
    """A sentence's parse, entities, the rules whose trigger occurs, and all relations."""

    text: str
    docs: list[Doc]
    verdicts: list[Verdict]
    relations: list[Assertion]
    references: list[str] = field(default_factory=list)  # each pronoun: whom it was taken to mean, why


def step_text(step: Step) -> str:
    """A compiled step written back as in a rule file."""
    if step.test:
        return "=" + "|".join(sorted(step.lemmas or ()))
    if step.surface:
        return "~" + step.surface
    deps = "*" if step.deps is None else "|".join(sorted(step.deps))
    lemmas = ":" + "|".join(sorted(step.lemmas)) if step.lemmas else ""
    return ("<" if step.up else ">") + deps + lemmas


def path_text(steps: list[Step]) -> str:
    """``[Step(up, attr), Step(down, nsubj)]`` → ``"<attr >nsubj"`` (``"."``: the trigger)."""
    return " ".join(step_text(s) for s in steps) or "."


def _children(tok: Token) -> str:
    kids = ", ".join(f"{c.dep_} `{c.text}`" for c in tok.children)
    return f"its children: {kids}" if kids else "it has no children"


def _step_failure(tok: Token, step: Step) -> str:
    """Why ``step`` leads nowhere from ``tok``."""
    wanted = "|".join(sorted(step.deps)) if step.deps else "*"
    words = "|".join(sorted(step.lemmas or ()))
    if step.test:
        return f"`{tok.text}` has lemma `{tok.lemma_}`, not `{words}`"
    if step.surface:
        return f"no name is written as `~{step.surface}` needs beside `{tok.text}`"
    if step.up:
        if tok.head.i == tok.i:
            return f"`{tok.text}` is the root of the sentence, it has no head"
        if step.deps is not None and tok.dep_ not in step.deps:
            return f"`{tok.text}` has dependency `{tok.dep_}`, not `{wanted}`"
        return f"`{tok.text}` is not `{words}`"
    same = [c for c in tok.children if step.deps is None or c.dep_ in step.deps]
    if same and step.lemmas:
        return f"`{tok.text}` has `{wanted}` {', '.join(f'`{c.text}`' for c in same)}, not `{words}`"
    return f"`{tok.text}` has no `{wanted}` child ({_children(tok)})"


def path_failure(trigger: Token, steps: list[Step], types: tuple[str, ...]) -> str:
    """Where ``steps`` from ``trigger`` stop, or what the tokens reached lack."""
    for k, step in enumerate(steps):
        if not walk(trigger, steps[:k + 1]):
            before = walk(trigger, steps[:k]) if k else [trigger]
            return _step_failure(before[0], step)
    reached = ", ".join(f"`{t.text}`" for t in walk(trigger, steps))
    return f"reaches {reached}, not an entity of type {'/'.join(types)}"


def _argument(role: str, rule: Rule, trigger: Token) -> list[str]:
    paths = rule.subject_paths if role == "subject" else rule.object_paths
    types = rule.subject if role == "subject" else rule.object
    if not paths:
        return [f"{role}: the trigger `{trigger.text}` is not an entity of type {'/'.join(types)}"]
    return [f"{role} path `{path_text(p)}`: {path_failure(trigger, p, types)}" for p in paths]


def _why_not(attempt: Attempt, linker: Linker) -> list[str]:
    if attempt.stopped:
        return [f"stopped: {attempt.stopped}"]
    if not attempt.subjects:
        return _argument("subject", attempt.rule, attempt.trigger)
    if attempt.rule.pairwise and not attempt.made:
        return ["a pairwise rule needs two different subjects"]
    if not attempt.objects and not attempt.rule.pairwise:
        return _argument("object", attempt.rule, attempt.trigger)
    if not attempt.made:
        return ["subject and object are the same entity"]
    a = attempt.made[0]
    guard = linker.guards.rules.get(a.predicate)
    why = guard.failure(a, linker.guards.grammars) if guard else None
    if why:
        return [f"found {_relation(a)}, dropped by the guard of {a.predicate!r}: {why}"]
    return [f"found {_relation(a)}, but a rule that is not a fallback fired on this word"]


def _relation(a: Assertion) -> str:
    obj = getattr(a.object, "name", a.object)
    return f"{a.subject.name} —{a.predicate}→ {obj}"


def _trigger_misses(linker: Linker, docs: list[Doc]) -> list[Verdict]:
    """Rules whose trigger word occurs with another part of speech than the rule wants."""
    out = []
    for doc in docs:
        for tok in doc:
            for rule in linker.by_lemma.get(tok.lemma_.lower(), ()):
                if rule.trigger_pos and tok.pos_ not in rule.trigger_pos:
                    why = f"trigger `{tok.text}` is {tok.pos_}, the rule wants {'|'.join(sorted(rule.trigger_pos))}"
                    out.append(Verdict(rule, tok, why_not=[why]))
    return out


def explain(nlp: Language, text: str, rules: list[Rule]) -> Explanation:
    """Annotate and link ``text`` as a build does and say, rule by rule, what happened."""
    annotated = annotate_sentence(nlp, text)
    trace = Trace()
    linker = Linker(rules, trace)
    final = linker.link(annotated)
    kept = {id(a) for a in final}
    verdicts = _trigger_misses(linker, [d for _, d in annotated.docs])
    for attempt in trace.attempts:
        fired = [a for a in attempt.made if id(a) in kept]
        verdicts.append(Verdict(attempt.rule, attempt.trigger, fired,
                                [] if fired else _why_not(attempt, linker)))
    order = {r.id: i for i, r in enumerate(rules)}
    verdicts.sort(key=lambda v: (v.trigger.i, order[v.rule.id]))
    refs = _references(annotated.docs, trace.discourse)
    return Explanation(text, [d for _, d in annotated.docs], verdicts, final, refs)


def _references(docs: list, discourse) -> list[str]:
    """One line per pronoun (and "the latter"): the person it was taken to mean and why."""
    out = []
    for passage, doc in docs:
        for tok in doc:
            found = discourse.at(passage.index, tok) if discourse is not None else None
            if found is not None:
                who = " and ".join(m.name for m in found.mentions) or "nobody (left unresolved)"
                out.append(f"`{tok.text}` (word {tok.i + 1}) → {who}: {found.why}")
    return out
