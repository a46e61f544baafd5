"""Worker processes that cannot hang a build: each worker has its own pipe, the parent
waits on the pipes and on the processes themselves, and a watchdog gives every task a time
limit.

``multiprocessing.Pool`` hung ``kg build -j 2`` about once in ten runs: at the end of the
build ``Pool.terminate`` waits for a lock that an idle worker holds while it waits for work,
and a worker that dies takes its task with it unnoticed. Here nothing is shared between
workers: the parent sends one task at a time down a worker's own pipe and reads its answer.

- a worker that dies (killed, out of memory, a crash in C code) is replaced and its task is
  tried once more, then reported as failed;
- a task that takes longer than its limit (the worker stopped making progress) has its worker
  killed and replaced, the task tried once more, then reported as failed;
- results come back in the order of the tasks, whatever finishes first;
- on any way out (the last result, an error, Ctrl-C, the consumer stopping early) every
  worker is stopped: none is left running.

>>> list(run_ordered([3, 1, 2], abs, jobs=2, limit=lambda item: 30.0, failed=lambda item, why: None))
[3, 1, 2]
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Callable, Generic, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: how many times a task is tried before it is reported as failed
ATTEMPTS = 2


class _Raised:
    """An exception raised by the task itself (not a dead worker): raised again in the parent."""

    def __init__(self, error: BaseException) -> None:
        self.error = error


def _serve(conn: Connection, work: Callable[[Any], Any], init: Callable[..., None] | None,
           initargs: tuple[Any, ...]) -> None:
    """A worker's loop: (index, item) in, (index, result) out, until ``None`` or a closed pipe."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if init is not None:
        init(*initargs)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        index, item = message
        try:
            answer: Any = work(item)
        except Exception as error:  # the parent decides what it means
            answer = _Raised(error)
        conn.send((index, answer))


@dataclass(slots=True)
class _Task(Generic[T]):
    index: int
    item: T
    attempts: int = 0


class _Worker:
    """One process and the parent's end of its pipe; ``task`` is what it is working on."""

    def __init__(self, context: Any, work: Callable, init: Callable | None, initargs: tuple) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, work, init, initargs), daemon=True)
        self.process.start()
        child.close()
        self.task: _Task | None = None
        self.deadline = self.limit = 0.0

    def give(self, task: _Task, limit: float) -> None:
        task.attempts += 1
        self.task, self.limit, self.deadline = task, limit, time.monotonic() + limit
        self.conn.send((task.index, task.item))

    def stop(self, grace: float = 2.0) -> None:
        """Ask the worker to finish, then kill it if it has not after ``grace`` seconds."""
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.process.join(grace)
        if self.process.is_alive():
            self.kill()
        self.conn.close()

    def kill(self) -> None:
        if self.process.is_alive() and self.process.pid is not None:
            try:
                os.kill(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.process.join()


def run_ordered(items: Iterable[T], work: Callable[[T], R], jobs: int, *,
                limit: Callable[[T], float], failed: Callable[[T, str], R],
                init: Callable[..., None] | None = None, initargs: tuple[Any, ...] = (),
                start_method: str | None = None) -> Iterator[R]:
    """``work(item)`` for every item in ``jobs`` worker processes, yielded in item order.

    ``limit(item)``: the seconds a worker may spend on the item before it is taken to have
    stopped making progress. ``failed(item, why)``: the result to yield for an item that
    could not be done (its worker died or stalled on each of its attempts). ``init`` runs
    once in each new worker (with ``initargs``); ``start_method`` is ``fork`` or ``spawn``
    (default: fork where the platform has it).
    """
    methods = mp.get_all_start_methods()
    context = mp.get_context(start_method or ("fork" if "fork" in methods else "spawn"))
    pool = _Pool(context, work, init, initargs, limit, failed)
    try:
        yield from pool.run([_Task(i, item) for i, item in enumerate(items)], jobs)
    finally:
        pool.close()


class _Pool:
    def __init__(self, context: Any, work: Callable, init: Callable | None, initargs: tuple,
                 limit: Callable[[Any], float], failed: Callable[[Any, str], Any]) -> None:
        self.spawn = lambda: _Worker(context, work, init, initargs)
        self.limit, self.failed = limit, failed
        self.workers: list[_Worker] = []

    def run(self, tasks: list[_Task], jobs: int) -> Iterator[Any]:
        waiting = list(reversed(tasks))
        done: dict[int, Any] = {}
        self.workers = [self.spawn() for _ in range(max(1, min(jobs, len(tasks))))]
        for next_out in range(len(tasks)):
            while next_out not in done:
                self._assign(waiting)
                self._collect(waiting, done)
            yield done.pop(next_out)

    def _assign(self, waiting: list[_Task]) -> None:
        for worker in self.workers:
            if worker.task is None and waiting:
                task = waiting.pop()
                worker.give(task, self.limit(task.item))

    def _collect(self, waiting: list[_Task], done: dict[int, Any]) -> None:
        busy = [w for w in self.workers if w.task is not None]
        timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
        ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout)
        for worker in busy:
            if worker.conn in ready:
                self._answer(worker, waiting, done)
            elif worker.process.sentinel in ready:
                self._lost(worker, waiting, done, f"its worker process died (exit code {worker.process.exitcode})")
            elif time.monotonic() >= worker.deadline:
                self._lost(worker, waiting, done, f"its worker stopped making progress for {worker.limit:g} s")

    def _answer(self, worker: _Worker, waiting: list[_Task], done: dict[int, Any]) -> None:
        try:
            index, answer = worker.conn.recv()
        except (EOFError, OSError):
            worker.process.join(1.0)
            self._lost(worker, waiting, done, f"its worker process died (exit code {worker.process.exitcode})")
            return
        worker.task = None
        if isinstance(answer, _Raised):
            raise answer.error
        done[index] = answer

    def _lost(self, worker: _Worker, waiting: list[_Task], done: dict[int, Any], why: str) -> None:
        """Replace a dead or stalled worker; try its task again or report it failed."""
        task = worker.task
        assert task is not None
        worker.kill()
        worker.conn.close()
        self.workers[self.workers.index(worker)] = self.spawn()
        if task.attempts < ATTEMPTS:
            waiting.append(task)
        else:
            done[task.index] = self.failed(task.item, f"{why}, {task.attempts} times")

    def close(self) -> None:
        for worker in self.workers:
            if worker.task is not None:
                worker.kill()
                worker.conn.close()
            else:
                worker.stop()
        self.workers = []
