"""Worker processes that end with the build that started them, however it ends.

A pool's workers wait for work on a pipe whose writing end they inherited themselves, so a build
killed outright (kill -9, an out-of-memory kill, a power cut of the parent alone) would leave
them asleep for ever. `die_with_parent`, given to a pool as its `initializer`, ties each worker
to the process that forked it: on Linux the kernel sends the worker SIGKILL when that process
dies (prctl's PR_SET_PDEATHSIG); elsewhere, or when the pool was started from a thread other
than the main one (the signal follows the thread that forked, not the process), a thread of the
worker looks every second whether its parent is still there.

The pid of the parent is taken in the parent just before each fork, so a parent that dies before
the worker has set this up is noticed too: the worker's parent is then no longer that pid.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1
POLL_SECONDS = 1.0

# Set in the parent just before every fork (see _before_fork) and inherited by the child.
_forker_pid: int | None = None
_forker_is_main_thread = True


def _before_fork() -> None:
    global _forker_pid, _forker_is_main_thread
    _forker_pid = os.getpid()
    _forker_is_main_thread = threading.current_thread() is threading.main_thread()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(before=_before_fork)


def die_with_parent() -> None:
    """Make this worker process end as soon as the process that started it ends. For a pool's
    `initializer`; harmless to call in any child process."""
    parent = _forker_pid if _forker_pid is not None else os.getppid()  # no fork (spawn): the parent is the one now
    if _forker_is_main_thread and sys.platform.startswith("linux") and _parent_death_signal(signal.SIGKILL):
        pass
    else:
        threading.Thread(target=_watch, args=(parent,), name="parent-watch", daemon=True).start()
    if os.getppid() != parent:  # it died before the signal was set up
        os._exit(1)
    # Ctrl+C or a time-out's SIGTERM reaches the whole process group: a worker ends at once and
    # quietly (not with a traceback of its own), and the build, which handles its own, stops.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, _end_quietly)


def _end_quietly(number, _frame) -> None:
    os._exit(128 + number)


def _parent_death_signal(number: int) -> bool:
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, int(number), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(POLL_SECONDS)
    os._exit(1)
