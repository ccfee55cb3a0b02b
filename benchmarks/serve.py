"""Our dev server, measured as an editor meets it: `mythos-site serve --port 0` on a built corpus.

The server builds its own copy of the site at start (from the warm article cache) and answers only
once that build is done, so the first answer of `/` after starting the process is what an editor
waits for. After an article is saved, a page open in the browser reloads when the server's status
endpoint (`/__mythos/status?since=N`, a long poll) reports a new version: the time from the save
to that answer is the time to a reload. The server is stopped with SIGINT, as Ctrl+C stops it, and
must leave no process behind.
"""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import subprocess
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from benchmarks.corpus import Article
from benchmarks.measure import RunFailed
from benchmarks.peers import Ours

STATUS = "__mythos/status"
SERVING = re.compile(r"serving (http://127\.0\.0\.1:\d+/)")


@dataclass(frozen=True)
class ServeSample:
    first_answer: float  # seconds from starting the process to the first answer of `/`
    reloads: dict[str, float]  # seconds from saving an edit to an article to the status's new version, by label
    cpu: float  # user + system seconds of the server and every process it waited for, start to stop
    peak_mb: float  # the largest resident set of the server or one of those processes


def measure_serve(site: Ours, edits: dict[str, tuple[Article, Article]], timeout: float, log: Path) -> ServeSample:
    """Start the server on `site` (its cache warm), save each edit (label -> (original, edited)),
    timing each until the server reports the new version, put the original back (untimed), stop it."""
    with open(log, "w", encoding="utf-8") as sink:
        started = time.perf_counter()
        child = subprocess.Popen(site.serve_command(), cwd=site.folder, stdin=subprocess.DEVNULL,
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                 encoding="utf-8", errors="replace", start_new_session=True)
        lines: queue.Queue[str | None] = queue.Queue()
        reader = threading.Thread(target=_pump, args=(child.stdout, sink, lines), daemon=True)
        reader.start()
        try:
            url = _serving_url(lines, started + timeout, log)
            _get(url, timeout)  # the first page an editor sees
            first_answer = time.perf_counter() - started
            version = _status(url, -1, timeout)["version"]
            reloads = {}
            for label, (original, changed) in edits.items():
                saved = _save(site, changed)
                version = _next_version(url, version, saved + timeout, log)
                reloads[label] = time.perf_counter() - saved
                _check_page(url, changed, log)
                _save(site, original)  # back as it was, before the next edit or the next scenario
                version = _next_version(url, version, time.perf_counter() + timeout, log)
        except BaseException:
            _kill_group(child.pid)
            child.wait()
            raise
        cpu, peak = _stop(child, timeout, log)
        reader.join(timeout=5)
    return ServeSample(first_answer, reloads, cpu, peak)


def _pump(stream, sink, lines: queue.Queue) -> None:
    for line in stream:
        sink.write(line)
        sink.flush()
        lines.put(line)
    lines.put(None)


def _serving_url(lines: queue.Queue, deadline: float, log: Path) -> str:
    while True:
        try:
            line = lines.get(timeout=max(0.0, deadline - time.perf_counter()))
        except queue.Empty:
            raise RunFailed("no answer in time", f"the server did not start serving; log: {log}") from None
        if line is None:
            raise RunFailed("exited at start", f"the server stopped before serving; log: {log}")
        found = SERVING.search(line)
        if found:
            return found.group(1)


def _get(url: str, timeout: float) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as answer:  # noqa: S310 (our own server, on 127.0.0.1)
        return answer.read()


def _status(url: str, since: int, timeout: float) -> dict:
    return json.loads(_get(f"{url}{STATUS}?since={since}", timeout))


def _save(site: Ours, article: Article) -> float:
    """Save the article as an editor's program does, all at once (written aside, then renamed into
    place), so the server never sees half a file; returns when it was saved."""
    target = site.article_file(article)
    aside = site.folder / f".{target.name}.saving"
    aside.write_text(site.render_article(article), encoding="utf-8")
    os.replace(aside, target)
    return time.perf_counter()


def _next_version(url: str, version: int, deadline: float, log: Path) -> int:
    """Wait, as the page's script does, for the version after `version`; a failed build is a failure."""
    while time.perf_counter() < deadline:
        state = _status(url, version, max(1.0, deadline - time.perf_counter()) + 30)
        if state["version"] != version:
            if state["error"]:
                raise RunFailed("rebuild failed", f"{state['error']}\nlog: {log}")
            return state["version"]
    raise RunFailed("no rebuild in time", f"the status did not change from version {version}; log: {log}")


def _check_page(url: str, article: Article, log: Path) -> None:
    """The page the browser reloads carries the edit."""
    page = _get(f"{url}articles/{article.slug}/", 30).decode("utf-8", "replace")
    marker = article.body.split("\n\n", 1)[0][-60:]
    if marker not in page:
        raise RunFailed("edit not shown", f"the reloaded page of {article.slug} lacks the edit; log: {log}")


def _stop(child: subprocess.Popen, timeout: float, log: Path) -> tuple[float, float]:
    """SIGINT, as Ctrl+C; (CPU seconds, peak MB) of the whole session. A server that does not exit,
    exits with an error, or leaves a process behind is a failure."""
    os.kill(child.pid, signal.SIGINT)
    timer = threading.Timer(min(timeout, 60), _kill_group, (child.pid,))
    timer.start()
    try:
        _, status, usage = os.wait4(child.pid, 0)
    finally:
        timer.cancel()
    child.returncode = os.waitstatus_to_exitcode(status)
    left = _group_alive(child.pid)
    if left:
        _kill_group(child.pid)
    if child.returncode != 0 or left:
        what = "left a process behind" if left else f"exit status {child.returncode} after SIGINT"
        raise RunFailed(f"stop: {what}", f"log: {log}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def _group_alive(group: int, grace: float = 2.0) -> bool:
    """Whether a process of the server's group is still there `grace` seconds after it exited (its
    workers die with it, and are reaped by the system a moment later)."""
    deadline = time.perf_counter() + grace
    while True:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return False
        if time.perf_counter() > deadline:
            return True
        time.sleep(0.05)


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
