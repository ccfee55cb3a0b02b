"""`mythos-site check`: every problem in content and templates in one run, and nothing written."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from mythos_site import urls
from mythos_site.assemble.entities import unlisted_names
from mythos_site.build.collect import select_published
from mythos_site.build.options import Options
from mythos_site.build.pipeline import prepare, write_all
from mythos_site.errors import ContentError, Problem
from mythos_site.output.render import PageRenderer
from mythos_site.records import Article, SiteConfig


@dataclass(frozen=True)
class CheckReport:
    articles: int
    problems: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    drafts: tuple[Article, ...]
    scheduled: tuple[Article, ...]
    candidates: tuple[tuple[str, int], ...] = ()  # names in several articles that no entities entry lists


def check_site(content_dir: Path, templates_dir: Path, now: datetime) -> CheckReport:
    """The build's own steps, every draft and scheduled article included, gathering every problem;
    the pages are rendered (so a template's mistakes show) and thrown away."""
    problems: list[Problem] = []
    try:
        prepared = prepare(content_dir, Options(drafts=True, future=True, search=False), now, problems, keep_text=True)
    except ContentError as error:  # site.yaml cannot be read: nothing else can be
        return CheckReport(0, error.problems, (), (), ())
    articles = prepared.inputs.collected.articles
    warnings = list(prepared.warnings)
    slugs = {article.slug for article in articles}
    for article in articles:
        warnings.extend(article_warnings(article, prepared.site.config, slugs, now))
    try:
        renderer = PageRenderer(templates_dir, prepared.site.config)
        write_all(prepared, renderer, Discarded(), content_dir, Options(search=False))
    except ContentError as error:
        problems.extend(error.problems)
    selection = select_published(articles, now)
    return CheckReport(len(articles), tuple(sorted(problems, key=_place)), tuple(sorted(warnings, key=_place)),
                       selection.drafts, selection.scheduled,
                       tuple(unlisted_names(articles, tuple(entity for entity in prepared.inputs.settings.entities
                                                            if entity.name))))


class Discarded:
    """A writer that keeps nothing: check renders every file as a build would, and writes none."""

    updating = False

    def put(self, relative: str, data: bytes) -> None:
        pass


def article_warnings(article: Article, config: SiteConfig, slugs: set[str], now: datetime) -> list[Problem]:
    """What does not stop a build but an editor would want to fix."""
    found = []
    if not article.summary:
        found.append(Problem(article.source, article.line_of("title", 2), "the article has no summary",
                             "add 'summary: one neutral sentence on what the article covers'", warning=True))
    if not article.url:
        found.append(Problem(article.source, article.line_of("title", 2), "the article has no source_url, so readers "
                             "cannot go to the original", "add 'source_url: https://...', the original's address",
                             warning=True))
    if not article.outlet:
        found.append(Problem(article.source, article.line_of("title", 2), "the article names no outlet, so pages "
                             "credit it to nobody", "add 'outlet: ...', the publication it appeared in",
                             warning=True))
    for marker, line in article.missing_notes:
        found.append(Problem(article.source, line, f"footnote [^{marker}] says the source has no entry for it, so it "
                             "is left out of the page, with its marker in the text", "find the work the source cites "
                             "here and give it, or delete the marker and the note", warning=True))
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
        page = f"{base.path.rstrip('/')}/{urls.article(article.slug)}"
        path = posixpath.normpath(posixpath.join(page, parts.path))
    prefix = f"{base.path.rstrip('/')}/{urls.ARTICLES}"
    if not path.startswith(prefix):
        return None
    return path[len(prefix):].split("/")[0] or None


def _place(problem: Problem):
    return (str(problem.path), problem.line)
