"""Undated sentences that report an event found by rule (see events.py).

An undated sentence reports the event it names most, when it shares enough of the event's own
terms (those more than one of its statements name, when it has several), weighed by rarity, and
the event is no later than the article. The events are looked up through an inverted index of
their terms, by the sentence's rarest terms only, after a prefilter that most sentences fail at
once: fewer than STRONG_SHARED of its terms are any event's, or all it could score stays under
ATTACH. So the cost is linear in the sentences, whatever the number of events.

The index (`Lookup`) is small and kept with the build, so that a patch can tell, without reading
any other article, whether an edited article's undated sentences still report the same events.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from mythos_site.extract.text import element_text
from mythos_site.records import Article

ATTACH = 9.0  # the weight of shared terms from which an undated sentence reports an event
STRONG_SHARED = 3  # the terms it must share with it, however rare
RARE_TERMS = 3  # the terms of an undated sentence it is looked up by
COMMON_IN_BUCKET = 64  # events a term may lead to before it stops being looked up
CLEAR_LEAD = 1.25  # how far the best event must lead the next to be the one a sentence reports


@dataclass(frozen=True)
class Lookup:
    """The events undated sentences may report: each one's date and what each of its terms adds to
    a sentence's score, and each term's weight, best share, and the events it leads to."""

    starts: tuple[date, ...]
    shares: tuple[dict[str, float], ...]
    terms: dict[str, tuple[float, float, tuple[int, ...]]]  # term -> (weight, best share, events)

    def __post_init__(self):
        every: dict[str, list[int]] = defaultdict(list)  # term -> every event that has it, to count shared terms
        for number, shares in enumerate(self.shares):
            for term in shares:
                every[term].append(number)
        object.__setattr__(self, "_every", dict(every))
        object.__setattr__(self, "_scored", {})  # the events by score, for each set of index terms met

    def __getstate__(self):
        return {"starts": self.starts, "shares": self.shares, "terms": self.terms}

    def __setstate__(self, state):
        for name, value in state.items():
            object.__setattr__(self, name, value)
        self.__post_init__()

    @classmethod
    def of(cls, events: list[tuple[date, dict[str, float]]], weigh) -> Lookup:
        """From each event's start and its terms' shares (weight times the square root of the share
        of its statements that name the term), in the order events are numbered."""
        terms: dict[str, tuple[float, float, list[int]]] = {}
        for number, (_, shares) in enumerate(events):
            for term, share in shares.items():
                weight, best, found = terms.get(term) or (weigh(term), 0.0, [])
                if len(found) < COMMON_IN_BUCKET:
                    found.append(number)
                terms[term] = (weight, max(best, share), found)
        return cls(tuple(start for start, _ in events), tuple(shares for _, shares in events),
                   {term: (weight, best, tuple(found)) for term, (weight, best, found) in terms.items()})

    def event_of(self, terms: tuple[str, ...], published: date) -> int | None:
        """The number of the event a sentence of these terms, published that day, reports, or None."""
        index = self.terms
        hits = frozenset(term for term in terms if term in index)
        if len(hits) < STRONG_SHARED or math.fsum(index[term][1] for term in hits) < ATTACH:
            return None
        scores = self._scored.get(hits)
        if scores is None:
            scores = self._scored[hits] = self._scores(hits)
        best = None  # of the events no later than the article, the best, if it leads the next clearly
        starts = self.starts
        for score, number in scores:
            if starts[number] <= published:
                if best is not None:
                    return best[1] if best[0] >= CLEAR_LEAD * score else None
                best = score, number
        return best and best[1]

    def _scores(self, hits: frozenset[str]) -> list[tuple[float, int]]:
        """(score, number) of each event a sentence naming these of the index's terms could report,
        best first: looked up by its rarest terms, then scored on all it shares with each."""
        index = self.terms
        rare = sorted(hits, key=lambda term: (-index[term][0], term))[:RARE_TERMS]
        shared = Counter()
        for term in hits:
            shared.update(self._every[term])
        scores = []
        for number in dict.fromkeys(number for term in rare for number in index[term][2]):
            if shared[number] >= STRONG_SHARED:
                shares = self.shares[number]
                score = math.fsum(shares[term] for term in hits if term in shares)  # exact in any order
                if score >= ATTACH:
                    scores.append((score, number))
        scores.sort(key=lambda item: (-item[0], item[1]))
        return scores


def shares_of(counts: dict[str, int], size: int, weigh) -> dict[str, float]:
    """What each of an event's own terms adds to an undated sentence's score: its weight, by the
    square root of the share of the event's statements that name it; with several statements,
    only the terms more than one of them names."""
    shares = {}
    for term, count in counts.items():
        if count <= 0 or (size > 1 and count < 2):
            continue
        weight = weigh(term)
        if weight:
            shares[term] = weight * math.sqrt(count / size)
    return shares


def reported(article: Article, lookup: Lookup, claimed: set[tuple[str, str]] = frozenset()
             ) -> list[tuple[int, str, str]]:
    """(event number, anchor, text) of each undated sentence of the article that reports an event
    of the lookup; `claimed`: (anchor, text) of its sentences a curated event already reports."""
    if article.undated is None or not lookup.starts:
        return []
    published = article.published.date()
    claimed_anchors = {anchor for anchor, _ in claimed}
    body: str | None = None  # read once, if needed
    found = []
    for anchor, terms, where in article.undated.lines():
        number = lookup.event_of(terms, published)
        if number is None and anchor not in claimed_anchors:
            continue
        if isinstance(where, tuple):
            body = article.body if body is None else body
            where = element_text(body, anchor)[where[0]:where[1]]
        if number is not None and (anchor, where) not in claimed:
            found.append((number, anchor, where))
    return found
