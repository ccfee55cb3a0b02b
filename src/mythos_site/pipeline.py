"""The build pipeline: collect (load and extract) -> assemble the site -> render -> write."""

from __future__ import annotations

import gc
import hashlib
import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

from mythos_site.cache import PageLog, code_version, inputs_digest
from mythos_site.collect import Caches, Collected, Selection, collect_articles, select_published
from mythos_site.config import load_config
from mythos_site.data import render_data
from mythos_site.errors import Problem
from mythos_site.entities import load_entities
from mythos_site.events import load_calendar
from mythos_site.facts import load_facts
from mythos_site.feeds import render_feeds
from mythos_site.fingerprints import Fingerprints
from mythos_site.matching import Curated
from mythos_site.metadata import render_sitemap
from mythos_site.records import Article, Site
from mythos_site.search import SearchError, render_search_index, search_available
from mythos_site.render import STATIC_DIR, PageRenderer, plan_pages, render_all, render_pages
from mythos_site.site import assemble_site
from mythos_site.writer import SiteWriter, Written, check_output_folder


@dataclass(frozen=True)
class Options:
    base_url: str | None = None
    drafts: bool = False
    future: bool = False
    cache_dir: Path | None = None
    search: bool = True
    progress: Callable[[int, int], None] | None = None  # called as articles are parsed: (done, total)


@dataclass(frozen=True)
class Prepared:
    """The site as assembled from the content, before anything is rendered."""

    site: Site
    collected: Collected
    selection: Selection
    search: bool  # whether Pagefind is to index the article pages

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return self.collected.warnings


@dataclass(frozen=True)
class Rendered:
    prepared: Prepared
    files: dict[str, bytes]
    notes: tuple[str, ...] = ()  # what went wrong without stopping the build

    @property
    def site(self) -> Site:
        return self.prepared.site


@dataclass(frozen=True)
class Summary:
    """What a build read: kept with the build, so a build with nothing to do can say it again."""

    articles: int
    parsed: int  # parsed afresh rather than taken from the cache
    held: tuple[str, ...]  # e.g. "1 draft", "2 scheduled"
    warnings: tuple[Problem, ...]

    @classmethod
    def of(cls, prepared: Prepared) -> Summary:
        collected, selection = prepared.collected, prepared.selection
        shown = {article.slug for article in selection.published}
        held = tuple(f"{count} {what}" for what, group in (("draft", selection.drafts),
                                                           ("scheduled", selection.scheduled))
                     if (count := sum(article.slug not in shown for article in group)))
        return cls(len(collected.articles), collected.parsed, held, collected.warnings)


@dataclass(frozen=True)
class BuildReport:
    read: Summary
    written: Written
    seconds: float
    rendered: int  # pages rendered; the others were unchanged since the last build
    notes: tuple[str, ...] = ()
    site: Site | None = None  # None when the last build still stood and nothing was assembled

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return self.read.warnings

    def summary(self) -> str:
        read, written = self.read, self.written
        return (f"{read.articles} articles read, {read.parsed} parsed afresh; "
                f"{self.rendered} pages rendered; "
                f"{written.written} files written, {written.unchanged} unchanged, {written.removed} removed"
                + (f"; held back: {', '.join(read.held)}" if read.held else "") + f"; {self.seconds:.2f} s")


def prepare(content_dir: Path, options: Options = Options(), now: datetime | None = None) -> Prepared:
    """Load, extract and assemble; raises ContentError before anything is rendered."""
    config = load_config(content_dir, options.base_url)
    calendar = load_calendar(content_dir)
    facts, entities = load_facts(content_dir), load_entities(content_dir)
    cache = Caches.open(options.cache_dir) if options.cache_dir else None
    try:
        collected = collect_articles(content_dir, config, cache, options.progress,
                                     Curated.of(calendar, entities, facts)).raise_problems()
    finally:
        if cache:
            cache.close()
    selection = select_published(collected.articles, now or datetime.now(timezone.utc), options.drafts,
                                 options.future)
    site = assemble_site(config, selection.published, calendar, facts, entities)
    return Prepared(site, collected, selection, options.search and search_available())


def render_site(content_dir: Path, templates_dir: Path, options: Options = Options(),
                now: datetime | None = None) -> Rendered:
    """Everything the site holds, in memory; raises ContentError before anything is written."""
    prepared = prepare(content_dir, options, now)
    files = render_pages(prepared.site, templates_dir, prepared.search)
    files.update(site_wide_files(prepared.site, list(files)))
    notes: tuple[str, ...] = ()
    if prepared.search:
        pages = {path: data for path, data in files.items() if is_searched(path)}

        def lay_out(folder: Path, paths: list[str]) -> None:
            for path in paths:
                (folder / path).parent.mkdir(parents=True, exist_ok=True)
                (folder / path).write_bytes(pages[path])

        hashes = {path: hashlib.sha256(data).hexdigest() for path, data in pages.items()}
        search_files, notes = search_index(hashes, prepared.site.config.language, options.cache_dir, lay_out)
        files.update(search_files)
    return Rendered(prepared, files, notes)


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
    """Build the site into out_dir, rendering only the pages whose inputs changed since the last build."""
    with paused_gc():
        return _build(content_dir, templates_dir, out_dir, options)


