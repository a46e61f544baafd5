"""Surface steps of a rule path, for the statements the small parser attaches wrongly
(``~name``, ``~name_before``, ``~place_after``), and light references ("there", "this
conspiracy").

``~name``: the name written right after a role noun's phrase and a comma — "the chief of
the secret police, Mr. Beletsky, ...", "Another commander of a labour company, Grakholsky,
...", "the public prosecutor of the Republic, the notorious Armenian, Katanian." The parser
often hangs such a name on the verb or on the last noun of the phrase; the words settle it.
The phrase must open with a determiner or possessive and follow no comma (else it may be
one item of a list), and the name must end at punctuation or "and". A phrase that opens its
sentence may be followed by "he"/"she", its subject ("The daughter of a judge, she …").
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from kg.data_files import load_toml
from kg.model import Mention

OPENERS = {"DET", "PRON"}
EPITHET_POS = {"DET", "ADJ", "ADV", "NOUN", "PROPN"}
CLOSERS = {",", ".", ";", ":", "(", ")", "and", "—", "--", "!", "?"}
MAX_EPITHET = 5
PLACE_PREPS = {"from", "in", "at", "to", "into", "near", "towards", "toward"}
WITHIN = {"in", "on", "of"}  # "Chita, in Transbaikalia", "a suburb of Paris"
# "Kassel, a town in Hesse": the nouns that make "a … in Y" a place inside Y
PLACE_NOUNS = {"town", "city", "village", "hamlet", "settlement", "capital", "suburb", "port",
               "seaport", "district", "province", "region", "county", "department", "canton",
               "state", "country", "island", "peninsula", "borough", "parish", "commune",
               "municipality", "government", "colony", "territory", "kingdom", "principality",
               "duchy", "republic", "quarter", "spa", "resort", "fortress", "monastery", "estate",
               "market-town", "seat", "centre", "center", "cantonment", "oblast", "uyezd"}


@lru_cache(maxsize=1)
def _months() -> frozenset[str]:
    return frozenset(load_toml("dates.toml")["months"])


def surface_step(tok: Token, name: str) -> list[Token]:
    """The tokens the surface step ``~name`` reaches from ``tok``."""
    steps = {"name": name_after_phrase, "name_before": name_before_phrase, "place_after": place_after,
             "names_after": names_after}
    return steps[name](tok)


def place_after(tok: Token) -> list[Token]:
    """The last word of the place written after the name holding ``tok`` and a comma:
    "Chita, in Transbaikalia", "Kassel, a town in Hesse", "Tarbes, France" — not an item of a
    list ("Paris, London and Rome", "in Paris, in London and in Rome"), nor a line without a
    verb (an index entry "Baikal, Lake, 195", a caption "Punch, London.")."""
    doc, end = tok.doc, _name_end(tok)
    sent = tok.sent
    if end >= sent.end or doc[end].text != "," or _in_list(doc, tok) \
            or not any(t.pos_ in {"VERB", "AUX"} for t in sent):
        return []
    i = _skip_within(doc, end + 1, sent.end)
    if i >= sent.end or doc[i].ent_iob_ != "B":
        return []
    last = _name_end(doc[i]) - 1
    if _list_goes_on(doc, last + 1, sent.end, bare=i == end + 1):
        return []
    if i == end + 1 and _follows_of(doc, tok):
        return []  # "the capital of the Urals, Ekaterinburg": the second names the first
    return [doc[last]]


def _entity_start(doc, tok: Token) -> int:
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    return start


def _in_list(doc, tok: Token) -> bool:
    """The name holding ``tok`` is an item of a list: it follows a comma or 'and' (also
    before a preposition: ', in Africa'), or the parser gave it conjuncts."""
    start = _entity_start(doc, tok)
    if start > 0 and doc[start - 1].pos_ == "ADP":
        start -= 1
    if start > 0 and doc[start - 1].lower_ in {",", ";", "and", "or"}:
        return True
    return any(c.dep_ == "conj" for c in doc[_name_end(tok) - 1].children) or any(
        c.dep_ == "conj" for c in tok.children)


def _follows_of(doc, tok: Token) -> bool:
    start = _entity_start(doc, tok)
    return start > 0 and doc[start - 1].lower_ in {"of", "the"}


def _name_end(tok: Token) -> int:
    """The index after the entity holding ``tok`` (after ``tok`` when it is in none)."""
    doc, j = tok.doc, tok.i
    while j + 1 < len(doc) and doc[j + 1].ent_iob_ == "I":
        j += 1
    return j + 1


def _skip_within(doc, i: int, end: int) -> int:
    """After the comma: 'in (the)', or 'a town in (the)' / 'the capital of' (a determiner,
    up to three words ending in a place noun, a preposition), else nothing to skip."""
    if i < end and doc[i].lower_ in WITHIN - {"of"}:
        i += 1
    elif i < end and doc[i].pos_ == "DET":
        k = next((k for k in range(i + 1, min(end, i + 5)) if doc[k].lower_ in WITHIN), None)
        if k is None or any(t.ent_iob_ != "O" or t.pos_ not in {"ADJ", "NOUN"} for t in doc[i + 1:k]) \
                or doc[k - 1].lemma_.lower() not in PLACE_NOUNS:
            return end
        i = k + 1
    if i < end and doc[i].lower_ == "the" and doc[i].ent_iob_ == "O":
        i += 1
    return i


def _list_goes_on(doc, i: int, end: int, bare: bool) -> bool:
    """After the second name: the phrase must end (punctuation); a list goes on with
    'and', 'etc.', or a comma and 'and' + a preposition or name, a preposition or another
    name; after two bare names a comma and a verb make the second the subject of a clause
    ('at Berlin, Bogitshevich, tells …')."""
    if i >= end:
        return False
    if not doc[i].is_punct or doc[i].text in {"-", "–"}:
        return True
    if doc[i].text != ",":
        return False
    k = i + 1
    if k < end and doc[k].lower_ in {"and", "or", "etc", "etc."}:
        k += 1
        return k >= end or doc[k].pos_ == "ADP" or doc[k].ent_iob_ == "B" or doc[k - 1].lower_.startswith("etc")
    if k < end and doc[k].pos_ == "ADP":  # ", in London" (after bare names: ", at the front"), not ", in 1915"
        k += 1 + (k + 1 < end and doc[k + 1].pos_ == "DET")
        if k < end and (doc[k].ent_type_ == "DATE" or doc[k].like_num or doc[k].lower_ in _months()):
            return False
        return bare or (k < end and doc[k].ent_iob_ == "B")
    if k < end and doc[k].ent_iob_ == "B" and doc[k].ent_type_ != "DATE":
        return True
    return bare and k < end and doc[k].pos_ in {"VERB", "AUX"}


def name_after_phrase(trigger: Token) -> list[Token]:
    """The last word of the name after ``trigger``'s phrase and a comma, or nothing."""
    opens = _opens_phrase(trigger)
    if not opens and not _after_participle(trigger):
        return []
    doc, end = trigger.doc, trigger.sent.end
    i = trigger.i + 1
    while i < end and not doc[i].is_punct and trigger in doc[i].ancestors:
        i += 1
    if opens and i < end and doc[i].text == "(" and not any(t.pos_ in {"VERB", "AUX"} for t in doc[trigger.i + 1:i]):
        return _bracketed_person(doc, i + 1, end)  # "the Minister of War (Guchkov)", not "… appointed by the Ruler (K)"
    if i >= end or doc[i].text != ",":
        return []
    if _fronted_subject(trigger, i + 1):
        return [doc[i + 1]]  # "The daughter of a judge, she …": the phrase is she
    if not opens:
        return []
    i = _skip_epithet(trigger, i + 1, end)
    k = i
    while k < end and doc[k].pos_ == "PROPN":
        k += 1
    if k == i or (k < end and doc[k].lower_ not in CLOSERS):
        return []
    name = doc[k - 1]
    if name.dep_ == "conj" and trigger in name.head.ancestors:
        return []  # the list goes on: "the prisons of Batoum, Tiflis and Grozny"
    return [name]


