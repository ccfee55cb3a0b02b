"""The date expressions, as one ordered table: each rule has a name, what a sentence must hold for it
to match at all (see mentions._holds), its pattern and its resolver, which turns a match into a
first and last day and a precision, against the article's date and what the text dated before.
Rules are tried in the order of DATE_RULES; a longer form comes before the shorter it holds
("March 26-27" before "March 26", "in May 2025" before "in 2025")."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Callable, NamedTuple


MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
WEEKDAY_NAMES = set(calendar.day_name)
MONTH_NAMES = frozenset(calendar.month_name[1:])
NUMBER_WORDS = {word: number for number, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
NUMBER_WORDS.update({"a": 1, "an": 1, "thirty": 30})

_MONTH = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|" \
         r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_NUM = r"(?P<count>\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
# Not inside a compound adjective: "a wider-than-expected loss" was reported, not planned; and "plan" only as
# a verb: "the emergency action plan, filed on Friday" was filed.
FUTURE_WORDS = re.compile(r"\b(?<!-)(?:as early as|will|plans?(?=\s+to\b)|planned|planning|expected|scheduled|intends?|"
                          r"considers?|next|upcoming|could|would)\b(?!-)", re.IGNORECASE)


def looks_ahead(sentence: str, position: int) -> bool:
    """The words before a date in its clause say it is still to come: "is expected Tuesday", "next
    Monday", "will host a conference call for investors at 5 p.m. on Thursday"."""
    start = max(0, position - LOOK_BACK)
    breaks = [found.end() for found in CLAUSE_BREAK.finditer(sentence, start, position)]
    return bool(FUTURE_WORDS.search(sentence, breaks[-1] if breaks else start, position))


LOOK_BACK = 120  # characters: a clause's verb seldom stands further from its date
CLAUSE_BREAK = re.compile(r"[;—–]|:\s|,\s+(?:and|but|while|after|although|as|because)\b")


def resolve(rule: DateRule, match, sentence, published, before):
    try:
        return rule.resolve(match, sentence, published, before)
    except ValueError:  # an impossible date such as February 30
        return None


def _day(match, sentence, published, before):
    month = _month_number(match.group("month"))
    day = int(match.group("day"))
    year = int(match.group("year")) if match.group("year") else _nearest_year(month, day, published)
    moment = date(year, month, day)
    return moment, moment, "day"


def _iso(match, sentence, published, before):
    moment = date(int(match.group("year")), int(match.group("month")), int(match.group("day")))
    return moment, moment, "day"


def _range(match, sentence, published, before):
    month = _month_number(match.group("month"))
    month2 = _month_number(match.group("month2")) if match.group("month2") else month
    if month2 is None:
        return None
    year = int(match.group("year")) if match.group("year") else _nearest_year(month, int(match.group("day")),
                                                                              published)
    start = date(year, month, int(match.group("day")))
    end = date(year + (month2 < month), month2, int(match.group("day2")))
    return (start, end, "range") if start < end else None


def _month(match, sentence, published, before):
    name = match.group("month")
    lead = match.group("lead")
    if name.rstrip(".") == "May" and not (lead or match.group("year")) and not AS_EARLY_AS.search(
            sentence, max(0, match.start() - 14), match.start()):
        return None  # "May" the month needs a preposition or a year; otherwise it may be the verb
    if not (lead or match.group("year")) and not AS_EARLY_AS.search(sentence, max(0, match.start() - 14), match.start()):
        return None  # a bare month name with nothing around it is too weak to date anything
    month = _month_number(name)
    if lead and lead.lower() == "that" and not match.group("year"):
        # "in June 2025 ... not repaired until that December": a month of the year last named
        if before.dated is None:
            return None
        year = before.dated.start.year
    else:
        year = int(match.group("year")) if match.group("year") else _nearest_year(month, 15, published)
    start = date(year, month, 1)
    return start, date(year, month, calendar.monthrange(year, month)[1]), "month"


AS_EARLY_AS = re.compile(r"\bas\s+(?:early|soon|late)\s+as\s+$", re.IGNORECASE)  # "could begin as early as September"


def _part(match, sentence, published, before):
    return _part_of(int(match.group("year")), match.group("part"))


