"""Render feeds: RSS 2.0 at /feed.xml and Atom at /atom.xml (written by feedgen) and JSON Feed 1.1 at
/feed.json, with the articles' full text (or their excerpts, where the site or the article says
`full_text: false`); for each tag, an RSS feed and a JSON Feed of headlines and summaries and an
Atom feed with the full text; and /feeds.opml, the list of them all for a feed reader to import.

Every item's id is the article's address on the site, which never changes; every address is
absolute. The original is linked in every item (at the head of the content, in RSS's and Atom's
<source> with the outlet's name, and as JSON Feed's external_url); its outlet is named where a
format has a place for it (<source> and Dublin Core's publisher), never as the author: an item's
authors are the people the source names, or none."""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from xml.sax.saxutils import quoteattr

from feedgen.feed import FeedGenerator

from mythos_site import urls
from mythos_site import __version__
from mythos_site.content.frontmatter import UNWRITABLE
from mythos_site.output.metadata import as_uri
from mythos_site.output.originals import feed_html, modified
from mythos_site.records import Article, Tag
from mythos_site.site_records import Site, TagPage
from mythos_site.content.sanitize import for_feed

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)  # an empty site still builds the same bytes twice


def render_feeds(site: Site) -> dict[str, bytes]:
    """The site's own feeds, each with the newest feed_items articles in full."""
    return {
        urls.RSS: _generator(site, urls.RSS, rss=True).rss_str(pretty=True),
        urls.ATOM: _generator(site, urls.ATOM, rss=False).atom_str(pretty=True),
        urls.JSON_FEED: _json_feed(site, urls.JSON_FEED),
    }


def render_tag_feeds(site: Site) -> Iterator[tuple[str, bytes]]:
    """(path, bytes) of each tag's feeds: RSS and JSON Feed with its newest articles' headlines and
    summaries, and Atom with their full text (see full_text_tag_feeds)."""
    for tag_page in site.tags:
        topic = _topic(site, tag_page)
        path = urls.tag_feed(tag_page.tag.slug)
        yield path, _generator(site, path, rss=True, topic=topic).rss_str(pretty=True)
        yield urls.tag_json_feed(tag_page.tag.slug), _json_feed(site, urls.tag_json_feed(tag_page.tag.slug), topic)
    yield from full_text_tag_feeds(site)


def full_text_tag_feeds(site: Site) -> Iterator[tuple[str, bytes]]:
    """Each tag's Atom feed, its newest articles in full: the tag feeds an article's body shows in.
    A correction patched into the site (patch.py) makes these again with the site's feeds, from the
    articles of feed_articles()."""
    for tag_page in site.tags or tag_pages(site.articles):
        path = urls.tag_atom(tag_page.tag.slug)
        yield path, _generator(site, path, rss=False, topic=_topic(site, tag_page, full=True)).atom_str(pretty=True)


def feed_articles(site: Site) -> tuple[Article, ...]:
    """Every article some feed carries in full, newest first: the site's newest feed_items and each
    tag's. A site of just these makes the same full-text feeds as the whole site."""
    count = site.config.feed_items
    carried = {article.slug: article for article in site.articles[:count]}
    for tag_page in site.tags:
        carried.update((article.slug, article) for article in tag_page.articles[:count])
    return tuple(article for article in site.articles if article.slug in carried)


def tag_pages(articles: Iterable[Article]) -> tuple[TagPage, ...]:
    """Each tag with its articles, in the order given (newest first)."""
    names: dict[str, Tag] = {}
    by_slug: dict[str, list[Article]] = {}
    for article in articles:
        for tag in article.tags:
            names.setdefault(tag.slug, tag)
            by_slug.setdefault(tag.slug, []).append(article)
    return tuple(TagPage(names[slug], tuple(found)) for slug, found in sorted(by_slug.items()))


def render_feed_list(site: Site) -> dict[str, bytes]:
    """/feeds.opml: every feed of the site, for a feed reader to import at once."""
    config = site.config
    lines = [f'    <outline type="rss" text={quoteattr(xml_safe(title))} title={quoteattr(xml_safe(title))} '
             f'xmlUrl={quoteattr(as_uri(config.base_url + path))} htmlUrl={quoteattr(as_uri(config.base_url + home))}/>'
             for title, path, home in _feed_list(site)]
    opml = ('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n  <head>\n'
            f'    <title>{html.escape(xml_safe(config.title), quote=False)}: feeds</title>\n'
            f'    <dateCreated>{_newest(site.articles).strftime("%a, %d %b %Y %H:%M:%S %z")}</dateCreated>\n'
            '  </head>\n  <body>\n' + "\n".join(lines) + "\n  </body>\n</opml>\n")
    return {urls.OPML: opml.encode("utf-8")}


