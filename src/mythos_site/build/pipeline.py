"""The build pipeline, the one path every build takes: inputs -> assemble -> render -> write.

incremental.build() is the entry point: it calls build_whole() unless the last build still
stands or only needs a patch (patch.py, which reuses the steps below). `check` runs the same
steps, gathering problems, into a writer that keeps nothing."""

from __future__ import annotations

import hashlib
import pickle
import subprocess
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from mythos_site.assemble.site import assemble_site
from mythos_site.build.cache import LastBuild, PageLog
from mythos_site.build.collect import Selection, select_published
from mythos_site.build.fingerprints import Fingerprints
from mythos_site.build.inputs import Inputs, load_inputs
from mythos_site.build.ledger import Ledger, InputsSnapshot
from mythos_site.build.options import Options, Summary
from mythos_site.build.parallel import Cores
from mythos_site.build.writer import SiteWriter, link_file
from mythos_site.content.media import copied_media
from mythos_site.errors import Problem
from mythos_site.output.data import render_data
from mythos_site.output.cards import render_cards
from mythos_site.output.feeds import feed_articles, render_feed_list, render_feeds, render_tag_feeds
from mythos_site.output.metadata import render_sitemap
from mythos_site.output.render import (ARTICLE_TEMPLATE, STATIC_DIR, PageRenderer, article_links, article_path,
                                       page_salt, plan_pages, render_all)
from mythos_site.output.search import (BUNDLING, Bundling, Entries, SearchError, SearchIndex, render_search_index,
                                       search_available, search_entries, search_key, stop_indexing)
from mythos_site.site_records import Site


@dataclass(frozen=True)
class Prepared:
    """The site as assembled from the inputs, before anything is rendered."""

    site: Site
    inputs: Inputs
    selection: Selection
    search: bool  # whether Pagefind is to index the article pages

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return self.inputs.warnings


def prepare(content_dir: Path, options: Options, now: datetime, problems: list[Problem] | None = None,
            keep_text: bool = False) -> Prepared:
    """Inputs, then the site assembled from the articles published at `now`. Raises ContentError
    before anything is rendered, unless `problems` gathers them (check)."""
    inputs = load_inputs(content_dir, options.base_url, options.cache_dir, options.cores, options.progress,
                         problems, keep_text)
    settings = inputs.settings
    selection = select_published(inputs.collected.articles, now, options.drafts, options.future)
    site = assemble_site(settings.config, selection.published, settings.calendar, settings.facts, settings.entities)
    return Prepared(site, inputs, selection, options.search and search_available())


# Kept with the links of the article pages, under a path no page has: what a patch needs of the
# story found by rule (the lookup undated sentences were filed by, the names people were found by).
FOUND = "/found"


def build_whole(content_dir: Path, templates_dir: Path, out_dir: Path, options: Options, log: PageLog | None,
                look: InputsSnapshot | None, now: datetime, compiled: Callable[[], None]):
    """Prepare, render what changed and write; record the build in the log. compiled() waits for
    the templates compiling on another core (templates.compile_templates_aside). Returns (what was
    read, written, pages rendered, notes, the site)."""
    try:
        prepared = prepare(content_dir, options, now)
    finally:
        compiled()
    read = Summary.of(prepared)
    renderer = PageRenderer(templates_dir, prepared.site.config, options.cache_dir)
    with SiteWriter(out_dir, protected=(content_dir, templates_dir)) as writer:
        made = write_all(prepared, renderer, writer, content_dir, options, log)
        written = writer.commit()
    if log:
        ledger = None if made.notes else _ledger(prepared, look, made.bundles, options.bundling)
        ledger = ledger and ledger.settled(content_dir)
        found = pickle.dumps((prepared.site.timeline.lookup, prepared.site.found_names), protocol=5)
        log.save(made.pages, writer.files, out_dir.resolve(),
                 ledger and LastBuild(ledger, _until(prepared, options), read), made.links | {FOUND: found})
    return read, written, made.rendered, made.notes, prepared.site


@dataclass(frozen=True)
class Output:
    """What write_all put into the writer: each page's (fingerprint, hash), how many were rendered,
    the links of the article pages rendered (for a later patch), the search bundles' keys, and
    what went wrong without stopping the build."""

    pages: dict[str, tuple[bytes, str]]
    rendered: int
    links: dict[str, bytes]
    bundles: tuple[str, ...]
    notes: tuple[str, ...]


