"""A web page's article read with trafilatura (its text and metadata) and htmldate (its date):
furniture left out, the text as markdown, the front matter only what the page states."""

from __future__ import annotations

import json
import logging
from copy import deepcopy
from urllib.parse import urlsplit

import trafilatura

from mythos_site.importing import ImportFailed
from mythos_site.importing.article_file import Found
from mythos_site.importing.embeds import plain_embeds
from mythos_site.importing.notes import definitions, take_notes
from mythos_site.importing.published import publication_date
from mythos_site.importing.tomarkdown import Block, blocks_of

MIN_WORDS = 30  # of text outside links: fewer, and the page is a list of links or a notice, not an article
MAX_TAGS = 10  # a page's keywords are often a long list for search engines; the first few say what it is about
ARTICLE_TYPES = {"Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
                 "BackgroundNewsArticle", "ReviewNewsArticle", "BlogPosting", "LiveBlogPosting", "Report",
                 "TechArticle", "ScholarlyArticle", "SatiricalArticle", "SocialMediaPosting"}
LINK_SEPARATORS = "|·•›»/-–—,;: \n\t0123456789"


def read_page(data: bytes, charset: str | None, address: str | None, name: str) -> Found:
    """The article in a page's bytes; address is where it was fetched (None for a saved file),
    name how messages call the page."""
    for logger in ("trafilatura", "htmldate", "courlan"):  # their notes on odd markup are not the editor's
        logging.getLogger(logger).setLevel(logging.CRITICAL)
    tree = trafilatura.load_html(_decoded(data, charset))
    if tree is None:
        raise ImportFailed(f"{name} is not an HTML page")
    ld = _structured(tree)
    notes = _prepared(tree, ld, address)
    base = address or _own_address(tree)
    page_notes = take_notes(tree, base)
    if base:
        tree.make_links_absolute(base, resolve_base_href=True, handle_failures="discard")
    document = trafilatura.bare_extraction(
        deepcopy(tree), url=address, with_metadata=True, include_links=True, include_formatting=True,
        include_tables=True, include_comments=False, include_images=False, deduplicate=False, as_dict=False)
    if document is None or document.body is None:
        raise ImportFailed(f"{name} has no article text that trafilatura can find")
    title, authors = _text(document.title), tuple(_split(document.author, ";"))
    body = _body(document.body, title, authors, page_notes, notes, name)
    if ld.get("isAccessibleForFree") in (False, "false", "False"):
        notes.append("the page marks the article as for subscribers: only the part it shows to everyone was imported")
    source_url = _address(document.url, address)
    date = publication_date(tree, source_url)
    notes += [date.note] if date.note else []
    return Found(title=title, date=date.value, date_inferred=date.evidence, authors=authors,
                 outlet=_outlet(document.sitename, source_url), summary=_text(document.description),
                 source_url=source_url, tags=_tags(document.tags, ld.get("keywords")), body=body, notes=tuple(notes))


def _prepared(tree, ld: dict, address: str | None) -> list[str]:
    """The page made plain for trafilatura where its markup would mislead it; a note for each change."""
    notes = []
    if "LiveBlogPosting" in (ld.get("@type") if isinstance(ld.get("@type"), list) else [ld.get("@type")]):
        _flatten_live_blog(tree)
        notes.append("a live blog: its updates are imported in the order the page shows them, each with its time")
    if plain_embeds(tree):
        notes.append("embedded posts are block quotes with their attribution line; their scripts are left out")
    return notes


def _body(extracted, title: str | None, authors, page_notes: dict[str, str], notes: list[str], name: str) -> str:
    """The article's markdown, its footnotes at the end; ImportFailed when it has no text to speak of."""
    _drop_menus(extracted)
    blocks = _article_blocks(blocks_of(extracted), title, authors)
    if _prose_words(extracted) < MIN_WORDS or not blocks:
        raise ImportFailed(f"{name} has no article text: it looks like a list of links or a notice; "
                           "import the article's own page")
    body = "\n\n".join(block.markdown for block in blocks)
    footnotes, uncited = definitions(body, page_notes)
    if uncited:
        body += "\n\n" + "\n".join(f"- {note}" for note in uncited)
        notes.append(f"{len(uncited)} of the page's notes are cited nowhere in its text; they close the text as a list")
    return body + ("\n\n" + footnotes if footnotes else "")


def _own_address(tree) -> str | None:
    """The address the page gives itself (its canonical link, or Open Graph's), against which its
    relative links are read when it was saved rather than fetched."""
    for found in (tree.xpath('//link[@rel="canonical"]/@href'), tree.xpath('//meta[@property="og:url"]/@content')):
        if found and urlsplit(found[0].strip()).scheme in ("http", "https"):
            return found[0].strip()
    return None


