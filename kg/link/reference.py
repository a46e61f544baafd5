"""Person references: who "he", "she", "his", "her" and "they" are, and how sure that is.

A :class:`Discourse` reads a document's passages in order, before the rules run on each.
Every person named gains salience by the role of the mention (:mod:`kg.link.mention_roles`);
salience falls with each sentence and lapses after a few, but a person the document names
often stays a candidate. Each pronoun is resolved where it stands, in text order, to the
most salient person whose sex agrees and who is not bound in the pronoun's own clause
("Muller saw him": not Muller); a resolved pronoun adds to its person's salience, so a
biography's "he ... he ... his" stays with its subject. "they" is the persons coordinated
just before ("Karl and Rosa ... They"). The certainty is a probability learned from
coreference gold (:mod:`kg.link.reference_model`); below a threshold the pronoun stays
unresolved and no relation is made. Settings: ``kg/data/link/reference.toml``.

>>> import spacy
>>> from spacy.tokens import Span
>>> from kg.model import Mention
>>> nlp = spacy.blank("en"); _ = nlp.add_pipe("sentencizer")
>>> doc = nlp("Karl Muller was born at Kassel. In 1902 he was elected mayor.")
>>> doc.ents = [Span(doc, 0, 2, "PERSON")]
>>> karl = Mention("d-1", "d.txt", 0, 11, "Karl Muller", "PERSON", 0, name="Karl Muller")
>>> talk = Discourse()
>>> talk.read(0, doc, lambda i: (doc.ents[0], karl) if i < 2 else None)
>>> found = talk.at(0, doc[9])
>>> found.mentions[0].name, found.certainty > 0.7
('Karl Muller', True)
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter
from functools import lru_cache
from typing import Callable

from spacy.attrs import LOWER, ORTH
from spacy.tokens import Doc, Span, Token

from kg.annotate.gender import gender
from kg.link.groups import REST, couple, group_size, group_word, rest
from kg.link.mention_roles import PRONOUNS, clause_between, name_role, pronoun_role, settings
from kg.link.person_nouns import (apposed_noun, lexicon, named_apposition, noun_sex, person_noun,
                                   phrase_start, predicative, title_only)
from kg.link.reference_model import certainty
from kg.link.referents import CLOSE_QUOTES, OPEN_QUOTES, Referent, Resolution, core, quote_depth, reason, sentences
from kg.link.titles import dominant, known_titles
from kg.model import Mention
from kg.resolve.keys import split_title, translit_key

EntityAt = Callable[[int], "tuple[Span, Mention] | None"]
RELATIVE_WHO = {"who", "whose", "that"}
ORDINALS = {"latter", "former"}
CLAUSE_MARKS = {";", ":"}


class Discourse:
    """The persons of one document and the references to them, read passage by passage."""

    def __init__(self) -> None:
        self.sentence = 0.0  # the clock: one a sentence, half for a ';' or ':' inside one
        self.referents: dict[str, Referent] = {}
        self.found: dict[tuple[int, int], Resolution] = {}
        self.groups: list[tuple[int, list[Referent]]] = []  # coordinated persons, by sentence
        self.topic: Referent | None = None  # the subject a passage opens with
        self.subjects: list[tuple[Span, Referent]] = []
        self.offices: dict[str, tuple[float, str]] = {}  # title → (when, holder) by relations

    def at(self, passage: int, tok: Token) -> Resolution | None:
        """The resolution of the pronoun ``tok`` of passage ``passage``, if it was read."""
        return self.found.get((passage, tok.i))

    def read(self, passage: int, doc: Doc, entity: EntityAt) -> None:
        """Read one passage: its persons' mentions and its pronouns, in text order."""
        quoted, self.topic = 0, None
        watched = _watched(doc, entity)
        for n, (start, end) in enumerate(sentences(doc)):
            begun = self.sentence
            quoted = self._sentence(passage, doc[start:end], entity, quoted,
                                    watched[bisect_left(watched, start):bisect_left(watched, end)])
            if n == 0:
                self.topic = self._opening_subject(begun)
            self.sentence = float(int(begun) + 1)

    def _opening_subject(self, begun: float) -> Referent | None:
        """The person a passage opens with as subject (named or referred to): its topic."""
        for ref in self.referents.values():
            if ref.mention is not None and any(at >= begun and role == "subject"
                                               for at, _, role in ref.events[-3:]):
                first = min(at for at, _, role in ref.events if at >= begun and role == "subject")
                if first == begun or first < begun + 0.5:
                    return ref
        return None

    def _sentence(self, passage: int, sent: Span, entity: EntityAt, quoted: int, watched: list[int]) -> int:
        named: list[tuple[Span, Referent]] = []
        self.subjects = []  # persons a subject pronoun of this sentence was taken to mean
        for tok in (sent.doc[i] for i in watched):
            quoted = quote_depth(tok, quoted)
            hit = entity(tok.i)
            if tok.text in CLAUSE_MARKS:
                self.sentence += 0.5
            elif hit is not None and hit[0].start == tok.i and hit[1].type == "PERSON" \
                    and title_only(hit[1].name or hit[1].text):  # "the Emperor" as a name
                self._unnamed(hit[0][-1], sent, named)
            elif hit is not None and hit[0].start == tok.i and hit[1].type == "PERSON":
                ref = self._referent(hit[1])
                self._mention(ref, hit[0], sent, named)
                ref.names.append(self.sentence)
            elif hit is None and group_word(tok, sent.start):  # "both men", "the two brothers"
                self._group(passage, tok, named)
            elif hit is None and person_noun(tok.doc, tok.i, sent.start) \
                    and not predicative(tok.doc, tok.i, sent.start) \
                    and not named_apposition(tok.doc, tok.i, sent.start):  # "the secretary, X,"
                self._unnamed(tok, sent, named)
            elif hit is None and tok.lower_ in PRONOUNS:
                self._pronoun(passage, tok, named, quoted > 0)
            elif hit is None and tok.lower_ in RELATIVE_WHO:
                self._relative(tok, sent, named)
            elif hit is None and tok.lower_ in ORDINALS and tok.i > sent.start \
                    and tok.doc[tok.i - 1].lower_ == "the":
                self._latter(passage, tok, named)
        self._coordinations(sent.doc, named)
        return quoted

    def _mention(self, ref: Referent, span: Span, sent: Span, named: list) -> None:
        role = name_role(span, sent, len(named))
        ref.events.append((self.sentence, settings().weights[role], role))
        named.append((span, ref))

    def _unnamed(self, tok: Token, sent: Span, named: list) -> None:
        """"the officer", "his wife", "the soldiers": a person or persons with no name — or,
        for a title a named person of the document holds ("the Emperor"), that person."""
        sex, span = noun_sex(tok.doc, tok.i), tok.doc[phrase_start(tok.doc, tok.i, sent.start):tok.i + 1]
        sex = sex if sex is not None else gender(tok.text)
        if sex == "plural":
            self.groups.append((self.sentence, []))
            return
        holder = self._title_holder(tok.lower_)
        key = f"anon:{tok.lower_}"
        ref = holder or self.referents.get(key)
        if ref is None or (holder is None and ref.salience(self.sentence) == 0):
            ref = self.referents[key] = Referent(key, None, sex)
        self._mention(ref, span, sent, named)

    def _title_holder(self, title: str) -> Referent | None:
        """The one named person whose name carries ``title`` (or the gazetteer's names of
        them: Nicholas II is a tsar, if named "Nicholas II"): among those salient now, else
        in the whole document, else the one named far more often than the others — unless
        the text later gave the title to someone else ("X became President"): then that
        person (a title passes from holder to holder)."""
        holders = [r for r in self.referents.values() if r.mention is not None
                   and (title in {w.strip(".").casefold() for w in r.mention.name.split()}
                        or title in known_titles(r.mention.key or ""))]
        recent = [r for r in holders if r.salience(self.sentence) > 0]
        if len(recent) == 1:
            return recent[0]
        later = self.offices.get(title)
        if later is not None and all(max(r.names, default=0.0) <= later[0] for r in holders):
            return next((r for r in self.referents.values() if r.mention is not None
                         and r.mention.name == later[1]), None)
        return holders[0] if len(holders) == 1 else _dominant(holders)

    def held(self, titles: list[str], mention: Mention) -> None:
        """A relation gave ``mention`` these titles ("X became President"), as of now."""
        for title in titles:
            self.offices[title] = (self.sentence, mention.name)

    def _relative(self, tok: Token, sent: Span, named: list) -> None:
        """"X, who ...": X is the subject of the clause "who" opens ("stated to X, that he ...":
        after a comma, "that" opens what was stated, not a clause about X)."""
        if named and tok.lower_ != "that" and tok.i - 2 >= sent.start and tok.doc[tok.i - 1].text == "," \
                and named[-1][0].end == tok.i - 1:
            named[-1][1].events.append((self.sentence, settings().weights["subject"], "subject"))

    def _latter(self, passage: int, tok: Token, named: list) -> None:
        """"the latter" / "the former": the person named last / last but one in the sentence
        before (or before it in this one, when two are named there); with fewer than two
        persons named there, nobody ("the latter" of two things)."""
        people = [r for _, r in named if r.mention is not None] or self._named_before()
        people = list({id(r): r for r in people}.values())
        pick = -1 if tok.lower_ == "latter" else -2
        if len(people) < 2:
            self.found[(passage, tok.i)] = Resolution(tok.lower_, [], 0.0, "fewer than two persons named before")
            return
        ref = people[pick]
        ref.events.append((self.sentence, settings().weights["subject"], "subject"))
        self.found[(passage, tok.i)] = Resolution(
            tok.lower_, [ref.mention], settings().certainty["single"],
            f"the {tok.lower_} of the persons named just before ({', '.join(r.mention.name for r in people[-2:])})",
            referents=[ref], best=ref.mention)

    def _named_before(self) -> list[Referent]:
        """Persons named (not only referred to) in the sentence before this one, by their
        latest name, oldest first: "the latter" looks no further back."""
        now = int(self.sentence)
        seen = [(max(r.names), r) for r in self.referents.values()
                if r.mention is not None and r.names and now - 1 <= max(r.names) < now]
        return [r for _, r in sorted(seen, key=lambda x: x[0])]

    def _pronoun(self, passage: int, tok: Token, named: list, quoted: bool) -> None:
        word = tok.lower_
        nxt = tok.doc[tok.i + 1].text if tok.i + 1 < len(tok.doc) else None
        role = pronoun_role(word, nxt)
        if nxt is not None and nxt.lower() in settings().address_titles:  # "her Majesty"
            self.found[(passage, tok.i)] = Resolution(word, [], 0.0, f"a title of address ({word} {nxt})")
            return
        if PRONOUNS[word][1] == 2:
            found = self._plural(word)
        else:
            found = self._singular(word, tok, role, named, quoted)
            for ref in found.referents:
                ref.events.append((self.sentence, settings().weights[role] * settings().pronoun, role))
                self._learn_sex(ref, word, found)
                if role == "subject":  # "He slandered him": him is not he
                    self.subjects.append((tok.doc[tok.i:tok.i + 1], ref))
        self.found[(passage, tok.i)] = found

    def _singular(self, word: str, tok: Token, role: str, named: list, quoted: bool) -> Resolution:
        sex = PRONOUNS[word][0]
        if PRONOUNS[word][2] == "reflexive" and _emphatic(tok):
            return Resolution(word, [], 0.0, "emphatic, after the noun it stresses")
        persons = sorted(named + self.subjects, key=lambda x: x[0].start)
        if PRONOUNS[word][2] == "reflexive" and persons and persons[-1][1].sex in (None, sex):
            ref = persons[-1][1]
            mentions = [ref.mention] if ref.mention is not None else []
            return Resolution(word, mentions, settings().certainty["single"],
                              f"{ref.label}, the person of its own clause", referents=[ref], best=ref.mention)
        if role == "possessor" and (joined := _joined_possessor(tok, persons)) is not None:
            return Resolution(word, [joined.mention], settings().certainty["single"],
                              f"{joined.label}, the name it is joined to", referents=[joined], best=joined.mention)
        bound = {id(r) for span, r in persons
                 if role == "object" and not clause_between(tok.doc, _past_relative(span), tok.i)}
        bound |= self._apposed(tok, persons)
        ranked = sorted(((self._score(r, sex), r) for r in self.referents.values()
                         if id(r) not in bound and r.sex in (None, sex)
                         and (r.salience(self.sentence) > 0 or r is self.topic)),
                        key=lambda x: (-x[0], x[1].key))
        return self._choose(word, role, ranked, quoted)

    def _apposed(self, tok: Token, persons: list) -> set[int]:
        """"Born in Rome, the daughter of A and B, she …": the phrase set before the pronoun is
        the pronoun's person, so neither A and B nor the phrase itself is its antecedent."""
        if PRONOUNS[tok.lower_][2] != "subject":  # "The emperor, his wife, ...": no apposition
            return set()
        found = apposed_noun(tok.doc, tok.i, tok.sent.start)
        if found is None:
            return set()
        start, noun = found
        anon = self.referents.get(f"anon:{tok.doc[noun].lower_}")
        return {id(r) for span, r in persons if start <= span.start < tok.i} | (
            {id(anon)} if anon is not None else set())

    def _score(self, ref: Referent, sex: str | None) -> float:
        unknown = settings().unknown_sex if ref.mention is not None else settings().unknown_sex_unnamed
        factor = unknown if ref.sex is None and sex is not None else 1.0
        topic = settings().passage_topic if ref is self.topic else 0.0
        return (ref.salience(self.sentence) + topic) * factor

    def _choose(self, word: str, role: str, ranked: list[tuple[float, Referent]], quoted: bool) -> Resolution:
        if not ranked:
            return Resolution(word, [], 0.0, "no person named in the sentences before")
        (top, ref), runner = ranked[0], (ranked[1][0] if len(ranked) > 1 else 0.0)
        at, last_role = ref.last()
        unnamed = max((sc for sc, r in ranked if r.mention is None and r is not ref), default=0.0)
        named = sum(1 for t in ref.names if self.sentence - t <= settings().topic_window)
        features = {"ratio": runner / top if top else 1.0, "sex_known": float(ref.sex is not None),
                    "topic": float(ref is self.topic),
                    "unnamed_ratio": unnamed / top if top else 0.0, "named": math.log1p(named),
                    "back": float(min(self.sentence - at, 6)), "quoted": float(quoted),
                    "candidates": float(min(len(ranked), 5)), "subject": float(role == "subject"),
                    "antecedent_subject": float(last_role == "subject")}
        sure = certainty(features)
        why = reason(ranked, self.sentence - at, sure)
        if ref.mention is None:
            return Resolution(word, [], sure, f"refers to {ref.label}, whom the text does not name: " + why,
                              features, [ref])
        if sure < settings().certainty["abstain"]:
            return Resolution(word, [], sure, "left unresolved: " + why, features, best=ref.mention)
        later = self._unnamed_since(ref, ranked)
        if later is not None:  # "X ... I found a charming man, Dr. N. He ...": not X for sure
            return Resolution(word, [], sure, f"left unresolved: {later.label}, whom the text does not "
                              f"name, came after {ref.label}; " + why, features, best=ref.mention)
        return Resolution(word, [ref.mention], sure, why, features, [ref], ref.mention)

    def _unnamed_since(self, ref: Referent, ranked: list[tuple[float, Referent]]) -> Referent | None:
        """A person the text does not name, of the pronoun's sex (or of either, as a subject),
        mentioned in the sentence before and after ``ref`` was last named or referred to — unless ``ref`` is the
        person the passage opens with: then the pronoun may be either, and is not guessed."""
        if ref is self.topic:
            return None
        at = ref.last()[0]
        later = [r for _, r in ranked if r.mention is None and at < r.last()[0]
                 and self.sentence - r.last()[0] <= 1 and (r.sex is not None or r.last()[1] == "subject")]
        return later[0] if later else None

    def _plural(self, word: str, skip_now: bool = False) -> Resolution:
        """The persons coordinated last, in this sentence or the one before (``skip_now``:
        not the empty group of a number just read: "the two" of "the two brothers")."""
        now = int(self.sentence) if skip_now else self.sentence  # a group phrase: by whole sentences
        recent = [g for at, g in self.groups if now - at <= 1 and (g or not skip_now or at < int(self.sentence))]
        if not recent:
            return Resolution(word, [], 0.0, "no persons coordinated in this sentence or the one before")
        group = recent[-1]
        if not group:
            return Resolution(word, [], 0.0, "the persons it stands for are not named (\"the soldiers\")")
        names = " and ".join(r.mention.name for r in group)
        return Resolution(word, [r.mention for r in group], settings().certainty["plural"],
                          f"the persons coordinated before: {names}", referents=list(group))

    def _group(self, passage: int, tok: Token, named: list) -> None:
        """"Both men", "the two brothers", "both": the persons coordinated just before, when
        a number the phrase gives agrees with how many they are; "the others", "the rest":
        those of them not named in this sentence. They stay the group "they" refers to next."""
        found = self._plural(tok.lower_, skip_now=True)
        wanted = group_size(tok)
        if tok.lower_ in REST:  # "A, B and C were arrested; A was shot, the others ...": B and C
            found = rest(found, {id(r) for _, r in named})
        elif found.mentions and wanted not in (None, len(found.mentions)):
            found = Resolution(tok.lower_, [], 0.0, f"{wanted} persons meant, {len(found.mentions)} coordinated before")
        self.found[(passage, tok.i)] = found
        if found.mentions:
            self.groups.append((self.sentence, list(found.referents)))

    def _learn_sex(self, ref: Referent, word: str, found: Resolution) -> None:
        """A pronoun that had one clear candidate teaches the sex of a name that does not show
        it ("Eivind Bolle ... He was born"): no rival came within ``learn`` of its salience."""
        clear = max(found.features.get("ratio", 1.0), found.features.get("unnamed_ratio", 1.0))
        if ref.sex is None and ref.mention is not None and clear <= settings().certainty["learn"] \
                and gender(ref.mention.name or ref.mention.text) is None:
            ref.sex = PRONOUNS[word][0]

    def _coordinations(self, doc: Doc, named: list[tuple[Span, Referent]]) -> None:
        """Persons joined by "and" or commas only ("Karl and Rosa", "A, B and C")."""
        run: list[Referent] = []
        for (a, ra), (b, rb) in zip(named, named[1:]):
            between = {t.lower_ for t in doc[a.end:b.start]}
            if between and between <= {",", "and", "&"} and ra is not rb:
                run = run or [ra]
                run.append(rb)
            elif len(run) > 1:
                break
        if len(run) < 2:
            run = couple(named)
        if len(run) > 1:  # with an unnamed person among them, "they" names nobody
            self.groups.append((self.sentence, run if all(r.mention for r in run) else []))

    def _referent(self, mention: Mention) -> Referent:
        key = self._key(mention)
        ref = self.referents.get(key)
        if ref is None:
            ref = self.referents[key] = Referent(key, mention, gender(mention.name or mention.text))
        elif ref.mention is None or len(core(mention)) > len(core(ref.mention)):
            ref.mention = mention
            ref.sex = gender(mention.name or mention.text) or ref.sex  # the name says more than a guess
        return ref

    def _key(self, mention: Mention) -> str:
        """The document-level key of a person: its name without titles; a one-word name is
        the one person already named whose name begins or ends with it — unless a title goes
        with it ("Mrs. Hilbery" may be the mother of Katharine Hilbery: its own key)."""
        title, core = split_title(mention.name or mention.text)
        words = translit_key(core).split()
        key = " ".join(words)
        if len(words) == 1 and title:
            return f"{translit_key(title)} {key}"
        if key in self.referents or len(words) != 1:
            return key
        sex = gender(mention.name or mention.text)
        fits = [k for k, r in self.referents.items() if r.mention is not None and len(k.split()) > 1
                and words[0] in (k.split()[0], k.split()[-1]) and r.sex in (None, sex or r.sex)]
        return fits[0] if len(fits) == 1 else key


