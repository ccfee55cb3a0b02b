"""Match each article against the curated lists: the sentences that report an event, the names of
people, the figures that state a fact.

A sentence reports an event when it names enough of the event's terms: a phrase of several words
counts double, since it is stronger evidence than one word. A sentence whose date fits the event
needs a score of DATED; one without a date needs UNDATED and must point to that event more than to
any other. A sentence that names the event strongly (DIFFERING) but gives another explicit day is
a second version of the event's date: the event is disputed, never silently resolved.

This is the last step that reads an article's sentences and paragraphs, or figures that state no
curated fact: what it finds is small, so the rest can be let go of before the site is assembled
(see `slim`).
"""

from __future__ import annotations

import calendar
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace

from mythos_site.extract.names import names_in
from mythos_site.extract.salience import terms_of
from mythos_site.records import (Article, DateMention, EventMatch, Figure, Line, Mentioned, NameUse, Packed, Sentence,
                                 Undated)
from mythos_site.site_records import Calendar, Entity, Event, Fact
from mythos_site.extract.speakers import LEADING_WORDS, TITLES
from mythos_site.extract.text import element_texts, fold

DATED, UNDATED, DIFFERING = 2, 3, 4
PRECISION_ORDER = {"day": 0, "range": 1, "month": 2, "year": 3}


@dataclass(frozen=True)
class _Term:
    event: int
    words: str
    weight: int
    is_name: bool = False  # a curated person's or organisation's name: who took part, not what happened


@dataclass(frozen=True)
class Curated:
    """The curated events, people and facts the articles are matched against."""

    events: tuple[Event, ...] = ()  # in timeline order
    entities: tuple[Entity, ...] = ()
    facts: tuple[Fact, ...] = ()
    key: str = field(init=False)  # what a match depends on besides the article
    _index: dict[str, list[_Term]] = field(init=False, repr=False, compare=False)
    _names: re.Pattern | None = field(init=False, repr=False, compare=False)
    _bare: dict[str, BareAlias] = field(init=False, repr=False, compare=False)

    @classmethod
    def of(cls, calendar: Calendar, entities: tuple[Entity, ...] = (), facts: tuple[Fact, ...] = ()) -> Curated:
        return cls(tuple(sorted(calendar.events, key=event_order)), entities, facts)

    def __post_init__(self):
        names = sorted(name for entity in self.entities for name in entity.names)
        key = hashlib.sha256(repr((self.events, names, self.facts)).encode()).hexdigest()
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "_index", _term_index(self.events, {fold(name) for name in names}))
        object.__setattr__(self, "_names", name_pattern(self.entities)[0])
        object.__setattr__(self, "_bare", bare_aliases(self.entities))


def event_order(event: Event):
    return event.start, PRECISION_ORDER[event.precision], event.id


def match(article: Article, curated: Curated) -> Article:
    """The article with the events its sentences report, the curated names it uses, the figures
    that state a curated fact, and what the grouping across articles reads: its dated statements'
    and its other sentences' salient terms, and the people it names."""
    events = match_events(article, curated)
    dated, undated = lines_of(article, {found.mention for found in events if found.kind == "states"})
    typed, plain = typed_and_plain(names_in(article))
    return replace(article, events=events, names=find_names(article, curated), lines=dated, undated=undated,
                   people=typed, mentioned=plain,
                   figures=tuple(figure for figure in article.figures if fact_of(figure, curated.facts)))


UNDATED_TERMS = 3  # the salient terms an undated sentence needs to report an event (attach.STRONG_SHARED)


def lines_of(article: Article, stated: set[int]) -> tuple[tuple[Line, ...], Undated | None]:
    """Each sentence that makes a dated statement (a date of `stated`, places in the article's
    mentions) with its salient terms, after a line of no anchor with the terms of what the article
    shows beside its body; and, packed, each undated sentence with enough terms to report an event."""
    position = {id(mention): number for number, mention in enumerate(article.mentions)}
    # The title, the summary and the quotes, for how rare a term is: their terms one text after
    # another, and (in place of the places of dates) how many terms each text has.
    shown = [terms_of(text) for text in (article.title, article.summary, *(quote.text for quote in article.quotes))]
    dated, undated = [Line("", tuple(term for terms in shown for term in terms), tuple(map(len, shown)))], []
    for sentence, mentions in _sentences(article):
        places = tuple(position[id(m)] for m in mentions)
        if places and stated.intersection(places):
            terms = terms_of(sentence.text)
            if len(terms) >= 2:
                dated.append(Line(sentence.anchor, terms, places))
        elif not places:
            terms = terms_of(sentence.text)
            if len(terms) >= UNDATED_TERMS:
                undated.append((sentence.anchor, terms, sentence.text))
    return tuple(dated), Undated.of(undated, element_texts(article.body)) if undated else None


