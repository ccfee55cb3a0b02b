"""Find dated mentions: every date an article's text names, resolved against the article's own date.

"March 26, 2026", "March 17", "in May 2025", "in February", "late 2025", "Thursday", "eleven days
later", "as early as October 2026": each becomes a DateMention with a start and end day and a
precision. An expression that cannot be resolved is skipped, never guessed. The expressions and
how each resolves are dates.py's table; here they are found in each sentence, in the table's order,
and a date that only dates the text itself (a dateline, a source credit) is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from mythos_site.records import Article, DateMention
from mythos_site.extract.dates import DATE_RULES, MONTH_NAMES, WEEKDAY_NAMES, looks_ahead, resolve


def find_mentions(article: Article) -> tuple[DateMention, ...]:
    published = article.published.date()
    found: list[DateMention] = []
    before = NOTHING_BEFORE
    anchor = None
    last_day = published  # "the same day", "that day": the last day the article named, or its own
    for sentence in article.sentences:
        if sentence.anchor != anchor:  # "eleven days later" counts from a date in the same paragraph...
            # ...or, opening a paragraph that has dated nothing yet, from the paragraph before's
            anchor, before = sentence.anchor, _Before(paragraph_before=before.day, last_day=last_day)
        for mention in _sentence_mentions(sentence.text, published, before, sentence.anchor):
            found.append(mention)
            if mention.precision == "day" and not mention.future:
                last_day = mention.start
            if not mention.relative:
                before = _Before(mention.start if mention.precision == "day" else before.day, mention, last_day=last_day)
            elif last_day != before.last_day:
                before = _Before(before.day, before.dated, before.paragraph_before, last_day)
    return tuple(found)


@dataclass(frozen=True)
class _Before:
    """What the paragraph dated last: a day ("eleven days later" counts from it) and a date of any
    precision ("that year" is its year)."""

    day: date | None = None
    dated: DateMention | None = None
    paragraph_before: date | None = None
    last_day: date | None = None  # the last day the article named before, of any kind ("Friday" too)


NOTHING_BEFORE = _Before()


DIGIT = re.compile(r"\d")
CALENDAR_WORD = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)")
LETTERS = re.compile(r"[a-z]+")
TIME_WORDS = frozenset("yesterday today tomorrow tonight morning afternoon evening night weekend day days week weeks "
                       "month months year years later earlier ago prior early late mid".split())  # every unit: "two weeks before" has no other sign of a date
MONTH_NAME = re.compile("Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
YEAR_DIGITS = re.compile(r"(?:19|20)\d\d")
UNITS = frozenset("day days week weeks month months year years morning evening night".split())
DEICTIC_WORDS = frozenset("yesterday today tomorrow tonight week month year morning afternoon evening night".split())
PARTS = frozenset(("early", "late", "mid"))
QUARTER_WORDS = frozenset(("quarter", "q"))
SPAN_WORDS = frozenset(("from", "between"))  # "Q3" leaves the letter q


def _holds(sentence: str, words: set[str]) -> dict[str, bool] | None:
    """A cheap first look. None when the sentence has no digit, month, weekday or time word, and so
    names no date; else which patterns it could match, by what each cannot match without (a month
    name, a year, a unit of time, a word such as "today", a weekday). Every look may let through a
    sentence a pattern then finds nothing in, never the other way; sets of words are several times
    faster than an alternation of them."""
    if not (DIGIT.search(sentence) or CALENDAR_WORD.search(sentence)) and TIME_WORDS.isdisjoint(words):
        return None
    holds_month = MONTH_NAME.search(sentence) is not None
    holds_year = YEAR_DIGITS.search(sentence) is not None
    spans = not SPAN_WORDS.isdisjoint(words)
    return {"month": holds_month, "year": holds_year, "years": holds_year and spans, "months": holds_month and spans,
            "end": "end" in words and (holds_month or holds_year),
            "unit": not UNITS.isdisjoint(words), "deictic": not DEICTIC_WORDS.isdisjoint(words),
            "weekday": "day" in sentence, "week": "week" in words and holds_month,
            "part": "year" in words and not PARTS.isdisjoint(words), "quarter": not QUARTER_WORDS.isdisjoint(words),
            "weekend": "weekend" in words}


def _sentence_mentions(sentence: str, published: date, before: _Before, anchor: str) -> list[DateMention]:
    holds = _holds(sentence, set(LETTERS.findall(sentence.lower())))
    if holds is None or CREDIT_LINE.match(sentence):
        return []
    taken: list[tuple[int, int]] = []
    mentions: list[DateMention] = []
    latest = before  # "in June 2025 ... until that December": the date named last, in this sentence too
    for rule in DATE_RULES:
        if not holds[rule.needs]:
            continue
        kind = rule.name
        for match in rule.pattern.finditer(sentence):
            if any(start < match.end() and match.start() < end for start, end in taken):
                continue
            resolved = resolve(rule, match, sentence, published, latest)
            if resolved is None or _in_dateline(sentence, match) or _in_source_credit(sentence, match.start()) \
                    or _reference_point(sentence, match):
                continue
            start, end, precision = resolved
            taken.append((match.start(), match.end()))
            mentions.append(DateMention(
                expression=_expression(kind, match), start=start, end=end, precision=precision,
                sentence=sentence, anchor=anchor, relative=kind in ("relative", "span", "deictic", "weekday", "anaphoric", "part_deictic", "next_day",
                                                 "weekend"),
                future=looks_ahead(sentence, match.start("weekday") if kind == "weekday" else match.start()),
                position=match.start(),
            ))
            if not mentions[-1].relative:
                latest = _Before(before.day, mentions[-1], before.paragraph_before, before.last_day)
    days = [m for m in mentions if not m.relative]
    # "Thursday, March 26" is one date, not two.
    mentions = [m for m in mentions if m.expression not in WEEKDAY_NAMES or not any(
        0 < d.position - m.position <= len(m.expression) + 3 for d in days)]
    if len(mentions) < 2:
        return mentions
    # "April 1, 2026 ... today announced": a sentence that names one day twice states it once
    seen: set[tuple[date, date]] = set()
    kept = []
    for mention in sorted(mentions, key=lambda mention: mention.position):
        if (mention.start, mention.end) not in seen:
            seen.add((mention.start, mention.end))
            kept.append(mention)
    return kept


def _expression(kind: str, match: re.Match) -> str:
    expression = match.group(0).strip()
    # "between January and March.": the full stop ends the sentence, not an abbreviated month
    return expression.rstrip(".") if kind == "months" and match.group("month2") in MONTH_NAMES else expression


# "PORTLAND, Ore., March 5 (Northgate Wire) -" and "PORTLAND, Ore., April 1, 2026 /PRNewswire/ --":
# the place and day a story was filed, before its first sentence
DATELINE_BEFORE = re.compile(r"[A-Z][A-Z .'-]+(?:,\s+[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?,\s+")
DATELINE_AFTER = re.compile(r"\s*(?:\([^)]{1,60}\)|/[^/]{1,40}/)?\s*(?:--|[-–—])\s")
DATELINE_REACH = 60  # characters of place before a dateline's date


def _in_dateline(sentence: str, match: re.Match) -> bool:
    return (match.start() <= DATELINE_REACH and DATELINE_BEFORE.fullmatch(sentence, 0, match.start()) is not None
            and DATELINE_AFTER.match(sentence, match.end()) is not None)


# "— Moon Hollow Coffee (@moonhollowcoffee) June 12, 2026", "— Jane Roe, March 26, 2026": the credit under a
# block quote or an embedded post, the day it was posted, not a statement of the article's
CREDIT_LINE = re.compile(r"\s*(?:[—–]|--)\s*[A-Z\d@]")
# "from $64.20 at Friday's close", "above Monday's level", "since Monday": a day that only dates the value a
# change is measured from, not the day of the change the sentence reports
REFERENCE_AFTER = re.compile(r"['’]s\s+(?:close|closing|open|opening|level|levels|high|low|peak|price|session|finish|"
                             r"baseline|reading|figure)\b")
SINCE_BEFORE = re.compile(r"\bsince\s+$", re.IGNORECASE)


def _reference_point(sentence: str, match: re.Match) -> bool:
    end = match.end()
    return (sentence[end:end + 1] in "'’" and REFERENCE_AFTER.match(sentence, end) is not None) or (
        match.group(0)[:1].isupper() and SINCE_BEFORE.search(sentence, max(0, match.start() - 7), match.start()) is not None)


# "(Source: Tenmile County Coroner, April 13.)": the day a fact was given, not a day anything happened
SOURCE_CREDIT = re.compile(r"\(Sources?:[^()]*$")


def _in_source_credit(sentence: str, position: int) -> bool:
    return "(Source" in sentence and SOURCE_CREDIT.search(sentence, 0, position) is not None
