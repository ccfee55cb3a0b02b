"""Render feeds: RSS 2.0 at /feed.xml and Atom at /atom.xml, written by feedgen."""

from __future__ import annotations

import html
from datetime import datetime, timezone

from feedgen.feed import FeedGenerator

from mythos_site import __version__
from mythos_site.frontmatter import UNWRITABLE
from mythos_site.metadata import as_uri
from mythos_site.records import UNKNOWN_OUTLET, Article, Site
from mythos_site.sanitize import for_feed

RSS_PATH, ATOM_PATH = "feed.xml", "atom.xml"
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)  # an empty site still builds the same bytes twice


def render_feeds(site: Site) -> dict[str, bytes]:
    return {
        RSS_PATH: _generator(site, RSS_PATH, rss=True).rss_str(pretty=True),
        ATOM_PATH: _generator(site, ATOM_PATH, rss=False).atom_str(pretty=True),
    }



def absolute_links(body_html: str, page_url: str) -> str:
    """Rendered HTML made to stand alone in a feed: every link and image address resolved against
    the page's own URL, and the ids that anchor the page's own links left out."""
    return for_feed(body_html, page_url)


def xml_safe(text: str) -> str:
    return UNWRITABLE.sub("", text)


def _generator(site: Site, self_path: str, rss: bool) -> FeedGenerator:
    config = site.config
    feed = FeedGenerator()
    feed.load_extension("dc")
    feed.id(config.base_url)
    plain = _as_rss_text if rss else (lambda text: text)
    feed.title(xml_safe(plain(config.title)))
    feed.subtitle(xml_safe(plain(config.description or config.title)))
    feed.link(href=config.base_url + self_path, rel="self", type="application/rss+xml" if rss else "application/atom+xml")
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
    url = as_uri(site.article_url(article))
    entry = feed.add_entry(order="append")
    entry.id(url)
    entry.guid(url, permalink=True)
    entry.title(xml_safe(plain(article.title)))
    entry.link(href=url, rel="alternate")
    entry.published(article.published)
    entry.updated(article.published)
    entry.description(xml_safe(plain(article.summary or article.title)), isSummary=True)  # Atom: <summary>
    entry.content(xml_safe(absolute_links(_full_text(article), url)), type="html")
    credit = article.authors or ((article.outlet,) if article.outlet else ())
    for name in credit:  # RSS's own <author> is an e-mail address: its readers take Dublin Core's creator
        if rss:
            entry.dc.dc_creator(xml_safe(plain(name)))
        else:
            entry.author({"name": xml_safe(name)})
    if not credit:  # else an Atom entry takes the feed's author, the site, as its own
        entry.author({"name": UNKNOWN_OUTLET})
    if article.outlet:
        entry.dc.dc_publisher(xml_safe(plain(article.outlet)))
    for tag in article.tags:
        entry.category(term=xml_safe(plain(tag.name)), label=xml_safe(plain(tag.name)))


def _full_text(article: Article) -> str:
    """The body with its footnotes, so a feed reader shows what the page shows."""
    if not article.footnotes:
        return article.body
    # A list of terms, not an <ol>: a reader would number the notes a second time.
    notes = "".join(f'<dt>{html.escape(note.marker)}</dt><dd>{note.html}</dd>' for note in article.footnotes)
    return f'{article.body}<hr><h2>Notes</h2><dl>{notes}</dl>'
