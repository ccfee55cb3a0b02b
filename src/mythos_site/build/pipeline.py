"""The build pipeline: collect (load and extract) -> assemble the site -> render -> write.

incremental.py decides whether a build needs it, and calls build_whole when it does."""

from __future__ import annotations

import hashlib
import pickle
import subprocess
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

from mythos_site.build.cache import Made, PageLog
from mythos_site.build.collect import Caches, Collected, Selection, collect_articles, select_published
from mythos_site.content.config import load_config, settings_warnings
from mythos_site.output.data import render_data
from mythos_site.content.dimensions import Size, broken_pictures, picture_headers, picture_sizes
from mythos_site.errors import Problem
from mythos_site.assemble.entities import load_entities
from mythos_site.content.events import load_calendar
from mythos_site.assemble.facts import load_facts
from mythos_site.output.feeds import render_feeds, render_tag_feeds
from mythos_site.build.fingerprints import Fingerprints
from mythos_site.extract.matching import Curated
from mythos_site.content.media import copied_media, media_files, media_problems
from mythos_site.output.metadata import render_sitemap
from mythos_site.records import Site
from mythos_site.build.incremental import Options, Summary
from mythos_site.build.ledger import Ledger, Look
from mythos_site.output.search import (SearchError, SearchIndex, recent_pages, render_search_index, search_available,
                                 search_key)
from mythos_site.output.render import (ARTICLE_TEMPLATE, STATIC_DIR, PageRenderer, article_links, article_path,
                                page_salt, plan_pages, render_all, render_pages)
from mythos_site.assemble.site import assemble_site
from mythos_site.build.writer import SiteWriter, link_file


@dataclass(frozen=True)
class Prepared:
    """The site as assembled from the content, before anything is rendered."""

    site: Site
    collected: Collected
    selection: Selection
    search: bool  # whether Pagefind is to index the article pages
    media: tuple[str, ...] = ()  # the files of content/media/, as "media/name.png"
    sizes: dict[str, Size] = field(default_factory=dict)  # (width, height) of each picture copied, if known

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
    media = media_files(content_dir)
    headers = picture_headers(content_dir, media)
    collected = replace(collected, warnings=settings_warnings(content_dir) + collected.warnings
                        + media_problems(content_dir, media, collected.articles)
                        + broken_pictures(content_dir, headers))
    selection = select_published(collected.articles, now or datetime.now(timezone.utc), options.drafts,
                                 options.future)
    site = assemble_site(config, selection.published, calendar, facts, entities)
    return Prepared(site, collected, selection, options.search and search_available(), tuple(media),
                    picture_sizes(headers))


def render_site(content_dir: Path, templates_dir: Path, options: Options = Options(),
                now: datetime | None = None) -> Rendered:
    """Everything the site holds, in memory; raises ContentError before anything is written."""
    prepared = prepare(content_dir, options, now)
    files = render_pages(prepared.site, templates_dir, prepared.search, prepared.sizes)
    files.update(site_wide_files(prepared.site, list(files)))
    files.update(copied_media(content_dir, prepared.media))
    notes: tuple[str, ...] = ()
    if prepared.search:
        pages = {path: data for path, data in files.items() if is_searched(path)}

        def lay_out(folder: Path, paths: list[str]) -> None:
            for path in paths:
                (folder / path).parent.mkdir(parents=True, exist_ok=True)
                (folder / path).write_bytes(pages[path])

        hashes = {path: hashlib.sha256(data).hexdigest() for path, data in pages.items()}
        index, notes = search_index(hashes, _recent(prepared.site), prepared.site.config.language,
                                    options.cache_dir, lay_out)
        files.update(index.files)
    return Rendered(prepared, files, notes)


def build_whole(content_dir: Path, templates_dir: Path, out_dir: Path, options: Options, log: PageLog | None,
                look: Look | None, now: datetime, compiled: Callable[[], None]):
    """Collect, assemble, render what changed and write; record the build in the log. compiled()
    waits for the templates compiling on another core (render.compile_templates_aside). Returns
    (what was read, written, pages rendered, notes, the site)."""
    try:
        prepared = prepare(content_dir, options, now)
    finally:
        compiled()
    read = Summary.of(prepared)
    written, pages, rendered, notes, files, links, bundles = _write_site(
        prepared, (content_dir, templates_dir), out_dir, options, log)
    if log:
        ledger = None if notes else _ledger(prepared, look, bundles)
        ledger = ledger and ledger.settled(content_dir)
        log.save(pages, files, out_dir.resolve(), ledger and Made(ledger, _until(prepared, options), read), links)
    return read, written, rendered, notes, prepared.site


def _ledger(prepared: Prepared, look: Look | None, bundles: tuple[str, ...]) -> Ledger | None:
    site = prepared.site
    if look is None:
        return None
    return Ledger.of(look, site.config.timezone, prepared.collected.files,
                     {article.digest: article_path(article) for article in site.articles},
                     tuple(article.digest for article in site.articles[: site.config.feed_items]), bundles,
                     _recent(site))


