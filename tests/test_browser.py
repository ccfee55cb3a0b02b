"""A reader in a real browser: Chromium, driven by Playwright, on the built site served from 127.0.0.1."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ARTICLE = "articles/claude-mythos-preview-and-project-glasswing/"


@pytest.fixture()
def reader(browser, site_url):
    """A fresh page that records console errors and every request it makes."""
    # Smooth scrolling moves targets while Playwright clicks; readers can ask for less motion, and so do we.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    page = context.new_page()
    page.errors, page.requests = [], []
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    context.close()


def outside(requests: list[str], site_url: str) -> list[str]:
    return [url for url in requests if not url.startswith((site_url, "data:", "blob:"))]


def in_view(page, selector: str) -> bool:
    """The element's top is on screen once scrolling (smooth, unless the reader asks for less motion) ends."""
    page.wait_for_function("""(selector) => {
        const box = document.querySelector(selector).getBoundingClientRect();
        return box.top >= 0 && box.top < window.innerHeight;
    }""", arg=selector, timeout=5000)
    return True


def test_home_loads_with_no_console_error_and_no_request_leaving_the_machine(reader, site_url):
    reader.goto(site_url)
    reader.wait_for_load_state("networkidle")
    assert reader.title().startswith("Claude Mythos")
    assert reader.errors == []
    assert outside(reader.requests, site_url) == []


def test_a_reader_goes_to_an_article_follows_a_footnote_and_returns(reader, site_url):
    reader.goto(site_url)
    reader.click(f'a[href="./{ARTICLE}"] >> nth=0')
    reader.wait_for_url(re.compile(re.escape(ARTICLE) + "$"))
    assert reader.locator("h1").inner_text() == "Anthropic's Claude Mythos Preview and Project Glasswing"
    reference = reader.locator("sup.fnref a").first
    note = reference.get_attribute("href")
    reference.click()
    reader.wait_for_url(re.compile(re.escape(note) + "$"))
    assert in_view(reader, note), "the footnote lands in view"
    back = reader.locator(f"{note} a.backref").first
    target = back.get_attribute("href")
    back.click()
    reader.wait_for_url(re.compile(re.escape(target) + "$"))
    assert in_view(reader, target), "the way back lands on the citation"
    assert reader.errors == [] and outside(reader.requests, site_url) == []


def test_a_reader_opens_the_timeline_and_a_quotes_source_paragraph(reader, site_url):
    reader.goto(site_url)
    reader.click("nav >> text=Timeline")
    reader.wait_for_url(re.compile(r"/timeline/$"))
    assert reader.locator("#cms-exposure .disputed").is_visible()
    reader.click("nav >> text=Quotes")
    reader.wait_for_url(re.compile(r"/quotes/$"))
    group = reader.locator(".quote-group").first
    words = group.locator("blockquote").inner_text().strip("“”")
    link = group.locator(".carriers a").first
    anchor = link.get_attribute("href").split("#")[1]
    link.click()
    reader.wait_for_url(re.compile(f"#{anchor}$"))
    assert in_view(reader, f"#{anchor}")
    assert words[:40] in reader.locator(f"#{anchor}").inner_text()
    assert reader.errors == [] and outside(reader.requests, site_url) == []


@pytest.mark.parametrize("query, expected", [
    ("Glasswing", "claude-mythos-preview-and-project-glasswing"),
    ("CrowdStrike", "anthropic-claude-mythos-leak-what-we-know"),
    ("Logan Graham", "claude-mythos-preview-and-project-glasswing"),
])
def test_a_reader_searches_and_lands_on_the_passage(reader, site_url, query, expected):
    reader.goto(site_url + "search/")
    reader.fill("#search-input", query)
    reader.press("#search-input", "Enter")
    result = reader.locator(f'#search-results a[href*="{expected}"]').first
    result.wait_for(timeout=10000)
    href = result.get_attribute("href")
    assert ":~:text=" in href, "the link carries the passage to land on"
    result.click()
    reader.wait_for_url(re.compile(expected))
    assert query.split()[0] in reader.locator("article.story").inner_text()
    assert reader.errors == [] and outside(reader.requests, site_url) == []


