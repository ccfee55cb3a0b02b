"""Tools of the fault tests: a small generated site, a build run as a process of its own with a
fault injected at a chosen moment, and what a build must leave behind (the site whole, no
staging folder, no process).

A fault is injected by the few lines of Python the build's process runs before the command line
(HOOKS below): they wrap a function of the package so that, at the chosen moment, the process
kills itself, interrupts itself or meets an error of the system. Nothing of this is in the package.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
import uuid
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
SOURCE = PROJECT / "src"

# Run in the build's process before the command line; `die()` kills it outright (kill -9).
PRELUDE = """
import errno, os, signal, sys, time
def die():
    sys.stdout.flush(); sys.stderr.flush()
    os.kill(os.getpid(), signal.SIGKILL)
def after(count, action):
    calls = [0]
    def step():
        calls[0] += 1
        if calls[0] == count:
            action()
    return step
"""

RUN = """
from mythos_site.cli import main
code = main(sys.argv[1:])
sys.stdout.flush(); sys.stderr.flush()
os._exit(code)
"""


def write_site(folder: Path, articles: int, seed: int = 2026) -> Path:
    """A project folder with `articles` generated articles and the project's templates."""
    from benchmarks.corpus import generate, write_ours

    write_ours(generate(articles, seed), folder)
    shutil.copytree(PROJECT / "templates", folder / "templates")
    return folder


class Build:
    """The outcome of one build process."""

    def __init__(self, returncode: int, stdout: str, stderr: str):
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr

    def __repr__(self) -> str:
        return f"Build(returncode={self.returncode}, stdout={self.stdout!r}, stderr={self.stderr!r})"


class Project:
    """A generated site in its own folder, built into `_site` with the cache in `.mythos-cache`."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.out = folder / "_site"
        self.tmp = folder.parent / "tmp"  # the builds' temporary folder, to be left empty
        self.tmp.mkdir(exist_ok=True)
        self.tag = f"mythos-fault-{uuid.uuid4().hex}"  # in the environment of every process a build starts

    @property
    def content(self) -> Path:
        return self.folder / "content"

    def start(self, *args: str, hook: str = "", session: bool = False, command: tuple[str, ...] = ("build", "--no-search", "-q")) -> subprocess.Popen:
        script = PRELUDE + textwrap.dedent(hook) + RUN
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SOURCE), str(PROJECT)]), "TMPDIR": str(self.tmp),
               "MYTHOS_FAULT_TAG": self.tag, "PYTHONDONTWRITEBYTECODE": "1"}
        return subprocess.Popen([sys.executable, "-c", script, *command, *args], cwd=self.folder,
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                start_new_session=session)

    def build(self, *args: str, hook: str = "", timeout: float = 120) -> Build:
        process = self.start(*args, hook=hook)
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            stdout, stderr = process.communicate()
            raise AssertionError(f"the build did not end in {timeout} s:\n{stderr}") from None
        return Build(process.returncode, stdout, stderr)

    def site(self) -> dict[str, bytes]:
        return snapshot(self.out)

    def content_digest(self) -> str:
        digest = hashlib.sha256()
        for path in sorted(self.content.rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(self.content).as_posix().encode() + b"\0" + path.read_bytes())
        return digest.hexdigest()

    def staging(self) -> list[str]:
        """What builds left beside the site: staging folders and lock files."""
        return sorted(path.name for path in self.folder.iterdir() if path.name.startswith("._site."))

    def processes(self, wait: float = 5.0) -> list[int]:
        """The live processes the builds started (zombies, already dead, are not counted), after
        waiting up to `wait` seconds for them to end."""
        deadline = time.monotonic() + wait
        while True:
            found = tagged_processes(self.tag)
            if not found or time.monotonic() > deadline:
                return found
            time.sleep(0.05)

    def edit(self, name: str, old: str, new: str) -> None:
        path = self.content / "articles" / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def articles(self) -> list[str]:
        return sorted(path.name for path in (self.content / "articles").glob("*.md"))


def snapshot(folder: Path) -> dict[str, bytes]:
    if not folder.is_dir():
        return {}
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def tagged_processes(tag: str) -> list[int]:
    """Live processes whose environment holds the tag."""
    found = []
    needle = f"MYTHOS_FAULT_TAG={tag}".encode()
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            with open(f"/proc/{entry}/environ", "rb") as environ:
                if needle not in environ.read().split(b"\0"):
                    continue
            with open(f"/proc/{entry}/stat", "rb") as stat:
                state = stat.read().rsplit(b")", 1)[1].split()[0]
        except OSError:
            continue
        if state not in (b"Z", b"X"):
            found.append(int(entry))
    return found


def kill_all(pids: list[int]) -> None:
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


def no_traceback(build: Build) -> None:
    assert "Traceback" not in build.stderr and "Traceback" not in build.stdout, build.stderr
