"""Markdown bodies to HTML with markdown-it-py: footnotes as records, anchors on headings."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from markdown_it.token import Token

from mythos_site.errors import ContentError, Problem
from mythos_site.content.markdown import MARKDOWN, MAX_NESTING, typeset
from mythos_site.content.hostile import dropped_tags, hostile_html, raw_html, raw_pictures, unclosed_elements
from mythos_site.content.media import media_name
from mythos_site.records import Block, Footnote
from mythos_site.content.sanitize import EXTERNAL, sanitize, well_formed
from mythos_site.content.slugs import slugify

WORD = re.compile(r"\w+(?:['’.-]\w+)*")
# Ids the page templates and our own anchors use; a heading's id never takes one of them.
# Slugs are lower-case with single hyphens, so the "." and "-N" suffixes below never collide with one.
RESERVED_IDS = frozenset({"main", "top"})
RESERVED_ID_PREFIXES = ("fn-", "fnref-", "p-", "s-")
TABLE_OPEN = re.compile(r"<table\b")


@dataclass(frozen=True)
class RenderedBody:
    html: str
    footnotes: tuple[Footnote, ...]
    word_count: int
    blocks: tuple[Block, ...]
    links: tuple[tuple[str, int], ...]  # every link's address and line, for checking
    pictures: tuple[tuple[str, int], ...] = ()  # each picture the page would load from outside media/, and its line
    media: tuple[tuple[str, int], ...] = ()  # each picture of content/media/ it shows ("media/x.png"), and its line
    undescribed: tuple[tuple[str, int], ...] = ()  # each picture from elsewhere with no alt text, and its line
    dropped: tuple[tuple[str, int], ...] = ()  # each raw HTML tag the page leaves out, and its line


def render_body(path: Path, body: str, body_line: int) -> RenderedBody:
    """Render an article body; every footnote problem in it is reported at once."""
    env: dict = {}
    tokens = MARKDOWN.parse(body, env)
    _refuse_deep_nesting(path, body_line, tokens)
    main, definitions = _split_definitions(tokens)
    problems: list[Problem] = []
    notes = _footnote_anchors(path, body_line, definitions, problems)
    cited = _link_references(path, body_line, main + [t for _, _, body in definitions for t in body], notes, problems)
    raw = list(raw_html(tokens))  # read once by the checks below
    for line, what, hint in hostile_html(tokens, raw):
        problems.append(Problem(path, body_line + line, f"{what} is not allowed in an article", hint))
    problems += _unclosed_comments(path, body_line, tokens)
    for line, tag in unclosed_elements(raw):
        problems.append(Problem(path, body_line + line, f"this <{tag}> is never closed, so the rest of the article "
                                "is taken into it", f"close it with </{tag}> where it should end"))
    problems += _self_citations(path, body_line, definitions)
    problems += _definitions_not_at_the_margin(path, body_line, tokens)
    for address, line in _links(tokens, body_line) + _addresses_of(tokens, body_line, "image", "src"):
        if not well_formed(address):
            problems.append(Problem(path, line, f"the address '{unquote(address)}' is not one a browser can follow",
                                    "check the host: letters, digits, hyphens and dots, or an IPv6 address in "
                                    "[brackets], and a port no higher than 65535"))
    for label, line, _ in definitions:
        if label not in cited:
            problems.append(Problem(
                path, body_line + line, f"footnote [^{label}] is defined but never cited in the text",
                f"cite it with [^{label}] where it applies, or delete its definition",
            ))
    if problems:
        raise ContentError(problems)
    _anchor_headings(main)
    blocks = _anchor_blocks(main)
    _direction_from_text(tokens)
    own_ids = frozenset(token.attrGet("id") for token in main if token.attrGet("id")) | frozenset(
        ref for refs in cited.values() for ref in refs)
    texts = [_plain_text(body) for _, _, body in definitions]  # as written, for the citations
    typeset(tokens, env)
    footnotes = tuple(
        Footnote(label, notes[label],
                 sanitize(MARKDOWN.renderer.render(body, MARKDOWN.options, env), own_ids).strip(),
                 tuple(cited[label]), text)
        for (label, _, body), text in zip(definitions, texts)
    )
    html = _scrollable_tables(sanitize(MARKDOWN.renderer.render(main, MARKDOWN.options, env), own_ids))
    return RenderedBody(html, footnotes, _count_words(main), blocks, _links(main, body_line),
                        *_local_pictures(main, body_line, raw), _undescribed_pictures(tokens, body_line),
                        tuple((tag, body_line + line) for line, tag in dropped_tags(raw)))


def _scrollable_tables(html: str) -> str:
    """Each table in a region of its own that scrolls sideways on a narrow screen, and takes the
    keyboard's focus to do so: a table that itself scrolls (display: block) is no longer a table
    to some screen readers. The HTML is sanitised, so "<table" starts a tag, never text."""
    if "<table" not in html:
        return html
    number = itertools.count(1)
    opened = TABLE_OPEN.sub(lambda _: f'<div class="table-scroll" role="region" tabindex="0" '
                                      f'aria-label="Table {next(number)}"><table', html)
    return opened.replace("</table>", "</table></div>")


# An HTML comment (or the like) that is never closed runs to the end of the article, and the
# sanitiser drops it: every word after it would vanish from the page without a word.
HIDDEN_BLOCKS = (("<!--", "-->"), ("<?", "?>"), ("<![CDATA[", "]]>"))


def _unclosed_comments(path: Path, body_line: int, tokens: list[Token]) -> list[Problem]:
    problems = []
    for token in tokens:
        if token.type != "html_block" or not token.map:
            continue
        for opening, closing in HIDDEN_BLOCKS:
            # The last one opened in the block (at its start or inside, as in "<div>\n<!-- a note"):
            # unclosed there, it hides the rest of the article.
            start = token.content.rfind(opening)
            if start >= 0 and closing not in token.content[start + len(opening):]:
                line = token.map[0] + token.content.count("\n", 0, start)
                problems.append(Problem(path, body_line + line, f"this '{opening}' is never closed, so "
                                        "everything after it is hidden from readers",
                                        f"close it with '{closing}', or delete it"))
    return problems


def _self_citations(path: Path, body_line: int, definitions) -> list[Problem]:
    """A note that cites itself links to a place that is the note itself: a mistake for another label."""
    return [Problem(path, body_line + line, f"footnote [^{label}] cites itself",
                    f"remove [^{label}] from its own definition, or cite the note that was meant")
            for label, line, body in definitions
            if any(child.type == "footnote_ref" and child.meta["label"] == label
                   for token in body for child in token.children or [])]


CONTAINERS = {"blockquote_open": "a quote", "bullet_list_open": "a list", "ordered_list_open": "a list"}


def _definitions_not_at_the_margin(path: Path, body_line: int, tokens: list[Token]) -> list[Problem]:
    """A footnote definition inside a quote or a list ("> [^1]: ...") is taken out to the notes and
    leaves an empty quote or list item behind; and a note quoted from a source is not ours to number."""
    problems = []
    opened: list[str] = []  # the types of the blocks open around the token, outermost first
    for token in tokens:
        if token.type == "footnote_reference_open" and opened and "footnote_reference_open" not in opened:
            label = token.meta["label"]
            problems.append(Problem(path, body_line + (token.map[0] if token.map else 0),
                                    f"footnote [^{label}] is defined inside {CONTAINERS.get(opened[0], 'a block')}",
                                    f"a footnote definition starts at the left margin: move '[^{label}]: ...' out of "
                                    f"it, to the end of the article"))
        if token.nesting == 1:
            opened.append(token.type)
        elif token.nesting == -1 and opened:
            opened.pop()
    return problems


def _refuse_deep_nesting(path: Path, body_line: int, tokens: list[Token]) -> None:
    for token in tokens:
        if token.level >= MAX_NESTING - 2:
            line = body_line + (token.map[0] if token.map else 0)
            raise ContentError.at(path, line, f"the markdown here is nested more than {MAX_NESTING - 2} levels deep",
                                  "flatten the nested quotes or lists")


def _split_definitions(tokens: list[Token]):
    """The body's own tokens, and each footnote definition as (label, line, tokens)."""
    main: list[Token] = []
    definitions: list[tuple[str, int, list[Token]]] = []
    depth = 0
    for token in tokens:
        if token.type == "footnote_reference_open":
            depth += 1
            if depth == 1:
                definitions.append((token.meta["label"], token.map[0] if token.map else 0, []))
                continue
        elif token.type == "footnote_reference_close":
            depth -= 1
            if depth == 0:
                continue
        (definitions[-1][2] if depth else main).append(token)
    return main, definitions


