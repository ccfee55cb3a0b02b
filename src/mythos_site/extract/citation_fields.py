"""The parts of a citation read before its names: the placeholders left where a part was taken
out, the links (a markdown link's label, a bare address, a DOI) and the publication date."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

from mythos_site.content.sanitize import well_formed


# Placeholders left in the text so that what remains can still be read around what was taken out.
TITLE_MARK = "\x1e"
DATE_MARK = "\x1d"
GAP = "\x1f"
LABEL_OPEN, LABEL_CLOSE = "\x02", "\x03"
MARKS = TITLE_MARK + DATE_MARK + GAP + LABEL_OPEN + LABEL_CLOSE

# --- links and markup -------------------------------------------------------------------------

_URL_CHARS = r"(?:[^\s()<>\"]|\([^\s()<>\"]*\))+"  # one level of brackets, as in Wikipedia addresses
_MARKDOWN_LINK = re.compile(r"\[([^\[\]]*)\]\(\s*<?(" + _URL_CHARS + r")>?(?:\s+\"[^\"]*\")?\s*\)")
_BARE_URL = re.compile(r"<?\b(?:https?://|www\.)" + _URL_CHARS + ">?", re.IGNORECASE)
_URL_TAIL = ".,;:!?'\"’”>"
# Link text that names the link, not the work: "[PDF](...)", "[here](...)".
_NOT_A_TITLE = re.compile(r"(?i)(?:pdf|html|link|here|source|online|web\s*page|url|archived?|full text)")
EMPHASIS = re.compile(r"(?<![\w*])([*_]{1,3})(?=\S)(.+?)(?<=\S)\1(?![\w*])")
FORMAT_MARKER = re.compile(
    r"\s*[(\[]\s*(?:pdf|html|docx?|pptx?|xlsx?|video|audio|podcast|paywall(?:ed)?)\b[^)\]]*[)\]]", re.IGNORECASE)
FOOTNOTE_MARKER = re.compile(r"^\s*\[\^[^\]]*\]:\s*")

SEPARATOR_BEFORE = re.compile(r"(?:^|[,;:.(\[、。，；：（" + MARKS + r"]|\s[-–—|])\s*$")
SEPARATOR_AFTER = re.compile(r"\s*(?:$|[,;:.()\[\]、。，；：（）" + MARKS + r"]|[-–—|]\s)")
TRIM = " \t,;:.-–—|、。，；：" + MARKS


# --- dates ------------------------------------------------------------------------------------

_MONTH_NUMBERS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_MONTH = (r"(?P<month>(?=[A-Z])(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?)(?![A-Za-z])")
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})(?!\d)"
_DATE_FORMS = tuple(re.compile(pattern) for pattern in (
    r"(?<!\d)(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月(?:\s*(?P<day>\d{1,2})\s*日)?",  # 2026年4月8日
    r"(?<![\d/-])(?P<year>\d{4})[-/](?P<month>\d{1,2})(?:[-/](?P<day>\d{1,2}))?"
    r"(?:T[\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?(?![\d/-])",
    _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR,
    r"(?<!\d)" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR,
    r"(?<!\d)" + _YEAR + r",?\s+" + _MONTH + r"\s+" + _DAY + r"(?!\d)",
    _MONTH + r",?\s+" + _YEAR,
    r"(?<![\d.$-])(?P<year>(?:19|20)\d\d)(?!\d|\.\d|-\d|%)",
))
# A time of day after the date belongs to it: "26 March 2026 10:00 ET", "April 8, 2026, 5 p.m.".
_TIME_OF_DAY = re.compile(
    r",?\s*(?:at\s+)?(?:\d{1,2}(?::\d\d)+\s*(?:[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)"
    r"(?:\s*(?-i:[A-Z]{2,5})(?:[+-]\d{1,2}(?::?\d\d)?)?)?(?![\w:])", re.IGNORECASE)
# Words that may introduce a publication date; "in" alone may not ("a round in February 2026").
_DATE_LEAD = re.compile(
    r"(?i)\b(?:(?:(?:first|last|originally)\s+)?(?:published|updated|posted|released|issued|effective|dated|revised)"
    r"(?:\s+(?:on|in|as\s+of))?|on|as\s+of)\s*$")


def take_urls(text: str) -> tuple[str, str | None]:
    """The text with links replaced by their labels (marked) and bare URLs removed; the first URL."""
    urls: list[str] = []

    def keep_label(match: re.Match) -> str:
        label = match.group(1).strip().strip("\"“”'‘’ ")
        urls.append(match.group(2))
        if not label or _BARE_URL.fullmatch(label) or _NOT_A_TITLE.fullmatch(label):
            return GAP
        return LABEL_OPEN + label + LABEL_CLOSE

    def drop_url(match: re.Match) -> str:
        url, tail = _split_url_tail(match.group(0).strip("<>"))
        urls.append(url)
        return GAP + tail

    def drop_doi(match: re.Match) -> str:
        doi, tail = _split_url_tail(match.group(1))
        urls.append(DOI_RESOLVER + doi)
        return GAP + tail

    text = _BARE_URL.sub(drop_url, _MARKDOWN_LINK.sub(keep_label, text))
    text = _DOI.sub(drop_doi, text) if "doi" in text.lower() else text
    # Only a web address is linked: "javascript:" or "data:" in a footnote (inside a code span,
    # where the check for hostile HTML does not look) must never become a link.
    web = [url.strip() for url in urls if _WEB_ADDRESS.match(url.strip()) and well_formed(url.strip())]
    return text, (web[0] if web else None)


_WEB_ADDRESS = re.compile(r"https?://[^\s\\]", re.IGNORECASE)
# "doi:10.1212/NXO.0000000000200134": a journal article's address, without the resolver's
_DOI = re.compile(r"\bdoi:\s*(10\.\d{4,9}/[^\s\"<>]+)", re.IGNORECASE)
DOI_RESOLVER = "https://doi.org/"


def _split_url_tail(url: str) -> tuple[str, str]:
    """Punctuation that ends the sentence is not part of the URL; a closing bracket is, when it is paired."""
    end = len(url)
    while end and (url[end - 1] in _URL_TAIL or (url[end - 1] == ")" and url.count("(") < url.count(")"))):
        end -= 1
    return url[:end], url[end:]


# --- the date ---------------------------------------------------------------------------------

def take_date(main: str, notes: list[str]) -> tuple[str, str | None]:
    """The first publication date, taken out of the citation; from a note after ";" only one that opens it."""
    found = _find_date(main, anywhere=True)
    if found:
        start, end, published = found
        return main[:start] + DATE_MARK + main[end:], published
    dates_opening_notes = (found[2] for note in notes if (found := _find_date(note, anywhere=False)))
    return main, next(dates_opening_notes, None)


def _find_date(text: str, anywhere: bool) -> tuple[int, int, str] | None:
    """(start of the date with its lead word, end, ISO date) of the first date standing as a part of its own."""
    for start, end, iso in _date_candidates(text):
        lead_start = _date_part_start(text, start, anywhere)
        end = _end_of_time(text, end)
        if lead_start is not None and SEPARATOR_AFTER.match(text, end):
            return lead_start, end, iso
    return None


def _end_of_time(text: str, end: int) -> int:
    time = _TIME_OF_DAY.match(text, end)
    return time.end() if time else end


def _date_candidates(text: str) -> list[tuple[int, int, str]]:
    """Every date written in the text, in order, leaving out the year of "March 2026" and the like."""
    found = [(match.start(), match.end(), iso) for form in _DATE_FORMS for match in form.finditer(text)
             if (iso := _iso_date(match))]
    outer = [span for span in found
             if not any(other[0] <= span[0] and span[1] <= other[1] and other[:2] != span[:2] for other in found)]
    return sorted(set(outer))


def _iso_date(match: re.Match) -> str | None:
    """The date as ISO 8601 to the precision written, or None when it is not a real date."""
    parts = match.groupdict()
    year = int(parts["year"])
    month = _month_number(parts.get("month"))
    day = int(parts["day"]) if parts.get("day") else None
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        return None
    if month is None:
        return f"{year:04d}"
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


def _month_number(text: str | None) -> int | None:
    if text is None:
        return None
    return int(text) if text.isdigit() else _MONTH_NUMBERS[text[:3].lower()]


LEAD_REACH = 60  # characters before a date that can hold its lead word or separator, spaces being single


def _date_part_start(text: str, start: int, anywhere: bool) -> int | None:
    """Where the date's part begins (at a lead word like "published"), or None when it sits inside a phrase."""
    before = text[:start]
    lead = _DATE_LEAD.search(before, max(0, start - LEAD_REACH))
    for part_start in ([lead.start()] if lead else []) + [start]:
        preceding = text[:part_start]
        if (not preceding.strip(TRIM)) or (anywhere and SEPARATOR_BEFORE.search(preceding,
                                                                                  max(0, part_start - LEAD_REACH))):
            return part_start
    return None


def normalise_url(url: str) -> str:
    """One spelling per page: https, lower-case host without "www.", no fragment, tracking or trailing slash."""
    try:
        parts = urlsplit(url if "://" in url else "https://" + url)
        port = f":{parts.port}" if parts.port and parts.port not in (80, 443) else ""
    except ValueError:  # a malformed address is still a key, compared as written
        return url.strip().rstrip("/").lower()
    host = (parts.hostname or "").removeprefix("www.")
    query = "&".join(pair for pair in parts.query.split("&") if pair and not _is_tracking(pair))
    return f"https://{host}{port}{parts.path.rstrip('/')}" + (f"?{query}" if query else "")


def _is_tracking(pair: str) -> bool:
    name = pair.split("=", 1)[0].lower()
    return name.startswith("utm_") or name in ("fbclid", "gclid", "mc_cid", "mc_eid")
