"""End-to-end tests: build the site with `python build.py` and read the result the way a reader,
a link checker and a feed client would.

Only the standard library reads the HTML (html.parser); feedparser reads the feeds. The front
matter of the source articles is read with PyYAML, which the site generator itself depends on.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

import feedparser
import pytest
import yaml

from mythos_site.extract.citations import parse_citation

ROOT = Path(__file__).resolve().parents[1]
REAL_ARTICLES = ROOT / "content" / "articles"
SETTINGS = yaml.safe_load((ROOT / "content" / "site.yaml").read_text(encoding="utf-8"))
BASE_URL = SETTINGS["base_url"].rstrip("/") + "/"
SITE_ZONE = ZoneInfo(SETTINGS["timezone"])
EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")  # a scheme (https:, mailto:, data:) or //host
RFC822 = re.compile(
    r"^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"\d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$"
)
NS = {"atom": "http://www.w3.org/2005/Atom"}


# --------------------------------------------------------------------------- source articles

@dataclass(frozen=True)
class Source:
    """What the editors wrote in one article file."""

    path: Path
    slug: str
    title: str
    date: date
    tags: tuple[str, ...]
    footnotes: tuple[str, ...]  # labels of the `[^x]:` definitions
    draft: bool


def read_source(path: Path) -> Source:
    text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    match = re.match(r"---\n(.*?)\n---\n(.*)\Z", text, re.DOTALL)
    assert match, f"{path.name}: no front matter"
    meta = yaml.load(match.group(1), Loader=yaml.BaseLoader)  # every value as text, as the site reads dates
    tags = meta.get("tags", [])
    return Source(
        path=path,
        slug=meta.get("slug", path.stem),
        title=" ".join(meta["title"].split()),
        date=date.fromisoformat(meta["date"].strip()[:10]),
        tags=tuple([tags] if isinstance(tags, str) else tags),
        # A note that only says the source's reference list lacks its entry is the editors' (check's), not a footnote.
        footnotes=tuple(label for label, text in re.findall(r"^\[\^([^\]\s]+)\]:(.*)", match.group(2), re.MULTILINE)
                        if not parse_citation(text).missing),
        draft=str(meta.get("draft", "false")).lower() == "true",
    )


def sources(articles_dir: Path = REAL_ARTICLES) -> list[Source]:
    return [read_source(path) for path in sorted(articles_dir.glob("*.md"))]


def article_url(source: Source, base_url: str = BASE_URL) -> str:
    return f"{base_url}articles/{source.slug}/"


# --------------------------------------------------------------------------- pages

class Page(HTMLParser):
    """Every start tag with its attributes, every id, and the text of <title> and <h1> elements."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.ids: list[str] = []
        self.titles: list[str] = []
        self.h1s: list[str] = []
        self._capture: list[str] | None = None
        self._capture_tag = ""
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        self.elements.append((tag, attributes))
        if "id" in attributes:
            self.ids.append(attributes["id"])
        if tag in ("title", "h1"):
            self._capture, self._capture_tag = [], tag

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if self._capture is not None:
            self._capture.append(data)

    def handle_endtag(self, tag):
        if self._capture is not None and tag == self._capture_tag:
            text = " ".join("".join(self._capture).split())
            (self.titles if tag == "title" else self.h1s).append(text)
            self._capture = None

    def find(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        """Attributes of every `tag` element whose attributes include `attrs` (rel="x" matches rel="x y")."""
        found = []
        for name, attributes in self.elements:
            if name != tag:
                continue
            if all(value in attributes.get(key, "").split() for key, value in attrs.items()):
                found.append(attributes)
        return found

    def urls(self) -> list[str]:
        """Every href and src on the page."""
        return [attrs[key] for _, attrs in self.elements for key in ("href", "src") if key in attrs]


@lru_cache(maxsize=None)
def _parse_cached(path: str, mtime_ns: int, size: int) -> Page:
    return Page(Path(path).read_text(encoding="utf-8"))


def parse_page(path: Path) -> Page:
    stat = path.stat()
    return _parse_cached(str(path), stat.st_mtime_ns, stat.st_size)


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def rel(site: Path, path: Path) -> str:
    return path.relative_to(site).as_posix()


def resolve_link(site: Path, page: Path, url: str) -> tuple[Path, str]:
    """The file a relative or root-absolute link on `page` points at, and its #fragment.

    A path ending in "/" (or naming a folder) means its index.html; a ?query is ignored. The
    path returned is normalised but not checked: it may lie outside the site.
    """
    parts = urlsplit(url)
    if not parts.path:
        return page, parts.fragment
    if parts.path.startswith("/"):
        target = site / unquote(parts.path).lstrip("/")
    else:
        target = page.parent / unquote(parts.path)
    target = Path(os.path.normpath(target))
    if parts.path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


def resolve_site_url(site: Path, url: str, base_url: str = BASE_URL) -> tuple[Path, str]:
    """The file an absolute URL under the site's base URL names."""
    assert url.startswith(base_url), url
    return resolve_link(site, site / "index.html", url[len(base_url):] or "./")


def duplicates(ids: list[str]) -> list[str]:
    return sorted({i for i in ids if ids.count(i) > 1})


def inside(site: Path, path: Path) -> bool:
    return path.resolve().is_relative_to(site.resolve())


# --------------------------------------------------------------------------- folders and feeds

def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below `folder`, by its relative path, with its bytes."""
    return {rel(folder, path): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def parse_feed(path: Path) -> feedparser.FeedParserDict:
    # No resolving or sanitising by the client: the test sees the links exactly as the site wrote them.
    return feedparser.parse(path.read_bytes(), resolve_relative_uris=False, sanitize_html=False)


def published_in_site_zone(entry) -> datetime:
    return datetime(*entry.published_parsed[:6], tzinfo=timezone.utc).astimezone(SITE_ZONE)


def midnight_in_site_zone(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=SITE_ZONE)


def build_ok(run_build, *args) -> None:
    result = run_build(*args)
    assert result.returncode == 0, f"build failed:\n{result.stderr}"


def copy_args(copy: Path, out: Path) -> list:
    return ["--content", copy / "content", "--templates", copy / "templates", "--out", out]


# =========================================================================== articles

@pytest.mark.parametrize("source", sources(), ids=lambda source: source.slug)
def test_every_article_has_its_page_with_title_and_footnotes(built_site, source):
    page_file = built_site / "articles" / source.slug / "index.html"
    assert page_file.is_file(), f"no page for {source.path.name}"
    page = parse_page(page_file)
    raw = page_file.read_text(encoding="utf-8")

    assert page.h1s == [source.title], "the page's one <h1> must be the article's title"
    inner = re.findall(r"<h1[^>]*>(.*?)</h1>", raw, re.DOTALL)
    assert len(inner) == 1 and html.unescape(inner[0]) == source.title
    assert not re.search(r"[<>]|&(?!#?\w+;)", inner[0]), f"the title is not HTML-escaped: {inner[0]!r}"
    for label in source.footnotes:
        notes = page.find("li", id=f"fn-{label}")
        assert len(notes) == 1, f'[^{label}] of {source.path.name} has no <li id="fn-{label}"> on its page'



def test_the_sources_have_footnotes_to_check():
    """The footnote test above would pass vacuously if no article had footnotes."""
    assert sum(len(source.footnotes) for source in sources()) >= 10


def test_home_page_links_to_every_article(built_site):
    home = built_site / "index.html"
    linked = {resolve_link(built_site, home, url)[0] for url in parse_page(home).urls() if not EXTERNAL.match(url)}
    for source in sources():
        assert built_site / "articles" / source.slug / "index.html" in linked, f"the home page omits {source.slug}"


# =========================================================================== every page

def test_every_page_has_a_complete_head(built_site):
    pages = html_pages(built_site)
    assert len(pages) >= len(sources()) + 4  # articles, home, tags index, a tag page, 404
    for path in pages:
        name = rel(built_site, path)
        raw = path.read_text(encoding="utf-8")
        page = parse_page(path)
        assert raw.startswith("<!DOCTYPE html>"), name
        assert "<html lang=" in raw and page.find("html")[0].get("lang"), name
        assert len(page.titles) == 1 and page.titles[0], f"{name}: needs exactly one non-empty <title>"
        descriptions = page.find("meta", name="description")
        assert len(descriptions) == 1 and descriptions[0].get("content"), f"{name}: meta description"
        canonicals = page.find("link", rel="canonical")
        if name == "404.html":  # served at every missing address: search engines are told to leave it out
            assert not canonicals and page.find("meta", name="robots")[0]["content"] == "noindex", name
            continue
        assert len(canonicals) == 1 and canonicals[0]["href"].startswith("https://"), f"{name}: canonical"
        assert page.find("link", rel="alternate", type="application/rss+xml"), f"{name}: RSS alternate link"


def test_canonical_urls_name_the_page_itself(built_site):
    for path in html_pages(built_site):
        name = rel(built_site, path)
        if name == "404.html":
            continue
        expected = BASE_URL + (name[: -len("index.html")] if name.endswith("index.html") else name)
        assert parse_page(path).find("link", rel="canonical")[0]["href"] == expected


# =========================================================================== link checker

def test_every_internal_link_and_fragment_resolves(built_site):
    broken = []
    for path in html_pages(built_site):
        name = rel(built_site, path)
        for url in parse_page(path).urls():
            if url.startswith(BASE_URL):
                target, fragment = resolve_site_url(built_site, url)
            elif EXTERNAL.match(url):
                continue
            else:
                is_404 = name == "404.html"
                if is_404 and not url.startswith(("/", "#")):
                    broken.append(f"{name}: {url!r} is relative, but 404.html is served at any depth")
                    continue
                if not is_404 and url.startswith("/"):
                    broken.append(f"{name}: {url!r} is root-absolute; internal links must be relative")
                    continue
                target, fragment = resolve_link(built_site, path, url)
            if not inside(built_site, target):
                broken.append(f"{name}: {url!r} points outside the built site")
            elif not target.is_file():
                broken.append(f"{name}: {url!r} -> missing {target.relative_to(built_site)}")
            elif fragment and target.suffix == ".html" and fragment not in parse_page(target).ids:
                broken.append(f"{name}: {url!r} -> no id {fragment!r} in {rel(built_site, target)}")
    assert not broken, "\n".join(broken)


def test_ids_are_unique_on_every_page(built_site):
    for path in html_pages(built_site):
        repeated = duplicates(parse_page(path).ids)
        assert not repeated, f"{rel(built_site, path)}: duplicate ids {repeated}"


def test_footnote_references_and_back_links_pair_up(built_site):
    """Every #fn-N reference has a note, and every note links back to each place that cites it."""
    for source in sources():
        if not source.footnotes:
            continue
        page = parse_page(built_site / "articles" / source.slug / "index.html")
        refs = {attrs["id"]: attrs["href"] for attrs in page.find("a") if attrs.get("id", "").startswith("fnref-")}
        backs = {attrs["href"] for attrs in page.find("a") if attrs.get("href", "").startswith("#fnref-")}
        assert refs, source.slug
        assert {f"#{ref}" for ref in refs} == backs, f"{source.slug}: references and back-links differ"
        citations: dict[str, list[str]] = {}
        for ref, href in refs.items():  # in page order
            assert href.startswith("#fn-"), (ref, href)
            citations.setdefault(href[len("#fn-"):], []).append(ref)
        assert set(citations) == set(source.footnotes), f"{source.slug}: cited notes differ from the defined ones"
        for note, ids in citations.items():
            expected = [f"fnref-{note}"] + [f"fnref-{note}.{n}" for n in range(2, len(ids) + 1)]
            assert ids == expected, f"{source.slug}: citations of note {note}"


# =========================================================================== no external requests

def test_pages_and_styles_request_nothing_from_other_hosts(built_site):
    remote = re.compile(r"^(?:https?:)?//", re.IGNORECASE)
    offenders = []
    for path in html_pages(built_site):
        page = parse_page(path)
        for tag, attrs in page.elements:
            if remote.match(attrs.get("src", "")):
                offenders.append(f"{rel(built_site, path)}: <{tag} src={attrs['src']}>")
            rels = attrs.get("rel", "").split()
            if tag == "link" and {"stylesheet", "preload", "icon", "modulepreload"} & set(rels) \
                    and remote.match(attrs.get("href", "")):
                offenders.append(f"{rel(built_site, path)}: <link rel={attrs['rel']} href={attrs['href']}>")
        raw = path.read_text(encoding="utf-8")
        offenders += [f"{rel(built_site, path)}: {m}" for m in re.findall(r"url\(\s*['\"]?(?:https?:)?//[^)]*\)", raw)]
    for css in built_site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        offenders += [f"{rel(built_site, css)}: {m}" for m in re.findall(
            r"@import\s+(?:url\()?\s*['\"]?(?:https?:)?//[^;]*|url\(\s*['\"]?(?:https?:)?//[^)]*\)", text,
            re.IGNORECASE)]
    assert not offenders, "\n".join(offenders)


# =========================================================================== feeds

def test_rss_feed_carries_every_article_newest_first(built_site):
    feed = parse_feed(built_site / "feed.xml")
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "rss20"
    expected = {article_url(source): source for source in sources()}
    assert not any(source.draft for source in expected.values()), "the real content has no drafts"
    ids = [entry.id for entry in feed.entries]
    assert sorted(ids) == sorted(expected), "one entry per article file, identified by its URL"
    published = [entry.published_parsed for entry in feed.entries]
    assert published == sorted(published, reverse=True), "entries must be newest first"
    guids = ET.fromstring((built_site / "feed.xml").read_bytes()).findall("channel/item/guid")
    assert [guid.text for guid in guids] == ids
    assert all(guid.get("isPermaLink") == "true" for guid in guids), "guids are the articles' permalinks"
    for entry in feed.entries:
        source = expected[entry.id]
        assert entry.link == entry.id
        assert entry.title == source.title
        assert published_in_site_zone(entry) == midnight_in_site_zone(source.date), entry.id
        assert published_in_site_zone(entry).date() == source.date



def test_every_tag_page_offers_a_feed_of_that_tag_a_reader_can_subscribe_to(built_site):
    """The tag page announces its feed (for a reader's "subscribe" button) and links to it; the feed
    holds that tag's newest articles, in the page's order, by the same permanent ids as the site's feed."""
    site_ids = {entry.id for entry in parse_feed(built_site / "feed.xml").entries}
    tag_pages = sorted((built_site / "tags").glob("*/index.html"))
    assert tag_pages
    for page in tag_pages:
        slug, html_text = page.parent.name, page.read_text(encoding="utf-8")
        head = html_text.split("</head>")[0]
        assert re.search(rf'<link rel="alternate" type="application/rss\+xml" title="[^"]+" '
                         rf'href="https://[^"]+/tags/{re.escape(slug)}/feed\.xml">', head)
        assert f'href="../../tags/{slug}/feed.xml">Follow this tag (RSS)</a>' in html_text
        feed = parse_feed(page.parent / "feed.xml")
        assert feed.bozo == 0, feed.get("bozo_exception")
        ids = [entry.id for entry in feed.entries]
        assert ids and set(ids) <= site_ids
        listed = list(dict.fromkeys(re.findall(r'<a href="\.\./\.\./articles/([^/"]+)/"', html_text)))
        assert [entry_id.rstrip("/").rsplit("/", 1)[1] for entry_id in ids] == listed[: len(ids)]


def test_rss_channel_describes_the_site(built_site):
    raw = (built_site / "feed.xml").read_text(encoding="utf-8")
    assert 'rel="self"' in raw and "feed.xml" in raw
    channel = ET.fromstring(raw).find("channel")
    for field in ("title", "link", "description", "language", "lastBuildDate"):
        assert (channel.findtext(field) or "").strip(), f"the channel has no <{field}>"
    assert channel.findtext("title") == SETTINGS["title"]
    assert channel.findtext("language") == SETTINGS["language"]
    assert RFC822.match(channel.findtext("lastBuildDate")), channel.findtext("lastBuildDate")
    selfs = [link for link in channel.findall("atom:link", NS) if link.get("rel") == "self"]
    assert [link.get("href") for link in selfs] == [BASE_URL + "feed.xml"]


def test_rss_channel_link_is_the_home_page(built_site):
    """feedgen takes the RSS <link> from the last link() call; a rel=self one there would win."""
    channel = ET.fromstring((built_site / "feed.xml").read_bytes()).find("channel")
    assert channel.findtext("link") == BASE_URL


def test_rss_dates_are_rfc822_with_a_numeric_zone(built_site):
    raw = (built_site / "feed.xml").read_text(encoding="utf-8")
    dates = re.findall(r"<pubDate>([^<]*)</pubDate>", raw)
    assert len(dates) == len(sources())
    for text in dates:
        assert RFC822.match(text), text


@pytest.mark.parametrize("feed_name", ["feed.xml", "atom.xml"])
def test_feed_content_links_are_absolute(built_site, feed_name):
    feed = parse_feed(built_site / feed_name)
    checked = 0
    for entry in feed.entries:
        content = Page(entry.content[0].value)
        for url in content.urls():
            assert url.startswith(("http://", "https://")), f"{feed_name} {entry.id}: relative link {url!r}"
            checked += 1
    assert checked, "the feed content is expected to hold links (footnote references)"


def test_feed_footnote_links_point_at_the_article_page(built_site):
    """A footnote reference in the feed opens the note on the article page, not in the feed reader."""
    for entry in parse_feed(built_site / "feed.xml").entries:
        for url in Page(entry.content[0].value).urls():
            if "#fn" in url:
                target, fragment = resolve_site_url(built_site, url)
                assert url.startswith(entry.id + "#"), url
                assert fragment in parse_page(target).ids, url


def test_atom_feed_carries_every_article(built_site):
    raw = (built_site / "atom.xml").read_bytes()
    feed = parse_feed(built_site / "atom.xml")
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    expected = {article_url(source): source for source in sources()}
    assert sorted(entry.id for entry in feed.entries) == sorted(expected)
    published = [entry.published_parsed for entry in feed.entries]
    assert published == sorted(published, reverse=True)
    for entry in feed.entries:
        assert entry.link == entry.id
        assert published_in_site_zone(entry) == midnight_in_site_zone(expected[entry.id].date), entry.id
    links = {link.get("rel"): link.get("href") for link in ET.fromstring(raw).findall("atom:link", NS)}
    assert links == {"alternate": BASE_URL, "self": BASE_URL + "atom.xml"}


# =========================================================================== repeatable builds

def test_two_builds_are_byte_identical(built_site, run_build, tmp_path):
    """Same input, same bytes: no build time, random order or path leaks in, and guids never change."""
    again = tmp_path / "again"
    result = run_build("--content", ROOT / "content", "--templates", ROOT / "templates", "--out", again,
                       cwd=tmp_path, env={"PYTHONHASHSEED": "12345"})
    assert result.returncode == 0, result.stderr
    first, second = snapshot(built_site), snapshot(again)
    assert sorted(first) == sorted(second), "the two builds wrote different files"
    differing = [name for name in first if first[name] != second[name]]
    assert not differing, f"files differ between builds: {differing}"


def test_base_url_option_moves_every_absolute_address(run_build, tmp_path):
    other = "https://other.example/news/"
    out = tmp_path / "site"
    build_ok(run_build, "--base-url", other, "--out", out)
    for path in html_pages(out):
        if path.name == "404.html":
            continue
        canonical = parse_page(path).find("link", rel="canonical")[0]["href"]
        assert canonical.startswith(other), f"{rel(out, path)}: {canonical}"
    for source in sources():
        page = parse_page(out / "articles" / source.slug / "index.html")
        assert page.find("link", rel="canonical")[0]["href"] == article_url(source, other)
    for name in ("feed.xml", "atom.xml"):
        feed = parse_feed(out / name)
        assert feed.bozo == 0
        assert sorted(entry.id for entry in feed.entries) == sorted(article_url(s, other) for s in sources())
    # the 404 page is served at any depth, so its links carry the base URL's path
    for url in parse_page(out / "404.html").urls():
        assert url.startswith((other, "/news/", "#")), f"404.html: {url}"
    old_host = urlsplit(BASE_URL).netloc
    leaks = [name for name, data in snapshot(out).items() if old_host.encode() in data]
    assert not leaks, f"the configured base URL still appears in {leaks}"


# =========================================================================== editing the content

NEW_ARTICLE = """\
---
title: "Q&A: security researchers weigh in on the Mythos benchmark claims"
slug: mythos-benchmark-claims
date: 2026-04-09
author: Dana Whitfield
outlet: The Example Ledger
tags: [Model evaluations, Cybersecurity]
summary: "Independent researchers question how the CyberGym figures in the Claude Mythos Preview system card were measured."
---

Two days after the launch of Project Glasswing, independent security researchers began
asking how the headline CyberGym score was produced.[^1]

The system card reports the figure without the harness used to obtain it, and several
researchers said they would wait for a reproducible evaluation before drawing conclusions.

[^1]: Example Ledger interviews with three vulnerability researchers, April 8-9, 2026.
"""


def test_a_new_article_appears_everywhere_after_one_rebuild(content_copy, run_build):
    out = content_copy / "public" / "site"
    build_ok(run_build, *copy_args(content_copy, out))
    new_file = content_copy / "content" / "articles" / "2026-04-09-benchmarks.md"
    new_file.write_text(NEW_ARTICLE, encoding="utf-8")
    build_ok(run_build, *copy_args(content_copy, out))

    source = read_source(new_file)
    assert source.slug == "mythos-benchmark-claims"
    page_file = out / "articles" / "mythos-benchmark-claims" / "index.html"
    assert page_file.is_file(), "the page lives at the slug the front matter sets"
    assert not (out / "articles" / "2026-04-09-benchmarks").exists()
    page = parse_page(page_file)
    assert page.h1s == [source.title]
    assert page.find("li", id="fn-1")

    def links_to_new_article(html_file: Path) -> bool:
        return any(resolve_link(out, html_file, url)[0] == page_file
                   for url in parse_page(html_file).urls() if not EXTERNAL.match(url))

    assert links_to_new_article(out / "index.html"), "home page"
    assert links_to_new_article(out / "tags" / "model-evaluations" / "index.html"), "the new tag's page"
    assert links_to_new_article(out / "tags" / "cybersecurity" / "index.html"), "the existing tag's page"
    assert any(resolve_link(out, out / "tags" / "index.html", url)[0] == out / "tags" / "model-evaluations" /
               "index.html" for url in parse_page(out / "tags" / "index.html").urls()), "the tags index"
    for name in ("feed.xml", "atom.xml"):
        feed = parse_feed(out / name)
        assert feed.bozo == 0
        assert feed.entries[0].id == article_url(source), f"{name}: the newest article comes first"
        assert len(feed.entries) == len(sources()) + 1
    assert sorted(path.name for path in out.parent.iterdir()) == ["site"], "no staging folders left behind"


def test_a_failed_build_leaves_the_previous_site_untouched(content_copy, run_build):
    out = content_copy / "public" / "site"
    build_ok(run_build, *copy_args(content_copy, out))
    before = snapshot(out)

    broken = content_copy / "content" / "articles" / "anthropic-claude-mythos-leak-what-we-know.md"
    lines = broken.read_text(encoding="utf-8").split("\n")
    date_line = next(number for number, line in enumerate(lines, 1) if line.startswith("date:"))
    lines[date_line - 1] = "date: 2026-02-30"
    broken.write_text("\n".join(lines), encoding="utf-8")

    result = run_build(*copy_args(content_copy, out))
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{broken.name}:{date_line}:" in result.stderr, result.stderr
    assert snapshot(out) == before, "a failed build changed the previous site"
    assert sorted(path.name for path in out.parent.iterdir()) == ["site"], "no staging folders left behind"

    fresh = content_copy / "fresh" / "site"
    fresh.parent.mkdir()
    result = run_build(*copy_args(content_copy, fresh))
    assert result.returncode == 1
    assert not fresh.exists() and not any(fresh.parent.iterdir()), "a failed first build writes nothing"


def test_a_draft_appears_nowhere(content_copy, run_build):
    draft = NEW_ARTICLE.replace("slug: mythos-benchmark-claims\n", "slug: mythos-benchmark-claims\ndraft: true\n")
    (content_copy / "content" / "articles" / "2026-04-09-benchmarks.md").write_text(draft, encoding="utf-8")
    out = content_copy / "public" / "site"
    build_ok(run_build, *copy_args(content_copy, out))
    leaks = [name for name, data in snapshot(out).items()
             if b"mythos-benchmark-claims" in data or b"model-evaluations" in data or b"Dana Whitfield" in data]
    assert not leaks, f"the draft shows in {leaks}"
    assert not (out / "articles" / "mythos-benchmark-claims").exists()

    with_drafts = content_copy / "public" / "preview"
    build_ok(run_build, *copy_args(content_copy, with_drafts), "--drafts")
    assert (with_drafts / "articles" / "mythos-benchmark-claims" / "index.html").is_file()


EDGE_ARTICLE = """\
---
title: "Corrections and clarifications"
date: 2026-04-10
tags: [Corrections]
summary: "Two corrections to earlier coverage."
---

## Main

The first report put the exposed assets at 3,000.[^1] A later count agreed.[^1]
The figure for unpublished drafts was revised separately.[^1-2]

## Footnotes heading

A section whose title matches the id of the page's notes heading.

## S notes

## Fn 1

No other corrections have been made.

[^1]: Fortune, March 26, 2026.
[^1-2]: Fortune, correction of March 27, 2026.
"""


def _build_edge_article(content_copy, run_build) -> Page:
    (content_copy / "content" / "articles" / "corrections.md").write_text(EDGE_ARTICLE, encoding="utf-8")
    out = content_copy / "public" / "site"
    build_ok(run_build, *copy_args(content_copy, out))
    return parse_page(out / "articles" / "corrections" / "index.html")


def test_heading_ids_do_not_repeat_the_page_ids(content_copy, run_build):
    page = _build_edge_article(content_copy, run_build)
    assert not duplicates(page.ids), duplicates(page.ids)


def test_footnote_citation_ids_never_collide(content_copy, run_build):
    page = _build_edge_article(content_copy, run_build)
    citations = [attrs["id"] for attrs in page.find("a") if attrs.get("id", "").startswith("fnref-")]
    assert not duplicates(citations), duplicates(citations)


# =========================================================================== refusing dangerous --out

@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A throw-away copy of the project (build.py, src/, content/, templates/).

    The refusal tests point --out at "the project folder"; if a refusal ever broke, the real
    checkout (and a colleague's uncommitted work in it) would be replaced by a built site.
    """
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy2(ROOT / "build.py", project / "build.py")
    for folder in ("src", "content", "templates"):
        shutil.copytree(ROOT / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return project


def _run_copy(project: Path, *args, cwd: Path | None = None):
    """`python build.py ARGS` of the copy, run in the copy; no __pycache__ is written, so a
    snapshot taken around it sees only what the build itself did."""
    return subprocess.run([sys.executable, str(project / "build.py"), *map(str, args)], cwd=cwd or project,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})


@pytest.mark.parametrize("out", [".", "<project>", "..", "content", "templates"])
def test_refuses_to_build_over_the_project(project_copy, out):
    before = snapshot(project_copy.parent)
    target = project_copy if out == "<project>" else out
    result = _run_copy(project_copy, "--out", target)
    assert result.returncode == 1, result.stdout
    assert "mythos-site:" in result.stderr and "output folder" in result.stderr, result.stderr
    after = snapshot(project_copy.parent)
    assert after == before, "nothing may be created or deleted"


def test_refuses_the_project_folder_from_elsewhere(project_copy):
    """Run from the folder above, with the project's content: the project is still protected."""
    before = snapshot(project_copy.parent)
    result = _run_copy(project_copy, "--content", project_copy / "content", "--templates",
                       project_copy / "templates", "--out", project_copy, cwd=project_copy.parent)
    assert result.returncode == 1, result.stdout
    assert "mythos-site:" in result.stderr and "output folder" in result.stderr, result.stderr
    after = snapshot(project_copy.parent)
    assert after == before, "nothing may be created or deleted"


@pytest.mark.parametrize("contents", [
    {"notes.txt": "my notes"},
    {"photos/holiday.jpg": "not really a photo", "todo.md": "- buy milk"},
])
def test_refuses_a_folder_that_is_not_a_built_site(run_build, tmp_path, contents):
    out = tmp_path / "mine"
    for name, text in contents.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text(text)
    before = snapshot(tmp_path)
    result = run_build("--out", out)
    assert result.returncode == 1, result.stdout
    assert "not a built site" in result.stderr, result.stderr
    assert snapshot(tmp_path) == before


def test_refuses_an_output_path_that_is_a_file(run_build, tmp_path):
    out = tmp_path / "site"
    out.write_text("precious")
    result = run_build("--out", out)
    assert result.returncode == 1
    assert "mythos-site:" in result.stderr
    assert out.read_text() == "precious"


def test_refuses_a_hand_made_folder_that_happens_to_have_an_index_page(run_build, tmp_path):
    """Having an index.html does not make a folder a built site; its other files must survive."""
    out = tmp_path / "homepage"
    out.mkdir()
    (out / "index.html").write_text("<!DOCTYPE html><title>My homepage</title>")
    (out / "cv.pdf").write_text("my only copy")
    before = snapshot(tmp_path)
    result = run_build("--out", out)
    assert result.returncode == 1, "the folder was replaced by a built site"
    assert snapshot(tmp_path) == before
