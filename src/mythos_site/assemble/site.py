"""Assemble the site: articles in reading order and the pages that group them."""

from __future__ import annotations

from mythos_site.assemble.entities import build_entities
from mythos_site.assemble.facts import build_facts
from mythos_site.assemble.people import find_people
from mythos_site.assemble.groups import group_quotes, group_sources
from mythos_site.records import Article, SiteConfig
from mythos_site.site_records import Calendar, Entity, Fact, Site, TagPage
from mythos_site.assemble.timeline import build_timeline


NO_EVENTS = Calendar(())


def assemble_site(config: SiteConfig, articles: tuple[Article, ...] | list[Article],
                  calendar: Calendar = NO_EVENTS, facts: tuple[Fact, ...] = (),
                  entities: tuple[Entity, ...] = ()) -> Site:
    """The site, from articles matched against these events and entities (see matching.py)."""
    ordered = tuple(sorted(articles, key=_newest_first))
    quote_groups = group_quotes(ordered)
    timeline = build_timeline(ordered, calendar)
    hidden = tuple(entity for entity in entities if entity.hidden)
    entities = tuple(entity for entity in entities if not entity.hidden)
    found, names = find_people(ordered, quote_groups, timeline.events, entities, hidden)
    return Site(config=config, articles=ordered, tags=_tag_pages(ordered), quote_groups=quote_groups,
                sources=group_sources(ordered), timeline=timeline, facts=build_facts(ordered, facts),
                entities=build_entities(ordered, entities, quote_groups, timeline.events) + found,
                found_names=names)


def _newest_first(article: Article):
    # The slug breaks ties, so the order never depends on the order files were listed in.
    return (-article.published.timestamp(), article.slug)


def _tag_pages(articles: tuple[Article, ...]) -> tuple[TagPage, ...]:
    by_slug: dict[str, list[Article]] = {}
    names: dict[str, object] = {}
    for article in articles:
        for tag in article.tags:
            names.setdefault(tag.slug, tag)
            by_slug.setdefault(tag.slug, []).append(article)
    return tuple(
        TagPage(names[slug], tuple(by_slug[slug]))
        for slug in sorted(by_slug, key=lambda slug: (names[slug].name.casefold(), slug))
    )
