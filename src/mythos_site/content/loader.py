"""Load content: every markdown article under content/articles/ into an immutable Article."""

from __future__ import annotations

import difflib
import re
import unicodedata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from mythos_site.content.dates import DATE_HINT, DateProblem, parse_moment
from mythos_site.errors import ContentError, Problem
from mythos_site.content.frontmatter import UNWRITABLE, Document, split_document
from mythos_site.content.markup import render_body
from mythos_site.records import Article, QuoteNote, Tag
from mythos_site.content.sanitize import well_formed
from mythos_site.content.slugs import MAX_SLUG_BYTES, is_plain, slugify, tag_slug
from mythos_site.content.sources import read_article_bytes
from mythos_site.extract.citations import parse_citation

INFERABLE = ("title", "date", "author", "outlet", "summary")
MAX_TAGS = 100  # each tag's feed carries every tag of the article: 5,000 tags made gigabytes of feeds
FIELDS = {"title", "date", "author", "authors", "outlet", "tags", "summary", "description", "slug", "source_url",
          "url", "draft", "quotes", "updated", "full_text"}
SPEAKER_KINDS = ("person", "organisation", "spokesperson", "document")
FIELDS |= {f"{name}_inferred" for name in INFERABLE}


def load_article(path: Path, zone: ZoneInfo, content_dir: Path) -> tuple[Article, list[Problem]]:
    """One article read from disk; a ContentError lists every problem found in the file."""
    return parse_article(path, read_article_bytes(path, content_dir), zone)


def parse_article(path: Path, data: bytes, zone: ZoneInfo) -> tuple[Article, list[Problem]]:
    """One article from its bytes; a ContentError lists every problem found in the file."""
    warnings: list[Problem] = []
    doc = split_document(path, _decode(path, data, warnings))
    fields = _Fields(doc)
    warnings.extend(fields.unknown_field_warnings())
    problems: list[Problem] = []

    def checked(read, *args):
        try:
            return read(*args)
        except ContentError as error:
            problems.extend(error.problems)
            return None

    values = dict(
        slug=checked(fields.slug),
        title=checked(fields.required_text, "title"),
        summary=checked(fields.summary),
    )
    moment = checked(fields.published, zone)
    values.update(
        published=moment and moment[0],
        timed=bool(moment and moment[1]),
        updated=checked(fields.updated, zone, moment and moment[0]),
        full_text=checked(fields.optional_flag, "full_text"),
        authors=checked(fields.authors),
        outlet=checked(fields.optional_text, "outlet"),
        tags=checked(fields.tags, warnings),
        url=checked(fields.source_url, warnings),
        inferred=checked(fields.inferred),
        draft=checked(fields.flag, "draft"),
        quote_notes=checked(fields.quote_notes),
    )
    rendered = checked(render_body, path, doc.body, doc.body_line)
    if problems:
        raise ContentError(problems)
    for src, line in rendered.pictures:
        warnings.append(Problem(path, line, f"the picture '{src}' is not among the files the site is built with, "
                                "so readers would see a broken picture", "put the picture in content/media/ and "
                                "show it as a markdown image: ![What it shows](/media/name.png)", warning=True))
    for src, line in rendered.undescribed:
        warnings.append(Problem(path, line, f"the picture '{src}' has no description, so its link names only the "
                                "address", f"say what it shows between the brackets: ![A chart of ...]({src})",
                                warning=True))
    for tag, line in rendered.dropped:
        warnings.append(Problem(path, line, f"<{tag}> is not a tag an article may hold, so it is left out of the page",
                                f"to show it as text, write it as code: `<{tag}>`; or remove it", warning=True))
    if rendered.word_count == 0:
        warnings.append(Problem(path, doc.body_line, "the article has no text", "write its text below the "
                                "front matter's closing '---' line", warning=True))
    footnotes, html, missing = _without_missing_notes(doc, rendered.footnotes, rendered.html)
    article = Article(source=path, body_html=html, word_count=rendered.word_count,
                      footnotes=footnotes, blocks=rendered.blocks, links=rendered.links,
                      pictures=rendered.media, field_lines=tuple(doc.key_lines.items()), missing_notes=missing,
                      **values)
    return article, warnings


