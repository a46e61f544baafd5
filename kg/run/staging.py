"""Outputs replaced as a set: every file of a build goes into a staging folder beside ``DIR``,
which is swapped in at the end, so ``DIR`` is always one complete build, old or new.

The swap is one ``renameat2(RENAME_EXCHANGE)`` system call on Linux (old and new trade
places atomically; two renames elsewhere). The cache folder ``DIR/.cache`` and any file
that is not a build output (a user's notes) are carried over into the new ``DIR``; the old
outputs are then deleted. A build interrupted (Ctrl-C, SIGTERM, SIGKILL, a full disk) leaves
``DIR`` as it was; its staging folder is deleted then, or by the next build into ``DIR`` (a
build still running holds a lock on its staging folder's marker, so a second build into the
same ``DIR`` leaves it alone: the last to finish is the build ``DIR`` holds).

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "out"
>>> _ = publish(out, lambda d: (d / "graph.ttl").write_text("new"), outputs=("graph.ttl",))
>>> sorted(p.name for p in out.iterdir()), sorted(p.name for p in out.parent.iterdir())
(['graph.ttl'], ['out'])
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from kg.errors import NothingBuilt, OutputWriteError
from kg.model import KnowledgeGraph

MARKER = ".histkg-staging"  # in a staging folder: safe to delete when left behind
PAUSE_ENV = "HISTKG_PAUSE_BEFORE_SWAP"  # test hook: seconds to wait with every file written
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def check_out_dir(out: str | Path) -> Path:
    """``out`` as a path that can become a build folder; :class:`OutputWriteError` if not.

    Refused: an existing file (not a folder), a folder or parent we may not write to.
    """
    path = Path(out)
    if path.exists() and not path.is_dir():
        raise OutputWriteError(str(path), "exists and is not a folder; choose another --out")
    parent = _existing_parent(path.resolve().parent)
    for folder in ([path] if path.is_dir() else []) + [parent]:
        if not os.access(folder, os.W_OK | os.X_OK):
            raise OutputWriteError(str(folder), "is not writable (permission denied or read-only); "
                                                "choose another --out")
    return path


def _existing_parent(path: Path) -> Path:
    while not path.exists():
        if not path.parent.is_dir() and path.parent.exists():
            raise OutputWriteError(str(path.parent), "is a file, not a folder; choose another --out")
        path = path.parent
    return path


def publish(out: str | Path, write: Callable[[Path], Any], outputs: Iterable[str]) -> Path:
    """Run ``write(staging)`` and swap the staging folder in as ``out``; returns ``out``.

    ``outputs`` names the files a build writes: those of the old build are not carried over.
    OS errors (no space, permission, read-only) become one-line :class:`OutputWriteError` s,
    and ``out`` is left as it was.
    """
    given = check_out_dir(out)
    target = given.resolve()  # "." or a symlink: work on the real folder beside its parent
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        clean_stale(target)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.staging-", dir=target.parent))
        os.chmod(staging, _folder_mode(target))
    except OSError as err:
        raise _error(err, given) from None
    marker = -1
    try:
        marker = _hold(staging / MARKER)
        write(staging)
        _pause(staging)
        _swap(target, staging, set(outputs))
    except OSError as err:
        raise _error(err, given) from None
    finally:
        if marker >= 0:
            os.close(marker)
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return given


def _hold(marker: Path) -> int:
    """Create the staging marker and hold a lock on it while the build runs (its descriptor):
    another build into the same folder sees the lock and leaves this staging folder alone."""
    fd = os.open(marker, os.O_CREAT | os.O_WRONLY, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def _live(marker: Path) -> bool:
    """True while a running build holds the lock on ``marker`` (a killed one holds nothing)."""
    try:
        fd = os.open(marker, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)


def _folder_mode(target: Path) -> int:
    """The old folder's permissions, else those of a new folder (0o777 less the umask)."""
    if target.is_dir():
        return target.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o777 & ~umask


def _pause(staging: Path) -> None:
    seconds = float(os.environ.get(PAUSE_ENV) or 0)
    if seconds > 0:
        (staging / ".paused").touch()
        time.sleep(seconds)
        (staging / ".paused").unlink()


def _swap(target: Path, staging: Path, outputs: set[str]) -> None:
    """Make ``staging`` the new ``target``; the old one ends up at ``staging`` (then deleted)."""
    (staging / MARKER).unlink()
    if not target.exists():
        os.rename(staging, target)
        return
    cache = target / ".cache"
    if cache.is_dir() and not (staging / ".cache").exists():
        os.rename(cache, staging / ".cache")
    _exchange(target, staging)
    for entry in staging.iterdir():  # the old build: keep what is not an output
        if entry.name not in outputs and not (target / entry.name).exists():
            os.rename(entry, target / entry.name)
    shutil.rmtree(staging)


def _exchange(a: Path, b: Path) -> None:
    """Atomically exchange two folders (Linux), else swap them by two renames."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
            return
        code = ctypes.get_errno()
        if code not in (errno.EINVAL, errno.ENOSYS, errno.EXDEV):
            raise OSError(code, os.strerror(code), str(a))
    except AttributeError:  # no renameat2 in this C library
        pass
    side = b.with_name(b.name + ".old")
    os.rename(a, side)
    os.rename(b, a)
    os.rename(side, b)


def clean_stale(target: Path) -> None:
    """Delete staging folders of ``target`` left by interrupted builds (they hold a marker that
    no running build has locked); the staging folder of a build still running is kept."""
    for folder in target.parent.glob(f".{target.name}.staging-*"):
        if (folder / MARKER).exists() and not _live(folder / MARKER):
            shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def discard_if_failed(out: str | Path, fresh: bool) -> Iterator[None]:
    """When the block fails and ``out`` did not exist before it (``fresh``), delete ``out`` if
    it holds nothing but the cache the failed build began: no folder is left behind."""
    try:
        yield
    except BaseException:
        path = Path(out)
        if fresh and path.is_dir() and {p.name for p in path.iterdir()} <= {".cache"}:
            shutil.rmtree(path, ignore_errors=True)
        raise


def _error(err: OSError, target: Path) -> OutputWriteError:
    reason = err.strerror or str(err)
    if err.errno == errno.ENOSPC:
        reason = "no space left on the device"
    return OutputWriteError(str(target), f"cannot write the build ({reason}); the folder was left as it was")


def write_build(graph: KnowledgeGraph, out: str | Path, **options: Any) -> dict[str, Path]:
    """Write every output of ``graph`` (:func:`kg.export.write_all` options) as one set.

    Raises :class:`NothingBuilt` when no input file could be read: ``out`` keeps its build.
    """
    from kg.export import OUTPUTS, write_all
    from kg.export.embed import EMBED_FILES

    if not graph.documents:
        kept = "the existing build was kept" if (Path(out) / "graph.ttl").exists() else "nothing was written"
        raise NothingBuilt(f"no input file could be read: {kept} ({out})")
    names: dict[str, Path] = {}
    # tei/ is an output even when not written: an old build's TEI files are not carried over
    target = publish(out, lambda d: names.update(write_all(graph, d, **options)), OUTPUTS + EMBED_FILES + ("tei",))
    return {name: target / name for name in names}