def _part_of(year: int, part: str):
    months = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[part.lower()]
    return date(year, months[0], 1), date(year, months[1], calendar.monthrange(year, months[1])[1]), "range"


def _week(match, sentence, published, before):
    start, _, _ = _day(match, sentence, published, before)
    return start, start + timedelta(days=6), "range"


def _part_deictic(match, sentence, published, before):
    year = published.year + {"last": -1, "this": 0, "next": 1}[match.group("which").lower()]
    return _part_of(year, match.group("part"))


QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def _quarter(match, sentence, published, before):
    year = int(match.group("year"))
    number = int(match.group("number")) if match.group("number") else QUARTERS[match.group("ordinal").lower()]
    last = number * 3
    return date(year, last - 2, 1), date(year, last, calendar.monthrange(year, last)[1]), "range"


def _end(match, sentence, published, before):
    month = _month_number(match.group("month")) or 12
    year = int(match.group("year")) if match.group("year") else _nearest_year(month, 15, published)
    last = calendar.monthrange(year, month)[1]
    if match.group("month") and BY_BEFORE.search(sentence, max(0, match.start() - 8), match.start()):
        # "expected by the end of July": some time in July, the month a deadline falls in
        return date(year, month, 1), date(year, month, last), "month"
    moment = date(year, month, last)
    return moment, moment, "day"


BY_BEFORE = re.compile(r"\bby\s+the\s+$", re.IGNORECASE)


def _months(match, sentence, published, before):
    first, last = _month_number(match.group("month")), _month_number(match.group("month2"))
    if first is None or last is None:
        return None
    year, year2 = (int(found) if found else None for found in (match.group("year"), match.group("year2")))
    if year is None:
        year = (year2 if first <= last else year2 - 1) if year2 else _nearest_year(first, 15, published)
    if year2 is None:
        year2 = year if last >= first else year + 1
    start, end = date(year, first, 1), date(year2, last, calendar.monthrange(year2, last)[1])
    return (start, end, "range") if start < end else None


def _years(match, sentence, published, before):
    first, last = int(match.group("year")), int(match.group("year2"))
    return (date(first, 1, 1), date(last, 12, 31), "range") if first < last else None


def _year(match, sentence, published, before):
    if match.group("lead").lower() == "before":
        return _before_year(int(match.group("year")), published)
    if match.group("lead").lower() == "of" and NAMED_BEFORE.search(sentence, max(0, match.start() - 30), match.start()):
        return None  # "the Securities Litigation Reform Act of 1995" names a law, not a time
    year = int(match.group("year"))
    return date(year, 1, 1), date(year, 12, 31), "year"


def _before_year(year: int, published: date):
    """"would not need to raise money before 2028": a deadline, from now to the last day of 2027.
    Before a year already begun, it names no span a reader could date."""
    if year <= published.year:
        return None
    return published, date(year - 1, 12, 31), "range"


def _relative(match, sentence, published, before):
    count = match.group("count").lower()
    number = int(count) if count.isdigit() else NUMBER_WORDS[count]
    unit, direction = match.group("unit").lower(), match.group("direction").lower()
    anchor = published if direction == "ago" else before.day
    if anchor is None and match.start() == 0:  # "Two days later, ..." opening a paragraph
        anchor = before.paragraph_before
    if anchor is None:
        return None  # "eleven days later" than nothing this paragraph dated
    sign = 1 if direction in ("later", "after") else -1
    if unit in ("day", "week"):
        moment = anchor + sign * timedelta(days=number * (7 if unit == "week" else 1))
        return moment, moment, "day"
    if unit == "month":
        total = anchor.year * 12 + anchor.month - 1 + sign * number
        year, month = divmod(total, 12)
        start = date(year, month + 1, 1)
        return start, date(year, month + 1, calendar.monthrange(year, month + 1)[1]), "month"
    year = anchor.year + sign * number
    return date(year, 1, 1), date(year, 12, 31), "year"


SAME_AS = re.compile(r"\s+as\b")