def _without_missing_notes(doc: Document, footnotes, body: str):
    """A footnote that only says the source's reference list has no such entry ("The article cites a
    source numbered 11 here, but its reference list has no entry 11") is the editors' note, not the
    reader's: it is left out of the page with its markers in the text, and `check` names it.
    Returns (the footnotes kept, the body, (marker, line) of each left out)."""
    kept, missing = [], []
    for note in footnotes:
        if not parse_citation(note.text).missing:
            kept.append(note)
            continue
        missing.append((note.marker, _definition_line(doc, note.marker)))
        for ref in note.ref_anchors:
            body = re.sub(rf'<sup class="fnref"><a href="#{re.escape(note.anchor)}" id="{re.escape(ref)}"[^>]*>'
                          r'.*?</a></sup>', "", body, count=1)
    if not missing:
        return footnotes, body, ()
    return tuple(kept), body, tuple(missing)


def _definition_line(doc: Document, marker: str) -> int:
    for number, text in enumerate(doc.body.split("\n")):
        if text.startswith(f"[^{marker}]:"):
            return doc.body_line + number
    return doc.body_line


def _decode(path: Path, data: bytes, warnings: list[Problem]) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or data.count(b"\0") * 4 >= len(data) > 0:
        # UTF-16 (a byte-order mark, or a zero byte beside every letter of plain text) would
        # otherwise read as a stray byte, or as text full of invisible characters.
        raise ContentError.at(path, 1, "the file is UTF-16 text, not UTF-8", "save the file with UTF-8 encoding")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise ContentError.at(path, line, f"the file is not UTF-8 text (byte 0x{data[error.start]:02x})",
                              "save the file with UTF-8 encoding") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    warnings += _control_warnings(path, text)
    return UNWRITABLE.sub("", text)


def _control_warnings(path: Path, text: str, shown: int = 5) -> list[Problem]:
    """A warning for each line with invisible characters, the first few lines only: a file full of
    them gets a handful of warnings, not thousands."""
    lines: dict[int, str] = {}
    line, counted = 1, 0
    for match in UNWRITABLE.finditer(text):
        line, counted = line + text.count("\n", counted, match.start()), match.start()
        lines.setdefault(line, match.group())
        if len(lines) > shown:
            break
    warnings = [Problem(path, line, f"control character U+{ord(char):04X} removed",
                        "delete the invisible character from the file", warning=True)
                for line, char in list(lines.items())[:shown]]
    if len(lines) > shown:
        last = list(lines)[shown - 1]
        warnings.append(Problem(path, last, "more control characters removed on later lines",
                                "delete the invisible characters from the file", warning=True))
    return warnings


def _visible(char: str) -> bool:
    """Not a space, a control or an invisible format character (a zero-width space, say)."""
    return unicodedata.category(char)[0] not in "CZ"