def typed_and_plain(uses: tuple[NameUse, ...]) -> tuple[tuple[NameUse, ...], Mentioned]:
    """The names some rule typed, each once with how many of its paragraphs it is typed in; and
    every paragraph each name is printed in (see records.Mentioned)."""
    counted: dict[NameUse, int] = {}
    for use in uses:
        if use.how != "mention":
            key = replace(use, anchor="")
            counted[key] = counted.get(key, 0) + 1
    typed = tuple(replace(use, count=count) for use, count in counted.items())
    return typed, Mentioned.of((use.name, use.anchor) for use in uses)


def slim(article: Article) -> Article:
    """The article without its paragraphs and sentences, which nothing after matching reads, and
    with its body packed: at 10,000 articles they are two thirds of the memory a build holds."""
    return replace(article, blocks=(), sentences=(), body_html=Packed.of(article.body))


def match_events(article: Article, curated: Curated) -> tuple[EventMatch, ...]:
    """In the order of the sentences: each report of an event, and each dated statement that matches none."""
    events, index = curated.events, curated._index
    position = {id(mention): number for number, mention in enumerate(article.mentions)}
    found: list[EventMatch] = []
    for sentence, mentions in _sentences(article):
        scores, names_only = _scores(sentence.words, index)
        matched = _attach(events, scores, names_only, mentions, sentence, position, found) if scores else set()
        found.extend(EventMatch("states", "", "", sentence.anchor, position[id(m)]) for m in mentions
                     if m not in matched)
    return tuple(found)


def find_names(article: Article, curated: Curated) -> tuple[tuple[str, str], ...]:
    """(paragraph anchor, name as printed) for each use of a curated name or alias."""
    pattern = curated._names
    if pattern is None:
        return ()
    kept: list[tuple[str, str]] = []
    printed: set[str] = set()
    elsewhere: set[str] = set()  # one-word aliases the article prints as part of another name
    for block in article.blocks:
        for found in pattern.finditer(block.text):
            printed.add(found.group(1))
            if _part_of_another_name(block.text, found, curated._bare):
                elsewhere.add(found.group(1))
            else:
                kept.append((block.anchor, found.group(1)))
    # An article that names Dana Graham, and never Logan Graham, means her by "Graham".
    return tuple((anchor, name) for anchor, name in kept
                 if name not in elsewhere or not printed.isdisjoint(curated._bare[name].full_names))


# Capitalised words a bare surname may follow or precede and still be the person's: "Mr. Graham",
# "Graham Tuesday".
NAME_NEIGHBOURS = frozenset(
    "mr mr. mrs mrs. ms ms. dr dr. prof prof. sen. rep. gov. gen. sir dame lord lady".split()
    + [name.lower() for name in calendar.day_name] + [name.lower() for name in calendar.month_name if name])
# Words that open a sentence before a name: "Yesterday Graham said", "But Graham declined".
SENTENCE_OPENERS = LEADING_WORDS | frozenset("yesterday today tonight later earlier however nonetheless asked "
                                             "according".split())
CAPITALISED_WORD = re.compile(r"([A-Z][\w’'.-]*)\s+$")
NEXT_CAPITALISED = re.compile(r"\s+([A-Z][\w’'-]*)")


def _part_of_another_name(text: str, found: re.Match, bare: dict[str, BareAlias]) -> bool:
    """A one-word alias ("Graham", "Nolan") inside a longer name that is not its owner's: "Dana
    Graham" is not Logan Graham, and "Nolan Avenue" is a street, not Bea Nolan."""
    alias = bare.get(found.group(1))
    if alias is None:
        return False
    after = NEXT_CAPITALISED.match(text, found.end())
    # "Voltari Chief Executive Ingrid Halvorsen": the company named before a title is still the company
    if after and after.group(1).lower() not in alias.may_follow and after.group(1).lower() not in TITLES:
        return True
    before = CAPITALISED_WORD.search(text, max(0, found.start() - 40), found.start())
    return before is not None and before.group(1).lower() not in alias.may_precede


def fact_of(figure: Figure, facts: tuple[Fact, ...]) -> Fact | None:
    """The first fact the figure states: of its kind, in its unit, about its subject, with its terms."""
    for fact in facts:
        if fact.kind != figure.kind and {fact.kind, figure.kind} != {"percent", "score"}:
            continue
        if fact.units and figure.unit not in fact.units:
            continue
        if fact.subject and not any(_names(figure.context, word) for word in fact.subject):
            continue
        if all(_names(figure.sentence, word) for word in fact.terms):
            return fact
    return None


def _names(text: str, words: str) -> bool:
    return f" {fold(words)} " in f" {fold(text)} "


@dataclass(frozen=True)
class BareAlias:
    """A one-word alias such as "Graham": the capitalised words that may stand before and after it
    in its owner's names ("Logan", "Mr.", "Tuesday"), and its owner's names of several words."""

    may_precede: frozenset[str]
    may_follow: frozenset[str]
    full_names: frozenset[str]


