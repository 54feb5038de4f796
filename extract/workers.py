"""Extract documents in worker processes, each document under a time and a memory limit.

A PDF that makes the parser run away must fail alone: the parent kills the worker that holds it
past the time limit and starts a new one; a worker past the memory limit fails its document with
MemoryError (or dies, which the parent reports). Results stream back as documents finish; the
parent alone writes to DuckDB (one writer).

A worker dies with the parent (extract.processes): a killed build leaves no worker behind.
A worker that runs out of memory may not manage to say so (the message itself needs memory) and
hang or die; the parent samples each worker's peak memory, so a worker stopped at its time limit
or found dead near its memory limit is reported as out of memory, the cause that fired.

The memory limit bounds the parent too. A worker sends its result pickled, so the parent knows
its size before it unpickles anything; a result whose landing would take more than the limit
(estimated from that size, see LANDING_BYTES_PER_PICKLED_BYTE) fails its document alone as
out of memory, unread. What is landed goes in batches (extract.landing.LANDING_BATCH).
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import pickle
import queue
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

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


# A worker that ran out of memory and could not report it exits with this code.
EXIT_OUT_OF_MEMORY = 75
# A worker whose peak address space came this close to its limit ran out of memory.
NEAR_LIMIT = 0.9
# Memory the parent needs to unpickle and land a result, per byte of the pickled result. Measured
# (make bench, "the parent's memory while it lands a large document"): 19× at 6 MB pickled, 14× at
# 17 MB (10 MB of text); the limit (at least 256 MB) can only bite from 16 MB pickled on.
LANDING_BYTES_PER_PICKLED_BYTE = 16


def _worker_main(
    tasks: mp.Queue, results: mp.Queue, memory_mb: int, settings: ExtractionSettings, parent: int
) -> None:
    try:
        _serve(tasks, results, memory_mb, settings, parent)
    except MemoryError:
        os._exit(EXIT_OUT_OF_MEMORY)


def _serve(
    tasks: mp.Queue, results: mp.Queue, memory_mb: int, settings: ExtractionSettings, parent: int
) -> None:
    import resource

    from .pipeline import extract_document
    from .processes import die_with_parent
    from .readers import DocumentError

    die_with_parent(parent)

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
            payload = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
            del result
            results.put(("done", job.index, payload, None, None, time.perf_counter() - started))
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
            target=_worker_main,
            args=(self.tasks, results, limits.memory_mb, settings, os.getpid()),
            daemon=True,
        )
        self.process.start()
        self.job: Job | None = None
        self.started = 0.0
        self.peak_mb = 0.0

    def sample_memory(self) -> None:
        """Keep the worker's peak address space (VmPeak never decreases while it lives)."""
        with contextlib.suppress(OSError, ValueError):
            for line in open(f"/proc/{self.process.pid}/status", encoding="ascii"):  # noqa: SIM115
                if line.startswith("VmPeak:"):
                    self.peak_mb = max(self.peak_mb, int(line.split()[1]) / 1024)
                    return

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


def landing_estimate_mb(payload: bytes) -> float:
    """What unpickling and landing a result of this pickled size takes in the parent, in MB."""
    return len(payload) * LANDING_BYTES_PER_PICKLED_BYTE / 1024 / 1024


def _unpacked(outcome: Outcome, payload: bytes | None, limits: Limits) -> Outcome:
    """The outcome with its result unpickled, or failed unread if landing it would pass the limit."""
    if payload is None:
        return outcome
    needed = landing_estimate_mb(payload)
    if needed > limits.memory_mb:
        name = os.path.basename(outcome.job.path)
        return replace(
            outcome,
            error_code="out_of_memory",
            error_message=f"{name}: extracted, but storing its result would take about {needed:.0f} MB "
            f"in the main process, more than the memory limit of {limits.memory_mb} MB; nothing of it "
            "was landed. If the document is genuine, raise --memory-limit.",
        )
    return replace(outcome, result=pickle.loads(payload))


def run_jobs(
    jobs: list[Job],
    workers: int,
    limits: Limits = Limits(),
    settings: ExtractionSettings = DEFAULT_SETTINGS,
    progress: Callable[[int, int, int], None] | None = None,  # job index, page, pages
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
            if msg is not None and msg[0] == "progress":
                if progress:
                    progress(msg[1], msg[2], msg[3])
            elif msg is not None and msg[1] not in finished:  # else: killed at its limit, had answered
                _, idx, payload, code, message, seconds = msg
                finished.add(idx)
                remaining -= 1
                yield _unpacked(Outcome(by_index[idx], None, code, message, seconds), payload, limits)
                worker = next((w for w in pool if w.job is not None and w.job.index == idx), None)
                if worker is not None:
                    worker.job = None
                    if pending:
                        worker.give(pending.pop())
            # The limits are checked on every turn: a runaway that keeps reporting progress
            # must still be stopped at its time limit.
            now = time.monotonic()
            for i, w in enumerate(pool):
                if w.job is None:
                    continue
                w.sample_memory()
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
                out_of_memory = exitcode == EXIT_OUT_OF_MEMORY or w.peak_mb >= NEAR_LIMIT * limits.memory_mb
                if out_of_memory:
                    outcome = Outcome(
                        job,
                        None,
                        "out_of_memory",
                        f"{name}: extraction needed more than {limits.memory_mb} MB and was stopped "
                        f"(it reached {w.peak_mb:.0f} MB). The file may be malformed; if it is genuine, "
                        "raise --memory-limit.",
                        now - w.started,
                    )
                elif timed_out and not died:
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
