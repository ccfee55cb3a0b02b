"""Collect the articles: read every file; parse, extract and match the ones that changed; reuse the rest."""

from __future__ import annotations

import multiprocessing
import os
import pickle
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from mythos_site.build.cache import ArticleCache, content_digest
from mythos_site.build.workers import die_with_parent
from mythos_site.errors import ContentError, Problem
from mythos_site.extract.article import extract
from mythos_site.content.loader import duplicate_slugs, parse_article
from mythos_site.content.sources import ARTICLES_DIR, article_files, read_article_bytes, unfollowed_links
from mythos_site.extract.matching import NOTHING_CURATED, Curated, match, slim
from mythos_site.records import Article, SiteConfig


@dataclass(frozen=True)
class Collected:
    articles: tuple[Article, ...]  # every valid article, drafts and scheduled ones included
    warnings: tuple[Problem, ...]
    problems: tuple[Problem, ...]
    parsed: int  # how many were parsed afresh rather than taken from the cache
    files: tuple[tuple[str, str], ...] = ()  # (path relative to the content folder, key) of each article read

    def raise_problems(self) -> Collected:
        if self.problems:
            raise ContentError(self.problems)
        return self


PARALLEL_FROM = 64  # below this many articles to parse, starting worker processes costs more than it saves


@dataclass(frozen=True)
class _Setting:
    """How an article is finished after parsing; the same for every article of a build."""

    curated: Curated
    pack: bool  # also return the whole record pickled, for the cache
    keep_text: bool  # keep the paragraphs and sentences (the check command reads them)


_setting = _Setting(NOTHING_CURATED, False, False)  # what forked workers finish articles with


def collect_articles(content_dir: Path, config: SiteConfig, cache: Caches | None = None,
                     progress: Callable[[int, int], None] | None = None, curated: Curated = NOTHING_CURATED,
                     keep_text: bool = False) -> Collected:
    """Every article, extracted and matched against the curated lists.

    The cache keeps each article twice: whole, by its file's digest, and matched and slimmed, by
    that digest and the curated lists'. An unchanged article comes from the second; after an edit
    to the curated lists, from the first, matched again without parsing; otherwise it is parsed
    (on every core).
    """
    global _setting
    _setting = _Setting(curated, cache is not None, keep_text)
    entries: dict[Path, tuple[Article, list[Problem]]] = {}
    problems: list[Problem] = []
    todo: list[tuple[Path, bytes, str]] = []
    linked: list[str] = []
    for batch in _batches(article_files(content_dir, linked), LOOKUP_BATCH):
        read = _read(batch, content_dir, config.timezone, problems)
        for (path, data, key), entry in zip(read, _cached(cache, [key for *_, key in read], curated, keep_text),
                                            strict=True):
            if entry is None:
                todo.append((path, data, key))
            else:
                entries[path] = entry
    for (path, _, key), (entry, error) in zip(todo, _parse_all(todo, config.timezone, progress), strict=True):
        if error is not None:
            problems.extend(error.problems)
            continue
        entry = Parsed.of(*entry)
        entries[path] = (entry.article, entry.warnings)
        if cache:
            cache.put(key, curated, entry)
    articles = [entries[path][0] for path in sorted(entries)]
    warnings = [*unfollowed_links(content_dir, ARTICLES_DIR, linked, "articles"),
                *(warning for path in sorted(entries) for warning in entries[path][1])]
    problems.extend(duplicate_slugs(articles))
    files = tuple((path.relative_to(content_dir).as_posix(), article.digest)
                  for path, article in zip(sorted(entries), articles))
    return Collected(tuple(articles), tuple(warnings), tuple(sorted(problems, key=lambda p: str(p.path))), len(todo),
                     files)


@dataclass
class Caches:
    """The cache's two tables of articles: whole ("entry") and matched ("matched")."""

    whole: ArticleCache
    matched: ArticleCache

    @classmethod
    def open(cls, folder: Path) -> Caches:
        whole = ArticleCache(folder)
        return cls(whole, whole.beside("matched"))

    def close(self, prune: bool = True) -> None:
        self.matched.close(prune)
        self.whole.close(prune)

    def put(self, key: str, curated: Curated, parsed: Parsed) -> None:
        self.whole.put_packed(key, parsed.whole)
        self.matched.put_packed(key + curated.key, parsed.finished)


