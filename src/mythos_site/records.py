"""The immutable records that move forward through the pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path


@dataclass(frozen=True)
class SiteConfig:
    title: str
    base_url: str  # absolute, always ends with "/"
    language: str
    timezone: str
    description: str
    feed_items: int = 50

    @property
    def base_path(self) -> str:
        """The path part of the base URL ("/" or "/news/"), for pages served at any depth."""
        from urllib.parse import urlsplit

        return urlsplit(self.base_url).path or "/"


@dataclass(frozen=True)
class Tag:
    name: str
    slug: str


@dataclass(frozen=True)
class Block:
    """One paragraph, list item or table cell of a body, as plain text, with its anchor in the page."""

    anchor: str  # e.g. "p-3"
    text: str
    context: str = ""  # a table cell's column heading


@dataclass(frozen=True)
class Footnote:
    """A footnote of an article: its marker as written, its text, and where the body cites it."""

    marker: str
    anchor: str  # id of the footnote in the article page
    html: str
    ref_anchors: tuple[str, ...]  # ids of the places in the body that cite it
    text: str = ""  # plain text, for parsing the citation


@dataclass(frozen=True)
class Article:
    source: Path
    slug: str
    title: str
    summary: str
    published: datetime  # time-zone aware
    authors: tuple[str, ...]
    outlet: str | None
    tags: tuple[Tag, ...]
    url: str | None  # the original article, when the editors know it
    body_html: str
    word_count: int
    footnotes: tuple[Footnote, ...]
    blocks: tuple[Block, ...] = ()
    # field name -> the editors' evidence, for values the source does not state
    inferred: tuple[tuple[str, str], ...] = ()
    draft: bool = False
    slug_line: int = field(default=1, compare=False)  # where the slug is set, for error messages

    @property
    def reading_minutes(self) -> int:
        return max(1, round(self.word_count / WORDS_PER_MINUTE))

    @property
    def date_inferred(self) -> str | None:
        return self.inferred_evidence("date")

    @property
    def title_inferred(self) -> str | None:
        return self.inferred_evidence("title")

    def inferred_evidence(self, name: str) -> str | None:
        return dict(self.inferred).get(name)

    @property
    def byline(self) -> str:
        return " and ".join(self.authors)


WORDS_PER_MINUTE = 230


@dataclass(frozen=True)
class TagPage:
    tag: Tag
    articles: tuple[Article, ...]


@dataclass(frozen=True)
class Site:
    config: SiteConfig
    articles: tuple[Article, ...]  # newest first
    tags: tuple[TagPage, ...] = field(default=())
