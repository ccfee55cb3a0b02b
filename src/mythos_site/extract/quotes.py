"""Extract quotes: every direct quotation of four words or more, with the speaker the article names.

Finding the quotations is here; who said each is attribution.py's table of rules, and which quoted
words are no quotation at all is not_quotes.py's."""

from __future__ import annotations

import re

from mythos_site.errors import ContentError, Problem
from mythos_site.records import Article, Block, Quote, Speaker
from mythos_site.extract.attribution import Candidate, Carried, attribute, sentence_speaker
from mythos_site.extract.context import Context, context_of
from mythos_site.extract.not_quotes import names_a_term, not_a_quote
from mythos_site.extract.referents import opening_name
from mythos_site.extract.speakers import make_speaker, speaker_from_phrase
from mythos_site.extract.speech import (
    ATTRIBUTION_WORDS, MIN_WORDS, QUOTES_BACK, SPEAKER_REACH, VERB, WORDS_BEFORE,
)
from mythos_site.extract.text import fold, inner_quotes, open_quotation, quoted_spans, sentence_spans, word_count


def extract_quotes(article: Article) -> tuple[Quote, ...]:
    """The article's quotes, with the editors' front-matter notes applied."""
    context = context_of(article)
    found: list[Quote] = []
    previous = Carried(None)
    # (words, anchor, speaker so far) of a quotation that runs on into the next paragraph
    left_open: list[tuple[str, str, Speaker | None]] = []
    for index, block in enumerate(article.blocks):
        posted = _embedded_post(article.blocks, index, context)
        if posted:
            found.append(posted)
        if left_open and left_open[-1][2] and previous.get() is None:
            previous = Carried(left_open[-1][2])  # the run-on quotation's speaker goes on speaking
        block_quotes, previous = _block_quotes(block, context, previous, index)
        running = None  # the speaker of a quotation that runs on from the paragraph before
        if left_open:
            speaker = _continued_by(block, block_quotes)
            running = speaker or left_open[-1][2]
            found.extend(Quote(words, speaker or opened_by, anchor) for words, anchor, opened_by in left_open)
            left_open = []
        found.extend(block_quotes)
        words = _left_open(block.text)
        if words:
            # a third paragraph of one quotation, opened again and closed nowhere, goes on in the same voice
            goes_on = running if not block_quotes and block.text.lstrip().startswith(OPENING_MARKS) else None
            left_open.append((words, block.anchor, _opened_by(block_quotes) or goes_on))
    found.extend(Quote(words, speaker, anchor) for words, anchor, speaker in left_open)
    return _apply_notes(article, found, context)


# "— Moon Hollow Coffee (@moonhollowcoffee) June 12, 2026", "— Jane Roe, March 26, 2026": the line that
# credits a block quote or an embedded post, with a handle or a date
SIGNATURE = re.compile(r"\s*(?:[—–]|--)\s*(?P<name>[A-Z][^()\n,]{1,80}?)\s*(?:\((?P<handle>@[\w.]+)\)\s*,?|,)\s*"
                       r"(?P<date>[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|\d{4}-\d\d-\d\d|"
                       r"\d{1,2}[-/]\d{1,2}[-/]\d{4})?\s*$")


def _embedded_post(blocks: tuple[Block, ...], index: int, context: Context) -> Quote | None:
    """A post or a block quote with no quotation marks, signed on the line under it: its words are a
    quote of the name the line credits."""
    if index + 1 >= len(blocks) or "—" not in blocks[index + 1].text[:3] and "–" not in blocks[index + 1].text[:3] \
            and "--" not in blocks[index + 1].text[:3]:
        return None
    signature = SIGNATURE.fullmatch(blocks[index + 1].text)
    text = blocks[index].text.strip()
    if not signature or not (signature.group("handle") or signature.group("date")) or word_count(text) < MIN_WORDS \
            or quoted_spans(text):
        return None
    name = signature.group("name").strip()
    speaker = speaker_from_phrase(name, context.known_names, context.main_org) or make_speaker(name, "organisation")
    return Quote(text, speaker, blocks[index].anchor)


def _left_open(paragraph: str) -> str | None:
    """The words of a quotation the paragraph opens and does not close: in news copy a quotation
    of several paragraphs closes only the last, and each of the others opens with a quote mark."""
    mark = open_quotation(paragraph)
    if mark is None:
        return None
    words = paragraph[mark + 1:].strip()
    return words if word_count(words) >= MIN_WORDS else None


def _opened_by(quotes: list[Quote]) -> Speaker | None:
    """'"My father trusted them," she said. "He signed up ...': a quotation opened after a speaker's
    words in the same paragraph, with no attribution of its own, goes on in that speaker's voice."""
    return quotes[-1].speaker if quotes else None


OPENING_MARKS = ('"', "“", "'", "‘", "«")


def _continued_by(block: Block, quotes: list[Quote]) -> Speaker | None:
    """The speaker of a quotation left open, from the paragraph that carries it on: its first
    quotation, if the paragraph opens with it."""
    if not quotes or not block.text.lstrip().startswith(OPENING_MARKS):
        return None
    return quotes[0].speaker