LOOKUP_BATCH = 500  # files read, and looked up in the cache, at a time


def _batches(items, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _read(paths: list[Path], content_dir: Path, zone: str, problems: list[Problem]) -> list[tuple[Path, bytes, str]]:
    """Each file's bytes and its key in the cache; a file that cannot be read is a problem."""
    read = []
    for path in paths:
        try:
            data = read_article_bytes(path, content_dir)
        except ContentError as error:
            problems.extend(error.problems)
            continue
        read.append((path, data, content_digest(path.relative_to(content_dir).as_posix(), data, zone)))
    return read


def _cached(cache: Caches | None, keys: list[str], curated: Curated, keep_text: bool) -> list:
    """Each article's entry from the cache, matched (and slimmed unless keep_text); None for one to parse."""
    if cache is None:
        return [None] * len(keys)
    found = cache.matched.get_many([key + curated.key for key in keys]) if not keep_text else {}
    entries = []
    for key in keys:
        entry = found.get(key + curated.key)
        if entry is not None:
            cache.whole.keep(key)  # still wanted: the next edit to the curated lists matches from it
        else:
            entry = _rematched(cache, key, curated, keep_text)
        entries.append(entry)
    return entries


def _rematched(cache: Caches, key: str, curated: Curated, keep_text: bool):
    """The whole entry from the cache, matched again; None if there is none."""
    whole = cache.whole.get(key)
    if whole is None:
        return None
    entry = _finish(whole, curated, keep_text)
    if not keep_text:
        cache.matched.put(key + curated.key, entry)
    return entry


def _finish(entry: tuple[Article, list[Problem]], curated: Curated, keep_text: bool):
    article = match(entry[0], curated)
    return (article if keep_text else slim(article)), entry[1]


def _parse_all(todo, zone: str, progress) -> Iterator:
    """Each result as it comes, in the order of todo: held one at a time, since a whole record is big."""
    jobs = [(path, data, zone, key) for path, data, key in todo]
    if len(jobs) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        yield from _counted(map(_parse_one, jobs), len(jobs), progress)
        return
    with ProcessPoolExecutor(os.cpu_count(), mp_context=multiprocessing.get_context("fork"),
                             initializer=die_with_parent) as pool:
        yield from _counted(pool.map(_parse_one, jobs, chunksize=16), len(jobs), progress)


def _counted(results, total: int, progress) -> Iterator:
    for number, result in enumerate(results, 1):
        yield result
        if progress:
            progress(number, total)


@dataclass(frozen=True)
class Parsed:
    """An article parsed, extracted, matched and slimmed, with its warnings; and as the cache keeps it."""

    article: Article
    warnings: list[Problem]
    whole: bytes | None  # the whole entry pickled (when there is a cache to keep it)
    finished: bytes  # the entry pickled as `article` and `warnings` are: matched, slimmed unless keep_text

    @classmethod
    def of(cls, whole: bytes | None, finished: bytes) -> Parsed:
        return cls(*pickle.loads(finished), whole, finished)


def parse_changed(files: list[tuple[Path, bytes, str]], zone: str, curated: Curated) -> list[Parsed] | None:
    """A few changed files (path, bytes, key) parsed here, for the cache; None if one has a problem."""
    global _setting
    _setting = _Setting(curated, True, False)
    parsed = []
    for path, data, key in files:
        entry, error = _parse_one((path, data, zone, key))
        if error is not None:
            return None
        parsed.append(Parsed.of(*entry))
    return parsed


def _parse_one(job: tuple[Path, bytes, str, str]):
    """Parse, extract and match one article: ((the whole entry pickled or None, the finished entry
    pickled), None), or (None, the problem). Pickled here, on the worker's core, since the cache
    stores them so; and a problem must cross processes as a value."""
    path, data, zone, key = job
    try:
        article, warnings = parse_article(path, data, ZoneInfo(zone))
        whole = (replace(extract(article), digest=key), warnings)
    except ContentError as error:
        return None, error
    packed = pickle.dumps(whole, protocol=5) if _setting.pack else None
    finished = _finish(whole, _setting.curated, _setting.keep_text)
    return (packed, pickle.dumps(finished, protocol=5)), None


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