def bare_aliases(entities: tuple[Entity, ...]) -> dict[str, BareAlias]:
    """Each one-word alias that is not a full name or a possessive ("Fortune's") itself."""
    full = {entity.name for entity in entities}
    bare = {}
    for entity in entities:
        own = frozenset(word.lower() for name in entity.names for word in name.split())
        for alias in entity.names:
            if alias != entity.name and " " not in alias and alias not in full and not POSSESSIVE.search(alias):
                bare[alias] = BareAlias(NAME_NEIGHBOURS | SENTENCE_OPENERS | own, NAME_NEIGHBOURS | own,
                                        frozenset(name for name in entity.names if " " in name))
    return bare


POSSESSIVE = re.compile(r"['’]s?$")


def name_pattern(entities: tuple[Entity, ...]) -> tuple[re.Pattern | None, dict[str, Entity]]:
    """One pattern for every name and alias (longest first, so "Palo Alto Networks" beats "Palo Alto")."""
    owner = {name: entity for entity in entities for name in entity.names}
    if not owner:
        return None, owner
    names = sorted(owner, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in names) + r")(?![\w-])"), owner


def _term_index(events: tuple[Event, ...], names: set[str] = frozenset()) -> dict[str, list[_Term]]:
    """Terms by their first word, so a sentence is checked only against terms that could match it."""
    index: dict[str, list[_Term]] = defaultdict(list)
    for number, event in enumerate(events):
        for words in dict.fromkeys(fold(term) for term in event.terms):
            if words:
                index[words.split()[0]].append(_Term(number, words, min(2, len(words.split())), words in names))
    return index


def _sentences(article: Article):
    """Each sentence of the article with the dates it mentions.

    The mentions come in the order of the sentences, each sentence's by position; one that does
    not move forward starts the next sentence, so two sentences that read alike keep their own.
    """
    mentions, taken = article.mentions, 0
    for sentence in article.sentences:
        own: list[DateMention] = []
        while taken < len(mentions) and _belongs(mentions[taken], sentence, own):
            own.append(mentions[taken])
            taken += 1
        yield sentence, own


def _belongs(mention: DateMention, sentence: Sentence, own: list[DateMention]) -> bool:
    return (mention.anchor == sentence.anchor and mention.sentence == sentence.text
            and (not own or mention.position > own[-1].position))


def _scores(folded: str, index: dict[str, list[_Term]]) -> tuple[dict[int, int], set[int]]:
    """Each event's score in the sentence, and the events it names only the participants of."""
    words = folded.split()
    starts = index.keys() & set(words)  # most sentences name no term at all: one set operation says so
    if not starts:
        return {}, set()
    padded = f" {folded} "  # folded text is its words joined by single spaces
    found: dict[int, set[str]] = defaultdict(set)
    acted: set[int] = set()
    for word in starts:
        for term in index[word]:
            if f" {term.words} " in padded:
                found[term.event].add(term.words)
                if not term.is_name:
                    acted.add(term.event)
    scores = {event: sum(min(2, len(t.split())) for t in terms) for event, terms in sorted(found.items())}
    return scores, set(scores) - acted


def _attach(events, scores, names_only, mentions, sentence, position, found: list[EventMatch]) -> set[DateMention]:
    """File the sentence under the events it reports; return the mentions that found an event. A
    sentence with no date must say what happened, not only who took part ("Security vendors:
    CrowdStrike, Palo Alto Networks" reports no fall in their shares)."""
    matched: set[DateMention] = set()
    best = _best(scores)
    for number, score in scores.items():
        event = events[number]
        fitting = [m for m in mentions if m.start <= event.end and event.start <= m.end]
        if fitting and score >= DATED:
            found.append(EventMatch("reports", event.id, sentence.text, sentence.anchor, position[id(fitting[0])]))
            matched.update(fitting)
        elif not mentions and score >= UNDATED and number == best and number not in names_only:
            found.append(EventMatch("reports", event.id, sentence.text, sentence.anchor, -1))
        elif number == best and score >= DIFFERING and event.precision == "day":
            explicit = [m for m in mentions if m.precision == "day" and not m.relative]
            if explicit:
                found.append(EventMatch("differs", event.id, sentence.text, sentence.anchor,
                                        position[id(explicit[0])]))
                matched.add(explicit[0])
    return matched


def _best(scores: dict[int, int]) -> int | None:
    """The event a sentence points to most, if one stands out."""
    if not scores:
        return None
    top = max(scores.values())
    leaders = [number for number, score in scores.items() if score == top]
    return leaders[0] if len(leaders) == 1 else None


NOTHING_CURATED = Curated()  # match nothing: an article keeps no events and no names