class _Fields:
    """Typed, checked access to one document's front matter; every error names its line."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.meta = doc.meta
        self.path = doc.path

    def error(self, key: str, message: str, hint: str, line: int | None = None) -> ContentError:
        return ContentError.at(self.path, line or self.doc.line_of(key, 2), message, hint)

    def required_text(self, key: str) -> str:
        value = self.optional_text(key)
        if value is None:
            if key in self.meta:
                raise self.error(key, f"'{key}' is empty", f"write the {key} after '{key}:'")
            raise self.error(key, f"the front matter has no '{key}'", f"add a line '{key}: ...' to the front matter",
                             line=2)
        return value

    def optional_text(self, key: str) -> str | None:
        value = self.meta.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.error(key, f"'{key}' must be text, not {_kind(value)}",
                             f"put the value in quotes: {key}: \"...\"")
        text = " ".join(value.split())
        return text if any(_visible(char) for char in text) else None

    def published(self, zone: ZoneInfo):
        """(the moment, whether the date gives a time of day)."""
        value = self.meta.get("date")
        if value is None or value == "":
            if "date" in self.meta:
                raise self.error("date", "'date' is empty", DATE_HINT)
            raise self.error("date", "the front matter has no 'date'", "add a line 'date: YYYY-MM-DD'", line=2)
        return self.moment("date", value, zone)

    def moment(self, key: str, value: Any, zone: ZoneInfo):
        if isinstance(value, (list, dict, bool)):
            raise self.error(key, f"'{key}' must be a date, not {_kind(value)}", DATE_HINT)
        try:
            return parse_moment(str(value), zone)
        except DateProblem as problem:
            raise self.error(key, str(problem), DATE_HINT) from None

    def updated(self, zone: ZoneInfo, published):
        """When the article was last updated: a date, optionally with a time, not before its date."""
        value = self.meta.get("updated")
        if value is None or value == "":
            return None
        moment, _ = self.moment("updated", value, zone)
        if published is not None and moment < published:
            raise self.error("updated", f"the article is updated ({moment:%Y-%m-%d}) before it is dated "
                             f"({published:%Y-%m-%d})", "check the two dates, or delete 'updated:'")
        return None if published is not None and moment == published else moment

    def authors(self) -> tuple[str, ...]:
        return self.text_list(self.one_of("author", "authors"), what="author")

    def summary(self) -> str:
        return self.optional_text(self.one_of("summary", "description")) or ""

    def one_of(self, key: str, other: str) -> str:
        """The one of two names for a field that the front matter uses: both would leave one unread."""
        if key in self.meta and other in self.meta:
            line = max(self.doc.line_of(key, 2), self.doc.line_of(other, 2))
            raise self.error(other, f"'{key}' and '{other}' are the same field, given twice",
                             f"keep one of them: put everything in '{key}:' and delete the other line", line=line)
        return other if other in self.meta else key

    def tags(self, warnings: list[Problem]) -> tuple[Tag, ...]:
        tags: dict[str, Tag] = {}
        names = self.text_list("tags", what="tag", keep_empty=True)
        lines = self.doc.item_lines.get("tags", ())
        if isinstance(self.meta.get("tags"), str) and "," in self.meta["tags"]:
            warnings.append(Problem(self.path, self.doc.line_of("tags"), f"'tags' is one text, so '{names[0]}' is "
                                    "one tag", f"for several tags write a list: tags: [{names[0]}]", warning=True))
        for index, name in enumerate(names):
            line = lines[index] if index < len(lines) else self.doc.line_of("tags")
            if not name:
                warnings.append(Problem(self.path, line, "an empty tag is ignored",
                                        "delete the empty entry from 'tags'", warning=True))
                continue
            slug = tag_slug(name)
            if not slug:
                raise self.error("tags", f"the tag '{name}' has no letters or digits",
                                  "use a word or two as a tag, e.g. Cybersecurity", line=line)
            tags.setdefault(slug, Tag(name, slug))
            if len(tags) > MAX_TAGS:
                raise self.error("tags", f"the article has more than {MAX_TAGS} tags", "keep the few that say what "
                                 "it is about: each tag has a page and a feed, and each of those lists every tag of "
                                 "its articles", line=line)
        return tuple(tags.values())

    def text_list(self, key: str, what: str, keep_empty: bool = False) -> tuple[str, ...]:
        value = self.meta.get(key)
        if value is None:
            return ()
        items = value if isinstance(value, list) else [value]
        lines = self.doc.item_lines.get(key, ())
        result = []
        for index, item in enumerate(items):
            line = lines[index] if index < len(lines) else None
            if item is None:
                item = ""
            if not isinstance(item, str):
                raise self.error(key, f"the {what} {item!r} is not text" if not isinstance(item, (list, dict))
                                 else f"each {what} must be plain text, not {_kind(item)}",
                                 f"put it in quotes: \"{item}\"" if not isinstance(item, (list, dict))
                                 else f"write {key}: [first, second]", line=line)
            item = " ".join(item.split())
            if item or keep_empty:
                result.append(item)
        return tuple(result)

    def slug(self) -> str:
        if "slug" not in self.meta:
            slug = slugify(self.path.stem)
            if not is_plain(slug):
                raise ContentError.at(self.path, 1, f"the file name '{self.path.name}' gives no usable slug",
                                      "rename the file (e.g. my-article.md) or add a line 'slug: my-article'")
            return slug
        value = self.meta["slug"]
        if isinstance(value, str) and len(value.encode()) > MAX_SLUG_BYTES:
            raise self.error("slug", f"the slug is {len(value.encode())} bytes long, more than a folder name can "
                             f"safely hold ({MAX_SLUG_BYTES})", f"shorten it, e.g. slug: {slugify(value)}")
        if not isinstance(value, str) or not is_plain(value):
            suggestion = slugify(str(value))
            if not is_plain(suggestion):  # nothing left of it, or a name refused as it is ("con")
                suggestion = f"{suggestion or 'my'}-article"
            raise self.error("slug", f"the slug {value!r} is not a plain name",
                             f"use lower-case letters, digits and hyphens, e.g. slug: {suggestion}")
        return value

    def source_url(self, warnings: list[Problem]) -> str | None:
        """The original article's address. `url` is read the same, with a warning: to Hugo and
        Pelican it is a page's own address, which is not what this field says."""
        key = self.one_of("source_url", "url")
        value = self.optional_text(key)
        if key == "url" and "url" in self.meta:
            warnings.append(Problem(self.path, self.doc.line_of("url"), "'url' is read as the original article's "
                                    "address, which the field 'source_url' names", "rename the field: "
                                    "source_url: https://...", warning=True))
        if value is None:
            return None
        # well_formed first: urlsplit raises on some addresses it refuses ("http://[::1/x").
        if not well_formed(value) or urlsplit(value).scheme not in ("http", "https"):
            raise self.error(key, f"the {key} '{value}' is not an absolute web address",
                             f"give the original article's address, e.g. {key}: https://example.com/story")
        return value

    def optional_flag(self, key: str) -> bool | None:
        return self.flag(key) if self.meta.get(key) is not None else None

    def flag(self, key: str) -> bool:
        value = self.meta.get(key, False)
        if not isinstance(value, bool):
            raise self.error(key, f"'{key}' must be true or false", f"write {key}: true or {key}: false")
        return value

    def inferred(self) -> tuple[tuple[str, str], ...]:
        evidence = []
        for name in INFERABLE:
            key = f"{name}_inferred"
            value = self.optional_text(key)
            if value is None and key in self.meta:
                raise self.error(key, f"'{key}' is empty", f"say what the inferred {name} rests on")
            if value is not None:
                if name not in self.meta:
                    raise self.error(key, f"'{key}' is given but there is no '{name}'",
                                     f"add the inferred '{name}', or delete '{key}'")
                evidence.append((name, value))
        return tuple(evidence)

    def quote_notes(self) -> tuple[QuoteNote, ...]:
        """The editors' list of quotes: `- text: ...` with `speaker: ...`, `kind: ...` or `not_quote: true`."""
        value = self.meta.get("quotes")
        if value is None:
            return ()
        lines = self.doc.item_lines.get("quotes", ())
        if not isinstance(value, list):
            raise self.error("quotes", "'quotes' must be a list of entries with 'text:'",
                             "write quotes:, then lines '  - text: \"the words\"' and '    speaker: Name'")
        return tuple(self._quote_note(entry, lines[index] if index < len(lines) else self.doc.line_of("quotes"))
                     for index, entry in enumerate(value))

    def _quote_note(self, entry: Any, line: int) -> QuoteNote:
        hint = "each entry needs text: (the words as printed) and speaker: or not_quote: true"
        if not isinstance(entry, dict) or not isinstance(entry.get("text"), str) or not entry["text"].strip():
            raise self.error("quotes", "a quote entry has no text", hint, line=line)
        unknown = set(map(str, entry)) - {"text", "speaker", "kind", "not_quote"}
        if unknown:
            raise self.error("quotes", f"a quote entry has the unknown field '{sorted(unknown)[0]}'", hint, line=line)
        speaker, kind, not_quote = entry.get("speaker"), entry.get("kind"), entry.get("not_quote", False)
        if speaker is not None and (not isinstance(speaker, str) or not speaker.strip()):
            raise self.error("quotes", "a quote's speaker must be text", "e.g. speaker: Logan Graham", line=line)
        if kind is not None and kind not in SPEAKER_KINDS:
            raise self.error("quotes", f"a quote's kind must be one of {', '.join(SPEAKER_KINDS)}",
                             "e.g. kind: person", line=line)
        if not isinstance(not_quote, bool):
            raise self.error("quotes", "not_quote must be true or false", "write not_quote: true", line=line)
        return QuoteNote(" ".join(entry["text"].split()), speaker and speaker.strip(), kind, not_quote, line)

    def unknown_field_warnings(self) -> list[Problem]:
        warnings = []
        for key in self.meta:
            if str(key) in FIELDS:
                continue
            close = difflib.get_close_matches(str(key), sorted(FIELDS), n=1)
            hint = f"did you mean '{close[0]}'?" if close else "known fields: " + ", ".join(sorted(FIELDS))
            warnings.append(Problem(self.path, self.doc.line_of(str(key)), f"unknown field '{key}' is ignored",
                                    hint, warning=True))
        return warnings


def _kind(value: Any) -> str:
    return {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "a mapping"}.get(
        type(value), type(value).__name__)


def duplicate_slugs(articles: list[Article]) -> list[Problem]:
    seen: dict[str, Article] = {}
    problems = []
    for article in articles:
        first = seen.setdefault(article.slug, article)
        if first is not article:
            problems.append(Problem(
                article.source, article.slug_line, f"the slug '{article.slug}' is already used by {first.source.name}",
                "give one of the two articles another file name or a 'slug:' of its own",
            ))
    return problems
