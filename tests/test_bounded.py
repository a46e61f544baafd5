"""A bounded call's child process never outlives the process that asked for it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from procs import alive, children_of, wait_until

from kg.sparql.bounded import run_bounded
from kg.errors import QueryTimeout

ASKER = """
import time
from kg.sparql.bounded import run_bounded
run_bounded(time.sleep, (600,), timeout=None)
"""


def test_timeout_kills_the_child() -> None:
    before = children_of(os.getpid())
    with pytest.raises(QueryTimeout):
        run_bounded(time.sleep, (600,), timeout=0.3)
    assert wait_until(lambda: not children_of(os.getpid()) - before, 5)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP])
def test_child_dies_with_its_parent(sig: int) -> None:
    asker = subprocess.Popen([sys.executable, "-c", ASKER])
    try:
        assert wait_until(lambda: children_of(asker.pid)), "no child started"
        child = next(iter(children_of(asker.pid)))
        assert os.getpgid(child) == child  # its own group, killed whole by the parent
        asker.send_signal(sig)
        asker.wait(10)
        assert wait_until(lambda: not alive(child), 5), "the child outlived its parent"
    finally:
        asker.kill()
        asker.wait(5)
