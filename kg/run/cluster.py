"""The Dask engine: read → annotate → link of each file on the workers of a Dask cluster.

Same contract as :func:`kg.run.parallel.process_files`: files in, :class:`FileResult`\\ s out in
the order of the files, so a build through a cluster writes what ``-j 1`` writes.

- ``tcp://HOST:PORT`` (or ``tls://…``) connects to a running ``dask scheduler``;
  ``local:N`` starts a local cluster of N single-threaded worker processes for this build,
  spawned, never forked: the cluster forks from a thread of its event loop, and a process
  forked while other threads run can inherit a lock held for ever (a local cluster's start
  hung once in a test run that way); each worker loads the pipeline itself.
- Each worker loads the pipeline once: a worker plugin loads it when the build starts (and
  on a worker that joins later); tasks carry only the small :class:`ProcessorSpec` and
  find the loaded :class:`FileProcessor` in the worker's process state. A long-lived
  cluster keeps it warm for the next build with the same configuration.
- Input files and the cache folder must be visible to the workers at the same absolute
  path (a shared file system); relative paths are resolved against the client's folder and
  given back as written, so the output does not depend on where the workers run.
- A worker that dies has its files re-run elsewhere by the scheduler; with no worker left
  for ``NO_WORKERS`` seconds the build stops with a one-line error; a file that fails
  raises the same error it raises locally; an interruption (Ctrl-C) cancels the build's
  tasks on the cluster.

Dask is an optional dependency: ``pip install -e '.[cluster]'`` in histkg's folder.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import threading
import time
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlsplit

from kg.errors import ClusterError
from kg.link.needs import ParseNeeds
from kg.run.parallel import FileProcessor, FileResult, ProcessorSpec

try:
    import dask
    from distributed import Client, LocalCluster, WorkerPlugin, get_worker
    from distributed.scheduler import KilledWorker
except ImportError:  # the optional extra is not installed
    Client = LocalCluster = KilledWorker = get_worker = None  # type: ignore[assignment,misc]
    WorkerPlugin = object  # type: ignore[assignment,misc]

INSTALL = "pip install -e '.[cluster]' in histkg's folder"
SCHEMES = ("tcp://", "tls://")
CONNECT_TIMEOUT = "20s"
KEEP_PIPELINES = 2  # pipelines kept loaded per worker process
POLL = 2.0  # seconds between checks that the cluster still has workers
NO_WORKERS = 60.0  # seconds without any worker after which the build stops

_LOCK = threading.Lock()
_PIPELINES: OrderedDict[tuple, FileProcessor] = OrderedDict()  # (model, gazetteers, rules) →


def check_scheduler(scheduler: str) -> None:
    """Raise :class:`ClusterError` unless ``scheduler`` is usable: Dask installed, form valid."""
    if Client is None:
        raise ClusterError(f"--scheduler needs Dask distributed: {INSTALL}")
    if scheduler.startswith(SCHEMES):
        _check_address(scheduler)
        return
    count = scheduler.removeprefix("local:")
    if not (scheduler.startswith("local:") and count.isdigit() and int(count) >= 1):
        raise ClusterError(f"--scheduler {scheduler!r}: expected tcp://HOST:PORT or local:N")


def _check_address(scheduler: str) -> None:
    """``tcp://HOST:PORT`` / ``tls://HOST:PORT`` with a host, a port 1–65535, and for TLS
    Dask's TLS settings (``distributed.comm.tls.*``); else a one-line :class:`ClusterError`."""
    parts = urlsplit(scheduler)
    try:
        port = parts.port
    except ValueError:
        port = None
    if not parts.hostname or port is None or not 0 < port < 65536 or parts.path not in ("", "/"):
        raise ClusterError(f"--scheduler {scheduler!r}: expected {parts.scheme}://HOST:PORT "
                           "with a port number, e.g. tcp://10.0.0.1:8786")
    if parts.scheme == "tls" and not dask.config.get("distributed.comm.tls.ca-file", None):
        raise ClusterError(f"--scheduler {scheduler!r}: tls:// needs Dask's TLS settings "
                           "(distributed.comm.tls.ca-file, .client.cert, .client.key in ~/.config/dask)")


def _key(spec: ProcessorSpec) -> tuple:
    return (spec.model, spec.gazetteers, spec.rules)



