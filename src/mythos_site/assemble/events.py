"""Events found by rule: the dated statements of every article grouped into the events they report.

A dated statement is a sentence and one date it gives, which no curated event claimed. Statements
of the same date (to the day, month, year or range) that share enough of their salient terms (see
extract/salience.py), weighed by how rare each term is across all sentences, report one event.
Statements are indexed by date and, within a date, compared with the groups so far through the
terms they share, never with every other statement. A group that more than one article reports is
an event; a statement that only one article makes stays that article's statement.

A statement that names a found event strongly but gives another explicit day, within a week of
it, from an article that does not give the event's own day, is a second version of its date: the
event is disputed. Undated sentences that name an event strongly enough report it too.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from mythos_site.assemble.attach import Lookup, reported, shares_of
from mythos_site.records import Article, DateMention, Line
from mythos_site.site_records import Event, Report, Version

JOIN = 3.0  # the weight of shared terms from which a statement joins a group of its date
DIFFER = 9.0  # ... from which a statement of another day is a second version of an event's date
LEAST_SHARED = 1  # terms a statement must share with a group, however rare
STRONG_SHARED = 3  # ... to be a version of another day's event (attach.py: to report one with no date)
COMMON = 0.25  # a term in more than this share of the sentences says nothing of one event
COARSE = {"month": 1.5, "year": 2.0}  # a coarse date says less that two statements are of one event
NEAR_DAYS = 7  # how far apart two dates of one event may be
COMMON_IN_BUCKET = 64  # groups of one date a term may lead to before it stops being looked up


@dataclass(frozen=True, slots=True)
class Said:
    """One dated statement: a sentence of an article and one date it gives."""

    article: Article
    line: Line
    mention: DateMention
    number: int  # the mention's place in the article's mentions

    @property
    def key(self) -> tuple:
        return self.mention.start, self.mention.end, self.mention.precision


@dataclass
class _Group:
    key: tuple
    members: list[Said] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    differing: list[Said] = field(default_factory=list)
    undated: list[tuple[Article, str, str]] = field(default_factory=list)  # (article, anchor, text)

    def add(self, said: Said) -> None:
        self.members.append(said)
        self.counts.update(said.line.terms)

    @property
    def articles(self) -> set[str]:
        return {said.article.slug for said in self.members}


@dataclass(frozen=True)
class FoundEvent:
    """An event found by rule, with its reports and the versions of its date."""

    event: Event
    reports: tuple[Report, ...]
    versions: tuple[Version, ...]


class Weights:
    """How much a shared term says: the rarer among the articles' dated statements and the terms of
    their titles, summaries and quotes (their `lines`), the more. Not among their other sentences:
    an edit to one of those must not move every weight, so that a correction can be patched (see
    build/patch.py)."""

    def __init__(self, articles: tuple[Article, ...]):
        frequency: Counter[str] = Counter()
        total = 0
        for article in articles:
            for line in article.lines:
                frequency.update(line.terms)
                total += len(line.mentions) if not line.anchor else 1  # the line of no anchor holds several texts
        self.total = max(total, 1)
        self.frequency = frequency
        self._cache: dict[str, float] = {}

    def __call__(self, term: str) -> float:
        weight = self._cache.get(term)
        if weight is None:
            share = self.frequency.get(term, 0) / self.total
            weight = 0.0 if share > COMMON else math.log((self.total + 1) / (self.frequency.get(term, 0) + 1))
            if " " in term:  # a name of several words is stronger evidence than one word
                weight *= 1.5
            self._cache[term] = weight
        return weight


def find_events(articles: tuple[Article, ...], statements: list[Said],
                claimed: set[tuple[str, str, str]]) -> tuple[tuple[FoundEvent, ...], list[Said], Lookup]:
    """The events the statements report (more than one article each), the statements left over, and
    the lookup undated sentences were filed by (kept for a patch: see attach.py). `claimed` holds
    (slug, anchor, sentence) of the sentences curated events already report."""
    weigh = Weights(articles)
    groups = _group(_main_dates(statements), weigh)
    events = [group for group in groups if len(group.articles) > 1]
    single = [group for group in groups if len(group.articles) <= 1]
    events, left = _regroup(events, [], weigh)
    left = _differing(events, left + [said for group in single for said in group.members], weigh)
    # A day only one article dates may still be an event, when another article reports it undated.
    alone = [group for group in _group(left, weigh) if group.key[2] == "day"]
    lookup = _attach_undated(articles, events + alone, claimed, weigh)
    joined = [group for group in alone if group.undated and len(group.articles | {a.slug for a, _, _ in group.undated}) > 1]
    events += joined
    taken = {id(said) for group in joined for said in group.members}
    left = [said for said in left if id(said) not in taken]
    found = tuple(sorted((_found(group, weigh) for group in events),
                         key=lambda f: (f.event.start, f.event.precision != "day", f.event.id)))
    return found, left, lookup


def _group(statements: list[Said], weigh: Weights) -> list[_Group]:
    by_key: dict[tuple, list[_Group]] = defaultdict(list)
    index: dict[tuple, dict[str, list[_Group]]] = defaultdict(lambda: defaultdict(list))
    groups: list[_Group] = []
    for said in sorted(statements, key=_statement_order):
        terms = index[said.key]
        candidates = {id(group): group for term in said.line.terms
                      for group in terms.get(term, ())[:COMMON_IN_BUCKET]}
        best, best_score = None, 0.0
        for group in candidates.values():
            score, shared = _score(said.line.terms, group, weigh)
            if shared >= LEAST_SHARED and score >= JOIN * COARSE.get(said.key[2], 1) and score > best_score:
                best, best_score = group, score
        if best is None:
            best = _Group(said.key)
            by_key[said.key].append(best)
            groups.append(best)
        new_terms = [term for term in said.line.terms if term not in best.counts]
        best.add(said)
        for term in new_terms:
            terms[term].append(best)
    return groups


BOUND = re.compile(r"\b(?:since|from|until|till|through|between|as of|by)\s+(?:the\s+)?(?:\w+\s+)?$", re.IGNORECASE)


def _main_dates(statements: list[Said]) -> list[Said]:
    """Of a sentence's dates, the ones that place what it states: a day before a month or a year, and
    no bound ("since May 1", "until 2030") when the sentence gives another date."""
    by_line: dict[tuple, list[Said]] = defaultdict(list)
    for said in statements:
        by_line[(said.article.slug, id(said.line))].append(said)
    kept = []
    for found in by_line.values():
        if len(found) > 1:
            found = [s for s in found if not _bound(s)] or found
            finest = min(PRECISION_RANK.get(s.mention.precision, 3) for s in found)
            found = [s for s in found if PRECISION_RANK.get(s.mention.precision, 3) == finest][:1]
        kept.extend(found)
    return kept


PRECISION_RANK = {"day": 0, "range": 1, "month": 2, "year": 3}


def _bound(said: Said) -> bool:
    text = said.mention.sentence
    at = text.find(said.mention.expression)
    return at > 0 and bool(BOUND.search(text[:at]))


def _regroup(events: list[_Group], left: list[Said], weigh: Weights) -> tuple[list[_Group], list[Said]]:
    """A statement that names an event of another day much more than the rest of its own group is
    a version of that event's date: moved there, it may leave its group to one article."""
    by_day: dict[date, list[_Group]] = defaultdict(list)
    for group in events:
        if group.key[2] == "day":
            by_day[group.key[0]].append(group)
    for group in events:
        if group.key[2] != "day":
            continue
        for said in list(group.members):
            own = _score(said.line.terms, group, weigh, without=said.line.terms)[0]
            target = _differs_from(said, by_day, weigh, own)
            if target is not None and target is not group:
                group.members.remove(said)
                group.counts.subtract(said.line.terms)
                target.differing.append(said)
    kept = [group for group in events if len(group.articles) > 1]
    for group in events:
        if len(group.articles) <= 1:
            left.extend(group.members)
            left.extend(group.differing)
    return kept, left


