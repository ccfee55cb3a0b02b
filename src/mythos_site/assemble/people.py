"""People and organisations found by rule: the names each article gives (extract/names.py), folded
across articles by their aliases, kept when quoted or named in two articles or more.

A person's aliases are the surname alone and the surname after an honorific ("Mr Pell"); an
organisation's, its acronym and its name without the word that makes it one ("Tallis" for
"Tallis Payments", "Corvell" for "Corvell Aero"). A possessive is folded away when the article is
read. Names that are only plain mentions (a place, a product, a document) are never kept: some
rule must say a name is a person's or an organisation's.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from mythos_site.extract.names import ORG_ENDINGS
from mythos_site.extract.text import fold
from mythos_site.records import Article, NameUse
from mythos_site.site_records import Entity, EntityItem, EntityMention, QuoteGroup, TimelineEvent

LEAST_ARTICLES = 2
TYPED = ("speaker", "title", "apposition", "honorific", "acronym", "form")


@dataclass
class _Found:
    names: Counter = field(default_factory=Counter)
    kinds: Counter = field(default_factory=Counter)
    roles: list[tuple[str, str]] = field(default_factory=list)  # (role, article slug)
    aliases: set[str] = field(default_factory=set)
    quoted: bool = False

    @property
    def name(self) -> str:
        return max(self.names, key=lambda name: (self.names[name], len(name), name))

    @property
    def kind(self) -> str:
        return max(self.kinds, key=lambda kind: (self.kinds[kind], kind)) if self.kinds else "person"


def find_people(articles: tuple[Article, ...], groups: tuple[QuoteGroup, ...], events: tuple[TimelineEvent, ...],
                curated: tuple[Entity, ...] = (), hidden: tuple[Entity, ...] = ()
                ) -> tuple[tuple[EntityItem, ...], frozenset[str]]:
    """The people and organisations the rules find, each with its mentions, quotes and events,
    none that a curated entry already names or an editor hid (by its id or name); and every folded name a mention counts for (kept for
    a patch: a plain mention of one of them, added or removed, changes the people found)."""
    ordered = sorted(articles, key=lambda a: (a.published, a.slug))
    found = _typed(ordered)
    _fold_aliases(found)
    owner = _owners(found)
    taken = {fold(name) for entity in curated for name in entity.names}
    taken |= {fold(entity.name) for entity in hidden if entity.name}
    hidden_ids = {entity.id for entity in hidden}
    mentions: dict[str, list[EntityMention]] = defaultdict(list)
    folded: dict[str, str] = {}
    for article in ordered:
        seen: set[tuple[str, str]] = set()
        for name, anchor in article.mentioned.pairs():
            key = folded.get(name)
            if key is None:
                key = folded[name] = fold(name)
            key = owner.get(key)
            if key is not None and (key, anchor) not in seen:
                seen.add((key, anchor))
                mentions[key].append(EntityMention(article, anchor, name))
    items = []
    texts, speakers = _EventTexts(events), _speakers(groups)
    for key, entry in found.items():
        named_in = {mention.article.slug for mention in mentions[key]}
        if not (entry.quoted or len(named_in) >= LEAST_ARTICLES):
            continue
        names = {fold(entry.name)} | {fold(alias) for alias in entry.aliases}
        if names & taken or person_id(entry.name) in hidden_ids:
            continue
        entity = Entity(person_id(entry.name), entry.name, entry.kind, _role(entry),
                        tuple(sorted(alias for alias in entry.aliases if fold(alias) != key)), found=True)
        items.append(EntityItem(entity, tuple(mentions[key]), _quotes_of(names, groups, speakers),
                                texts.naming(entity)))
    return tuple(sorted(items, key=lambda item: (-len(item.articles), item.entity.name))), frozenset(owner)


def mentions_of(article: Article, names: frozenset[str]) -> list[tuple[str, str]]:
    """(name, anchor) of the names the article prints that count for one of these folded names."""
    return [(name, anchor) for name, anchor in article.mentioned.pairs() if fold(name) in names]


def _typed(articles: list[Article]) -> dict[str, _Found]:
    found: dict[str, _Found] = defaultdict(_Found)
    for article in articles:
        for use in article.people:
            if use.how not in TYPED or not use.name.strip():
                continue
            entry = found[fold(use.name)]
            entry.names[use.name] += use.count
            # the article's words say more than a guess
            entry.kinds[use.kind] += (1 if use.how == "speaker" else 3) * use.count
            entry.aliases.update(use.aliases)
            entry.quoted = entry.quoted or use.how == "speaker"
            if use.role:
                entry.roles += [(use.role, article.slug)] * use.count
    return dict(found)


def _fold_aliases(found: dict[str, _Found]) -> None:
    """Give each name its aliases, and fold a name that is another's alias into it ("Pell" and
    "Mr Pell" into "Warwick Pell", "CAA" into "Civil Aviation Authority")."""
    for key, entry in found.items():
        words = entry.name.split()
        if entry.kind == "person" and len(words) > 1:
            entry.aliases.add(words[-1])
        elif entry.kind == "organisation" and words[0].lower() != "the":
            # "Tallis Payments Inc" is also "Tallis Payments" and "Tallis"
            while len(words) > 1 and words[-1].lower().rstrip(".") in ORG_ENDINGS:
                words = words[:-1]
                entry.aliases.add(" ".join(words))
    alias_owner: dict[str, list[str]] = defaultdict(list)
    for key, entry in found.items():
        for alias in entry.aliases:
            alias_owner[fold(alias)].append(key)
    for key in list(found):
        owners = [owner for owner in alias_owner.get(key, ()) if owner != key and owner in found]
        if len(owners) == 1 and len(found[key].name.split()) < len(found[owners[0]].name.split()) + 1:
            target, entry = found[owners[0]], found.pop(key)
            target.aliases.update(entry.aliases | set(entry.names))
            target.roles += entry.roles
            target.quoted = target.quoted or entry.quoted


def _owners(found: dict[str, _Found]) -> dict[str, str]:
    """Each folded name and alias to the key of the one entry it names; an alias two entries share
    names neither."""
    owner: dict[str, str] = {key: key for key in found}
    shared: set[str] = set()
    for key, entry in found.items():
        for alias in entry.aliases | set(entry.names):
            folded = fold(alias)
            if folded in owner and owner[folded] != key and folded not in found:
                shared.add(folded)
            owner.setdefault(folded, key)
    for folded in shared:
        owner.pop(folded, None)
    return owner


def _role(entry: _Found) -> str:
    """The role most articles state, as one of them words it."""
    if not entry.roles:
        return ""
    counts = Counter(role.casefold() for role, _ in entry.roles)
    best = max(counts, key=lambda role: (counts[role], len(role)))
    return next(role for role, _ in entry.roles if role.casefold() == best)


def person_id(name: str) -> str:
    """A stable id from the name: "n-warwick-pell"."""
    return "n-" + "-".join(re.findall(r"[a-z0-9]+", fold(name)))


def _speakers(groups: tuple[QuoteGroup, ...]) -> dict[str, list[int]]:
    """The quote groups by their speaker's folded name and, for a spokesperson's, by each of the
    names it begins with ("tallis payments spokesperson": "tallis", "tallis payments")."""
    index: dict[str, list[int]] = defaultdict(list)
    for number, group in enumerate(groups):
        if not group.speaker:
            continue
        name = fold(group.speaker.name)
        index[name].append(number)
        if group.speaker.kind == "spokesperson":
            words = name.split()
            for end in range(1, len(words)):
                index[" ".join(words[:end])].append(number)
    return index


def _quotes_of(names: set[str], groups: tuple[QuoteGroup, ...], speakers: dict[str, list[int]]
               ) -> tuple[QuoteGroup, ...]:
    return tuple(groups[number] for number in sorted({number for name in names for number in speakers.get(name, ())}))


class _EventTexts:
    """The events by the folded words of their reports, to find those that name an entity
    without reading every event for every entity."""

    def __init__(self, events: tuple[TimelineEvent, ...]):
        self.events = events
        self.texts = [" " + " ".join(fold(report.sentence) for report in item.reports) + " " for item in events]
        self.by_word: dict[str, set[int]] = defaultdict(set)
        for number, text in enumerate(self.texts):
            for word in set(text.split()):
                self.by_word[word].add(number)

    def naming(self, entity: Entity) -> tuple[TimelineEvent, ...]:
        """The events whose reports name the entity, in their order."""
        found: set[int] = set()
        for name in (fold(name) for name in entity.names if len(name) > 2):
            words = name.split()
            if not words:
                continue
            candidates = set.intersection(*(self.by_word.get(word, set()) for word in words))
            found.update(number for number in candidates if f" {name} " in self.texts[number])
        return tuple(self.events[number] for number in sorted(found))
