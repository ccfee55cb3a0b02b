"""What pages show, computed from the site: templates only lay it out."""

from __future__ import annotations

import heapq
from dataclasses import dataclass, replace
from datetime import date, datetime

from mythos_site import urls
from mythos_site.records import UNKNOWN_OUTLET, Article, Citation, Quote, Speaker
from mythos_site.site_records import FactItem, QuoteGroup, Report, Site, Source, Statement, TimelineEvent, Version
from mythos_site.content.slugs import slugify
from mythos_site.extract.text import fold
from mythos_site.extract.matching import PRECISION_ORDER


@dataclass(frozen=True)
class SpeakerSection:
    anchor: str
    name: str
    kind: str | None
    groups: tuple  # QuoteGroup, or QuoteEntry on a page of the quotes list


@dataclass(frozen=True)
class OutletEntry:
    name: str
    articles: tuple[Article, ...]  # the newest
    total: int


# An article page is given small views of what it links to, not the linked records themselves:
# a page is rendered again only when what it shows changes (see fingerprints.py).

@dataclass(frozen=True)
class ArticleQuote:
    quote: Quote
    group_id: str | None
    carried_by: int  # how many articles carry the quote, this one included
    href: str | None = None  # where its group is listed, from the site root


@dataclass(frozen=True)
class ArticleLink:
    slug: str
    title: str
    outlet: str | None
    published: datetime


@dataclass(frozen=True)
class SourceLink:
    id: str
    count: int  # articles that cite it
    href: str  # where it is listed, from the site root: its own page, or the sources page that holds it


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
    """Every outlet with its newest list_limit articles (the archive has the rest) and their count."""
    by_name: dict[str, list[Article]] = {}
    for article in site.articles:
        by_name.setdefault(article.outlet or UNKNOWN_OUTLET, []).append(article)
    named = sorted((name for name in by_name if name != UNKNOWN_OUTLET), key=str.casefold)
    names = named + ([UNKNOWN_OUTLET] if UNKNOWN_OUTLET in by_name else [])
    return tuple(OutletEntry(name, tuple(by_name[name][:site.config.list_limit]), len(by_name[name])) for name in names)


def quote_groups_by_use(site: Site) -> dict[tuple[str, str], QuoteGroup]:
    """Each article's quote (by slug and folded text) to its group, built once for every page."""
    return {(use.article.slug, fold(quote.text)): group for group in site.quote_groups for use in group.uses
            for quote in use.article.quotes if fold(quote.text) in fold(group.text)}


def article_quotes(article: Article, group_of: dict[tuple[str, str], QuoteGroup],
                   places: dict[str, str]) -> tuple[ArticleQuote, ...]:
    found = [(quote, group_of.get((article.slug, fold(quote.text)))) for quote in article.quotes]
    return tuple(ArticleQuote(quote, group.id, group.carried_by, places[group.id]) if group else
                 ArticleQuote(quote, None, 1) for quote, group in found)




@dataclass(frozen=True)
class QuoteEntry:
    """A quotation as the quotes list shows it: the first articles that carry it."""

    id: str
    text: str
    other_speakers: tuple[Speaker, ...]
    carried_by: int
    carriers: Shortened


def quote_pages(site: Site, carriers: dict[str, Shortened]
                ) -> tuple[tuple[tuple[Listing, tuple[SpeakerSection, ...]], ...], dict[str, str]]:
    """The pages of the quotes list, each with its speakers' sections (a speaker's quotes may go on
    over the next page), and each quotation's place on them (id -> link from the site root)."""
    flat = tuple((section, group) for section in speaker_sections(site) for group in section.groups)
    pages, listed = [], {}
    for listing in paginate(flat, urls.QUOTES, site.config.quotes_per_page):
        folder = listing.path.removesuffix("index.html")
        sections: dict[str, tuple[SpeakerSection, list[QuoteEntry]]] = {}
        for section, group in listing.articles:
            sections.setdefault(section.anchor, (section, []))[1].append(QuoteEntry(
                group.id, group.text, group.other_speakers, group.carried_by, carriers[group.id]))
            listed[group.id] = f"{folder}#{group.id}"
        pages.append((listing, tuple(replace(section, groups=tuple(entries))
                                     for section, entries in sections.values())))
    return tuple(pages), listed


def article_link(article: Article) -> ArticleLink:
    return ArticleLink(article.slug, article.title, article.outlet, article.published)


def cited_by(article: Article, cited: dict[str, Source], places: dict[str, str]) -> dict[str, SourceLink]:
    """The sources of this article's own footnotes."""
    keys = (note.citation.key for note in article.footnotes if note.citation and note.citation.key)
    return {key: SourceLink(cited[key].id, len(cited[key].uses), places[cited[key].id]) for key in keys if key in cited}




@dataclass(frozen=True)
class SourceEntry:
    """A cited work as the sources list shows it: the first articles that cite it."""

    id: str
    citation: Citation
    citers: Shortened


def source_entries(sources: tuple[Source, ...], citers: dict[str, Shortened]) -> tuple[SourceEntry, ...]:
    return tuple(SourceEntry(source.id, source.citation, citers[source.id]) for source in sources)