def write_all(prepared: Prepared, renderer: PageRenderer, writer, content_dir: Path, options: Options,
              log: PageLog | None = None) -> Output:
    """Every file of the site into the writer: assets, pictures, the pages whose fingerprint
    changed, the site-wide files, and the search index (made on another thread meanwhile)."""
    for name, data in renderer.assets.items():
        writer.put(f"{STATIC_DIR}/{name}", data)
    for name, data in copied_media(content_dir, prepared.inputs.media):
        writer.put(name, data)
    salt = page_salt(renderer, prepared.search)
    pages, rendered, links = _write_pages(prepared, renderer, writer, log, salt, options)
    with ThreadPoolExecutor(1) as pool:
        # Pagefind indexes the article pages and the entries while the feeds and data files are made.
        site = prepared.site
        searched = {article_path(article): search_key(salt, article.digest) for article in site.articles}
        indexing = pool.submit(lambda: index_search(
            searched, _recent(site, options.bundling), site.config.language, options.cache_dir, writer, frozenset(),
            options.bundling, Entries.of(search_entries(site), site.config.language))) if prepared.search else None
        try:
            for path, data in site_wide_files(prepared.site, list(pages), options.cache_dir, options.cores):
                writer.put(path, data)
            index, notes = indexing.result() if indexing else (SearchIndex((), iter(())), ())
        except BaseException:
            stop_indexing()  # a stopped or failed build does not wait for Pagefind to finish
            raise
    for path, data in index.files:
        writer.put(path, data)
    return Output(pages, rendered, links, index.keys, notes)


def index_search(searched: dict[str, str], recent: tuple[str, ...], language: str, cache_dir: Path | None,
                 writer: SiteWriter, in_place: frozenset[str] = frozenset(), bundling: Bundling = BUNDLING,
                 entries: Entries = Entries()) -> tuple[SearchIndex, tuple[str, ...]]:
    """The one search step: Pagefind over the article pages as the writer holds them (searched:
    output path -> search key) and over the entries (events, quotations, people: see
    search.Entries), with a note instead when Pagefind fails."""

    def lay_out(folder: Path, paths: list[str]) -> None:
        for path in paths:
            link_file(writer.location(path), folder / path)

    try:
        return render_search_index(searched, recent, language, cache_dir, lay_out, writer.out_dir.parent,
                                   in_place, bundling, entries), ()
    except (SearchError, OSError, subprocess.TimeoutExpired) as error:
        return SearchIndex((), iter(())), (f"warning: the search index was not built ({error}); "
                                           "the search page will find nothing",)


def _ledger(prepared: Prepared, look: InputsSnapshot | None, bundles: tuple[str, ...], bundling: Bundling) -> Ledger | None:
    site = prepared.site
    if look is None:
        return None
    return Ledger.of(look, site.config.timezone, prepared.inputs.collected.files,
                     {article.digest: article_path(article) for article in site.articles},
                     tuple(article.digest for article in feed_articles(site)), bundles,
                     _recent(site, bundling))


def _recent(site: Site, bundling: Bundling) -> tuple[str, ...]:
    return bundling.recent_of([article_path(article) for article in site.articles])


def _until(prepared: Prepared, options: Options) -> float | None:
    """When this build goes out of date by itself: the time the first scheduled article is due."""
    due = [article.published.timestamp() for article in prepared.selection.scheduled if not options.future]
    return min(due) if due else None


def _write_pages(prepared: Prepared, renderer: PageRenderer, writer, log: PageLog | None, salt: bytes,
                 options: Options) -> tuple[dict[str, tuple[bytes, str]], int, dict[str, bytes]]:
    """Render every page whose fingerprint changed (and keep the rest): (path -> (fingerprint, hash),
    pages rendered, the links of each article page rendered, for a later patch)."""
    jobs = plan_pages(prepared.site, prepared.search, prepared.inputs.sizes, options.bundling)
    pages: dict[str, tuple[bytes, str]] = {}
    todo = []
    if log:
        fingerprints = Fingerprints(salt)
        site = _site_digest(prepared.site, fingerprints)
        found = fingerprints.of_all([(job.template, job.page, site if job.whole_site else job.context) for job in jobs],
                                    options.cores)
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
    for job, data in zip(todo, render_all(renderer, todo, options.cores), strict=True):
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


def site_wide_files(site: Site, page_paths: list[str], cache_dir: Path | None = None,
                    cores: Cores = Cores()) -> Iterator[tuple[str, bytes]]:
    """The sitemap, robots.txt, the feeds, the data files and the social cards, as (path, bytes),
    one at a time."""
    yield from render_sitemap(site, page_paths).items()
    yield from render_feeds(site).items()
    yield from render_tag_feeds(site)
    yield from render_feed_list(site).items()
    yield from render_data(site)
    yield from render_cards(site, cache_dir, cores)
