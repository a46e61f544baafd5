"""Clusters of mentions under keys, merged only when their names agree.

A key is ``gaz:ID`` (a gazetteer entry), ``name:TYPE:KEY`` (a name that identifies across
documents: a full name, an organisation, a place) or ``local:DOC:TYPE:KEY`` (a bare
surname, first name or title: it names someone only within its document). Every move of
one person cluster into another checks that all their names agree
(:func:`kg.resolve.agree.clusters_conflict`); a refused move is remembered with its reason.

>>> from kg.model import Mention
>>> c = Clusters()
>>> for n in ("Olga Nikolaievna", "Tatiana Nikolaievna"):
...     c.add(f"local:d:PERSON:{n}", Mention("d", "d.txt", 0, 1, n, "PERSON", 0, name=n), "same name")
>>> c.move("local:d:PERSON:Tatiana Nikolaievna", "local:d:PERSON:Olga Nikolaievna", "same patronymic")
False
>>> c.refused[0]["why_not"]
"given name: 'Tatiana Nikolaievna' / 'Olga Nikolaievna'"
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from kg.annotate.gazetteer import Gazetteer
from kg.model import Mention
from kg.resolve.agree import clusters_conflict


class Clusters:
    """Mentions by key, with merge reasons and the names each person cluster holds."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.members: dict[str, list[Mention]] = defaultdict(list)
        self.reasons: dict[str, set[str]] = defaultdict(set)
        self.refused: list[dict[str, str]] = []
        self.log: list[dict[str, Any]] = []  # every merge: {key, target, why, names}
        self.doubts: list[dict[str, Any]] = []  # merges left undone: {key, candidates, why}
        self.moved_to: dict[str, str] = {}
        self.gazetteer = gazetteer
        self._names: dict[str, set[str]] = defaultdict(set)

    def add(self, key: str, m: Mention, why: str) -> None:
        """Put a mention in the cluster ``key``."""
        self.members[key].append(m)
        self.reasons[key].add(why)
        if m.type == "PERSON" and m.name:
            self._names[key].add(m.name)

    def keys(self) -> list[str]:
        """The keys of the clusters that hold mentions, sorted."""
        return sorted(k for k, ms in self.members.items() if ms)

    def __getitem__(self, key: str) -> list[Mention]:
        return self.members.get(key, [])

    def names(self, key: str) -> set[str]:
        """The person names a cluster holds, with its gazetteer entry's name."""
        entry = self.entry(key)
        return self._names[key] | ({entry.name} if entry and entry.type == "PERSON" else set())

    def entry(self, key: str):
        """The gazetteer entry of a ``gaz:`` key, else None."""
        if key.startswith("gaz:") and self.gazetteer is not None:
            return self.gazetteer.get(key[4:])
        return None

    def type(self, key: str) -> str:
        return self.members[key][0].type if self.members.get(key) else ""

    def docs(self, key: str) -> set[str]:
        return {m.doc_id for m in self.members.get(key, [])}

    def conflict(self, key: str, target: str, ignore: tuple[str, ...] = ()) -> str | None:
        """Why two clusters cannot be one (for persons), or None."""
        if self.type(key) != "PERSON" or self.type(target) != "PERSON":
            return None
        return clusters_conflict(self.names(key), self.names(target), ignore)

    def take(self, key: str) -> list[Mention]:
        """Remove a cluster; its mentions."""
        self.reasons.pop(key, None)
        self._names.pop(key, None)
        return self.members.pop(key, [])

    def move(self, key: str, target: str, why: str, check: bool = True, ignore: tuple[str, ...] = ()) -> bool:
        """Merge ``key`` into ``target`` unless their names disagree (then remember why);
        ``check=False`` when the caller compared the names itself, ``ignore``: parts not compared."""
        if key == target or not self.members.get(key):
            return False
        problem = self.conflict(key, target, ignore) if check else None
        if problem:
            self.refused.append({"name": sorted(self._names[key])[0] if self._names[key] else key,
                                 "candidate": sorted(self.names(target))[0] if self.names(target) else target,
                                 "merge": why, "why_not": problem})
            return False
        names = sorted({m.name or m.text for m in self.members[key]})
        self.log.append({"key": key, "target": target, "why": why, "names": names})
        self.moved_to[key] = target
        self.members[target].extend(self.members.pop(key))
        self.reasons[target] |= self.reasons.pop(key, set()) | {why}
        self._names[target] |= self._names.pop(key, set())
        return True

    def final(self, key: str) -> str:
        """The cluster a key ended in, after every merge."""
        seen = set()
        while key in self.moved_to and key not in seen:
            seen.add(key)
            key = self.moved_to[key]
        return key
