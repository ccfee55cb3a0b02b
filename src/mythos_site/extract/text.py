"""Plain-text helpers shared by the extractors: sentences, quoted spans, words."""

from __future__ import annotations

import html
import re
from functools import lru_cache
from dataclasses import dataclass

WORD = re.compile(r"\w+(?:['’.-]\w+)*")
# A double-quoted span, straight or curly; a mismatched pair (“...") is still a pair.
QUOTED = re.compile(r"[\"“”]([^\"“”]+)[\"“”]")
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sen rep gov gen lt col sgt st jr sr inc corp ltd co vs etc no nos fig al approx dept est "
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun u.s u.k e.g i.e a.m p.m".split()
)
# A run of marks is taken whole from its first mark: a match tried from each mark of a long run
# ("......", "?!?!") would read the rest of the run again, which is quadratic in its length.
SENTENCE_END = re.compile(r"(?<![.!?])[.!?]++[\"”’')\]]*+(?=\s+[\"“‘(\[]?[A-Z0-9])")


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def contains(self, position: int) -> bool:
        return self.start <= position < self.end


def quoted_spans(text: str) -> list[tuple[Span, str]]:
    """Each double-quoted span: its place (marks included) and the words inside the marks."""
    return [(Span(m.start(), m.end()), m.group(1)) for m in QUOTED.finditer(text)]


# No sentence of news prose runs this long; a paragraph that does (a flattened list, hostile input)
# is cut into pieces of at most this size, so that work done per sentence stays linear in the text.
LONGEST_SENTENCE = 1000


@lru_cache(maxsize=1024)  # an article's paragraphs are split for its sentences, then again for its quotes
def sentence_spans(text: str) -> tuple[Span, ...]:
    """Sentences of a paragraph; never split inside a quotation or after an abbreviation."""
    quotes = iter(span for span, _ in quoted_spans(text))
    quote = next(quotes, None)
    spans, start = [], 0
    for match in SENTENCE_END.finditer(text):
        end = match.end()
        while quote and quote.end <= match.start():  # both run left to right: one pass over each
            quote = next(quotes, None)
        if (quote and quote.contains(match.start()) and quote.end > end) or _after_abbreviation(text, match.start()):
            continue
        spans += _pieces(text, start, end)
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text):
        spans += _pieces(text, start, len(text))
    return tuple(spans)


def _pieces(text: str, start: int, end: int) -> list[Span]:
    """The sentence from start to end, cut at spaces into pieces of at most LONGEST_SENTENCE."""
    pieces = []
    while end - start > LONGEST_SENTENCE:
        cut = text.rfind(" ", start + 1, start + LONGEST_SENTENCE)
        cut = cut if cut > start else start + LONGEST_SENTENCE
        pieces.append(Span(start, cut))
        start = cut + (text[cut] == " ")
    return pieces + [Span(start, end)]


WORD_OR_DOT = re.compile(r"[\w.]")


def _after_abbreviation(text: str, dot: int) -> bool:
    start = dot  # back to the start of the word before the dot; a search for it anchored at the end would scan the paragraph
    while start > 0 and WORD_OR_DOT.match(text, start - 1):
        start -= 1
    if start == dot:
        return False
    token = text[start:dot].lower().rstrip(".")
    return token in ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def word_count(text: str) -> int:
    return len(WORD.findall(text))


@lru_cache(maxsize=1 << 14)  # the same quotes and names are folded again on many pages
def fold(text: str) -> str:
    """Text for comparison: case, punctuation, quote style, possessives and spacing folded away."""
    return " ".join(word.removesuffix("'s") for word in WORD.findall(text.casefold().replace("’", "'")))


ELEMENT = re.compile(r'<(\w+)\b[^>]*?\bid="([^"]+)"[^>]*>')
TAG = re.compile(r"<[^>]+>")


def element_texts(body_html: str) -> dict[str, str]:
    """The text of each element of a body that has an id (a paragraph's "p-3"), as its HTML shows
    it: tags dropped, entities read, up to the first closing tag of its name. A sentence of a
    paragraph is found in it by its place, so an article need not keep its sentences' text."""
    return {found.group(2): _shown(body_html, found) for found in ELEMENT.finditer(body_html)}


def element_text(body_html: str, anchor: str) -> str:
    """The text of the element with this id, as element_texts() reads it; "" if there is none."""
    at = body_html.find(f'id="{anchor}"')
    start = body_html.rfind("<", 0, at) if at >= 0 else -1
    found = ELEMENT.match(body_html, start) if start >= 0 else None
    return _shown(body_html, found) if found and found.group(2) == anchor else ""


def _shown(body_html: str, found: re.Match) -> str:
    end = body_html.find(f"</{found.group(1)}>", found.end())
    return html.unescape(TAG.sub("", body_html[found.end():end if end >= 0 else None]))