def _statement_order(said: Said):
    return (said.key[0], said.key[1], said.key[2], said.article.published, said.article.slug, said.number)


def _score(terms: tuple[str, ...], group: _Group, weigh: Weights,
           without: tuple[str, ...] = ()) -> tuple[float, int]:
    """The weight of the terms the statement shares with the group, each by the share of the
    group's statements that name it, and how many it shares; `without`: the terms of one of its
    statements, to score that statement against the rest."""
    size = (len(group.members) - (1 if without else 0)) or 1
    score, shared = 0.0, 0
    for term in terms:
        count = group.counts.get(term, 0) - (term in without)
        if count:
            weight = weigh(term)
            if weight:
                shared += 1
                score += weight * math.sqrt(count / size)
    return score, shared


def _differing(events: list[_Group], left: list[Said], weigh: Weights) -> list[Said]:
    """Statements of another explicit day that name an event strongly become a version of its date."""
    by_day: dict[date, list[_Group]] = defaultdict(list)
    for group in events:
        if group.key[2] == "day":
            by_day[group.key[0]].append(group)
    kept = []
    for said in left:
        group = _differs_from(said, by_day, weigh) if said.mention.precision == "day" else None
        if group is None:
            kept.append(said)
        else:
            group.differing.append(said)
    return kept


