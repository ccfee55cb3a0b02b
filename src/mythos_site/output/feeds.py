"""Render feeds, written by feedgen: RSS 2.0 at /feed.xml and Atom at /atom.xml with the articles' full
text, and an RSS feed of each tag at /tags/<tag>/feed.xml with their headlines and summaries."""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone

from feedgen.feed import FeedGenerator

from mythos_site import urls
from mythos_site import __version__
from mythos_site.content.frontmatter import UNWRITABLE
from mythos_site.output.metadata import as_uri
from mythos_site.records import UNKNOWN_OUTLET, Article
from mythos_site.site_records import Site
from mythos_site.content.sanitize import for_feed

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)  # an empty site still builds the same bytes twice


def render_feeds(site: Site) -> dict[str, bytes]:
    return {
        urls.RSS: _generator(site, urls.RSS, rss=True).rss_str(pretty=True),
        urls.ATOM: _generator(site, urls.ATOM, rss=False).atom_str(pretty=True),
    }


def render_tag_feeds(site: Site) -> Iterator[tuple[str, bytes]]:
    """(path, bytes) of each tag's RSS feed: its newest articles, headlines and summaries linking to
    them. Not the full text, which the site's own feed carries: a correction to an article's text
    then changes no tag feed, and is patched into the site as quickly as before (patch.py)."""
    for tag_page in site.tags:
        path = urls.tag_feed(tag_page.tag.slug)
        topic = _Topic(f"{tag_page.tag.name} · {site.config.title}",
                       f"Articles tagged {tag_page.tag.name} on {site.config.title}.",
                       site.config.base_url + path.removesuffix(urls.RSS), tag_page.articles)
        yield path, _generator(site, path, rss=True, topic=topic).rss_str(pretty=True)


@dataclass(frozen=True)
class _Topic:
    """What a tag's feed says of itself, and its articles, newest first."""

    title: str
    description: str
    home: str
    articles: tuple[Article, ...]



def absolute_links(body_html: str, page_url: str) -> str:
    """Rendered HTML made to stand alone in a feed: every link and image address resolved against
    the page's own URL, and the ids that anchor the page's own links left out."""
    return for_feed(body_html, page_url)


def xml_safe(text: str) -> str:
    return UNWRITABLE.sub("", text)


def _generator(site: Site, self_path: str, rss: bool, topic: _Topic | None = None) -> FeedGenerator:
    """The site's feed, or a topic's (headlines and summaries only)."""
    config = site.config
    home = as_uri(topic.home) if topic else config.base_url
    feed = FeedGenerator()
    feed.load_extension("dc")
    feed.id(home)
    plain = _as_rss_text if rss else (lambda text: text)
    feed.title(xml_safe(plain(topic.title if topic else config.title)))
    feed.subtitle(xml_safe(plain(topic.description if topic else config.description or config.title)))
    feed.link(href=as_uri(config.base_url + self_path), rel="self",
              type="application/rss+xml" if rss else "application/atom+xml")
    feed.link(href=home, rel="alternate")  # feedgen takes the last link as RSS <link>
    feed.language(config.language)
    feed.author({"name": xml_safe(config.title)})
    feed.generator("mythos-site", version=__version__)
    items = (topic.articles if topic else site.articles)[: config.feed_items]
    newest = max((article.published for article in items), default=EPOCH)
    feed.lastBuildDate(newest)
    feed.updated(newest)
    for article in items:
        _add_entry(feed, site, article, rss, full=topic is None)
    return feed


def _as_rss_text(text: str) -> str:
    """Some RSS readers show titles and descriptions as HTML, so the characters of markup are escaped;
    an ampersand stays, since readers that show plain text would print its entity."""
    return text.replace("<", "&lt;").replace(">", "&gt;")



def _add_entry(feed: FeedGenerator, site: Site, article: Article, rss: bool, full: bool = True) -> None:
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
    if full:
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
    if article.tags:  # all at once: feedgen rebuilds an entry's list of categories on every call
        entry.category([{"term": name, "label": name} for name in (xml_safe(plain(tag.name)) for tag in article.tags)])


def _full_text(article: Article) -> str:
    """The body with its footnotes, so a feed reader shows what the page shows."""
    if not article.footnotes:
        return article.body
    # A list of terms, not an <ol>: a reader would number the notes a second time.
    notes = "".join(f'<dt>{html.escape(note.marker)}</dt><dd>{note.html}</dd>' for note in article.footnotes)
    return f'{article.body}<hr><h2>Notes</h2><dl>{notes}</dl>'
