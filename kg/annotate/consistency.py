"""Document-level label consistency: one name, one type within a document.

Each passage is a separate spaCy Doc; this pass looks at all of a document's Docs:

1. votes: every mention votes for its type under its name key (possessive removed).
   Gazetteer, name-shape and layout spans weigh more than the model's guesses, and the
   model's guesses of one name count as one opinion of the document (weight
   ``MODEL_OPINION`` shared by its labels, growing by ``MODEL_PER_GUESS`` a guess), since the
   model labels the same word the same way whatever the text says of it. The cues of
   each mention the model typed (:mod:`kg.annotate.type_cues`: "Avdeieff said", "in Ufa",
   "Bollati, the Italian Ambassador") add their weights; a name's shape cue counts once;
2. relabel: a model span whose key has a clear winner takes that type, and the decision
   is recorded with its votes and cues (:func:`harmonise` returns the records); a name the
   text defines ("X is a small town") gets the origin ``definition``;
3. drop: a lone capitalised word opening a sentence that the model guessed at and the
   document also writes in lower case ("State", "Cotton") is an ordinary word; a word
   naming a nationality ("German", "Germans") names no person, place or organisation;
4. fill: an unlabelled capitalised token equal to a known single-word PERSON name, or
   its plural ("those Stetskiis and Tals"), becomes a PERSON mention; a lone word the type
   mapper set aside (``doc.spans["kg_lone"]``) becomes a PLACE mention when the document's
   votes make that name a place.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.annotate.components import (LONE, institution_words, is_nationality, is_people_word, origin_of, origins,
                                   party_words)
from kg.annotate.first_names import is_first_name
from kg.annotate.lexical import POSSESSIVE
from kg.annotate.recase import ORIGINAL
from kg.annotate.type_cues import VOTED, TypeCues

if TYPE_CHECKING:
    from kg.annotate.recase import EnglishWords

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


def _tallies(docs: list[Doc], cues: TypeCues | None) -> dict[str, Tally]:
    tallies: dict[str, Tally] = defaultdict(Tally)
    for doc in docs:
        for ent in doc.ents:
            if ent.label_ == "DATE":
                continue
            key = name_key(ent.text)
            tally = tallies[key]
            tally.name, tally.mentions = tally.name or " ".join(ent.text.split()), tally.mentions + 1
            origin = origin_of(ent)
            if origin == "model" or _surname_guess(ent, origin):
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


def _surname_guess(ent: Span, origin: str) -> bool:
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


def harmonise(docs: list[Doc], cues: TypeCues | None = None, english: "EnglishWords | None" = None) -> list[dict]:
    """Make entity types consistent across the Docs of one document (in place); the
    decisions where the votes disagreed or a label changed, with their cues. ``english``:
    the dictionary whose verbs, adjectives and inflected nouns are ordinary words."""
    tallies = _tallies(docs, cues)
    winners = {key: t.winner() for key, t in tallies.items()}
    persons = {key for key, label in winners.items() if label == "PERSON" and " " not in key
               and not is_people_word(key)}
    common = {t.lower_ for doc in docs for t in doc if t.is_lower and t.is_alpha}
    if english is not None:
        common |= _dictionary_words(tallies, english)
    common -= {key for key, t in tallies.items() if t.strong or "name shape" in dict(t.shape.values())}  # "Mr. Brown" makes "Brown" a name here
    common -= institution_words()
    changed: set[str] = set()
    defined = _defined(tallies, winners, cues)
    fillers = persons - common  # an ordinary word ("Weather") the model once took for a name fills nothing
    kinds = _defined_fillers(docs, fillers, cues)  # "Brannock is a small town": no person
    placed = {key for key, t in tallies.items()  # a place by the text's cues, not only by guesses
              if winners[key] == "PLACE" and (t.cues["PLACE"] or t.strong["PLACE"])}
    fillers -= set(kinds)
    for doc in docs:
        ents = [_relabel(e, winners, persons, changed) for e in doc.ents
                if not _common_word(e, common) and not _nationality(e) and not _heading_word(e, english)]
        ents += _fill(doc, ents, fillers) + _fill(doc, ents, set(kinds), kinds, cues)
        ents += _places_set_aside(doc, ents, placed)
        doc.ents = filter_spans(ents)
        for ent in doc.ents:
            if name_key(ent.text) in defined and ent.label_ == winners[name_key(ent.text)] \
                    and origin_of(ent) in {"model", "consistency"}:
                origins(doc)[(ent.start_char, ent.end_char)] = "definition"
    return [tallies[k].record(k) for k in sorted(tallies) if k in changed or len(tallies[k].scores()) > 1]


def _defined(tallies: dict[str, Tally], winners: dict[str, str | None], cues: TypeCues | None) -> set[str]:
    """The names the text defines as what they won ("Heeney is a census-designated place"):
    their mentions' type is as sure as a name's structure (the resolver weighs it so)."""
    if cues is None:
        return set()
    weight = cues.definition.weight
    return {key for key, t in tallies.items() if winners.get(key) and t.top[winners[key]] >= weight}


def _dictionary_words(tallies: dict[str, Tally], english: "EnglishWords") -> set[str]:
    """Single words the model guessed at that are verbs or adjectives (or their forms) of the
    dictionary: "Handing", "Indulging" taken for places, "DETERMINED", "TELEGRAM" in capitals.
    A word in title case the model took for a person may be a surname (Brown, Young); a
    people's name in the plural ("Democrats") is a group's, a party's ("Liberal") its name."""
    out = set()
    for key, t in tallies.items():
        if key in party_words():
            continue
        label = t.model.most_common(1)[0][0] if t.model else None
        if (key.isalpha() and label in {"PERSON", "PLACE", "ORG", "EVENT", "WORK"}
                and (t.name.isupper() or label != "PERSON") and english.known(key, nouns=False)):
            out.add(key)
    return out


