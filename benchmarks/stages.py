"""Where our build's time goes: one build, in this process, timed around each stage of the pipeline.

    python -m benchmarks.stages --json stages.json -- build --content C --templates T --out O --cache K --future

The arguments after `--` are `mythos-site build`'s. The build runs as the command line runs it
(`mythos_site.cli.main`), with the pipeline's stage functions wrapped, in this process only, by
functions that time them: nothing of ours is changed, and the site it writes is the one the
command writes. Run it on a clean output and cache folder for a cold build. The benchmark runs
this with `--profile-stages` (the default) once per N, with our sources first on the path.

Each stage gives its wall time (time spent inside the function; for a stage that hands back its
results one at a time, time spent getting them), its CPU time (this thread's, plus that of the
processes reaped meanwhile: the parsing and rendering workers, Pagefind), and how many items it
handled (articles parsed, pages planned, fingerprinted or rendered, article pages indexed).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass
class Stage:
    name: str
    wall: float = 0.0
    cpu: float = 0.0
    items: int = 0
    calls: int = 0
    per: str = ""  # what an item is: "article", "page"


@dataclass
class Profile:
    stages: dict[str, Stage] = field(default_factory=dict)

    def stage(self, name: str, per: str = "") -> Stage:
        return self.stages.setdefault(name, Stage(name, per=per))

    @contextmanager
    def timing(self, name: str, per: str = "") -> Iterator[Stage]:
        stage = self.stage(name, per)
        wall, cpu = time.perf_counter(), _cpu()
        try:
            yield stage
        finally:
            stage.wall += time.perf_counter() - wall
            stage.cpu += _cpu() - cpu
            stage.calls += 1


def _cpu() -> float:
    """This thread's CPU time and that of every child process reaped so far."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.thread_time() + children.ru_utime + children.ru_stime


def timed(profile: Profile, name: str, function: Callable, per: str = "",
          count: Callable[[tuple, object], int] | None = None) -> Callable:
    """`function`, timed into the stage `name`; count(args, result) says how many items it handled."""

    def wrapper(*args, **kwargs):
        with profile.timing(name, per) as stage:
            result = function(*args, **kwargs)
            if count:
                stage.items += count(args, result)
            return result

    wrapper.__wrapped__ = function
    return wrapper


_END = object()


def timed_iterator(profile: Profile, name: str, function: Callable, per: str = "") -> Callable:
    """A function that returns an iterator, timed while its items are taken (the work between two
    items, done by the caller, is not this stage's)."""

    def wrapper(*args, **kwargs):
        with profile.timing(name, per) as stage:
            items = iter(function(*args, **kwargs))
        while True:
            with profile.timing(name, per):
                item = next(items, _END)
            stage.calls -= 1  # one call, however many items
            if item is _END:
                return
            stage.items += 1
            yield item

    wrapper.__wrapped__ = function
    return wrapper


def install(profile: Profile) -> None:
    """Wrap the pipeline's stage functions where the pipeline looks them up."""
    from mythos_site.assemble import site as assemble
    from mythos_site.build import incremental, inputs, pipeline
    from mythos_site.build.fingerprints import Fingerprints
    from mythos_site.build.writer import SiteWriter

    inputs.collect_articles = timed(profile, "read, parse and extract", inputs.collect_articles, "article",
                                    lambda args, collected: collected.parsed)
    pipeline.assemble_site = timed(profile, "assemble (assemble_site)", pipeline.assemble_site, "article",
                                   lambda args, site: len(site.articles))
    # Each grouping assemble_site calls (quotes, sources, timeline, facts, people, ...): every function
    # it takes from another module of assemble/, so that new groupings are timed as they are added.
    for name, value in list(vars(assemble).items()):
        module = getattr(value, "__module__", "") or ""
        if callable(value) and module.startswith("mythos_site.assemble.") and module != assemble.__name__:
            setattr(assemble, name, timed(profile, f"  {name}", value))
    pipeline.plan_pages = timed(profile, "plan pages", pipeline.plan_pages, "page",
                                lambda args, jobs: len(jobs))
    Fingerprints.of_all = timed(profile, "fingerprints", Fingerprints.of_all, "page",
                                lambda args, values: len(values))
    pipeline.render_all = timed_iterator(profile, "render pages", pipeline.render_all, "page")
    pipeline.site_wide_files = timed_iterator(profile, "sitemap, feeds, data files", pipeline.site_wide_files)
    pipeline.index_search = timed(profile, "search index (Pagefind)", pipeline.index_search, "article page",
                                  lambda args, result: len(args[0]))
    SiteWriter.put = timed(profile, "hand files to the writer", SiteWriter.put, "file", lambda args, result: 1)
    SiteWriter.commit = timed(profile, "commit the output", SiteWriter.commit)
    incremental.build = timed(profile, "whole build (in process)", incremental.build)


# The stages in the order a build runs them, for the report; the groupings inside assemble_site
# ("  name") follow it in the order they were called.
ORDER = ("read, parse and extract", "assemble (assemble_site)", "plan pages", "fingerprints", "render pages",
         "hand files to the writer", "sitemap, feeds, data files", "search index (Pagefind)", "commit the output",
         "whole build (in process)")


def ordered(stages: dict[str, dict]) -> list[str]:
    """The stages' names in ORDER, each grouping after assemble_site, anything else before the whole build."""
    groupings = [name for name in stages if name.startswith("  ")]
    known = [name for name in ORDER if name in stages]
    others = [name for name in stages if name not in known and name not in groupings]
    names = []
    for name in known:
        if name == ORDER[-1]:
            names += others
        names.append(name)
        if name == "assemble (assemble_site)":
            names += groupings
    return names + [name for name in others if name not in names] + [name for name in groupings if name not in names]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.stages", description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, required=True, help="where to write the stages' times")
    parser.add_argument("build", nargs=argparse.REMAINDER, help="-- then mythos-site's arguments")
    args = parser.parse_args(argv)
    arguments = args.build[1:] if args.build[:1] == ["--"] else args.build
    profile = Profile()
    install(profile)
    from mythos_site import cli

    started = time.perf_counter()
    code = cli.main(arguments)
    elapsed = time.perf_counter() - started
    stages = {name: asdict(stage) for name, stage in profile.stages.items()}
    args.json.write_text(json.dumps({"code": code, "seconds": elapsed, "stages": stages}, indent=1),
                         encoding="utf-8")
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)  # as the command line exits: freeing the site object by object changes nothing


if __name__ == "__main__":
    main()
