"""One build at a time into one output folder.

A build holds an advisory lock (flock) on a file beside the output folder, `.<name>.lock`, from
before it looks at the folder until it has written the site and its cache. A second build into
the same folder waits for the first, saying so, then goes on: it sees the site the first one
left. The kernel releases the lock when the process holding it ends, however it ends, so a
build that was killed never keeps the next one waiting; the file itself is removed by the build
that held it (or, after a kill, left for the next build to take over).

Processes forked by the build (its workers) close their copy of the lock, so that the lock ends
with the build itself. Where there is no flock (Windows), builds are not kept apart.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

_held: list[int] = []  # the descriptors of the locks this process holds


def _close_in_child() -> None:
    for descriptor in _held:
        try:
            os.close(descriptor)  # the parent's own descriptor keeps the lock
        except OSError:
            pass
    _held.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_in_child)


def lock_path(out_dir: Path) -> Path:
    return out_dir.parent / f".{out_dir.name}.lock"


@contextmanager
def output_lock(out_dir: Path, waiting: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the lock of this output folder (an absolute path) for the block; waiting(message) is
    called once if another build holds it and this one waits."""
    if fcntl is None:
        yield
        return
    path = lock_path(out_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = _acquire(path, out_dir, waiting)
    _held.append(descriptor)
    try:
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        _held.remove(descriptor)
        try:
            os.unlink(path)  # while still held: a build waiting on this file sees it is gone and tries again
        except OSError:
            pass
        os.close(descriptor)


def _acquire(path: Path, out_dir: Path, waiting: Callable[[str], None] | None) -> int:
    told = False
    while True:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        try:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if waiting and not told:
                    holder = _holder(descriptor)
                    waiting(f"waiting for the build into {out_dir} that is running"
                            f"{f' (process {holder})' if holder else ''} to finish")
                    told = True
                fcntl.flock(descriptor, fcntl.LOCK_EX)
            if _same_file(path, descriptor):
                return descriptor
        except BaseException:
            os.close(descriptor)
            raise
        os.close(descriptor)  # the build before removed it as it finished: lock the file now there


def _holder(descriptor: int) -> str:
    try:
        text = os.pread(descriptor, 32, 0).decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return text if text.isdigit() else ""


def _same_file(path: Path, descriptor: int) -> bool:
    try:
        found = os.stat(path)
    except FileNotFoundError:
        return False
    held = os.fstat(descriptor)
    return (found.st_dev, found.st_ino) == (held.st_dev, held.st_ino)
