"""The parts of a person's name, which the resolver compares instead of its surface.

A name is read as titles ("Grand Duchess", "Commissar"), initials, a given name, a
patronymic (Russian -ovich/-evna and the period spellings -ovitch, -ievna, and in the middle
of three words -eff/-off: "Alexander Dmitrieff Avdeieff"), middle names, a surname (with
particles: "von Wittich"), an ordinal ("Nicholas II"), an epithet ("Peter the Great") and a
territory ("Princess Alice of Hesse"). A word that names a people ("Germans", "Lett") is no
person's name at all. Word lists: ``kg/data/names.toml`` and ``kg/data/names/*.txt``.

>>> p = parse_name("Grand Duchess Olga Nikolaievna")
>>> p.titles, p.given, p.patronymic, p.surname, p.kind
(('grand duchess',), 'olga', 'nikolaii', None, 'given+patronymic')
>>> q = parse_name("Alexander Dmitrieff Avdeieff")
>>> q.given, q.patronymic, q.surname, q.kind
('aleksandr', 'dmitrii', 'avdeev', 'full')
>>> parse_name("Avdeieff").kind, parse_name("NIKOLAIEVNA").kind, parse_name("Germans").kind
('surname', 'patronymic', 'people')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from kg.annotate.titles import title_word
from kg.data_files import load_toml
from kg.errors import DataFileError
from kg.annotate.gender import gender
from kg.resolve.identity import first_name_group
from kg.resolve.keys import INITIAL, name_key, split_title, translit_key

ROMAN = re.compile(r"^(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|XIII|XIV|XV|XVI)$")
FEMININE_PATRONYMIC = ("ovna", "evna", "ichna")
#: endings of a patronymic, longest first; the stem before them is a father's first name
PATRONYMIC_ENDINGS = ("ievitch", "ovitch", "evitch", "ievich", "yevich", "ovich", "evich", "itch",
                      "ich", "ievna", "yevna", "ovna", "evna", "inichna", "ichna")
#: period spellings of a patronymic in the middle of three words ("Ivan Semenoff Talapoff")
MIDDLE_ENDINGS = ("ieff", "ieva", "iev", "eff", "off", "ova", "eva", "ov", "ev")
#: a son and his father of one name ("Jr.", "Sr.") are two persons: kept like an ordinal
GENERATIONS = {"jr": "jr", "jun": "jr", "junior": "jr", "fils": "jr", "sr": "sr", "sen": "sr", "senior": "sr",
               "père": "sr", "pere": "sr"}
STEM_ENDINGS = ("", "i", "y", "a", "e", "s", "ii", "ia", "ei")


@dataclass(frozen=True, slots=True)
class NameParts:
    """What a person's name says: every part a casefolded transliteration key or None."""

    text: str
    kind: str  # full | given+patronymic | surname | given | patronymic | title | initials | people | ordinal
    titles: tuple[str, ...] = ()
    initials: tuple[str, ...] = ()
    given: str | None = None
    given_form: str | None = None  # the given name as written, as a key ("nadia", not "nadezhda")
    patronymic: str | None = None  # the father's first name, as a key ("nikolai")
    middle: tuple[str, ...] = ()
    surname: str | None = None
    ordinal: str | None = None
    epithet: str | None = None
    territory: str | None = None
    sex: str | None = None

    @property
    def bare(self) -> bool:
        """A name that says less than a full name: one name word, with or without a title."""
        return self.kind != "full"


@dataclass(frozen=True, slots=True)
class _Words:
    """The name lists this module reads, validated once."""

    people: frozenset[str]
    sovereign: frozenset[str]
    heir: frozenset[str]
    dynast: frozenset[str]
    particles: frozenset[str]
    styles: frozenset[str]


def _strings(data: dict, key: str, path: str) -> list[str]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DataFileError(path, "expected a list of non-empty strings", key)
    return value


@lru_cache(maxsize=1)
def _words() -> _Words:
    names, labels = load_toml("names.toml"), load_toml("labels.toml")
    plural = _strings(labels.get("norp", {}), "nationalities", "kg/data/labels.toml")
    people = {*_strings(names, "people_words", "kg/data/names.toml"), *plural}
    people |= {_singular(w) for w in people}
    fold = lambda key: frozenset(w.casefold() for w in _strings(names, key, "kg/data/names.toml"))  # noqa: E731
    return _Words(frozenset(w.casefold() for w in people), fold("sovereign_titles"), fold("heir_titles"),
                  fold("dynast_titles"), fold("name_particles"),
                  frozenset(w.replace(" ", "").casefold() for w in _strings(names, "style_abbreviations", "kg/data/names.toml")))


def _style(text: str) -> tuple[str, str]:
    """'H. I. M. Nicholas II' → ('h.i.m.', 'Nicholas II'): a style in initials ("His Imperial
    Majesty") is a title, not the person's initials."""
    words = text.split()
    for i in range(min(len(words) - 1, 3), 0, -1):
        joined = "".join(words[:i]).casefold()
        if joined in _words().styles:
            return joined, " ".join(words[i:])
    return "", text


