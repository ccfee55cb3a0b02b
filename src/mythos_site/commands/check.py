"""`mythos-site check`: every problem in content and templates in one run, and nothing written."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from mythos_site.build.collect import collect_articles, select_published
from mythos_site.content.config import load_config, settings_warnings
from mythos_site.output.data import render_data
from mythos_site.errors import ContentError, Problem
from mythos_site.assemble.entities import load_entities, unlisted_names
from mythos_site.content.events import load_calendar
from mythos_site.assemble.facts import load_facts
from mythos_site.output.feeds import render_feeds
from mythos_site.extract.matching import Curated
from mythos_site.content.dimensions import broken_pictures, picture_headers
from mythos_site.content.media import media_files, media_problems
from mythos_site.records import Article, Calendar, SiteConfig
from mythos_site.output.render import render_pages
from mythos_site.assemble.site import assemble_site


@dataclass(frozen=True)
class CheckReport:
    articles: int
    problems: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    drafts: tuple[Article, ...]
    scheduled: tuple[Article, ...]
    candidates: tuple[tuple[str, int], ...] = ()  # names in several articles that no entities entry lists


def check_site(content_dir: Path, templates_dir: Path, now: datetime) -> CheckReport:
    try:
        config = load_config(content_dir)
    except ContentError as error:
        return CheckReport(0, error.problems, (), (), ())
    problems: list[Problem] = []
    try:
        calendar = load_calendar(content_dir)
    except ContentError as error:
        problems.extend(error.problems)
        calendar = Calendar(())
    facts, entities = _curated(content_dir, problems)
    collected = collect_articles(content_dir, config, curated=Curated.of(calendar, entities, facts), keep_text=True)
    problems.extend(collected.problems)
    media = media_files(content_dir)
    warnings = list(settings_warnings(content_dir) + collected.warnings
                    + media_problems(content_dir, media, collected.articles)
                    + broken_pictures(content_dir, picture_headers(content_dir, media)))
    for article in collected.articles:
        warnings.extend(article_warnings(article, config, {a.slug for a in collected.articles}, now))
    problems.extend(_template_problems(config, collected.articles, calendar, facts, entities, templates_dir))
    selection = select_published(collected.articles, now)
    return CheckReport(len(collected.articles), tuple(sorted(problems, key=_place)),
                       tuple(sorted(warnings, key=_place)), selection.drafts, selection.scheduled,
                       tuple(unlisted_names(collected.articles, entities)))


def _curated(content_dir: Path, problems: list[Problem]):
    found = []
    for load in (load_facts, load_entities):
        try:
            found.append(load(content_dir))
        except ContentError as error:
            problems.extend(error.problems)
            found.append(())
    return found


def article_warnings(article: Article, config: SiteConfig, slugs: set[str], now: datetime) -> list[Problem]:
    """What does not stop a build but an editor would want to fix."""
    found = []
    if not article.summary:
        found.append(Problem(article.source, article.line_of("title", 2), "the article has no summary",
                             "add 'summary: one neutral sentence on what the article covers'", warning=True))
    if article.published > now and not article.draft:
        found.append(Problem(article.source, article.line_of("date", 2),
                             f"the article is dated {article.published:%Y-%m-%d}, in the future: it stays out of "
                             "the site until then", "check the date, or build with --future to show it now",
                             warning=True))
    base_path = urlsplit(config.base_url).path
    for href, line in article.links:
        address = urlsplit(href)
        if not (address.scheme or address.netloc) and address.path.startswith("/") \
                and not address.path.startswith(base_path):
            found.append(Problem(article.source, line, f"the link '{href}' leads out of the site, which lives under "
                                 f"{base_path}", f"write it from the site's root, {base_path}"
                                 f"{address.path.lstrip('/')}, or relative to this article", warning=True))
            continue
        target = _linked_slug(href, article, config)
        if target is not None and target not in slugs:
            found.append(Problem(article.source, line, f"the link '{href}' points to an article that does not exist",
                                 f"use the slug of an article in content/articles/ (no article is '{target}')",
                                 warning=True))
    return found


def _linked_slug(href: str, article: Article, config: SiteConfig) -> str | None:
    """The slug an internal link points to, if it points into /articles/."""
    parts = urlsplit(href)
    base = urlsplit(config.base_url)
    if parts.scheme or parts.netloc:
        if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
            return None
        path = parts.path
    elif not parts.path:
        return None
    else:
        page = f"{base.path.rstrip('/')}/articles/{article.slug}/"
        path = posixpath.normpath(posixpath.join(page, parts.path))
    prefix = f"{base.path.rstrip('/')}/articles/"
    if not path.startswith(prefix):
        return None
    return path[len(prefix):].split("/")[0] or None


def _template_problems(config, articles, calendar, facts, entities, templates_dir: Path) -> list[Problem]:
    try:
        site = assemble_site(config, articles, calendar, facts, entities)
        render_pages(site, templates_dir)
        render_feeds(site)
        dict(render_data(site))
    except ContentError as error:
        return list(error.problems)
    return []


def _place(problem: Problem):
    return (str(problem.path), problem.line)
