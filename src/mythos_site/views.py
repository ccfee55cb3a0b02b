"""What pages show, computed from the site: templates only lay it out."""

from __future__ import annotations

from dataclasses import dataclass

from mythos_site.records import Article, Quote, QuoteGroup, Site, Source
from mythos_site.slugs import slugify


@dataclass(frozen=True)
class SpeakerSection:
    anchor: str
    name: str
    kind: str | None
    groups: tuple[QuoteGroup, ...]


@dataclass(frozen=True)
class OutletEntry:
    name: str
    articles: tuple[Article, ...]


@dataclass(frozen=True)
class ArticleQuote:
    quote: Quote
    group: QuoteGroup | None


def speaker_sections(site: Site) -> tuple[SpeakerSection, ...]:
    """Quote groups by agreed speaker, the speakers whose words are carried most first; unnamed last."""
    sections: dict[str, list[QuoteGroup]] = {}
    for group in site.quote_groups:
        sections.setdefault(group.speaker.key if group.speaker else "", []).append(group)

    def order(key: str):
        groups = sections[key]
        return (key == "", -sum(group.carried_by for group in groups), groups[0].speaker.name if key else "")

    return tuple(
        SpeakerSection(
            anchor="s-speaker-" + (slugify(key) or "none"),
            name=max((g.speaker.name for g in sections[key]), key=lambda n: (len(n), n)) if key else "No speaker named",
            kind=sections[key][0].speaker.kind if key else None,
            groups=tuple(sections[key]),
        )
        for key in sorted(sections, key=order)
    )


def outlets(site: Site) -> tuple[OutletEntry, ...]:
    by_name: dict[str, list[Article]] = {}
    for article in site.articles:
        by_name.setdefault(article.outlet or "Outlet not stated", []).append(article)
    named = sorted((name for name in by_name if name != "Outlet not stated"), key=str.casefold)
    names = named + (["Outlet not stated"] if "Outlet not stated" in by_name else [])
    return tuple(OutletEntry(name, tuple(by_name[name])) for name in names)


def article_quotes(site: Site, article: Article) -> tuple[ArticleQuote, ...]:
    group_of = {(use.article.slug, use.quote): group for group in site.quote_groups for use in group.uses}
    return tuple(ArticleQuote(quote, group_of.get((article.slug, quote))) for quote in article.quotes)


def sources_by_key(site: Site) -> dict[str, Source]:
    return {key: source for source in site.sources for use in source.uses for key in use.footnote.citation.keys}
