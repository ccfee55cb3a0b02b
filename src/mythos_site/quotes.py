"""Extract quotes: every direct quotation of four words or more, with the speaker the article names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from mythos_site.errors import ContentError, Problem
from mythos_site.records import Article, Block, Quote, Speaker
from mythos_site.speakers import (
    DOCUMENT_WORDS,
    is_pronoun,
    known_names_in,
    main_organisation,
    make_speaker,
    speaker_from_phrase,
)
from mythos_site.text import fold, quoted_spans, sentence_spans, word_count

MIN_WORDS = 4
# Reporting verbs, in the forms that are rarely nouns ("reports", "notes" and "claims" are, too often).
_VERB_STEMS = (
    "say|says|said|tell|tells|told|stated|states(?= that)|write|writes|wrote|warn|warns|warned|declare|declares|declared|"
    "describe|describes|described|called|calls it|call it|notes|noted|added|argue|argues|argued|conclude|"
    "concludes|concluded|confirm|confirms|confirmed|explain|explains|explained|claimed|acknowledge|"
    "acknowledges|acknowledged|admit|admits|admitted|announce|announces|announced|stresses|stressed|indicate|"
    "indicates|indicated|insist|insists|insisted|attribute|attributes|attributed|emphasize|emphasizes|emphasized|"
    "emphasise|emphasises|emphasised|cautioned|predicted|replied|responded|asked|suggested|characterized|"
    "characterised|framed|reported|revealed|tweeted|testified|recalled|promised|asserted|maintained|"
    "contend|contends|contended|alleged|denied|urged|observed|put it|puts it"
)
VERB = re.compile(rf"\b(?:{_VERB_STEMS})\b", re.IGNORECASE)
SUFFIX_SAID_X = re.compile(rf"^[\s,]*(?:{_VERB_STEMS})\s+((?:[A-Z][\w’'.-]*\s?){{1,4}})", re.IGNORECASE)
SUFFIX_X_SAID = re.compile(rf"^[\s,]*((?:[\w’'.-]+\s){{1,9}}?)(?:{_VERB_STEMS})\b", re.IGNORECASE)
# '"...," Dario Amodei, chief executive of Anthropic, said'
SUFFIX_NAME_ROLE_SAID = re.compile(
    rf"^[\s,]*([A-Z][\w.’'-]*(?:\s[A-Z][\w.’'-]*){{0,3}}),\s[^,\"“”]{{2,90}}?,\s*(?:{_VERB_STEMS})\b")
# '"...." — Logan Graham, who leads the team, to CNN': a pull quote signed with a dash and a name.
SUFFIX_DASH_NAME = re.compile(r"^\s*[—–]\s*([A-Z][\w.’'-]*(?:\s[A-Z][\w.’'-]*){0,3})\s*(?:,|$)")
ACCORDING_TO = re.compile(r"\baccording to ([^,;:.]+)", re.IGNORECASE)
# Words right before a quotation that make it a name or a term, not somebody's words.
# "called it ..." quotes somebody; "dubbed it ..." and "called ..." name a thing.
NAMING = re.compile(
    r"(?:\b(?:dubbed|named|termed|nicknamed|codenamed|code-named|labell?ed|branded|billed)"
    r"(?:\s(?:it|them|him|her|this|that|the\s\w+))?(?:\sas)?"
    r"|\b(?:called|titled|entitled|known as|referred to as|so-called|between"
    r"|the (?:term|word|phrase|name|label|title|slogan|motto|headline|codename)))\s*$", re.IGNORECASE)
ASIDES = re.compile(r"\s[-–—]\s[^-–—]*?\s[-–—]\s|\([^)]*\)|,\s*(?:who|which|whose|where)\b[^,]*,")
WORDS_BEFORE = re.compile(r"[^\W\d_]{2,}")
CLAUSE_BREAK = re.compile(r"[,;:]|\s[-–—]\s|\b(?:and|but|that|while|when|because|although|though|if|so|whether)\b")


@dataclass(frozen=True)
class _Context:
    known_names: tuple[str, ...]
    main_org: str | None


def extract_quotes(article: Article) -> tuple[Quote, ...]:
    """The article's quotes, with the editors' front-matter notes applied."""
    context = _context(article)
    found: list[Quote] = []
    previous = _Carried(None)
    left_open: list[tuple[str, str]] = []  # (words, anchor) of a quotation that runs on into the next paragraph
    for block in article.blocks:
        block_quotes, previous = _block_quotes(block, context, previous)
        if left_open:
            speaker = _continued_by(block, block_quotes)
            found.extend(Quote(words, speaker, anchor) for words, anchor in left_open)
            left_open = []
        found.extend(block_quotes)
        words = _left_open(block.text)
        if words:
            left_open.append((words, block.anchor))
    found.extend(Quote(words, None, anchor) for words, anchor in left_open)
    return _apply_notes(article, found, context)


def _left_open(paragraph: str) -> str | None:
    """The words of a quotation the paragraph opens and does not close: in news copy a quotation
    of several paragraphs closes only the last, and each of the others opens with a quote mark."""
    if (paragraph.count('"') + paragraph.count("“") + paragraph.count("”")) % 2 == 0:
        return None
    mark = max(paragraph.rfind('"'), paragraph.rfind("“"))
    if mark < 0 or (mark > 0 and not paragraph[mark - 1].isspace()):
        return None
    words = paragraph[mark + 1:].strip()
    return words if word_count(words) >= MIN_WORDS else None


def _continued_by(block: Block, quotes: list[Quote]) -> Speaker | None:
    """The speaker of a quotation left open, from the paragraph that carries it on: its first
    quotation, if the paragraph opens with it."""
    if not quotes or not block.text.lstrip().startswith(('"', "“")):
        return None
    return quotes[0].speaker


def _context(article: Article) -> _Context:
    text = " ".join(block.text for block in article.blocks)
    return _Context(known_names_in(text), main_organisation(text))


class _Carried:
    """The speaker the sentence before names, worked out only when a quotation needs it:
    most sentences are followed by none, and finding a speaker is the costly part."""

    def __init__(self, speaker: Speaker | None, sentence: str | None = None, context: _Context | None = None):
        self._speaker, self._sentence, self._context = speaker, sentence, context

    def get(self) -> Speaker | None:
        if self._sentence is not None:
            self._speaker, self._sentence = _sentence_speaker(self._sentence, self._context), None
        return self._speaker


def _block_quotes(block: Block, context: _Context, previous: _Carried):
    """Quotes of one paragraph; `previous` is the attribution carried from the sentence before."""
    quotes: list[Quote] = []
    if block.context:  # a heading ("What Anthropic Says") or a list's lead-in ("The documents indicate:")
        lead = block.context[sentence_spans(block.context)[-1].start:]
        previous = _Carried(_sentence_speaker(lead, context) or previous.get())
    for number, sentence in enumerate(sentence_spans(block.text)):
        text = block.text[sentence.start:sentence.end]
        speaker_here: Speaker | None = None
        naming_run = False
        for span, inner in quoted_spans(text):
            prefix, suffix = text[:span.start], text[span.end:]
            naming_run = bool(NAMING.search(prefix)) or (naming_run and re.search(r"\b(?:and|or)\s*$", prefix))
            # The paragraph before lends its last speaker only to a quotation that opens this one:
            # one that follows a subject of its own ("Veltrex blamed "human error"") is not theirs.
            lends = not (number == 0 and not block.context and WORDS_BEFORE.search(prefix))
            speaker = _attribution(text, prefix, suffix, context, speaker_here, previous.get(), lends)
            speaker_here = speaker or speaker_here
            if word_count(inner) < MIN_WORDS or naming_run or (speaker is None and _is_title(inner)):
                continue
            quotes.append(Quote(inner.strip(), speaker, block.anchor))
        # Only the sentence just before can lend its speaker to an unattributed quotation.
        previous = _Carried(speaker_here) if speaker_here else _Carried(None, text, context)
    return quotes, previous


def _attribution(sentence, prefix, suffix, context, earlier, previous, lends: bool = True) -> Speaker | None:
    """Who said the quotation between prefix and suffix: named around it, or referred to by a
    pronoun, or (when lends) the speaker of the sentence before."""
    according = ACCORDING_TO.search(sentence)
    if according:
        found = speaker_from_phrase(according.group(1), context.known_names, context.main_org)
        if found:
            return found
    for pattern in (SUFFIX_SAID_X, SUFFIX_NAME_ROLE_SAID, SUFFIX_X_SAID, SUFFIX_DASH_NAME):
        match = pattern.match(suffix)
        if match:
            found = _phrase_speaker(match.group(1), context, earlier, previous)
            if found:
                return found
    before = _speaker_before_verb(prefix, context, earlier, previous)
    if before:
        return before
    if prefix.rstrip().endswith(":") or ": " in prefix:
        found = _colon_speaker(prefix, context)
        if found:
            return found
    return earlier or (previous if lends else None)


def _speaker_before_verb(prefix, context, earlier, previous) -> Speaker | None:
    # A speaker is named near the verb: looking further back in a run-on paragraph of thousands of
    # quotes made each quote cost as much as the text before it.
    cleaned = ASIDES.sub(" ", prefix[-SPEAKER_REACH:])
    verbs = list(VERB.finditer(cleaned))
    for verb in reversed(verbs[-NEAREST_VERBS:]):
        before = cleaned[:verb.start()]
        segments = CLAUSE_BREAK.split(before)
        found = _phrase_speaker(segments[-1], context, earlier, previous, before)
        if not found and len(segments) > 2 and not segments[-1].strip():
            if segments[-2][:2].strip().islower():
                # "Jim Zemlin, executive director of the Linux Foundation, said": skip the title.
                found = _phrase_speaker(segments[-3], context, earlier, previous, before)
            else:  # "the company's plant manager, Gregory Tull, wrote": the name between the commas
                found = _phrase_speaker(segments[-2], context, earlier, previous, before)
        if found:
            return found
    return None


SPEAKER_REACH = 1000  # characters before a quote where its speaker is looked for
NEAREST_VERBS = 4  # reporting verbs before a quote, nearest first, whose subject may be its speaker


def _phrase_speaker(phrase, context, earlier, previous, before: str = "") -> Speaker | None:
    words = phrase.split()
    if words and is_pronoun(words[-1]):
        return earlier or previous or _document_named_in(before, context)
    return speaker_from_phrase(phrase, context.known_names, context.main_org)


def _document_named_in(text: str, context: _Context) -> Speaker | None:
    """"a draft blog post that laid out ... a model it described as": "it" is the document named before."""
    nouns = list(DOCUMENT_NOUN.finditer(text))
    if not nouns:
        return None
    phrase = " ".join(text[:nouns[-1].end()].split()[-3:])
    return speaker_from_phrase(phrase, context.known_names, context.main_org)


DOCUMENT_NOUN = re.compile(rf"\b(?:{'|'.join(DOCUMENT_WORDS)})\b", re.IGNORECASE)


def _colon_speaker(prefix: str, context: _Context) -> Speaker | None:
    clause = ASIDES.sub(" ", prefix.rsplit(":", 1)[0])
    subject = re.split(r",|\s(?:is|was|are|were|has|had|centered|centred|focused|rested|came|made)\b", clause)[0]
    return speaker_from_phrase(subject, context.known_names, context.main_org)


def _sentence_speaker(sentence: str, context: _Context) -> Speaker | None:
    """The speaker a sentence names with a reporting verb, to carry to the next one."""
    according = ACCORDING_TO.search(sentence)
    if according:
        return speaker_from_phrase(according.group(1), context.known_names, context.main_org)
    return _speaker_before_verb(sentence, context, None, None)


def _is_title(inner: str) -> bool:
    """A quoted Title In Capitals with no sentence punctuation names a work."""
    words = [w for w in inner.split() if len(w) > 3]
    capitals = sum(1 for w in words if w[0].isupper())
    return bool(words) and capitals / len(words) >= 0.75 and not inner.rstrip().endswith((".", "!", "?", ","))


def _apply_notes(article: Article, found: list[Quote], context: _Context) -> tuple[Quote, ...]:
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
