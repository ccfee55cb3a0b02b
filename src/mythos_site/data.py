"""Render data: JSON files under /data/ for other tools (shapes documented in the README)."""

from __future__ import annotations

import json

from mythos_site.records import Article, Footnote, QuoteGroup, Site, Speaker


def render_data(site: Site) -> dict[str, bytes]:
    return {
        "data/articles.json": _json([_article(site, article) for article in site.articles]),
        "data/quotes.json": _json([_quote_group(site, group) for group in site.quote_groups]),
    }



def _json(value) -> bytes:
    text = json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False)
    # Never let a value end a <script> or open markup if a page ever embeds the file.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return (text + "\n").encode("utf-8")


def _article(site: Site, article: Article) -> dict:
    return {
        "slug": article.slug,
        "title": article.title,
        "url": site.article_url(article),
        "original_url": article.url,
        "outlet": article.outlet,
        "author": article.byline or None,
        "published": article.published.isoformat(),
        "date_inferred": article.date_inferred,
        "tags": [tag.name for tag in article.tags],
        "footnotes": [_footnote(note) for note in article.footnotes],
    }


def _footnote(note: Footnote) -> dict:
    citation = note.citation
    return {
        "marker": note.marker,
        "text": note.text,
        "publisher": citation.publisher if citation else None,
        "title": citation.title if citation else None,
        "date": citation.date if citation else None,
        "url": citation.url if citation else None,
        "missing_from_source_list": bool(citation and citation.missing),
    }


def _quote_group(site: Site, group: QuoteGroup) -> dict:
    return {
        "id": group.id,
        "text": group.text,
        "speaker": _speaker_name(group.speaker),
        "kind": group.speaker.kind if group.speaker else None,
        "other_speakers": [_speaker_name(speaker) for speaker in group.other_speakers],
        "articles": [
            {
                "slug": use.article.slug,
                "url": site.article_url(use.article) + "#" + use.quote.anchor,
                "anchor": use.quote.anchor,
                "text": use.quote.text,
                "speaker": _speaker_name(use.quote.speaker),
                "published": use.article.published.isoformat(),
            }
            for use in group.uses
        ],
    }


def _speaker_name(speaker: Speaker | None) -> str | None:
    return speaker.name if speaker else None