def _bracketed_person(doc, i: int, end: int) -> list[Token]:
    """A person's name alone in the brackets at ``i`` (its last word), or nothing."""
    k = i
    while k < end and doc[k].pos_ == "PROPN" and doc[k].ent_type_ == "PERSON":
        k += 1
    return [doc[k - 1]] if k > i and k < end and doc[k].text == ")" else []


def _fronted_subject(trigger: Token, i: int) -> bool:
    """A phrase opening its sentence (or after an opening participle), then a comma and
    "he"/"she" as the subject: the phrase is in apposition to the pronoun ("A veteran of the
    Boer War, he settled in Natal", "Born in Rome, the daughter of A and B, she …")."""
    doc = trigger.doc
    opens = trigger.left_edge.i == trigger.sent.start or _after_participle(trigger)
    if not opens or i >= len(doc) or doc[i].lower_ not in {"he", "she"} \
            or doc[i].dep_ not in {"nsubj", "nsubjpass"}:
        return False
    # "The Minister, he said, was absent": the phrase is the subject of another verb
    return not (trigger.dep_ in {"nsubj", "nsubjpass"} and trigger.head.i != doc[i].head.i)


def _after_participle(trigger: Token) -> bool:
    """The phrase follows a participle opening the sentence and its comma ("Born in Rome, the
    daughter of …"); a determiner opens it."""
    doc, left, start = trigger.doc, trigger.left_edge, trigger.sent.start
    return left.pos_ == "DET" and left.i > start and doc[left.i - 1].text == "," \
        and doc[start].tag_ in {"VBN", "VBG"} and not any(t.text == "," for t in doc[start:left.i - 1])


