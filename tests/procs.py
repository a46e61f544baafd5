"""Process helpers for the tests: the live children of a process, read from /proc."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable
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


def alive(pid: int) -> bool:
    """True while process ``pid`` exists and is not a zombie."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return False
    return fields[0] != "Z"


def wait_until(condition: Callable[[], object], seconds: float = 15.0) -> bool:
    """Poll ``condition`` every 0.1 s until it holds (True) or ``seconds`` pass (False)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return bool(condition())


def reap(proc: subprocess.Popen) -> None:
    """Kill ``proc`` if it still runs, and wait for it (a test's clean-up)."""
    if proc.poll() is None:
        proc.kill()
    proc.wait(10)