def type_slowly(page, text: str) -> None:
    """Keys pressed one at a time, faster than the search's pause: no Enter."""
    page.fill("#search-input", "")
    page.locator("#search-input").press_sequentially(text, delay=60)


def test_search_as_you_type_finds_an_event_a_person_and_a_quote_each_linked_to_its_place(reader, site_url):
    reader.goto(site_url + "search/")
    type_slowly(reader, "Glass")
    event = reader.locator('#search-results a[href$="timeline/#glasswing-launch"]')
    event.wait_for(timeout=10000)
    item = reader.locator("#search-results li", has=reader.locator('a[href$="timeline/#glasswing-launch"]'))
    assert item.locator(".result-kind").inner_text() == "Event · April 7, 2026"
    assert event.inner_text() == "Anthropic launches Project Glasswing with Claude Mythos Preview"
    assert "glass" in item.locator("mark").first.inner_text().lower()
    assert reader.url.endswith("?q=Glass"), "the words typed are in the address, to share or reload"
    event.click()
    reader.wait_for_url(re.compile(r"/timeline/#glasswing-launch$"))
    assert in_view(reader, "#glasswing-launch")

    reader.go_back()
    reader.wait_for_url(re.compile(r"/search/\?q=Glass$"))
    type_slowly(reader, "Paz")
    person = reader.locator('#search-results a[href$="people/roy-paz/"]')
    person.wait_for(timeout=10000)
    assert reader.locator("#search-results li", has=reader.locator('a[href$="people/roy-paz/"]')).locator(
        ".result-kind").inner_text() == "Person"
    person.click()
    reader.wait_for_url(re.compile(r"/people/roy-paz/$"))
    assert reader.locator("h1").inner_text().startswith("Roy Paz")

    reader.goto(site_url + "search/")
    type_slowly(reader, "prioritize safety")
    quote = reader.locator('#search-results a[href*="quotes/#q-"]').first
    quote.wait_for(timeout=10000)
    anchor = quote.get_attribute("href").split("#")[1]
    assert reader.locator("#search-results li", has=reader.locator(f'a[href$="#{anchor}"]')).locator(
        ".result-kind").inner_text() == "Quote · Anthropic"
    quote.click()
    reader.wait_for_url(re.compile(f"/quotes/#{anchor}$"))
    assert "We prioritize safety above capability" in reader.locator(f"#{anchor}").inner_text()
    assert reader.errors == [] and outside(reader.requests, site_url) == []


def test_search_as_you_type_shows_the_last_words_typed_and_nothing_once_they_are_cleared(reader, site_url):
    reader.goto(site_url + "search/")
    type_slowly(reader, "CrowdStrike")
    reader.wait_for_function("document.getElementById('search-status').textContent.includes('“CrowdStrike”')",
                             timeout=10000)
    statuses = reader.evaluate("""() => new Promise((done) => {
        const seen = [], status = document.getElementById('search-status');
        new MutationObserver(() => seen.push(status.textContent)).observe(status, {childList: true, subtree: true});
        const input = document.getElementById('search-input');
        for (const word of ['L', 'Lo', 'Log', 'Loga', 'Logan']) {
            input.value = word;
            input.dispatchEvent(new Event('input'));
        }
        setTimeout(() => done(seen), 1500);
    })""")
    assert statuses and all("“Logan”" in status for status in statuses), "one search, for the words typed last"
    reader.fill("#search-input", "")
    reader.wait_for_function("document.querySelectorAll('#search-results li').length === 0", timeout=5000)
    assert reader.locator("#search-status").inner_text() == ""
    assert reader.errors == [] and outside(reader.requests, site_url) == []