def _past_relative(span: Span) -> int:
    """Where the clause of a person begins to count: after "who" right behind the person
    ("the officer who arrested him": the officer is the subject of "arrested"), and after
    "and" right behind a subject ("Makhno and his staff condemned him": a subject of two, not
    a new clause; but "stayed with Anna and spoke with her" opens one)."""
    doc = span.doc
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    joined = after == "and" and name_role(span, span.sent, 0) == "subject"
    return span.end + 1 if after in RELATIVE_WHO or joined else span.end


def _joined_possessor(tok: Token, persons: list) -> Referent | None:
    """"Makhno and his staff", "Karl and her sister": a possessive right after a named person
    and "and" is that person's (a sex that disagrees leaves it to the ranking) — but not in a
    list of one person's relatives ("his wife Anna, his son Peter and his daughters"), where
    the same word came before the name."""
    if tok.i < 2 or tok.doc[tok.i - 1].lower_ != "and":
        return None
    before = [(span, r) for span, r in persons if span.end == tok.i - 1 and r.mention is not None]
    if len(before) != 1 or before[0][1].sex not in (None, PRONOUNS[tok.lower_][0]):
        return None
    span, ref = before[0]
    if any(t.lower_ == tok.lower_ for t in tok.doc[tok.sent.start:span.start]):
        return None
    return ref


