"""Plain-text helpers shared by the extractors: sentences, quoted spans, words."""

from __future__ import annotations

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
SENTENCE_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])")


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def contains(self, position: int) -> bool:
        return self.start <= position < self.end


def quoted_spans(text: str) -> list[tuple[Span, str]]:
    """Each double-quoted span: its place (marks included) and the words inside the marks."""
    return [(Span(m.start(), m.end()), m.group(1)) for m in QUOTED.finditer(text)]


@lru_cache(maxsize=1024)  # an article's paragraphs are split for its sentences, then again for its quotes
def sentence_spans(text: str) -> tuple[Span, ...]:
    """Sentences of a paragraph; never split inside a quotation or after an abbreviation."""
    quotes = [span for span, _ in quoted_spans(text)]
    spans, start = [], 0
    for match in SENTENCE_END.finditer(text):
        end = match.end()
        if any(q.contains(match.start()) and q.end > end for q in quotes) or _after_abbreviation(text, match.start()):
            continue
        spans.append(Span(start, end))
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text):
        spans.append(Span(start, len(text)))
    return tuple(spans)


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