def worker_processor(spec: ProcessorSpec) -> FileProcessor:
    """The processor of ``spec`` in this process (thread-safe).

    The pipeline and rules are loaded on first use and kept for later builds with the same
    model, gazetteers and rules, whatever their cache folder.
    """
    key = _key(spec)
    with _LOCK:
        loaded = _PIPELINES.get(key)
        if loaded is None:
            loaded = _PIPELINES[key] = spec.make()
            while len(_PIPELINES) > KEEP_PIPELINES:
                _PIPELINES.popitem(last=False)
        _PIPELINES.move_to_end(key)
    return FileProcessor(loaded.nlp, loaded.linker, spec.cache_dir, spec.versions, parse_all=spec.parse_all,
                         wants=loaded.wants if isinstance(loaded.wants, ParseNeeds) else None)


class PipelinePlugin(WorkerPlugin):  # type: ignore[misc,valid-type]
    """Loads the pipeline of one build configuration on every worker, once."""

    def __init__(self, spec: ProcessorSpec) -> None:
        self.spec = spec

    async def setup(self, worker: Any) -> None:
        """Load off the event loop, so the worker keeps answering the scheduler meanwhile."""
        await asyncio.get_running_loop().run_in_executor(None, worker_processor, self.spec)


def run_file(path: str, local: str, spec: ProcessorSpec) -> FileResult:
    """The task: process ``path`` (absolute) and report it as ``local`` (as the client named it)."""
    if not Path(path).exists():
        raise ClusterError(f"a worker cannot see {path}: the inputs must be on a file system "
                           "shared with the workers, at the same path")
    processor = worker_processor(spec)
    with _LOCK:  # one spaCy call at a time per process, whatever the worker's thread count
        result = processor(Path(path))
    result.worker = get_worker().address
    return _as_named(result, path, local)


def _as_named(result: FileResult, path: str, local: str) -> FileResult:
    result.path = local
    if result.problem and result.problem.get("file") == path:
        result.problem["file"] = local
    for document in result.documents:
        if document.path == path:
            document.path = local
    return result


def _spec_name(spec: ProcessorSpec) -> str:
    return "histkg-" + hashlib.sha256(repr(_key(spec)).encode()).hexdigest()[:16]


def _local_cluster(workers: int) -> Any:
    """A cluster of ``workers`` local processes, spawned (see the module's docs)."""
    with dask.config.set({"distributed.worker.multiprocessing-method": "spawn"}):
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                            host="127.0.0.1", dashboard_address="127.0.0.1:0",
                            silence_logs=logging.ERROR)


@contextmanager
def _client(scheduler: str) -> Iterator[Any]:
    """A client of the scheduler (a new local cluster for ``local:N``), closed on exit."""
    cluster = None
    try:
        if scheduler.startswith("local:"):
            cluster = _local_cluster(int(scheduler[6:]))
            client = Client(cluster)
        else:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as err:
        if cluster is not None:
            cluster.close()
        raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from err
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def process_files_dask(files: list[Path], spec: ProcessorSpec, scheduler: str) -> Iterator[FileResult]:
    """Results of ``files`` in their order, computed on the cluster of ``scheduler``."""
    check_scheduler(scheduler)
    if not files:
        return
    spec = _absolute(spec)
    with _client(scheduler) as client:
        client.register_plugin(PipelinePlugin(spec), name=_spec_name(spec))
        paths = [str(Path(f).absolute()) for f in files]
        futures: list[Any] = client.map(run_file, paths, [str(f) for f in files], spec=spec,
                                        pure=False)
        try:
            for i, future in enumerate(futures):
                yield _result(future, paths[i], client)
                futures[i] = None  # let the cluster forget it
        finally:
            client.cancel([f for f in futures if f is not None])


def _absolute(spec: ProcessorSpec) -> ProcessorSpec:
    """The spec with absolute paths: the workers' working folder is not ours."""
    def absolute(paths: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(str(Path(p).absolute()) for p in paths)

    cache = str(Path(spec.cache_dir).absolute()) if spec.cache_dir else None
    return replace(spec, gazetteers=absolute(spec.gazetteers), rules=absolute(spec.rules),
                   cache_dir=cache)


def _result(future: Any, path: str, client: Any) -> FileResult:
    """The task's result; :class:`ClusterError` when the cluster has had no worker for
    ``NO_WORKERS`` seconds (else the build would wait for ever, without a word)."""
    alone_since = None
    while True:
        try:
            return future.result(timeout=POLL)
        except KilledWorker as err:
            raise ClusterError(f"{path} was lost with every worker that ran it "
                               f"(out of memory?): {err}") from err
        except TimeoutError:
            pass
        if client.nthreads():
            alone_since = None
        elif alone_since is None:
            alone_since = time.monotonic()
        elif time.monotonic() - alone_since > NO_WORKERS:
            raise ClusterError(f"the Dask cluster has had no worker for {NO_WORKERS:g} s; "
                               f"start workers (dask worker {client.scheduler.address}) and build again")