def test_an_articles_excerpt_is_its_text_not_its_byline(reader, site_url):
    reader.goto(site_url + "search/?q=Anthropic")
    reader.wait_for_function("document.getElementById('search-status').textContent.includes('found for')",
                             timeout=10000)
    items = reader.locator("#search-results li.kind-article")
    assert items.count() == 5, "every article names Anthropic"
    for excerpt in items.locator("p").all_inner_texts():
        assert "min read" not in excerpt and "Outlet not stated" not in excerpt and "Tags:" not in excerpt
    assert "Article · The Daily Vibe" in items.locator(".result-kind").all_inner_texts()


def test_a_search_for_a_hyphenated_word_lands_on_its_passage(reader, site_url):
    reader.goto(site_url + "search/")
    reader.fill("#search-input", "27-year-old")
    reader.press("#search-input", "Enter")
    result = reader.locator('#search-results a[href*=":~:text="]').first
    result.wait_for(timeout=10000)
    assert "27%2Dyear%2Dold" in result.get_attribute("href"), "a hyphen would end the text fragment's words"
    result.click()
    reader.wait_for_load_state("load")
    reader.wait_for_function("window.scrollY > 0", timeout=5000)
    assert reader.errors == [] and outside(reader.requests, site_url) == []


@pytest.mark.parametrize("width, height", [(390, 844), (1280, 900)])
@pytest.mark.parametrize("name, path", [("home", ""), ("article", ARTICLE), ("timeline", "timeline/")])
def test_screenshots_of_the_real_site(browser, site_url, name, path, width, height, tmp_path):
    """The pages the README shows, at a phone's and a laptop's width, with nothing scrolling sideways.
    (The README's copies are refreshed by `python tests/screenshots.py`, never by the tests.)"""
    context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
    page = context.new_page()
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    shot = tmp_path / f"{name}-{width}.png"
    page.screenshot(path=str(shot))
    context.close()
    assert shot.stat().st_size > 1000
    assert overflow <= 0, f"{name} scrolls sideways at {width} px"


def test_the_coverage_table_fits_a_laptop_screen_and_keeps_its_first_column_in_view(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    page = context.new_page()
    page.goto(site_url + "coverage/")
    box = page.evaluate("""() => {
        const scroll = document.querySelector('.matrix-scroll');
        return {width: scroll.getBoundingClientRect().width, hidden: scroll.scrollWidth - scroll.clientWidth,
                page: document.documentElement.scrollWidth - window.innerWidth,
                sticky: [...document.querySelectorAll('.matrix tr > th:first-child')]
                    .every((cell) => getComputedStyle(cell).position === 'sticky')};
    }""")
    assert box["width"] > 1100, "the table takes the screen's width, not the text's"
    assert box["hidden"] <= 0, "every outlet's column is in view"
    assert box["page"] <= 0 and box["sticky"]
    # Narrower than the table: its columns scroll, its first column stays.
    page.set_viewport_size({"width": 700, "height": 900})
    moved = page.evaluate("""() => {
        const scroll = document.querySelector('.matrix-scroll');
        const first = document.querySelector('.matrix tbody th'), last = document.querySelector('.matrix tbody td:last-child');
        const before = [first.getBoundingClientRect().left, last.getBoundingClientRect().left];
        scroll.scrollLeft = scroll.scrollWidth;
        return [scroll.scrollWidth > scroll.clientWidth, first.getBoundingClientRect().left - before[0],
                last.getBoundingClientRect().left - before[1]];
    }""")
    context.close()
    overflows, first_moved, last_moved = moved
    assert overflows and last_moved < -50 and abs(first_moved) <= 3, "the first column stays; the others scroll"


def test_footnotes_read_across_a_phone_with_their_links_back_after_them(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site_url + ARTICLE)
    notes = page.evaluate("""() => [...document.querySelectorAll('.footnotes li')].map((note) => {
        const text = note.querySelector('.note-text').getBoundingClientRect();
        const back = note.querySelector('.backrefs').getBoundingClientRect();
        const links = [...note.querySelectorAll('.backref')];
        return {share: text.width / note.getBoundingClientRect().width, below: back.top - text.bottom,
                height: back.height, links: links.length,
                labelled: links.every((link) => link.getAttribute('aria-label').startsWith('Back to the text of note')),
                small: links.filter((link) => link.offsetWidth < 24 || link.offsetHeight < 24).length,
                words: note.querySelector('.backrefs').textContent.trim()};
    })""")
    context.close()
    assert len(notes) >= 10
    assert max(note["links"] for note in notes) == 8, "the note cited eight times"
    for note in notes:
        assert note["share"] > 0.8, "the note has the width, not its links"
        assert note["below"] >= -1, "its links come after it"
        assert note["height"] <= 32, "on one line"
        assert note["labelled"] and note["small"] == 0
    assert next(note["words"] for note in notes if note["links"] == 8).split() == ["↩︎", *"12345678"], \
        "↩ 1 2 3 ..., not eight arrows"


def test_pages_work_with_javascript_off(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "timeline/")
    assert page.locator("#glasswing-launch").is_visible()
    page.goto(site_url + ARTICLE)
    assert page.locator("#fn-1").count() == 1
    context.close()


def test_no_page_scrolls_sideways_on_a_320_px_phone(browser, built_site, site_url):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    wide = {}
    for path in sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")
                       if "pagefind" not in p.parts):
        page.goto(site_url + path.removesuffix("index.html"))
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            wide[path] = overflow
    context.close()
    assert wide == {}


