"""Footnote citations, in whatever style an outlet prints them, read into publisher, title, date and URL."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from urllib.parse import urlsplit

from mythos_site.records import Citation
from mythos_site.content.sanitize import well_formed


_MISSING = Citation(None, None, None, None, missing=True)

# Placeholders left in the text so that what remains can still be read around what was taken out.
_TITLE_MARK = "\x1e"
_DATE_MARK = "\x1d"
_GAP = "\x1f"
_LABEL_OPEN, _LABEL_CLOSE = "\x02", "\x03"
_MARKS = _TITLE_MARK + _DATE_MARK + _GAP + _LABEL_OPEN + _LABEL_CLOSE

# --- links and markup -------------------------------------------------------------------------

_URL_CHARS = r"(?:[^\s()<>\"]|\([^\s()<>\"]*\))+"  # one level of brackets, as in Wikipedia addresses
_MARKDOWN_LINK = re.compile(r"\[([^\[\]]*)\]\(\s*<?(" + _URL_CHARS + r")>?(?:\s+\"[^\"]*\")?\s*\)")
_BARE_URL = re.compile(r"<?\b(?:https?://|www\.)" + _URL_CHARS + ">?", re.IGNORECASE)
_URL_TAIL = ".,;:!?'\"’”>"
# Link text that names the link, not the work: "[PDF](...)", "[here](...)".
_NOT_A_TITLE = re.compile(r"(?i)(?:pdf|html|link|here|source|online|web\s*page|url|archived?|full text)")
_EMPHASIS = re.compile(r"(?<![\w*])([*_]{1,3})(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_FORMAT_MARKER = re.compile(
    r"\s*[(\[]\s*(?:pdf|html|docx?|pptx?|xlsx?|video|audio|podcast|paywall(?:ed)?)\b[^)\]]*[)\]]", re.IGNORECASE)
_FOOTNOTE_MARKER = re.compile(r"^\s*\[\^[^\]]*\]:\s*")

# --- quoted titles ----------------------------------------------------------------------------

_QUOTE_PAIRS = (('"', '"'), ("“", "”"), ("«", "»"), ("„", "“"), ("「", "」"), ("『", "』"))
_SEPARATOR_BEFORE = re.compile(r"(?:^|[,;:.(\[、。，；：（" + _MARKS + r"]|\s[-–—|])\s*$")
_SEPARATOR_AFTER = re.compile(r"\s*(?:$|[,;:.()\[\]、。，；：（）" + _MARKS + r"]|[-–—|]\s)")
_CLOSING_PUNCTUATION = ",.;:!?"
# Single quotes double as apostrophes, so a single-quoted title must stand alone between separators.
_SINGLE_QUOTED = re.compile(
    r"(?:^|(?<=[,;:.(\[" + _GAP + r"])|(?<=[,;:.(\[" + _GAP + r"]\s))['‘](?P<title>\S.*?)['’]"
    r"(?:(?<=[,.;:!?]['’])\s|(?=\s*(?:$|[,;:.()\[\]" + _GAP + r"]|[-–—|]\s)))")

# --- editors' notes ---------------------------------------------------------------------------

_MISSING_NOTE = re.compile(r"""(?ix)
    \b(?:reference|source|bibliograph\w*|citation)s?(?:\s+list)?\b[^.;]*?
        \b(?:has|have|had|contains?|includes?|lists?|gives?)\s+no\b
  | \bno\s+(?:corresponding\s+|matching\s+)?(?:entry|reference|source|citation)\s+(?:\d+|for|numbered|with)\b
  | \b(?:missing|absent|omitted)\s+from\s+the\b
  | \bnot\s+(?:in|listed\s+in|included\s+in|found\s+in|present\s+in|given\s+in)\s+the\s+
        (?:\w+'?s?\s+)?(?:reference|source|bibliograph|footnote|citation)
  | \b(?:source|reference|citation)\s+(?:is\s+|was\s+)?
        (?:missing|unavailable|unknown|not\s+(?:given|provided|found|listed))\b
  | \bcitation\s+needed\b
""")
_ACCESS_NOTE = re.compile(
    r"(^|[,.;(\[" + _GAP + r"])\s*(?:last\s+)?(?:accessed|retrieved|viewed|consulted|visited|archived)\b[^;)\]"
    + _TITLE_MARK + r"]*[)\]]?", re.IGNORECASE)
_NOTE_LEAD = re.compile(
    r"(?i)(?:published|updated|posted|released|issued|accessed|retrieved|viewed|archived|available|"
    r"see|via|cited|originally|online|url|link)\b")

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

# --- names ------------------------------------------------------------------------------------

# Not at ", Inc." (part of the name before it), nor after "No." or "Vol." (a locator's number follows).
_SEGMENT_SPLIT = re.compile(
    r",(?!\s*(?:Inc|Ltd|LLC|Corp|Co|PLC|GmbH|AG|L\.P)\b)|[;()\[\]、。，；（）" + _MARKS + r"]"
    r"|(?<=[^\s.(\[]{2})(?<!\bNo)(?<!\bno)(?<!\bNos)(?<!\bVol)(?<!\bvol)\.(?=\s|$)|\s[-–—|](?=\s)")
_TITLE_DASH = re.compile(r"\s[-–—|]\s")
_CONNECTORS = frozenset("of the and for on in at to a an de du des la le el von van der y und & +".split())
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}$", re.IGNORECASE)
_MAX_NAME_WORDS = 5
_TRIM = " \t,;:.-–—|、。，；：" + _MARKS
# Where in the publication, not who published it: "Section B", "p. 4", "vol. 3".
_LOCATOR = re.compile(r"(?i)(?:[\w-]+\s+){0,2}?(?:section|sec|page|pages|pp?|vol|volume|no|nos|issue|chapter|ch|part)"
                      r"\.?\s*[\w:.-]*\d[\w:.-]*$|(?i:section|page|part|chapter)\s+[\w-]+$")


# A citation names its work in a line or two; a footnote that runs on (a note, an excerpt) is read
# for its citation this far, since reading the dates in it costs more than its length.
LONGEST_CITATION = 500


def parse_citation(text: str) -> Citation:
    """The publisher, title, date and URL a footnote cites; fields the footnote does not give are None."""
    text = _normalise_space(_FOOTNOTE_MARKER.sub("", unicodedata.normalize("NFC", text)))
    text, url = _take_urls(text)
    text = text[:LONGEST_CITATION]
    text = _FORMAT_MARKER.sub("", _EMPHASIS.sub(r"\2", text))
    text, title = _take_title(text)
    if _MISSING_NOTE.search(text):
        return _MISSING
    main, notes = _split_off_notes(_remove_access_notes(text))
    main, published = _take_date(main, notes)
    if title is None:
        publisher, title = _read_unquoted(main)
    else:
        publisher = _publisher_around_title(main)
    return Citation(_tidy(publisher), _tidy(title), published, url)


_IBID = re.compile(r"(?i)\s*(?:\[\^[^\]]*\]:\s*)?(?:ibid|ibidem|id)\.?(?:,?\s*(?:pp?\.\s*)?[\d\s,–-]*)?\.?\s*")


def is_ibid(text: str) -> bool:
    """"Ibid." or "Id., 14": the work the footnote before cites."""
    return bool(_IBID.fullmatch(text))


def source_key(fields: Citation) -> str | None:
    """What two citations of the same work share: the URL, else publisher and title; None without a title."""
    if fields.url:
        return _normalise_url(fields.url)
    if not fields.title:
        return None
    publisher = re.sub(r"^the ", "", _fold(fields.publisher or ""))
    return f"{publisher}|{_fold(fields.title)}"


# --- reading the footnote ---------------------------------------------------------------------

def _normalise_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _take_urls(text: str) -> tuple[str, str | None]:
    """The text with links replaced by their labels (marked) and bare URLs removed; the first URL."""
    urls: list[str] = []

    def keep_label(match: re.Match) -> str:
        label = match.group(1).strip().strip("\"“”'‘’ ")
        urls.append(match.group(2))
        if not label or _BARE_URL.fullmatch(label) or _NOT_A_TITLE.fullmatch(label):
            return _GAP
        return _LABEL_OPEN + label + _LABEL_CLOSE

    def drop_url(match: re.Match) -> str:
        url, tail = _split_url_tail(match.group(0).strip("<>"))
        urls.append(url)
        return _GAP + tail

    def drop_doi(match: re.Match) -> str:
        doi, tail = _split_url_tail(match.group(1))
        urls.append(DOI_RESOLVER + doi)
        return _GAP + tail

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


def _take_title(text: str) -> tuple[str, str | None]:
    """The text with the title replaced by _TITLE_MARK, and the title: in double quotes, else in single
    quotes, else a link's label."""
    span = _quoted_title_span(text) or _single_quoted_title_span(text) or _label_span(text)
    title = None
    if span:
        start, end, title = span
        text, title = text[:start] + _TITLE_MARK + text[end:], title.strip().rstrip(",.;:").strip()
    return text.replace(_LABEL_OPEN, "").replace(_LABEL_CLOSE, ""), title


def _quoted_title_span(text: str) -> tuple[int, int, str] | None:
    """The first double-quoted passage standing as a part of the citation, not quoted words inside one."""
    found = []
    for opening, closing in _QUOTE_PAIRS:
        for match in re.finditer(re.escape(opening) + f"([^{re.escape(closing)}]+)" + re.escape(closing), text):
            # Corner brackets mark a title in Chinese and Japanese, with no spaces or commas around it.
            if opening in "「『" or _stands_alone(text, match.start(), match.end(), match.group(1)):
                found.append((match.start(), match.end(), match.group(1)))
    return min(found, default=None)


def _stands_alone(text: str, start: int, end: int, inner: str) -> bool:
    # "Title," with the comma inside the quotes (American style) closes the part even before a word.
    closed = inner.rstrip()[-1:] in _CLOSING_PUNCTUATION or bool(_SEPARATOR_AFTER.match(text, end))
    opened = bool(_SEPARATOR_BEFORE.search(text[:start])) or inner.rstrip()[-1:] in ",."
    return closed and opened


def _single_quoted_title_span(text: str) -> tuple[int, int, str] | None:
    match = _SINGLE_QUOTED.search(text.replace(_LABEL_OPEN, _GAP).replace(_LABEL_CLOSE, _GAP))
    return (match.start("title") - 1, match.end("title") + 1, match.group("title")) if match else None


def _label_span(text: str) -> tuple[int, int, str] | None:
    match = re.search(_LABEL_OPEN + "([^" + _LABEL_CLOSE + "]*)" + _LABEL_CLOSE, text)
    return (match.start(), match.end(), match.group(1)) if match else None


def _remove_access_notes(text: str) -> str:
    # When a page was read is not when it was published.
    return _ACCESS_NOTE.sub(lambda match: match.group(1) + _GAP, text)


def _split_off_notes(text: str) -> tuple[str, list[str]]:
    """The citation proper, and the remarks an editor added after a semicolon."""
    main, *notes = text.split(";")
    return main, notes


# --- the date ---------------------------------------------------------------------------------

def _take_date(main: str, notes: list[str]) -> tuple[str, str | None]:
    """The first publication date, taken out of the citation; from a note after ";" only one that opens it."""
    found = _find_date(main, anywhere=True)
    if found:
        start, end, published = found
        return main[:start] + _DATE_MARK + main[end:], published
    dates_opening_notes = (found[2] for note in notes if (found := _find_date(note, anywhere=False)))
    return main, next(dates_opening_notes, None)


def _find_date(text: str, anywhere: bool) -> tuple[int, int, str] | None:
    """(start of the date with its lead word, end, ISO date) of the first date standing as a part of its own."""
    for start, end, iso in _date_candidates(text):
        lead_start = _date_part_start(text, start, anywhere)
        end = _end_of_time(text, end)
        if lead_start is not None and _SEPARATOR_AFTER.match(text, end):
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
        if (not preceding.strip(_TRIM)) or (anywhere and _SEPARATOR_BEFORE.search(preceding,
                                                                                  max(0, part_start - LEAD_REACH))):
            return part_start
    return None


# --- publisher and title ----------------------------------------------------------------------

def _publisher_around_title(main: str) -> str | None:
    """A name between the title and the date (MLA's container; "Title", Publisher, date), else what precedes
    the title, else a name after the date."""
    before, _, after = main.partition(_TITLE_MARK)
    up_to_date, _, past_date = after.partition(_DATE_MARK)
    for candidates in (_names(up_to_date), _segments(before), _names(past_date)):
        if candidates:
            return candidates[0]
    return None


def _names(text: str) -> list[str]:
    return [segment for segment in _segments(text) if _is_name(segment)]


def _read_unquoted(main: str) -> tuple[str | None, str | None]:
    """(publisher, title) of a citation without a quoted title: "Title - Publisher" or comma-separated parts."""
    text = main.strip(_TRIM)
    dashes = list(_TITLE_DASH.finditer(text))
    if dashes:
        title, publisher = text[:dashes[-1].start()].strip(_TRIM), text[dashes[-1].end():].strip(_TRIM)
        if title and "," not in publisher and _is_name(publisher):
            return publisher, title
    return _publisher_and_title_of(_segments(text))


def _publisher_and_title_of(segments: list[str]) -> tuple[str | None, str | None]:
    if not segments:
        return None, None
    if len(segments) == 1:
        return (segments[0], None) if _is_name(segments[0]) else (None, segments[0])
    described = [index for index, segment in enumerate(segments) if not _is_name(segment)]
    if described:
        # A phrase with ordinary lower-case words is the work; a name is who published it.
        title_at = described[0]
    elif len(segments) == 2:
        # "Publisher, Title": a name is usually the shorter of the two.
        title_at = max((1, 0), key=lambda index: len(segments[index].split()))
    else:
        title_at = len(segments) - 2  # "Author, Title, Publisher"
    return _name_near(segments, title_at), segments[title_at]


def _name_near(segments: list[str], title_at: int) -> str | None:
    """The first name after the title, else the first before it."""
    after = [segment for segment in segments[title_at + 1:] if _is_name(segment)]
    before = [segment for segment in segments[:title_at] if _is_name(segment)]
    return (after or before or [None])[0]


def _segments(text: str) -> list[str]:
    """The parts of a citation between separators, without editors' remarks."""
    parts = _series_joined([part.strip(_TRIM) for part in _SEGMENT_SPLIT.split(text)])
    return [part for part in parts if part and not _is_remark(part)]


_SERIES_END = re.compile(r"(?:and|&)\s+[A-Z]")


def _series_joined(parts: list[str]) -> list[str]:
    """"Committee on Commerce, Science, and Transportation": names in a series closed by "and" are one name."""
    joined: list[str] = []
    for part in parts:
        if _SERIES_END.match(part) and len(joined) >= 2 and len(joined[-1].split()) == 1 and _is_name(joined[-1]) \
                and _is_name(joined[-2]):
            last = joined.pop()
            joined[-1] = f"{joined[-1]}, {last}, {part}"
        else:
            joined.append(part)
    return joined


def _is_remark(segment: str) -> bool:
    """Words about the source, not its name: "published prior to ...", "reporting on ...", "by Jane Doe", "p. 4"."""
    first = segment.split()[0]
    starts_lower = first.isalpha() and first.islower()
    return (bool(_NOTE_LEAD.match(segment) or _LOCATOR.fullmatch(segment))
            or not any(char.isalpha() for char in segment)
            or (starts_lower and (" " in segment or not _is_brand(first))))


def _is_name(segment: str) -> bool:
    """Reads as a name: a few capitalised words ("The New York Times", "Mayer Brown", "Apiyi.com", "arXiv")."""
    words = [word.strip("\"'“”‘’()") for word in segment.split()]
    words = [word for word in words if word]
    significant = [word for word in words if word.lower() not in _CONNECTORS]
    if not significant or len(significant) > _MAX_NAME_WORDS or _YEAR_LIKE.search(segment):
        return False
    if not all(not word[0].islower() or _is_brand(word) for word in significant):
        return False
    return any(word[0].isalpha() for word in significant)


# A year in a part of the citation makes it a date (in a language whose month names are not read
# here: "8 באפריל 2026"), not a name.
_YEAR_LIKE = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")


def _is_brand(word: str) -> bool:
    """One word spelled as a name though it begins in lower case: "arXiv", "iPhone", "apiyi.com"."""
    return any(char.isupper() for char in word[1:]) or bool(_DOMAIN.match(word))


def _tidy(text: str | None) -> str | None:
    if text is None:
        return None
    for mark in _MARKS:
        text = text.replace(mark, " ")
    return _normalise_space(re.sub(r"\(\s*\)", "", text)).strip(" ,;:") or None


# --- keys -------------------------------------------------------------------------------------

def _fold(text: str) -> str:
    """Case, accents, quotes, punctuation and spacing folded away, so that spellings of one name meet."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(char for char in decomposed if not unicodedata.combining(char))
    letters = re.sub(r"['’‘`]", "", letters)
    return " ".join(re.sub(r"[\W_]+", " ", letters).split())


def _normalise_url(url: str) -> str:
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
