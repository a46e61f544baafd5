"""Given names of the name tables (``kg/data/names.toml``: the Russian and the western lists),
shared by the name shapes (:mod:`kg.annotate.names`) and the openers
(:mod:`kg.annotate.openers`).

>>> is_first_name("Aniuta"), is_first_name("Siberia"), is_first_name("aniuta")
(True, False, False)
"""

from __future__ import annotations

from functools import lru_cache

from kg.data_files import data_path, load_toml


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Every given name of the lists, case-folded."""
    data = load_toml("names.toml")
    return _names(data["first_names_file"]) | _names(data["western_first_names_file"])


def _names(name: str) -> frozenset[str]:
    text = data_path(name).read_text(encoding="utf-8")
    lines = [line.split("#")[0] for line in text.splitlines()]
    return frozenset(word.casefold() for line in lines for word in line.split())


def is_first_name(word: str) -> bool:
    """'Aniuta' → True (a diminutive of Anna); 'Siberia' → False."""
    return word[:1].isupper() and word.casefold() in first_names()
