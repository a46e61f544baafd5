"""Where a name ends, and what a bracket's word after a date is: rules of the language.

- A party's or group's plural before a list of names is no part of the first name: "the
  Radicals Weber and Lenz" names two persons, Weber and Lenz ("Radicals" says what they are);
  a plural with no list after it may be part of a title ("The Brothers Karamazov").
- A double dash after a language or nationality word, opening a lower-case phrase naming a
  language or a people, explains that word, which is therefore no surname: "taught her son
  Peter Danish--a tongue he never mastered" names Peter; "Peter Danish--a clerk" keeps its
  surname ("a clerk" names no language nor people).
- A name of two words or more in apposition after a lower-case noun of a kind of organisation
  is the organisation's: "the political party Vlaams Belang", "the electronic group Tangerine Dream".
- After a site named with a place head and a comma, a lone guessed name is the site's town:
  "at Carrow Bridge, Kessik during the rising".
- In a lifespan bracket, a capitalised word right after a date and a comma is the place of
  the birth or death: "(4 May 1901, Tarnow – 9 June 1960, Lyon)".

>>> from kg.annotate.pipeline import load_pipeline      # doctest: +SKIP
>>> doc = load_pipeline()("Otto Kalb (4 May 1901, Tarnow – 9 June 1960, Lyon) was a baker.")  # doctest: +SKIP
>>> [(e.text, e.label_) for e in doc.ents if e.label_ != "DATE"]  # doctest: +SKIP
[('Otto Kalb', 'PERSON'), ('Tarnow', 'PLACE'), ('Lyon', 'PLACE')]
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Span

from kg.annotate.components import is_people_word, origin_of, origins
from kg.annotate.first_names import is_first_name
from kg.data_files import word_list

LIST_JOINS = frozenset({"and", ",", "&"})
PLACE_FOLLOWERS = frozenset({"during", "in", "on", "at", "where", "until", "from", "for", ".", ";", ")"})
PREPOSITIONS = frozenset({"in", "of", "from", "at", "on", "for", "with", "until", "since", "and", "to"})
DOUBLE_DASHES = frozenset({"--", "---"})
RANGE_DASHES = frozenset({"–", "-", "—", "--", ")", ";"})
EXPLANATION_REACH = 3  # words after the dash searched for the noun that explains ("a difficult tongue")
LIFE_WORDS = frozenset({"born", "b.", "died", "d."})
BRACKET_REACH = 12  # tokens from a lifespan bracket's "(" to the date it opens


def after_group_plural(span: Span) -> list[Span]:
    """'the Radicals Weber and Lenz': the names after the plural, as PERSON spans, when "the"
    stands before it and the span or the words after it list names; otherwise ``[span]``
    ("the Kansas City Kings and": no plural ending; "James Poe and": no article)."""
    doc = span.doc
    names = _listed_names(span[1:])
    if (len(span) < 2 or span.start == 0 or doc[span.start - 1].lower_ != "the"
            or not _group_plural(span[0]) or names is None
            or len(names) < 2 and not _list_follows(doc, span.end)):
        return [span]
    return [_relabel(doc, a, b, "PERSON", span.kb_id if len(names) == 1 else 0) for a, b in names]


def _listed_names(words: Span) -> list[tuple[int, int]] | None:
    """The runs of title-case words of ``words`` between commas and "and" (None if another
    word stands among them)."""
    runs: list[tuple[int, int]] = []
    start = words.start
    for tok in [*words, None]:
        if tok is not None and tok.is_title and tok.is_alpha:
            continue
        end = tok.i if tok is not None else words.end
        if end == start or tok is not None and tok.lower_ not in LIST_JOINS:
            return None
        runs.append((start, end))
        start = end + 1
    return runs


def _list_follows(doc: Doc, end: int) -> bool:
    """A comma or "and", then a name, after token ``end``."""
    return (end + 1 < len(doc) and doc[end].lower_ in LIST_JOINS
            and doc[end + 1].is_title and doc[end + 1].is_alpha)


@lru_cache(maxsize=1)
def _kind_nouns() -> frozenset[str]:
    """The ``[org] kind_nouns`` of ``labels.toml`` ("party", "band")."""
    return word_list("labels.toml", "org", "kind_nouns")


def after_kind_noun(span: Span) -> Span:
    """'the political party Vlaams Belang.': a person guess of two words or more right after a
    lower-case noun of a kind of organisation, and before a stop or a preposition, is an ORG
    ("the party Lenin founded": one word, and a verb after it)."""
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    if (span.label_ != "PERSON" or len(span) < 2 or span.start == 0 or not doc[span.start - 1].is_lower
            or doc[span.start - 1].lower_ not in _kind_nouns() or is_first_name(span[0].text)
            or nxt is not None and not (nxt.is_punct or nxt.lower_ in PREPOSITIONS)):
        return span
    return _relabel(doc, span.start, span.end, "ORG", span.kb_id)


def _group_plural(tok) -> bool:
    """A capitalised English plural of a member's noun: a consonant before its "-s"
    ("Independents", "Generals"; not "Angeles", "Kansas", "Brass")."""
    low = tok.lower_
    return (tok.is_title and tok.is_alpha and len(low) > 3 and low.endswith("s")
            and low[-2] not in "aeiouys")


@lru_cache(maxsize=1)
def _explaining_nouns() -> frozenset[str]:
    """The ``explaining_nouns`` of ``names.toml`` ("language", "people")."""
    return word_list("names.toml", "explaining_nouns")


def before_explained_word(span: Span) -> Span:
    """'Peter Danish--a tongue he never mastered': a person's name ends before a language or
    nationality word that a double dash and a lower-case phrase naming a language or a people
    explain ("Peter Danish--a clerk" keeps its surname)."""
    doc = span.doc
    after = doc[span.end + 1:span.end + 1 + EXPLANATION_REACH]
    if (span.label_ != "PERSON" or len(span) < 2 or span.end + 1 >= len(doc)
            or doc[span.end].text not in DOUBLE_DASHES or not doc[span.end + 1].is_lower
            or not is_people_word(span[-1].text)
            or not any(t.lower_ in _explaining_nouns() for t in after)):
        return span
    return Span(doc, span.start, span.end - 1, label=span.label, kb_id=span.kb_id)


def lifespan_places(doc: Doc) -> list[Span]:
    """The persons guessed (or names left unlabelled) where a lifespan gives places, as PLACE
    spans: right after a date and a comma in a bracket after a person's name ("(4 May 1901,
    Tarnow – 9 June 1960, Lyon)"), or in a bracket after a date of birth or death ("born 2 May
    1911 (Kolno, Masuria)"); a comma may go on to the larger place ("1915, Kolno, Masuria –")."""
    labels = {i: e for e in doc.ents for i in range(e.start, e.end)}
    out = []
    for tok in doc[2:]:
        date = labels.get(tok.i - 2)
        if date is None or date.label_ != "DATE" or date.end != tok.i - 1:
            continue
        if (doc[tok.i - 1].text == "," and _in_bracket(doc, date.start)
                or doc[tok.i - 1].text == "(" and date.start > 0 and doc[date.start - 1].lower_ in LIFE_WORDS):
            out += _places_from(doc, tok.i, labels)
    return out


