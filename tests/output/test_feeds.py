"""The feeds: what a feed reader sees in RSS and Atom."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser

from mythos_site.output.feeds import absolute_links, render_feeds, render_tag_feeds
from mythos_site.records import Article, Footnote, SiteConfig, Tag
from mythos_site.assemble.site import assemble_site

ZONE = ZoneInfo("America/New_York")
CONFIG = SiteConfig(title="Story", base_url="https://example.org/news/", language="en",
                    timezone="America/New_York", description="The story.", feed_items=2)


def article(slug, day, **changes) -> Article:
    base = Article(
        source=Path(f"{slug}.md"), slug=slug, title=f"Title {slug}", summary=f"Summary {slug}.",
        published=datetime(2026, 3, day, 9, 30, tzinfo=ZONE), authors=("Jane Doe",), outlet="Example News",
        tags=(Tag("Cybersecurity", "cybersecurity"),), url=None,
        body_html='<p>See <a href="../other/">another</a> and a note.<sup><a href="#fn-1" id="fnref-1">1</a></sup></p>',
        word_count=10, footnotes=(Footnote("1", "fn-1", "<p>A source.</p>", ("fnref-1",)),),
    )
    return replace(base, **changes)


def feeds(*articles, config=CONFIG):
    files = render_feeds(assemble_site(config, articles))
    return feedparser.parse(files["feed.xml"]), feedparser.parse(files["atom.xml"]), files


def test_rss_channel_and_items_as_a_reader_sees_them():
    rss, _, files = feeds(article("a", 26), article("b", 28))
    assert rss.bozo == 0
    assert rss.version == "rss20"
    assert rss.feed.title == "Story" and rss.feed.link == "https://example.org/news/"
    assert rss.feed.language == "en"
    assert b'<atom:link href="https://example.org/news/feed.xml" rel="self"' in files["feed.xml"]
    assert b"<lastBuildDate>Sat, 28 Mar 2026 09:30:00 -0400</lastBuildDate>" in files["feed.xml"]
    assert [entry.id for entry in rss.entries] == ["https://example.org/news/articles/b/",
                                                   "https://example.org/news/articles/a/"]
    first = rss.entries[0]
    assert first.link == "https://example.org/news/articles/b/"
    assert b'<guid isPermaLink="true">https://example.org/news/articles/b/</guid>' in files["feed.xml"]
    assert first.author == "Jane Doe" and first.publisher == "Example News"
    assert [tag.term for tag in first.tags] == ["Cybersecurity"]
    assert re.search(rb"<pubDate>Sat, 28 Mar 2026 09:30:00 -0400</pubDate>", files["feed.xml"])


def test_item_bodies_carry_full_text_with_absolute_links():
    rss, atom, _ = feeds(article("a", 26))
    for entry in (rss.entries[0], atom.entries[0]):
        html = entry.content[0].value
        assert 'href="https://example.org/news/articles/other/"' in html
        assert 'href="https://example.org/news/articles/a/#fn-1"' in html
        assert "A source." in html
        assert not re.search(r'(?:href|src)="(?!https?://)', html)


def test_atom_feed_has_the_same_items():
    _, atom, files = feeds(article("a", 26), article("b", 28))
    assert atom.bozo == 0 and atom.version == "atom10"
    assert [entry.id for entry in atom.entries] == ["https://example.org/news/articles/b/",
                                                    "https://example.org/news/articles/a/"]
    assert b'<link href="https://example.org/news/atom.xml" rel="self" type="application/atom+xml"/>' in files["atom.xml"]
    assert [entry.summary for entry in atom.entries] == ["Summary b.", "Summary a."]
    assert b"<summary>Summary b.</summary>" in files["atom.xml"]


def test_feeds_carry_only_the_configured_number_of_newest_items():
    rss, _, _ = feeds(article("a", 26), article("b", 27), article("c", 28))
    assert [entry.title for entry in rss.entries] == ["Title c", "Title b"]


def test_hostile_text_is_escaped_and_forbidden_characters_never_break_the_feed():
    hostile = article("a", 26, title='<script>alert(1)</script> \x0b end', summary="a & b \x1f")
    config = replace(CONFIG, title="Site \x08 name")
    rss, atom, files = feeds(hostile, config=config)
    assert rss.bozo == 0 and atom.bozo == 0
    assert b"<script>" not in files["feed.xml"] and b"<script>" not in files["atom.xml"]
    assert "<script>" not in rss.entries[0].title and "alert(1)" in rss.entries[0].title
    assert atom.entries[0].title == "<script>alert(1)</script>  end", "Atom titles are text, shown as written"


def test_ampersands_in_titles_and_summaries_read_as_written():
    rss, atom, _ = feeds(article("a", 26, title="S&P 500 slides", summary="AT&T and S&P fall."))
    assert rss.entries[0].title == atom.entries[0].title == "S&P 500 slides"
    # feedparser hands the RSS description over as HTML source, which reads "AT&T" in any browser.
    assert rss.entries[0].summary_detail.type == "text/html"
    assert html.unescape(rss.entries[0].summary) == "AT&T and S&P fall."


def test_each_author_is_named_once_in_each_feed():
    rss, atom, _ = feeds(article("a", 26, authors=("Jane Doe", "Léa Müller")))
    for entry in (rss.entries[0], atom.entries[0]):
        assert [author.get("name") for author in entry.authors] == ["Jane Doe", "Léa Müller"]


def test_an_outlet_is_never_an_author_but_the_item_s_publisher_and_source():
    rss, atom, files = feeds(article("a", 26, authors=(), url="https://news.example.com/a"))
    assert "author" not in rss.entries[0] and b"dc:creator" not in files["feed.xml"]
    assert rss.entries[0].publisher == "Example News"
    assert b'<source url="https://news.example.com/a">Example News</source>' in files["feed.xml"]
    # With no author named, the Atom entry is the feed's (the site's, which gathered it), never the outlet's.
    assert atom.feed.author == "Story" and "author" not in atom.entries[0]
    assert atom.entries[0].source.title == "Example News"
    assert b"<author><name>Example News" not in files["atom.xml"]


def test_an_article_without_author_or_outlet_says_nothing_of_either():
    rss, atom, files = feeds(article("a", 26, authors=(), outlet=None))
    assert b"not stated" not in files["atom.xml"] + files["feed.xml"] + files["feed.json"]
    assert "author" not in rss.entries[0] and "publisher" not in rss.entries[0]


def test_item_bodies_stand_alone_in_a_reader():
    rss, atom, _ = feeds(article("a", 26, body_html='<p id="p-1">Text.<sup class="fnref"><a href="#fn-1" id="fnref-1" '
                                               'aria-describedby="s-notes">1</a></sup></p>'))
    for entry in (rss.entries[0], atom.entries[0]):
        content = entry.content[0].value
        assert " id=" not in content and "aria-describedby" not in content, "ids clash where a reader shows many entries"
        assert 'href="https://example.org/news/articles/a/#fn-1"' in content
        assert "<dl><dt>1</dt><dd><p>A source.</p></dd></dl>" in content, "the notes, numbered once"


def test_the_rss_self_link_names_its_type():
    xml = render_feeds(assemble_site(CONFIG, [article("a", 26)]))["feed.xml"].decode()
    assert '<atom:link href="https://example.org/news/feed.xml" rel="self" type="application/rss+xml"/>' in xml


def test_absolute_links_leave_absolute_addresses_alone():
    html = '<a href="https://other.example/x">x</a><img src="img/a.png" alt=""><a href="#top">t</a>'
    assert absolute_links(html, "https://example.org/articles/a/") == (
        '<a href="https://other.example/x">x</a><img src="https://example.org/articles/a/img/a.png" alt="">'
        '<a href="https://example.org/articles/a/#top">t</a>'
    )


def test_the_same_site_gives_the_same_feed_bytes():
    assert feeds(article("a", 26))[2] == feeds(article("a", 26))[2]


def test_an_address_in_another_script_is_a_uri_in_the_feeds_and_the_sitemap():
    from mythos_site.output.metadata import render_sitemap

    site = assemble_site(CONFIG, [article("日本語", 26)])
    rss, atom, _ = feeds(*site.articles)
    expected = "https://example.org/news/articles/%E6%97%A5%E6%9C%AC%E8%AA%9E/"
    assert rss.entries[0].link == rss.entries[0].id == atom.entries[0].link == expected
    sitemap = render_sitemap(site, ["articles/日本語/index.html", "tags/ελληνικά/index.html"])["sitemap.xml"].decode()
    assert f"<loc>{expected}</loc>" in sitemap and "/tags/%CE%B5%CE%BB" in sitemap and "日" not in sitemap


def test_each_tag_has_a_feed_of_its_newest_articles_headlines_and_summaries():
    other = (Tag("Markets", "markets"),)
    site = assemble_site(CONFIG, (article("a", 26), article("b", 27, tags=other), article("c", 28), article("d", 29)))
    files = dict(render_tag_feeds(site))
    assert sorted(files) == [f"tags/{tag}/{name}" for tag in ("cybersecurity", "markets")
                             for name in ("atom.xml", "feed.json", "feed.xml")]
    rss = feedparser.parse(files["tags/cybersecurity/feed.xml"])
    assert rss.bozo == 0 and rss.version == "rss20"
    assert rss.feed.title == "Cybersecurity · Story" and rss.feed.link == "https://example.org/news/tags/cybersecurity/"
    assert b'<atom:link href="https://example.org/news/tags/cybersecurity/feed.xml" rel="self"' in \
        files["tags/cybersecurity/feed.xml"]
    # The tag's newest, as many as the site's feed carries; each a permanent link to the article.
    assert [entry.id for entry in rss.entries] == ["https://example.org/news/articles/d/",
                                                   "https://example.org/news/articles/c/"]
    assert [entry.summary for entry in rss.entries] == ["Summary d.", "Summary c."]
    assert b"content:encoded" not in files["tags/cybersecurity/feed.xml"]  # the full text is the site feed's
    assert [entry.id for entry in feedparser.parse(files["tags/markets/feed.xml"]).entries] == [
        "https://example.org/news/articles/b/"]


def test_a_tag_in_another_script_has_a_feed_at_a_uri():
    tag = (Tag("日本語", "日本語"),)
    files = dict(render_tag_feeds(assemble_site(CONFIG, (article("a", 26, tags=tag),))))
    data = files["tags/日本語/feed.xml"]
    assert feedparser.parse(data).bozo == 0
    assert b"https://example.org/news/tags/%E6%97%A5%E6%9C%AC%E8%AA%9E/feed.xml" in data


def json_feed(data: bytes) -> dict:
    import json

    return json.loads(data)


def test_json_feed_has_the_spec_s_required_fields_and_stable_absolute_ids():
    _, _, files = feeds(article("a", 26, url="https://news.example.com/a"), article("b", 28, authors=()))
    feed = json_feed(files["feed.json"])
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] == "Story" and feed["home_page_url"] == "https://example.org/news/"
    assert feed["feed_url"] == "https://example.org/news/feed.json"
    for item in feed["items"]:  # id is required, and content_html or content_text
        assert item["id"] == item["url"] and item["id"].startswith("https://example.org/news/articles/")
        assert "content_html" in item or "content_text" in item
        datetime.fromisoformat(item["date_published"])  # RFC 3339
        assert all(author == {"name": "Jane Doe"} for author in item.get("authors", []))
    newest, older = feed["items"]
    assert "authors" not in newest and newest["_original"]["outlet"] == "Example News"
    assert older["external_url"] == "https://news.example.com/a" and "external_url" not in newest
    assert older["content_html"].startswith('<p><a href="https://news.example.com/a">Read the original at Example '
                                            'News</a></p>')
    assert 'href="https://example.org/news/articles/a/#fn-1"' in older["content_html"]
    assert older["image"] == "https://example.org/news/cards/articles/a.png"


def test_the_original_is_linked_in_rss_and_atom_items():
    rss, atom, files = feeds(article("a", 26, url="https://news.example.com/a"))
    for entry in (rss.entries[0], atom.entries[0]):
        assert entry.content[0].value.startswith('<p><a href="https://news.example.com/a">Read the original at')
    assert b"<source>\n      <title>Example News</title>\n      <link href=\"https://news.example.com/a\"/>" in files["atom.xml"]


def test_tag_feeds_json_with_summaries_and_atom_in_full():
    site = assemble_site(CONFIG, (article("a", 26), article("b", 27), article("c", 28)))
    files = dict(render_tag_feeds(site))
    atom = feedparser.parse(files["tags/cybersecurity/atom.xml"])
    assert atom.bozo == 0 and atom.version == "atom10"
    assert [entry.id for entry in atom.entries] == ["https://example.org/news/articles/c/",
                                                    "https://example.org/news/articles/b/"]
    assert "See <a href" in atom.entries[0].content[0].value
    tag_json = json_feed(files["tags/cybersecurity/feed.json"])
    assert tag_json["feed_url"] == "https://example.org/news/tags/cybersecurity/feed.json"
    assert [item["content_text"] for item in tag_json["items"]] == ["Summary c.", "Summary b."]


def test_the_feeds_carry_an_excerpt_where_the_site_or_the_article_asks():
    from mythos_site.records import Figure, Quote, Speaker

    quoted = article("a", 26, url="https://news.example.com/a", quotes=(
        Quote("We are sorry,", Speaker("Ann Lee", "person", "ann lee"), "p-1"),),
                     figures=(Figure("40%", 40, None, "percent", "%", "", "Shares fell 40% on Friday.", "p-2"),))
    for config, one in ((replace(CONFIG, full_text=False), quoted), (CONFIG, replace(quoted, full_text=False))):
        rss, atom, files = feeds(one, config=config)
        for entry in (rss.entries[0], atom.entries[0]):
            content = entry.content[0].value
            assert "See <a" not in content and "A source." not in content, "not the body"
            assert "“We are sorry” (Ann Lee)" in content and "<strong>40%</strong>: Shares fell 40% on Friday." in content
            assert "Read the original at Example News" in content
        assert "See <a" not in json_feed(files["feed.json"])["items"][0]["content_html"]


def test_a_date_without_a_time_is_the_day_in_the_site_s_zone_and_updated_is_stated():
    _, atom, files = feeds(article("a", 26, published=datetime(2026, 3, 26, tzinfo=ZONE),
                                   updated=datetime(2026, 3, 27, 8, 0, tzinfo=ZONE)))
    assert atom.entries[0].published == "2026-03-26T00:00:00-04:00"
    assert atom.entries[0].updated == "2026-03-27T08:00:00-04:00"
    assert json_feed(files["feed.json"])["items"][0]["date_modified"] == "2026-03-27T08:00:00-04:00"


def test_the_opml_lists_every_feed_of_the_site_and_its_tags():
    import xml.etree.ElementTree as ElementTree

    from mythos_site.output.feeds import render_feed_list

    site = assemble_site(CONFIG, (article("a", 26), article("b", 27, tags=(Tag("Markets", "markets"),))))
    opml = ElementTree.fromstring(render_feed_list(site)["feeds.opml"])
    assert opml.get("version") == "2.0"
    addresses = [outline.get("xmlUrl") for outline in opml.iter("outline")]
    assert addresses[:3] == ["https://example.org/news/feed.xml", "https://example.org/news/atom.xml",
                             "https://example.org/news/feed.json"]
    assert "https://example.org/news/tags/markets/atom.xml" in addresses and len(addresses) == 9
    assert all(outline.get("type") == "rss" and outline.get("text") for outline in opml.iter("outline"))
