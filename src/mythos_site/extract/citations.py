"""Footnote citations, in whatever style an outlet prints them, read into publisher, title, date and URL.

The placeholders, links and dates are citation_fields.py's; here the title, the publisher and the
work's key are read from what remains."""

from __future__ import annotations

import re
import unicodedata

from mythos_site.records import Citation
from mythos_site.extract.citation_fields import (
    DATE_MARK, EMPHASIS, FOOTNOTE_MARKER, FORMAT_MARKER, GAP, LABEL_CLOSE, LABEL_OPEN, MARKS,
    normalise_url, SEPARATOR_AFTER, SEPARATOR_BEFORE, take_date, take_urls, TITLE_MARK, TRIM,
)


_MISSING = Citation(None, None, None, None, missing=True)


# --- quoted titles ----------------------------------------------------------------------------

_QUOTE_PAIRS = (('"', '"'), ("“", "”"), ("«", "»"), ("„", "“"), ("「", "」"), ("『", "』"))
_CLOSING_PUNCTUATION = ",.;:!?"
# Single quotes double as apostrophes, so a single-quoted title must stand alone between separators.
_SINGLE_QUOTED = re.compile(
    r"(?:^|(?<=[,;:.(\[" + GAP + r"])|(?<=[,;:.(\[" + GAP + r"]\s))['‘](?P<title>\S.*?)['’]"
    r"(?:(?<=[,.;:!?]['’])\s|(?=\s*(?:$|[,;:.()\[\]" + GAP + r"]|[-–—|]\s)))")

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
    r"(^|[,.;(\[" + GAP + r"])\s*(?:last\s+)?(?:accessed|retrieved|viewed|consulted|visited|archived)\b[^;)\]"
    + TITLE_MARK + r"]*[)\]]?", re.IGNORECASE)
_NOTE_LEAD = re.compile(
    r"(?i)(?:published|updated|posted|released|issued|accessed|retrieved|viewed|archived|available|"
    r"see|via|cited|originally|online|url|link)\b")


# --- names ------------------------------------------------------------------------------------

# Not at ", Inc." (part of the name before it), nor after "No." or "Vol." (a locator's number follows).
_SEGMENT_SPLIT = re.compile(
    r",(?!\s*(?:Inc|Ltd|LLC|Corp|Co|PLC|GmbH|AG|L\.P)\b)|[;()\[\]、。，；（）" + MARKS + r"]"
    r"|(?<=[^\s.(\[]{2})(?<!\bNo)(?<!\bno)(?<!\bNos)(?<!\bVol)(?<!\bvol)\.(?=\s|$)|\s[-–—|](?=\s)")
_TITLE_DASH = re.compile(r"\s[-–—|]\s")
_CONNECTORS = frozenset("of the and for on in at to a an de du des la le el von van der y und & +".split())
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}$", re.IGNORECASE)
_MAX_NAME_WORDS = 5
# Where in the publication, not who published it: "Section B", "p. 4", "vol. 3".
_LOCATOR = re.compile(r"(?i)(?:[\w-]+\s+){0,2}?(?:section|sec|page|pages|pp?|vol|volume|no|nos|issue|chapter|ch|part)"
                      r"\.?\s*[\w:.-]*\d[\w:.-]*$|(?i:section|page|part|chapter)\s+[\w-]+$")


# A citation names its work in a line or two; a footnote that runs on (a note, an excerpt) is read
# for its citation this far, since reading the dates in it costs more than its length.
LONGEST_CITATION = 500