def _build(content_dir: Path, templates_dir: Path, out_dir: Path, options: Options) -> BuildReport:
    started = time.perf_counter()
    check_output_folder(out_dir.resolve(), (content_dir, templates_dir))  # refuse before touching anything
    log = PageLog(options.cache_dir, out_dir) if options.cache_dir else None
    try:
        now = datetime.now(timezone.utc)
        inputs = _inputs(content_dir, templates_dir, options) if log else None
        last = log.stands(inputs, now.timestamp(), out_dir) if inputs else None
        if last is not None:  # nothing it was made from has changed, nor the site it left
            return BuildReport(replace(last, parsed=0), Written(0, len(log.old), 0),
                               time.perf_counter() - started, 0)
        prepared = prepare(content_dir, options, now)
        read = Summary.of(prepared)
        written, pages, rendered, notes, files = _write_site(prepared, (content_dir, templates_dir), out_dir,
                                                             options, log)
        if log:
            log.save(pages, files, out_dir.resolve(), None if notes else inputs, _until(prepared, options), read)
    finally:
        if log:
            log.close()
    return BuildReport(read, written, time.perf_counter() - started, rendered, notes, prepared.site)


def _write_site(prepared: Prepared, sources: tuple[Path, Path], out_dir: Path, options: Options,
                log: PageLog | None):
    """Render what changed into the writer and commit: (written, pages, rendered, notes, every file)."""
    renderer = PageRenderer(sources[1], prepared.site.config)
    with SiteWriter(out_dir, protected=sources) as writer:
        for name, data in renderer.assets.items():
            writer.put(f"{STATIC_DIR}/{name}", data)
        salt = _salt(renderer, prepared.search)
        pages, rendered = _write_pages(prepared, renderer, writer, log, salt)
        for path, data in site_wide_files(prepared.site, list(pages)):
            writer.put(path, data)
        notes: tuple[str, ...] = ()
        if prepared.search:
            # What Pagefind indexes of an article page (its data-pagefind-body, less what is marked
            # data-pagefind-ignore) comes from the article and the templates alone, so a bundle is
            # indexed again only when one of its articles changed, not when a related list did.
            searched = {f"articles/{article.slug}/index.html": _search_key(salt, article)
                        for article in prepared.site.articles}

            def lay_out(folder: Path, paths: list[str]) -> None:
                for path in paths:
                    _link(writer.location(path), folder / path)

            search_files, notes = search_index(searched, prepared.site.config.language, options.cache_dir,
                                               lay_out, out_dir.resolve().parent)
            for path, data in search_files:
                writer.put(path, data)
        return writer.commit(), pages, rendered, notes, writer.files


def _search_key(salt: bytes, article: Article) -> str:
    return hashlib.sha256(salt + article.digest.encode()).hexdigest()


def _inputs(content_dir: Path, templates_dir: Path, options: Options) -> str | None:
    settings = repr((options.base_url, options.drafts, options.future, options.search and search_available()))
    return inputs_digest((content_dir, templates_dir), settings)


def _until(prepared: Prepared, options: Options) -> float | None:
    """When this build goes out of date by itself: the time the first scheduled article is due."""
    due = [article.published.timestamp() for article in prepared.selection.scheduled if not options.future]
    return min(due) if due else None


def _write_pages(prepared: Prepared, renderer: PageRenderer, writer: SiteWriter,
                 log: PageLog | None, salt: bytes) -> tuple[dict[str, tuple[bytes, str]], int]:
    """Render every page whose fingerprint changed (and keep the rest); path -> (fingerprint, hash)."""
    jobs = plan_pages(prepared.site, prepared.search)
    pages: dict[str, tuple[bytes, str]] = {}
    todo = []
    if log:
        fingerprints = Fingerprints(salt)
        site = _site_digest(prepared.site, fingerprints)
        found = [fingerprints.of((job.template, job.page, site if job.whole_site else job.context)) for job in jobs]
    else:
        found = [b""] * len(jobs)
    for job, fingerprint in zip(jobs, found, strict=True):
        digest = log.unchanged(job.path, fingerprint, writer.out_dir) if log and writer.updating else None
        if digest is None:
            todo.append(job)
        else:
            writer.keep(job.path)
        pages[job.path] = (fingerprint, digest or "")
    for job, data in zip(todo, render_all(renderer, todo), strict=True):
        writer.put(job.path, data)
        pages[job.path] = (pages[job.path][0], hashlib.sha256(data).hexdigest())
    return pages, len(todo)


def _site_digest(site: Site, fingerprints: Fingerprints) -> bytes:
    """What every page of the site is computed from: the articles, and the curated events, facts and people."""
    timeline = site.timeline
    return fingerprints.of((tuple(article.digest for article in site.articles),
                            tuple(item.event for item in timeline.events), timeline.story_start, timeline.story_end,
                            tuple(item.fact for item in site.facts), tuple(item.entity for item in site.entities)))


def _salt(renderer: PageRenderer, search: bool) -> bytes:
    """What every page depends on besides its own context."""
    digest = hashlib.sha256(code_version().encode() + repr((renderer.config, search)).encode())
    for path in sorted(renderer.templates_dir.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(renderer.templates_dir).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.digest()


def site_wide_files(site: Site, page_paths: list[str]) -> Iterator[tuple[str, bytes]]:
    """The sitemap, robots.txt, the feeds and the data files, as (path, bytes), one at a time."""
    yield from render_sitemap(site, page_paths).items()
    yield from render_feeds(site).items()
    yield from render_data(site)


def is_searched(path: str) -> bool:
    return path.startswith("articles/")


def search_index(pages: dict[str, str], language: str, cache_dir: Path | None, lay_out,
                 work_dir: Path | None = None) -> tuple[Iterator[tuple[str, bytes]], tuple[str, ...]]:
    try:
        return render_search_index(pages, language, cache_dir, lay_out, work_dir), ()
    except (SearchError, OSError, subprocess.TimeoutExpired) as error:
        return iter(()), (f"warning: the search index was not built ({error}); the search page will find nothing",)


def _link(source: Path, target: Path) -> None:
    """The same file in a second place: a hard link where the file system allows one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
