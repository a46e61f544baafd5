"""Show a :class:`~kg.link.explain.Explanation`: as text (the parse as an indented tree, the
entities, each rule whose trigger occurs and what happened, the relations), or as an offline
HTML page with displaCy's dependency view and the entities marked."""

from __future__ import annotations

import html
import re

from spacy import displacy
from spacy.tokens import Doc, Token

from kg.link.explain import Explanation, Verdict
from kg.model import Assertion

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>kg rules explain</title></head>
<body style="font-family: sans-serif; margin: 1em 2em">
<h1 style="font-size: 1.2em">{title}</h1>
<h2 style="font-size: 1em">Entities</h2>
{entities}
<h2 style="font-size: 1em">Dependency parse (word, part of speech · entity)</h2>
{parse}
<h2 style="font-size: 1em">Rules</h2>
<pre>{rules}</pre>
</body></html>
"""


def _token_line(tok: Token, depth: int) -> str:
    ent = f"  {tok.ent_type_}" if tok.ent_type_ else ""
    return f"{'  ' * depth}{tok.text}  ({tok.lemma_}, {tok.pos_}, {tok.dep_}){ent}"


def parse_tree(doc: Doc) -> list[str]:
    """Each sentence as an indented tree: a token, then its children one level deeper."""
    lines: list[str] = []

    def visit(tok: Token, depth: int) -> None:
        lines.append(_token_line(tok, depth))
        for child in tok.children:
            visit(child, depth + 1)

    for sent in doc.sents:
        visit(sent.root, 1)
    return lines


def relation_lines(a: Assertion, indent: str = "    ") -> list[str]:
    """A relation and its evidence, as two lines."""
    obj = getattr(a.object, "name", a.object)
    ev = a.evidence
    how = f", through a {ev.via} (certainty {ev.certainty:.2f})" if ev.via != "name" else ""
    lines = [f"{indent}{a.subject.name} —{a.predicate}→ {obj}  ({ev.modality}, confidence {ev.confidence:.2f}{how})",
             f"{indent}  evidence [{ev.start}:{ev.end}] rule {ev.rule}: \"{ev.quote}\""]
    for side in (a.subject, a.object):
        if getattr(side, "origin", "") == "reference":
            lines.append(f"{indent}  `{side.text}` taken as {side.antecedent}")
    return lines


def _verdict_lines(v: Verdict) -> list[str]:
    head = f"  {v.rule.id}  (trigger `{v.trigger.text}`, word {v.trigger.i + 1}): "
    if v.fired:
        return [head + "fired"] + [line for a in v.fired for line in relation_lines(a)]
    return [head + "did not fire"] + [f"    {why}" for why in v.why_not]


def format_explanation(e: Explanation) -> str:
    """The whole explanation as plain text."""
    lines = [f"Sentence: {e.text}", "", "Parse (text  (lemma, POS, dependency)  entity):"]
    for doc in e.docs:
        lines += parse_tree(doc)
    ents = [f"  {ent.text}  {ent.label_}" for doc in e.docs for ent in doc.ents]
    lines += ["", "Entities:"] + (ents or ["  (none)"])
    lines += ["", "Rules whose trigger occurs:"]
    lines += [line for v in e.verdicts for line in _verdict_lines(v)] or ["  (none)"]
    lines += ["", "References (whom each pronoun was taken to mean):"]
    lines += [f"  {line}" for line in e.references] or ["  (none)"]
    lines += ["", "Relations (all rules, after the guards):"]
    lines += [line for a in e.relations for line in relation_lines(a, "  ")] or ["  (none)"]
    return "\n".join(lines) + "\n"


def _dep_data(doc: Doc) -> dict:
    """displaCy's dependency data, each word tagged with its POS and entity type."""
    data = displacy.parse_deps(doc, {"collapse_punct": False, "collapse_phrases": False})
    for word, tok in zip(data["words"], doc):
        word["tag"] = f"{tok.pos_} · {tok.ent_type_}" if tok.ent_type_ else tok.pos_
    return data


def explanation_html(e: Explanation) -> str:
    """A self-contained page (no scripts, no network): entities, the parse, the rules."""
    ents = "".join(displacy.render(doc, style="ent", page=False) for doc in e.docs)
    parse = displacy.render([_dep_data(d) for d in e.docs], style="dep", manual=True, page=False,
                            options={"compact": True, "distance": 150})
    parse = re.sub(r"\b[0-9a-f]{32}\b", "kg-explain", parse)  # displaCy's random ids
    rules = "\n".join(line for v in e.verdicts for line in _verdict_lines(v)) or "(none)"
    return PAGE.format(title=html.escape(e.text), entities=ents, parse=parse, rules=html.escape(rules))
