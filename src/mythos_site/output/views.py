"""What pages show, computed from the site: templates only lay it out."""

from __future__ import annotations

import heapq
from dataclasses import dataclass, replace
from datetime import date, datetime

from mythos_site import urls
from mythos_site.records import (
    UNKNOWN_OUTLET, Article, Citation, FactItem, Quote, QuoteGroup, Report, Site, Source, Speaker, Statement,
    TimelineEvent, Version,
)
from mythos_site.content.slugs import slugify
from mythos_site.extract.text import fold
from mythos_site.extract.matching import PRECISION_ORDER


@dataclass(frozen=True)
class SpeakerSection:
    anchor: str
    name: str
    kind: str | None
    groups: tuple  # QuoteGroup, or QuoteEntry on a page of the quotes list


@dataclass(frozen=True)
class OutletEntry:
    name: str
    articles: tuple[Article, ...]  # the newest
    total: int


# An article page is given small views of what it links to, not the linked records themselves:
# a page is rendered again only when what it shows changes (see fingerprints.py).

@dataclass(frozen=True)
class ArticleQuote:
    quote: Quote
    group_id: str | None
    carried_by: int  # how many articles carry the quote, this one included
    href: str | None = None  # where its group is listed, from the site root


@dataclass(frozen=True)
class ArticleLink:
    slug: str
    title: str
    outlet: str | None
    published: datetime


@dataclass(frozen=True)
class EventLink:
    id: str
    headline: str
    label: str
    disputed: bool


@dataclass(frozen=True)
class SourceLink:
    id: str
    count: int  # articles that cite it
    href: str  # where it is listed, from the site root: its own page, or the sources page that holds it


def speaker_sections(site: Site) -> tuple[SpeakerSection, ...]:
    """Quote groups by agreed speaker, the speakers whose words are carried most first; unnamed last."""
    sections: dict[str, list[QuoteGroup]] = {}
    for group in site.quote_groups:
        sections.setdefault(group.speaker.key if group.speaker else "", []).append(group)

    def order(key: str):
        groups = sections[key]
        return (key == "", -sum(group.carried_by for group in groups), groups[0].speaker.name if key else "")

    return tuple(
        SpeakerSection(
            anchor="s-speaker-" + (slugify(key) or "none"),
            name=max((g.speaker.name for g in sections[key]), key=lambda n: (len(n), n)) if key else "No speaker named",
            kind=sections[key][0].speaker.kind if key else None,
            groups=tuple(sections[key]),
        )
        for key in sorted(sections, key=order)
    )


def outlets(site: Site) -> tuple[OutletEntry, ...]:
    """Every outlet with its newest LIST_LIMIT articles (the archive has the rest) and their count."""
    by_name: dict[str, list[Article]] = {}
    for article in site.articles:
        by_name.setdefault(article.outlet or UNKNOWN_OUTLET, []).append(article)
    named = sorted((name for name in by_name if name != UNKNOWN_OUTLET), key=str.casefold)
    names = named + ([UNKNOWN_OUTLET] if UNKNOWN_OUTLET in by_name else [])
    return tuple(OutletEntry(name, tuple(by_name[name][:LIST_LIMIT]), len(by_name[name])) for name in names)


def quote_groups_by_use(site: Site) -> dict[tuple[str, str], QuoteGroup]:
    """Each article's quote (by slug and folded text) to its group, built once for every page."""
    return {(use.article.slug, fold(quote.text)): group for group in site.quote_groups for use in group.uses
            for quote in use.article.quotes if fold(quote.text) in fold(group.text)}


def article_quotes(article: Article, group_of: dict[tuple[str, str], QuoteGroup],
                   places: dict[str, str]) -> tuple[ArticleQuote, ...]:
    found = [(quote, group_of.get((article.slug, fold(quote.text)))) for quote in article.quotes]
    return tuple(ArticleQuote(quote, group.id, group.carried_by, places[group.id]) if group else
                 ArticleQuote(quote, None, 1) for quote, group in found)


QUOTES_PER_PAGE = 50  # quotations on one page of the quotes list


@dataclass(frozen=True)
class QuoteEntry:
    """A quotation as the quotes list shows it: the first articles that carry it."""

    id: str
    text: str
    other_speakers: tuple[Speaker, ...]
    carried_by: int
    carriers: Shortened