def _singular(word: str) -> str:
    """'Germans' → 'German', 'Frenchmen' → 'Frenchman', 'Swiss' → 'Swiss'."""
    if word.endswith("men"):
        return word[:-3] + "man"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def is_people_word(word: str) -> bool:
    """'Germans', 'German', 'Letts', 'Russian': a people, never one person's name."""
    return word.casefold().strip(".,") in _words().people


def title_class(title: str) -> str | None:
    """'sovereign' (Emperor, Tsar, Queen), 'heir' (Tsarevich, Crown Prince), 'dynast'
    (Grand Duke, Princess), or None for other titles."""
    t, w = title.casefold().rstrip("."), _words()
    return "sovereign" if t in w.sovereign else "heir" if t in w.heir else "dynast" if t in w.dynast else None


def patronymic_stem(word: str, middle: bool = False) -> str | None:
    """The father's first name a patronymic is made from, as a key: 'Nikolaievna' and
    'Nicholaevitch' → 'nikolaii', 'Pavlovna' → 'pavl'; None when the word is no
    patronymic. A masculine ending needs a known first name as its stem ('Shostakovich' is a
    surname); in the middle of three words period spellings count too ('Dmitrieff')."""
    low = name_key(word)
    endings = PATRONYMIC_ENDINGS + (MIDDLE_ENDINGS if middle else ())
    for ending in sorted(endings, key=len, reverse=True):
        if low.endswith(ending) and len(low) - len(ending) >= 2:
            stem = low[: -len(ending)]
            known = _stem_name(stem)
            if known or low.endswith(FEMININE_PATRONYMIC) or (middle and ending in PATRONYMIC_ENDINGS):
                return known or translit_key(stem).rstrip("aeiouy")
    return None


def _stem_name(stem: str) -> str | None:
    """'nikola' → 'nikolai' (the first-name group's first form), else None."""
    for end in STEM_ENDINGS:
        group = first_name_group(stem + end)
        if group is not None:
            return _group_key(group)
    return None


@lru_cache(maxsize=4096)
def _group_key(group: int) -> str:
    from kg.resolve.identity import group_name

    return translit_key(group_name(group))


def given_key(word: str) -> str:
    """A given name as a key: the first form of its group ('Nicholas' → 'nikolai'), else
    its transliteration key."""
    group = first_name_group(word)
    return _group_key(group) if group is not None else translit_key(word)


def _normal_case(name: str) -> str:
    """'GRAND DUCHESS ANASTASIA' → 'Grand Duchess Anastasia', 'NICHOLAS II' → 'Nicholas II'
    (initials and ordinals stay as written)."""
    letters = [c for c in name if c.isalpha()]
    if not (letters and all(c.isupper() for c in letters) and len(letters) > 3):
        return name
    return " ".join(w if ROMAN.match(w.rstrip(".,")) else w.title() for w in name.split())


@lru_cache(maxsize=131072)
def parse_name(name: str) -> NameParts:
    """The parts of a person's name (see the module's docstring)."""
    text = " ".join(_normal_case(name).split())
    text = text[4:] if text.startswith(("the ", "The ")) else text
    style, text = _style(text)
    title, core = split_title(text)
    titles = (style,) * bool(style) + _titles(title)
    words = core.replace(",", " ").split()
    if not words or len(words) == 1 and title_word(words[0]):
        return NameParts(name, "title", titles or (words[0].casefold().rstrip("."),), sex=gender(text))
    if len(words) == 1 and is_people_word(words[0]) and not titles:
        return NameParts(name, "people")
    words, territory, epithet, ordinal = _tails(words)
    initials, words = _initials(words)
    sex = gender(text)
    if not words and territory and titles:  # "the Grand Duke of Hesse"
        return NameParts(name, "title", titles, territory=territory, sex=sex)
    if not words:
        kind = "ordinal" if ordinal else "initials"
        return NameParts(name, kind, titles, initials, ordinal=ordinal, territory=territory, sex=sex)
    return _name_words(name, words, titles, initials, ordinal, epithet, territory, sex)


def _titles(title: str) -> tuple[str, ...]:
    """'Grand Duchess' → ('grand duchess',); 'Mr. General' → ('mr', 'general')."""
    words, out, i = title.split(), [], 0
    while i < len(words):
        two = " ".join(words[i:i + 2])
        if i + 1 < len(words) and title_class(two) is not None or two.casefold() in {"crown prince", "field marshal"}:
            out.append(two.casefold().rstrip("."))
            i += 2
        else:
            out.append(words[i].casefold().rstrip("."))
            i += 1
    return tuple(out)


