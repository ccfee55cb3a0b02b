"""Build the timeline: file every sentence that reports a curated event, and find where dates disagree.

Which sentence reports which event is found per article, when it is matched (see matching.py).
"""

from __future__ import annotations

from collections import defaultdict

from mythos_site.assemble.events import Said, find_events
from mythos_site.extract.matching import PRECISION_ORDER, event_order
from mythos_site.records import Article, Line
from mythos_site.site_records import Calendar, Event, Report, Statement, Timeline, TimelineEvent, Version


def build_timeline(articles: tuple[Article, ...], calendar: Calendar) -> Timeline:
    """The timeline, from articles matched against this calendar's events, and the events found by
    rule among the dated statements no curated event claimed (see events.py)."""
    events = sorted(calendar.events, key=event_order)
    reports, differing, said = _filed(articles)
    claimed = {(r.article.slug, r.anchor, r.sentence) for found in reports.values() for r in found}
    found, left, lookup = find_events(articles, said, claimed)
    built = [_timeline_event(event, reports[event.id], differing[event.id], calendar) for event in events]
    built += [TimelineEvent(item.event, _phase(item.event, calendar), item.reports, item.versions) for item in found]
    built.sort(key=lambda item: event_order(item.event))
    statements = [Statement(s.article, s.mention) for s in left]
    statements.sort(key=lambda s: (s.mention.start, PRECISION_ORDER[s.mention.precision], s.article.published,
                                   s.article.slug, s.mention.anchor, s.mention.position))
    return Timeline(tuple(built), tuple(statements), calendar.story_start, calendar.story_end, lookup)


def statements_of(articles: tuple[Article, ...], calendar: Calendar) -> tuple[list[Said], set[tuple[str, str, str]]]:
    """The dated statements no curated event claimed, and the places of the sentences curated events claimed."""
    reports, _, said = _filed(articles)
    return said, {(r.article.slug, r.anchor, r.sentence) for found in reports.values() for r in found}


def claimed_in(article: Article) -> set[tuple[str, str]]:
    """(anchor, sentence) of the article's sentences that report a curated event."""
    return {(found.anchor, found.sentence) for found in article.events if found.kind != "states"}


def _filed(articles: tuple[Article, ...]):
    reports: dict[str, list[Report]] = defaultdict(list)
    differing: dict[str, list[Report]] = defaultdict(list)
    said: list[Said] = []
    for article in sorted(articles, key=lambda a: (a.published, a.slug)):
        _file(article, reports, differing, said)
    return reports, differing, said


def _file(article: Article, reports, differing, said: list[Said]) -> None:
    line_of = {number: line for line in article.lines if line.anchor for number in line.mentions}
    for found in article.events:
        mention = article.mentions[found.mention] if found.mention >= 0 else None
        if found.kind == "states":
            line = line_of.get(found.mention) or Line(mention.anchor, ())
            said.append(Said(article, line, mention, found.mention))
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
