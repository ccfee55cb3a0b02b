"""Find raw HTML in an article that could run code or load something from another site.

An article may hold raw HTML (a <sup>, an <abbr>, a <br> in a table cell), and every body goes
through the sanitiser's allowlist anyway. But a script, a frame, a form, an event handler or a
javascript: address in an editor's file is a mistake or an attack: the build names the line
instead of quietly dropping it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from markdown_it.token import Token

from mythos_site.sanitize import EXTERNAL

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
MARKDOWN_SCRIPT_LINK = re.compile(r"\]\(\s*<?\s*(?:javascript|vbscript|data)\s*:", re.IGNORECASE)
IGNORED_IN_URLS = re.compile(r"[\x00-\x20]+")  # browsers skip these inside a scheme: "java\tscript:"
HINT = ("remove it: an article may hold plain markup such as <sup>, <abbr> or <br>, but nothing that runs "
        "code, loads from another site or asks readers for input")
PICTURE_HINT = ("write it as a markdown image, ![what it shows](address): readers get a link to the picture, "
                "and their browsers load nothing from another site")


def hostile_html(tokens: list[Token]) -> list[tuple[int, str, str]]:
    """(line in the body, counting from 0; what was found; a hint at the fix) for each such piece
    of raw HTML or markdown link."""
    found: list[tuple[int, str, str]] = []
    for token in tokens:
        start = token.map[0] if token.map else 0
        if token.type == "html_block":
            found += [(start + line, what, hint) for line, what, hint in _in_html(token.content)]
        for child, line in _with_lines(token.children or [], start):
            if child.type == "html_inline":
                found += [(line, what, hint) for _, what, hint in _in_html(child.content)]
            elif child.type == "text" and MARKDOWN_SCRIPT_LINK.search(child.content):
                found.append((line, "a markdown link to a script or data: address", HINT))
    return found


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
            self.found.append((line, f"the element <{tag}> hides or garbles the text after it",
                               f"remove it; to show the tag itself, write it as code: `<{tag}>`"))
        for name, value in attrs:
            address = IGNORED_IN_URLS.sub("", value or "")
            if name.startswith("on"):
                self.found.append((line, f"the event handler {name} on <{tag}>", HINT))
            elif name in URL_ATTRIBUTES and address.lower().startswith(SCRIPT_SCHEMES):
                self.found.append((line, f"a script or data: address in {name} of <{tag}>", HINT))
            elif tag == "img" and name == "src" and EXTERNAL.match(address):
                self.found.append((line, f"a picture from another site (<img src=\"{value}\">)", PICTURE_HINT))

    handle_startendtag = handle_starttag
