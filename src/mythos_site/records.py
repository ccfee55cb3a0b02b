"""The immutable records that move forward through the pipeline."""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from mythos_site import urls


# What the site says of an article whose outlet its source does not state.
UNKNOWN_OUTLET = "Outlet not stated"


@dataclass(frozen=True, slots=True)
class SiteConfig:
    title: str
    base_url: str  # absolute, always ends with "/"
    language: str
    timezone: str
    description: str
    feed_items: int = 50
    per_page: int = 20  # articles on one page of the home, tag and archive listings

    @property
    def base_path(self) -> str:
        """The path part of the base URL ("/" or "/news/"), for pages served at any depth."""
        from urllib.parse import urlsplit

        return urlsplit(self.base_url).path or "/"

    def article_url(self, article: Article) -> str:
        return f"{self.base_url}{urls.article(article.slug)}"


@dataclass(frozen=True, slots=True)
class Tag:
    name: str
    slug: str


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph, list item or table cell of a body, as plain text, with its anchor in the page."""

    anchor: str  # e.g. "p-3"
    text: str
    context: str = ""  # a table cell's column heading


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who an article says spoke: a person, an organisation, a spokesperson, a document, or someone
    the article does not name ("one analyst", "a person familiar with the matter")."""

    name: str  # for an unnamed source, the article's description of them
    kind: str  # person | organisation | spokesperson | document | unnamed
    key: str  # what two speakers share when they are the same


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation in an article body."""

    text: str  # the words inside the quotation marks, as printed
    speaker: Speaker | None  # None where the article names nobody
    anchor: str  # the paragraph it stands in
    declared: bool = False  # listed by the editors in the front matter


@dataclass(frozen=True, slots=True)
class QuoteNote:
    """An editor's word on a quote, from the front matter: who said it, or that it is no quote."""

    text: str
    speaker: str | None
    kind: str | None
    not_quote: bool
    line: int


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date an article's text names, resolved against the article's own date."""

    expression: str  # as printed: "Thursday", "in May 2025"
    start: date
    end: date  # the same as start for one day
    precision: str  # day | month | year | range
    sentence: str  # the evidence
    anchor: str  # the paragraph it stands in
    relative: bool = False  # worked out from another date ("eleven days later", "Thursday")
    future: bool = False  # spoken of as a plan ("as early as October 2026")
    position: int = 0  # where in the sentence


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure an article states: a percentage, a sum of money, a count or a score."""

    text: str  # as printed: "roughly 7%", "$100 million", "close to 3,000"
    value: float
    high: float | None  # the top of a range ("80-90%")
    kind: str  # percent | money | count | score
    unit: str  # "%", "$", or what is counted ("assets")
    hedge: str  # "roughly", "close to", "over", ... or ""
    sentence: str
    anchor: str
    context: str = ""  # the clause it stands in, which says what it measures


@dataclass(frozen=True, slots=True)
class Citation:
    """What a footnote cites, as parsed from its text; None where the footnote does not say."""

    publisher: str | None
    title: str | None
    date: str | None  # ISO 8601 as precise as printed: "2026-03-26", "2026-03" or "2026"
    url: str | None
    missing: bool = False  # the footnote says its source is absent from the article's reference list
    keys: tuple[str, ...] = ()  # its URL and its publisher and title: a work cited elsewhere shares one

    @property
    def key(self) -> str | None:
        return self.keys[0] if self.keys else None


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a body, with its paragraph and its words folded for matching."""

    anchor: str
    text: str
    words: str


@dataclass(frozen=True, slots=True)
class EventMatch:
    """A sentence that reports a curated event, or gives a date that matches none (the article's own
    statement). Found when the article is matched, so the site is assembled without its sentences."""

    kind: str  # reports | differs (reports the event on another day) | states (matches no event)
    event: str  # the event's id; "" for a statement
    sentence: str  # "" for a statement, which shows its date's sentence
    anchor: str
    mention: int  # the date it gives: its place in the article's mentions, or -1 for none


@dataclass(frozen=True, slots=True)
class Line:
    """A sentence kept past matching for the grouping across articles (assemble/events.py): its
    salient terms, and its dates as places in the article's mentions."""

    anchor: str
    text: str
    terms: tuple[str, ...]
    mentions: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class NameUse:
    """A person or organisation an article names (extract/names.py): the name, what the article
    calls them, and how the name was found."""

    name: str
    kind: str  # person | organisation
    anchor: str
    role: str = ""  # as the article states it: "chief executive of Tallis Payments"
    how: str = ""  # title | apposition | form | acronym | speaker | honorific | mention
    aliases: tuple[str, ...] = ()  # other names the article gives them: an acronym, a possessive


