"""Markdown from the tree trafilatura extracts (its <p>, <head>, <list>, <quote>, <ref>, <hi> ...),
and from the few HTML tags a footnote holds: paragraphs, headings, lists, quotes, tables,
emphasis and links, with every other character of the text written so that it reads as text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from mythos_site.content.sanitize import well_formed

# A footnote reference stands in the text as NOTE_OPEN label NOTE_CLOSE until the block is written
# (characters of Unicode's private use area, which no page's text holds and no escape touches).
NOTE_OPEN, NOTE_CLOSE = "\ue000", "\ue001"
NOTE_MARK = re.compile(f"{NOTE_OPEN}([A-Za-z0-9-]+){NOTE_CLOSE}")

BLOCK_TAGS = {"p", "head", "list", "quote", "table", "code", "div", "body", "section", "article", "main",
              "blockquote", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "figure"}
CONTAINERS = {"div", "body", "section", "article", "main", "figure"}
SKIPPED = {"graphic", "img", "script", "style", "figcaption", "note"}
EMPHASIS = {"#i": "*", "#b": "**", "#t": "`", "i": "*", "em": "*", "b": "**", "strong": "**", "code": "`",
            "#s": "~~", "del": "~~", "s": "~~"}
RAISED = {"#sup": "sup", "#sub": "sub", "sup": "sup", "sub": "sub"}
LINK_SCHEMES = ("http://", "https://", "mailto:")

ESCAPED = re.compile(r"([\\`*_\[\]<>~|])")
ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# What would start a heading, a quote, a list item or a rule at the start of a block.
BLOCK_START = re.compile(r"^(#{1,6}(?=\s|$)|[-+=](?=\s|$)|\d{1,9}(?=[.)](?:\s|$)))")


@dataclass(frozen=True)
class Block:
    """One block of the body: its kind (p, h, ul, ol, quote, table, code), its markdown, its plain text."""

    kind: str
    markdown: str
    plain: str


def blocks_of(element) -> list[Block]:
    """The blocks of a container (trafilatura's <body>, a <quote>, a <div>) in order; text that sits
    between blocks becomes a paragraph of its own."""
    blocks: list[Block] = []
    run: list[str] = []

    def close_run() -> None:
        text = _tidy("".join(run))
        if text:
            blocks.append(Block("p", guard_start(text), plain_of(text)))
        run.clear()

    run.append(_text(element.text))
    for child in element:
        if _tag(child) in BLOCK_TAGS:
            close_run()
            blocks += _block(child)
            run.append(_text(child.tail))
        else:
            run.append(inline(child))  # with its tail
    close_run()
    return blocks


def _block(element) -> list[Block]:
    tag = _tag(element)
    if tag in CONTAINERS or (tag == "p" and any(_tag(child) in BLOCK_TAGS for child in element)):
        return blocks_of(element)
    if tag in ("head", "h1", "h2", "h3", "h4", "h5", "h6"):
        text = _tidy(inline(element, tail=False))
        rend = element.get("rend") or tag
        level = min(max(int(rend[1]), 2), 4) if len(rend) == 2 and rend[1].isdigit() else 2
        return [Block("h", "#" * level + " " + text, plain_of(text))] if text else []
    if tag in ("list", "ul", "ol"):
        return _list(element)
    if tag in ("quote", "blockquote"):
        inner = blocks_of(element)
        if not inner:
            return []
        lines = "\n>\n".join("\n".join(f"> {line}" if line else ">" for line in b.markdown.split("\n"))
                             for b in inner)
        return [Block("quote", lines, " ".join(b.plain for b in inner))]
    if tag == "table":
        return _table(element)
    if tag in ("code", "pre"):
        code = "".join(element.itertext()).strip("\n")
        fence = "~~~~" if "```" in code else "```"
        return [Block("code", f"{fence}\n{code}\n{fence}", code)] if code.strip() else []
    text = _tidy(inline(element, tail=False))
    return [Block("p", guard_start(text), plain_of(text))] if text else []


def _list(element) -> list[Block]:
    ordered = (element.get("rend") or _tag(element)) == "ol"
    lines, plain, number = [], [], 0
    for item in element:
        if _tag(item) not in ("item", "li"):
            continue
        number += 1
        marker = f"{number}. " if ordered else "- "
        nested = [child for child in item if _tag(child) in ("list", "ul", "ol")]
        text = _tidy(_text(item.text) + "".join(inline(child) if child not in nested else _text(child.tail)
                                                for child in item))
        lines.append(marker + guard_start(text))
        plain.append(plain_of(text))
        for sub in nested:
            for block in _list(sub):
                lines += [" " * len(marker) + line for line in block.markdown.split("\n")]
                plain.append(block.plain)
    if not any(plain):
        return []
    return [Block("ol" if ordered else "ul", "\n".join(lines), " ".join(plain))]


def _table(element) -> list[Block]:
    rows = [[_tidy(inline(cell, tail=False)) for cell in row if _tag(cell) in ("cell", "td", "th")]
            for row in element.iter() if _tag(row) in ("row", "tr")]
    rows = [row for row in rows if any(row)]
    if not rows:
        return []
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    lines = ["| " + " | ".join(row) + " |" for row in rows]
    lines.insert(1, "|" + "---|" * width)
    return [Block("table", "\n".join(lines), " ".join(plain_of(cell) for row in rows for cell in row))]


def inline(element, tail: bool = True) -> str:
    """The markdown of an element read as running text (its tail too, unless tail is False)."""
    tag = _tag(element)
    inner = _text(element.text) + "".join(inline(child) for child in element if _tag(child) not in SKIPPED)
    if tag in SKIPPED:
        inner = ""
    elif tag in ("ref", "a"):
        inner = _link(inner, (element.get("target") or element.get("href") or "").strip())
    elif (element.get("rend") or tag) in EMPHASIS:
        inner = _wrap(EMPHASIS[element.get("rend") or tag], inner)
    elif (element.get("rend") or tag) in RAISED and inner.strip():
        name = RAISED[element.get("rend") or tag]
        inner = f"<{name}>{inner.strip()}</{name}>"
    elif tag in ("lb", "br"):
        inner = " "
    return inner + (_text(element.tail) if tail else "")


def _link(text: str, address: str) -> str:
    if not text.strip() or not address.lower().startswith(LINK_SCHEMES) or not well_formed(address):
        return text
    if any(char in address for char in "()<> "):
        address = address.replace("<", "%3C").replace(">", "%3E")
        return f"[{text.strip()}](<{address}>)"
    return f"[{text.strip()}]({address})"


def _wrap(marker: str, inner: str) -> str:
    """Emphasis or code around the words, with the spaces at either end left outside, as markdown needs."""
    core = inner.strip()
    if not core or (marker != "`" and core.startswith(marker[0])):
        return inner  # nothing to mark, or marked already by an element inside it
    lead, trail = inner[: len(inner) - len(inner.lstrip())], inner[len(inner.rstrip()):]
    if marker == "`":  # a code span shows its text as it is: no escapes in it
        code = plain_of(core)
        return f"{lead}`` {code} ``{trail}" if "`" in code else f"{lead}`{code}`{trail}"
    return f"{lead}{marker}{core}{marker}{trail}"


def escape(text: str) -> str:
    """Text that markdown shows as it is: no emphasis, link, raw HTML, entity or table cell in it."""
    return ENTITY.sub("&amp;", ESCAPED.sub(r"\\\1", text))


def as_text(text: str) -> str:
    """A line of plain text (with footnote placeholders) as one markdown paragraph that reads as it is."""
    return guard_start(_tidy(escape(text)))


def _text(text: str | None) -> str:
    return escape(text) if text else ""


def _tidy(text: str) -> str:
    """One line with single spaces; footnote references written as markdown footnotes."""
    return NOTE_MARK.sub(r"[^\1]", " ".join(text.split()))


def guard_start(text: str) -> str:
    """A paragraph or item whose first characters would read as markup ("# 1", "1. ", "- ") kept as text."""
    found = BLOCK_START.match(text)
    if not found:
        return text
    if found.group(1)[-1].isdigit():  # "1. " and "1) " start a list: "1\. " does not
        return text[: found.end()] + "\\" + text[found.end():]
    return "\\" + text


UNESCAPE = re.compile(r"\\([\\`*_\[\]<>~|])")
MARKUP = re.compile(r"\[\^[A-Za-z0-9-]+\]|\]\((?:<[^>]*>|[^)]*)\)|(?<!\\)[*`~\[]|<su[pb]>|</su[pb]>")


def plain_of(markdown: str) -> str:
    """The text a reader sees of one line of our own markdown: markup, link addresses and footnote
    references left out."""
    return " ".join(UNESCAPE.sub(r"\1", MARKUP.sub("", markdown)).replace("&amp;", "&").split())


def _tag(element) -> str:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""
