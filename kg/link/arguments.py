"""Find a rule's arguments: walk dependency paths, then map tokens to mentions.

A token reached by a path becomes an argument when it lies in an entity of an allowed type,
or through: coordination ("Kamenev and Zinoviev"), an appositive name ("a prominent
revolutionary, Iurii Larin"), a relative pronoun ("those who accused" → "those"), the
voice of a letter ("I" → its author, "you" → its recipient), or a third-person pronoun
("he", "her", "they") → the person the document's discourse (:mod:`kg.link.reference`) takes
it to mean, as a new mention of origin ``reference`` carrying how sure that is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token


from kg.annotate.components import NESTED
from kg.annotate.gender import gender
from kg.link.bodies import body_before
from kg.link.commas import (item_of_its_own, one_duration, region_of, repeated_preposition, scene,
                            semicolon_between)
from kg.link.gapping import foreign_role
from kg.link.person_nouns import describes_offspring, title_only
from kg.link.reference import ORDINALS, Discourse, Resolution
from kg.link.rules import Step
from kg.link.surface import event_before, place_before, surface_step, trailing_item
from kg.link.titles import TitleMemory
from kg.model import Mention, Passage

FIRST_PERSON = {"i", "me", "my", "myself", "mine"}
SECOND_PERSON = {"you", "your", "yourself", "yours"}
THIRD_PERSON = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}
PLURAL = {"they", "them", "their", "themselves"}
RELATIVE = {"who", "whom", "that", "which", "whose"}
PERSONAL_RELATIVE = {"whom"}  # a person, never a body or a place ("who" may be a party: "the Bolsheviks, who")
MAX_HOPS = 64
SUBJECTS = {"nsubj", "nsubjpass"}
NAMING = {"name", "call"}  # "a man named X", "an agent called Y"
NAME_DEPS = {"oprd", "dobj", "attr", "xcomp", "npadvmod"}


def walk(start: Token, steps: list[Step]) -> list[Token]:
    """Tokens reached from ``start`` by following ``steps``; linear in path length."""
    frontier = [start]
    for k, step in enumerate(steps):
        nxt = []
        for tok in frontier:
            if _shares_subject(tok, step, steps[k + 1:k + 2]) and _own_subject(tok):
                continue
            if k == len(steps) - 1 and step.up and describes_offspring(tok):
                continue  # "X, son of Y, born in Z": a path ending on Y; those going on to X pass
            nxt.extend(_step(tok, step))
        frontier = nxt[:MAX_HOPS]
        if not frontier:
            break
    return frontier


def _step(tok: Token, step: Step) -> list[Token]:
    if step.surface:
        return surface_step(tok, step.surface)
    if step.test:
        return [tok] if _lemma_ok(tok, step) else []
    if step.up:  # the label (and lemma) constrain the token we leave: "<prep:as"; the root stays itself
        ok = (step.deps is None or tok.dep_ in step.deps) and not _names_own(tok) \
            and not _plural_apposed_to_one(tok) \
            and not (tok.dep_ == "appos" and semicolon_between(tok.head, tok) and item_of_its_own(tok))
        return [tok.head] if ok and _lemma_ok(tok, step) else []
    found = [c for c in tok.children
             if (step.deps is None or c.dep_ in step.deps) and _lemma_ok(c, step) and not _intensifier(c)
             and not (c.dep_ in {"appos", "conj"} and semicolon_between(tok, c))
             and not (c.dep_ == "appos" and _after_listed_nouns(tok, c))]
    return [c for c in found if not scene(c, tok, found)]




def _after_listed_nouns(head: Token, child: Token) -> bool:
    """"his wife, son, four daughters, Dr. Botkin": a name after other nouns 'apposed' to
    the same word is an item of a list, not the apposition of the first."""
    return any(c.dep_ == "appos" and c.i < child.i and c.pos_ == "NOUN" and not c.ent_type_
               for c in head.children)


def _plural_apposed_to_one(tok: Token) -> bool:
    """"Kaplun; two members of the Bureau", "her secretary; two members of …": a plural noun
    is no apposition of one person ("Karl and Rosa, members of the party" is, of both)."""
    return tok.dep_ == "appos" and tok.tag_ == "NNS" and tok.head.tag_ in {"NN", "NNP"} \
        and not any(c.dep_ == "conj" for c in tok.head.children)


SHARING = {"conj", "advcl"}  # a clause that may take its subject from the clause it hangs on


def _shares_subject(tok: Token, step: Step, after: list[Step]) -> bool:
    """The steps '<conj >nsubj(pass)', '<advcl >nsubj': the subject a coordinated verb or a
    subordinate clause shares with the clause it hangs on."""
    return step.up and step.deps is not None and bool(step.deps & SHARING) and bool(after) \
        and not after[0].up and after[0].deps is not None and bool(after[0].deps & SUBJECTS)


def _own_subject(tok: Token) -> bool:
    """A coordinated verb or a subordinate clause with a subject of its own ("X was
    condemned, and six others were sentenced", "I listened while Bokaiev discussed with Y"):
    the subject of the clause before is not its subject."""
    return tok.dep_ in SHARING and tok.pos_ in {"VERB", "AUX"} and any(c.dep_ in SUBJECTS for c in tok.children)


def _named_noun(tok: Token) -> bool:
    """A noun with its own name right after it ("his wife Anna"): coordinated with a name,
    it is that person ("Karl and his wife Anna were arrested")."""
    return any(c.dep_ in {"appos", "compound"} and c.ent_type_ == "PERSON" and c.i > tok.i
               and c.left_edge.i == tok.i + 1 for c in tok.children)


def _names_own(tok: Token) -> bool:
    """A noun in apposition that has its own name right after it ("..., his son Peter and his
    daughter Maria"): it describes that name, not the word it hangs on (Anna of "his wife
    Anna, his son Peter")."""
    return tok.dep_ == "appos" and tok.pos_ == "NOUN" and _named_noun(tok)


def _intensifier(tok: Token) -> bool:
    """An emphatic reflexive ("the Minister himself") is no apposition to follow."""
    return tok.dep_ == "appos" and tok.tag_ == "PRP" and tok.lower_.endswith(("self", "selves"))


def _lemma_ok(tok: Token, step: Step) -> bool:
    return step.lemmas is None or tok.lemma_.lower() in step.lemmas or tok.lower_ in step.lemmas


def _after_own_apposition(trigger: Token, reached: list[Token], tok: Token) -> bool:
    """"Katanian (public prosecutor of the Gpu), and Soltz": a singular noun in apposition to
    a name is that name's alone, not the names coordinated after it ("Karl and Rosa, members
    of the party" is of both: a plural, after both)."""
    if any(t.i == tok.i for t in reached):
        return False
    for name in reached:
        appos = next((c for c in name.children if c.dep_ == "appos" and c.tag_ in {"NN", "NNP"}
                      and c.left_edge.i <= trigger.i <= c.right_edge.i), None)
        if appos is not None and tok.i > appos.right_edge.i and tok.head.i == name.i:
            return True
    return False


def with_conjuncts(tokens: list[Token], trigger: Token | None = None) -> list[Token]:
    """Add coordinated tokens: 'Kamenev and Zinoviev' → both; from a name, not through a
    common noun ('Kalinin and the dismissal of …' does not reach what follows), nor across a
    semicolon ('Marion, assistant manager; Landau, a reporter': each item has its own role),
    nor from a town to its region ('born in Lyon, France'); and the object of a repeated
    preposition ('in X and in Y'), unless the trigger is inside the first object's phrase
    ('lost to party candidate X and to independent candidate Y': the title is X's alone)."""
    out: list[Token] = []
    todo = list(tokens)
    while todo and len(out) < MAX_HOPS:
        tok = todo.pop(0)
        if tok not in out:
            out.append(tok)
            todo.extend(c for c in tok.children if c.dep_ == "conj" and not semicolon_between(tok, c)
                        and not region_of(tok, c) and not one_duration(tok, c)
                        and not (tok.pos_ == "PROPN" and c.pos_ == "NOUN" and not _named_noun(c))
                        and not _own_kin(c, trigger))
            last = trailing_item(tok)
            if last is not None:
                todo.append(last)
            if trigger is None or not any(t.i == trigger.i for t in tok.subtree):
                todo.extend(repeated_preposition(tok))  # "in the Butyrki and in the Lubyanka"
    return out


def _sex_fits(pronoun: Token, mention: Mention) -> bool:
    """'his' may be a man's or an unknown's, 'her' a woman's or an unknown's."""
    sex = gender(mention.name or mention.text)
    return sex is None or sex == {"his": "m", "her": "f"}.get(pronoun.lower_, sex)


def _own_kin(conjunct: Token, trigger: Token | None) -> bool:
    """"Lenin's widow, Krupskaya, and his sister Maria": a noun with its own possessor after
    a singular role noun's name is another tie of another person, not the same role."""
    return (trigger is not None and trigger.tag_ == "NN" and conjunct.pos_ == "NOUN"
            and any(g.dep_ == "poss" for g in conjunct.children))


@dataclass(slots=True)
class Voice:
    """Who 'I' and 'you' are in a passage; the document's persons and references to them."""

    speaker: Mention | None = None
    addressee: Mention | None = None
    discourse: Discourse = field(default_factory=Discourse)
    titles: TitleMemory = field(default_factory=TitleMemory)


class ArgumentFinder:
    """Maps tokens of one passage's Doc to argument mentions."""

    def __init__(self, passage: Passage, doc: Doc, mentions: dict[tuple[int, int], Mention],
                 voice: Voice) -> None:
        self.passage, self.doc, self.voice = passage, doc, voice
        self.by_token: dict[int, tuple[Span, Mention]] = {}
        self.inner: dict[int, tuple[Span, Mention]] = {}
        self.editorial = False
        for ent in doc.ents:
            self._index(ent, mentions, self.by_token)
        for span in doc.spans[NESTED] if NESTED in doc.spans else ():
            self._index(span, mentions, self.inner)

    def _index(self, span: Span, mentions: dict, table: dict) -> None:
        mention = mentions.get(self.passage.to_file(span.start_char, span.end_char))
        if mention is not None:
            for i in range(span.start, span.end):
                table[i] = (span, mention)

    def nested(self, span: Span) -> Mention | None:
        """The mention of a name nested inside a longer one."""
        hit = self.inner.get(span.start)
        return hit[1] if hit else None

    def entity(self, tok: Token) -> tuple[Span, Mention] | None:
        """The entity a token belongs to, if any."""
        return self.by_token.get(tok.i)

    def find(self, trigger: Token, paths: list[list[Step]], types: tuple[str, ...],
             exclude: set[str] = frozenset(), editorial: bool = False,
             union: bool = False) -> list[Mention]:
        """Mentions of the allowed types reached from ``trigger`` by the first of ``paths``
        that reaches any (by all of them with ``union``).

        ``editorial``: the trigger is in an editor's gloss, where "his"/"her" in a
        letter's body is the letter's author.
        """
        self.editorial = editorial
        found: list[Mention] = []
        for path in paths:
            reached = walk(trigger, path)
            for tok in [t for t in with_conjuncts(reached, trigger)
                        if not _after_own_apposition(trigger, reached, t)]:
                if tok.i == trigger.i and self.entity(tok) is None and path:
                    continue  # a path back to an unnamed title: "the President" is no argument of itself
                plural = self._plural(tok, types, exclude)
                for mention in plural if plural is not None else [self.resolve(tok, types, exclude)]:
                    if mention is not None and mention not in found and not self._gapped(trigger, mention):
                        found.append(mention)
            if found and not union:
                break
        return found

    def _gapped(self, trigger: Token, mention: Mention) -> bool:
        """A role of a gapped list that the words give to another name (:mod:`kg.link.gapping`)."""
        if mention.type != "PERSON" or mention.origin == "reference":
            return False
        span = next((s for s, m in self.by_token.values() if m is mention), None)
        return span is not None and foreign_role(trigger, span.start, span.end)

    def resolve(self, tok: Token, types: tuple[str, ...], exclude: set[str]) -> Mention | None:
        """One token → a mention of an allowed type, following the chains above."""
        personal = False  # reached through "whom": the antecedent is a person
        for _ in range(4):
            hit = self.entity(tok)
            if hit is not None and hit[1].type not in types:
                hit = self.inner.get(tok.i)
            if hit is not None and personal and hit[1].type in {"ORG", "PLACE"}:
                return None  # "the men from the Cheka whom he left": whom is a person, not the Cheka
            if hit is not None and hit[1].type == "PERSON" and title_only(hit[1].name or hit[1].text):
                titled = self.voice.titles.refer(self.passage.index, hit[0].root, exclude)  # "the Emperor"
                return titled if titled is not None and "PERSON" in types else None
            named = self._named(tok) if hit is None or len(hit[0]) == 1 else []  # "a Jew named X"
            if hit is not None and not named:
                return hit[1] if hit[1].type in types and not _indefinite(hit[0]) else None
            if named:  # "a Tchekist named Michelson": the name, whatever the noun is
                tok = named[0]
                continue
            low = tok.lower_
            if low == "there" and tok.dep_ == "advmod":
                return place_before(tok, self.entity, types)
            event = event_before(tok, self.entity, types) if "EVENT" in types else None
            if event is not None:
                return event
            body = body_before(tok, self.entity, types, self.passage)  # "expelled from the party"
            if body is not None:
                return body
            if "PERSON" in types and tok.tag_ in {"PRP", "PRP$"}:
                return self._pronoun(tok, low, exclude)
            if "PERSON" in types and low in ORDINALS:  # "the latter", "the former"
                found = self.voice.discourse.at(self.passage.index, tok)
                refs = self._referred(tok, found, exclude) if found is not None else []
                return refs[0] if refs else None
            if low in RELATIVE and tok.head.dep_ == "relcl":
                personal = low in PERSONAL_RELATIVE
                tok = tok.head.head
                continue
            appos = [c for c in tok.children if c.dep_ == "appos" and self.entity(c)
                     and self.entity(c)[1].name not in exclude  # "the son of the Kaiser, X": X is the son
                     and not semicolon_between(tok, c)]  # "A, manager; B, a reporter": two items
            if not appos:
                titled = self.voice.titles.refer(self.passage.index, tok, exclude)
                return titled if titled is not None and titled.type in types else None
            tok = appos[0]
        return None

    def _named(self, tok: Token) -> list[Token]:
        """'a Tchekist named Michelson', 'an agent called Rzhevsky': the name."""
        if tok.pos_ not in {"NOUN", "PROPN"}:
            return []
        return [n for c in tok.children if c.dep_ == "acl" and c.lemma_ in NAMING
                and not any(a.lower_ == "also" for a in c.children)  # a namesake
                for n in c.children if n.dep_ in NAME_DEPS and self.entity(n)]

    def _pronoun(self, tok: Token, low: str, exclude: set[str]) -> Mention | None:
        if low in FIRST_PERSON:
            return self._voiced(self.voice.speaker, tok)
        if low in SECOND_PERSON:
            return self._voiced(self.voice.addressee, tok)
        if low in THIRD_PERSON:
            if self.editorial and self.voice.speaker is not None:
                return self._voiced(self.voice.speaker, tok)
            partner = self._coordinated(tok)
            if partner is not None and partner.name not in exclude:
                return partner
            found = self.voice.discourse.at(self.passage.index, tok)
            refs = self._referred(tok, found, exclude) if found is not None else []
            return refs[0] if refs else None
        return None

    def _plural(self, tok: Token, types: tuple[str, ...], exclude: set[str]) -> list[Mention] | None:
        """"they", "them", "their": the persons the discourse coordinated just before
        (None: ``tok`` is no plural pronoun)."""
        if "PERSON" not in types:
            return None
        found = self.voice.discourse.at(self.passage.index, tok)
        if tok.tag_ not in {"PRP", "PRP$"}:  # "both men", "the two brothers" (reference.py)
            return self._referred(tok, found, exclude) if found is not None else None
        if tok.lower_ not in PLURAL:
            return None
        return self._referred(tok, found, exclude) if found is not None else []

    def _referred(self, tok: Token, found: Resolution, exclude: set[str]) -> list[Mention]:
        """New mentions at the pronoun for the persons a resolution took it to mean."""
        start, end = self.passage.to_file(tok.idx, tok.idx + len(tok))
        return [Mention(m.doc_id, m.source, start, end, tok.text, "PERSON", self.passage.index,
                        origin="reference", name=m.name, key=m.key, certainty=found.certainty,
                        antecedent=f"{m.name}: {found.why}")
                for m in found.mentions if m.name not in exclude]

    def _coordinated(self, tok: Token) -> Mention | None:
        """'Meier Bernheimer and his wife Sarah': 'his' is the person coordinated with its noun
        (also when a lifespan in brackets makes the parser attach the noun elsewhere:
        'the son of Johan Angell (1820 – 88) and his wife Marie')."""
        if tok.tag_ != "PRP$":
            return None
        noun = tok.head
        hit = self.entity(noun.head) if noun.dep_ == "conj" else None
        if hit is not None and hit[1].type == "PERSON" and not _kin_listed(hit[0]) and _sex_fits(tok, hit[1]):
            return hit[1]  # not across sexes: "Krupskaya, and his sister Maria" is Lenin's sister
        if tok.i > 0 and tok.doc[tok.i - 1].lower_ == "and":
            return self._person_before(tok, feminine=tok.lower_ == "her")
        return None

    def _person_before(self, tok: Token, feminine: bool) -> Mention | None:
        """The nearest person named before 'and' in the same sentence (brackets, dates
        and punctuation skipped), if the pronoun's gender fits."""
        for i in range(tok.i - 2, max(tok.sent.start, tok.i - 16) - 1, -1):
            prev = tok.doc[i]
            if prev.is_punct or prev.like_num or prev.is_space or prev.lower_ in {"–", "-", "c."}:
                continue
            hit = self.entity(prev)
            if hit is None or hit[1].type != "PERSON" or _kin_listed(hit[0]):
                return None
            return hit[1] if gender(hit[1].name) != ("m" if feminine else "f") else None
        return None

    def _voiced(self, who: Mention | None, tok: Token) -> Mention | None:
        if who is None:
            return None
        start, end = self.passage.to_file(tok.idx, tok.idx + len(tok))
        return Mention(who.doc_id, who.source, start, end, tok.text, "PERSON", self.passage.index,
                       origin="voice", name=who.name, key=who.key)

    def remember(self) -> None:
        """Read this passage into the document's discourse (its persons, the references to
        them) and remember the titles its persons are named with; before the rules run."""
        seen = set()
        for i, (ent, mention) in sorted(self.by_token.items()):
            if mention.type == "PERSON" and id(mention) not in seen and not title_only(mention.name or ent.text):
                seen.add(id(mention))
                self.voice.titles.record(self.passage.index, mention, ent.text, ent.start, ent.sent.start)
                self.voice.titles.know(self.passage.index, mention, ent.start, ent.sent.start)
        self.voice.discourse.read(self.passage.index, self.doc, self.by_token.get)




def _indefinite(span: Span) -> bool:
    """One word after "a"/"an" ("a Ukrainian to the core", "a Jew"): a kind of person, not a
    person's name."""
    return len(span) == 1 and span.start > 0 and span.doc[span.start - 1].lower_ in {"a", "an"} \
        and span.label_ in {"PERSON", "GROUP"}


def _kin_listed(span: Span) -> bool:
    """'his son Alexis and his daughters': Alexis is one of a list of relatives of someone
    else, not the person the next 'his' refers to."""
    doc, i = span.doc, span.start
    return i >= 2 and doc[i - 2].lower_ in {"his", "her", "their"} and doc[i - 1].is_alpha \
        and doc[i - 1].is_lower