def _footnote_anchors(path, body_line, definitions, problems) -> dict[str, str]:
    anchors: dict[str, str] = {}
    for label, line, _ in definitions:
        if label in anchors:
            problems.append(Problem(
                path, body_line + line, f"footnote [^{label}] is defined twice",
                "give each footnote its own label, or merge the two definitions",
            ))
            continue
        anchor = "fn-" + (slugify(label) or "note")
        if anchor in anchors.values():
            anchor += f"-N{len(anchors) + 1}"
        anchors[label] = anchor
    return anchors


def _link_references(path, body_line, tokens, notes, problems) -> dict[str, list[str]]:
    """Give every footnote reference its anchor; report references to missing definitions."""
    cited: dict[str, list[str]] = {}
    for block in tokens:
        for token in block.children or []:
            if token.type != "footnote_ref":
                continue
            label = token.meta["label"]
            if label not in notes:
                line = body_line + (block.map[0] if block.map else 0)
                problems.append(Problem(
                    path, line, f"footnote reference [^{label}] has no definition",
                    f"add a line '[^{label}]: <the source>' at the end of the article, "
                    f"or write \\[^{label}] to show the text as it is",
                ))
                continue
            refs = cited.setdefault(label, [])
            ref_id = notes[label].replace("fn-", "fnref-", 1) + (f".{len(refs) + 1}" if refs else "")
            refs.append(ref_id)
            token.meta.update(note_id=notes[label], ref_id=ref_id)
    return cited


