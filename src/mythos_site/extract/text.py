"""Plain-text helpers shared by the extractors: sentences, quoted spans, words."""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from functools import lru_cache
from dataclasses import dataclass

WORD = re.compile(r"\w+(?:['’.-]\w+)*")
# A double-quoted span, straight or curly; a mismatched pair (“...") is still a pair.
QUOTED = re.compile(r"[\"“”]([^\"“”]+)[\"“”]")
# A span in guillemets: « Nous sommes prêts », the marks' inner spaces no part of the words.
GUILLEMETS = re.compile(r"«\s*([^«»]+?)\s*»")
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sen rep gov gen lt col sgt st jr sr inc corp ltd co vs etc no nos fig al approx dept est "
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun u.s u.k e.g i.e a.m p.m".split()
)
# A run of marks is taken whole from its first mark: a match tried from each mark of a long run
# ("......", "?!?!") would read the rest of the run again, which is quadratic in its length.
SENTENCE_END = re.compile(r"(?<![.!?])[.!?]++[\"”’'»)\]]*+(?=\s+[\"“‘'«(\[]?[A-Z0-9])")


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def contains(self, position: int) -> bool:
        return self.start <= position < self.end


def quoted_spans(text: str) -> list[tuple[Span, str]]:
    """Each quoted span (double marks, straight or curly, guillemets, or single marks told apart from
    apostrophes): its place (marks included) and the words inside the marks. A quotation inside a
    quotation is no span of its own here: see inner_quotes."""
    return _quotations(text)[0] if _may_quote(text) else []


def inner_quotes(text: str, outer: Span) -> list[tuple[Span, str]]:
    """The quotations inside the quotation at `outer`: '\'The captain said "we are turning back" and
    sat down.\'' holds the captain's words; "He said 'no' twice," a speaker's."""
    return [(span, inner) for span, inner in _quotations(text)[1] if outer.start < span.start and span.end <= outer.end]


def open_quotation(text: str) -> int | None:
    """Where a quotation that the paragraph opens and does not close begins (its mark), or None: in
    news copy a quotation of several paragraphs closes only the last."""
    return _quotations(text)[2] if _may_quote(text) else None


def _may_quote(text: str) -> bool:
    """A double mark, a guillemet, or a single mark that may open a quotation: a text with none quotes nothing."""
    if '"' in text or "“" in text or "”" in text or "«" in text or "‘" in text:
        return True
    return "'" in text and SINGLE_OPENING.search(text) is not None


@lru_cache(maxsize=1024)  # a paragraph's spans are asked for by its sentences, its quotes and its referents
def _quotations(text: str) -> tuple[list, list, int | None]:
    """(top-level spans, spans nested in one, where an unclosed quotation opens) of a text."""
    doubles = [(Span(m.start(), m.end()), m.group(1)) for m in QUOTED.finditer(text)] if '"' in text or "“" in text \
        or "”" in text else []
    if "«" in text:
        doubles += [(Span(m.start(), m.end()), m.group(1)) for m in GUILLEMETS.finditer(text)]
        doubles.sort(key=lambda item: item[0].start)
    singles, unclosed = _single_quoted(text) if "'" in text or "‘" in text else ([], None)
    if singles:
        # a single-quoted span that crosses a double-quoted one pairs an apostrophe: it is no quotation
        starts = [span.start for span, _ in doubles]
        singles = [item for item in singles if not _crosses(item[0], doubles, starts)]
        doubles = sorted(doubles + singles, key=lambda item: (item[0].start, -item[0].end))
    top, nested = _nesting(doubles)
    if unclosed is not None and any(span.contains(unclosed) for span, _ in top):
        unclosed = None
    return top, nested, _unclosed_double(text) if unclosed is None else unclosed


def _crosses(span: Span, others: list, starts: list[int]) -> bool:
    """Whether a span crosses one of others (in the order of their starts): "a 'b "c' d"."""
    index = bisect_right(starts, span.start)
    before = others[index - 1][0] if index else None
    if before and before.start < span.start < before.end < span.end:
        return True
    after = others[index][0] if index < len(others) else None
    return bool(after and span.start < after.start < span.end < after.end)


def _nesting(spans: list) -> tuple[list, list]:
    """Spans in the order of their starts, split into those no other holds and those one holds."""
    top, nested = [], []
    for item in spans:
        if top and item[0].end <= top[-1][0].end and item[0].start > top[-1][0].start:
            nested.append(item)
        else:
            top.append(item)
    return (spans, []) if not nested else (top, nested)


def _unclosed_double(text: str) -> int | None:
    if (text.count('"') + text.count("“") + text.count("”")) % 2 == 0 and text.count("«") <= text.count("»"):
        return None
    mark = max(text.rfind('"'), text.rfind("“"), text.rfind("«"))
    return mark if mark >= 0 and (mark == 0 or text[mark - 1].isspace()) else None


SINGLE_MARK = re.compile(r"['‘’]")
# Before an opening single mark: the start, a space, a bracket, a dash or a double mark
OPENS_AFTER = frozenset(" \t\n([{—–-\"“/")
# After a closing one: the end, a space, punctuation, a bracket, a dash or a double mark
CLOSES_BEFORE = frozenset(" \t\n.,;:!?)]}—–-\"”")
# A mark that may open one: after the start, a space, a bracket, a dash or a double mark, before a letter
SINGLE_OPENING = re.compile(r"['‘](?<![^\s(\[{—–\-\"“/]['‘])(?=\S)")
DECADE = re.compile(r"['‘’]\d\d(?:s\b|\b)")  # the '90s, ’26: an apostrophe for the century


def _single_quoted(text: str) -> tuple[list[tuple[Span, str]], int | None]:
    """Spans in single marks, '...' or ‘...’: a mark opens after a space (or a bracket, a dash) and
    before a word; one closes after a word and before a space or punctuation. An apostrophe stands
    inside a word (it's, don’t) and is neither; a plural's (the Smiths' house) may look like a close,
    and closes a quotation only if no plainer close follows before the next opening mark."""
    spans: list[tuple[Span, str]] = []
    opened = possessive = None
    first = SINGLE_OPENING.search(text)
    if first is None:  # only apostrophes: most texts
        return spans, None
    for match in SINGLE_MARK.finditer(text, first.start()):
        at = match.start()
        before = text[at - 1] if at else " "
        after = text[at + 1] if at + 1 < len(text) else " "
        if before.isalnum() and after.isalnum():
            continue  # it's, don't
        mark = text[at]
        if mark != "’" and before in OPENS_AFTER and not after.isspace() and not DECADE.match(text, at):
            if opened is None:
                opened = at
            elif possessive is not None:  # "the Smiths' house", then a new quotation: the plural closed it
                spans.append(_single_span(text, opened, possessive))
                opened, possessive = at, None
            continue
        if mark != "‘" and opened is not None and not before.isspace() and after in CLOSES_BEFORE:
            if before in "sS" and after.isspace():
                possessive = at if possessive is None else possessive
                continue
            spans.append(_single_span(text, opened, at))
            opened = possessive = None
    if opened is not None and possessive is not None:
        spans.append(_single_span(text, opened, possessive))
        opened = None
    return spans, opened


def _single_span(text: str, start: int, end: int) -> tuple[Span, str]:
    return Span(start, end + 1), text[start + 1:end]


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