def search_count(browser, url: str, query: str) -> int:
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url + "search/?q=" + query)
    page.wait_for_function("document.getElementById('search-status').textContent.includes('found for')",
                           timeout=20000)
    status = page.locator("#search-status").inner_text()
    page.close()
    assert not errors, errors
    return int(re.match(r"(\d+) results? found", status).group(1))


def test_search_over_many_bundles_finds_what_one_bundle_finds(browser, tmp_path, monkeypatch):
    """A large site's index comes in bundles the search page merges: no article is missed."""
    from benchmarks.corpus import generate, write_ours
    from mythos_site.output import search
    from mythos_site.build.incremental import build
    from mythos_site.build.options import Options
    from tools import require, serve_folder

    require(search.search_available(), "Pagefind is not installed")
    write_ours(generate(150), tmp_path)
    counts, urls, hurried = {}, {}, None
    for bundle_pages in (40, 1000):
        out = tmp_path / f"site-{bundle_pages}"
        build(tmp_path / "content", Path(__file__).resolve().parents[1] / "templates", out,
              Options(bundling=search.Bundling(pages=bundle_pages)))
        server, urls[bundle_pages] = serve_folder(out)
        url = urls[bundle_pages]
        try:
            counts[bundle_pages] = search_count(browser, url, "Northwind")
            if bundle_pages == 40:
                hurried = search_twice_at_once(browser, url, "Northwind")
        finally:
            server.shutdown()
    index = tmp_path / "site-40" / "pagefind"
    assert search.BUNDLING.recent == 48
    assert len(list(index.glob("*/pagefind-entry.json"))) == 6, "the 48 newest, the 102 older in 4, the entries"
    assert (index / "5" / "fragment").is_dir() and not (index / "6").exists(), "the entries come after the articles"
    assert [path.parent.name for path in index.glob("*/pagefind.js")] == ["0"], "the code comes from the first bundle"
    assert counts[40] == counts[1000] > 40, "the merged bundles find more than any one bundle holds"
    found, links = hurried
    assert found == counts[40] and len(links) == len(set(links)), "a second search while the index loads waits for it"
    places = tuple(urls[40] + folder for folder in ("articles/", "timeline/#", "quotes/", "people/"))
    assert all(link.startswith(places) for link in links), "results from every bundle lead to their places"
    assert any(link.startswith(urls[40] + "articles/") for link in links)


