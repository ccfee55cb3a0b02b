"""`mythos-site new "Title"`: a new article file with its front matter filled in."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from mythos_site.content.frontmatter import UNWRITABLE
from mythos_site.content.sources import ARTICLES_DIR
from mythos_site.content.slugs import is_plain, slugify

TEMPLATE = """---
title: {title}
date: {today}
author:
outlet:
tags: []
summary: ""
# url: https://the original article's address
# Remove the next line when the article is ready to publish.
draft: true
---
Write the article here, keeping the source's wording. Cite a source with a footnote.[^1]

[^1]: Publisher, "Title of the cited work," Month Day, Year.
"""


class ArticleExists(Exception):
    """There is already an article at the path."""


def new_article(content_dir: Path, title: str, today: date) -> Path:
    title = " ".join(UNWRITABLE.sub(" ", title).split())  # what the build would refuse, or a name's odd byte
    slug = slugify(title)
    if not is_plain(slug):
        raise ValueError(f"the title '{title}' gives no usable file name; use a title with letters or digits")
    path = content_dir / ARTICLES_DIR / f"{slug}.md"
    if path.exists():
        raise ArticleExists(f"{path} already exists; choose another title or edit that file")
    path.parent.mkdir(parents=True, exist_ok=True)
    # JSON strings are valid YAML, so any title is written safely quoted.
    text = TEMPLATE.format(title=json.dumps(title, ensure_ascii=False), today=today.isoformat())
    with path.open("x", encoding="utf-8") as handle:
        handle.write(text)
    return path
