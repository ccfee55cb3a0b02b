"""Web standards on every page of the built site: the W3C Nu HTML Checker and axe-core in Chromium."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tools import AXE_JS, AXE_RUN, VNU_JAR, png, require


def html_pages(site):
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html") if "pagefind" not in path.parts)


def test_every_page_passes_the_nu_html_checker(built_site):
    require(VNU_JAR.is_file(), "the Nu HTML Checker is not installed (npm ci installs it, from package-lock.json)")
    require(shutil.which("java") is not None, "Java is not installed (Debian package default-jre-headless)")
    result = subprocess.run(["java", "-jar", str(VNU_JAR), "--format", "json", "--skip-non-html", str(built_site)],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [f"{m.get('url', '').split('/')[-2:]}:{m.get('lastLine')}: {m['message']}"
              for m in messages if m["type"] == "error" or m.get("subType") == "fatal"]
    assert errors == []
    assert len(html_pages(built_site)) >= 15, "the checker saw every page"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_passes_axe_core(browser, built_site, site_url, scheme):
    require(AXE_JS.is_file(), "axe-core is not installed (npm ci installs it, from package-lock.json)")
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    failures = {}
    for path in html_pages(built_site):
        page.goto(site_url + path.removesuffix("index.html"))
        page.add_script_tag(path=str(AXE_JS))
        result = page.evaluate(AXE_RUN)
        if result["violations"]:
            failures[path] = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    context.close()
    assert failures == {}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_results_of_every_kind_pass_axe_core(browser, site_url, scheme):
    """The search page as a reader sees it once results show: articles, an event, people."""
    require(AXE_JS.is_file(), "axe-core is not installed (npm ci installs it, from package-lock.json)")
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + "search/?q=Glasswing")
    page.wait_for_function("document.querySelectorAll('#search-results li').length > 2", timeout=10000)
    kinds = set(page.locator("#search-results .result-kind").all_inner_texts())
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(AXE_RUN)
    context.close()
    assert {kind.split(" · ")[0] for kind in kinds} >= {"Article", "Event", "Organisation"}
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]] == []


def test_article_pages_carry_news_article_json_ld_open_graph_and_a_canonical_link(built_site):
    from html.parser import HTMLParser

    class Head(HTMLParser):
        def __init__(self):
            super().__init__()
            self.meta, self.scripts, self.canonical, self._in_ld = {}, [], None, False

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "meta" and "property" in attrs:
                self.meta.setdefault(attrs["property"], attrs["content"])
            if tag == "link" and attrs.get("rel") == "canonical":
                self.canonical = attrs["href"]
            self._in_ld = tag == "script" and attrs.get("type") == "application/ld+json"

        def handle_data(self, data):
            if self._in_ld:
                self.scripts.append(json.loads(data))
                self._in_ld = False

    for page in (built_site / "articles").glob("*/index.html"):
        head = Head()
        head.feed(page.read_text(encoding="utf-8"))
        [data] = head.scripts
        assert data["@type"] == "NewsArticle" and data["headline"] and data["datePublished"]
        assert data["url"] == head.canonical == head.meta["og:url"]
        assert data["publisher"]["name"]
        header = page.read_text(encoding="utf-8").split("<main", 1)[1].split("</header>", 1)[0]
        credited = '<span class="author">' in header
        assert ("author" in data) == credited, "an author only where the source names one: never the outlet"
        assert "not stated" not in header
        assert all(author["name"] != "Claude Mythos: the leak and the launch" for author in data.get("author", []))
        assert head.meta["og:type"] == "article" and head.meta["og:title"] == data["headline"]
    glasswing = (built_site / "articles" / "claude-mythos-preview-and-project-glasswing" / "index.html").read_text()
    assert '"citation":[{"@type":"CreativeWork","name":"Project Glasswing: Securing Critical Software' in glasswing


def test_sitemap_and_robots(built_site):
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    for page in html_pages(built_site):
        if page.endswith("index.html"):
            assert f"<loc>https://mythos.example.org/{page.removesuffix('index.html')}</loc>" in sitemap
    assert "<lastmod>2026-04-07</lastmod>" in sitemap
    robots = (built_site / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://mythos.example.org/sitemap.xml" in robots


def test_an_article_page_without_its_text_stays_small(built_site):
    """Markup and CSS around the words: tens of kilobytes, not hundreds."""
    page = (built_site / "articles" / "claude-mythos-preview-and-project-glasswing" / "index.html").read_bytes()
    css = sum(p.stat().st_size for p in (built_site / "static").glob("*.css"))
    import re
    text = re.sub(rb"<[^>]+>", b"", page)
    assert len(page) - len(text) + css < 60_000


# The pages a site only has once it grows: numbered pages of the quotes and sources lists, a busy
# day's page, and the pages of a whole list. Built from the benchmark's generated corpus, with
# smaller pages so that 150 articles have every kind.
SCALED_PAGES = ("sources/page/2/", "quotes/page/2/", "timeline/d-", "timeline/store-exposure/page/2/",
                "quotes/q-", "sources/src-")


@pytest.fixture(scope="module")
def scaled_site(tmp_path_factory):
    from benchmarks.corpus import generate, write_ours
    from mythos_site.build.incremental import build
    from mythos_site.build.options import Options

    folder = tmp_path_factory.mktemp("scaled")
    write_ours(generate(150), folder)
    settings = folder / "content" / "site.yaml"  # short lists, so every kind of paged list is built
    settings.write_text(settings.read_text(encoding="utf-8") + "list_page: 5\nquotes_per_page: 10\nlist_limit: 3\n",
                        encoding="utf-8")
    build(folder / "content", Path(__file__).resolve().parents[1] / "templates", folder / "site",
          Options(search=False))
    site = folder / "site"
    chosen = {}
    for wanted in SCALED_PAGES:
        found = sorted(path for path in html_pages(site) if path.startswith(wanted))
        assert found, f"no page {wanted}* was built"
        chosen[wanted] = found[0]
    return site, sorted(chosen.values())


def test_the_pages_of_a_grown_site_pass_the_nu_html_checker(scaled_site):
    require(VNU_JAR.is_file(), "the Nu HTML Checker is not installed (npm ci installs it, from package-lock.json)")
    require(shutil.which("java") is not None, "Java is not installed (Debian package default-jre-headless)")
    site, pages = scaled_site
    result = subprocess.run(["java", "-jar", str(VNU_JAR), "--format", "json", *(str(site / p) for p in pages)],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    assert [(m.get("url", "").split("/site/")[-1], m["message"]) for m in messages if m["type"] == "error"] == []


def test_the_pages_of_a_grown_site_pass_axe_core(browser, scaled_site):
    from tools import serve_folder

    require(AXE_JS.is_file(), "axe-core is not installed (npm ci installs it, from package-lock.json)")
    site, pages = scaled_site
    server, url = serve_folder(site)
    page = browser.new_page()
    failures = {}
    try:
        for path in pages:
            page.goto(url + path.removesuffix("index.html"))
            page.add_script_tag(path=str(AXE_JS))
            result = page.evaluate(AXE_RUN)
            if result["violations"]:
                failures[path] = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    finally:
        page.close()
        server.shutdown()
    assert failures == {}


FEATURES_ARTICLE = """---
title: "What an editor may write"
date: 2026-03-30
tags: [Markdown]
summary: Every markdown feature an article may use, on one page.
---
Some text with a note.[^1]

