"""Load the editors' events: content/events.yaml into Event records (every error names its line)."""

from __future__ import annotations

import calendar
import re
from datetime import date
from pathlib import Path
from typing import Any

from mythos_site.errors import ContentError, Problem
from mythos_site.content.frontmatter import parse_yaml_mapping
from mythos_site.site_records import Calendar, Event
from mythos_site.content.slugs import is_plain

EVENTS_FILE = "events.yaml"
# The timeline page and its folder use these for days ("d-2026-03-27", which also has a page of
# its own), phases and the main region; an event named so would take their place.
TAKEN_IDS = re.compile(r"d-\d.*|s-(?:context|story|plans)|main")
KINDS = ("leak", "report", "statement", "market", "policy", "legal", "launch", "security", "plan", "other")
DATE_HINT = "write YYYY-MM-DD, YYYY-MM or YYYY, or a range START/END such as 2025-09/2025-12"


def load_calendar(content_dir: Path) -> Calendar:
    """The events file, or an empty calendar when there is none."""
    path = content_dir / EVENTS_FILE
    if not path.exists():
        return Calendar(())
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ContentError.at(path, 1, "the events file is not UTF-8 text", "save it as UTF-8") from None
    data, lines, items = parse_yaml_mapping(path, text, first_line=1, what="the file")
    events, problems = _events(path, data.get("events") or [], items.get("events", ()), lines.get("events", 1))
    start, end = _story(path, data.get("story"), lines.get("story", 1), problems)
    if problems:
        raise ContentError(problems)
    return Calendar(tuple(events), start, end)


def _events(path: Path, entries: Any, item_lines: tuple[int, ...], line: int):
    problems: list[Problem] = []
    if not isinstance(entries, list):
        return [], [Problem(path, line, "'events' must be a list", "start each event with '  - id: ...'")]
    events: list[Event] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        at = item_lines[index] if index < len(item_lines) else line
        try:
            event = _event(path, entry, at)
        except ContentError as error:
            problems.extend(error.problems)
            continue
        if event.id in seen:
            problems.append(Problem(path, at, f"the event id '{event.id}' is used twice", "give each event its own id"))
        seen.add(event.id)
        events.append(event)
    return events, problems


def _event(path: Path, entry: Any, line: int) -> Event:
    def fail(message: str, hint: str) -> ContentError:
        return ContentError.at(path, line, message, hint)

    if not isinstance(entry, dict):
        raise fail("an event must be a set of fields", "write id:, date:, headline:, text:, kind: and terms:")
    for key in ("id", "date", "headline", "text", "kind"):
        if not isinstance(entry.get(key), (str, int)) or not str(entry.get(key)).strip():
            raise fail(f"the event has no '{key}'", f"add '{key}: ...' to the event")
    if not is_plain(str(entry["id"])):
        raise fail(f"the event id '{entry['id']}' is not a plain name", "use lower-case words and hyphens")
    if TAKEN_IDS.fullmatch(str(entry["id"])):
        raise fail(f"the event id '{entry['id']}' is taken by the timeline's own days, phases or layout",
                   "name the event for what happened, e.g. id: model-leaked")
    if entry["kind"] not in KINDS:
        raise fail(f"the event kind '{entry['kind']}' is not known", "use one of " + ", ".join(KINDS))
    terms = entry.get("terms", [])
    if not isinstance(terms, list) or not all(isinstance(term, (str, int, float)) for term in terms):
        raise fail("'terms' must be a list of words and phrases", "e.g. terms: [data store, misconfiguration]")
    inferred = entry.get("date_inferred")
    if inferred is not None and not isinstance(inferred, str):
        raise fail("'date_inferred' must be text", "say what the date rests on")
    try:
        start, end, precision = parse_event_date(str(entry["date"]))
    except ValueError as error:
        raise fail(f"the event date '{entry['date']}' is not a date ({error})", DATE_HINT) from None
    return Event(str(entry["id"]), start, end, precision, " ".join(str(entry["headline"]).split()),
                 " ".join(str(entry["text"]).split()), entry["kind"], tuple(str(term) for term in terms), inferred)


def parse_event_date(text: str) -> tuple[date, date, str]:
    """"2026-03-26" (day), "2026-03" (month), "2026" (year), or "START/END" (range)."""
    if "/" in text:
        first, second = text.split("/", 1)
        start, _, _ = parse_event_date(first.strip())
        _, end, _ = parse_event_date(second.strip())
        if end < start:
            raise ValueError("the range ends before it starts")
        return start, end, "range"
    match = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", text.strip())
    if not match:
        raise ValueError("not in the form YYYY-MM-DD")
    year, month, day = (int(part) if part else None for part in match.groups())
    if day:
        moment = date(year, month, day)
        return moment, moment, "day"
    if month:
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), "month"
    return date(year, 1, 1), date(year, 12, 31), "year"


def _story(path: Path, story: Any, line: int, problems: list[Problem]):
    if story is None:
        return None, None
    try:
        start = parse_event_date(str(story["start"]))[0]
        end = parse_event_date(str(story["end"]))[1]
    except (TypeError, KeyError, ValueError):
        problems.append(Problem(path, line, "'story' needs a start and an end date",
                                "write story: then '  start: 2026-03-26' and '  end: 2026-04-07'"))
        return None, None
    return start, end