def names_after(trigger: Token) -> list[Token]:
    """The last word of each name listed right after a plural noun and a colon or comma:
    "the three Weber brothers: Otto, Hans and Paul" (however the parser hung the list);
    at least two names, the list ending the clause."""
    doc, end = trigger.doc, trigger.sent.end
    i = trigger.i + 1
    if trigger.tag_ not in {"NNS", "NNPS"} or i >= end or doc[i].text not in {":", ","}:
        return []
    names: list[Token] = []
    while i < end and doc[i].lower_ in {":", ",", "and"}:
        i += 1 + (doc[i].text == "," and i + 1 < end and doc[i + 1].lower_ == "and")
        if i < end and doc[i].ent_iob_ == "B" and doc[i].ent_type_ == "PERSON":
            i = _name_end(doc[i])
            names.append(doc[i - 1])
        elif i < end and doc[i].pos_ == "PROPN" and not doc[i].ent_type_:
            i += 1  # a name the model did not tag: an item all the same, with no argument
        else:
            return []
    closed = i >= end or doc[i].text in CLOSERS - {"and"}
    return names if len(names) >= 2 and closed else []


def name_before_phrase(trigger: Token) -> list[Token]:
    """The last word of the name written right before a comma and ``trigger``'s phrase,
    when the phrase ends the clause: "the Marquis of Salisbury, Lord Cecil's brother;"."""
    doc, left, right = trigger.doc, trigger.left_edge, trigger.right_edge
    if left.i < 2 or doc[left.i - 1].text != ",":
        return []
    if right.i + 1 < trigger.sent.end and doc[right.i + 1].text not in CLOSERS - {"and"}:
        return []
    name = doc[left.i - 2]
    if name.dep_ == "pobj" and name.head.lower_ in PLACE_PREPS:
        return []  # "a note from Germany, the Chancellor, …": a place, not the bearer
    return [name] if name.pos_ == "PROPN" else []


def _opens_phrase(trigger: Token) -> bool:
    """The role noun's phrase starts with 'the', 'a' … (or 'its' with an 'of' phrase: not
    'shaking his head, X'), is not 'at the head of …', and no comma precedes it."""
    left = trigger.left_edge
    if left.pos_ not in OPENERS or (trigger.dep_ == "pobj" and trigger.head.lower_ == "at"):
        return False
    if left.pos_ == "PRON" and not any(c.dep_ == "prep" for c in trigger.children):
        return False
    return left.i == 0 or left.doc[left.i - 1].text != ","


def _skip_epithet(trigger: Token, i: int, end: int) -> int:
    """After 'the notorious Armenian,' — a determiner-led phrase of a few words and a comma."""
    doc = trigger.doc
    if i >= end or doc[i].pos_ != "DET":
        return i
    for k in range(i + 1, min(end, i + MAX_EPITHET + 1)):
        if doc[k].text == ",":
            return k + 1
        if doc[k].pos_ not in EPITHET_POS and doc[k].dep_ != "amod":
            return i
    return i


def trailing_item(tok: Token) -> Token | None:
    """The last item of a list of names that the parser hung on the verb: in "talked with
    A, B, and C" the parser often makes C a conjunct of "talked"; C is the list's, since it
    follows the list's end after ", and" / "and"."""
    if tok.pos_ != "PROPN" or tok.dep_ not in {"pobj", "dobj"}:
        return None
    doc, i = tok.doc, tok.right_edge.i + 1
    if i < len(doc) and doc[i].text == ",":
        i += 1
    if i >= len(doc) or doc[i].lower_ != "and":
        return None
    k = i + 1
    while k < len(doc) and doc[k].pos_ == "PROPN":
        k += 1
    last = doc[k - 1] if k > i + 1 else None
    if last is None or last.dep_ != "conj" or last.head.pos_ not in {"VERB", "AUX"}:
        return None
    return last


def place_before(tok: Token, entity, types: tuple[str, ...]) -> Mention | None:
    """What "there" refers to: the one place named earlier in its sentence, else in the
    sentence before; nothing when two places are named there. ``entity`` maps a token to
    its (span, mention)."""
    sent = tok.sent
    spans = [(sent.start, tok.i)]
    if sent.start > 0:
        before = tok.doc[sent.start - 1].sent
        spans.append((before.start, before.end))
    for start, end in spans:
        places = {hit[1].name: hit[1] for i in range(start, end)
                  if (hit := entity(tok.doc[i])) is not None and hit[1].type in types}
        if places:
            return next(iter(places.values())) if len(places) == 1 else None
    return None


DEMONSTRATIVES = {"this", "that"}


def event_before(tok: Token, entity, types: tuple[str, ...]) -> Mention | None:
    """What "this conspiracy", "that congress" refers to: the one event named earlier in the
    passage; nothing when the passage names two (or none)."""
    if tok.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in DEMONSTRATIVES
                                     for c in tok.children):
        return None
    events = {hit[1].name: hit[1] for i in range(tok.i)
              if (hit := entity(tok.doc[i])) is not None and hit[1].type == "EVENT"
              and "EVENT" in types}
    return next(iter(events.values())) if len(events) == 1 else None
