"""Metadata for machines: schema.org JSON-LD for each article, the sitemap, robots.txt, and where the feeds are."""

from __future__ import annotations

import json
from html import escape
from urllib.parse import quote

from mythos_site import urls
from mythos_site.output.originals import published_iso
from mythos_site.records import Article, SiteConfig
from mythos_site.site_records import Site



def as_uri(url: str) -> str:
    """The address with letters of other scripts percent-encoded ("tags/日本語/" as
    "tags/%E6%97%A5..."): sitemaps and RSS take URIs, not the IRIs that pages may link to."""
    return quote(url, safe=":/?#[]@!$&'()*+,;=%~")


def script_json(value) -> str:
    """JSON that is safe inside a <script> element: no character can end it or open markup."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def news_article(config: SiteConfig, article: Article) -> dict:
    """schema.org NewsArticle: headline, dates, the original it is based on, its outlet as the source
    organisation, its authors as people, the site as publisher, and the works it cites."""
    url = config.article_url(article)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "url": url,
        "mainEntityOfPage": url,
        "image": config.base_url + urls.article_card(article.slug),
        # The date alone where the source gives no time of day: no midnight it did not state.
        "datePublished": published_iso(article),
        "dateModified": article.updated.isoformat() if article.updated else published_iso(article),
        "inLanguage": config.language,
        "publisher": {"@type": "Organization", "name": config.title, "url": config.base_url},
        "wordCount": article.word_count,
    }
    if article.outlet:
        data["sourceOrganization"] = {"@type": "NewsMediaOrganization", "name": article.outlet}
    # No author the source does not state: neither the site nor the outlet is the author.
    if article.authors:
        data["author"] = [{"@type": "Person", "name": name} for name in article.authors]
    if article.summary:
        data["description"] = article.summary
    if article.tags:
        data["keywords"] = [tag.name for tag in article.tags]
    if article.url:
        original = {"@type": "NewsArticle", "url": article.url, "headline": article.title}
        if article.outlet:
            original["publisher"] = {"@type": "NewsMediaOrganization", "name": article.outlet}
        data["isBasedOn"] = original
    citations = [_cited_work(note.citation) for note in article.footnotes if note.citation and not note.citation.missing]
    if citations:
        data["citation"] = citations
    return data


def _cited_work(citation) -> dict:
    work = {"@type": "CreativeWork"}
    if citation.title:
        work["name"] = citation.title
    if citation.publisher:
        work["publisher"] = {"@type": "Organization", "name": citation.publisher}
    if citation.date:
        work["datePublished"] = citation.date
    if citation.url:
        work["url"] = citation.url
    return work


def render_sitemap(site: Site, page_paths: list[str]) -> dict[str, bytes]:
    """sitemap.xml with every page (articles with their date) and robots.txt that points to it."""
    base = site.config.base_url
    dates = {urls.article_file(a.slug): (a.updated or a.published).date().isoformat() for a in site.articles}
    entries = []
    for path in sorted(page_paths):
        if not path.endswith("index.html"):
            continue
        location = as_uri(base + path[: -len("index.html")])
        lastmod = f"<lastmod>{dates[path]}</lastmod>" if path in dates else ""
        entries.append(f"  <url><loc>{escape(location, quote=False)}</loc>{lastmod}</url>")
    sitemap = ('<?xml version="1.0" encoding="UTF-8"?>\n'
               '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + "\n".join(entries) + "\n</urlset>\n")
    robots = f"User-agent: *\nAllow: /\n\nSitemap: {base}{urls.SITEMAP}\n"
    return {urls.SITEMAP: sitemap.encode("utf-8"), urls.ROBOTS: robots.encode("utf-8")}
