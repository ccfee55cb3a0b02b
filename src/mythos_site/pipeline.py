"""The build pipeline: collect (load and extract) -> assemble the site -> render -> write."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from mythos_site.cache import ArticleCache
from mythos_site.collect import Collected, Selection, collect_articles, select_published
from mythos_site.config import load_config
from mythos_site.data import render_data
from mythos_site.errors import Problem
from mythos_site.entities import load_entities
from mythos_site.events import load_calendar
from mythos_site.facts import load_facts
from mythos_site.feeds import render_feeds
from mythos_site.metadata import render_sitemap
from mythos_site.records import Site
from mythos_site.search import SearchError, render_search_index, search_available
from mythos_site.render import render_pages
from mythos_site.site import assemble_site
from mythos_site.writer import Written, check_output_folder, write_site


@dataclass(frozen=True)
class Options:
    base_url: str | None = None
    drafts: bool = False
    future: bool = False
    cache_dir: Path | None = None
    search: bool = True
    progress: Callable[[int, int], None] | None = None  # called as articles are parsed: (done, total)


@dataclass(frozen=True)
class Rendered:
    site: Site
    files: dict[str, bytes]
    collected: Collected
    selection: Selection
    notes: tuple[str, ...] = ()  # what went wrong without stopping the build

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return self.collected.warnings


@dataclass(frozen=True)
class BuildReport:
    rendered: Rendered
    written: Written
    seconds: float

    def summary(self) -> str:
        collected, written, selection = self.rendered.collected, self.written, self.rendered.selection
        shown = {article.slug for article in selection.published}
        held = [f"{count} {what}" for what, group in (("draft", selection.drafts), ("scheduled", selection.scheduled))
                if (count := sum(article.slug not in shown for article in group))]
        return (f"{len(collected.articles)} articles read, {collected.parsed} parsed afresh; "
                f"{written.written} files written, {written.unchanged} unchanged, {written.removed} removed"
                + (f"; held back: {', '.join(held)}" if held else "") + f"; {self.seconds:.2f} s")


def render_site(content_dir: Path, templates_dir: Path, options: Options = Options(),
                now: datetime | None = None) -> Rendered:
    """Everything the site holds, in memory; raises ContentError before anything is written."""
    config = load_config(content_dir, options.base_url)
    cache = ArticleCache(options.cache_dir) if options.cache_dir else None
    try:
        collected = collect_articles(content_dir, config, cache, options.progress).raise_problems()
    finally:
        if cache:
            cache.close()
    calendar = load_calendar(content_dir)
    facts, entities = load_facts(content_dir), load_entities(content_dir)
    selection = select_published(collected.articles, now or datetime.now(timezone.utc), options.drafts,
                                 options.future)
    site = assemble_site(config, selection.published, calendar, facts, entities)
    search = options.search and search_available()
    files = render_pages(site, templates_dir, search_enabled=search)
    files.update(render_sitemap(site, list(files)))
    files.update(render_feeds(site))
    files.update(render_data(site))
    notes = []
    if search:
        article_pages = {path: data for path, data in files.items() if path.startswith("articles/")}
        try:
            files.update(render_search_index(article_pages, config.language, options.cache_dir))
        except (SearchError, OSError, subprocess.TimeoutExpired) as error:
            notes.append(f"warning: the search index was not built ({error}); the search page will find nothing")
    return Rendered(site, files, collected, selection, tuple(notes))


def build(content_dir: Path, templates_dir: Path, out_dir: Path, options: Options = Options()) -> BuildReport:
    started = time.perf_counter()
    check_output_folder(out_dir.resolve(), (content_dir, templates_dir))  # refuse before touching anything
    rendered = render_site(content_dir, templates_dir, options)
    written = write_site(rendered.files, out_dir, protected=(content_dir, templates_dir))
    return BuildReport(rendered, written, time.perf_counter() - started)