def quote_pages(site: Site, carriers: dict[str, Shortened]
                ) -> tuple[tuple[tuple[Listing, tuple[SpeakerSection, ...]], ...], dict[str, str]]:
    """The pages of the quotes list, each with its speakers' sections (a speaker's quotes may go on
    over the next page), and each quotation's place on them (id -> link from the site root)."""
    flat = tuple((section, group) for section in speaker_sections(site) for group in section.groups)
    pages, listed = [], {}
    for listing in paginate(flat, urls.QUOTES, QUOTES_PER_PAGE):
        folder = listing.path.removesuffix("index.html")
        sections: dict[str, tuple[SpeakerSection, list[QuoteEntry]]] = {}
        for section, group in listing.articles:
            sections.setdefault(section.anchor, (section, []))[1].append(QuoteEntry(
                group.id, group.text, group.other_speakers, group.carried_by, carriers[group.id]))
            listed[group.id] = f"{folder}#{group.id}"
        pages.append((listing, tuple(replace(section, groups=tuple(entries))
                                     for section, entries in sections.values())))
    return tuple(pages), listed


def article_link(article: Article) -> ArticleLink:
    return ArticleLink(article.slug, article.title, article.outlet, article.published)


def event_link(item: TimelineEvent) -> EventLink:
    return EventLink(item.event.id, item.event.headline, short_label(item), item.disputed)


def cited_by(article: Article, cited: dict[str, Source], places: dict[str, str]) -> dict[str, SourceLink]:
    """The sources of this article's own footnotes."""
    keys = (note.citation.key for note in article.footnotes if note.citation and note.citation.key)
    return {key: SourceLink(cited[key].id, len(cited[key].uses), places[cited[key].id]) for key in keys if key in cited}


SOURCES_PER_PAGE = 50  # cited works on one page of the sources list


@dataclass(frozen=True)
class SourceEntry:
    """A cited work as the sources list shows it: the first articles that cite it."""

    id: str
    citation: Citation
    citers: Shortened


def source_entries(sources: tuple[Source, ...], citers: dict[str, Shortened]) -> tuple[SourceEntry, ...]:
    return tuple(SourceEntry(source.id, source.citation, citers[source.id]) for source in sources)


def source_pages(site: Site) -> tuple[tuple[Listing, ...], dict[str, str]]:
    """The pages of the sources list, most cited first, and each source's place on them (id -> link
    from the site root)."""
    pages = paginate(site.sources, urls.SOURCES, SOURCES_PER_PAGE)
    listed = {source.id: f"{listing.path.removesuffix('index.html')}#{source.id}"
              for listing in pages for source in listing.articles}
    return pages, listed


def sources_by_key(site: Site) -> dict[str, Source]:
    return {key: source for source in site.sources for use in source.uses for key in use.footnote.citation.keys}


@dataclass(frozen=True)
class ArticleReports:
    """What one article says about one event: its sentences, each with its paragraph anchor."""

    article: Article
    reports: tuple[Report, ...]


@dataclass(frozen=True)
class TimelineDay:
    anchor: str
    label: str
    iso: str
    events: tuple[TimelineEvent, ...]
    published: tuple[Article, ...]
    statements: tuple[Statement, ...]
    # The timeline page shows the first DAY_LIMIT of each; a day with more has a page of its own.
    published_shown: tuple[Article, ...] = ()
    statements_shown: tuple[Statement, ...] = ()
    whole: str | None = None  # that page's folder, from the site root

    @property
    def whole_label(self) -> str:
        """The link to the day's own page: "All 2 articles published and 12 dated statements of April 2, 2026"."""
        return f"All {self._contents(len(self.published), len(self.statements))} of {self.label}"

    @property
    def intro(self) -> str:
        """What the day's own page lists."""
        parts = [part for part, count in (("every article published", self.published),
                                          ("every other dated statement", self.statements)) if count]
        return f"{' and '.join(parts).capitalize()} of {self.label}, first to last."

    @staticmethod
    def _contents(articles: int, statements: int) -> str:
        parts = [f"{count} {noun}{'s' if count != 1 else ''}{suffix}" for count, noun, suffix in (
            (articles, "article", " published"), (statements, "dated statement", "")) if count]
        return " and ".join(parts)


@dataclass(frozen=True)
class TimelinePhase:
    name: str  # context | story | plans
    title: str
    days: tuple[TimelineDay, ...]


DAY_LIMIT = 3  # publications, and statements, of one day on the timeline page: it holds every day of the story