def _anaphoric(match, sentence, published, before):
    """"Four more followed by the end of that year": the year (month, day) of the last date named."""
    dated, unit = before.dated, match.group("unit").lower()
    if unit == "day" and (dated is None or dated.precision != "day"):
        # "the same day", "that day": the last day the article named, in this paragraph or before
        if before.last_day is None or SAME_AS.match(sentence, match.end()):
            return None  # "the same day as the outage" is the outage's day, which this does not know
        return before.last_day, before.last_day, "day"
    if dated is None or (unit == "month" and dated.precision not in ("day", "month")) or (
            unit == "day" and dated.precision != "day"):
        return None
    if unit == "day":
        return dated.start, dated.start, "day"
    if unit == "month":
        first = dated.start.replace(day=1)
        return first, first.replace(day=calendar.monthrange(first.year, first.month)[1]), "month"
    return date(dated.start.year, 1, 1), date(dated.start.year, 12, 31), "year"


def _span(match, sentence, published, before):
    count = match.group("count").lower()
    number = int(count) if count.isdigit() else NUMBER_WORDS[count]
    days = {"day": 1, "week": 7, "month": 30, "year": 365}[match.group("unit").lower()] * number
    return published - timedelta(days=days), published, "range"


def _deictic(match, sentence, published, before):
    word = " ".join(match.group("word").lower().split()).replace(" same", "")
    if word == "today" and _nowadays(match, sentence):
        return None
    if word in ("yesterday", "today", "tomorrow", "tonight", "this morning", "this afternoon", "this evening",
                "last night"):
        moment = published + timedelta(days=-1 if word in ("yesterday", "last night") else 1 if word == "tomorrow" else 0)
        return moment, moment, "day"
    which, unit = word.split()
    shift = {"this": 0, "last": -1, "next": 1}[which]
    if unit == "week":
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=shift)
        return monday, monday + timedelta(days=6), "range"
    if unit == "month":
        total = published.year * 12 + published.month - 1 + shift
        year, month = divmod(total, 12)
        return date(year, month + 1, 1), date(year, month + 1, calendar.monthrange(year, month + 1)[1]), "month"
    return date(published.year + shift, 1, 1), date(published.year + shift, 12, 31), "year"


# A verb that puts a sentence in the past or the future: "Today, shares closed lower" is dated.
NOT_PRESENT = re.compile(r"\b(?:\w+ed|said|told|will|would|was|were|did|made|took|gave|came|went|met|held|won|lost|"
                         r"sent|began|rose|fell|spoke|wrote|got|set|shut|cut|hit|paid|sold|bought|left|became|"
                         r"announces?|unveils?|launch(?:es)?|releases?|files?|reports?)\b", re.IGNORECASE)


def _nowadays(match, sentence: str) -> bool:
    """"Today, most operators ... send automatic alerts": a sentence that opens with "Today," and
    states what is generally so, in the present tense, speaks of these days, not of one day."""
    return match.start() == 0 and sentence[match.end():match.end() + 1] == "," and not NOT_PRESENT.search(sentence)


def _next_day(match, sentence, published, before):
    """"went ahead on a replacement flight the next day": the day after the last day the article named;
    "announced the night before": the day before it."""
    dated = before.dated
    anchor = dated.start if dated and dated.precision == "day" and dated.sentence == sentence \
        and dated.position < match.start() else before.last_day  # "on 25 March, after ... the night before"
    if anchor is None or NOT_BEFORE.search(sentence, max(0, match.start() - 5), match.start()):
        return None  # "Nobody called me. Not that night, not the next morning.": no day anything happened
    moment = anchor + timedelta(days=-1 if match.group("before") else 1)
    return moment, moment, "day"


NOT_BEFORE = re.compile(r"\bnot\s+$", re.IGNORECASE)


def _weekend(match, sentence, published, before):
    """"a flight that failed at the weekend": the last Saturday and Sunday before publication (the coming
    ones where the words look ahead, or "next weekend")."""
    which = (match.group("which") or "").lower()
    saturday = published - timedelta(days=(published.weekday() - 5) % 7)
    if which == "next" or (which != "last" and looks_ahead(sentence, match.start()) and saturday < published):
        saturday += timedelta(days=7) if saturday <= published - timedelta(days=2) else timedelta(0)
    if which == "last" and saturday + timedelta(days=1) >= published:
        saturday -= timedelta(days=7)
    return saturday, saturday + timedelta(days=1), "range"


