"""What the grouping across articles costs: events and people found by rule, at N generated articles.

    python -m benchmarks.grouping [--articles 1000] [--cache DIR]

The corpus is written and read through the build's own collect step (parsed on every core, then
kept in the cache, so a second run at the same N parses nothing); then the assemble stage runs on
the slimmed records, each step timed apart in CPU time, the best of three runs. The memory the records hold
once read from the cache is printed too.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import tracemalloc
from pathlib import Path

from benchmarks.corpus import generate, write_ours
from mythos_site.assemble.events import find_events
from mythos_site.assemble.groups import group_quotes
from mythos_site.assemble.people import find_people
from mythos_site.assemble.site import assemble_site
from mythos_site.assemble.timeline import build_timeline, statements_of
from mythos_site.build.collect import Caches, collect_articles
from mythos_site.build.inputs import load_settings


def records(folder: Path, count: int, cache_dir: Path):
    content = folder / "content"
    if not (content / "articles").is_dir() or len(list((content / "articles").glob("*.md"))) != count:
        write_ours(generate(count), folder)
    settings = load_settings(content)
    cache = Caches.open(cache_dir)
    try:
        collect_articles(content, settings.config, cache, curated=settings.curated)
    finally:
        cache.close()
    cache = Caches.open(cache_dir)
    tracemalloc.start()
    try:
        articles = collect_articles(content, settings.config, cache, curated=settings.curated).articles
    finally:
        cache.close()
    held = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return settings, articles, held


def best(run, repeats: int = 3) -> float:
    """Milliseconds of CPU, the least of the repeats (the machine may be busy with other work)."""
    times = []
    for _ in range(repeats):
        started = time.process_time()
        run()
        times.append(time.process_time() - started)
    return min(times) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.grouping", description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="generated articles (default: 1000)")
    parser.add_argument("--folder", type=Path, help="where to write the corpus and its cache (default: a temporary one)")
    options = parser.parse_args(argv)
    folder = options.folder or Path(tempfile.mkdtemp(prefix="grouping-"))
    settings, articles, held = records(folder, options.articles, folder / "cache")
    calendar = settings.calendar
    said, claimed = statements_of(articles, calendar)
    quotes = group_quotes(articles)
    timeline = build_timeline(articles, calendar)
    stages = {
        "events found": best(lambda: find_events(articles, said, claimed)),
        "timeline (with events)": best(lambda: build_timeline(articles, calendar)),
        "people found": best(lambda: find_people(articles, quotes, timeline.events)),
        "assemble, all": best(lambda: assemble_site(settings.config, articles, calendar, settings.facts,
                                                    settings.entities)),
    }
    print(f"{len(articles)} articles, records held {held / 2**20:.1f} MB ({held / len(articles) / 1024:.1f} KB each)")
    for name, ms in stages.items():
        print(f"  {name:<24} {ms:8.0f} ms  ({ms / len(articles):.3f} ms an article)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