# "plans" holds what was planned and what was reported after the story's end alike: its title claims neither.
PHASE_TITLES = {"context": "Before the story: context", "story": "The story", "plans": "After the story"}


def date_label(start: date, end: date, precision: str) -> str:
    """"March 26, 2026", "February 2026", "2025", "September – December 2025"."""
    if precision == "day" or (precision == "range" and start == end):
        return f"{start:%B} {start.day}, {start.year}"
    if precision == "month":
        return f"{start:%B} {start.year}"
    if precision == "year":
        return str(start.year)
    if start.year == end.year and start.month == end.month:
        return f"{start:%B} {start.day}–{end.day}, {start.year}"
    if start.year == end.year:
        return f"{start:%B} – {end:%B} {end.year}" if start.day == 1 else \
            f"{start:%B} {start.day} – {end:%B} {end.day}, {end.year}"
    return f"{start:%B} {start.year} – {end:%B} {end.year}"


def date_iso(start: date, end: date, precision: str) -> str:
    if precision == "month":
        return f"{start:%Y-%m}"
    if precision == "year":
        return f"{start:%Y}"
    return start.isoformat()  # a range starts here; HTML's datetime has no form for a range


def timeline_phases(site: Site) -> tuple[TimelinePhase, ...]:
    """Events, publications and other dated statements, grouped by phase and then by day."""
    timeline = site.timeline
    days: dict[tuple, dict[str, list]] = {}

    def slot(start: date, end: date, precision: str) -> dict[str, list]:
        return days.setdefault((start, PRECISION_ORDER[precision], end, precision),
                               {"events": [], "published": [], "statements": []})

    for item in timeline.events:
        slot(item.event.start, item.event.end, item.event.precision)["events"].append(item)
    for article in sorted(site.articles, key=lambda a: (a.published, a.slug)):
        day = article.published.date()
        slot(day, day, "day")["published"].append(article)
    for statement in timeline.statements:
        mention = statement.mention
        slot(mention.start, mention.end, mention.precision)["statements"].append(statement)
    phases: dict[str, list[TimelineDay]] = {"context": [], "story": [], "plans": []}
    for (start, _, end, precision), parts in sorted(days.items()):
        iso = date_iso(start, end, precision)
        anchor = f"d-{iso}" + (f"-to-{end.isoformat()}" if precision == "range" else "")
        published, statements = tuple(parts["published"]), tuple(parts["statements"])
        long = len(published) > DAY_LIMIT or len(statements) > DAY_LIMIT
        day = TimelineDay(anchor, date_label(start, end, precision), iso, tuple(parts["events"]), published,
                          statements, published[:DAY_LIMIT], statements[:DAY_LIMIT],
                          urls.event_reports(anchor) if long else None)
        phases[_phase_of(start, end, timeline)].append(day)
    return tuple(TimelinePhase(name, PHASE_TITLES[name], tuple(found)) for name, found in phases.items() if found)


def _phase_of(start: date, end: date, timeline) -> str:
    if timeline.story_start and end < timeline.story_start:
        return "context"
    if timeline.story_end and start > timeline.story_end:
        return "plans"
    return "story"


def reports_by_article(item: TimelineEvent) -> tuple[ArticleReports, ...]:
    grouped: dict[str, list[Report]] = {}
    for report in item.reports:
        grouped.setdefault(report.article.slug, []).append(report)
    return tuple(ArticleReports(reports[0].article, tuple(reports)) for reports in grouped.values())


def events_by_article(site: Site) -> dict[str, tuple[TimelineEvent, ...]]:
    """Each article's slug to the events it reports, built once for every page."""
    found: dict[str, list[TimelineEvent]] = {}
    for item in site.timeline.events:
        for slug in dict.fromkeys(report.article.slug for report in item.reports):
            found.setdefault(slug, []).append(item)
    return {slug: tuple(items) for slug, items in found.items()}


def story_events(site: Site) -> tuple[TimelineEvent, ...]:
    return tuple(item for item in site.timeline.events if item.phase == "story")


def version_label(version) -> str:
    return date_label(version.start, version.end, version.precision)


def short_label(item: TimelineEvent) -> str:
    """"Mar 26" for a day of the story, "Feb 2026" for a month."""
    event = item.event
    if event.precision == "day":
        return f"{event.start:%b} {event.start.day}"
    if event.precision == "month":
        return f"{event.start:%b %Y}"
    return date_label(event.start, event.end, event.precision)


