"""The original first: its link, outlet and time at the top of an article, its excerpt where the
rights allow no more, JSON-LD that credits it, and nothing printed for what the source does not state."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from mythos_site.assemble.site import assemble_site
from mythos_site.output.metadata import news_article
from mythos_site.output.originals import excerpt, published_iso, published_label
from tools import render_pages
from mythos_site.records import Article, Figure, Quote, SiteConfig, Speaker, Tag

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
ZONE = ZoneInfo("America/New_York")
CONFIG = SiteConfig(title="Story", base_url="https://example.org/news/", language="en",
                    timezone="America/New_York", description="The story.")
QUOTE = Quote("We are sorry,", Speaker("Ann Lee", "person", "ann lee"), "p-3")
FIGURE = Figure("40%", 40, None, "percent", "%", "", "Shares fell 40% on Friday.", "p-2")


def article(slug="one", **changes) -> Article:
    base = Article(
        source=Path(f"{slug}.md"), slug=slug, title="A headline", summary="A summary.",
        published=datetime(2026, 3, 27, tzinfo=ZONE), authors=("Jane Doe",), outlet="Example News",
        tags=(Tag("Markets", "markets"),), url="https://news.example.com/story",
        body_html='<p id="p-1">The body text.</p>', word_count=460, footnotes=(), quotes=(QUOTE,), figures=(FIGURE,))
    return replace(base, **changes)


def pages(*articles, config=CONFIG) -> dict[str, str]:
    files = render_pages(assemble_site(config, articles), TEMPLATES)
    return {path: data.decode("utf-8") for path, data in files.items() if path.endswith(".html")}


def test_the_original_its_outlet_and_its_time_stand_at_the_top_of_the_article():
    timed = article(published=datetime(2026, 3, 27, 14, 5, tzinfo=ZONE), timed=True,
                    updated=datetime(2026, 3, 28, 9, 0, tzinfo=ZONE))
    html = pages(timed)["articles/one/index.html"]
    header = html[html.index('<header class="story-header">'):html.index("</header>", html.index("story-header"))]
    assert '<p class="original"><a href="https://news.example.com/story" rel="noopener">Read the original at ' \
           'Example News</a></p>' in header
    assert '<time datetime="2026-03-27T14:05:00-04:00">March 27, 2026, 14:05 EDT</time>' in header
    assert 'Updated <time datetime="2026-03-28T09:00:00-04:00">March 28, 2026</time>' in header
    assert '<meta property="article:modified_time" content="2026-03-28T09:00:00-04:00">' in html


def test_a_date_without_a_time_shows_the_day_only():
    one = article()
    assert published_label(one) == "March 27, 2026" and published_iso(one) == "2026-03-27"
    assert "00:00" not in pages(one)["articles/one/index.html"].split("<main")[1]


def test_nothing_is_printed_for_what_the_source_does_not_state():
    unknown = article(outlet=None, authors=(), url=None)
    site = pages(unknown, article("two", title="Another"))
    for path, html in site.items():
        assert "not stated" not in html and "Untitled source" not in html, path
    page = site["articles/one/index.html"]
    assert "Read the original" not in page and '<span class="outlet' not in page.split('class="byline"')[1][:200]


def test_excerpt_mode_shows_quotes_and_figures_and_the_link_not_the_body():
    for config, one in ((replace(CONFIG, full_text=False), article()), (CONFIG, article(full_text=False))):
        html = pages(one, config=config)["articles/one/index.html"]
        assert "The body text." not in html
        assert '<li id="p-2"><strong>40%</strong>: <span dir="auto">Shares fell 40% on Friday.</span></li>' in html
        assert '<li id="p-3"><q dir="auto">We are sorry</q> — Ann Lee</li>' in html
        assert "for the full text." in html and "A summary." in html
    assert "The body text." in pages(article())["articles/one/index.html"]
    assert "The body text." in pages(article(full_text=True), config=replace(CONFIG, full_text=False))[
        "articles/one/index.html"], "an article's own full_text: true outranks the site's"


def test_the_excerpt_keeps_the_order_of_the_text():
    assert [passage.anchor for passage in excerpt(article())] == ["p-2", "p-3"]


def test_json_ld_credits_the_original_its_outlet_and_its_authors_as_people():
    data = news_article(CONFIG, article())
    assert data["isBasedOn"] == {"@type": "NewsArticle", "url": "https://news.example.com/story",
                                 "headline": "A headline",
                                 "publisher": {"@type": "NewsMediaOrganization", "name": "Example News"}}
    assert data["sourceOrganization"] == {"@type": "NewsMediaOrganization", "name": "Example News"}
    assert data["author"] == [{"@type": "Person", "name": "Jane Doe"}]
    assert data["publisher"]["name"] == "Story" and data["datePublished"] == "2026-03-27"
    assert data["image"] == "https://example.org/news/cards/articles/one.png"
    assert "author" not in news_article(CONFIG, article(authors=())), "the outlet is not an author"


def test_the_home_page_lists_the_latest_articles_newest_first():
    site = [article(f"a{day}", title=f"Headline {day}", published=datetime(2026, 3, day, tzinfo=ZONE))
            for day in range(1, 9)]
    home = pages(*site)["index.html"]
    strip = home[home.index('<section class="latest"'):home.index("</section>", home.index('class="latest"'))]
    assert re.findall(r">Headline (\d+)<", strip) == ["8", "7", "6", "5", "4"]


def test_every_page_has_a_social_card_and_the_data_page_lists_the_feeds_and_files():
    site = pages(article())
    assert '<meta property="og:image" content="https://example.org/news/cards/articles/one.png">' in \
        site["articles/one/index.html"]
    for path, html in site.items():
        assert html.count('<meta property="og:image"') == 1, path
        assert '<meta name="twitter:card" content="summary_large_image">' in html, path
    data = site["data/index.html"]
    for name in ("feed.xml", "atom.xml", "feed.json", "feeds.opml", "data/articles.json", "data/quotes.json"):
        assert f'href="../{name}"' in data, name
    assert 'aria-current="page">Feeds and data</a>' in data
    json.dumps(data)  # text only
