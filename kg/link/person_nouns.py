"""Phrases that name a person without a name: "the Tsar", "his wife", "a young officer",
"the peasants" (word lists: ``kg/data/link/person_nouns.toml``).

The person-reference layer counts them as candidates for the pronouns that follow, so that
"The officer ... he" is not given to someone named before the officer.

>>> import spacy
>>> doc = spacy.blank("en")("Then his young wife came in with the soldiers.")
>>> [(doc[i].text, noun_sex(doc, i)) for i in range(len(doc)) if person_noun(doc, i, 0)]
[('wife', 'f'), ('soldiers', 'plural')]
>>> title_only("the Grand Duke"), title_only("Grand Duke Paul")
(True, False)
>>> doc = spacy.blank("en")("Born in Rome , the daughter of Karl Weber , she sang .")
>>> apposed_noun(doc, 10, 0)
(4, 5)
>>> doc = spacy.blank("en")("The secretary of the club , Karl Weber , came .")
>>> doc.ents = [doc.char_span(28, 38, "PERSON")]
>>> named_apposition(doc, 1, 0)
True

"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Token

from kg.data_files import load_toml, word_list
from kg.errors import DataFileError

FILE = "link/person_nouns.toml"
LOOKBACK = 3  # words between a determiner and its noun, at most ("the young Russian officer")


@lru_cache(maxsize=1)
def lexicon() -> tuple[dict[str, str], frozenset[str], frozenset[str]]:
    """(noun → 'f' | 'm' | '' | 'plural', determiners, predicate openers), checked."""
    data = load_toml(FILE)
    try:
        nouns = {w.lower(): sex for key, sex in (("either", ""), ("male", "m"), ("female", "f"),
                                                 ("plural", "plural")) for w in data[key]}
        dets = frozenset(w.lower() for w in data["determiners"])
        predicate = frozenset(w.lower() for w in data["predicate_openers"])
    except (KeyError, TypeError, AttributeError) as exc:
        raise DataFileError(FILE, f"missing or malformed list {exc}") from None
    return nouns, dets, predicate


@lru_cache(maxsize=1)
def offspring_nouns() -> frozenset[str]:
    """Nouns of offspring ("son", "daughter"), from ``offspring`` of person_nouns.toml."""
    return frozenset(w.lower() for w in word_list(FILE, "offspring"))


def describes_offspring(tok: Token) -> bool:
    """A participle set off by a comma after "son of Y" ("X, oldest son of Y, born in Z"):
    it describes the son, not Y, its head in the parse."""
    doc, head = tok.doc, tok.head
    return tok.dep_ == "acl" and tok.i > 0 and doc[tok.i - 1].text == "," and head.dep_ == "pobj" \
        and head.head.lower_ == "of" and head.head.head.lemma_.lower() in offspring_nouns()


def person_noun(doc: Doc, i: int, sent_start: int) -> bool:
    """Whether token ``i`` heads a phrase naming a person: a listed noun with a determiner or
    possessive one to three words before it, nothing but words between, and no name right
    after it ("the Emperor Nicholas" is a title of a name, not a phrase of its own)."""
    nouns, dets, _ = lexicon()
    if doc[i].lower_ not in nouns or doc[i].ent_type_:
        return False
    if i + 1 < len(doc) and doc[i + 1].ent_type_ == "PERSON":
        return False
    for j in range(i - 1, max(sent_start, i - LOOKBACK - 1) - 1, -1):
        if doc[j].lower_ in dets:
            return True
        if not (doc[j].is_alpha or doc[j].text == "-") or doc[j].ent_type_:
            return False  # words or a hyphen between ("the ex-Tsar"), nothing else
    return False


def apposed_noun(doc: Doc, i: int, sent_start: int) -> tuple[int, int] | None:
    """The person noun of a phrase set off by a comma right before the word at ``i`` ("Born in
    Rome, the daughter of A and B, she …", "The son of a judge, he …"): the phrase is in
    apposition to that word, which names the same person. Returns (start of the phrase, noun)."""
    if i - 1 <= sent_start or doc[i - 1].text != ",":
        return None
    start = i - 2
    while start > sent_start and doc[start - 1].text not in {",", ":", ";"}:
        start -= 1
    if doc[start].lower_ not in {"the", "a", "an"}:
        return None
    end = min(i - 1, start + LOOKBACK + 2)
    noun = next((k for k in range(start + 1, end) if person_noun(doc, k, sent_start)), None)
    return None if noun is None else (start, noun)


APPOSITION_SPAN = 8  # words from a person noun to the comma before the name it is apposed to


def named_apposition(doc: Doc, i: int, sent_start: int) -> bool:
    """Whether the person noun at ``i`` is in apposition to a name: "Karl Weber, the
    secretary of the club", "the secretary of the club, Karl Weber," — the phrase names that
    person, so it is no second, unnamed one."""
    if i + 1 < len(doc) and doc[i + 1].text in {"'s", "’s", "'", "’"}:
        return False  # "Volkov, the Empress's man-servant": the Empress is no apposition
    start = phrase_start(doc, i, sent_start)
    if start - 2 >= sent_start and doc[start - 1].text == "," and doc[start - 2].ent_type_ == "PERSON":
        return True
    for k in range(i + 1, min(len(doc) - 1, i + APPOSITION_SPAN)):
        if doc[k].text == ",":
            return doc[k + 1].ent_type_ == "PERSON" and doc[k + 1].ent_iob_ == "B"
        if not (doc[k].is_alpha or doc[k].text in {"-", "'s", "’s"}) or doc[k].lower_ in {"who", "whom", "which", "that"}:
            return False
    return False


def title_only(name: str) -> bool:
    """A name that is only a title or a person noun ("Emperor", "the Grand Duke"): it names
    no one by itself."""
    from kg.annotate.titles import title_data, title_word

    openers = title_data().openers  # "Grand", "Crown", "Field" of two-word titles
    words = [w for w in name.split() if w.lower() != "the"]
    return bool(words) and all(title_word(w) or w in openers or w.lower().strip(".") in lexicon()[0]
                               for w in words)


def predicative(doc: Doc, i: int, sent_start: int) -> bool:
    """"He was a deputy", "served as the minister": the phrase describes someone already
    there, it brings in no new person (its determiner follows a copula or "as")."""
    j = phrase_start(doc, i, sent_start)
    return j > sent_start and doc[j - 1].lower_ in lexicon()[2]


def noun_sex(doc: Doc, i: int) -> str | None:
    """'f', 'm', 'plural' or None (either sex) for the person noun at ``i``."""
    return lexicon()[0].get(doc[i].lower_) or None


def phrase_start(doc: Doc, i: int, sent_start: int) -> int:
    """The determiner that opens the phrase of the person noun at ``i``."""
    dets = lexicon()[1]
    for j in range(i - 1, max(sent_start, i - LOOKBACK - 1) - 1, -1):
        if doc[j].lower_ in dets:
            return j
    return i
