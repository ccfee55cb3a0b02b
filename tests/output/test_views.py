"""What the pages show beside an article: related coverage, found through what articles share."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from mythos_site.records import Article, Citation, Footnote, SiteConfig, Tag
from mythos_site.site_records import CitationUse, Site, Source, TagPage
from mythos_site.output.views import RELATED_GROUP_LIMIT, related_coverage

CONFIG = SiteConfig(title="T", base_url="https://example.org/", language="en", timezone="UTC", description="")
NOTE = Footnote("1", "fn-1", "<p>Fortune.</p>", ("fnref-1",))


def article(slug: str, day: int) -> Article:
    return Article(source=Path(f"{slug}.md"), slug=slug, title=slug, summary="", authors=(), outlet=None,
                   published=datetime(2026, 3, day, tzinfo=ZoneInfo("UTC")), tags=(), url=None,
                   body_html="<p>x</p>", word_count=1, footnotes=())


def source(*articles: Article) -> Source:
    citation = Citation("Fortune", "Leak", None, None, keys=("fortune leak",))
    return Source("fortune-leak", citation, tuple(CitationUse(a, replace(NOTE, citation=citation)) for a in articles))


def test_articles_sharing_a_tag_or_a_cited_source_are_related_most_shared_first():
    a, b, c, d = article("a", 4), article("b", 3), article("c", 2), article("d", 1)
    tag = Tag("Markets", "markets")
    site = Site(CONFIG, (a, b, c, d), tags=(TagPage(tag, (a, b, c)),), sources=(source(a, c),))
    related = related_coverage(site)
    assert related["a"] == (c, b), "c shares the tag and the source, b the tag alone"
    assert related["b"] == (a, c)
    assert "d" not in related, "an article that shares nothing has no related coverage"


def test_a_tag_on_very_many_articles_tells_none_of_them_apart():
    many = tuple(article(f"a{n}", 1 + n % 28) for n in range(RELATED_GROUP_LIMIT + 1))
    site = Site(CONFIG, many, tags=(TagPage(Tag("AI", "ai"), many),))
    assert related_coverage(site) == {}
