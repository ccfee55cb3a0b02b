"""Sanitise article HTML with nh3 (an allowlist sanitiser), so raw HTML in markdown cannot harm readers."""

from __future__ import annotations

import re
from contextvars import ContextVar
from urllib.parse import urljoin, urlsplit

import nh3

from mythos_site.content.frontmatter import UNWRITABLE

TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "code", "em", "strong", "b", "i",
    "u", "s", "del", "ins", "a", "img", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "sup", "sub",
    "span", "br", "hr", "figure", "figcaption", "abbr", "cite", "q", "dl", "dt", "dd", "mark", "small", "time", "kbd",
    "var", "samp", "details", "summary", "label", "input",
}
# Removed together with everything inside them.
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math",
                        "textarea", "select", "title", "frame", "frameset", "applet", "noembed", "xmp"}
ATTRIBUTES = {
    "*": {"id", "title", "lang", "dir"},
    "a": {"href", "aria-describedby"},
    "img": {"src", "alt", "width", "height", "loading"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start", "reversed"},
    "time": {"datetime"},
    "abbr": {"title"},
    "code": {"class"},  # the language of a fenced block only: see _keep
}
CLASSES = {
    "sup": {"fnref"},
    "span": {"visually-hidden"},
    "a": {"external-image"},
    "th": {"align-left", "align-center", "align-right"},
    "td": {"align-left", "align-center", "align-right"},
}
# The one input an article has is a task list's disabled checkbox (markup.py); raw <input> is
# refused in an editor's file (hostile.py), and here no other kind or attribute gets through.
INPUT_VALUES = {"input": {"type": {"checkbox"}, "checked": {"", "checked"}, "disabled": {"", "disabled"}}}
URL_SCHEMES = {"http", "https", "mailto"}
# An address on another host: with a scheme, or starting with two slashes, either of which a
# browser also reads from a backslash; browsers leave tabs and line breaks out of addresses.
# A fenced block's language, as markdown-it writes it (```python -> class="language-python"), for
# readers' own styles and tools; no other class on code.
LANGUAGE_CLASS = re.compile(r"language-[A-Za-z0-9_+-]+")
EXTERNAL = re.compile(r"^[\t\n\r ]*(?:[a-z][a-z0-9+.\t\n\r-]*:|[/\\][\t\n\r]*[/\\])", re.IGNORECASE)


def well_formed(url: str) -> bool:
    """An address a browser can follow as written: a web address has a host of letters, digits,
    hyphens and dots, or an IPv6 address in brackets ("http://[::1/x" has neither, nor has
    "http://%5Bx/", as markdown-it writes "http://[x/"); a port is a number in range; no space or
    control character."""
    if UNSAFE_IN_URL.search(url):
        return False
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises ValueError for a port out of range)
    except ValueError:
        return False
    if parts.scheme.lower() not in ("http", "https"):
        return True
    host = parts.hostname or ""
    return bool(host) and all(char.isalnum() or char in "-._:" for char in host)


UNSAFE_IN_URL = re.compile(r"[\x00-\x20\x7f]")


def sanitize(html: str, own_ids: frozenset[str] = frozenset()) -> str:
    """HTML with only allowed tags, attributes and URL schemes; ids other than ours are dropped,
    so raw HTML cannot take the anchor of a footnote or a paragraph."""
    token = _OWN_IDS.set(own_ids)
    try:
        # A character reference ("&#x1;", "&#xFFFF;") can make what the file itself may not hold.
        return UNWRITABLE.sub("", _CLEANER.clean(html))
    finally:
        _OWN_IDS.reset(token)


_OWN_IDS: ContextVar[frozenset[str]] = ContextVar("own_ids", default=frozenset())


def _keep(element: str, attribute: str, value: str) -> str | None:
    if attribute == "id":
        return value if value in _OWN_IDS.get() else None
    if attribute == "class" and element == "code":
        return _language_class(value)
    if element == "img" and attribute == "src" and EXTERNAL.match(value):
        return None  # readers' browsers make no request to another host
    return value


def _language_class(value: str) -> str | None:
    """The class of a code element; the other elements' classes are filtered by nh3 (CLASSES)."""
    return value if LANGUAGE_CLASS.fullmatch(value) else None


# Built once: building the allowlists for every call took most of the time of a call.
_OPTIONS = dict(tags=TAGS, clean_content_tags=DROPPED_WITH_CONTENT, url_schemes=URL_SCHEMES, allowed_classes=CLASSES,
                link_rel=None, strip_comments=True, tag_attribute_values=INPUT_VALUES)
_CLEANER = nh3.Cleaner(attributes=ATTRIBUTES, attribute_filter=_keep, **_OPTIONS)


def for_feed(html: str, page_url: str) -> str:
    """Sanitised HTML made to stand alone in a feed reader: every address resolved against the
    page's URL, and no ids or references to them (a reader shows many entries in one page)."""
    token = _PAGE_URL.set(page_url)
    try:
        return _FEED_CLEANER.clean(html)
    finally:
        _PAGE_URL.reset(token)


_PAGE_URL: ContextVar[str] = ContextVar("page_url", default="")


def _resolve(element: str, attribute: str, value: str) -> str | None:
    if attribute == "id":
        return None
    if attribute == "class" and element == "code":
        return _language_class(value)
    if attribute in ("href", "src"):
        return urljoin(_PAGE_URL.get(), value.strip())
    return value


_FEED_CLEANER = nh3.Cleaner(attributes={**ATTRIBUTES, "a": {"href"}}, attribute_filter=_resolve, **_OPTIONS)