def source_pages(site: Site) -> tuple[tuple[Listing, ...], dict[str, str]]:
    """The pages of the sources list, most cited first, and each source's place on them (id -> link
    from the site root)."""
    pages = paginate(site.sources, urls.SOURCES, site.config.sources_per_page)
    listed = {source.id: f"{listing.path.removesuffix('index.html')}#{source.id}"
              for listing in pages for source in listing.articles}
    return pages, listed


def sources_by_key(site: Site) -> dict[str, Source]:
    return {key: source for source in site.sources for use in source.uses for key in use.footnote.citation.keys}


@dataclass(frozen=True)
class ArchiveMonth:
    anchor: str
    label: str
    articles: tuple[Article, ...]


RELATED_GROUP_LIMIT = 50  # an event or quote carried by more articles than this tells them apart no better


def related_coverage(site: Site, limit: int = 5) -> dict[str, tuple[Article, ...]]:
    """For each article, the others that share its events, quote groups, facts, people, cited
    sources and tags, most shared first.

    Shared events and quotes are counted from the groups themselves; a group carried by very many
    articles is left out, as a common word is in search, so the cost stays linear in the articles.
    """
    groups = [{r.article.slug for r in item.reports} for item in site.timeline.events]
    groups += [{use.article.slug for use in group.uses} for group in site.quote_groups]
    groups += [{r.article.slug for r in item.reports} for item in site.facts]
    groups += [{m.article.slug for m in item.mentions} for item in site.entities]
    groups += [{use.article.slug for use in source.uses} for source in site.sources]
    groups += [{article.slug for article in page.articles} for page in site.tags]
    shared: dict[str, dict[str, int]] = {}
    for slugs in groups:
        if len(slugs) > RELATED_GROUP_LIMIT:
            continue
        for slug in slugs:
            counts = shared.setdefault(slug, {})
            for other in slugs - {slug}:
                counts[other] = counts.get(other, 0) + 1
    # Most shared first, then newest first (the site's order): one integer a candidate, so the
    # ranking runs in C, with no key function called for each of a million candidates.
    rank = {article.slug: number for number, article in enumerate(site.articles)}
    span = len(site.articles)
    return {
        slug: tuple(site.articles[key % span] for key in heapq.nsmallest(
            limit, [rank[other] - count * span for other, count in counts.items()]))
        for slug, counts in shared.items()
    }


def most_carried_quotes(site: Site, limit: int = 3) -> tuple[QuoteGroup, ...]:
    return tuple(group for group in site.quote_groups if group.carried_by > 1)[:limit]


def key_facts(site: Site) -> tuple[FactItem, ...]:
    return tuple(item for item in site.facts if item.fact.key and item.reports)


def fact_label(item: FactItem) -> str:
    """The figure as most articles print it."""
    texts = [report.figure.text for report in item.versions[0].reports] if item.versions else []
    return max(sorted(set(texts)), key=texts.count) if texts else ""


def first_mention(item, article: Article) -> str:
    """The paragraph where an article first names a person or organisation."""
    return next(m.anchor for m in item.mentions if m.article.slug == article.slug)


@dataclass(frozen=True)
class Listing:
    """One page of a long list (of articles, or of cited works, quotes or a whole list's entries),
    with the way to the pages before and after it."""

    path: str  # output path, e.g. "tags/x/page/2/index.html"
    number: int
    count: int  # how many pages the list has
    articles: tuple  # the entries on this page
    newer: str | None  # folder of the page before, from the site root ("" is the root itself)
    older: str | None


def paginate(articles: tuple, folder: str, per_page: int) -> tuple[Listing, ...]:
    """Split a list into pages: the first at folder/, the next at folder/page/2/ and so on.

    An empty list still has its first page, which says there is nothing yet.
    """
    chunks = [articles[start:start + per_page] for start in range(0, len(articles), per_page)] or [()]
    folders = [folder] + [f"{folder}page/{number}/" for number in range(2, len(chunks) + 1)]
    return tuple(
        Listing(folders[index] + "index.html", index + 1, len(chunks), chunk,
                folders[index - 1] if index else None, folders[index + 1] if index + 1 < len(chunks) else None)
        for index, chunk in enumerate(chunks)
    )


def archive_months(articles: tuple[Article, ...]) -> tuple[ArchiveMonth, ...]:
    """Articles by month of publication, in the order given (newest first)."""
    months: dict[tuple[int, int], list[Article]] = {}
    for article in articles:
        months.setdefault((article.published.year, article.published.month), []).append(article)
    return tuple(ArchiveMonth(f"m-{year}-{month:02d}", f"{date(year, month, 1):%B} {year}", tuple(found))
                 for (year, month), found in months.items())




@dataclass(frozen=True)
class Shortened:
    """The first entries of a list, and where the whole list is when they are not all of it."""

    shown: tuple
    total: int
    whole: str | None  # the folder of the page with every entry, from the site root


def shorten(entries: tuple, folder: str, limit: int) -> Shortened:
    if len(entries) <= limit:
        return Shortened(entries, len(entries), None)
    return Shortened(entries[:limit], len(entries), folder)


def quote_carriers(site: Site) -> dict[str, Shortened]:
    return {group.id: shorten(group.uses, urls.quote_carriers(group.id), site.config.list_limit) for group in site.quote_groups}


def source_citers(site: Site) -> dict[str, Shortened]:
    return {source.id: shorten(source.uses, urls.source_citers(source.id), site.config.list_limit) for source in site.sources}
