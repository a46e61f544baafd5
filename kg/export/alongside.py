"""Run one export task in a forked process while this one does the rest.

>>> import os, tempfile
>>> folder = tempfile.mkdtemp()
>>> with alongside(lambda d: open(os.path.join(d, "b"), "w").close(), folder, parallel=True):
...     open(os.path.join(folder, "a"), "w").close()
>>> sorted(os.listdir(folder))
['a', 'b']
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def alongside(task: Callable[..., None], *args: Any, parallel: bool = True) -> Iterator[None]:
    """Run ``task(*args)`` in a forked child during the ``with`` block (in this process
    after it, where fork is unavailable or ``parallel`` is false); an exception of the
    child is raised here, after the block. A child that dies without an answer (killed,
    out of memory) has its task done again here."""
    if not parallel or "fork" not in mp.get_all_start_methods():
        yield
        task(*args)
        return
    context = mp.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_run, args=(send, task, args))
    child.start()
    send.close()
    try:
        yield
    finally:
        try:
            failure: BaseException | None = receive.recv()
            died = False
        except EOFError:
            failure, died = None, True
        child.join()
    if died:
        task(*args)
    if failure is not None:
        raise failure


def _run(send, task: Callable[..., None], args: tuple) -> None:
    try:
        task(*args)
        send.send(None)
    except BaseException as err:  # noqa: BLE001 - every failure goes back to the parent
        try:
            send.send(err)
        except Exception:  # an exception that does not pickle
            send.send(OSError(f"{type(err).__name__}: {err}"))
