"""Build the timeline: attach every sentence that reports a curated event, and find where dates disagree.

A sentence reports an event when it names enough of the event's terms: a phrase of several words
counts double, since it is stronger evidence than one word. A sentence whose date fits the event
needs a score of DATED; one without a date needs UNDATED and must point to that event more than to
any other. A sentence that names the event strongly (DIFFERING) but gives another explicit day is
a second version of the event's date: the event is disputed, never silently resolved.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from typing import Protocol
from dataclasses import dataclass

from mythos_site.records import (
    Article, Calendar, DateMention, Event, Report, Statement, Timeline, TimelineEvent, Version,
)
from mythos_site.text import fold

DATED, UNDATED, DIFFERING = 2, 3, 4
PRECISION_ORDER = {"day": 0, "range": 1, "month": 2, "year": 3}


@dataclass(frozen=True)
class _Term:
    event: int
    words: str
    weight: int


class Kept(Protocol):
    """Where results are kept between builds: the cache's timeline table."""

    def get(self, key: str) -> tuple | None: ...

    def put(self, key: str, value: tuple) -> None: ...


def build_timeline(articles: tuple[Article, ...], calendar: Calendar, kept: Kept | None = None) -> Timeline:
    """The timeline. `kept` holds each article's matches by its digest and the events', so a
    rebuild matches again only the articles that changed."""
    events = sorted(calendar.events, key=lambda e: (e.start, PRECISION_ORDER[e.precision], e.id))
    index = _term_index(events)
    events_key = hashlib.sha256(repr(events).encode()).hexdigest()
    reports: dict[int, list[Report]] = defaultdict(list)
    differing: dict[int, list[Report]] = defaultdict(list)
    statements: list[Statement] = []
    for article in sorted(articles, key=lambda a: (a.published, a.slug)):
        key = article.digest + events_key if kept is not None and article.digest else None
        found = kept.get(key) if key else None
        if found is None:
            found = _matches(article, events, index)
            if key:
                kept.put(key, found)
        _file(article, found, reports, differing, statements)
    built = tuple(_timeline_event(event, reports[number], differing[number], calendar)
                  for number, event in enumerate(events))
    statements.sort(key=lambda s: (s.mention.start, PRECISION_ORDER[s.mention.precision], s.article.published,
                                   s.article.slug, s.mention.anchor, s.mention.position))
    return Timeline(built, tuple(statements), calendar.story_start, calendar.story_end)


# What one article contributes, as numbers only (so it can be kept): (REPORTED or DIFFERS, event,
# sentence, mention or -1) for a sentence that reports an event, (STATES, -1, sentence, mention)
# for a dated statement that matches none. Sentences and mentions are positions in the article.
REPORTED, DIFFERS, STATES = 0, 1, 2


def _matches(article: Article, events: list[Event], index: dict[str, list[_Term]]) -> tuple:
    position = {id(mention): number for number, mention in enumerate(article.mentions)}
    found: list[tuple[int, int, int, int]] = []
    for number, (_, _, words, mentions) in enumerate(_sentences(article)):
        scores = _scores(words, index)
        matched = _attach(events, scores, mentions, number, position, found) if scores else set()
        found.extend((STATES, -1, number, position[id(m)]) for m in mentions if m not in matched)
    return tuple(found)


def _file(article: Article, found: tuple, reports, differing, statements) -> None:
    """Turn an article's matches back into reports and statements."""
    for kind, event, sentence_number, mention_number in found:
        sentence = article.sentences[sentence_number]
        mention = article.mentions[mention_number] if mention_number >= 0 else None
        if kind == STATES:
            statements.append(Statement(article, mention))
            continue
        report = Report(article, sentence.text, sentence.anchor, mention)
        reports[event].append(report)
        if kind == DIFFERS:
            differing[event].append(report)


def _term_index(events: list[Event]) -> dict[str, list[_Term]]:
    """Terms by their first word, so a sentence is checked only against terms that could match it."""
    index: dict[str, list[_Term]] = defaultdict(list)
    for number, event in enumerate(events):
        for words in dict.fromkeys(fold(term) for term in event.terms):
            if words:
                index[words.split()[0]].append(_Term(number, words, min(2, len(words.split()))))
    return index


def _sentences(article: Article):
    """Each sentence of the article with its paragraph anchor and the dates it mentions."""
    by_sentence: dict[tuple[str, str], list[DateMention]] = defaultdict(list)
    for mention in article.mentions:
        by_sentence[(mention.anchor, mention.sentence)].append(mention)
    for sentence in article.sentences:
        yield sentence.anchor, sentence.text, sentence.words, by_sentence.get((sentence.anchor, sentence.text), [])


def _scores(folded: str, index: dict[str, list[_Term]]) -> dict[int, int]:
    words = folded.split()
    starts = index.keys() & set(words)  # most sentences name no term at all: one set operation says so
    if not starts:
        return {}
    padded = f" {folded} "  # folded text is its words joined by single spaces
    found: dict[int, set[str]] = defaultdict(set)
    for word in starts:
        for term in index[word]:
            if f" {term.words} " in padded:
                found[term.event].add(term.words)
    return {event: sum(min(2, len(t.split())) for t in terms) for event, terms in found.items()}


def _attach(events, scores, mentions, sentence_number, position, found) -> set[DateMention]:
    """File the sentence under the events it reports; return the mentions that found an event."""
    matched: set[DateMention] = set()
    best = _best(scores)
    for number, score in scores.items():
        event = events[number]
        fitting = [m for m in mentions if m.start <= event.end and event.start <= m.end]
        if fitting and score >= DATED:
            found.append((REPORTED, number, sentence_number, position[id(fitting[0])]))
            matched.update(fitting)
        elif not mentions and score >= UNDATED and number == best:
            found.append((REPORTED, number, sentence_number, -1))
        elif number == best and score >= DIFFERING and event.precision == "day":
            explicit = [m for m in mentions if m.precision == "day" and not m.relative]
            if explicit:
                found.append((DIFFERS, number, sentence_number, position[id(explicit[0])]))
                matched.add(explicit[0])
    return matched


def _best(scores: dict[int, int]) -> int | None:
    """The event a sentence points to most, if one stands out."""
    if not scores:
        return None
    top = max(scores.values())
    leaders = [number for number, score in scores.items() if score == top]
    return leaders[0] if len(leaders) == 1 else None


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