def search_twice_at_once(browser, url: str, query: str) -> tuple[int, list[str]]:
    """A reader who presses Enter twice before the index has loaded: (articles found, result links)."""
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url + "search/")
    page.fill("#search-input", query)
    page.evaluate("() => { const form = document.getElementById('search-form'); form.requestSubmit(); "
                  "form.requestSubmit(); }")
    page.wait_for_function("document.getElementById('search-status').textContent.includes('found for')",
                           timeout=20000)
    page.wait_for_timeout(500)  # the later of the two searches fills the list too
    status = page.locator("#search-status").inner_text()
    links = page.eval_on_selector_all("#search-results a", "links => links.map(link => link.href)")
    page.close()
    assert not errors, errors
    return int(re.match(r"(\d+) results? found", status).group(1)), links


WIDE = """---
title: Wide things
date: 2026-03-30
author: {word}
outlet: {word}
tags: [{word}]
---
A long address https://example.com/{path} and `{code}` and {word}.[^1]

[^1]: {word}, "{word}," March 30, 2026.

```
{line}
```

| {word} | {word} |
|---|---|
| a | b |
"""


def test_long_code_addresses_names_and_words_do_not_make_a_page_scroll_sideways(browser, content_copy, run_build):
    from tools import serve_folder

    text = WIDE.format(path="segment" * 40, code="code" * 60, word="Donaudampfschifffahrtsgesellschaft" * 3,
                       line="x = " + "1 + " * 120)
    (content_copy / "content" / "articles" / "wide.md").write_text(text, encoding="utf-8")
    out = content_copy / "site"
    result = run_build("--content", content_copy / "content", "--templates", content_copy / "templates", "--out", out,
                       "--no-search", "--no-cache")
    assert result.returncode == 0, result.stderr
    server, url = serve_folder(out)
    context = browser.new_context(viewport={"width": 320, "height": 700})
    page = context.new_page()
    wide = []
    for path in ("articles/wide/", "", "archive/", "tags/", "sources/", "timeline/"):
        page.goto(url + path)
        if page.evaluate("document.documentElement.scrollWidth - window.innerWidth") > 0:
            wide.append(path)
    context.close()
    server.shutdown()
    assert wide == [], "these pages scroll sideways on a 320 px phone"


ANGLED = """---
title: Angled words
date: 2026-03-30
author: A. Writer
outlet: The Test Desk
tags: [Testing]
---
The config names a field `<caveats>` that nobody reads, and a zephyrine flag & nothing else.
"""


def test_search_under_a_sub_path_links_to_the_article_and_shows_its_words_as_written(browser, content_copy,
                                                                                      run_build):
    """A site served from a folder of its host (https://example.org/news/): each result leads to its
    article there, and its excerpt shows "<caveats>" as the article has it, not as "&lt;caveats&gt;"."""
    from mythos_site.output.search import search_available
    from tools import require, serve_folder

    require(search_available(), "Pagefind is not installed")
    (content_copy / "content" / "articles" / "angled.md").write_text(ANGLED, encoding="utf-8")
    out = content_copy / "host" / "news"
    result = run_build("--content", content_copy / "content", "--templates", content_copy / "templates", "--out", out,
                       "--base-url", "https://example.org/news/", "--no-cache")
    assert result.returncode == 0, result.stderr
    server, url = serve_folder(content_copy / "host")
    page = browser.new_page()
    try:
        page.goto(url + "news/search/?q=caveats")
        result = page.locator("#search-results a").first
        result.wait_for(timeout=10000)
        assert result.get_attribute("href").startswith(url + "news/articles/angled/#:~:text=")
        assert "`<caveats>`" not in (excerpt := page.locator("#search-results p").first.inner_text())
        assert "<caveats>" in excerpt and "&lt;" not in excerpt
        result.click()
        page.wait_for_url(re.compile(re.escape(url + "news/articles/angled/")))
        assert page.locator("h1").inner_text() == "Angled words"
    finally:
        page.close()
        server.shutdown()