@dataclass(frozen=True)
class ArchiveMonth:
    anchor: str
    label: str
    articles: tuple[Article, ...]


RELATED_GROUP_LIMIT = 50  # an event or quote carried by more articles than this tells them apart no better


def related_coverage(site: Site, limit: int = 5) -> dict[str, tuple[Article, ...]]:
    """For each article, the others that share its events, quote groups, facts, people, cited
    sources and tags, most shared first.

    Shared events and quotes are counted from the groups themselves; a group carried by very many
    articles is left out, as a common word is in search, so the cost stays linear in the articles.
    """
    groups = [{r.article.slug for r in item.reports} for item in site.timeline.events]
    groups += [{use.article.slug for use in group.uses} for group in site.quote_groups]
    groups += [{r.article.slug for r in item.reports} for item in site.facts]
    groups += [{m.article.slug for m in item.mentions} for item in site.entities]
    groups += [{use.article.slug for use in source.uses} for source in site.sources]
    groups += [{article.slug for article in page.articles} for page in site.tags]
    shared: dict[str, dict[str, int]] = {}
    for slugs in groups:
        if len(slugs) > RELATED_GROUP_LIMIT:
            continue
        for slug in slugs:
            counts = shared.setdefault(slug, {})
            for other in slugs - {slug}:
                counts[other] = counts.get(other, 0) + 1
    # Most shared first, then newest first (the site's order): one integer a candidate, so the
    # ranking runs in C, with no key function called for each of a million candidates.
    rank = {article.slug: number for number, article in enumerate(site.articles)}
    span = len(site.articles)
    return {
        slug: tuple(site.articles[key % span] for key in heapq.nsmallest(
            limit, [rank[other] - count * span for other, count in counts.items()]))
        for slug, counts in shared.items()
    }


def most_carried_quotes(site: Site, limit: int = 3) -> tuple[QuoteGroup, ...]:
    return tuple(group for group in site.quote_groups if group.carried_by > 1)[:limit]


@dataclass(frozen=True)
class MatrixCell:
    report_anchor: str | None  # the sentence's paragraph in the article, when the outlet reports the row
    article: Article | None
    first: bool  # this outlet reported it before any other
    disputed: bool  # this outlet's version differs from another's
    label: str  # what the cell says: the figure or the date given


@dataclass(frozen=True)
class MatrixRow:
    anchor: str
    kind: str  # fact | event
    title: str
    link: str  # the row's page and anchor, from the site root
    disputed: bool
    cells: tuple[MatrixCell, ...]


@dataclass(frozen=True)
class MatrixColumn:
    name: str
    articles: tuple[Article, ...]


def matrix_columns(site: Site) -> tuple[MatrixColumn, ...]:
    """One column per outlet; an article whose outlet is not stated is a column of its own."""
    columns: dict[str, list[Article]] = {}
    for article in sorted(site.articles, key=lambda a: (a.published, a.slug)):
        columns.setdefault(article.outlet or f"“{article.title}”", []).append(article)
    return tuple(MatrixColumn(name, tuple(found)) for name, found in columns.items())


def coverage_matrix(site: Site) -> tuple[tuple[MatrixColumn, ...], tuple[MatrixRow, ...]]:
    columns = matrix_columns(site)
    column_of = {article.slug: index for index, column in enumerate(columns) for article in column.articles}
    rows = []
    for item in site.timeline.events:
        differing = {r.article.slug for v in item.versions[1:] for r in v.reports} if item.disputed else set()
        found = [(r.article, r.anchor, r.mention.expression if r.mention else "reported", r.article.slug in differing)
                 for r in item.reports]
        rows.append(_row(f"row-{item.event.id}", "event", item.event.headline, urls.event(item.event.id),
                         item.disputed, found, columns, column_of))
    for item in site.facts:
        if not item.reports:
            continue
        minority = {r.article.slug for v in item.versions[1:] for r in v.reports} if item.disputed else set()
        found = [(r.article, r.figure.anchor, r.figure.text, r.article.slug in minority) for r in item.reports]
        rows.append(_row(f"row-{item.fact.id}", "fact", item.fact.statement, urls.fact(item.fact.id),
                         item.disputed, found, columns, column_of))
    return columns, tuple(rows)