def _block_quotes(block: Block, context: Context, previous: Carried, index: int):
    """Quotes of the article's `index`th paragraph; `previous` is the attribution carried from the sentence before."""
    quotes: list[Quote] = []
    if block.context:  # a heading ("What Anthropic Says") or a list's lead-in ("The documents indicate:")
        lead = block.context[sentence_spans(block.context)[-1].start:]
        # "Brandt ended the call on a defiant note:" introduces her words with no reporting verb
        previous = Carried(sentence_speaker(lead, context) or opening_name(lead, context) or previous.get())
    spans = sentence_spans(block.text)
    for number, sentence in enumerate(spans):
        text = block.text[sentence.start:sentence.end]
        context.reading["at"] = (index, sentence.start)
        speaker_here: Speaker | None = None
        naming_run = False
        spans_here = quoted_spans(text)
        joined = _rejoined(text, spans_here) if len(spans_here) > 1 else spans_here
        for position, (span, inner) in enumerate(joined):
            prefix, suffix = text[:span.start], text[span.end:]
            # A speaker named before several quotations of the sentence has been taken up by them:
            # "earlier" carries it on. Reading back no further keeps a sentence of many quotations linear.
            reach = span.start - joined[position - QUOTES_BACK][0].start if position >= QUOTES_BACK else SPEAKER_REACH
            if not suffix.strip() and inner.rstrip()[-1:] in "?!" and number + 1 < len(spans):
                suffix = _attribution_after(block.text, spans[number + 1]) or suffix
            naming_run = names_a_term(prefix, span.start, naming_run)
            # The paragraph before lends its last speaker only to a quotation that opens this one:
            # one that follows a subject of its own ("Veltrex blamed "human error"") is not theirs.
            lends = not (number == 0 and not block.context and WORDS_BEFORE.search(prefix))
            candidate = Candidate(inner, text, prefix, suffix, block.text, context, previous, speaker_here, lends,
                                  reach, index, spans, number, naming_run)
            speaker = attribute(candidate)
            speaker_here = speaker or speaker_here
            if not_a_quote(candidate, speaker):
                continue
            quotes.append(Quote(inner.strip(), speaker, block.anchor))
            if speaker and speaker.kind == "person":
                context.quoted["person"] = speaker
            quotes.extend(_quoted_within(text, span, candidate, block.anchor))
        # Only the sentence just before can lend its speaker to an unattributed quotation.
        previous = Carried(speaker_here) if speaker_here else Carried(None, text, context)
    return quotes, previous


def _quoted_within(text: str, outer, candidate: Candidate, anchor: str) -> list[Quote]:
    """'Gemma said: \'The captain came on and said "we are going back", and it went quiet.\'': a quotation
    inside a quotation is someone else's words, whom the outer one names or no one."""
    found = []
    for span, inner in inner_quotes(text, outer):
        words = text[outer.start + 1:outer.end - 1]
        start, end = span.start - outer.start - 1, span.end - outer.start - 1
        prefix, suffix = words[:start], words[end:]
        nested = Candidate(inner, words, prefix, suffix, candidate.paragraph, candidate.context, Carried(None),
                           lends=False, index=candidate.index, spans=candidate.spans, number=candidate.number,
                           naming_run=names_a_term(prefix, start, False))
        speaker = attribute(nested)
        if not not_a_quote(nested, speaker):
            found.append(Quote(inner.strip(), speaker, anchor))
    return found


def _rejoined(text: str, spans: list) -> list:
    """'"We are," she said, "not done."': one quotation that its attribution interrupts is taken
    whole, at the place of its first part, so that the attribution follows it."""
    joined = []
    index = 0
    while index < len(spans):
        span, inner = spans[index]
        if index + 1 < len(spans) and inner.rstrip().endswith(","):
            following, rest = spans[index + 1]
            between = text[span.end:following.start]
            if rest[:1].islower() and between.rstrip().endswith(",") and word_count(between) <= ATTRIBUTION_WORDS + 4 \
                    and VERB.search(between):
                # the comma before "and" was the speaker's; the one before "not done" the attribution's
                first = inner.rstrip() if CONTINUES.match(rest) else inner.rstrip()[:-1]
                joined.append((span, first + " " + rest))
                index += 2
                continue
        joined.append((span, inner))
        index += 1
    return joined
CONTINUES = re.compile(r"(?:and|but|or|so|yet|because|which|who|although|though)\b")


def _attribution_after(paragraph: str, following) -> str | None:
    """'"How many makes a pattern?" Delgado shot back.': a question ends its sentence, and the short
    one after it says who asked."""
    text = paragraph[following.start:following.end]
    return " " + text if word_count(text) <= ATTRIBUTION_WORDS else None


def _apply_notes(article: Article, found: list[Quote], context: Context) -> tuple[Quote, ...]:
    quotes = list(found)
    problems: list[Problem] = []
    for note in article.quote_notes:
        key = fold(note.text)
        matches = [i for i, quote in enumerate(quotes) if key and (key in fold(quote.text) or fold(quote.text) in key)]
        if not matches:
            block = next((b for b in article.blocks if key and key in fold(b.text)), None)
            if block is None:
                problems.append(Problem(
                    article.source, note.line, f"the quote “{note.text}” is not in the article text",
                    "copy the words exactly as they stand in the body, or delete the entry"))
                continue
            if not note.not_quote:
                quotes.append(Quote(note.text, None, block.anchor, declared=True))
                matches = [len(quotes) - 1]
        for index in matches:
            quotes[index] = _noted(quotes[index], note) if not note.not_quote else None
        quotes = [quote for quote in quotes if quote is not None]
    if problems:
        raise ContentError(problems)
    return tuple(quotes)


def _noted(quote: Quote, note) -> Quote:
    speaker = quote.speaker
    if note.speaker:
        guess = speaker_from_phrase(note.speaker)
        kind = note.kind or (guess.kind if guess else "person")
        speaker = make_speaker(note.speaker, kind)
    return Quote(quote.text, speaker, quote.anchor, declared=True)
