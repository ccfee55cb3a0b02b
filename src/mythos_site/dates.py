"""Publication dates as editors write them, parsed with python-dateutil."""

from __future__ import annotations

import warnings
from datetime import datetime, timedelta, tzinfo

from dateutil import parser as dateparser

DATE_HINT = "write the date as YYYY-MM-DD (e.g. 2026-03-29), optionally with a time: 2026-03-29 14:05"

# Two defaults that differ in every field: a field that comes out different was not written.
_DEFAULTS = (datetime(2000, 1, 1, 0, 0, 0), datetime(2001, 2, 2, 1, 1, 1))


class DateProblem(ValueError):
    """The text is not a complete, real date; the message says why."""


def parse_published(text: str, site_zone: tzinfo) -> datetime:
    """A time-zone-aware datetime; a date without a time is midnight in the site's zone."""
    text = text.strip()
    if not text:
        raise DateProblem("the date is empty")
    first, second = (_parse(text, default) for default in _DEFAULTS)
    missing = [name for name in ("year", "month", "day") if getattr(first, name) != getattr(second, name)]
    if missing:
        raise DateProblem(f"the date '{text}' has no {' or '.join(missing)}")
    if first.hour != second.hour:  # no time of day written
        first = first.replace(hour=0, minute=0, second=0, microsecond=0)
    elif first.second != second.second:  # "14:05" means 14:05:00
        first = first.replace(second=0)
    if first.tzinfo is None:
        return first.replace(tzinfo=site_zone)
    if not _real_offset(first):
        raise DateProblem(f"the UTC offset in '{text}' is not a real one; offsets run from -12:00 to +14:00")
    return first


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