def _row(anchor, kind, title, link, disputed, found, columns, column_of) -> MatrixRow:
    first_day = min((article.published for article, *_ in found), default=None)
    cells: list[MatrixCell | None] = [None] * len(columns)
    for article, paragraph, label, differs in found:
        index = column_of.get(article.slug)
        if index is None or cells[index] is not None:
            continue
        cells[index] = MatrixCell(paragraph, article, article.published == first_day, differs, label)
    empty = MatrixCell(None, None, False, False, "")
    return MatrixRow(anchor, kind, title, link, disputed, tuple(cell or empty for cell in cells))


def key_facts(site: Site) -> tuple[FactItem, ...]:
    return tuple(item for item in site.facts if item.fact.key and item.reports)


def fact_label(item: FactItem) -> str:
    """The figure as most articles print it."""
    texts = [report.figure.text for report in item.versions[0].reports] if item.versions else []
    return max(sorted(set(texts)), key=texts.count) if texts else ""


def first_mention(item, article: Article) -> str:
    """The paragraph where an article first names a person or organisation."""
    return next(m.anchor for m in item.mentions if m.article.slug == article.slug)


@dataclass(frozen=True)
class Listing:
    """One page of a long list (of articles, or of cited works, quotes or a whole list's entries),
    with the way to the pages before and after it."""

    path: str  # output path, e.g. "tags/x/page/2/index.html"
    number: int
    count: int  # how many pages the list has
    articles: tuple  # the entries on this page
    newer: str | None  # folder of the page before, from the site root ("" is the root itself)
    older: str | None


def paginate(articles: tuple, folder: str, per_page: int) -> tuple[Listing, ...]:
    """Split a list into pages: the first at folder/, the next at folder/page/2/ and so on.

    An empty list still has its first page, which says there is nothing yet.
    """
    chunks = [articles[start:start + per_page] for start in range(0, len(articles), per_page)] or [()]
    folders = [folder] + [f"{folder}page/{number}/" for number in range(2, len(chunks) + 1)]
    return tuple(
        Listing(folders[index] + "index.html", index + 1, len(chunks), chunk,
                folders[index - 1] if index else None, folders[index + 1] if index + 1 < len(chunks) else None)
        for index, chunk in enumerate(chunks)
    )


def archive_months(articles: tuple[Article, ...]) -> tuple[ArchiveMonth, ...]:
    """Articles by month of publication, in the order given (newest first)."""
    months: dict[tuple[int, int], list[Article]] = {}
    for article in articles:
        months.setdefault((article.published.year, article.published.month), []).append(article)
    return tuple(ArchiveMonth(f"m-{year}-{month:02d}", f"{date(year, month, 1):%B} {year}", tuple(found))
                 for (year, month), found in months.items())


LIST_LIMIT = 10  # entries of one list shown on the story pages; a longer list gets a page of its own
LIST_PAGE = 100  # entries on one page of such a list; it goes on over numbered pages


@dataclass(frozen=True)
class Shortened:
    """The first entries of a list, and where the whole list is when they are not all of it."""

    shown: tuple
    total: int
    whole: str | None  # the folder of the page with every entry, from the site root


def shorten(entries: tuple, folder: str) -> Shortened:
    if len(entries) <= LIST_LIMIT:
        return Shortened(entries, len(entries), None)
    return Shortened(entries[:LIST_LIMIT], len(entries), folder)


@dataclass(frozen=True)
class VersionEntry:
    """One date an event is given, with the first reports that give it."""

    version: Version
    shown: tuple[Report, ...]
    more: int  # reports that give it and are not shown


def event_versions(site: Site) -> dict[str, tuple[VersionEntry, ...]]:
    """Each disputed event's versions (by event id), each with at most LIST_LIMIT of its reports."""
    return {item.event.id: tuple(VersionEntry(version, version.reports[:LIST_LIMIT],
                                              max(0, len(version.reports) - LIST_LIMIT))
                                 for version in item.versions)
            for item in site.timeline.events}


def event_carriers(site: Site) -> dict[str, Shortened]:
    """Each event's reporting articles (by event id), shortened for the timeline page."""
    return {item.event.id: shorten(reports_by_article(item), urls.event_reports(item.event.id))
            for item in site.timeline.events}


def quote_carriers(site: Site) -> dict[str, Shortened]:
    return {group.id: shorten(group.uses, urls.quote_carriers(group.id)) for group in site.quote_groups}


def source_citers(site: Site) -> dict[str, Shortened]:
    return {source.id: shorten(source.uses, urls.source_citers(source.id)) for source in site.sources}