def _feed_list(site: Site) -> Iterator[tuple[str, str, str]]:
    """(title, path, page it follows) of every feed."""
    title = site.config.title
    yield f"{title} (RSS)", urls.RSS, ""
    yield f"{title} (Atom)", urls.ATOM, ""
    yield f"{title} (JSON Feed)", urls.JSON_FEED, ""
    for tag_page in site.tags:
        name, slug = tag_page.tag.name, tag_page.tag.slug
        yield f"{name} · {title} (RSS)", urls.tag_feed(slug), urls.tag(slug)
        yield f"{name} · {title} (Atom)", urls.tag_atom(slug), urls.tag(slug)
        yield f"{name} · {title} (JSON Feed)", urls.tag_json_feed(slug), urls.tag(slug)


@dataclass(frozen=True)
class _Topic:
    """What a tag's feed says of itself, and its articles, newest first."""

    title: str
    description: str
    home: str
    articles: tuple[Article, ...]
    full: bool = False  # the articles' text, not only their headlines and summaries


def _topic(site: Site, tag_page: TagPage, full: bool = False) -> _Topic:
    config = site.config
    return _Topic(f"{tag_page.tag.name} · {config.title}", f"Articles tagged {tag_page.tag.name} on {config.title}.",
                  config.base_url + urls.tag(tag_page.tag.slug), tag_page.articles, full)


def _newest(articles) -> datetime:
    return max((article.published for article in articles), default=EPOCH)



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
    newest = max((modified(article) for article in items), default=EPOCH)
    feed.lastBuildDate(newest)
    feed.updated(newest)
    for article in items:
        _add_entry(feed, site, article, rss, full=topic is None or topic.full)
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
    entry.updated(modified(article))
    entry.description(xml_safe(plain(article.summary or article.title)), isSummary=True)  # Atom: <summary>
    if full:
        entry.content(xml_safe(_content(site, article, url)), type="html")
    for name in article.authors:  # RSS's own <author> is an e-mail address: its readers take Dublin Core's creator
        if rss:
            entry.dc.dc_creator(xml_safe(plain(name)))
        else:
            entry.author({"name": xml_safe(name)})
    # With no author named, an Atom entry is the feed's: the site's, which gathered it. The outlet
    # is never an author: it has the entry's <source> and Dublin Core's publisher.
    # feedgen writes an entry's links without their rel, so a rel="related" link would be a second
    # alternate: the original is the <source>'s link (and the content's first line) instead.
    if article.outlet and article.url:
        entry.source(url=as_uri(article.url), title=xml_safe(plain(article.outlet)))
    if article.outlet:
        entry.dc.dc_publisher(xml_safe(plain(article.outlet)))
    if article.tags:  # all at once: feedgen rebuilds an entry's list of categories on every call
        entry.category([{"term": name, "label": name} for name in (xml_safe(plain(tag.name)) for tag in article.tags)])


def _content(site: Site, article: Article, url: str) -> str:
    """An item's content: the link to the original, then the full text or the excerpt."""
    return absolute_links(feed_html(article, site.config, _full_text(article)), url)


def _json_feed(site: Site, self_path: str, topic: _Topic | None = None) -> bytes:
    """JSON Feed 1.1: the site's feed with the full text, or a topic's with summaries."""
    config = site.config
    feed = {
        "version": JSON_FEED_VERSION,
        "title": topic.title if topic else config.title,
        "home_page_url": as_uri(topic.home) if topic else config.base_url,
        "feed_url": as_uri(config.base_url + self_path),
        "description": topic.description if topic else config.description or config.title,
        "language": config.language,
        "authors": [{"name": config.title, "url": config.base_url}],
        "items": [_json_item(site, article, full=topic is None)
                  for article in (topic.articles if topic else site.articles)[: config.feed_items]],
    }
    text = json.dumps(feed, ensure_ascii=False, indent=1)
    return (xml_safe(text).replace("<", "\\u003c").replace(">", "\\u003e") + "\n").encode("utf-8")


def _json_item(site: Site, article: Article, full: bool) -> dict:
    url = as_uri(site.article_url(article))
    item: dict = {"id": url, "url": url}
    if article.url:
        item["external_url"] = as_uri(article.url)
    item["title"] = article.title
    if full:
        item["content_html"] = _content(site, article, url)
    else:
        item["content_text"] = article.summary or article.title
    if article.summary:
        item["summary"] = article.summary
    item["image"] = as_uri(site.config.base_url + urls.article_card(article.slug))
    item["date_published"] = article.published.isoformat()
    if article.updated:
        item["date_modified"] = article.updated.isoformat()
    if article.authors:
        item["authors"] = [{"name": name} for name in article.authors]
    if article.tags:
        item["tags"] = [tag.name for tag in article.tags]
    if article.outlet:  # JSON Feed has no field for a publisher: an extension of ours names it
        item["_original"] = {"about": as_uri(site.config.base_url + urls.DATA), "outlet": article.outlet}
    return item


def _full_text(article: Article) -> str:
    """The body with its footnotes, so a feed reader shows what the page shows."""
    if not article.footnotes:
        return article.body
    # A list of terms, not an <ol>: a reader would number the notes a second time.
    notes = "".join(f'<dt>{html.escape(note.marker)}</dt><dd>{note.html}</dd>' for note in article.footnotes)
    return f'{article.body}<hr><h2>Notes</h2><dl>{notes}</dl>'