def _weekday(match, sentence, published, before):
    """A bare weekday in news copy is the most recent such day, on or before publication, unless the
    words before it look ahead ("is expected Tuesday", "will meet on Monday"): then the next such day,
    on or after it. "Last Thursday" is the one before publication day, "next Monday" the one after."""
    target = WEEKDAYS[match.group("weekday").lower()]
    which = " ".join((match.group("which") or "").lower().split())
    back = (published.weekday() - target) % 7
    ahead = (target - published.weekday()) % 7
    if which in ("last", "past", "previous"):
        moment = published - timedelta(days=back or 7)
    elif which in ("next", "coming", "this coming"):
        moment = published + timedelta(days=ahead or 7)
    elif looks_ahead(sentence, match.start()) or (match.start() > 3 and BY_WEEKDAY.search(sentence, 0, match.start())):
        moment = published + timedelta(days=ahead)
    else:
        moment = published - timedelta(days=back)
    return moment, moment, "day"


# "a full list of affected merchants by Friday": a deadline, still to come; "By Saturday, the mood had soured"
# opens its sentence and looks back
BY_WEEKDAY = re.compile(r"\bby\s+$")
NAMED_BEFORE = re.compile(r"\b(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\s+$)[A-Z][a-z]+\s+$")


def _month_number(name: str | None) -> int | None:
    return MONTHS.get(name.lower().rstrip(".")) if name else None


def _nearest_year(month: int, day: int, published: date) -> int:
    """The year that puts a month and day closest to the article's date (December 30 in a January article
    is last year's)."""
    candidates = [published.year - 1, published.year, published.year + 1]
    return min(candidates, key=lambda year: abs((_safe_date(year, month, day) - published).days))