def _emphatic(tok: Token) -> bool:
    """"the Minister himself": a reflexive right after a capitalised word or a name stresses
    that noun; it refers to nobody named before."""
    prev = tok.doc[tok.i - 1] if tok.i else None
    return prev is not None and prev.text[:1].isupper() and prev.is_alpha


def _dominant(holders: list[Referent]) -> Referent | None:
    """The holder of a title named far more often than the others (:func:`kg.link.titles.dominant`)."""
    by_id = {id(r): r for r in holders}
    chief = dominant(Counter({id(r): len(r.names) for r in holders}))
    return by_id.get(chief) if chief is not None else None


def _watched(doc: Doc, entity: EntityAt) -> list[int]:
    """The tokens a sentence's reading acts on, in order (read from the token array): those
    of names, quotes and clause marks, and the words of person nouns, groups, pronouns and
    relative or ordinal references; the others change nothing."""
    strings, marks, words = doc.vocab.strings, _watched_marks(), _watched_words()
    return [i for i, (orth, low) in enumerate(doc.to_array([ORTH, LOWER]).tolist())
            if entity(i) is not None or strings[orth] in marks or strings[low] in words]


@lru_cache(maxsize=1)
def _watched_marks() -> frozenset[str]:
    return frozenset(OPEN_QUOTES | CLOSE_QUOTES | {'"'} | CLAUSE_MARKS)


@lru_cache(maxsize=1)
def _watched_words() -> frozenset[str]:
    return frozenset({"both", *REST, *lexicon()[0], *PRONOUNS, *RELATIVE_WHO, *ORDINALS})
