"""Build the timeline: file every sentence that reports a curated event, and find where dates disagree.

Which sentence reports which event is found per article, when it is matched (see matching.py).
"""

from __future__ import annotations

from collections import defaultdict

from mythos_site.extract.matching import PRECISION_ORDER, event_order
from mythos_site.records import Article
from mythos_site.site_records import Calendar, Event, Report, Statement, Timeline, TimelineEvent, Version


def build_timeline(articles: tuple[Article, ...], calendar: Calendar) -> Timeline:
    """The timeline, from articles matched against this calendar's events."""
    events = sorted(calendar.events, key=event_order)
    reports: dict[str, list[Report]] = defaultdict(list)
    differing: dict[str, list[Report]] = defaultdict(list)
    statements: list[Statement] = []
    for article in sorted(articles, key=lambda a: (a.published, a.slug)):
        _file(article, reports, differing, statements)
    built = tuple(_timeline_event(event, reports[event.id], differing[event.id], calendar) for event in events)
    statements.sort(key=lambda s: (s.mention.start, PRECISION_ORDER[s.mention.precision], s.article.published,
                                   s.article.slug, s.mention.anchor, s.mention.position))
    return Timeline(built, tuple(statements), calendar.story_start, calendar.story_end)


def _file(article: Article, reports, differing, statements) -> None:
    for found in article.events:
        mention = article.mentions[found.mention] if found.mention >= 0 else None
        if found.kind == "states":
            statements.append(Statement(article, mention))
            continue
        report = Report(article, found.sentence, found.anchor, mention)
        reports[found.event].append(report)
        if found.kind == "differs":
            differing[found.event].append(report)


def _timeline_event(event: Event, reports: list[Report], differing: list[Report], calendar: Calendar) -> TimelineEvent:
    apart = {id(report) for report in differing}  # by identity: comparing records field by field is slow
    stated = [r for r in reports if id(r) not in apart and r.mention and r.mention.precision == event.precision
              and not r.mention.relative]
    versions = [Version(event.start, event.end, event.precision, tuple(stated))]
    by_day: dict[tuple, list[Report]] = defaultdict(list)
    for report in differing:
        by_day[(report.mention.start, report.mention.end)].append(report)
    versions += [Version(start, end, "day", tuple(group)) for (start, end), group in sorted(by_day.items())]
    if len(versions) == 1:
        versions = [versions[0]] if stated else []
    return TimelineEvent(event, _phase(event, calendar), tuple(reports), tuple(versions))


def _phase(event: Event, calendar: Calendar) -> str:
    if calendar.story_start and event.end < calendar.story_start:
        return "context"
    if calendar.story_end and event.start > calendar.story_end:
        return "plans"
    return "story"
