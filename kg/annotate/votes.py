"""The votes for the type of one name in one document (:func:`kg.annotate.consistency.harmonise`
decides by them).

Every mention votes under its name key: the model's guesses of a name count together as one
opinion of the document, and so does the surname shape of a lone word the name rules made a
person; gazetteer, layout and name-shape spans and full names ("Emil Eichhorn" for a later
"Eichhorn") weigh more; the cues of each guessed mention (:mod:`kg.annotate.type_cues`) add
their weights, a name's ending once. Every weight is recorded with the cue behind it.

>>> t = Tally(name="Fastov", model=Counter({"PLACE": 1}), cues=Counter({"PLACE": 3}))
>>> t.shape["PERSON"] = ("name shape", MODEL_OPINION)
>>> t.winner(), t.scores()
('PLACE', {'PLACE': 4.62, 'PERSON': 1.5})
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from kg.annotate.components import is_nationality, origin_of
from kg.annotate.first_names import is_first_name
from kg.annotate.lexical import POSSESSIVE
from kg.annotate.type_cues import VOTED, TypeCues

WEIGHTS = {"gazetteer": 3, "shape": 2, "layout": 2, "definition": 2, "consistency": 1, "model": 1}
STRONG_NAMES = {"gazetteer": "gazetteer", "shape": "name shape", "layout": "layout", "definition": "definition",
                "consistency": "document's votes", "model": "model"}
SURNAME_WEIGHT = 3
MODEL_OPINION = 1.5  # the model's guesses of one name, together ...
MODEL_PER_GUESS = 0.125  # ... plus this much per guess
MAX_CUES_LISTED = 6


def name_key(text: str) -> str:
    """'Bukharin's' → 'bukharin'; keys compare names regardless of case and possessive."""
    text = " ".join(text.split())
    for suffix in POSSESSIVE:
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            text = text[: -len(suffix)]
            break
    return text.casefold()


@dataclass(slots=True)
class Tally:
    """The votes for the type of one name in one document."""

    name: str = ""
    mentions: int = 0
    model: Counter = field(default_factory=Counter)  # the model's labels
    strong: Counter = field(default_factory=Counter)  # gazetteer, shape, layout labels; full names
    cues: Counter = field(default_factory=Counter)  # weights of the context cues, by type
    shape: dict[str, tuple[str, int]] = field(default_factory=dict)  # a shape cue, once: type → (why, weight)
    why: Counter = field(default_factory=Counter)  # "PERSON: 'said' after" → times
    strong_why: Counter = field(default_factory=Counter)  # "PLACE: gazetteer" → times
    top: Counter = field(default_factory=Counter)  # the weight of the strongest cue, by type
    heads: set[str] = field(default_factory=set)  # the types the name's head word gives

    def scores(self) -> dict[str, float]:
        """The weight of each type. A name whose head word makes it an institution or a
        place ("Board of Health", "Far Eastern Republic") is no person whatever its
        surroundings say: the context cues for a person do not count."""
        total = sum(self.model.values())
        opinion = MODEL_OPINION + total * MODEL_PER_GUESS
        out: Counter = Counter()
        for label, n in self.model.items():
            out[label] += opinion * n / total
        out.update(self.strong)
        out.update(self.cues)
        if self.heads and "PERSON" not in self.heads:
            out["PERSON"] -= self.cues["PERSON"]
        for label, (_, weight) in self.shape.items():
            out[label] += weight
        return {k: round(v, 2) for k, v in out.items() if v > 0}

    def winner(self) -> str | None:
        """The type with the most weight, if it has more than any other."""
        ranked = sorted(self.scores().items(), key=lambda kv: -kv[1]) + [("", 0.0)]
        return ranked[0][0] if ranked[0][1] > ranked[1][1] else None

    def record(self, key: str) -> dict:
        """The decision as report.json lists it."""
        cues = [f"{why} ×{n}" if n > 1 else why for why, n in self.why.most_common(MAX_CUES_LISTED)]
        cues += [f"{label}: {why}" for label, (why, _) in sorted(self.shape.items())]
        cues += [f"{why} ×{n}" if n > 1 else why for why, n in sorted(self.strong_why.items())]
        if self.heads and "PERSON" not in self.heads and self.cues["PERSON"]:
            cues.append("PERSON: context cues set aside (head word)")
        return {"name": self.name or key, "type": self.winner(), "mentions": self.mentions,
                "model": dict(sorted(self.model.items())), "scores": dict(sorted(self.scores().items())),
                "cues": cues}


def tallies(docs: list[Doc], cues: TypeCues | None) -> dict[str, Tally]:
    tallies: dict[str, Tally] = defaultdict(Tally)
    for doc in docs:
        for ent in doc.ents:
            if ent.label_ == "DATE":
                continue
            key = name_key(ent.text)
            tally = tallies[key]
            tally.name, tally.mentions = tally.name or " ".join(ent.text.split()), tally.mentions + 1
            origin = origin_of(ent)
            if origin == "model" or surname_guess(ent, origin):
                if origin == "model":
                    tally.model[ent.label_] += 1
                else:  # the word's shape: one opinion of the document, like the model's
                    tally.shape.setdefault(ent.label_, ("name shape", MODEL_OPINION))
                if cues is not None and ent.label_ in VOTED:
                    _add_cues(tally, cues.of(ent))
            else:
                tally.strong[ent.label_] += WEIGHTS[origin]
                tally.strong_why[f"{ent.label_}: {STRONG_NAMES[origin]}"] += 1
            if _full_name(ent):
                # a full name settles what its surname is in this document ("Emil Eichhorn"
                # then "Eichhorn", which the model may take for a place)
                surname = tallies[name_key(ent[-1].text)]
                surname.strong["PERSON"] += SURNAME_WEIGHT * WEIGHTS[origin]
                surname.strong_why[f"PERSON: full name '{' '.join(ent.text.split())}'"] += 1
    return tallies


def _full_name(ent: Span) -> bool:
    """A person's name of several words that ends in a surname: not "Helen of Greece", "King
    of Romania" (a place), not "di Leonessa" (no name opens it), not "FK Fyllingsdalen" (an
    organisation's words)."""
    last = ent[-1]
    return (ent.label_ == "PERSON" and len(ent) > 1 and not ent[0].is_lower and last.is_alpha and len(last) > 2 and not last.is_stop
            and ent[-2].lower_ != "of" and not is_nationality(last.text) and not _no_person(ent.text))


def surname_guess(ent: Span, origin: str) -> bool:
    """A lone word the name rules made a person for its surname shape alone ("Fastov" after
    "in"): like the model's, a guess from the word, not from what the text says of it."""
    return (origin == "shape" and ent.label_ == "PERSON" and len(ent) == 1 and not ent.kb_id_
            and not is_first_name(ent.text))


def _no_person(name: str) -> bool:
    """A name whose words say it is no person's ("FK Fyllingsdalen"): its last word is no surname."""
    from kg.resolve.name_types import structure_type  # shared with resolve (lazy: no cycle)

    return structure_type(name, "PERSON") is not None


def _add_cues(tally: Tally, found) -> None:
    for cue in found:
        if cue.kind == "ending":  # the name's shape: once per name
            tally.shape.setdefault(cue.type, (cue.why, cue.weight))
        else:
            if cue.kind == "head":
                tally.heads.add(cue.type)
            tally.cues[cue.type] += cue.weight
            tally.why[f"{cue.type}: {cue.why}"] += 1
            tally.top[cue.type] = max(tally.top[cue.type], cue.weight)
