"""Collect the articles: read every file, parse and extract the ones that changed, reuse the rest."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from mythos_site.cache import ArticleCache, content_digest
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


PARALLEL_FROM = 64  # below this many articles to parse, starting worker processes costs more than it saves


def collect_articles(content_dir: Path, config: SiteConfig, cache: ArticleCache | None = None,
                     progress: Callable[[int, int], None] | None = None) -> Collected:
    """Every article: from the cache when its file is unchanged, else parsed (on every core)."""
    entries: dict[Path, tuple[Article, list[Problem]]] = {}
    problems: list[Problem] = []
    todo: list[tuple[Path, bytes, str]] = []
    for path in article_files(content_dir):
        try:
            data = read_article_bytes(path, content_dir)
        except ContentError as error:
            problems.extend(error.problems)
            continue
        key = content_digest(path.relative_to(content_dir).as_posix(), data, config.timezone)
        entry = cache.get(key) if cache else None
        if entry is None:
            todo.append((path, data, key))
        else:
            entries[path] = entry
    for (path, _, key), (entry, error) in zip(todo, _parse_all(todo, config.timezone, progress), strict=True):
        if error is not None:
            problems.extend(error.problems)
            continue
        entry = (replace(entry[0], digest=key), entry[1])
        entries[path] = entry
        if cache:
            cache.put(key, entry)
    articles = [entries[path][0] for path in sorted(entries)]
    warnings = [warning for path in sorted(entries) for warning in entries[path][1]]
    problems.extend(duplicate_slugs(articles))
    return Collected(tuple(articles), tuple(warnings), tuple(sorted(problems, key=lambda p: str(p.path))), len(todo))


def _parse_all(todo, zone: str, progress) -> list:
    jobs = [(path, data, zone) for path, data, _ in todo]
    if len(jobs) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        return _gather(map(_parse_one, jobs), len(jobs), progress)
    with ProcessPoolExecutor(os.cpu_count(), mp_context=multiprocessing.get_context("fork")) as pool:
        return _gather(pool.map(_parse_one, jobs, chunksize=16), len(jobs), progress)


def _gather(results, total: int, progress) -> list:
    done = []
    for number, result in enumerate(results, 1):
        done.append(result)
        if progress:
            progress(number, total)
    return done


def _parse_one(job: tuple[Path, bytes, str]):
    """Parse and extract one article; a problem comes back as a value, since it must cross processes."""
    path, data, zone = job
    try:
        article, warnings = parse_article(path, data, ZoneInfo(zone))
        return (extract(article), warnings), None
    except ContentError as error:
        return None, error


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