def _safe_date(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


class DateRule(NamedTuple):
    name: str  # the kind of expression: "day", "weekday", "relative", ...
    needs: str  # what the sentence must hold (a month name, a year, a unit of time, ...)
    pattern: re.Pattern
    resolve: Callable  # (match, sentence, published, before) -> (start, end, precision) or None


# Each rule: its name, what a sentence must hold for it to match (see mentions._holds), the pattern, its resolver.
DATE_RULES = (
    # the week of March 9: the seven days from it
    DateRule("week", "week", re.compile(rf"\bthe\s+week\s+of\s+{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
                                 rf"(?:,?\s+{_YEAR}\b)?", re.IGNORECASE), _week),
    # by the end of 2027 / the end of March: the last day, when a deadline falls due
    DateRule("end", "end", re.compile(rf"\bend\s+of\s+(?:{_MONTH}\s*)?(?:(?<=\s){_YEAR})?\b(?<=\d|[a-z.])"), _end),
    # between January 2023 and October 2025 / from January to March: every month from the first to the last
    DateRule("months", "months", re.compile(
        rf"\b(?i:from|between)\s+{_MONTH}(?:\s+{_YEAR})?\s*(?:-|–|to|through|until|and)\s*"
        rf"{_MONTH.replace('month', 'month2')}(?![a-z])(?:\s+(?P<year2>(?:19|20)\d\d)\b|(?!\s*\d))"), _months),
    # March 26-27, 2026 / March 26 to April 7, 2026
    DateRule("range", "month", re.compile(
        rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|to|through|and)\s*"
        rf"(?:(?P<month2>[A-Z][a-z]+)\.?\s+)?(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+{_YEAR})?"), _range),
    # between Saturday 28 March and Monday 6 April / 28 March to 6 April 2026: the day-month order
    DateRule("range", "month", re.compile(
        rf"\b(?:(?:[A-Z][a-z]+day)\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\s*(?:-|–|to|until|through|and)\s*"
        rf"(?:(?:[A-Z][a-z]+day)\s+)?(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month2>[A-Z][a-z]+)\.?(?:,?\s+{_YEAR})?\b"),
        _range),
    # March 26, 2026 / March 26 / 26 March 2026
    DateRule("day", "month", re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:%|percent|billion|million))"
                       rf"(?:,?\s+{_YEAR}\b)?"), _day),
    DateRule("day", "month", re.compile(rf"\b(?P<day>\d{{1,2}})\s+{_MONTH}(?:\s+{_YEAR})?\b"), _day),
    # 2026-03-26
    DateRule("iso", "year", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"), _iso),
    # late 2025 / early 2026 / mid-2025
    DateRule("part", "year", re.compile(rf"\b(?P<part>early|late|mid)[-\s]{_YEAR}\b", re.IGNORECASE), _part),
    # late last year / early this year: a part of the year the publication date is in, or next to
    DateRule("part_deictic", "part", re.compile(r"\b(?P<part>early|late|mid)[-\s](?P<which>last|this|next)\s+year\b",
                                        re.IGNORECASE), _part_deictic),
    # Q3 2025 / the fourth quarter of 2025
    DateRule("quarter", "quarter", re.compile(rf"\b(?:Q(?P<number>[1-4])|(?P<ordinal>first|second|third|fourth)[-\s]quarter)"
                                   rf"(?:\s+of)?\s+{_YEAR}\b", re.IGNORECASE), _quarter),
    # May 2025 / in February / since March
    DateRule("month", "month", re.compile(rf"\b(?:(?P<lead>(?i:in|since|by|until|from|during|early|late|mid|last|next|this|of|"
                         rf"through|before|after|that))\s+(?:early\s+|late\s+|mid-)?)?"
                         rf"{_MONTH}(?:\s+{_YEAR})?\b"), _month),
    # from 2022 to 2024 / between 2019 and 2023: every year from the first to the last
    DateRule("years", "years", re.compile(rf"\b(?i:from|between)\s+{_YEAR}\s*(?:-|–|to|through|until|and)\s*"
                                 r"(?P<year2>(?:19|20)\d\d)\b"), _years),
    # in 2025 / since 2024
    DateRule("year", "year", re.compile(rf"\b(?P<lead>(?i:in|since|by|until|from|during|of|before|after|through))\s+{_YEAR}"
                                rf"\b(?![-–]\w)"), _year),
    # eleven days later / ten years ago / two weeks earlier
    DateRule("relative", "unit", re.compile(rf"\b{_NUM}\s+(?P<unit>day|week|month|year)s?\s+(?P<direction>later|after|earlier|"
                            rf"before|ago|prior)\b", re.IGNORECASE), _relative),
    # the last two months / the past three weeks
    # ("expected to last three weeks" is a verb's object: "last" needs its "the")
    DateRule("span", "unit", re.compile(rf"\b(?:the\s+(?:last|past)|past)\s+{_NUM}\s+(?P<unit>day|week|month|year)s\b",
                                        re.IGNORECASE), _span),
    # that year / later that month / the same day: the paragraph's last date
    DateRule("anaphoric", "unit", re.compile(r"\b(?:(?:later|earlier)\s+)?(?:that|the\s+same)\s+(?P<unit>day|month|year)\b",
                                             re.IGNORECASE), _anaphoric),
    # yesterday / today / this week / last week
    DateRule("deictic", "deictic", re.compile(r"\b(?P<word>yesterday|today|tomorrow|tonight|(?:this|last|next)\s+(?:same\s+)?"
                                              r"(?:week|month|year)|this\s+(?:morning|afternoon|evening)|last\s+night)\b",
                                              re.IGNORECASE), _deictic),
    # the next day / the day after / the night before: a day from the last day the article named
    DateRule("next_day", "unit", re.compile(r"\b(?:the\s+(?P<after>next|following)\s+(?:day|morning|evening)|"
                                            r"the\s+(?:day|morning)\s+(?P<after2>after)(?!\s+(?:that|the|a|an|his|her|its))"
                                            r"|the\s+(?:night|day|evening)\s+(?P<before>before)(?!\s+(?:that|the|a|an|his|her|its)))"
                                            r"\b(?!\s+\w+ing\b)", re.IGNORECASE), _next_day),
    # at the weekend / over the weekend / last weekend: the Saturday and Sunday before
    DateRule("weekend", "weekend", re.compile(r"\b(?:(?:at|over|during)\s+the|(?P<which>last|this|next|past))\s+weekend\b",
                                              re.IGNORECASE), _weekend),
    # Thursday / on Friday / last Thursday / next Monday (a weekday with no date)
    DateRule("weekday", "weekday", re.compile(r"\b(?:(?P<which>(?i:last|next|this|coming|this coming|past|previous))\s+)?"
                                              r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"), _weekday),
)
