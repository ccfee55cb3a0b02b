"""A page's publication date, found with htmldate: the date the page states (its metadata, its
dateline), with the time and zone where it gives them; failing that, a date in its address or
its text, which is only evidence and is written as date_inferred."""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass
from datetime import datetime

from htmldate import find_date

FULL = "%Y-%m-%dT%H:%M:%S%z"
DATELINE_WORDS = 12  # a dateline or byline is short; a longer paragraph is the article's text
# A page of no text: htmldate then reads the date from the address it is given, and only from it.
NO_TEXT = "<html><head><title></title></head><body><p></p></body></html>"


@dataclass(frozen=True)
class Published:
    """The date as the front matter takes it; the evidence when the page does not state it; a note."""

    value: str | None = None
    evidence: str | None = None
    note: str | None = None


def publication_date(tree, address: str | None) -> Published:
    # url="" keeps htmldate from reading a date from the page's canonical address before its
    # metadata: a date in an address is evidence, not a statement of the page.
    stated = find_date(_without_prose(tree), extensive_search=False, original_date=True, outputformat=FULL, url="")
    if stated:
        return _stated(stated)
    in_address = find_date(NO_TEXT, extensive_search=False, url=address) if address else None
    if in_address:
        return Published(in_address, f"the page states no date; its address has one: {address}")
    in_text = find_date(deepcopy(tree), extensive_search=True, original_date=True, url="")
    if in_text:
        day = datetime.fromisoformat(in_text[:10])
        return Published(day.date().isoformat(), f"the page states no publication date; htmldate finds "
                         f"{day:%B} {day.day}, {day.year} in its text: check that it is the day of publication")
    return Published()


def _without_prose(tree):
    """A copy of the page without its paragraphs of running text: a date in the article's prose
    ("the agenda, dated 2026-03-24") is evidence, not the date the page states for itself, which
    is in its metadata or a short dateline."""
    page = deepcopy(tree)
    for element in list(page.iter("p", "li", "blockquote", "td", "dd")):
        if len(element.text_content().split()) > DATELINE_WORDS and element.getparent() is not None:
            element.drop_tree()
    return page


def _stated(found: str) -> Published:
    moment = datetime.fromisoformat(found)
    if moment.tzinfo is not None:
        return Published(moment.isoformat())
    if moment.time() == datetime.min.time():
        return Published(moment.date().isoformat())
    # A time without a zone would be read in the site's zone, which may not be the outlet's.
    return Published(moment.date().isoformat(), note=f"the page gives the time {moment:%H:%M} without a time "
                     "zone, so only the day is written; add the time with its offset if you know it")
