"""Child processes die with their parent.

A build that is killed (SIGKILL, the OOM killer) cannot clean up after itself, so each child
asks the kernel to kill it when its parent dies (Linux prctl PR_SET_PDEATHSIG): the extraction
workers in their initializer, dbt in a preexec function. Without it a killed build left a worker
blocked on its queue for ever (and multiprocessing's resource tracker with it, holding the build's
output pipes open), and dbt running beside the next build.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1

try:  # loaded in the parent, so that the forked child only makes the call
    _libc = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None
except OSError:  # pragma: no cover - no libc to call: children still stop when their pipes close
    _libc = None


def die_with_parent(parent_pid: int | None = None) -> None:
    """In a child: be killed when the parent dies; exit now if it already has."""
    if _libc is None:
        return
    _libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    # The parent may have died before the call: then this process is an orphan already.
    if parent_pid is not None and os.getppid() != parent_pid:
        os._exit(1)


def preexec_die_with_parent():
    """A subprocess preexec_fn: the child is killed when this process dies."""
    parent = os.getpid()
    return lambda: die_with_parent(parent)


def terminate_on_sigterm() -> None:
    """SIGTERM ends the command like Ctrl-C does: cleanup runs (the working copy is removed, the
    lock released) and the children are stopped."""

    def stop(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, stop)