def parse_citation(text: str) -> Citation:
    """The publisher, title, date and URL a footnote cites; fields the footnote does not give are None."""
    text = _normalise_space(FOOTNOTE_MARKER.sub("", unicodedata.normalize("NFC", text)))
    text, url = take_urls(text)
    text = text[:LONGEST_CITATION]
    text = FORMAT_MARKER.sub("", EMPHASIS.sub(r"\2", text))
    text, title = _take_title(text)
    if _MISSING_NOTE.search(text):
        return _MISSING
    main, notes = _split_off_notes(_remove_access_notes(text))
    main, published = take_date(main, notes)
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
        return normalise_url(fields.url)
    if not fields.title:
        return None
    publisher = re.sub(r"^the ", "", _fold(fields.publisher or ""))
    return f"{publisher}|{_fold(fields.title)}"


# --- reading the footnote ---------------------------------------------------------------------

def _normalise_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _take_title(text: str) -> tuple[str, str | None]:
    """The text with the title replaced by TITLE_MARK, and the title: in double quotes, else in single
    quotes, else a link's label."""
    span = _quoted_title_span(text) or _single_quoted_title_span(text) or _label_span(text)
    title = None
    if span:
        start, end, title = span
        text, title = text[:start] + TITLE_MARK + text[end:], title.strip().rstrip(",.;:").strip()
    return text.replace(LABEL_OPEN, "").replace(LABEL_CLOSE, ""), title


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
    closed = inner.rstrip()[-1:] in _CLOSING_PUNCTUATION or bool(SEPARATOR_AFTER.match(text, end))
    opened = bool(SEPARATOR_BEFORE.search(text[:start])) or inner.rstrip()[-1:] in ",."
    return closed and opened


def _single_quoted_title_span(text: str) -> tuple[int, int, str] | None:
    match = _SINGLE_QUOTED.search(text.replace(LABEL_OPEN, GAP).replace(LABEL_CLOSE, GAP))
    return (match.start("title") - 1, match.end("title") + 1, match.group("title")) if match else None


def _label_span(text: str) -> tuple[int, int, str] | None:
    match = re.search(LABEL_OPEN + "([^" + LABEL_CLOSE + "]*)" + LABEL_CLOSE, text)
    return (match.start(), match.end(), match.group(1)) if match else None


def _remove_access_notes(text: str) -> str:
    # When a page was read is not when it was published.
    return _ACCESS_NOTE.sub(lambda match: match.group(1) + GAP, text)


def _split_off_notes(text: str) -> tuple[str, list[str]]:
    """The citation proper, and the remarks an editor added after a semicolon."""
    main, *notes = text.split(";")
    return main, notes


# --- publisher and title ----------------------------------------------------------------------

def _publisher_around_title(main: str) -> str | None:
    """A name between the title and the date (MLA's container; "Title", Publisher, date), else what precedes
    the title, else a name after the date."""
    before, _, after = main.partition(TITLE_MARK)
    up_to_date, _, past_date = after.partition(DATE_MARK)
    for candidates in (_names(up_to_date), _segments(before), _names(past_date)):
        if candidates:
            return candidates[0]
    return None


def _names(text: str) -> list[str]:
    return [segment for segment in _segments(text) if _is_name(segment)]


def _read_unquoted(main: str) -> tuple[str | None, str | None]:
    """(publisher, title) of a citation without a quoted title: "Title - Publisher" or comma-separated parts."""
    text = main.strip(TRIM)
    dashes = list(_TITLE_DASH.finditer(text))
    if dashes:
        title, publisher = text[:dashes[-1].start()].strip(TRIM), text[dashes[-1].end():].strip(TRIM)
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
    parts = _series_joined([part.strip(TRIM) for part in _SEGMENT_SPLIT.split(text)])
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
    for mark in MARKS:
        text = text.replace(mark, " ")
    return _normalise_space(re.sub(r"\(\s*\)", "", text)).strip(" ,;:") or None


# --- keys -------------------------------------------------------------------------------------

def _fold(text: str) -> str:
    """Case, accents, quotes, punctuation and spacing folded away, so that spellings of one name meet."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(char for char in decomposed if not unicodedata.combining(char))
    letters = re.sub(r"['’‘`]", "", letters)
    return " ".join(re.sub(r"[\W_]+", " ", letters).split())
