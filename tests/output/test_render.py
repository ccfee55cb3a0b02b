"""Rendering pages: escaping, the inferred marker, footnotes linked both ways, page heads."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import re
import shutil

from mythos_site.errors import ContentError
from mythos_site.records import Article, Footnote, SiteConfig, Tag
from mythos_site.output.render import coverage_span
from tools import render_pages
from mythos_site.assemble.site import assemble_site

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
ZONE = ZoneInfo("America/New_York")
CONFIG = SiteConfig(title="Story <Site>", base_url="https://example.org/news/", language="en-GB",
                    timezone="America/New_York", description="The story & its coverage.")
HOSTILE = '<script>alert("x")</script>'


def article(slug="one", **changes) -> Article:
    base = Article(
        source=Path(f"{slug}.md"), slug=slug, title="A headline", summary="A summary.",
        published=datetime(2026, 3, 27, tzinfo=ZONE), authors=("Jane Doe",), outlet="Example News",
        tags=(Tag("Cyber Security", "cyber-security"),), url=None,
        body_html='<p>Text.<sup class="fnref"><a href="#fn-1" id="fnref-1">1</a></sup></p>', word_count=460,
        footnotes=(Footnote("1", "fn-1", "<p>Fortune, March 26, 2026.</p>", ("fnref-1",)),),
    )
    return replace(base, **changes)


def pages(*articles) -> dict[str, str]:
    files = render_pages(assemble_site(CONFIG, articles), TEMPLATES)
    return {path: data.decode("utf-8") for path, data in files.items() if path.endswith(".html")}


def test_the_site_has_home_article_tag_and_404_pages():
    assert set(pages(article())) == {
        "index.html", "articles/one/index.html", "tags/index.html", "tags/cyber-security/index.html", "404.html",
        "quotes/index.html", "sources/index.html", "timeline/index.html", "archive/index.html",
        "search/index.html", "facts/index.html", "coverage/index.html", "people/index.html", "data/index.html",
    }


def test_every_page_has_lang_title_description_canonical_and_feed_link():
    for path, html in pages(article()).items():
        assert html.startswith("<!DOCTYPE html>"), path
        assert '<html lang="en-GB">' in html, path
        assert html.count("<title>") == 1, path
        assert '<meta name="description" content="' in html, path
        if path == "404.html":  # served at every missing address: it is no page of its own
            assert '<meta name="robots" content="noindex">' in html and 'rel="canonical"' not in html
        else:
            assert '<link rel="canonical" href="https://example.org/news/' in html, path
        assert 'type="application/rss+xml"' in html and 'href="https://example.org/news/feed.xml"' in html, path


def test_article_page_shows_byline_date_reading_time_and_canonical_address():
    html = pages(article())["articles/one/index.html"]
    assert "<h1 dir=\"auto\">A headline</h1>" in html
    assert "Example News" in html and "Jane Doe" in html
    assert '<time datetime="2026-03-27">March 27, 2026</time>' in html, "no time of day the source did not give"
    assert "2 min read" in html
    assert '<link rel="canonical" href="https://example.org/news/articles/one/">' in html
    assert "inferred" not in html


def test_several_authors_read_as_a_list():
    html = pages(article(authors=("Zoë Ångström", "山田 太郎", "Noa Cohen")))["articles/one/index.html"]
    assert '<span class="author">Zoë Ångström, 山田 太郎 and Noa Cohen</span>' in html


def test_an_inferred_date_is_marked_with_its_evidence():
    html = pages(article(inferred=(("date", "cites the April 7 launch"),)))["articles/one/index.html"]
    assert "(date inferred)" in html
    assert "cites the April 7 launch" in html


def test_footnotes_link_to_the_text_and_back():
    html = pages(article())["articles/one/index.html"]
    assert 'href="#fn-1" id="fnref-1"' in html
    assert '<li id="fn-1">' in html
    assert 'href="#fnref-1"' in html


def test_relative_links_work_from_every_depth():
    rendered = pages(article())
    assert 'href="./articles/one/"' in rendered["index.html"]
    assert 'href="../../tags/cyber-security/"' in rendered["articles/one/index.html"]
    assert 'href="../../static/style.css?v=' in rendered["articles/one/index.html"]
    # A server shows 404.html at any address, so its links start from the site's root path.
    assert 'href="/news/static/style.css?v=' in rendered["404.html"]


def test_home_lists_articles_newest_first():
    older = article("older", title="Older one", published=datetime(2026, 3, 26, tzinfo=ZONE))
    newer = article("newer", title="Newer one", published=datetime(2026, 4, 7, tzinfo=ZONE))
    home = pages(older, newer)["index.html"]
    assert home.index("Newer one") < home.index("Older one")
    assert "March 26 – April 7, 2026" in home


@pytest.mark.parametrize("field", ["title", "summary", "outlet"])
def test_text_fields_are_escaped_in_every_page(field):
    rendered = pages(article(**{field: HOSTILE}))
    for path, html in rendered.items():
        assert "<script>" not in html, path


def test_tags_and_authors_are_escaped():
    rendered = pages(article(tags=(Tag(HOSTILE, "script"),), authors=(HOSTILE,)))
    assert all("<script>" not in html for html in rendered.values())
    assert "&lt;script&gt;" in rendered["articles/one/index.html"]


def test_a_broken_template_is_a_content_error_naming_the_template(tmp_path):
    broken = tmp_path / "templates"
    shutil.copytree(TEMPLATES, broken)
    (broken / "tags.html").write_text("{% extends 'base.html' %}\n{% block content %}\n{% if %}\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        pages_from = render_pages(assemble_site(CONFIG, (article(),)), broken)  # noqa: F841
    [problem] = caught.value.problems
    assert problem.path.name == "tags.html" and problem.line == 3


def test_coverage_span_across_years_names_both_years():
    first = article(published=datetime(2025, 12, 30, tzinfo=ZONE))
    last = article("two", published=datetime(2026, 1, 2, tzinfo=ZONE))
    assert coverage_span((first, last)) == "December 30, 2025 – January 2, 2026"


def test_a_template_using_an_unknown_name_is_reported_at_its_line(tmp_path):
    broken = tmp_path / "templates"
    shutil.copytree(TEMPLATES, broken)
    (broken / "tags.html").write_text("{% extends 'base.html' %}\n{% block content %}\n{{ no_such_name }}\n"
                                      "{% endblock %}\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        render_pages(assemble_site(CONFIG, (article(),)), broken)
    [problem] = caught.value.problems
    assert problem.path.name == "tags.html" and problem.line == 3
    assert "no_such_name" in problem.message


def paged_site(count: int, per_page: int) -> dict[str, str]:
    config = replace(CONFIG, per_page=per_page)
    articles = [article(f"a{n:02d}", published=datetime(2026, 3, 1 + n, tzinfo=ZONE)) for n in range(count)]
    files = render_pages(assemble_site(config, articles), TEMPLATES)
    return {path: data.decode("utf-8") for path, data in files.items() if path.endswith(".html")}


def listed_slugs(html: str) -> list[str]:
    import re
    return re.findall(r'<article class="card">\s*<h\d[^>]*><a href="[./]*articles/([^/]+)/', html)


@pytest.mark.parametrize("folder", ["", "tags/cyber-security/", "archive/"])
def test_long_lists_are_split_into_linked_pages_that_show_every_article_once(folder):
    site = paged_site(7, 3)
    listings = [site[folder + "index.html"], site[folder + "page/2/index.html"], site[folder + "page/3/index.html"]]
    assert folder + "page/4/index.html" not in site
    assert [listed_slugs(html) for html in listings] == [["a06", "a05", "a04"], ["a03", "a02", "a01"], ["a00"]]
    first, middle, last = listings
    assert 'rel="prev"' not in first and 'rel="next"' in first and "Page 1 of 3" in first
    assert 'rel="prev"' in middle and 'rel="next"' in middle and "Page 2 of 3" in middle
    assert 'rel="prev"' in last and 'rel="next"' not in last
    depth = "../" * (folder.count("/") + 2)
    assert f'<a rel="prev" href="{depth}{folder}">' in middle and f'<a rel="next" href="{depth}{folder}page/3/">' in middle
    assert "(page 2 of 3)" in middle.split("<title>")[1].split("</title>")[0]


def test_a_short_list_has_one_page_and_no_pager():
    site = paged_site(3, 3)
    assert "page/2/index.html" not in site and 'class="pager"' not in site["index.html"]
    assert listed_slugs(site["index.html"]) == ["a02", "a01", "a00"]


def test_later_home_pages_list_coverage_without_the_story_overview():
    site = paged_site(4, 2)
    assert "3 article" not in site["page/2/index.html"] and "4 articles" in site["page/2/index.html"]
    assert 'id="s-timeline"' not in site["page/2/index.html"] and 'id="s-explore"' in site["page/2/index.html"]


def carried_by_many(count: int, config: SiteConfig = CONFIG):
    """A site where `count` articles cite the same work and carry the same quote; and its pages."""
    from mythos_site.records import Citation, Quote

    note = Footnote("1", "fn-1", "<p>Fortune, March 26, 2026.</p>", ("fnref-1",),
                    citation=Citation("Fortune", "The leak", "2026-03-26", None, keys=("fortune|the leak",)))
    articles = [article(f"a{n:02d}", published=datetime(2026, 3, 1 + n, tzinfo=ZONE), footnotes=(note,),
                        quotes=(Quote("We are being deliberate about how we release it", None, "p-1"),))
                for n in range(count)]
    site = assemble_site(config, articles)
    return site, {path: data.decode() for path, data in render_pages(site, TEMPLATES).items()
                  if path.endswith(".html")}


def test_a_quote_or_source_carried_by_many_articles_lists_the_first_and_links_to_a_page_of_all():
    count = CONFIG.list_limit + 3
    site, files = carried_by_many(count)
    for overview, whole, what in (("quotes", site.quote_groups[0].id, "articles that carry it"),
                                  ("sources", site.sources[0].id, "citing articles")):
        page = files[f"{overview}/index.html"]
        assert len(re.findall(r'href="\.\./articles/a\d\d/#', page)) == CONFIG.list_limit, overview
        assert f'<a href="../{overview}/{whole}/">All {count} {what}</a>' in page
        full = files[f"{overview}/{whole}/index.html"]
        assert sorted(re.findall(r'href="\.\./\.\./articles/(a\d\d)/#', full)) == [f"a{n:02d}" for n in range(count)]
        assert f'href="../../{overview}/#{whole}"' in full


def test_a_short_list_has_no_page_of_its_own():
    files = pages(article())
    assert not [path for path in files if path.count("/") == 2 and path.startswith(("quotes/", "sources/", "timeline/"))]


def resolve(files: dict[str, str], page: str, href: str) -> tuple[str, str]:
    """The file and fragment a relative link on a page leads to."""
    import posixpath
    target, _, fragment = href.partition("#")
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page), target or posixpath.basename(page)))
    return (path + "/index.html" if not path.endswith(".html") else path), fragment


def test_many_sources_and_quotes_go_on_over_numbered_pages_and_every_link_finds_its_entry():
    from mythos_site.records import Citation, Quote

    articles = []
    for n in range(14):  # pairs of articles share a source and a quote: 7 of each
        pair = n // 2
        note = Footnote("1", "fn-1", f"<p>Outlet {pair}, March 26, 2026.</p>", ("fnref-1",),
                        citation=Citation(f"Outlet {pair}", f"Work {pair}", "2026-03-26", None,
                                          keys=(f"outlet {pair}|work {pair}",)))
        articles.append(article(f"a{n:02d}", published=datetime(2026, 3, 1 + n, tzinfo=ZONE), footnotes=(note,),
                                quotes=(Quote(f"We said the words number {pair} out loud today", None, "p-1"),)))
    site = assemble_site(replace(CONFIG, sources_per_page=3, quotes_per_page=3), articles)
    files = {path: data.decode() for path, data in render_pages(site, TEMPLATES).items() if path.endswith(".html")}
    for overview in ("sources", "quotes"):
        listed = [files[f"{overview}/index.html"], files[f"{overview}/page/2/index.html"],
                  files[f"{overview}/page/3/index.html"]]
        assert f"{overview}/page/4/index.html" not in files and "Page 2 of 3" in listed[1]
        ids = [re.findall(r'<(?:article class="source"|figure class="quote-group") id="([^"]+)"', page)
               for page in listed]
        assert [len(found) for found in ids] == [3, 3, 1] and len(set(sum(ids, []))) == 7
    for n in range(14):
        path = f"articles/a{n:02d}/index.html"
        links = re.findall(r'href="([^"]*(?:sources|quotes)/[^"]*#[^"]+)"', files[path])
        assert len(links) == 2, links
        for href in links:
            target, fragment = resolve(files, path, href)
            assert f'id="{fragment}"' in files[target], (path, href)


def test_a_busy_day_shows_its_first_publications_on_the_timeline_and_all_on_a_page_of_its_own():
    count = CONFIG.day_limit + 2
    articles = [article(f"a{n:02d}", published=datetime(2026, 3, 27, 9, n, tzinfo=ZONE)) for n in range(count)]
    files = {path: data.decode() for path, data in render_pages(assemble_site(CONFIG, articles), TEMPLATES).items()
             if path.endswith(".html")}
    timeline = files["timeline/index.html"]
    assert timeline.count('class="coverage-point"') == CONFIG.day_limit
    assert f'href="../timeline/d-2026-03-27/">All {count} articles published' in timeline
    day = files["timeline/d-2026-03-27/index.html"]
    assert sorted(re.findall(r'href="\.\./\.\./articles/(a\d\d)/"', day)) == [f"a{n:02d}" for n in range(count)]
    assert 'href="../../timeline/#d-2026-03-27"' in day


def test_a_day_link_names_only_what_the_day_has():
    from mythos_site.output.story_views import TimelineDay

    day = TimelineDay("d-2026-04-02", "April 2, 2026", "2026-04-02", (), (), ("s",) * 12)
    assert day.whole_label == "All 12 dated statements of April 2, 2026"
    assert day.intro == "Every other dated statement of April 2, 2026, first to last."
    busy = replace(day, published=("a",), statements=("s",))
    assert busy.whole_label == "All 1 article published and 1 dated statement of April 2, 2026"
    assert busy.intro == "Every article published and every other dated statement of April 2, 2026, first to last."


def test_a_page_of_a_whole_list_goes_on_over_numbered_pages():
    count = CONFIG.list_limit + 3  # 13 entries: pages of 5, 5 and 3
    site, files = carried_by_many(count, replace(CONFIG, list_page=5))
    folder = f"sources/{site.sources[0].id}/"
    pages = [files[folder + "index.html"], files[folder + "page/2/index.html"], files[folder + "page/3/index.html"]]
    assert folder + "page/4/index.html" not in files
    found = [re.findall(r'href="[./]*articles/(a\d\d)/#', page) for page in pages]
    assert [len(slugs) for slugs in found] == [5, 5, 3] and sorted(sum(found, [])) == [f"a{n:02d}" for n in range(count)]
    assert all(f"All {count}, first to last" in page for page in pages) and "Page 2 of 3" in pages[1]


@pytest.mark.parametrize("publisher, date, url, expected", [
    (None, "2026-04-01", None, '<p class="citation"><time datetime="2026-04-01">'),
    (None, None, "https://example.com/a", '<p class="citation"><a href="https://example.com/a"'),
    ("Fortune", "2026-04-01", None, '<span class="outlet">Fortune</span> · <time'),
])
def test_a_citation_line_has_a_separator_only_between_two_parts(publisher, date, url, expected):
    from mythos_site.records import Citation

    note = Footnote("1", "fn-1", "<p>Interview, April 1, 2026.</p>", ("fnref-1",),
                    citation=Citation(publisher, "Interview", date, url, keys=("k",)))
    assert expected in pages(article("a", footnotes=(note,)))["articles/a/index.html"]
