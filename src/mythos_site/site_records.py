"""The records of the assembled site: the curated lists it starts from (events, facts, people),
and what the assemble stage makes of the whole corpus (quote groups, sources, the timeline, facts
and people with their reports, the Site itself). records.py holds the article's own records."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from mythos_site.records import Article, Citation, DateMention, Figure, Footnote, Quote, SiteConfig, Speaker, Tag, pickle_fast


@dataclass(frozen=True, slots=True)
class QuoteUse:
    article: Article
    quote: Quote


@dataclass(frozen=True, slots=True)
class QuoteGroup:
    """The same words quoted by one or more articles, in order of publication."""

    id: str  # stable anchor on the quotes page
    text: str  # the longest version
    speaker: Speaker | None  # the speaker most articles agree on
    other_speakers: tuple[Speaker, ...]  # speakers other articles name instead: a disagreement
    uses: tuple[QuoteUse, ...]

    @property
    def carried_by(self) -> int:
        return len(self.uses)


@dataclass(frozen=True, slots=True)
class CitationUse:
    article: Article
    footnote: Footnote


@dataclass(frozen=True, slots=True)
class Source:
    """One cited work, with every article that cites it."""

    id: str
    citation: Citation
    uses: tuple[CitationUse, ...]


@dataclass(frozen=True, slots=True)
class Event:
    """An event the editors curated in content/events.yaml."""

    id: str
    start: date
    end: date
    precision: str  # day | month | year | range
    headline: str
    text: str
    kind: str
    terms: tuple[str, ...]
    date_inferred: str | None = None
    found: bool = False  # found by rule (assemble/events.py), not curated


@dataclass(frozen=True, slots=True)
class Calendar:
    """content/events.yaml: the events, and the days the story proper runs."""

    events: tuple[Event, ...]
    story_start: date | None = None
    story_end: date | None = None


@dataclass(frozen=True, slots=True)
class Report:
    """One sentence of one article that reports an event; `mention` is the date it gives, if any."""

    article: Article
    sentence: str
    anchor: str
    mention: DateMention | None = None


@dataclass(frozen=True, slots=True)
class Version:
    """One date articles give for an event, with the reports that give it."""

    start: date
    end: date
    precision: str
    reports: tuple[Report, ...]


class Reported:
    """What articles report in versions that may disagree: an event's date, a fact's figure."""

    reports: tuple
    versions: tuple

    @property
    def disputed(self) -> bool:
        return len(self.versions) > 1

    @property
    def articles(self) -> tuple[Article, ...]:
        """The articles that report it, each once, in the order of the reports."""
        return tuple({report.article.slug: report.article for report in self.reports}.values())


@dataclass(frozen=True, slots=True)
class TimelineEvent(Reported):
    event: Event
    phase: str  # context | story | plans
    reports: tuple[Report, ...]
    versions: tuple[Version, ...]  # more than one: the articles disagree on the date


@dataclass(frozen=True, slots=True)
class Statement:
    """A dated sentence that matches no curated event: the article's own dated statement."""

    article: Article
    mention: DateMention


@dataclass(frozen=True, slots=True)
class Timeline:
    events: tuple[TimelineEvent, ...]  # by date, then precision
    statements: tuple[Statement, ...]
    story_start: date | None = None
    story_end: date | None = None
    lookup: object = field(default=None, compare=False)  # the found events undated sentences are filed by (attach.py)


@dataclass(frozen=True, slots=True)
class Fact:
    """A fact the editors curated in content/facts.yaml: what is measured, and how to know its figures."""

    id: str
    statement: str
    kind: str  # percent | money | count | score
    units: tuple[str, ...] = ()
    subject: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    key: bool = False


@dataclass(frozen=True, slots=True)
class FactReport:
    article: Article
    figure: Figure


@dataclass(frozen=True, slots=True)
class FactVersion:
    """Figures for a fact that agree within their hedges, with the articles that state them."""

    reports: tuple[FactReport, ...]


@dataclass(frozen=True, slots=True)
class FactItem(Reported):
    fact: Fact
    reports: tuple[FactReport, ...]  # in order of publication
    versions: tuple[FactVersion, ...]  # more than one: the articles disagree


@dataclass(frozen=True, slots=True)
class Entity:
    """A person or organisation of the story, from content/entities.yaml."""

    id: str
    name: str
    kind: str  # person | organisation
    role: str
    aliases: tuple[str, ...] = ()
    found: bool = False  # found by rule (assemble/people.py), not curated
    hidden: bool = False  # an editor's override: the one the rules found under this id (or name) is not shown

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class EntityMention:
    article: Article
    anchor: str
    name: str  # the name the article used


@dataclass(frozen=True, slots=True)
class EntityItem:
    entity: Entity
    mentions: tuple[EntityMention, ...]
    quote_groups: tuple[QuoteGroup, ...]
    events: tuple[TimelineEvent, ...]

    @property
    def articles(self) -> tuple[Article, ...]:
        return tuple({m.article.slug: m.article for m in self.mentions}.values())


@dataclass(frozen=True, slots=True)
class TagPage:
    tag: Tag
    articles: tuple[Article, ...]


@dataclass(frozen=True, slots=True)
class Site:
    config: SiteConfig
    articles: tuple[Article, ...]  # newest first
    tags: tuple[TagPage, ...] = field(default=())
    quote_groups: tuple[QuoteGroup, ...] = ()  # most carried first
    sources: tuple[Source, ...] = ()  # most cited first
    timeline: Timeline = Timeline((), ())
    facts: tuple[FactItem, ...] = ()
    entities: tuple[EntityItem, ...] = ()
    # the folded names a plain mention counts for (assemble/people.py), kept for a patch
    found_names: frozenset[str] = field(default=frozenset(), compare=False)

    def article_url(self, article: Article) -> str:
        return self.config.article_url(article)


pickle_fast(dict(globals()), __name__)
