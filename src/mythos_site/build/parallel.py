"""Work on every core: the one way the build runs something in worker processes.

Parsing articles, fingerprinting pages and rendering them each hand fork_map() a function and
the shared inputs; the workers are forked, so they inherit the inputs (nothing is pickled on the
way in) and send back only their results. Whether to fork at all is one decision, Cores.workers():
the work must be worth more than starting the processes costs.

A worker dies with its build (workers.die_with_parent, the pool's initializer), so a build that is
killed, or a `serve` that exits, leaves no process behind.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from mythos_site.build.workers import die_with_parent

Result = TypeVar("Result")

PARALLEL_FROM_MS = 150  # serial work estimated below this: starting worker processes costs more than it saves


@dataclass(frozen=True)
class Cores:
    """How many processes a build may use, and from how much work it starts them."""

    jobs: int | None = None  # None: every core
    parallel_from_ms: float = PARALLEL_FROM_MS

    def workers(self, items: int, ms_each: float) -> int:
        """The processes to run `items` pieces of work on, each estimated at `ms_each` milliseconds
        on one core: 1 (run here) when they are few."""
        jobs = self.jobs or os.cpu_count() or 1
        if jobs < 2 or items < 2 or items * ms_each < self.parallel_from_ms:
            return 1
        return jobs


_shared: tuple[Callable, Any] | None = None  # (work, inputs), inherited by the workers


def fork_map(work: Callable[[Any, int], Result], count: int, inputs: Any, workers: int,
             chunk: int = 16) -> Iterator[Result]:
    """work(inputs, i) for i in range(count), in order, one result at a time; on `workers` forked
    processes when there are two or more. A few chunks are in flight at once, so results never pile
    up in memory. work() should return a problem as a value: an exception ends the whole map."""
    if workers < 2 or count < 2:
        yield from (work(inputs, index) for index in range(count))
        return
    global _shared
    _shared = (work, inputs)
    chunks = [range(start, min(start + chunk, count)) for start in range(0, count, chunk)]
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                 initializer=die_with_parent) as pool:
            waiting: deque = deque()
            for part in chunks:
                waiting.append(pool.submit(_run_chunk, part))
                if len(waiting) > 2 * workers:
                    yield from waiting.popleft().result()
            while waiting:
                yield from waiting.popleft().result()
    finally:
        _shared = None


def _run_chunk(indexes: range) -> list:
    work, inputs = _shared
    return [work(inputs, index) for index in indexes]
