"""The engines that process a build's files, one chosen per build: local worker processes
(:mod:`kg.run.parallel`, ``-j N``) or a Dask cluster (:mod:`kg.run.cluster`, ``--scheduler``).
Both take the same files, processor and spec, and give :class:`FileResult`\\ s in order.

>>> from kg.run.parallel import FileResult
>>> class Echo:
...     def __call__(self, path): return FileResult(path=str(path))
>>> [r.path for r in process(["a.txt", "b.txt"], Echo(), None)]
['a.txt', 'b.txt']
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from kg.run.parallel import FILE_TIMEOUT, FileProcessor, FileResult, ProcessorSpec, process_files


def process(files: list[Path], processor: FileProcessor, spec: ProcessorSpec, jobs: int = 1,
            scheduler: str | None = None, file_timeout: float = FILE_TIMEOUT) -> Iterator[FileResult]:
    """The results of ``files`` in their order, from a Dask cluster when ``scheduler`` is
    given (``tcp://HOST:PORT`` or ``local:N``; ``jobs`` is then ignored), else from ``jobs``
    local processes."""
    if scheduler:
        from kg.run.cluster import process_files_dask

        yield from process_files_dask(files, spec, scheduler)
        return
    yield from process_files(files, processor, spec, jobs, file_timeout)
