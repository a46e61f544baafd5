"""Document-level label consistency: one name, one type within a document.

Each passage is a separate spaCy Doc; this pass looks at all of a document's Docs:

1. votes (:mod:`kg.annotate.votes`): every mention votes for its type under its name key
   (possessive removed).
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
   its plural ("those Stetskiis and Tals"), becomes a PERSON mention ("the Zlokasoffs", a
   family, a GROUP one); a lone word the type
   mapper set aside (``doc.spans["kg_lone"]``) becomes a PLACE mention when the document's
   votes make that name a place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.annotate.components import (LONE, institution_words, is_nationality, is_people_word, origin_of, origins,
                                   party_words)
from kg.annotate.lexical import capitals
from kg.annotate.recase import ORIGINAL
from kg.annotate.names import is_not_name, is_surname_shaped
from kg.annotate.titles import title_word
from kg.annotate.type_cues import TypeCues
from kg.annotate.votes import Tally, name_key, surname_guess, tallies as _tallies

if TYPE_CHECKING:
    from kg.annotate.recase import EnglishWords


def harmonise(docs: list[Doc], cues: TypeCues | None = None, english: "EnglishWords | None" = None) -> list[dict]:
    """Make entity types consistent across the Docs of one document (in place); the
    decisions where the votes disagreed or a label changed, with their cues. ``english``:
    the dictionary whose verbs, adjectives and inflected nouns are ordinary words."""
    tallies = _tallies(docs, cues)
    winners = {key: t.winner() for key, t in tallies.items()}
    persons = person_words(winners)
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
    families = persons - {name_key(e.text) for doc in docs for e in doc.ents if e.kb_id_}  # "the Lenins": men like him
    unknown = unknown_surnames(docs, cues, common | set(tallies))  # "Yakhontov admitted": a name the model missed
    for doc in docs:
        ents = [_relabel(e, winners, persons, changed, families) for e in doc.ents
                if not _common_word(e, common) and not _nationality(e) and not _heading_word(e, english)]
        ents += _fill(doc, ents, fillers, families=families) + _fill(doc, ents, set(kinds), kinds, cues)
        ents += _fill(doc, ents, unknown) if unknown else []
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


ADJECTIVE_LIKE = ("ian", "yan", "man")  # surname endings that adjectives and nouns share


def unknown_surnames(docs: list[Doc], cues: TypeCues | None, known: set[str]) -> set[str]:
    """Surname-shaped words no one labelled ("Yakhontov admitted", "Yakhontov was found
    guilty") that the text treats as a person's name: the context cues of their mentions
    speak of a person and never of a place or a body. ``known``:
    words the document writes in lower case or names already."""
    if cues is None:
        return set()
    weights: dict[str, int] = {}
    for doc in docs:
        for tok in (doc[i] for i in capitals(doc)):  # a surname-shaped word has its capital
            low = tok.text.casefold()
            if tok.ent_type_ or low in known or not tok.is_alpha or tok.is_upper or not is_surname_shaped(tok.text) \
                    or low.endswith(ADJECTIVE_LIKE) or title_word(tok.text):
                continue  # "Siberian", "Tolstoian" are adjectives, "Hetman" a title
            found = [c for c in cues.of(Span(doc, tok.i, tok.i + 1, "PERSON")) if c.kind == "context"]
            other = any(c.type != "PERSON" for c in found)
            weights[low] = -99 if other else weights.get(low, 0) + sum(c.weight for c in found)
    return {low for low, weight in weights.items() if weight >= 1}


def person_words(winners: dict[str, str | None]) -> set[str]:
    """The one-word names a document makes persons, which fill their other mentions; a
    people's word, a title or a word that is no name never does ("General" of "the General
    declared" is nobody, nor "Ah" of '"Ah!" he said').

    >>> sorted(person_words({"smirnov": "PERSON", "general": "PERSON", "germans": "PERSON", "ufa": "PLACE",
    ...                      "ah": "PERSON"}))
    ['smirnov']
    """
    return {key for key, label in winners.items() if label == "PERSON" and " " not in key
            and not is_people_word(key) and not title_word(key.title()) and not is_not_name(key)}


def _common_word(ent: Span, common: set[str]) -> bool:
    """A lone capitalised word that the model guessed at, and that the document also uses
    in lower case ("State", "Cotton", "the Order", "for Eternity"), is an ordinary word, not a
    name — unless the document names it otherwise too ("Mr. Brown", a gazetteer name)."""
    return (len(ent) == 1 and ent.label_ != "DATE" and origin_of(ent) == "model"
            and ent.text.lower() in common)


def _relabel(ent: Span, winners: dict[str, str | None], persons: set[str], changed: set[str],
             families: set[str]) -> Span:
    key = name_key(ent.text)
    winner = _plural_kind(ent.doc, ent.start, families) if _plural_of(key, persons) and len(ent) == 1 else winners.get(key)
    origin = origin_of(ent)
    if ent.label_ == "DATE" or not (origin == "model" or surname_guess(ent, origin)) or not winner \
            or winner == ent.label_:
        return ent
    span = Span(ent.doc, ent.start, ent.end, label=winner)
    origins(ent.doc)[(span.start_char, span.end_char)] = "consistency"
    changed.add(key)
    return span


def _fill(doc: Doc, ents: list[Span], persons: set[str], kinds: dict[str, str] | None = None,
          cues: TypeCues | None = None, families: frozenset[str] | set[str] = frozenset()) -> list[Span]:
    """Unlabelled tokens equal to one of the ``persons`` words, or its plural, as PERSON
    spans ("the" before a plural: a family, GROUP); with ``kinds``, as the type given there (words the text defines), unless the
    token's own cues speak of a person ("Cimatti's son": the founder, not his firm)."""
    taken = {i for e in ents for i in range(e.start, e.end)}
    made = []
    for tok in doc:
        if tok.i in taken or not tok.text[:1].isupper() or not tok.is_alpha:
            continue
        low = tok.text.casefold()
        if low in persons or kinds is None and _plural_of(low, persons):
            label = kinds[low] if kinds else "PERSON" if low in persons else _plural_kind(doc, tok.i, families)
            span = Span(doc, tok.i, tok.i + 1, label=label)
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


def _plural_kind(doc: Doc, i: int, families: set[str] | frozenset[str]) -> str:
    """A person's name in the plural: "the Zlokasoffs" are a family (GROUP) when
    ``families`` has the name; "those Stetskiis and Tals", "the Lenins and the Sverdlovs"
    (a famous name, a gazetteer's), people like him (PERSON)."""
    word = doc[i].text.casefold()
    family = word.endswith("s") and word[:-1] in families
    return "GROUP" if family and i > 0 and doc[i - 1].lower_ == "the" else "PERSON"


def _plural_of(key: str, persons: set[str]) -> bool:
    """'stetskiis' is the plural of the person name 'stetskii'."""
    return key.endswith("s") and key[:-1] in persons
