"""Where everything lives on the site: every page's, feed's and data file's path, in one place.

Paths are relative to the site's root ("articles/x/" for a folder, "articles/x/index.html" for
its file); a page links to one as its root plus the path, and feeds prefix the base URL. The
templates get this module as `urls`."""

from __future__ import annotations

ARTICLES = "articles/"
TAGS = "tags/"
PEOPLE = "people/"
TIMELINE = "timeline/"
QUOTES = "quotes/"
SOURCES = "sources/"
FACTS = "facts/"
COVERAGE = "coverage/"
ARCHIVE = "archive/"
SEARCH = "search/"
STATIC = "static"
MEDIA = "media/"
PAGEFIND = "pagefind/"
RSS = "feed.xml"
ATOM = "atom.xml"
JSON_FEED = "feed.json"
OPML = "feeds.opml"
CARDS = "cards/"
SITE_CARD = f"{CARDS}site.png"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
DATA = "data/"
INDEX = "index.html"


def page_file(folder: str) -> str:
    """The file a folder's address serves: "" -> "index.html", "tags/" -> "tags/index.html"."""
    return f"{folder}{INDEX}"


def article(slug: str) -> str:
    return f"{ARTICLES}{slug}/"


def article_file(slug: str) -> str:
    return page_file(article(slug))


def tag(slug: str) -> str:
    return f"{TAGS}{slug}/"


def tag_feed(slug: str) -> str:
    return f"{tag(slug)}{RSS}"


def tag_atom(slug: str) -> str:
    return f"{tag(slug)}{ATOM}"


def tag_json_feed(slug: str) -> str:
    return f"{tag(slug)}{JSON_FEED}"


def article_card(slug: str) -> str:
    """The social card (og:image) of an article."""
    return f"{CARDS}{ARTICLES}{slug}.png"


def person(entity_id: str) -> str:
    return f"{PEOPLE}{entity_id}/"


def event(event_id: str) -> str:
    """The event's place on the timeline."""
    return f"{TIMELINE}#{event_id}"


def event_reports(event_id: str) -> str:
    """The page listing every report of an event too widely reported for the timeline."""
    return f"{TIMELINE}{event_id}/"


def fact(fact_id: str) -> str:
    return f"{FACTS}#{fact_id}"


def quote_carriers(group_id: str) -> str:
    return f"{QUOTES}{group_id}/"


def source_citers(source_id: str) -> str:
    return f"{SOURCES}{source_id}/"


def data_file(name: str) -> str:
    return f"{DATA}{name}.json"
