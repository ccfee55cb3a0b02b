"""Find raw HTML in an article that could run code or load something from another site.

An article may hold raw HTML (a <sup>, an <abbr>, a <br> in a table cell), and every body goes
through the sanitiser's allowlist anyway. But a script, a frame, a form, an event handler or a
javascript: address in an editor's file is a mistake or an attack: the build names the line
instead of quietly dropping it.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser

from markdown_it.token import Token

from mythos_site.content.sanitize import EXTERNAL, TAGS

REFUSED_TAGS = frozenset({
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "portal", "base", "link",
    "meta", "form", "input", "button", "textarea", "select", "svg", "math", "template", "noscript",
})
# Elements whose content is no markup: everything after one, to its end or the article's, is lost
# or shown as raw tags.
SWALLOWING_TAGS = frozenset({"title", "xmp", "plaintext", "noframes", "noembed", "listing"})
URL_ATTRIBUTES = frozenset({"href", "src", "srcset", "action", "formaction", "xlink:href", "data", "poster",
                            "background", "ping", "cite", "longdesc"})
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")
# A markdown link or image to such an address: markdown-it leaves it as text, brackets and all.
# So is a link reference definition ("[r]: javascript:..."), shown as text, and a markdown image of a
# data: address, which markdown-it accepts for some picture types.
MARKDOWN_SCRIPT_LINK = re.compile(r"\]\(\s*<?\s*(?:javascript|vbscript|data)\s*:", re.IGNORECASE)
SCRIPT_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?\s*(?:javascript|vbscript|data)\s*:",
                              re.IGNORECASE | re.MULTILINE)
IGNORED_IN_URLS = re.compile(r"[\x00-\x20]+")  # browsers skip these inside a scheme: "java\tscript:"
HINT = ("remove it: an article may hold plain markup such as <sup>, <abbr> or <br>, but nothing that runs "
        "code, loads from another site or asks readers for input")
PICTURE_HINT = ("write it as a markdown image, ![what it shows](address): readers get a link to the picture, "
                "and their browsers load nothing from another site")


def hostile_html(tokens: list[Token], raw: list[tuple[int, str]]) -> list[tuple[int, str, str]]:
    """(line in the body, counting from 0; what was found; a hint at the fix) for each such piece
    of raw HTML (raw: see raw_html) or markdown link."""
    found: list[tuple[int, str, str]] = []
    for line, markup in raw:
        found += [(line + offset, what, hint) for offset, what, hint in _in_html(markup)]
    for token in tokens:
        start = token.map[0] if token.map else 0
        if token.type == "inline" and SCRIPT_REFERENCE.search(_decoded(token.content)):
            found.append((start, "a link reference to a script or data: address", HINT))
        for child, line in _with_lines(token.children or [], start):
            if child.type == "text" and MARKDOWN_SCRIPT_LINK.search(child.content):
                found.append((line, "a markdown link to a script or data: address", HINT))
            elif child.type == "image" and _is_script_address(child.attrGet("src") or ""):
                found.append((line, "a markdown image of a script or data: address",
                              "give the picture's web address instead: ![what it shows](https://...)"))
    return sorted(found, key=lambda item: item[0])


def raw_html(tokens: list[Token]) -> Iterator[tuple[int, str]]:
    """(line in the body, counting from 0; the HTML) of each piece of raw HTML, block or inline."""
    for token in tokens:
        start = token.map[0] if token.map else 0
        if token.type == "html_block":
            yield start, token.content
        for child, line in _with_lines(token.children or [], start):
            if child.type == "html_inline":
                yield line, child.content


def _decoded(source: str) -> str:
    """Markdown source with its character references read: "&#106;avascript:" is "javascript:"."""
    return html.unescape(source) if "&" in source else source


def _is_script_address(value: str) -> bool:
    return IGNORED_IN_URLS.sub("", value).lower().startswith(SCRIPT_SCHEMES)


def _with_lines(children: list[Token], start: int):
    line = start
    for child in children:
        yield child, line
        if child.type in ("softbreak", "hardbreak"):
            line += 1


def _in_html(html: str) -> list[tuple[int, str, str]]:
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return finder.found


class _Finder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0] - 1
        if tag in REFUSED_TAGS:
            self.found.append((line, f"the element <{tag}>", HINT))
        elif tag in SWALLOWING_TAGS:
            self.found.append((line, f"the element <{tag}>, which hides or garbles the text after it,",
                               f"remove it; to show the tag itself, write it as code: `<{tag}>`"))
        for name, value in attrs:
            address = IGNORED_IN_URLS.sub("", value or "")
            if name.startswith("on"):
                self.found.append((line, f"the event handler {name} on <{tag}>", HINT))
            elif name in URL_ATTRIBUTES and _is_script_address(address):
                self.found.append((line, f"a script or data: address in {name} of <{tag}>", HINT))
            elif tag == "img" and name == "src" and EXTERNAL.match(address):
                self.found.append((line, f"a picture from another site (<img src=\"{value}\">)", PICTURE_HINT))

    handle_startendtag = handle_starttag


def dropped_tags(raw: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """(line in the body, counting from 0; tag) of each element of raw HTML (see raw_html) that the
    sanitiser leaves out of the page, and that is not refused above: "the <model> flag" loses a word."""
    found: list[tuple[int, str]] = []
    for line, markup in raw:
        finder = _Dropped()
        finder.feed(markup)
        finder.close()
        found += [(line + offset, tag) for offset, tag in finder.found]
    return found


class _Dropped(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag not in TAGS and tag not in REFUSED_TAGS and tag not in SWALLOWING_TAGS:
            self.found.append((self.getpos()[0] - 1, tag))

    handle_startendtag = handle_starttag


# Elements that the page keeps and that a browser ends by itself (or that have no end): any other
# left open in raw HTML takes in the rest of the article ("<a href=...>here." links every later
# paragraph; "<table><tr><td>" pulls them into a cell).
SELF_ENDING = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "caption", "br", "hr",
                         "img", "input"})


def unclosed_elements(raw: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """(line in the body, counting from 0; tag) of each element opened in raw HTML (see raw_html)
    and never closed, in the whole body: a <details> may open in one block and close in a later one."""
    balance = _Balance()
    for line, html in raw:
        balance.read(html, line)
    return [(line, tag) for tag, line in balance.open]


class _Balance(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, int]] = []
        self.open_count: Counter[str] = Counter()  # an end tag of nothing open is passed at once, not looked for
        self.first_line = 0

    def read(self, html: str, first_line: int) -> None:
        self.reset()
        self.first_line = first_line
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in TAGS and tag not in SELF_ENDING:
            self.open.append((tag, self.first_line + self.getpos()[0] - 1))
            self.open_count[tag] += 1

    def handle_startendtag(self, tag: str, attrs) -> None:
        pass  # "<span/>" opens nothing

    def handle_endtag(self, tag: str) -> None:
        if not self.open_count[tag]:
            return
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                self.open_count.subtract(inner for inner, _ in self.open[index:])
                del self.open[index:]  # what it holds ends with it
                return


def raw_pictures(raw: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """(line in the body, counting from 0; address) of each <img> written in raw HTML (see raw_html)."""
    found: list[tuple[int, str]] = []
    for line, html in raw:
        finder = _Pictures()
        finder.feed(html)
        finder.close()
        found += [(line + offset, src) for offset, src in finder.found]
    return found


class _Pictures(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "img":
            self.found.append((self.getpos()[0] - 1, dict(attrs).get("src") or ""))

    handle_startendtag = handle_starttag