def _differs_from(said: Said, by_day: dict[date, list[_Group]], weigh: Weights,
                  own: float | None = None) -> _Group | None:
    day = said.mention.start
    if own is None:
        own = max((_score(said.line.terms, group, weigh)[0] for group in by_day.get(day, ())), default=0.0)
    best, best_score = None, DIFFER
    for offset in range(-NEAR_DAYS, NEAR_DAYS + 1):
        for group in by_day.get(day + timedelta(days=offset), ()) if offset else ():
            if said.article.slug in group.articles:
                continue
            score, shared = _score(said.line.terms, group, weigh)
            if shared >= STRONG_SHARED and score >= best_score and score > 1.5 * own:
                best, best_score = group, score
    return best


def _attach_undated(articles: tuple[Article, ...], events: list[_Group], claimed, weigh: Weights) -> Lookup:
    """Each undated sentence that reports one of these events, filed under it (see attach.py)."""
    lookup = Lookup.of([(group.key[0], shares_of(group.counts, len(group.members), weigh)) for group in events], weigh)
    by_article: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for slug, anchor, text in claimed:
        by_article[slug].add((anchor, text))
    for article in sorted(articles, key=lambda a: (a.published, a.slug)):
        for number, anchor, text in reported(article, lookup, by_article.get(article.slug, frozenset())):
            events[number].undated.append((article, anchor, text))
    return lookup


def _found(group: _Group, weigh: Weights) -> FoundEvent:
    start, end, precision = group.key
    central = _central(group, weigh)
    terms = _top_terms(group, weigh)
    event = Event(found_id(start, end, precision, _own_terms(group)), start, end, precision,
                  headline_of(central.mention.sentence), "", kind_of(group), terms, found=True)
    reports = sorted([Report(s.article, s.mention.sentence, s.line.anchor, s.mention) for s in group.members]
                     + [Report(s.article, s.mention.sentence, s.line.anchor, s.mention) for s in group.differing]
                     + [Report(article, text, anchor, None) for article, anchor, text in group.undated],
                     key=lambda r: (r.article.published, r.article.slug, _anchor_number(r.anchor)))
    versions: list[Version] = []
    if group.differing:
        versions.append(Version(start, end, precision, tuple(r for r in reports if r.mention and r.mention in
                                                             {s.mention for s in group.members})))
        by_day: dict[tuple, list[Report]] = defaultdict(list)
        apart = {s.mention for s in group.differing}
        for report in reports:
            if report.mention in apart:
                by_day[(report.mention.start, report.mention.end)].append(report)
        versions += [Version(a, b, "day", tuple(found)) for (a, b), found in sorted(by_day.items())]
    else:
        versions.append(Version(start, end, precision, tuple(r for r in reports if r.mention)))
    return FoundEvent(event, tuple(reports), tuple(versions))


def _anchor_number(anchor: str) -> int:
    digits = anchor.rpartition("-")[2]
    return int(digits) if digits.isdigit() else 0


def _central(group: _Group, weigh: Weights) -> Said:
    """The statement that shares most with the others: the one the group is about."""
    def centrality(said: Said):
        score = sum(weigh(term) * (group.counts[term] - 1) for term in said.line.terms)
        return (-score, len(said.mention.sentence), said.article.published, said.article.slug, said.number)
    return min(group.members, key=centrality)


def _top_terms(group: _Group, weigh: Weights, most: int = 4) -> tuple[str, ...]:
    ranked = sorted((term for term in group.counts if weigh(term) and " " not in term),
                    key=lambda term: (-group.counts[term] * weigh(term), term))
    return tuple(ranked[:most])


def _own_terms(group: _Group, most: int = 4) -> tuple[str, ...]:
    """The words its statements name most, by their own counts alone: unlike their weights, which
    every article moves, these change only when the event's statements do."""
    ranked = sorted((term for term in group.counts if group.counts[term] > 0 and " " not in term
                     and term[0].isalpha()), key=lambda term: (-group.counts[term], term))
    return tuple(ranked[:most])


