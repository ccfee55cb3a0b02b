"""What the story pages show (the timeline, its days and phases, and the coverage matrix),
computed from the site: templates only lay it out."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from mythos_site import urls
from mythos_site.records import Article
from mythos_site.site_records import FactItem, Report, Site, Statement, TimelineEvent, Version
from mythos_site.extract.matching import PRECISION_ORDER
from mythos_site.output.views import Shortened, shorten


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
    # The timeline page shows the first day_limit (a setting) of each; a day with more has a page of its own.
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
    timeline, limit = site.timeline, site.config.day_limit
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
        long = len(published) > limit or len(statements) > limit
        day = TimelineDay(anchor, date_label(start, end, precision), iso, tuple(parts["events"]), published,
                          statements, published[:limit], statements[:limit],
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


@dataclass(frozen=True)
class VersionEntry:
    """One date an event is given, with the first reports that give it."""

    version: Version
    shown: tuple[Report, ...]
    more: int  # reports that give it and are not shown


def event_versions(site: Site) -> dict[str, tuple[VersionEntry, ...]]:
    """Each disputed event's versions (by event id), each with at most list_limit of its reports."""
    limit = site.config.list_limit
    return {item.event.id: tuple(VersionEntry(version, version.reports[:limit], max(0, len(version.reports) - limit))
                                 for version in item.versions)
            for item in site.timeline.events}


def event_carriers(site: Site) -> dict[str, Shortened]:
    """Each event's reporting articles (by event id), shortened for the timeline page."""
    return {item.event.id: shorten(reports_by_article(item), urls.event_reports(item.event.id), site.config.list_limit)
            for item in site.timeline.events}


@dataclass(frozen=True)
class EventLink:
    id: str
    headline: str
    label: str
    disputed: bool


def event_link(item: TimelineEvent) -> EventLink:
    return EventLink(item.event.id, item.event.headline, short_label(item), item.disputed)