# The blocks whose text sets its own direction: a paragraph in Hebrew or Arabic runs right to left,
# and one in English beside it left to right, as GitHub does with the markdown it shows.
DIRECTED = frozenset({"paragraph_open", "heading_open", "list_item_open", "th_open", "td_open"})


def _direction_from_text(tokens: list[Token]) -> None:
    for token in tokens:
        if token.type in DIRECTED and not token.hidden:
            token.attrSet("dir", "auto")


def _anchor_headings(tokens: list[Token]) -> None:
    used: set[str] = set()
    last: dict[str, int] = {}  # the last number given to a base: many alike headings cost no more than many unlike
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and index + 1 < len(tokens):
            base = slugify(tokens[index + 1].content) or "section"
            if base in RESERVED_IDS or base.startswith(RESERVED_ID_PREFIXES):
                base = f"section-{base}"
            anchor, n = base, last.get(base, 1)
            while anchor in used:
                n += 1
                anchor = f"{base}-{n}"
            last[base] = n
            used.add(anchor)
            token.attrSet("id", anchor)


def _anchor_blocks(tokens: list[Token]) -> tuple[Block, ...]:
    """Give every paragraph, list item and table cell an id ("p-1", "p-2", ...) and its plain text.

    A table cell's context is its column heading; a list item's or a block quote's is the sentence that
    introduced it with a colon, since each says whose words the cell, item or quote holds.
    """
    blocks: list[Block] = []
    headers: list[str] = []
    column, nested, lead_in = 0, 0, ""
    for index, token in enumerate(tokens):
        nested += token.type in ("bullet_list_open", "ordered_list_open", "blockquote_open")
        nested -= token.type in ("bullet_list_close", "ordered_list_close", "blockquote_close")
        if token.type == "tr_open":
            column = 0
        if token.type not in ("paragraph_open", "th_open", "td_open"):
            continue
        if token.hidden and tokens[index - 1].type != "list_item_open":
            continue  # a hidden paragraph renders no tag of its own to carry an id
        text = _plain_text([tokens[index + 1]]) if index + 1 < len(tokens) else ""
        if token.type == "th_open":
            headers = headers[:column] + [text]
        context = headers[column] if token.type == "td_open" and column < len(headers) else ""
        column += token.type in ("th_open", "td_open")
        if token.type == "paragraph_open" and nested:
            context = lead_in
        elif token.type == "paragraph_open":
            lead_in = text if text.rstrip().endswith(":") else ""
        if not text.strip():
            continue
        anchor = f"p-{len(blocks) + 1}"
        _owner(tokens, index).attrSet("id", anchor)
        blocks.append(Block(anchor, text, context))
    return tuple(blocks)


