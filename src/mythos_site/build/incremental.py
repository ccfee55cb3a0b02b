"""A build that does only what changed since the last one: nothing when the last build still
stands, a patch when only article bodies changed (patch.py), else the whole pipeline
(pipeline.py), which itself renders only the pages whose inputs changed.

This module imports little: a rebuild with nothing to do, the most common one, never loads the
parser, the templates or the feeds (about a fifth of a second of start-up).
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

from mythos_site.build.cache import CACHE_FILE, CacheFault, LastBuild, PageLog, fault_of, set_aside
from mythos_site.build.options import BuildReport, Options, Summary
from mythos_site.errors import Problem
from mythos_site.build.ledger import InputsSnapshot, snapshot_inputs
from mythos_site.build.lock import output_lock
from mythos_site.build.workers import die_with_parent
from mythos_site.output.search import search_available
from mythos_site.build.writer import Written, check_output_folder, remove_dead_staging



@contextmanager
def paused_gc():
    """Python's cycle collector off while a build runs: a build makes millions of long-lived objects
    and few cycles, and each full collection walks them all (about a fifth of a rebuild's time).

    Afterwards what the build made is frozen (never walked by a collection), or the first
    collection after it would walk every object the build allocated. A later build in the same
    process (`serve`) first collects what the last one left.
    """
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def build(content_dir: Path, templates_dir: Path, out_dir: Path, options: Options = Options()) -> BuildReport:
    """Build the site into out_dir, rendering only the pages whose inputs changed since the last build.

    One build at a time writes into one folder: a second waits for the first (lock.py). What a
    killed build left beside the folder is removed first. A cache that cannot be used is set aside
    or passed over (see cache.py), with a note, and the build goes on without it."""
    started = time.perf_counter()
    out_dir = out_dir.resolve()
    check_output_folder(out_dir, (content_dir, templates_dir))  # refuse before touching anything
    with paused_gc(), output_lock(out_dir, options.waiting or _say):
        notes = tuple(f"removed {path}, left by a build that did not finish" for path in remove_dead_staging(out_dir))
        attempt = options
        while True:
            try:
                report = _build(content_dir, templates_dir, out_dir, attempt, started)
                break
            except Exception as error:  # noqa: BLE001  (only a fault of the cache is taken here)
                fault = fault_of(error, attempt.cache_dir) if attempt.cache_dir else None
                if fault is None:
                    raise
                note, attempt = _without(fault, attempt, fresh=attempt is options)
                notes += (note,)
    return replace(report, notes=notes + report.notes)


def _without(fault: CacheFault, options: Options, fresh: bool) -> tuple[str, Options]:
    """The note on a cache that cannot be used, and the options to build again with: a fresh cache
    in place of a damaged one (once), else none."""
    if fresh and fault.broken and fault.path.name == CACHE_FILE and (kept := set_aside(fault.path.parent)):
        return (f"warning: the cache {fault.path} cannot be read ({fault.reason}); it was set aside as {kept.name} "
                "and a fresh one is made"), replace(options)
    return (f"warning: the cache {fault.path} cannot be used ({fault.reason}); this build goes on without it"), \
        replace(options, cache_dir=None)


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _build(content_dir: Path, templates_dir: Path, out_dir: Path, options: Options, started: float) -> BuildReport:
    log = PageLog(options.cache_dir, out_dir) if options.cache_dir else None
    try:
        now = datetime.now(timezone.utc)
        last = log.last(now.timestamp()) if log else None
        # Whether the output folder is as the last build left it (a look at every file of the site),
        # found out on the other core while this one sees what changed and patches the site.
        stands = BackgroundCheck(log.stands, out_dir) if last else None
        try:
            look = snapshot_inputs(content_dir, templates_dir, settings(options)) if log else None
            shortcut = _shortcut(content_dir, templates_dir, out_dir, options, log, last, look, stands.result) \
                if stands and look else None
        finally:
            if stands:
                stands.close()
        if shortcut is not None:
            written, rendered, parsed = shortcut
            return BuildReport(replace(last.report, parsed=parsed), written, time.perf_counter() - started, rendered)
        # The templates compile on another core while the parser's modules load and the articles are parsed.
        from mythos_site.output.templates import compile_templates_aside
        compiled = compile_templates_aside(templates_dir, options.cache_dir)
        from mythos_site.build.pipeline import build_whole
        read, written, rendered, notes, site = build_whole(content_dir, templates_dir, out_dir, options, log, look,
                                                           now, compiled)
    finally:
        if log:
            log.close()
    return BuildReport(read, written, time.perf_counter() - started, rendered, notes, site)


def _shortcut(content_dir: Path, templates_dir: Path, out_dir: Path, options: Options, log: PageLog, last: LastBuild,
              look: InputsSnapshot, stands: Callable[[], bool]) -> tuple[Written, int, int] | None:
    """(written, rendered, parsed) when the last build stands as it is, or patched for bodies that
    changed (see patch.py); None when a full build is needed. stands() says whether the output
    folder is as the last build left it; nothing is committed before it says so."""
    changes = last.ledger.changes(look)
    if changes is None:
        return None
    if not changes.changed:  # nothing it was made from has changed, nor (if it stands) the site it left
        if not stands():
            return None
        if changes.files != last.ledger.files:  # touched, not changed: look at them again only if they change
            log.update({}, set(), set(), out_dir, replace(last, ledger=last.ledger.restated(look, changes)), {})
        return Written(0, len(log.old), 0), 0, 0
    from mythos_site.build.patch import patch_site
    patched = patch_site(content_dir, templates_dir, out_dir, options, log, last, look, changes, stands)
    return None if patched is None else (patched.written, patched.rendered, patched.parsed)


class BackgroundCheck:
    """check(folder), true or false, found out on the other core: in a forked process, whose exit
    status is the answer, so that a long look at the file system neither waits for this process
    nor holds its interpreter; in a thread where a fork is unsafe (a process running other
    threads, such as `serve`) or unknown. result() waits for the answer; close() ends the look."""

    def __init__(self, check: Callable[[Path], bool], folder: Path):
        self._pid, self._answer = None, None
        if threading.active_count() == 1 and hasattr(os, "fork"):
            try:
                self._pid = os.fork()
            except OSError:  # no process to be had: a thread will do
                self._pid = None
            if self._pid == 0:
                die_with_parent()
                _answer_and_exit(check, folder)
        if self._pid is None:
            self._thread = ThreadPoolExecutor(1)
            self._future = self._thread.submit(check, folder)

    def result(self) -> bool:
        if self._answer is None:
            if self._pid is None:
                self._answer = self._future.exception() is None and bool(self._future.result())
            else:
                _, status = os.waitpid(self._pid, 0)
                self._answer, self._pid = os.waitstatus_to_exitcode(status) == 0, None
        return self._answer

    def close(self) -> None:
        if self._pid is not None:  # not waited for: no longer needed
            os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)
            self._pid = None
        elif self._answer is None:
            self._thread.shutdown(wait=True)


def _answer_and_exit(check: Callable[[Path], bool], folder: Path) -> None:
    try:
        code = 0 if check(folder) else 1
    except BaseException:  # noqa: BLE001  (no answer is "no": the build then runs in full)
        code = 2
    os._exit(code)


def settings(options: Options) -> str:
    """What of the options the pages are made from: a change to them is a change to the site."""
    return repr((options.base_url, options.drafts, options.future, options.search and search_available(),
                 options.bundling))
