"""What the site shows of an article's original, for the pages and the feeds alike: when it was
published (with its time of day only where the source gives one), when it was updated, and, where
the site or the article asks for excerpts (`full_text: false`), the excerpt that stands in for the
body: the article's quotes and figures, each with its context, and the link to the original."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime

from mythos_site.records import Article, Figure, Quote, SiteConfig


def long_date(moment: datetime) -> str:
    return f"{moment:%B} {moment.day}, {moment.year}"


def clock(moment: datetime) -> str:
    """"14:05 EDT", "09:30 UTC+10:00": the time as the article gives it, with its zone."""
    zone = moment.tzname() or ""
    return f"{moment:%H:%M} {zone}".strip()


def published_label(article: Article) -> str:
    """"March 28, 2026" when the source gives no time of day; "March 28, 2026, 14:05 EDT" when it does."""
    day = long_date(article.published)
    return f"{day}, {clock(article.published)}" if article.timed else day


def published_iso(article: Article) -> str:
    """The date alone when no time is known ("2026-03-28"), else the moment with its offset: a page
    never states a midnight the source did not."""
    return article.published.isoformat() if article.timed else article.published.date().isoformat()


def modified(article: Article) -> datetime:
    """When the article last changed: its update, or its publication."""
    return article.updated or article.published


@dataclass(frozen=True)
class Passage:
    """One paragraph of the article as its excerpt shows it: the quotes and figures found there."""

    anchor: str
    quotes: tuple[Quote, ...]
    figures: tuple[Figure, ...]


def excerpt(article: Article) -> tuple[Passage, ...]:
    """The article's quotes and figures, paragraph by paragraph in the order of the text."""
    order: dict[str, tuple[list[Quote], list[Figure]]] = {}
    for quote in article.quotes:
        order.setdefault(quote.anchor, ([], []))[0].append(quote)
    for figure in article.figures:
        order.setdefault(figure.anchor, ([], []))[1].append(figure)

    def place(anchor: str):
        number = anchor.rpartition("-")[2]
        return (int(number) if number.isdigit() else 0, anchor)

    return tuple(Passage(anchor, tuple(quotes), tuple(figures))
                 for anchor, (quotes, figures) in sorted(order.items(), key=lambda item: place(item[0])))


def original_label(article: Article) -> str:
    """"Read the original at Example News", or "Read the original" where the outlet is unknown."""
    return f"Read the original at {article.outlet}" if article.outlet else "Read the original"


def feed_html(article: Article, config: SiteConfig, full_html: str) -> str:
    """What a feed item carries: the link to the original first, then the body with its notes
    (full_html), or the excerpt where the article is shown as one."""
    lead = (f'<p><a href="{html.escape(article.url)}">{html.escape(original_label(article))}</a></p>'
            if article.url else "")
    if article.shows_full_text(config):
        return lead + full_html
    return lead + excerpt_html(article)


def excerpt_html(article: Article) -> str:
    """The excerpt as plain HTML, for the feeds."""
    parts = [f"<p>{html.escape(article.summary)}</p>"] if article.summary else []
    items = []
    for passage in excerpt(article):
        for quote in passage.quotes:
            speaker = f" ({html.escape(quote.speaker.name)})" if quote.speaker else ""
            items.append(f"<li>“{html.escape(quote.text.rstrip(',;: '))}”{speaker}</li>")
        for figure in passage.figures:
            items.append(f"<li><strong>{html.escape(figure.text)}</strong>: {html.escape(figure.sentence)}</li>")
    if items:
        parts.append(f"<ul>{''.join(items)}</ul>")
    return "".join(parts)