def _heading_word(ent: Span, english: "EnglishWords | None") -> bool:
    """A word of a heading in capitals ("TELEGRAM.", "ORDER:", "THE TYRANNY OF THE
    CRIMINALS") that the model guessed at alone and the dictionary has as a noun: no name."""
    if english is None or len(ent) != 1 or origin_of(ent) != "model":
        return False
    text = ent.doc.user_data.get(ORIGINAL) or ent.doc.text  # the source's case
    word = text[ent.start_char:ent.end_char]
    start, end = text.rfind("\n", 0, ent.start_char) + 1, text.find("\n", ent.end_char)
    line = text[start:end if end >= 0 else len(text)]
    letters = [c for c in line if c.isalpha()]
    return word.isupper() and all(c.isupper() for c in letters) and english.noun(word.lower())


def _nationality(ent: Span) -> bool:
    """'German', 'Germans' typed as a person, place or organisation by the model; another
    word for a people or its member ("Chinaman", "Southerner", "Negroes") typed as a person
    or a place (a party's members, "Communists", may name the party)."""
    if origin_of(ent) != "model" or len(ent) != 1:
        return False
    return is_nationality(ent.text) or ent.label_ in {"PERSON", "PLACE"} and is_people_word(ent.text)


def _common_word(ent: Span, common: set[str]) -> bool:
    """A lone capitalised word that the model guessed at, and that the document also uses
    in lower case ("State", "Cotton", "the Order", "for Eternity"), is an ordinary word, not a
    name — unless the document names it otherwise too ("Mr. Brown", a gazetteer name)."""
    return (len(ent) == 1 and ent.label_ != "DATE" and origin_of(ent) == "model"
            and ent.text.lower() in common)


def _relabel(ent: Span, winners: dict[str, str | None], persons: set[str], changed: set[str]) -> Span:
    key = name_key(ent.text)
    winner = "PERSON" if _plural_of(key, persons) and len(ent) == 1 else winners.get(key)
    origin = origin_of(ent)
    if ent.label_ == "DATE" or not (origin == "model" or _surname_guess(ent, origin)) or not winner \
            or winner == ent.label_:
        return ent
    span = Span(ent.doc, ent.start, ent.end, label=winner)
    origins(ent.doc)[(span.start_char, span.end_char)] = "consistency"
    changed.add(key)
    return span


def _fill(doc: Doc, ents: list[Span], persons: set[str], kinds: dict[str, str] | None = None,
          cues: TypeCues | None = None) -> list[Span]:
    """Unlabelled tokens equal to one of the ``persons`` words, or its plural, as PERSON
    spans; with ``kinds``, as the type given there (words the text defines), unless the
    token's own cues speak of a person ("Cimatti's son": the founder, not his firm)."""
    taken = {i for e in ents for i in range(e.start, e.end)}
    made = []
    for tok in doc:
        if tok.i in taken or not tok.text[:1].isupper() or not tok.is_alpha:
            continue
        low = tok.text.casefold()
        if low in persons or kinds is None and _plural_of(low, persons):
            span = Span(doc, tok.i, tok.i + 1, label=kinds[low] if kinds else "PERSON")
            origin = "definition" if kinds else "consistency"
            if kinds and cues is not None and any(c.type == "PERSON" for c in cues.of(span)):
                span, origin = Span(doc, tok.i, tok.i + 1, label="PERSON"), "consistency"
            origins(doc)[(span.start_char, span.end_char)] = origin
            made.append(span)
    return made


def _defined_fillers(docs: list[Doc], fillers: set[str], cues: TypeCues | None) -> dict[str, str]:
    """Single words that would fill as persons but that the text defines as another kind of
    thing where the model left them unlabelled ("Brannock is a small market town", though
    named after "Hugh Brannock"): the word → the type of its definition."""
    out: dict[str, str] = {}
    if cues is None:
        return out
    for doc in docs:
        for tok in doc:
            if not tok.ent_type_ and tok.text.casefold() in fillers:
                cue = cues.definition.of(doc, tok.i + 1)
                if cue is not None and cue.type != "PERSON":
                    out[tok.text.casefold()] = cue.type
    return out


def _places_set_aside(doc: Doc, ents: list[Span], placed: set[str]) -> list[Span]:
    """Lone words the model took for organisations and the type mapper set aside ("left
    Cookeville") that the document's cues name as a place elsewhere ("fall off at
    Cookeville"): ``placed``, the name keys."""
    taken = {i for e in ents for i in range(e.start, e.end)}
    made = []
    for span in doc.spans[LONE] if LONE in doc.spans else ():
        if name_key(span.text) in placed and span.start not in taken:
            made.append(Span(doc, span.start, span.end, label="PLACE"))
            origins(doc)[(span.start_char, span.end_char)] = "consistency"
    return made


def _plural_of(key: str, persons: set[str]) -> bool:
    """'stetskiis' is the plural of the person name 'stetskii'."""
    return key.endswith("s") and key[:-1] in persons
