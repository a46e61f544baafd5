"""Modality of a stated relation: asserted, negated, denied, hypothetical or reported.

The cues are data (``kg/data/modality.toml``); the walk is from the trigger up to the root
of its clause, so "I knew nothing about the conference" is negated and "If my life is to
be preserved, send me to America" hypothetical, as is an intention ("they intended to
move us to Tobolsk").
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from kg.data_files import load_toml

CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "xcomp", "conj", "ROOT", "parataxis"}


@lru_cache(maxsize=1)
def _cues() -> dict[str, frozenset[str]]:
    data = load_toml("modality.toml")
    return {
        "denied": frozenset(data["denied"]["adverbs"]),
        "negated": frozenset(data["negated"]["words"]),
        "preventions": frozenset(data["negated"].get("preventions", ())),
        "marks": frozenset(data["hypothetical"]["marks"]),
        "modals": frozenset(data["hypothetical"]["modals"]),
        "intentions": frozenset(data["hypothetical"].get("intentions", ())),
        "requests": frozenset(data["hypothetical"].get("requests", ())),
        "reported": frozenset(data["reported"]["verbs"]),
        "presupposed": frozenset(data.get("presupposed", {}).get("predicates", ())),
    }


def _intended(head: Token, intentions: frozenset[str]) -> bool:
    """The clause is what someone intended, planned, tried or threatened to do: "they
    intended to move us to Tobolsk" (also through coordination: "… to move us and to
    exile him")."""
    while head.dep_ == "conj" and head.head.i != head.i:  # Tokens are made anew: compare positions
        head = head.head
    return head.dep_ == "xcomp" and head.head.lemma_.lower() in intentions


def _requested(head: Token, requests: frozenset[str]) -> bool:
    """A clause under a verb of asking, not in the indicative: "asked that Prince Ito be
    sent", "asked him to join the party" (asked for, not done) — but "suggested that he was
    a spy" states a claim."""
    if head.dep_ not in {"ccomp", "xcomp"} or head.head.lemma_.lower() not in requests:
        return False
    verbs = [head, *(c for c in head.children if c.dep_ in {"aux", "auxpass"})]
    return not any(v.tag_ in {"VBD", "VBZ", "VBP"} for v in verbs)


def _neither_subject(kids: list[Token]) -> bool:
    """"Neither Kaplan nor his friend was a Communist": the clause's subject opens with
    "neither", which negates it for every item."""
    return any(c.dep_ in {"nsubj", "nsubjpass"} and any(g.lower_ == "neither" for g in c.children) for c in kids)


def _prevented(chain: list[Token], preventions: frozenset[str]) -> bool:
    """A verb of preventing governs the trigger's clause: "to prevent his joining the
    Entente", "forbade him to marry her", "prevented him from joining" is no joining."""
    head = chain[-1]
    governed = head.dep_ in {"ccomp", "xcomp"} and head.head.lemma_.lower() in preventions
    return governed or any(t.lemma_.lower() in preventions for t in chain[1:])


def _clause(trigger: Token) -> list[Token]:
    """The trigger and its heads up to (and including) the verb heading its clause."""
    chain = [trigger]
    tok = trigger
    while tok.dep_ not in CLAUSE_DEPS and tok.head.i != tok.i:
        tok = tok.head
        chain.append(tok)
    return chain


def modality(trigger: Token, predicate: str | None = None) -> str:
    """The modality of the relation a trigger states (of ``predicate``: a state a noun in
    apposition presupposes keeps only that noun's own negation)."""
    cues = _cues()
    if predicate in cues["presupposed"] and _apposed(trigger):
        return _own(trigger, cues)
    chain = _clause(trigger)
    kids = [c for t in chain for c in t.children]
    near = [*trigger.children, *([] if trigger.pos_ == "VERB" else trigger.head.children)]
    near += list(trigger.doc[trigger.i + 1: trigger.i + 4])  # "accused X falsely", whatever the parse
    if {c.lower_ for c in near} & cues["denied"]:
        return "denied"
    if any(c.dep_ == "neg" or (c.lower_ in cues["negated"] and c.dep_ in {"det", "advmod", "dobj", "preconj"})
           for c in kids) or _neither_subject(kids) or _prevented(chain, cues["preventions"]):
        return "negated"
    if _hypothetical(chain, cues):
        return "hypothetical"
    head = chain[-1]
    if head.dep_ == "ccomp" and head.head.lemma_ in cues["reported"]:
        return "reported"
    return "asserted"


def _apposed(trigger: Token) -> bool:
    """A noun in apposition, or inside one, before any verb: "Gaida, the Czech commander",
    "his son Alexis and his daughters" — or with a name in apposition to it or to its "of"
    phrase: "Another commander of the company, Grakholsky, must not be forgotten" still makes
    him one."""
    if trigger.pos_ not in {"NOUN", "PROPN"}:
        return False
    own = [trigger, *(o for p in trigger.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj")]
    if any(c.dep_ == "appos" and c.pos_ == "PROPN" for t in own for c in t.children):  # or on its "of" phrase
        return True
    tok = trigger
    while tok.pos_ not in {"VERB", "AUX"} and tok.head.i != tok.i:
        if tok.dep_ == "appos":
            return True
        tok = tok.head
    return False


def _own(trigger: Token, cues: dict[str, frozenset[str]]) -> str:
    """The modality of a noun by its own words: "falsely", "no", "not"."""
    near = {c.lower_ for c in trigger.children} | {t.lower_ for t in trigger.doc[trigger.i + 1: trigger.i + 3]}
    if near & cues["denied"]:
        return "denied"
    if any(c.dep_ == "neg" or (c.lower_ in cues["negated"] and c.dep_ == "det") for c in trigger.children):
        return "negated"
    return "asserted"


def _hypothetical(chain: list[Token], cues: dict[str, frozenset[str]]) -> bool:
    head = chain[-1]
    marks = {c.lower_ for c in head.children if c.dep_ == "mark"}
    if marks & cues["marks"]:
        return True
    if _intended(head, cues["intentions"]) or _requested(head, cues["requests"]):
        return True
    if head.dep_ in {"ROOT", "ccomp"}:
        return any(c.lower_ in cues["modals"] and c.dep_ == "aux" for c in head.children)
    return False
