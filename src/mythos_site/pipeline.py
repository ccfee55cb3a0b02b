"""The build pipeline: load -> extract quotes and citations -> assemble the site -> render -> write."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from mythos_site.config import load_config
from mythos_site.data import render_data
from mythos_site.errors import Problem
from mythos_site.events import load_calendar
from mythos_site.extract import extract_all
from mythos_site.feeds import render_feeds
from mythos_site.loader import load_articles
from mythos_site.records import Site
from mythos_site.render import render_pages
from mythos_site.site import assemble_site
from mythos_site.writer import write_site


@dataclass(frozen=True)
class Rendered:
    site: Site
    files: dict[str, bytes]
    warnings: tuple[Problem, ...]


@dataclass(frozen=True)
class BuildReport:
    articles: int
    files: int
    bytes: int
    seconds: float
    warnings: tuple[Problem, ...]

    def summary(self) -> str:
        return (f"built {self.articles} articles into {self.files} files "
                f"({self.bytes / 1024:.0f} KiB) in {self.seconds:.2f} s")


def render_site(content_dir: Path, templates_dir: Path, base_url: str | None = None,
                drafts: bool = False) -> Rendered:
    """Everything the site holds, in memory; raises ContentError before anything is written."""
    config = load_config(content_dir, base_url)
    loaded = load_articles(content_dir, config, include_drafts=drafts)
    calendar = load_calendar(content_dir)
    site = assemble_site(config, extract_all(loaded.articles), calendar)
    files = render_pages(site, templates_dir)
    files.update(render_feeds(site))
    files.update(render_data(site))
    return Rendered(site, files, loaded.warnings)


def build(content_dir: Path, templates_dir: Path, out_dir: Path, base_url: str | None = None,
          drafts: bool = False) -> BuildReport:
    started = time.perf_counter()
    rendered = render_site(content_dir, templates_dir, base_url, drafts)
    write_site(rendered.files, out_dir, protected=(content_dir, templates_dir))
    return BuildReport(
        articles=len(rendered.site.articles),
        files=len(rendered.files),
        bytes=sum(len(data) for data in rendered.files.values()),
        seconds=time.perf_counter() - started,
        warnings=rendered.warnings,
    )
