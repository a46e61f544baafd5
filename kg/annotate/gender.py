"""A person's gender as the name shows it, for pronouns and for resolution guards.

Cues (``kg/data/names.toml``): titles ("Madame", "General"), Russian first names
(``names/first_names.txt``: those ending in -a/-ia/-ya are women's), other European given names
(``names/given_names_sex.toml``) and surname endings (-ova/-eva/-ina: women; -ov/-ev/-in/-sky:
men). ``None`` when the name does not say.

>>> gender("Empress Frederick"), gender("Nikolai Bukharin"), gender("Anna Larina"), gender("Caillaux")
('f', 'm', 'f', None)
>>> gender("Johann Muller"), gender("Gertrud Muller")
('m', 'f')
"""

from __future__ import annotations

from functools import lru_cache

from kg.annotate.first_names import is_first_name
from kg.data_files import load_toml


@lru_cache(maxsize=1)
def _gender_cues() -> dict:
    data = load_toml("names.toml")
    return {k: frozenset(w.casefold() for w in data[k])
            for k in ("female_titles", "male_titles")} | {
        "female_endings": tuple(data["female_endings"]), "male_endings": tuple(data["male_endings"])}


@lru_cache(maxsize=1)
def _given_names() -> dict[str, str]:
    """Given name (case-folded) → 'f' or 'm', from ``names/given_names_sex.toml``."""
    data = load_toml("names/given_names_sex.toml")
    out: dict[str, str] = {}
    for sex, key in (("f", "female"), ("m", "male")):
        for name in data[key]:
            out.setdefault(name.casefold(), sex)
    return out


def known_given_name(word: str) -> bool:
    """Whether ``word`` is a given name whose sex the lists know ('Julia', 'Sidney').

    >>> known_given_name("Julia"), known_given_name("Count")
    (True, False)
    """
    return word.casefold() in _given_names()


@lru_cache(maxsize=65536)
def gender(name: str) -> str | None:
    """'f', 'm' or None from titles, Russian first names and surname endings:
    'Empress Frederick' → 'f', 'Nikolai Bukharin' → 'm', 'Anna Larina' → 'f'."""
    cues = _gender_cues()
    words = [w.strip(".,").casefold() for w in name.split() if len(w.strip(".,")) > 1]
    if not words:
        return None
    if any(w in cues["female_titles"] for w in words):
        return "f"
    if any(w in cues["male_titles"] for w in words):
        return "m"
    given = _given_names().get(words[0])
    if given is not None:
        return given
    if is_first_name(words[0].title()):
        return "f" if words[0].endswith(("a", "ia", "ya")) else "m"
    last = words[-1]
    if last.endswith(cues["female_endings"]):
        return "f"
    return "m" if last.endswith(cues["male_endings"]) else None