def _decoded(data: bytes, charset: str | None):
    if charset:
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown name: trafilatura finds the encoding from the bytes
    return data


def _structured(tree) -> dict:
    """The page's schema.org article (JSON-LD), or an empty dict."""
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text, strict=False)
        except ValueError:
            continue
        pending = data if isinstance(data, list) else [data]
        while pending:
            item = pending.pop(0)
            if not isinstance(item, dict):
                continue
            pending += item.get("@graph", []) if isinstance(item.get("@graph"), list) else []
            kinds = item.get("@type")
            if ARTICLE_TYPES & set(kinds if isinstance(kinds, list) else [kinds]):
                return item
    return {}


def _flatten_live_blog(tree) -> None:
    """A live blog's updates, for trafilatura: without them in the JSON-LD, which it would read for
    the page's own headline and author; and with each update's time as a line of text, which it
    otherwise takes for a list of teasers and leaves out with the updates."""
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() == "application/ld+json" and script.text:
            try:
                data = json.loads(script.text, strict=False)
            except ValueError:
                continue
            if isinstance(data, dict) and data.pop("liveBlogUpdate", None) is not None:
                script.text = json.dumps(data)
    for update in tree.iter("article"):
        for time in update.iter("time"):
            time.tag = "p"


def _article_blocks(blocks: list[Block], title: str | None, authors) -> list[Block]:
    """The blocks of the article itself: the headline and the byline that open it are the front matter's."""
    opening = {_key(title or ""), _key(f"By {' and '.join(authors)}"), _key(", ".join(authors))} - {""}
    kept = []
    for index, block in enumerate(blocks):
        if index < 4 and _key(block.plain) in opening:
            continue
        kept.append(block)
    return kept


def _drop_menus(body) -> None:
    """Take out the paragraphs, lists and tables of the extracted text that hold two or more links
    and nothing else but the marks between them: a site's menu or a list of other stories."""
    for element in list(body.iter("p", "list", "table")):
        links = list(element.iter("ref"))
        outside = "".join(_outside_links(element))
        if len(links) >= 2 and not outside.strip(LINK_SEPARATORS) and element.getparent() is not None:
            element.getparent().remove(element)


def _outside_links(element):
    """The text of an element that is not the text of a link, piece by piece."""
    if element.tag != "ref":
        yield element.text or ""
        for child in element:
            yield from _outside_links(child)
    yield element.tail or ""


def _prose_words(body) -> int:
    """Words of the extracted text that are not the text of a link."""
    words = 0
    for element in body.iter():
        if element.tag in ("ref", "a"):
            words += len((element.tail or "").split())
            continue
        inside_link = any(parent.tag in ("ref", "a") for parent in element.iterancestors())
        words += 0 if inside_link else len((element.text or "").split()) + len((element.tail or "").split())
    return words


def _address(found: str | None, fetched: str | None) -> str | None:
    """The page's own address (canonical) if it gives a web address; else the one it was fetched from."""
    for candidate in (found, fetched):
        if candidate and urlsplit(candidate).scheme in ("http", "https") and urlsplit(candidate).hostname:
            return candidate
    return None


def _outlet(sitename: str | None, address: str | None) -> str | None:
    """The site's name as the page states it; not a host name, which trafilatura falls back to."""
    name = _text(sitename)
    if not name or "://" in name:
        return None
    host = (urlsplit(address).hostname or "") if address else ""
    if host and name.lower().removeprefix("www.") in (host, host.removeprefix("www.")):
        return None
    return name


def _tags(found: list[str] | None, keywords) -> tuple[str, ...]:
    """The page's keywords (its meta keywords and article:tag, else its JSON-LD keywords), one tag each."""
    names = [name for item in (found or []) for name in _split(item, ",")]
    if not names:
        items = keywords if isinstance(keywords, list) else [keywords] if isinstance(keywords, str) else []
        names = [name for item in items if isinstance(item, str) for name in _split(item, ",")]
    unique: dict[str, str] = {}
    for name in names:
        unique.setdefault(name.casefold(), name)
    return tuple(unique.values())[:MAX_TAGS]


def _split(text: str | None, separator: str) -> list[str]:
    return [part for part in (" ".join(piece.split()) for piece in (text or "").split(separator)) if part]


def _text(text: str | None) -> str | None:
    return " ".join(text.split()) or None if text else None


def _key(text: str) -> str:
    return " ".join(text.casefold().split()).strip(" .")
