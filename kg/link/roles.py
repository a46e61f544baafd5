"""Rules by roles: grammatical roles and word lists a rule names instead of exact paths.

A rule may say ``subject_roles = ["passive", "subject"]`` and ``object_roles =
["prep:to", "object"]``; each role expands to the dependency paths the small English model
produces for it (``kg/data/link/roles.toml``), so one rule covers the many parses of the
same statement. ``trigger = ["@office"]`` names a word list of
``kg/data/link/role_nouns.toml``.

>>> role_paths("verb", ["prep:in|at"])[0]
'>prep:in|at >pobj'
>>> "president" in expand_words(["@head"])
True
"""

from __future__ import annotations

from functools import lru_cache

from kg.data_files import load_toml

ROLE_FILE = "link/roles.toml"
NOUN_FILE = "link/role_nouns.toml"


@lru_cache(maxsize=1)
def _roles() -> dict[str, dict[str, list[str]]]:
    return load_toml(ROLE_FILE)


@lru_cache(maxsize=1)
def word_lists() -> dict[str, tuple[str, ...]]:
    """The named word lists (``head``, ``office``, ``punishment`` …)."""
    return {k: tuple(v) for k, v in load_toml(NOUN_FILE).items()}


def role_paths(kind: str, roles: list[str]) -> list[str]:
    """The path strings of ``roles`` for a ``verb`` or ``noun`` trigger, in order.

    Raises ``ValueError`` naming an unknown role."""
    table = _roles().get(kind, {})
    out: list[str] = []
    for role in roles:
        name, _, word = role.partition(":")
        if name not in table:
            raise ValueError(f"unknown {kind} role {role!r}; known: {sorted(table)}")
        for path in table[name]:
            text = path.replace("{}", word) if word else path.replace(":{}", "")
            if text not in out:
                out.append(text)
    return out


def expand_words(words: list[str]) -> list[str]:
    """Words with ``@list`` references replaced by the list's words. Raises ``ValueError``
    naming an unknown list."""
    lists = word_lists()
    out: list[str] = []
    for word in words:
        if word.startswith("@"):
            if word[1:] not in lists:
                raise ValueError(f"unknown word list {word!r}; known: {sorted(lists)}")
            out.extend(lists[word[1:]])
        else:
            out.append(word)
    return list(dict.fromkeys(out))
