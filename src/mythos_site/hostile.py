"""Find raw HTML in an article that could run code or load something from elsewhere.

An article may hold raw HTML (a <sup>, an <abbr>, a <br> in a table cell), and every body goes
through the sanitiser's allowlist anyway. But a script, a frame, a form, an event handler or a
javascript: address in an editor's file is a mistake or an attack: the build names the line
instead of quietly dropping it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from markdown_it.token import Token

REFUSED_TAGS = frozenset({
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "portal", "base", "link",
    "meta", "form", "input", "button", "textarea", "select", "svg", "math", "template", "noscript",
})
URL_ATTRIBUTES = frozenset({"href", "src", "srcset", "action", "formaction", "xlink:href", "data", "poster",
                            "background", "ping", "cite", "longdesc"})
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")
# A markdown link or image to such an address: markdown-it leaves it as text, brackets and all.
MARKDOWN_SCRIPT_LINK = re.compile(r"\]\(\s*<?\s*(?:javascript|vbscript|data)\s*:", re.IGNORECASE)
IGNORED_IN_URLS = re.compile(r"[\x00-\x20]+")  # browsers skip these inside a scheme: "java\tscript:"


def hostile_html(tokens: list[Token]) -> list[tuple[int, str]]:
    """(line in the body, counting from 0; what was found) for each such piece of raw HTML or markdown link."""
    found: list[tuple[int, str]] = []
    for token in tokens:
        start = token.map[0] if token.map else 0
        if token.type == "html_block":
            found += [(start + line, what) for line, what in _in_html(token.content)]
        for child, line in _with_lines(token.children or [], start):
            if child.type == "html_inline":
                found += [(line, what) for _, what in _in_html(child.content)]
            elif child.type == "text" and MARKDOWN_SCRIPT_LINK.search(child.content):
                found.append((line, "a markdown link to a script or data: address"))
    return found


def _with_lines(children: list[Token], start: int):
    line = start
    for child in children:
        yield child, line
        if child.type in ("softbreak", "hardbreak"):
            line += 1


def _in_html(html: str) -> list[tuple[int, str]]:
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return finder.found


class _Finder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0] - 1
        if tag in REFUSED_TAGS:
            self.found.append((line, f"the element <{tag}>"))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((line, f"the event handler {name} on <{tag}>"))
            elif name in URL_ATTRIBUTES and value and \
                    IGNORED_IN_URLS.sub("", value).lower().startswith(SCRIPT_SCHEMES):
                self.found.append((line, f"a script or data: address in {name} of <{tag}>"))

    handle_startendtag = handle_starttag
