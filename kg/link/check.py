"""Check rule files as a historian needs: every rule compiles, names a known predicate, and
its own examples hold — each ``examples.match`` sentence yields the rule's predicate between
entities of the declared types, no ``examples.no_match`` sentence does. Every problem of every
file is collected (one :class:`Problem` each), not only the first.

>>> [p.line() for p in static_problems(["no/such/file.toml"])]
['no/such/file.toml: file not found']
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

from spacy.language import Language

from kg.annotate import AnnotatedDocument, annotate_document
from kg.data_files import load_toml
from kg.errors import KGError, RuleError
from kg.link import Linker
from kg.link.rules import (Rule, compile_rule, default_rule_files, known_predicates, load_rule_file,
                           predicate_problem)
from kg.model import Assertion, Document, Mention, Passage

__all__ = ["Problem", "check_files", "example_problem", "known_predicates", "run_example",
           "sentence_document", "static_problems"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem of a rule file: the file, the rule id (if any) and what is wrong."""

    file: str
    rule: str | None
    problem: str
    malformed: bool = True  # the file or rule cannot be used at all (else: it runs, wrongly)

    def line(self) -> str:
        """``file [rule]: problem`` on one line."""
        where = f"{self.file} [{self.rule}]" if self.rule else self.file
        return f"{where}: {self.problem}"


@lru_cache(maxsize=1)
def _raw_rules(path: str) -> tuple[list[dict], list[Problem]]:
    try:
        data = load_toml(Path(path).resolve())
    except KGError as err:
        return [], [Problem(path, None, getattr(err, "problem", str(err)))]
    raws = data.get("rule", [])
    if not isinstance(raws, list) or not raws or not all(isinstance(r, dict) for r in raws):
        return [], [Problem(path, None, "no [[rule]] tables found")]
    return raws, []


def compile_file(path: str) -> tuple[list[Rule], list[Problem]]:
    """The rules of one file that compile, and a problem for each one that does not or that
    names an unknown predicate (rules with an unknown predicate are still returned)."""
    raws, problems = _raw_rules(path)
    rules: list[Rule] = []
    for index, raw in enumerate(raws, 1):
        try:
            rule = compile_rule(raw, path, index)
        except RuleError as err:
            problems.append(Problem(path, err.item, err.problem))
            continue
        why = predicate_problem(rule.predicate)
        if why:
            problems.append(Problem(path, rule.id, f"field 'predicate': {why}", False))
        rules.append(rule)
    return rules, problems


def static_problems(paths: Iterable[str | Path]) -> list[Problem]:
    """Problems found without the model: compiling, predicates, duplicate ids."""
    return _compile_all(paths)[1]


def _compile_all(paths: Iterable[str | Path]) -> tuple[list[Rule], list[Problem]]:
    rules: list[Rule] = []
    problems: list[Problem] = []
    seen = _shipped_ids(paths)  # a shipped id in a file of one's own: kg build refuses it
    for path in map(str, paths):
        found, bad = compile_file(path)
        problems += bad
        for rule in found:
            if rule.id in seen:
                problems.append(Problem(path, rule.id, f"duplicate rule id (also in {seen[rule.id]})"))
            seen.setdefault(rule.id, path)
        rules += found
    return rules, problems


def _shipped_ids(paths: Iterable[str | Path]) -> dict[str, str]:
    """Rule id → shipped file, for the shipped files not among ``paths``."""
    checked = {Path(p).resolve() for p in paths}
    return {rule.id: str(path) for path in default_rule_files() if path.resolve() not in checked
            for rule in load_rule_file(path)}


def sentence_document(text: str) -> Document:
    """A one-passage document holding ``text`` (a rule example, a sentence to explain)."""
    passage = Passage("t-1", "t.txt", 0, "body", text, tuple(range(len(text) + 1)))
    return Document(id="t-1", source="t.txt", path="t.txt", sha256="", passages=[passage])


def annotate_sentence(nlp: Language, text: str) -> AnnotatedDocument:
    """``text`` annotated as the build annotates a passage."""
    return annotate_document(nlp, sentence_document(text), text)


def run_example(nlp: Language, rule: Rule, text: str) -> list[Assertion]:
    """The relations ``rule`` alone yields on ``text``, after the guards (as in a build)."""
    return [a for a in Linker([rule]).link(annotate_sentence(nlp, text)) if a.evidence.rule == rule.id]


def _fits(rule: Rule, a: Assertion) -> bool:
    """The rule's predicate, between entities of the declared types."""
    if a.predicate != rule.predicate or a.subject.type not in rule.subject:
        return False
    return not isinstance(a.object, Mention) or a.object.type in rule.object


def example_problem(nlp: Language, rule: Rule, text: str, want: str) -> str | None:
    """None when the example holds; else why not (``want`` is ``match`` or ``no_match``)."""
    found = [a for a in run_example(nlp, rule, text) if _fits(rule, a)]
    if want == "match" and not found:
        return f"examples.match does not fire: {text!r} (see kg rules explain)"
    if want == "no_match" and found:
        a = found[0]
        obj = a.object.name if isinstance(a.object, Mention) else a.object
        return f"examples.no_match fires ({a.subject.name} {a.predicate} {obj}): {text!r}"
    return None


def example_problems(nlp: Language, rules: list[Rule]) -> list[Problem]:
    """A problem for each example of each rule that does not hold."""
    out = []
    for rule in rules:
        for want in ("match", "no_match"):
            for text in rule.examples.get(want, []):
                why = example_problem(nlp, rule, text, want)
                if why:
                    out.append(Problem(rule.source, rule.id, why, False))
    return out


def check_files(paths: Iterable[str | Path],
                load: Callable[[], Language]) -> tuple[list[Rule], list[Problem]]:
    """Every rule of ``paths`` and every problem: compiling, predicates, duplicates, examples
    (run by the pipeline ``load()`` returns, loaded only when a rule has examples); problems
    are listed by file, in file order."""
    paths = [str(p) for p in paths]
    rules, problems = _compile_all(paths)
    if any(r.examples for r in rules):
        problems += example_problems(load(), rules)
    order = {p: i for i, p in enumerate(paths)}
    return rules, sorted(problems, key=lambda p: order.get(p.file, len(order)))

