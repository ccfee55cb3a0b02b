"""Run one child process and measure it: wall time, CPU time and peak memory, each of its own."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path


class RunFailed(RuntimeError):
    def __init__(self, reason: str, details: str):
        super().__init__(f"{reason}\n{details}")
        self.reason = reason  # one line, for the table


@dataclass(frozen=True)
class Sample:
    wall: float  # seconds, from just before the fork to the reaping of the child
    cpu: float  # user + system seconds of the child and of every descendant it waited for
    peak_mb: float  # the largest resident set of the child or of one of those descendants
    output: str  # what the child printed on stdout


def run(command: list[str], cwd: Path, timeout: float, log: Path, env: dict[str, str] | None = None) -> Sample:
    """Run `command` to completion within `timeout` seconds; its stdout and stderr go to `log`."""
    with open(log, "wb") as sink:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, stdin=subprocess.DEVNULL, stdout=sink,
                                 stderr=subprocess.STDOUT, start_new_session=True, env=env)
        # os.wait4 gives this child's own rusage, which RUSAGE_CHILDREN would mix with earlier runs';
        # it blocks, so a timer kills the child's process group when the time is up.
        expired = threading.Event()
        timer = threading.Timer(timeout, _kill_group, (child.pid, expired))
        timer.start()
        try:
            _, status, usage = os.wait4(child.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    text = log.read_text(encoding="utf-8", errors="replace")
    if child.returncode != 0:
        reason = f"timed out after {timeout:g} s" if expired.is_set() else f"exit status {child.returncode}"
        tail = "\n".join(text.splitlines()[-15:])
        raise RunFailed(reason, f"{' '.join(command)}\nlog: {log}\n{tail}")
    # ru_maxrss is in KiB on Linux.
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, text)


def combined(*samples: Sample) -> Sample:
    """Builds run one after the other as one job (a peer's build, then Pagefind over its output):
    their times added, the larger peak, and what each printed."""
    return Sample(sum(sample.wall for sample in samples), sum(sample.cpu for sample in samples),
                  max(sample.peak_mb for sample in samples), "".join(sample.output for sample in samples))


def _kill_group(pid: int, expired: threading.Event) -> None:
    expired.set()
    try:
        os.killpg(pid, signal.SIGKILL)  # the child leads its own session, so this is only its tree
    except ProcessLookupError:
        pass


def tree_size(folder: Path, leave_out: str = "") -> tuple[int, int]:
    """(files, bytes) of every regular file under `folder`, less those of its subfolder `leave_out`."""
    files = size = 0
    for root, folders, names in os.walk(folder):
        if leave_out and root == str(folder):
            folders[:] = [name for name in folders if name != leave_out]
        for name in names:
            path = os.path.join(root, name)
            if not os.path.islink(path):
                files += 1
                size += os.path.getsize(path)
    return files, size
