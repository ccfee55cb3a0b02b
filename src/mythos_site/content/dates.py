"""Publication dates as editors write them, parsed with python-dateutil."""

from __future__ import annotations

import re
import warnings
from datetime import datetime, timedelta, timezone, tzinfo

from dateutil import parser as dateparser

DATE_HINT = "write the date as YYYY-MM-DD (e.g. 2026-03-29), optionally with a time: 2026-03-29 14:05"

EARLIEST_YEAR = 1900  # before it, a date on a news site is a slip in the year ("0026" for "2026")
# "03/04/2026": March 4 in the United States, April 3 in most other places.
DAY_OR_MONTH_FIRST = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}\b")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY = re.compile(r"\b(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday|rsday)?\b\.?",
                     re.IGNORECASE)

# Two defaults that differ in every field: a field that comes out different was not written.
_DEFAULTS = (datetime(2000, 1, 1, 0, 0, 0), datetime(2001, 2, 2, 1, 1, 1))


class DateProblem(ValueError):
    """The text is not a complete, real date; the message says why."""


def parse_published(text: str, site_zone: tzinfo) -> datetime:
    """A time-zone-aware datetime; a date without a time is midnight in the site's zone."""
    return parse_moment(text, site_zone)[0]


def parse_moment(text: str, site_zone: tzinfo) -> tuple[datetime, bool]:
    """The datetime parse_published gives, and whether the text gives a time of day."""
    text = text.strip()
    if not text:
        raise DateProblem("the date is empty")
    first, second = (_parse(text, default) for default in _DEFAULTS)
    missing = [name for name in ("year", "month", "day") if getattr(first, name) != getattr(second, name)]
    if missing:
        raise DateProblem(f"the date '{text}' has no {' or '.join(missing)}")
    timed = first.hour == second.hour
    if not timed:  # no time of day written
        first = first.replace(hour=0, minute=0, second=0, microsecond=0)
    elif first.second != second.second:  # "14:05" means 14:05:00
        first = first.replace(second=0)
    _refuse_unlikely(text, first)
    if first.tzinfo is None:
        return _local(text, first, site_zone), timed
    if not _real_offset(first):
        raise DateProblem(f"the UTC offset in '{text}' is not a real one; offsets run from -12:00 to +14:00")
    return first, timed


def _refuse_unlikely(text: str, moment: datetime) -> None:
    """Dates that parse but are most likely not what the editor meant."""
    if moment.year < EARLIEST_YEAR:
        raise DateProblem(f"'{text}' is in the year {moment.year}: check the year")
    order = DAY_OR_MONTH_FIRST.match(text)
    if order and int(order.group(1)) <= 12 and int(order.group(2)) <= 12 and order.group(1) != order.group(2):
        day_first = _long(moment.replace(month=moment.day, day=moment.month))
        raise DateProblem(f"'{text}' could be {_long(moment)} or {day_first}")
    named = WEEKDAY.search(text)
    if named and WEEKDAYS[moment.weekday()][:3] != named.group(1)[:3].lower():
        full = next(day for day in WEEKDAYS if day.startswith(named.group(1)[:3].lower()))
        raise DateProblem(f"'{text}' names a {full.title()}, but {_long(moment)} is a "
                          f"{WEEKDAYS[moment.weekday()].title()}")


def _local(text: str, moment: datetime, zone: tzinfo) -> datetime:
    """The wall-clock time in the site's zone; refused if the clocks skipped it (a spring-forward hour)."""
    local = moment.replace(tzinfo=zone)
    if local.astimezone(timezone.utc).astimezone(zone).replace(tzinfo=None) != moment:
        raise DateProblem(f"'{text}' is a time the clocks skipped in {zone} (they went forward)")
    return local


def _long(moment: datetime) -> str:
    return f"{moment:%B} {moment.day}, {moment.year}"


def _real_offset(moment: datetime) -> bool:
    try:
        offset = moment.utcoffset()
    except ValueError:  # a day or more: Python refuses it only when the offset is asked for
        return False
    return offset is not None and OFFSETS[0] <= offset <= OFFSETS[1]


OFFSETS = (timedelta(hours=-12), timedelta(hours=14))  # Baker Island's to Kiribati's; no zone lies outside


def _parse(text: str, default: datetime) -> datetime:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # an unknown zone name is an error, not a silent guess
            return dateparser.parse(text, default=default)
    except dateparser.UnknownTimezoneWarning:
        raise DateProblem(f"the time zone in '{text}' is not known; give it as an offset like -04:00") from None
    except (ValueError, OverflowError) as error:
        reason = str(error).split(":")[0]
        if "out of range" in reason or "must be in" in reason:
            raise DateProblem(f"'{text}' is not a real date ({reason})") from None
        raise DateProblem(f"'{text}' is not a date") from None
