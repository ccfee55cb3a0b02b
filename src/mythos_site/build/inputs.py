"""The inputs step: everything a build reads from the content folder, loaded once and in one place.

A full build, a patch and `check` all start here. A build stops at the first file with a problem
(a ContentError naming every problem found); `check` passes a list to gather them into instead,
and goes on with what could be read. Warnings are gathered here, once, in the order an editor
reads them: the settings, then the articles, then the pictures.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from mythos_site.build.collect import Caches, Collected, collect_articles
from mythos_site.build.parallel import Cores
from mythos_site.content.config import load_config, settings_warnings
from mythos_site.content.curated import load_entities, load_facts
from mythos_site.content.dimensions import Size, broken_pictures, picture_headers, picture_sizes
from mythos_site.content.events import load_calendar
from mythos_site.content.media import media_files, media_problems
from mythos_site.errors import ContentError, Problem
from mythos_site.extract.matching import Curated
from mythos_site.records import SiteConfig
from mythos_site.site_records import Calendar, Entity, Fact

Loaded = TypeVar("Loaded")


@dataclass(frozen=True)
class Settings:
    """The small inputs: site.yaml and the three curated lists."""

    config: SiteConfig
    calendar: Calendar
    facts: tuple[Fact, ...]
    entities: tuple[Entity, ...]

    @property
    def curated(self) -> Curated:
        return Curated.of(self.calendar, tuple(entity for entity in self.entities if not entity.hidden), self.facts)


@dataclass(frozen=True)
class Inputs:
    settings: Settings
    collected: Collected
    media: tuple[str, ...]  # the files of content/media/, as "media/name.png"
    sizes: dict[str, Size]  # (width, height) of each picture whose size could be read
    warnings: tuple[Problem, ...]


def load_settings(content_dir: Path, base_url: str | None = None,
                  problems: list[Problem] | None = None) -> Settings:
    """site.yaml and the curated lists. With `problems`, a bad list is recorded there and read as
    empty (site.yaml must load: nothing else can be read without it)."""
    config = load_config(content_dir, base_url)
    calendar = _loaded(load_calendar, content_dir, Calendar(()), problems)
    facts = _loaded(load_facts, content_dir, (), problems)
    entities = _loaded(load_entities, content_dir, (), problems)
    return Settings(config, calendar, facts, entities)


def load_inputs(content_dir: Path, base_url: str | None = None, cache_dir: Path | None = None,
                cores: Cores = Cores(), progress: Callable[[int, int], None] | None = None,
                problems: list[Problem] | None = None, keep_text: bool = False) -> Inputs:
    """Settings, curated lists, articles (through the cache, when there is one) and pictures."""
    settings = load_settings(content_dir, base_url, problems)
    cache = Caches.open(cache_dir) if cache_dir else None
    try:
        collected = collect_articles(content_dir, settings.config, cache, progress, settings.curated, keep_text,
                                     cores)
    finally:
        if cache:
            cache.close()
    if problems is None:
        collected.raise_problems()
    else:
        problems.extend(collected.problems)
    media = media_files(content_dir)
    headers = picture_headers(content_dir, media)
    warnings = (settings_warnings(content_dir) + collected.warnings
                + media_problems(content_dir, media, collected.articles) + broken_pictures(content_dir, headers))
    return Inputs(settings, collected, tuple(media), picture_sizes(headers), warnings)


def _loaded(load: Callable[[Path], Loaded], content_dir: Path, empty: Loaded,
            problems: list[Problem] | None) -> Loaded:
    if problems is None:
        return load(content_dir)
    try:
        return load(content_dir)
    except ContentError as error:
        problems.extend(error.problems)
        return empty