def _tails(words: list[str]) -> tuple[list[str], str | None, str | None, str | None]:
    """'Alice of Hesse' → territory 'hesse'; 'Peter the Great' → epithet; 'Nicholas II' → ordinal."""
    territory = epithet = ordinal = None
    if "of" in words:  # "Alice of Hesse"; "(Grand Duke) of Hesse"
        i = words.index("of")
        territory, words = translit_key(" ".join(words[i + 1:])) or None, words[:i]
    if "the" in words[1:]:
        i = words.index("the", 1)
        epithet, words = translit_key(" ".join(words[i + 1:])) or None, words[:i]
    if len(words) > 1 and words[-1].rstrip(".").casefold() in GENERATIONS:  # "Paul Desmarais Jr."
        ordinal, words = GENERATIONS[words[-1].rstrip(".").casefold()], words[:-1]
    elif len(words) > 1 and words[-1].rstrip(".").casefold() in {"esq", "esquire", "esqs"}:
        words = words[:-1]
    if words and ROMAN.match(words[-1].rstrip(".")):
        ordinal, words = words[-1].rstrip(".").lower(), words[:-1]
    return words, territory, epithet, ordinal


def _initials(words: list[str]) -> tuple[tuple[str, ...], list[str]]:
    """Leading initials ('A. Iu. Aikhenvald' → ('a', 'iu'), ['Aikhenvald'])."""
    out = []
    while words and INITIAL.fullmatch(name_key(words[0]) + " "):
        out.append(name_key(words[0]).rstrip(". "))
        words = words[1:]
    return tuple(out), words


def _name_words(name: str, words: list[str], titles: tuple, initials: tuple, ordinal, epithet,
                territory, sex) -> NameParts:
    """Given name, patronymic, middle names and surname of the words left."""
    common = dict(titles=titles, initials=initials, ordinal=ordinal, epithet=epithet,
                  territory=territory, sex=sex)
    particles = _words().particles
    if len(words) == 1:
        parts = _one_word(name, words[0], initials, common)
        return replace(parts, kind="full") if ordinal and parts.kind in {"given", "surname"} else parts
    first, rest = words[0], words[1:]
    if first.casefold() in particles:  # "von Wittich": a surname with its particle
        return NameParts(name, "initials+surname" if initials else "surname", surname=_surname(words), **common)
    patronymic = patronymic_stem(rest[0], middle=len(rest) > 1)
    if patronymic and len(rest) == 1:
        return NameParts(name, "given+patronymic", given=given_key(first), given_form=translit_key(first),
                         patronymic=patronymic, **common)
    middle = rest[1:-1] if patronymic else rest[:-1]
    return NameParts(name, "full", given=given_key(first), given_form=translit_key(first), patronymic=patronymic,
                     middle=tuple(translit_key(w) for w in middle if w.casefold() not in particles),
                     surname=_surname(_with_particles(rest, particles)), **common)


def _one_word(name: str, word: str, initials: tuple, common: dict) -> NameParts:
    from kg.annotate.names import is_first_name

    if initials:
        return NameParts(name, "initials+surname", surname=translit_key(word), **common)
    stem = patronymic_stem(word)
    if stem and not is_first_name(word):
        return NameParts(name, "patronymic", patronymic=stem, **common)
    if is_first_name(word[:1].upper() + word[1:].lower()) or first_name_group(word) is not None:
        return NameParts(name, "given", given=given_key(word), given_form=translit_key(word), **common)
    return NameParts(name, "surname", surname=translit_key(word), **common)


def _with_particles(rest: list[str], particles: frozenset[str]) -> list[str]:
    """The surname's words: from its first particle ('de Bernabe'), else the last word."""
    for i, w in enumerate(rest):
        if w.casefold() in particles and i + 1 < len(rest):
            return rest[i + 1:]
    return rest[-1:]


def _surname(words: list[str]) -> str:
    return translit_key(" ".join(w for w in words if w.casefold() not in _words().particles))


@lru_cache(maxsize=262144)
def person_key(name: str) -> str:
    """The key of a person's name: its parts, titles aside — but a royal rank and a woman's
    title before a bare surname stay ("Madame Kerensky" is not Kerensky), so do the sex of a
    bare patronymic (a daughter's "Nikolaevna" is not a son's "Nikolaevich"), a people's
    name and a lone title. Variant spellings of every part share the key.

    >>> person_key("Grand Duchess Olga Nicholaevna") == person_key("Olga Nikolaievna")
    False
    >>> person_key("Olga Nicholaevna") == person_key("OLGA NIKOLAIEVNA"), person_key("Avdeieff") == person_key("Avdeyev")
    (True, True)
    """
    p = parse_name(name)
    if p.kind in {"people", "ordinal"}:
        return f"{p.kind}:{translit_key(p.text)}"
    rank = ",".join(sorted({c for c in map(title_class, p.titles) if c}))
    female = "f" if p.kind in {"surname", "initials+surname"} and any(gender(t) == "f" for t in p.titles) else ""
    if p.kind == "patronymic":  # "Nikolaevna" is a daughter, "Nikolaevich" a son
        female = "f" if name_key(p.text).endswith(FEMININE_PATRONYMIC) else "m"
    title = ",".join(p.titles) if p.kind == "title" else ""
    parts = (rank, female, title, p.given, p.patronymic, ".".join(p.middle), p.surname, ".".join(p.initials),
             p.ordinal, p.territory, p.epithet)
    return "|".join(x or "" for x in parts)