def _write_site(prepared: Prepared, sources: tuple[Path, Path], out_dir: Path, options: Options,
                log: PageLog | None):
    """Render what changed into the writer and commit: (written, pages, rendered, notes, every file,
    the links of the article pages rendered, the search bundles' keys)."""
    renderer = PageRenderer(sources[1], prepared.site.config, options.cache_dir)
    with SiteWriter(out_dir, protected=sources) as writer:
        for name, data in renderer.assets.items():
            writer.put(f"{STATIC_DIR}/{name}", data)
        for name, data in copied_media(sources[0], prepared.media):
            writer.put(name, data)
        salt = page_salt(renderer, prepared.search)
        pages, rendered, links = _write_pages(prepared, renderer, writer, log, salt)
        notes: tuple[str, ...] = ()
        bundles: tuple[str, ...] = ()
        with ThreadPoolExecutor(1) as pool:
            # Pagefind indexes the article pages while the feeds and data files are made.
            indexing = pool.submit(_index_articles, prepared, salt, writer, options, out_dir) if prepared.search else None
            for path, data in site_wide_files(prepared.site, list(pages)):
                writer.put(path, data)
            if indexing:
                index, notes = indexing.result()
                for path, data in index.files:
                    writer.put(path, data)
                bundles = index.keys
        return writer.commit(), pages, rendered, notes, writer.files, links, bundles


def _index_articles(prepared: Prepared, salt: bytes, writer: SiteWriter, options: Options, out_dir: Path):
    searched = {article_path(article): search_key(salt, article.digest) for article in prepared.site.articles}

    def lay_out(folder: Path, paths: list[str]) -> None:
        for path in paths:
            link_file(writer.location(path), folder / path)

    return search_index(searched, _recent(prepared.site), prepared.site.config.language, options.cache_dir, lay_out,
                        out_dir.resolve().parent)


def _recent(site: Site) -> tuple[str, ...]:
    return recent_pages([article_path(article) for article in site.articles])


def _until(prepared: Prepared, options: Options) -> float | None:
    """When this build goes out of date by itself: the time the first scheduled article is due."""
    due = [article.published.timestamp() for article in prepared.selection.scheduled if not options.future]
    return min(due) if due else None


def _write_pages(prepared: Prepared, renderer: PageRenderer, writer: SiteWriter, log: PageLog | None,
                 salt: bytes) -> tuple[dict[str, tuple[bytes, str]], int, dict[str, bytes]]:
    """Render every page whose fingerprint changed (and keep the rest): (path -> (fingerprint, hash),
    pages rendered, the links of each article page rendered, for a later patch)."""
    jobs = plan_pages(prepared.site, prepared.search, prepared.sizes)
    pages: dict[str, tuple[bytes, str]] = {}
    todo = []
    if log:
        fingerprints = Fingerprints(salt)
        site = _site_digest(prepared.site, fingerprints)
        found = fingerprints.of_all([(job.template, job.page, site if job.whole_site else job.context) for job in jobs])
    else:
        found = [b""] * len(jobs)
    for job, fingerprint in zip(jobs, found, strict=True):
        digest = log.unchanged(job.path, fingerprint, writer.out_dir) if log and writer.updating else None
        if digest is None:
            todo.append(job)
        else:
            writer.keep(job.path)
        pages[job.path] = (fingerprint, digest or "")
    links = {}
    for job, data in zip(todo, render_all(renderer, todo), strict=True):
        writer.put(job.path, data)
        pages[job.path] = (pages[job.path][0], hashlib.sha256(data).hexdigest())
        if log and job.template == ARTICLE_TEMPLATE:
            links[job.path] = pickle.dumps((job.page, article_links(job)), protocol=5)
    return pages, len(todo), links


def _site_digest(site: Site, fingerprints: Fingerprints) -> bytes:
    """What every page of the site is computed from: the articles, and the curated events, facts and people."""
    timeline = site.timeline
    return fingerprints.of((tuple(article.digest for article in site.articles),
                            tuple(item.event for item in timeline.events), timeline.story_start, timeline.story_end,
                            tuple(item.fact for item in site.facts), tuple(item.entity for item in site.entities)))




def site_wide_files(site: Site, page_paths: list[str]) -> Iterator[tuple[str, bytes]]:
    """The sitemap, robots.txt, the feeds and the data files, as (path, bytes), one at a time."""
    yield from render_sitemap(site, page_paths).items()
    yield from render_feeds(site).items()
    yield from render_tag_feeds(site)
    yield from render_data(site)


def is_searched(path: str) -> bool:
    return path.startswith("articles/")


def search_index(pages: dict[str, str], recent: tuple[str, ...], language: str, cache_dir: Path | None, lay_out,
                 work_dir: Path | None = None) -> tuple[SearchIndex, tuple[str, ...]]:
    try:
        return render_search_index(pages, recent, language, cache_dir, lay_out, work_dir), ()
    except (SearchError, OSError, subprocess.TimeoutExpired) as error:
        return SearchIndex((), iter(())), (f"warning: the search index was not built ({error}); the search page will find nothing",)

