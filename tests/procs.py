"""Process helpers for the tests: the live children of a process, read from /proc."""

from __future__ import annotations

from pathlib import Path


def children_of(pid: int) -> set[int]:
    """Process ids whose parent is ``pid`` (zombies left out)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found
