"""Articles written for the content tests, and loading them as a build does."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mythos_site.errors import ContentError
from mythos_site.build.collect import collect_articles, Collected, select_published
from mythos_site.records import SiteConfig

CONFIG = SiteConfig(title="Test", base_url="https://example.org/", language="en",
                    timezone="America/New_York", description="Test site")
NEW_YORK = ZoneInfo("America/New_York")

GOOD = """---
title: "Leak exposes model"
date: 2026-03-29
author: Jane Doe
outlet: Example News
tags: [Anthropic, Cybersecurity]
summary: A neutral summary.
source_url: https://news.example.com/story
---
The first paragraph cites a report.[^1]

## A section

More text cites it again.[^1]

[^1]: Fortune, "Title," March 26, 2026.
"""


def load_articles(folder: Path, config: SiteConfig, include_drafts: bool = False) -> Collected:
    collected = collect_articles(folder, config).raise_problems()
    chosen = select_published(collected.articles, datetime.now(NEW_YORK), drafts=include_drafts)
    return Collected(chosen.published, collected.warnings, (), collected.parsed)


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / "articles" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def load(folder: Path):
    return load_articles(folder, CONFIG).articles


def problems_of(folder: Path):
    with pytest.raises(ContentError) as caught:
        load(folder)
    return caught.value.problems


def parsed(front: str, body: str = "Text.\n"):
    from mythos_site.content.loader import parse_article

    return parse_article(Path("story.md"), f"---\ntitle: A\n{front}---\n{body}".encode(), NEW_YORK)