@dataclass(frozen=True, slots=True)
class Footnote:
    """A footnote of an article: its marker as written, its text, and where the body cites it."""

    marker: str
    anchor: str  # id of the footnote in the article page
    html: str
    ref_anchors: tuple[str, ...]  # ids of the places in the body that cite it
    text: str = ""  # plain text, for parsing the citation
    citation: Citation | None = None  # filled by the extract stage


@dataclass(frozen=True, slots=True)
class Packed:
    """Text kept compressed until it is read: a slimmed article's body, the largest part of the
    memory a build of thousands of articles holds, is read once, when its page renders."""

    data: bytes

    @classmethod
    def of(cls, text: str) -> Packed:
        return cls(zlib.compress(text.encode("utf-8"), 1))

    def __str__(self) -> str:
        return zlib.decompress(self.data).decode("utf-8")


@dataclass(frozen=True, slots=True)
class Article:
    source: Path
    slug: str
    title: str
    summary: str
    published: datetime  # time-zone aware
    authors: tuple[str, ...]
    outlet: str | None
    tags: tuple[Tag, ...]
    url: str | None  # the original article, when the editors know it
    body_html: str | Packed  # read it as `body`
    word_count: int
    footnotes: tuple[Footnote, ...]
    blocks: tuple[Block, ...] = ()  # the paragraphs; let go of, with the sentences, once matched
    quote_notes: tuple[QuoteNote, ...] = ()
    quotes: tuple[Quote, ...] = ()  # filled by the extract stage
    sentences: tuple[Sentence, ...] = ()  # filled by the extract stage
    mentions: tuple[DateMention, ...] = ()  # filled by the extract stage
    figures: tuple[Figure, ...] = ()  # filled by the extract stage
    events: tuple[EventMatch, ...] = ()  # filled by matching (see matching.py), as are names
    names: tuple[tuple[str, str], ...] = ()  # (paragraph anchor, name as printed) of curated people
    lines: tuple[Line, ...] = ()  # sentences with their salient terms, for the events found by rule
    people: tuple[NameUse, ...] = ()  # people and organisations named, for those found by rule
    # field name -> the editors' evidence, for values the source does not state
    inferred: tuple[tuple[str, str], ...] = ()
    draft: bool = False
    # Where each front matter field and each link stands in the file, for the editor's messages.
    field_lines: tuple[tuple[str, int], ...] = field(default=(), compare=False)
    links: tuple[tuple[str, int], ...] = field(default=(), compare=False)
    pictures: tuple[tuple[str, int], ...] = field(default=(), compare=False)  # ("media/x.png", line) it shows
    # A hash of the file's bytes, its place and the code that parsed it: equal digests, equal records.
    digest: str = field(default="", compare=False)

    @property
    def body(self) -> str:
        """The body as HTML."""
        return str(self.body_html)

    def line_of(self, name: str, default: int = 1) -> int:
        return dict(self.field_lines).get(name, default)

    @property
    def slug_line(self) -> int:
        return self.line_of("slug")

    @property
    def reading_minutes(self) -> int:
        return max(1, round(self.word_count / WORDS_PER_MINUTE))

    @property
    def date_inferred(self) -> str | None:
        return self.inferred_evidence("date")

    @property
    def title_inferred(self) -> str | None:
        return self.inferred_evidence("title")

    def inferred_evidence(self, name: str) -> str | None:
        return dict(self.inferred).get(name)

    @property
    def byline(self) -> str:
        """"A", "A and B", "A, B and C"."""
        *first, last = self.authors or ("",)
        return f"{', '.join(first)} and {last}" if first else last


WORDS_PER_MINUTE = 230


def _rebuilt_by_init(self):
    # Pickled as a call to the class with its fields: unpickling a cached article runs the
    # generated __init__ instead of dataclasses' generic __setstate__, three times faster.
    return type(self), tuple(getattr(self, name) for name in type(self).__match_args__)


def pickle_fast(namespace: dict, module: str) -> None:
    """Give every record defined in the module the quick pickling above."""
    for record in [value for value in namespace.values()
                   if isinstance(value, type) and value.__module__ == module and hasattr(value, "__dataclass_fields__")]:
        record.__reduce__ = _rebuilt_by_init


pickle_fast(dict(globals()), __name__)