```python
print("a fenced block keeps its language")
```

- [ ] A task to do
- [x] A task done, see [the source](https://example.com/source)

![A chart of the fall](https://example.com/chart.png) and ![](https://example.com/x.png)

![Bars rising to the right](/media/bars.png)

[^1]: Example News, "A report," March 29, 2026.
"""


@pytest.fixture(scope="module")
def features_site(tmp_path_factory):
    """The real content with one more article that uses the markdown the five real ones do not."""
    from mythos_site.build.incremental import build
    from mythos_site.build.options import Options

    root = Path(__file__).resolve().parents[1]
    folder = tmp_path_factory.mktemp("features")
    shutil.copytree(root / "content", folder / "content")
    (folder / "content" / "articles" / "what-an-editor-may-write.md").write_text(FEATURES_ARTICLE, encoding="utf-8")
    (folder / "content" / "media").mkdir()
    (folder / "content" / "media" / "bars.png").write_bytes(png(800, 400))
    build(folder / "content", root / "templates", folder / "site", Options(search=False))
    return folder / "site", "articles/what-an-editor-may-write/index.html"


def test_a_page_with_code_task_lists_and_pictures_passes_the_nu_html_checker(features_site):
    require(VNU_JAR.is_file(), "the Nu HTML Checker is not installed (npm ci installs it, from package-lock.json)")
    require(shutil.which("java") is not None, "Java is not installed (Debian package default-jre-headless)")
    site, page = features_site
    html = (site / page).read_text(encoding="utf-8")
    assert 'class="language-python"' in html and 'type="checkbox"' in html and "Image: example.com/x.png" in html
    assert '<img src="../../media/bars.png" width="800" height="400" alt="Bars rising to the right"' in html
    result = subprocess.run(["java", "-jar", str(VNU_JAR), "--format", "json", str(site / page)],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    assert [(m.get("lastLine"), m["message"]) for m in messages if m["type"] == "error"] == []


def test_a_page_with_code_task_lists_and_pictures_passes_axe_core_and_shows_its_picture(browser, features_site):
    from tools import serve_folder

    require(AXE_JS.is_file(), "axe-core is not installed (npm ci installs it, from package-lock.json)")
    site, path = features_site
    server, url = serve_folder(site)
    page = browser.new_page()
    try:
        page.goto(url + path.removesuffix("index.html"))
        page.add_script_tag(path=str(AXE_JS))
        violations = page.evaluate(AXE_RUN)["violations"]
        pictures = page.evaluate("Promise.all([...document.images].map(i => i.decode().then(() => i.naturalWidth)))")
    finally:
        page.close()
        server.shutdown()
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == []
    assert pictures == [800]  # the picture of content/media/ shows, and is the page's only one


def test_a_picture_keeps_its_place_on_a_phone_before_it_arrives(browser, features_site):
    """Its width and height give the page its proportions before a byte of it loads, so nothing
    jumps when it does; on a phone it is as wide as the text, not wider."""
    from tools import serve_folder

    site, path = features_site
    server, url = serve_folder(site)
    page = browser.new_page(viewport={"width": 360, "height": 640})
    page.route("**/media/**", lambda route: None)  # held: the picture never arrives
    try:
        page.goto(url + path.removesuffix("index.html"), wait_until="domcontentloaded")
        page.wait_for_function("getComputedStyle(document.querySelector('.story-body img')).maxWidth === '100%'")
        box = page.evaluate("""() => {
            const picture = document.querySelector('.story-body img'), text = document.querySelector('.story-body');
            const place = picture.getBoundingClientRect();
            return [place.width, place.height, text.clientWidth, picture.complete];
        }""")
    finally:
        page.close()
        server.shutdown()
    width, height, text_width, arrived = box
    assert not arrived
    assert 0 < width <= text_width < 360
    assert abs(height - width / 2) <= 1
