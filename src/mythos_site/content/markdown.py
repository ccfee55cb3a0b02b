"""The markdown parser the articles are read with: markdown-it-py in CommonMark mode with GitHub's
tables, strikethrough and task lists, footnotes, and the site's own rules (headings below the
page's title, named links, bare addresses only where written as such), as one named chain."""

from __future__ import annotations

import re
from urllib.parse import quote

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_core import StateCore
from markdown_it.rules_core.replacements import replace as _replacements
from markdown_it.rules_core.smartquotes import smartquotes as _smartquotes
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from mythos_site.content.media import media_name
from mythos_site.content.sanitize import EXTERNAL

MAX_NESTING = 50  # markdown-it stops parsing deeper blocks; we refuse them instead of losing text


def _parser() -> MarkdownIt:
    # Raw HTML is allowed (what could run code is refused: see hostile.py), and the rendered body
    # goes through the sanitiser's allowlist all the same.
    # typographer: on for typeset() below; its two rules are not in the parse's chain.
    md = MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING, "linkify": True, "typographer": True})
    md.enable(["table", "strikethrough", "linkify"])
    _bare_web_addresses_only(md)
    md.use(footnote_plugin, inline=False, move_to_end=False, always_match_refs=True)
    md.add_render_rule("footnote_ref", _render_footnote_ref)
    md.add_render_rule("image", _render_image)
    md.core.ruler.push("align_classes", _alignment_as_class)
    md.core.ruler.push("headings_below_title", _headings_below_title)
    md.core.ruler.push("named_links", _named_links)
    md.core.ruler.push("task_lists", _task_list_items)
    md.add_render_rule("task_label_open", _render_task_label_open)
    md.add_render_rule("task_label_close", lambda *_: "</label>")
    return md


def typeset(tokens: list[Token], env: dict) -> None:
    """Curly quotes and apostrophes, en and em dashes ("--", "---"), ellipses and the like, put into
    the tokens about to be rendered (markdown-it's typographer: its replacements and smartquotes
    rules). Run after the paragraphs' text is taken for extraction, which reads the text as the
    editor wrote it: the readers' page gets the typography, the rules the same words as before."""
    state = StateCore("", MARKDOWN, env)
    state.tokens = tokens
    _replacements(state)
    _smartquotes(state)


def _bare_web_addresses_only(md: MarkdownIt) -> None:
    """A bare address written out in full (https://...) becomes a link, as GitHub and Hugo make it;
    "example.com" and "//host" stay text, and so do schemes the page does not link (ftp:).
    linkify-it's own test for a paragraph that may hold one costs more than parsing it: a paragraph
    without "://" is not handed to it."""
    md.linkify.set({"fuzzy_link": False, "fuzzy_email": False})
    for scheme in ("ftp:", "//"):
        md.linkify.add(scheme, None)
    pretest = md.linkify.pretest
    md.linkify.pretest = lambda text: "://" in text and pretest(text)


def _headings_below_title(state) -> None:
    """Headings nest below the page's h1 (the headline) with no level skipped, as an outline reader
    expects: each is one level below the nearest heading before it that the editor wrote at a
    higher level, or h2 if there is none ("#" then "####" then "##" become h2, h3, h3)."""
    above: list[tuple[int, int]] = []  # (level written, level given) of the headings still open
    for token in state.tokens:
        if token.type == "heading_open":
            written = int(token.tag[1])
            while above and above[-1][0] >= written:
                above.pop()
            above.append((written, min(6, above[-1][1] + 1 if above else 2)))
        if token.type in ("heading_open", "heading_close"):  # a heading's close follows its open
            token.tag = f"h{above[-1][1]}"


def _named_links(state) -> None:
    """A link written with no text ("[](https://...)") shows its address: a link with no name is
    invisible on the page and unnamed to a screen reader."""
    for token in state.tokens:
        children = token.children or []
        for index in range(len(children) - 1, 0, -1):
            if children[index].type == "link_close" and children[index - 1].type == "link_open":
                text = Token("text", "", 0)
                text.content = children[index - 1].attrGet("href") or ""
                children.insert(index, text)


TASK_MARK = re.compile(r"\[([ xX])\][ \t]+")  # GFM's "- [ ] to do" and "- [x] done"


def _task_list_items(state) -> None:
    """A list item starting "[ ]" or "[x]" shows a disabled checkbox, ticked or not, as on GitHub and
    in Hugo; the item's text is the checkbox's label, so a screen reader names it. Tokens of our
    own, not raw HTML: raw <input> is refused in an editor's file (hostile.py)."""
    tokens = state.tokens
    for index in range(2, len(tokens)):
        inline = tokens[index]
        if not (inline.type == "inline" and tokens[index - 1].type == "paragraph_open"
                and tokens[index - 2].type == "list_item_open" and inline.children
                and inline.children[0].type == "text"):
            continue
        mark = TASK_MARK.match(inline.children[0].content)
        if mark:
            inline.children[0].content = inline.children[0].content[mark.end():]
            inline.content = inline.content[mark.end():]
            label = Token("task_label_open", "label", 1, meta={"done": mark.group(1) != " "})
            inline.children[:] = [label, *inline.children, Token("task_label_close", "label", -1)]


def _render_task_label_open(self, tokens, idx, options, env) -> str:
    checked = " checked" if tokens[idx].meta["done"] else ""
    return f'<label><input type="checkbox" disabled{checked}> '


def _alignment_as_class(state) -> None:
    """Table alignment as a class: the sanitiser lets no style attribute through."""
    for token in state.tokens:
        style = token.attrGet("style") if token.type in ("th_open", "td_open") else None
        if style and style.startswith("text-align:"):
            token.attrs.pop("style")
            token.attrSet("class", "align-" + style.split(":", 1)[1].strip())


def _render_footnote_ref(self, tokens, idx, options, env) -> str:
    meta = tokens[idx].meta
    marker = escapeHtml(meta["label"])
    # Described by the page's "Notes" heading, as screen readers expect of a footnote reference.
    return (f'<sup class="fnref"><a href="#{meta["note_id"]}" id="{meta["ref_id"]}" '
            f'aria-describedby="s-notes">{marker}</a></sup>')


def _render_image(self, tokens, idx, options, env) -> str:
    # Readers get no request to another host: an image from elsewhere becomes a link to it.
    token = tokens[idx]
    src = token.attrGet("src") or ""
    alt = escapeHtml(self.renderInlineAsText(token.children or [], options, env).strip())
    if EXTERNAL.match(src):
        name = f"Image: {alt or escapeHtml(_without_scheme(src))}"
        if _inside_link(tokens, idx):  # "[![Chart](...)](page)": the outer link, named by the image
            return name
        return f'<a class="external-image" href="{escapeHtml(src)}">{name}</a>'
    name = media_name(src)
    if name is not None:  # from the article's page (articles/<slug>/) to the site's media/ folder
        src = "../../" + quote(name, safe="/")
    return f'<img src="{escapeHtml(src)}" alt="{alt}" loading="lazy">'


def _inside_link(tokens: list[Token], index: int) -> bool:
    """Whether the inline token at index stands inside a link: a link in a link is no HTML."""
    depth = 0
    for token in reversed(tokens[:index]):
        if token.type == "link_close":
            depth += 1
        elif token.type == "link_open":
            if depth == 0:
                return True
            depth -= 1
    return False


def _without_scheme(address: str) -> str:
    """"example.com/x.png" for "https://example.com/x.png": what a reader (or a screen reader) needs of it."""
    return SCHEME.sub("", address.strip())


SCHEME = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?(?://)?", re.IGNORECASE)
MARKDOWN = _parser()
