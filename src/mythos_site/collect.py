"""Collect the articles: read every file, parse and extract the ones that changed, reuse the rest."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from mythos_site.cache import ArticleCache
from mythos_site.errors import ContentError, Problem
from mythos_site.extract import extract
from mythos_site.loader import article_files, duplicate_slugs, parse_article, read_article_bytes
from mythos_site.records import Article, SiteConfig


@dataclass(frozen=True)
class Collected:
    articles: tuple[Article, ...]  # every valid article, drafts and scheduled ones included
    warnings: tuple[Problem, ...]
    problems: tuple[Problem, ...]
    parsed: int  # how many were parsed afresh rather than taken from the cache

    def raise_problems(self) -> Collected:
        if self.problems:
            raise ContentError(self.problems)
        return self


def collect_articles(content_dir: Path, config: SiteConfig, cache: ArticleCache | None = None) -> Collected:
    zone = ZoneInfo(config.timezone)
    articles: list[Article] = []
    warnings: list[Problem] = []
    problems: list[Problem] = []
    parsed = 0
    for path in article_files(content_dir):
        try:
            data = read_article_bytes(path, content_dir)
            key = cache.key(path.relative_to(content_dir).as_posix(), data, config.timezone) if cache else ""
            entry = cache.get(key) if cache else None
            if entry is None:
                article, notes = parse_article(path, data, zone)
                entry = (extract(article), notes)
                parsed += 1
                if cache:
                    cache.put(key, entry)
        except ContentError as error:
            problems.extend(error.problems)
            continue
        articles.append(entry[0])
        warnings.extend(entry[1])
    problems.extend(duplicate_slugs(articles))
    return Collected(tuple(articles), tuple(warnings), tuple(problems), parsed)


@dataclass(frozen=True)
class Selection:
    published: tuple[Article, ...]
    drafts: tuple[Article, ...]
    scheduled: tuple[Article, ...]  # dated after the build


def select_published(articles: tuple[Article, ...], now: datetime, drafts: bool = False,
                     future: bool = False) -> Selection:
    """Drafts stay out unless asked for; so do articles dated after now, until their day comes."""
    held_drafts = tuple(a for a in articles if a.draft)
    scheduled = tuple(a for a in articles if a.published > now and not a.draft)
    kept = tuple(a for a in articles if (drafts or not a.draft) and (future or a.published <= now or a.draft))
    return Selection(kept, held_drafts, scheduled)