def found_id(start: date, end: date, precision: str, terms: tuple[str, ...]) -> str:
    """A stable id from the date and the group's own terms: "e-2026-03-26-store-exposed"."""
    when = {"day": start.isoformat(), "month": f"{start:%Y-%m}", "year": f"{start:%Y}"}.get(
        precision, f"{start.isoformat()}-{end.isoformat()}")
    words = [re.sub(r"[^a-z0-9]+", "", term.lower()) for term in sorted(terms[:2])]
    slug = "-".join(word for word in words if word)
    suffix = hashlib.sha1(" ".join(sorted(terms)).encode()).hexdigest()[:4]
    return f"e-{when}-{slug}-{suffix}" if slug else f"e-{when}-{suffix}"


LEADING_DATE = re.compile(
    r"^(?:(?:On|By|Late on|Early on|Later on|Earlier on|Then,? on|And on|But on)\s+)?[^,]{0,40}?\b(?:\d{4}|\d{1,2}|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|Yesterday|today|Today)\b(?:\s+(?:morning|"
    r"afternoon|evening|night))?(?:,\s+\d{4})?,\s+")
TAIL = re.compile(r",\s+(?:which|who|after|as|while|according to|citing|although|though|but|saying|adding|"
                  r"[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*\s+(?:said|says|reported|wrote|told))\b.*$")
MOST_WORDS = 16


DATELINE = re.compile(r"^(?:[A-Z][A-Z .'-]+,\s+[^()]{0,30}\([^)]{1,40}\)|\d{1,2}-\d{1,2}-\d{4}\s+\([^)]{1,40}\))"
                      r"\s*[-–—]\s*")
LIVE_TIME = re.compile(r"^\d{1,2}[.:]\d{2}\s*(?:am|pm)?\s*[-–—]\s*", re.IGNORECASE)


def headline_of(sentence: str) -> str:
    """The sentence cut to its main clause: no dateline or date phrase before it, no clause or
    credit after it, at most MOST_WORDS words cut at a comma; the article's own words, none added."""
    text = " ".join(sentence.split()).rstrip(".")
    text = LIVE_TIME.sub("", DATELINE.sub("", text, count=1), count=1)
    text = LEADING_DATE.sub("", text, count=1) if len(text) > 60 else text
    cut = TAIL.sub("", text)
    if len(cut.split()) >= 5:
        text = cut
    words = text.split()
    if len(words) > MOST_WORDS:
        cut = " ".join(words[:MOST_WORDS])
        comma = cut.rfind(",")
        text = cut[:comma] if comma > 30 else cut + " …"
    text = text.strip(" ,;:—-")
    return text[:1].upper() + text[1:] if text else sentence


KINDS = (
    ("plan", ("will", "plan", "expect", "schedul", "due", "aim", "intend")),
    ("market", ("share", "stock", "trad", "index", "investor", "close", "fell", "fall", "rose", "rise", "drop",
                "price", "market", "ftse", "nasdaq", "asx", "etf")),
    ("legal", ("court", "filing", "lawsuit", "sued", "judge", "legal", "claim", "inquiry", "hear", "prosecutor")),
    ("security", ("breach", "hack", "attack", "vulnerabilit", "unauthoriz", "unauthoris", "exposed", "leak",
                  "access", "cyber", "exploit", "stolen")),
    ("policy", ("regulator", "directive", "order", "ministr", "minister", "senat", "govern", "agency", "authorit",
                "designat", "policy", "law", "recall", "inspection")),
    ("launch", ("launch", "unveil", "introduc", "release", "announc", "debut", "roll", "open")),
    ("statement", ("confirm", "apolog", "statement", "spokes", "deni", "blame", "acknowledg", "letter", "memo")),
)


def kind_of(group: _Group) -> str:
    """The kind most of its statements' words say, by rule: a plan when its date is spoken of as one."""
    if sum(said.mention.future for said in group.members) * 2 > len(group.members):
        return "plan"
    counts: Counter[str] = Counter()
    for kind, stems in KINDS[1:]:
        for term, count in group.counts.items():
            if any(term.startswith(stem) for stem in stems):
                counts[kind] += count
    if not counts:
        return "other"
    return max(counts, key=lambda kind: (counts[kind], -[k for k, _ in KINDS].index(kind)))
