"""Extract documents in worker processes, each document under a time and a memory limit.

A PDF that makes the parser run away must fail alone: the parent kills the worker that holds it
past the time limit and starts a new one; a worker past the memory limit fails its document with
MemoryError (or dies, which the parent reports). Results stream back as documents finish; the
parent alone writes to DuckDB (one writer).
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import queue
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .metadata import MetaOverrides
from .model import ExtractionResult
from .settings import DEFAULT_SETTINGS, ExtractionSettings


@dataclass(frozen=True, slots=True)
class Job:
    index: int
    path: str
    overrides: MetaOverrides


@dataclass(frozen=True, slots=True)
class Outcome:
    job: Job
    result: ExtractionResult | None
    error_code: str | None = None
    error_message: str | None = None
    seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class Limits:
    seconds: float = 300.0
    memory_mb: int = 4096

    def __post_init__(self) -> None:
        if self.seconds <= 0 or self.memory_mb < 256:
            raise ValueError("time limit must be positive and memory limit at least 256 MB")


ProgressFn = Callable[[int, int, int], None]  # job index, page, pages


def _worker_main(tasks: mp.Queue, results: mp.Queue, memory_mb: int, settings: ExtractionSettings) -> None:
    import resource

    from .pipeline import extract_document
    from .readers import DocumentError

    limit = memory_mb * 1024 * 1024
    # A platform without RLIMIT_AS still gets the time limit.
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    while True:
        job = tasks.get()
        if job is None:
            return
        started = time.perf_counter()

        def progress(page: int, pages: int, _idx: int = job.index) -> None:
            results.put(("progress", _idx, page, pages))

        try:
            result = extract_document(job.path, job.overrides, settings, progress)
            results.put(("done", job.index, result, None, None, time.perf_counter() - started))
        except DocumentError as exc:
            results.put(("done", job.index, None, exc.code, exc.message, time.perf_counter() - started))
        except MemoryError:
            results.put(
                (
                    "done",
                    job.index,
                    None,
                    "out_of_memory",
                    f"{os.path.basename(job.path)}: extraction needed more than {memory_mb} MB and was "
                    "stopped. The file may be malformed; if it is genuine, raise --memory-limit.",
                    time.perf_counter() - started,
                )
            )
        except Exception as exc:  # a bug or a file that breaks the parser: fail this document only
            results.put(
                (
                    "done",
                    job.index,
                    None,
                    "extraction_failed",
                    f"{os.path.basename(job.path)}: extraction failed ({type(exc).__name__}: "
                    f"{str(exc)[:300]}). Report this with the file attached.",
                    time.perf_counter() - started,
                )
            )


class _Worker:
    def __init__(self, ctx, results: mp.Queue, limits: Limits, settings: ExtractionSettings):
        self.tasks = ctx.Queue()
        self.process = ctx.Process(
            target=_worker_main, args=(self.tasks, results, limits.memory_mb, settings), daemon=True
        )
        self.process.start()
        self.job: Job | None = None
        self.started = 0.0

    def give(self, job: Job) -> None:
        self.job = job
        self.started = time.monotonic()
        self.tasks.put(job)

    def stop(self) -> None:
        if self.process.is_alive():
            self.tasks.put(None)

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)


def run_jobs(
    jobs: list[Job],
    workers: int,
    limits: Limits = Limits(),
    settings: ExtractionSettings = DEFAULT_SETTINGS,
    progress: ProgressFn | None = None,
) -> Iterator[Outcome]:
    """Yield one :class:`Outcome` per job, as documents finish."""
    if not jobs:
        return
    ctx = mp.get_context("spawn")
    results: mp.Queue = ctx.Queue()
    pending = list(reversed(jobs))
    pool = [_Worker(ctx, results, limits, settings) for _ in range(max(1, min(workers, len(jobs))))]
    by_index = {j.index: j for j in jobs}
    remaining = len(jobs)
    finished: set[int] = set()
    try:
        for w in pool:
            if pending:
                w.give(pending.pop())
        while remaining:
            try:
                msg = results.get(timeout=0.2)
            except queue.Empty:
                msg = None
            if msg is not None:
                if msg[0] == "progress":
                    if progress:
                        progress(msg[1], msg[2], msg[3])
                    continue
                _, idx, result, code, message, seconds = msg
                if idx in finished:
                    continue  # a worker killed at its limit had already answered
                finished.add(idx)
                remaining -= 1
                yield Outcome(by_index[idx], result, code, message, seconds)
                worker = next((w for w in pool if w.job is not None and w.job.index == idx), None)
                if worker is not None:
                    worker.job = None
                    if pending:
                        worker.give(pending.pop())
                continue
            now = time.monotonic()
            for i, w in enumerate(pool):
                if w.job is None:
                    continue
                timed_out = now - w.started > limits.seconds
                died = not w.process.is_alive()
                if not (timed_out or died):
                    continue
                job = w.job
                if job.index in finished:
                    continue
                finished.add(job.index)
                exitcode = w.process.exitcode
                w.kill()
                name = os.path.basename(job.path)
                if timed_out and not died:
                    outcome = Outcome(
                        job,
                        None,
                        "timeout",
                        f"{name}: extraction took longer than {limits.seconds:g} s and was "
                        "stopped. The file may be malformed or enormous; raise --timeout if "
                        "it is genuine.",
                        now - w.started,
                    )
                else:
                    outcome = Outcome(
                        job,
                        None,
                        "worker_died",
                        f"{name}: the extraction process died (exit code {exitcode}), most "
                        f"likely out of memory (limit {limits.memory_mb} MB).",
                        now - w.started,
                    )
                remaining -= 1
                yield outcome
                pool[i] = _Worker(ctx, results, limits, settings)
                if pending:
                    pool[i].give(pending.pop())
    finally:
        for w in pool:
            w.stop()
        for w in pool:
            w.process.join(timeout=2)
            if w.process.is_alive():
                w.kill()