def _owner(tokens: list[Token], index: int) -> Token:
    """The token whose tag carries the anchor: a tight list's paragraph is not rendered, so its item is."""
    token = tokens[index]
    if token.hidden and index > 0 and tokens[index - 1].type == "list_item_open":
        return tokens[index - 1]
    return token


def _plain_text(tokens: list[Token]) -> str:
    parts: list[str] = []
    for token in tokens:
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
            elif child.type == "image":
                parts.append(_plain_text([child]))
        if token.children is None and token.type == "inline":
            parts.append(token.content)
        if token.type.endswith("_close") and token.block:
            parts.append(" ")
    return " ".join("".join(parts).split())


def _links(tokens: list[Token], body_line: int) -> tuple[tuple[str, int], ...]:
    return _addresses_of(tokens, body_line, "link_open", "href")


def _addresses_of(tokens: list[Token], body_line: int, kind: str, attribute: str) -> tuple[tuple[str, int], ...]:
    return tuple(
        (child.attrGet(attribute), body_line + (token.map[0] if token.map else 0))
        for token in tokens if token.type == "inline"
        for child in token.children or [] if child.type == kind and child.attrGet(attribute)
    )


def _local_pictures(tokens: list[Token], body_line: int, raw: list[tuple[int, str]]):
    """The pictures the page would load from the site itself: (those outside content/media/, in
    markdown or raw HTML, with their lines; the files of content/media/ shown in markdown, with theirs).
    Raw HTML is not rewritten, so a picture of media/ in it is left where it would break."""
    markdown = [(src, line) for src, line in _addresses_of(tokens, body_line, "image", "src")
                if not EXTERNAL.match(src)]
    named = [(src, line, media_name(src)) for src, line in markdown]
    media = tuple((name, line) for _, line, name in named if name is not None)
    elsewhere = [(src, line) for src, line, name in named if name is None]
    elsewhere += [(src, body_line + line) for line, src in raw_pictures(raw) if src and not EXTERNAL.match(src)]
    return tuple(sorted(elsewhere, key=lambda item: item[1])), media


def _undescribed_pictures(tokens: list[Token], body_line: int) -> tuple[tuple[str, int], ...]:
    """Each picture from another site written with no alt text ("![](https://...)"): its link can
    only name the address, where a reader needs to know what the picture shows."""
    return tuple(
        (child.attrGet("src"), body_line + (token.map[0] if token.map else 0))
        for token in tokens if token.type == "inline"
        for child in token.children or []
        if child.type == "image" and EXTERNAL.match(child.attrGet("src") or "") and not child.content.strip()
    )


def _count_words(tokens: list[Token]) -> int:
    return sum(
        len(WORD.findall(child.content))
        for token in tokens if token.type == "inline"
        for child in token.children or [] if child.type in ("text", "code_inline")
    )
