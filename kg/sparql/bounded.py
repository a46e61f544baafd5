"""Run a call in a child process that can be stopped: a timeout, Ctrl-C, or a cancel check.

pyoxigraph evaluates a query in native code that never looks at Python signals, so a
cartesian product would run on after Ctrl-C and after any deadline. :func:`run_bounded` forks
a child that makes the call and sends back its result; the parent waits, and kills the child
when the time is up, when Ctrl-C arrives (``KeyboardInterrupt`` propagates after the kill),
or when ``cancelled()`` says so (a client that went away). The child is the leader of its
own process group, which the parent kills whole; it dies at once of SIGTERM and SIGHUP (a
Python handler would wait for native code that never returns), and of the death of its
parent (Linux ``PR_SET_PDEATHSIG``): no query is left running without the process that asked.

>>> run_bounded(sum, ([1, 2],), timeout=10)
3
>>> run_bounded(time.sleep, (5,), timeout=0.2)
Traceback (most recent call last):
...
kg.errors.QueryTimeout: stopped after 0.2 s (--timeout)
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing as mp
import os
import signal
import sys
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from kg.errors import KGError, QueryTimeout
from kg.sparql.offline import go_offline

_POLL = 0.1
_PR_SET_PDEATHSIG = 1


def _die_with(parent: int) -> None:
    """Own process group (the parent kills the group), and killed when the parent dies."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides; no traceback here
    for kind in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if kind is not None:  # native code never runs Python handlers: die at once
            signal.signal(kind, signal.SIG_DFL)
    os.setpgid(0, 0)
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)


def _child(conn: Connection, func: Callable[..., Any], args: tuple[Any, ...], offline: bool,
           parent: int) -> None:
    _die_with(parent)
    if offline:
        go_offline()
    try:
        conn.send(("ok", func(*args)))
    except KGError as err:
        conn.send(("error", (type(err), str(err), err.exit_code)))
    except BaseException as err:  # noqa: BLE001 - reported to the parent as one line
        conn.send(("error", (KGError, f"{type(err).__name__}: {err}", 1)))
    finally:
        conn.close()


def _stop(process: Any) -> None:
    if process.is_alive():
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)  # the child and anything it started
        process.kill()
    process.join(5)


def run_bounded(func: Callable[..., Any], args: tuple[Any, ...] = (), timeout: float | None = 60.0,
                cancelled: Callable[[], bool] | None = None, offline: bool = False) -> Any:
    """``func(*args)`` computed in a forked child; raises :class:`QueryTimeout` past ``timeout``.

    ``timeout`` None or ≤ 0: no limit. Errors of the child come back as a :class:`KGError`
    with the child's message and exit code. ``cancelled`` is polled every 0.1 s. ``offline``:
    the child can open no Internet socket (:func:`kg.sparql.offline.go_offline`).
    """
    receive, send = mp.get_context("fork").Pipe(duplex=False)
    process = mp.get_context("fork").Process(target=_child, args=(send, func, args, offline, os.getpid()), daemon=True)
    process.start()
    send.close()
    deadline = time.monotonic() + timeout if timeout and timeout > 0 else None
    try:
        while not receive.poll(_POLL):
            if deadline is not None and time.monotonic() > deadline:
                raise QueryTimeout(f"stopped after {timeout:g} s (--timeout)")
            if cancelled is not None and cancelled():
                raise QueryTimeout("cancelled: the client went away")
            if not process.is_alive() and not receive.poll(0):
                raise KGError(f"the query process died (exit code {process.exitcode})")
        kind, value = receive.recv()
    except EOFError:
        raise KGError(f"the query process died (exit code {process.exitcode})") from None
    finally:
        _stop(process)
        receive.close()
    if kind == "ok":
        return value
    raise _rebuilt(*value)


def _rebuilt(kind: type[KGError], message: str, exit_code: int) -> KGError:
    """The child's error as the same class, message and exit code (without calling its __init__)."""
    error = kind.__new__(kind)
    Exception.__init__(error, message)
    error.exit_code = exit_code
    return error
