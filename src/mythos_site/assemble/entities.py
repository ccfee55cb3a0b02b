"""People and organisations: gather where articles name the curated ones, their quotes and events."""

from __future__ import annotations

import re
from collections import Counter

from mythos_site.extract.matching import name_pattern
from mythos_site.records import Article
from mythos_site.site_records import Entity, EntityItem, EntityMention, QuoteGroup, TimelineEvent
from mythos_site.extract.speakers import known_names_in
from mythos_site.extract.text import fold

def build_entities(articles: tuple[Article, ...], entities: tuple[Entity, ...], groups: tuple[QuoteGroup, ...],
                   events: tuple[TimelineEvent, ...]) -> tuple[EntityItem, ...]:
    """Each person and organisation with the articles that name them (found when the articles were
    matched against these entities), their quotes and their events."""
    owner = {name: entity for entity in entities for name in entity.names}
    mentions: dict[str, list[EntityMention]] = {entity.id: [] for entity in entities}
    for article in sorted(articles, key=lambda a: (a.published, a.slug)):
        for anchor, name in article.names:
            if name in owner:
                mentions[owner[name].id].append(EntityMention(article, anchor, name))
    return tuple(
        EntityItem(entity, tuple(mentions[entity.id]), _quotes_of(entity, groups), _events_of(entity, events))
        for entity in entities
    )


def _quotes_of(entity: Entity, groups: tuple[QuoteGroup, ...]) -> tuple[QuoteGroup, ...]:
    """Quotes whose speaker is the entity, or speaks for it ("Anthropic spokesperson")."""
    names = [fold(name) for name in entity.names]
    return tuple(group for group in groups if group.speaker and any(
        fold(group.speaker.name) == name or (fold(group.speaker.name).startswith(name + " ")
                                             and group.speaker.kind == "spokesperson")
        for name in names))


def _events_of(entity: Entity, events: tuple[TimelineEvent, ...]) -> tuple[TimelineEvent, ...]:
    names = [fold(name) for name in entity.names]
    return tuple(item for item in events if any(
        f" {name} " in f" {fold(item.event.headline + ' ' + item.event.text)} " for name in names))


def unlisted_names(articles: tuple[Article, ...], entities: tuple[Entity, ...], least: int = 2) -> list[tuple[str, int]]:
    """Capitalised names that appear in several articles but in no entry: candidates for the editor."""
    pattern, _ = name_pattern(entities)
    counts: Counter[str] = Counter()
    for article in articles:
        text = " ".join(block.text for block in article.blocks)
        names = set()
        for run in known_names_in(text):  # "Jane Roe of Example Research and Logan Graham"
            names.add(run)
            names.update(part for part in re.split(r" (?:and|of|for) ", run) if " " in part)
        counts.update(names)
    return sorted(((name, count) for name, count in counts.items()
                   if count >= least and not (pattern and pattern.search(name))),
                  key=lambda item: (-item[1], item[0]))