def _places_from(doc: Doc, i: int, labels: dict[int, Span]) -> list[Span]:
    """The names from token ``i`` on, joined by commas, up to a dash or the closing bracket."""
    out = []
    while i < len(doc) and doc[i].text[:1].isupper() and doc[i].is_alpha:
        end = _name_end(doc, i, labels)
        if not end:
            break
        out.append(_relabel(doc, i, end, "PLACE", 0))
        i = end + 1
        if doc[end].text != ",":
            break
    return out if out and _closes(doc, i - 1, labels) else []


def _closes(doc: Doc, i: int, labels: dict[int, Span]) -> bool:
    """Token ``i`` ends a run of places: a dash, a closing bracket or a semicolon, or a comma
    before a place ("Kolno, Tver Oblast")."""
    place = labels.get(i + 1)
    return i < len(doc) and (doc[i].text in RANGE_DASHES
                             or doc[i].text == "," and place is not None and place.label_ == "PLACE")


def _name_end(doc: Doc, i: int, labels: dict[int, Span]) -> int:
    """End of the name at ``i`` when it is a guessed person or unlabelled and a dash, a
    closing bracket, a semicolon or a comma follows it (0 otherwise)."""
    ent = labels.get(i)
    if ent is not None:
        guessed = ent.label_ == "PERSON" and ent.start == i and origin_of(ent) in {"model", "shape"}
        end = ent.end if guessed and not ent.kb_id_ else 0
    else:
        end = i
        while end < len(doc) and end - i < 3 and end not in labels and doc[end].is_alpha and doc[end].is_title:
            end += 1
    return end if end and end < len(doc) and (doc[end].text in RANGE_DASHES or doc[end].text == ",") else 0


@lru_cache(maxsize=1)
def _place_heads() -> frozenset[str]:
    """The ``[place] heads`` of ``labels.toml`` ("Bridge", "Square")."""
    return word_list("labels.toml", "place", "heads")


def town_of_site(doc: Doc) -> list[Span]:
    """'at Carrow Bridge, Kessik during the rising': a person guess of one word after a site
    named with a place head and a comma, before a preposition or a full stop, is the site's town,
    a PLACE ("In Red Square, Trotsky spoke": a verb follows, the person stays)."""
    out = []
    for ent in doc.ents:
        if (ent.label_ != "PLACE" or ent[-1].text not in _place_heads() or ent.end + 2 >= len(doc)
                or doc[ent.end].text != ","):
            continue
        guess, nxt = doc[ent.end + 1], doc[ent.end + 2]
        lone = [e for e in doc.ents if e.start == guess.i and e.end == guess.i + 1 and e.label_ == "PERSON"]
        if (lone and not lone[0].kb_id_ and origin_of(lone[0]) in {"model", "shape"}
                and not is_first_name(guess.text) and nxt.lower_ in PLACE_FOLLOWERS):
            out.append(_relabel(doc, guess.i, guess.i + 1, "PLACE", 0))
    return out


def _in_bracket(doc: Doc, i: int) -> bool:
    """Token ``i`` stands inside a bracket opened after a name, within a few tokens."""
    for j in range(i - 1, max(-1, i - BRACKET_REACH), -1):
        if doc[j].text == ")":
            return False
        if doc[j].text == "(":
            return j > 0 and doc[j - 1].ent_type_ == "PERSON"
    return False


def _relabel(doc: Doc, start: int, end: int, label: str, kb_id: int) -> Span:
    span = Span(doc, start, end, label=label, kb_id=kb_id)
    origins(doc)[(span.start_char, span.end_char)] = "shape"
    return span
