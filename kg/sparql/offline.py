"""Federation off at the source: a process that can open no Internet socket (Linux seccomp).

Oxigraph sends an HTTP request for every ``SERVICE`` clause it evaluates, and a query has
more spellings than any text check sees. :func:`go_offline` installs a seccomp filter in the
calling process (in practice the forked child that evaluates one query, :mod:`kg.sparql.bounded`)
that makes ``socket(AF_INET…)`` and ``socket(AF_INET6…)`` fail with ``EPERM``: whatever the
engine parsed, it cannot reach any host, name servers included. Pipes and Unix sockets (how
the child answers its parent) still work. The filter cannot be removed and is inherited by
threads the engine starts later. On other systems :func:`go_offline` returns False and
:mod:`kg.sparql.sparql_guard` refuses every query it cannot parse itself.

>>> import os
>>> pid = os.fork()
>>> if pid == 0:  # the child goes offline, then tries to open an Internet socket
...     import socket
...     ok = go_offline()
...     try:
...         socket.socket()
...     except OSError:
...         os._exit(0 if ok else 2)
...     os._exit(1)
>>> os.waitpid(pid, 0)[1] >> 8 in (0, 2)
True
"""

from __future__ import annotations

import ctypes
import platform
import sys

# seccomp_data: nr at offset 0, arch at 4, args[0] (low 32 bits, little-endian) at 16
_ARCH = {"x86_64": (0xC000003E, 41), "aarch64": (0xC00000B7, 198)}  # AUDIT_ARCH_*, __NR_socket
_LD, _JEQ, _RET = 0x20, 0x15, 0x06
_ALLOW, _DENY = 0x7FFF0000, 0x00050000 | 1  # SECCOMP_RET_ALLOW, SECCOMP_RET_ERRNO | EPERM
_AF_INET, _AF_INET6 = 2, 10
_PR_SET_NO_NEW_PRIVS, _PR_SET_SECCOMP, _SECCOMP_MODE_FILTER = 38, 22, 2
_active = False


class _Filter(ctypes.Structure):
    _fields_ = [("code", ctypes.c_ushort), ("jt", ctypes.c_ubyte), ("jf", ctypes.c_ubyte),
                ("k", ctypes.c_uint)]


class _Program(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_Filter))]


def program(arch: int, socket_nr: int) -> list[tuple[int, int, int, int]]:
    """The BPF program: deny ``socket(AF_INET | AF_INET6, …)`` and foreign-ABI calls, allow the rest.

    >>> len(program(*_ARCH["x86_64"]))
    10
    """
    return [(_LD, 0, 0, 4), (_JEQ, 1, 0, arch), (_RET, 0, 0, _DENY),
            (_LD, 0, 0, 0), (_JEQ, 0, 4, socket_nr),
            (_LD, 0, 0, 16), (_JEQ, 1, 0, _AF_INET), (_JEQ, 0, 1, _AF_INET6),
            (_RET, 0, 0, _DENY), (_RET, 0, 0, _ALLOW)]


def go_offline() -> bool:
    """Forbid Internet sockets in this process for good; True when the filter is in place.

    Only call it in a child process: the filter also applies to everything the process
    does afterwards.
    """
    global _active
    known = _ARCH.get(platform.machine())
    if _active or known is None or not sys.platform.startswith("linux"):
        return _active
    steps = program(*known)
    filters = (_Filter * len(steps))(*(_Filter(*step) for step in steps))
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    prog = _Program(len(steps), filters)
    _active = libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(prog), 0, 0) == 0
    return _active


def offline() -> bool:
    """True when :func:`go_offline` has put this process offline."""
    return _active
