"""Render pages: Jinja templates (autoescaped) over the assembled site."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

import jinja2

from mythos_site import urls
from mythos_site.build.cache import code_version
from mythos_site.build.parallel import Cores, fork_map
from mythos_site.content.dimensions import Size, shown_sizes
from mythos_site.errors import ContentError
from mythos_site.records import Article, SiteConfig
from mythos_site.site_records import Site
from mythos_site.output.metadata import as_uri, news_article, script_json
from mythos_site.output.originals import excerpt
from mythos_site.output.search import BUNDLING, Bundling, search_bundles
from mythos_site.output.templates import (STATIC_DIR, _bytecode_cache, _static_files, _template_problem, long_date,
                                          template_environment)
from mythos_site.output.views import (
    archive_months,
    article_link,
    article_quotes,
    cited_by,
    key_facts,
    most_carried_quotes,
    outlets,
    paginate,
    quote_carriers,
    quote_pages,
    quote_groups_by_use,
    related_coverage,
    source_citers,
    source_entries,
    source_pages,
    sources_by_key,
)
from mythos_site.output.story_views import (
    coverage_matrix,
    event_carriers,
    event_versions,
    event_link,
    events_by_article,
    reports_by_article,
    story_events,
    timeline_phases,
)



@dataclass(frozen=True)
class Page:
    """Where a page lives and what its head says."""

    path: str  # output path, e.g. "articles/x/index.html"
    url: str  # absolute canonical URL
    root: str  # relative way back to the site root, e.g. "../../"
    title: str
    description: str
    section: str = ""
    indexed: bool = True  # False: a page search engines should not list, such as the 404 page


@dataclass(frozen=True)
class PageJob:
    """One page to render: its template and everything the template is given."""

    template: str
    page: Page
    context: dict
    # The page shows what the whole site holds (the timeline, every quote): its fingerprint is the
    # site's, which is cheaper to take than its own context and changes whenever that could.
    whole_site: bool = False

    @property
    def path(self) -> str:
        return self.page.path


class PageRenderer:
    """Jinja over the templates folder; the static assets are read once, for their hashed URLs."""

    def __init__(self, templates_dir: Path, config: SiteConfig, cache_dir: Path | None = None):
        self.templates_dir, self.config = templates_dir, config
        self.env = template_environment(templates_dir, _bytecode_cache(cache_dir))
        self.assets = _static_files(templates_dir)
        self.asset_urls = {name: f"{STATIC_DIR}/{name}?v={hashlib.sha256(data).hexdigest()[:10]}"
                           for name, data in self.assets.items()}

    def render(self, job: PageJob) -> bytes:
        try:
            html = self.env.get_template(job.template).render(config=self.config, page=job.page,
                                                              assets=self.asset_urls, **job.context)
        except jinja2.TemplateError as error:
            raise _template_problem(self.templates_dir, job.template, error) from None
        return html.encode("utf-8")


RENDER_MS = 0.75  # about what rendering one page takes on one core


def render_all(renderer: PageRenderer, jobs: list[PageJob], cores: Cores = Cores()) -> Iterator[bytes]:
    """The bytes of each page, in the order of jobs; on every core when there are many."""
    workers = cores.workers(len(jobs), RENDER_MS)
    if workers > 1:
        for template in sorted({job.template for job in jobs}):
            renderer.env.get_template(template)  # compiled once, before the workers fork
    for page, error in fork_map(_render_one, len(jobs), (renderer, jobs), workers, chunk=64):
        if error is not None:
            raise error
        yield page


def _render_one(work: tuple[PageRenderer, list[PageJob]], index: int) -> tuple[bytes, ContentError | None]:
    renderer, jobs = work
    try:
        return renderer.render(jobs[index]), None
    except ContentError as error:  # a value, since it must cross processes
        return b"", error


def plan_pages(site: Site, search_enabled: bool = False, sizes: dict[str, Size] | None = None,
               bundling: Bundling = BUNDLING) -> list[PageJob]:
    """Every HTML page of the site, with what its template needs, ready to render in any order.
    sizes: the width and height of each picture of content/media/ whose size is known."""
    config = site.config
    jobs: list[PageJob] = []

    def emit(template: str, page: Page, whole_site: bool = True, **context) -> None:
        jobs.append(PageJob(template, page, context, whole_site))

    def emit_listing(template: str, folder: str, title: str, description: str, section: str,
                     articles: tuple[Article, ...], later_title: str | None = None, per_page=None,
                     **context) -> None:
        """A long list of articles over numbered pages; per_page(listing) adds what one page needs."""
        for listing in paginate(articles, folder, config.per_page):
            suffix = page_suffix(listing)
            shown = (later_title or title) if listing.number > 1 else title
            extra = per_page(listing) if per_page else {}
            emit(template, _page(site, listing.path, shown + suffix, description + suffix, section),
                 whole_site=template == "index.html" and listing.number == 1,
                 listing=listing, articles=listing.articles, **context, **extra)

    # Where each cited work and each quotation is listed: its own page, or its place on the list.
    cited, citers = sources_by_key(site), source_citers(site)
    source_listings, listed = source_pages(site)
    places = {source.id: citers[source.id].whole or listed[source.id] for source in site.sources}
    quoted = quote_carriers(site)
    quote_listings, quote_listed = quote_pages(site, quoted)
    quote_places = {group.id: quoted[group.id].whole or quote_listed[group.id] for group in site.quote_groups}
    top_quotes = most_carried_quotes(site)
    emit_listing("index.html", "", config.title, config.description, "home", site.articles,
                 later_title="All coverage", all_articles=len(site.articles), span=coverage_span(site.articles),
                 outlet_count=len({article.outlet for article in site.articles if article.outlet}),
                 per_page=lambda listing: {} if listing.number > 1 else {  # the story overview: first page only
                     "latest": site.articles[:LATEST],
                     "story_events": story_events(site), "top_quotes": top_quotes, "key_facts": key_facts(site),
                     "quote_href": {group.id: quote_places[group.id] for group in top_quotes}})
    related = related_coverage(site)
    group_of, events_of = quote_groups_by_use(site), events_by_article(site)
    for article in site.articles:
        jobs.append(article_job(config, article, _page(site, article_path(article), article.title,
                                                       article.summary or config.description),
                                {"quotes": article_quotes(article, group_of, quote_places),
                                 "sources_by_key": cited_by(article, cited, places),
                                 "events": tuple(map(event_link, events_of.get(article.slug, ()))),
                                 "related": tuple(map(article_link, related.get(article.slug, ())))},
                                sizes or {}))
    columns, rows = coverage_matrix(site)
    emit("coverage.html", _page(site, urls.page_file(urls.COVERAGE), "Who reported what",
                                f"Every event and fact of the story against every outlet on {config.title}.",
                                "coverage"), columns=columns, rows=rows)
    emit("facts.html", _page(site, urls.page_file(urls.FACTS), "Facts and figures",
                             f"The figures the coverage on {config.title} states, fact by fact.", "facts"),
         facts=site.facts)
    emit("people.html", _page(site, urls.page_file(urls.PEOPLE), "People and organisations",
                              f"The people and organisations of the story {config.title} follows.", "people"),
         entities=site.entities)
    for item in site.entities:
        emit("person.html", _page(site, urls.page_file(urls.person(item.entity.id)), item.entity.name,
                                  f"{item.entity.name}: {item.entity.role}.", "people"), item=item,
             quote_href={group.id: quote_places[group.id] for group in item.quote_groups})
    emit_listing("archive.html", urls.ARCHIVE, "Archive", f"Every article on {config.title}, by month.", "archive",
                 site.articles, per_page=lambda listing: {"months": archive_months(listing.articles)})
    emit("search.html", _page(site, urls.page_file(urls.SEARCH), "Search",
                              f"Search the full text of the coverage on {config.title}.", "search"),
         search_enabled=search_enabled, search_bundles=search_bundles(site, bundling))  # (count, the entries')
    events = event_carriers(site)
    phases = timeline_phases(site)
    emit("timeline.html", _page(site, urls.page_file(urls.TIMELINE), "Timeline",
                                f"What happened when in the story {config.title} follows, and who reported it.",
                                "timeline"), phases=phases, carriers_of=events, versions_of=event_versions(site))
    for day in (day for phase in phases for day in phase.days if day.whole):
        emit("day.html", _page(site, urls.page_file(day.whole), f"The timeline: {day.label}",
                               day.intro, "timeline"),
             whole_site=False, day=replace(day, events=()))  # the page shows no event: its fingerprint needs none

    def emit_whole_list(folder: str, title: str, description: str, section: str, entries: tuple,
                        **context) -> None:
        """Every entry of a list too long for the story pages, list_page entries a page."""
        for listing in paginate(entries, folder, config.list_page):
            suffix = page_suffix(listing)
            emit("list.html", _page(site, listing.path, title + suffix, description + suffix, section),
                 whole_site=False, listing=replace(listing, articles=()), entries=listing.articles,
                 total=len(entries), **context)

    for item in site.timeline.events:
        if events[item.event.id].whole:
            emit_whole_list(urls.event_reports(item.event.id), f"Every report: {item.event.headline}",
                            f"Every article that reports “{item.event.headline}”, with its sentences.", "timeline",
                            reports_by_article(item), kind="event", quote=None, back=urls.event(item.event.id),
                            back_label="Back to the timeline")
    for listing, sections in quote_listings:
        suffix = page_suffix(listing)
        emit("quotes.html", _page(site, listing.path, "Who said what" + suffix,
                                  f"Every quotation in the coverage on {config.title}, by speaker.{suffix}", "quotes"),
             whole_site=False, listing=replace(listing, articles=()), speakers=sections)
    for group in site.quote_groups:
        if quoted[group.id].whole:
            emit_whole_list(urls.quote_carriers(group.id), "Every article that carries this quote",
                            f"Every article on {config.title} that carries one quotation.", "quotes", group.uses,
                            kind="quote", quote=group.text, back=quote_listed[group.id],
                            back_label="Back to every quote")
    for listing in source_listings:
        suffix = page_suffix(listing)
        emit("sources.html", _page(site, listing.path, "Sources" + suffix,
                                   f"Every work cited by the coverage on {config.title}, and every outlet.{suffix}",
                                   "sources"),
             whole_site=False, listing=replace(listing, articles=()),  # the pager's part: the entries follow
             sources=source_entries(listing.articles, citers),
             outlets=outlets(site) if listing.number == 1 else ())
    for source in site.sources:
        if citers[source.id].whole:
            name = source.citation.title or source.citation.url or "an untitled source"
            emit_whole_list(urls.source_citers(source.id), f"Every article that cites {name}",
                            f"Every article on {config.title} that cites {name}.", "sources", source.uses,
                            kind="source", quote=None, back=listed[source.id], back_label="Back to every source")
    emit("tags.html", _page(site, urls.page_file(urls.TAGS), "Tags", f"Every tag on {config.title}.", "tags"),
         tags=site.tags)
    emit("data.html", _page(site, urls.page_file(urls.DATA), "Feeds and data",
                            f"The data files and feeds of {config.title}, free to reuse, with their shapes.", "data"),
         whole_site=False, data_files=DATA_FILES, feeds=FEEDS)
    for tag_page in site.tags:
        emit_listing("tag.html", urls.tag(tag_page.tag.slug), f"Tagged “{tag_page.tag.name}”",
                     f"Articles tagged {tag_page.tag.name} on {config.title}.", "tags", tag_page.articles,
                     tag=tag_page.tag, tag_articles=len(tag_page.articles), tag_feed=urls.tag_feed(tag_page.tag.slug),
                     tag_feed_url=as_uri(config.base_url + urls.tag_feed(tag_page.tag.slug)))
    not_found = Page("404.html", config.base_url + "404.html", config.base_path, "Page not found",
                     "There is no page at this address.", indexed=False)
    emit("404.html", not_found)
    return jobs


ARTICLE_TEMPLATE = "article.html"
LATEST = 5  # the newest articles the home page lists first

# The data page's list: each file under /data/, what it holds, and the fields of each entry, as
# docs/data.md documents them.
DATA_FILES = (
    ("articles", "Every article, newest first: its address here and the original's, outlet, author, dates, tags "
                 "and footnotes with the works they cite.",
     "slug, title, url, original_url, outlet, author, published, time_known, updated, full_text, date_inferred, "
     "tags, footnotes (marker, text, publisher, title, date, url, missing_from_source_list)"),
    ("quotes", "Every quotation, grouped across the articles that carry it, the most widely carried first.",
     "id, text, speaker, kind, other_speakers, articles (slug, anchor, url, text, speaker, published)"),
    ("events", "The story's events by date, each with the sentences that report it and the date each gives.",
     "id, date, end, precision, date_inferred, headline, text, kind, phase, disputed, versions, articles "
     "(slug, url, anchor, sentence, date_given)"),
    ("timeline", "The timeline in the JSON that Knight Lab's TimelineJS 3 reads.", "title, events, eras"),
    ("facts", "The facts the coverage states, each with the figures given for it and any disagreement.",
     "id, statement, kind, disputed, versions, figures (slug, url, anchor, text, value, high, unit, hedge, "
     "sentence)"),
    ("entities", "The people and organisations of the story, with the articles that name them, their quotes and "
                 "events.", "id, name, kind, role, aliases, url, articles (slug, mentions, url), quotes, events"),
)
FEEDS = (("RSS", urls.RSS), ("Atom", urls.ATOM), ("JSON Feed", urls.JSON_FEED), ("OPML list of every feed", urls.OPML))


def article_path(article: Article) -> str:
    return urls.article_file(article.slug)


def article_job(config: SiteConfig, article: Article, page: Page, links: dict, sizes: dict[str, Size]) -> PageJob:
    """An article's page: the article, its JSON-LD, the sizes of its pictures, and its links to
    the rest of the story (its quotes' and sources' places, its events, related coverage), which
    are kept with the page (see patch.py)."""
    pictures = shown_sizes((name for name, _ in article.pictures), sizes)
    full = article.shows_full_text(config)
    return PageJob(ARTICLE_TEMPLATE, page, {"article": article, "json_ld": script_json(news_article(config, article)),
                                            "pictures": pictures, "full_text": full,
                                            "passages": () if full else excerpt(article), **links}, whole_site=False)


def article_links(job: PageJob) -> dict:
    """What of an article page's context is not the article's own: see article_job."""
    return {name: value for name, value in job.context.items()
            if name not in ("article", "json_ld", "pictures", "full_text", "passages")}


def page_salt(renderer: PageRenderer, search: bool) -> bytes:
    """What every page depends on besides its own context: the code, the settings, the templates
    and the static assets."""
    digest = hashlib.sha256(code_version().encode() + repr((renderer.config, search)).encode())
    for path in sorted(renderer.templates_dir.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(renderer.templates_dir).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.digest()


def page_suffix(listing) -> str:
    """" (page 2 of 5)" for the title of a later page of a list; nothing for the first."""
    return f" (page {listing.number} of {listing.count})" if listing.number > 1 else ""


def coverage_span(articles: tuple[Article, ...]) -> str:
    """"March 26 – April 7, 2026": the days the coverage on the site was published."""
    if not articles:
        return ""
    first, last = min(a.published for a in articles), max(a.published for a in articles)
    if first.date() == last.date():
        return long_date(first)
    start = f"{first:%B} {first.day}" + ("" if first.year == last.year else f", {first.year}")
    return f"{start} – {long_date(last)}"


def _page(site: Site, path: str, title: str, description: str, section: str = "") -> Page:
    folder = PurePosixPath(path).parent
    depth = 0 if str(folder) == "." else len(folder.parts)
    url = site.config.base_url + (str(folder) + "/" if depth else "")
    return Page(path, url, "../" * depth or "./", title, description, section)
