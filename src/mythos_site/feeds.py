"""Render feeds: RSS 2.0 at /feed.xml and Atom at /atom.xml, written by feedgen."""

from __future__ import annotations

import html
import re
from datetime import datetime, timezone
from urllib.parse import urljoin

from feedgen.feed import FeedGenerator

from mythos_site import __version__
from mythos_site.loader import FORBIDDEN_CHARS
from mythos_site.records import Article, Site

RSS_PATH, ATOM_PATH = "feed.xml", "atom.xml"
URL_ATTRIBUTE = re.compile(r'\b(href|src)="([^"]*)"')
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)  # an empty site still builds the same bytes twice


def render_feeds(site: Site) -> dict[str, bytes]:
    return {
        RSS_PATH: _generator(site, RSS_PATH, rss=True).rss_str(pretty=True),
        ATOM_PATH: _generator(site, ATOM_PATH, rss=False).atom_str(pretty=True),
    }



def absolute_links(body_html: str, page_url: str) -> str:
    """Resolve every link and image address in rendered HTML against the page's own URL."""
    def resolve(match: re.Match) -> str:
        url = urljoin(page_url, html.unescape(match.group(2)))
        return f'{match.group(1)}="{html.escape(url, quote=True)}"'
    return URL_ATTRIBUTE.sub(resolve, body_html)


def xml_safe(text: str) -> str:
    return FORBIDDEN_CHARS.sub("", text)


def _generator(site: Site, self_path: str, rss: bool) -> FeedGenerator:
    config = site.config
    feed = FeedGenerator()
    feed.load_extension("dc")
    feed.id(config.base_url)
    plain = _as_rss_text if rss else (lambda text: text)
    feed.title(xml_safe(plain(config.title)))
    feed.subtitle(xml_safe(plain(config.description or config.title)))
    feed.link(href=config.base_url + self_path, rel="self")
    feed.link(href=config.base_url, rel="alternate")  # feedgen takes the last link as RSS <link>
    feed.language(config.language)
    feed.author({"name": xml_safe(config.title)})
    feed.generator("mythos-site", version=__version__)
    items = site.articles[: config.feed_items]
    newest = max((article.published for article in items), default=EPOCH)
    feed.lastBuildDate(newest)
    feed.updated(newest)
    for article in items:
        _add_entry(feed, site, article, rss)
    return feed


def _as_rss_text(text: str) -> str:
    """Some RSS readers show titles and descriptions as HTML, so the characters of markup are escaped;
    an ampersand stays, since readers that show plain text would print its entity."""
    return text.replace("<", "&lt;").replace(">", "&gt;")



def _add_entry(feed: FeedGenerator, site: Site, article: Article, rss: bool) -> None:
    plain = _as_rss_text if rss else (lambda text: text)  # Atom's text elements are text by definition
    url = site.article_url(article)
    entry = feed.add_entry(order="append")
    entry.id(url)
    entry.guid(url, permalink=True)
    entry.title(xml_safe(plain(article.title)))
    entry.link(href=url, rel="alternate")
    entry.published(article.published)
    entry.updated(article.published)
    entry.description(xml_safe(plain(article.summary or article.title)))
    entry.content(xml_safe(absolute_links(_full_text(article), url)), type="html")
    credit = article.authors or ((article.outlet,) if article.outlet else ())
    for name in credit:
        entry.author({"name": xml_safe(name)})
        entry.dc.dc_creator(xml_safe(plain(name)))
    if article.outlet:
        entry.dc.dc_publisher(xml_safe(plain(article.outlet)))
    for tag in article.tags:
        entry.category(term=xml_safe(plain(tag.name)), label=xml_safe(plain(tag.name)))


def _full_text(article: Article) -> str:
    """The body with its footnotes, so a feed reader shows what the page shows."""
    if not article.footnotes:
        return article.body
    notes = "".join(
        f'<li id="{note.anchor}"><strong>{html.escape(note.marker)}</strong> {note.html}</li>'
        for note in article.footnotes
    )
    return f'{article.body}<hr><h2>Notes</h2><ol>{notes}</ol>'
