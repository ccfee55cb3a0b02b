"""The immutable records that move forward through the pipeline."""

from __future__ import annotations

import sys
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
    list_limit: int = 10  # entries of one list shown on the story pages; a longer list gets a page of its own
    list_page: int = 100  # entries on one page of such a list; it goes on over numbered pages
    quotes_per_page: int = 50  # quotations on one page of the quotes list
    sources_per_page: int = 50  # cited works on one page of the sources list
    day_limit: int = 3  # publications, and statements, of one day shown on the timeline page
    full_text: bool = True  # False: pages and feeds show an excerpt and link to the original (rights)

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
    role: str = ""  # what the article calls them besides their name: "Reuters columnist", "chief executive"
    medium: str = ""  # the document their words are quoted from: "advisory", "letter to customers"


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
    """A dated sentence kept past matching for the grouping across articles (assemble/events.py):
    its salient terms, and its dates as places in the article's mentions (whose `sentence` is its
    text). Its strings are interned when it is unpickled: the same terms recur in every article."""

    anchor: str
    terms: tuple[str, ...]
    mentions: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Undated:
    """The sentences of an article that give no date and name enough salient terms to report an
    event found by rule, packed: each with its paragraph, its terms, and its place in the text of
    its paragraph as the body shows it (extract/text.py's element_texts), or its text where it is
    not found there. An undated sentence is shown only when it reports an event; nothing but the
    grouping (and a patch's check) unpacks them."""

    data: bytes

    @classmethod
    def of(cls, lines: list[tuple[str, tuple[str, ...], str]], shown: dict[str, str]) -> Undated:
        """From (anchor, terms, text) of each sentence, and the texts of the body's paragraphs."""
        records = []
        for anchor, terms, sentence in lines:
            at = shown.get(anchor, "").find(sentence)
            where = f"{at}{UNIT}{len(sentence)}" if at >= 0 else sentence
            records.append(f"{anchor}{UNIT}{TERM.join(terms)}{UNIT}{where}")
        return cls(zlib.compress(RECORD.join(records).encode("utf-8"), 9))

    def lines(self) -> list[tuple[str, tuple[str, ...], str | tuple[int, int]]]:
        """(anchor, terms, where) of each sentence, in the order of the article: `where` is its
        text, or its (start, end) in the text of its paragraph."""
        text = zlib.decompress(self.data).decode("utf-8")
        found = []
        for record in text.split(RECORD) if text else ():
            anchor, terms, *where = record.split(UNIT)
            place = (int(where[0]), int(where[0]) + int(where[1])) if len(where) == 2 else where[0]
            found.append((anchor, tuple(terms.split(TERM)) if terms else (), place))
        return found


@dataclass(frozen=True, slots=True)
class Mentioned:
    """Every name an article prints, each with its paragraph: those some rule typed, and the runs
    of capitalised words none did (a place, a product, a person named in passing), which count
    only for a name some rule found. Packed, in the order of the paragraphs: the grouping reads
    them once."""

    data: bytes = b""

    @classmethod
    def of(cls, pairs) -> Mentioned:
        """From (name, anchor) of each."""
        text = RECORD.join(f"{name}{UNIT}{anchor}" for name, anchor in pairs)
        return cls(zlib.compress(text.encode("utf-8"), 9) if text else b"")

    def pairs(self) -> list[tuple[str, str]]:
        """(name, anchor) of each."""
        if not self.data:
            return []
        return [tuple(record.split(UNIT)) for record in zlib.decompress(self.data).decode("utf-8").split(RECORD)]


RECORD, UNIT, TERM = "\x1e", "\x1f", "\x1d"  # separators no sentence holds (control characters are removed)


@dataclass(frozen=True, slots=True)
class NameUse:
    """A person or organisation an article names (extract/names.py): the name, what the article
    calls them, and how the name was found. Matched, an article keeps each typed use once, with
    no anchor and the number of paragraphs it stands in; every paragraph a name is printed in,
    typed or not, is in its `mentioned`."""

    name: str
    kind: str  # person | organisation
    anchor: str
    role: str = ""  # as the article states it: "chief executive of Tallis Payments"
    how: str = ""  # title | apposition | form | acronym | speaker | honorific | mention
    aliases: tuple[str, ...] = ()  # other names the article gives them: an acronym, a possessive
    count: int = 1


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
    url: str | None  # the original article's address (front matter `source_url`), when the editors know it
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
    lines: tuple[Line, ...] = ()  # dated sentences with their salient terms, for the events found by rule
    undated: Undated | None = None  # the other sentences that could report one (see Undated)
    people: tuple[NameUse, ...] = ()  # the names some rule typed, for the people found by rule
    mentioned: Mentioned = Mentioned()  # the other names it prints
    # field name -> the editors' evidence, for values the source does not state
    inferred: tuple[tuple[str, str], ...] = ()
    draft: bool = False
    timed: bool = False  # the date gives a time of day; else `published` is midnight in the site's zone
    updated: datetime | None = None  # when the article was last updated, if the front matter says
    full_text: bool | None = None  # the front matter's say on showing the body; None: the site's setting
    # Where each front matter field and each link stands in the file, for the editor's messages.
    field_lines: tuple[tuple[str, int], ...] = field(default=(), compare=False)
    links: tuple[tuple[str, int], ...] = field(default=(), compare=False)
    pictures: tuple[tuple[str, int], ...] = field(default=(), compare=False)  # ("media/x.png", line) it shows
    # Footnotes that only say the source's reference list lacks them: (marker, line), left out of
    # the page and named to the editors by `check`.
    missing_notes: tuple[tuple[str, int], ...] = field(default=(), compare=False)
    # A hash of the file's bytes, its place and the code that parsed it: equal digests, equal records.
    digest: str = field(default="", compare=False)

    @property
    def source_url(self) -> str | None:
        """The original article's address, as the front matter names it."""
        return self.url

    def shows_full_text(self, config: SiteConfig) -> bool:
        """Whether pages and feeds show the body, or only an excerpt and the link to the original."""
        return config.full_text if self.full_text is None else self.full_text

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


def _interned(record: type, strings: tuple[str, ...], tuples: tuple[str, ...] = (), whole: bool = False) -> None:
    """Unpickle the record with these fields' strings (and these fields' tuples of strings) interned;
    `whole`: the record itself too, so that every article that holds an equal one holds the same."""
    names = record.__match_args__
    seen: dict = {}

    def rebuild(*values):
        made = record(*(sys.intern(value) if name in strings else tuple(map(sys.intern, value)) if name in tuples
                        else value for name, value in zip(names, values)))
        return seen.setdefault(made, made) if whole else made

    rebuild.__qualname__ = rebuild.__name__ = f"_rebuild_{record.__name__}"
    globals()[rebuild.__name__] = rebuild
    record.__reduce__ = lambda self: (rebuild, tuple(getattr(self, name) for name in names))


pickle_fast(dict(globals()), __name__)
_interned(Line, ("anchor",), ("terms",))
_interned(NameUse, ("name", "kind", "anchor", "role", "how"), ("aliases",), whole=True)
