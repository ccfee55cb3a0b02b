"""Extract quotes: every direct quotation of four words or more, with the speaker the article names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from mythos_site.errors import ContentError, Problem
from mythos_site.records import Article, Block, Quote, Speaker
from mythos_site.extract.speakers import (
    ROLE_NOUNS,
    TITLES,
    DOCUMENT_WORDS,
    GENERIC_ORGANISATIONS,
    DETERMINERS,
    HONORIFICS,
    clean_phrase,
    expand,
    is_pronoun,
    known_names_in,
    main_organisation,
    ORGANISATION_WORDS,
    person_after_title,
    make_speaker,
    speaker_from_phrase,
)
from mythos_site.extract.text import QUOTED, fold, quoted_spans, sentence_spans, word_count

MIN_WORDS = 4
# Reporting verbs, in the forms that are rarely nouns ("reports", "notes" and "claims" are, too often).
_VERB_STEMS = (
    "say|says|said|tell|tells|told|stated|states(?= that)|write|writes|wrote|warn|warns|warned|declare|declares|declared|"
    "describe|describes|described|called|calls(?=\\s+(?:it|them|the|this|that|him|her|his|its|their)\\b)|call it|"
    "notes|noted|added|argue|argues|argued|conclude|"
    "concludes|concluded|confirm|confirms|confirmed|explain|explains|explained|claimed|acknowledge|"
    "acknowledges|acknowledged|admit|admits|admitted|announce|announces|announced|stresses|stressed|indicate|"
    "indicates|indicated|insist|insists|insisted|attribute|attributes|attributed|emphasize|emphasizes|emphasized|"
    "emphasise|emphasises|emphasised|cautioned|predicted|replied|responded|asked|suggested|characterized|"
    "characterised|framed|reported|revealed|tweeted|testified|recalled|promised|asserted|maintained|"
    "contend|contends|contended|alleged|denied|urged|observed|put it|puts it|retorted|countered|quipped|joked|"
    "shot back|fired back|flagged|"
    # '"...," the statement read.' and 'The email read: "..."': only so, since "read" is seldom a reporting verb
    "reads?(?=\\s*[:,.])"
)
VERB = re.compile(rf"\b(?:{_VERB_STEMS})\b", re.IGNORECASE)
# '"...," said Chief Financial Officer Alan Petrosyan.': a title of three words before a name of two
SUFFIX_SAID_X = re.compile(rf"^[\s,]*(?:{_VERB_STEMS})\s+((?:[A-Z][\w’'.-]*\s?){{1,6}})", re.IGNORECASE)
# '"...," while Leon Petrakis told reporters' opens a clause of its own: Petrakis said the next quotation.
SUFFIX_X_SAID = re.compile(rf"^[\s,]*(?!(?:while|whereas|but|and|although|though|because|if|when|after|before|since)\b)"
                           rf"((?:[\w’'.-]+\s){{1,9}}?)(?:{_VERB_STEMS})\b", re.IGNORECASE)
# '"...," Dario Amodei, chief executive of Anthropic, said', and '"...," Marcus Feld-Ito, a manager at
# Tidewater Capital, which owns 3% of the company, said'
SUFFIX_NAME_ROLE_SAID = re.compile(
    rf"^[\s,]*([A-Z][\w.’'-]*(?:\s[A-Z][\w.’'-]*){{0,3}}),\s[^,\"“”]{{2,90}}?"
    rf"(?:,\s(?:who|which|whose|where)\s[^,\"“”]{{2,90}}?)?,\s*(?:{_VERB_STEMS})\b")
# '"...." — Logan Graham, who leads the team, to CNN': a pull quote signed with a dash and a name.
SUFFIX_DASH_NAME = re.compile(r"^\s*[—–]\s*([A-Z][\w.’'-]*(?:\s[A-Z][\w.’'-]*){0,3})\s*(?:,|$)")
# "according to X", "in the words of their lawyer, Priya Natarajan, ...": the name set off after the role wins
ACCORDING_TO = re.compile(r"\b(?:according to|in the words of) ([^,;:.]+)(?:,\s([A-Z][\w’'-]*(?:\s[A-Z][\w’'-]*){1,3}),)?",
                          re.IGNORECASE)
# Words right before a quotation that make it a name or a term, not somebody's words.
# "called it ..." quotes somebody; "dubbed it ..." and "called ..." name a thing.
NAMING = re.compile(
    r"(?:\b(?:dubbed|named|termed|nicknamed|codenamed|code-named|labell?ed|branded|billed)"
    r"(?:\s(?:it|them|him|her|this|that|the\s\w+))?(?:\sas)?"
    r"|\b(?:called|titled|entitled|known as|referred to as|so-called|between"
    r"|the (?:term|word|phrase|name|label|title|slogan|motto|headline|codename)))\s*$", re.IGNORECASE)
ASIDES = re.compile(r"\s[-–—]\s[^-–—]*?\s[-–—]\s|\([^)]*\)|,\s*(?:who|which|whose|where)\b[^,]*,")
# The co-authors of a study's first author: "Dr. Samuel Whitfield and colleagues wrote", "Okafor et al. wrote"
CO_AUTHORS = re.compile(r"\s(?:and|with) (?:his |her |their )?(?:colleagues|co-?authors)\b|\set al\.")
TITLES_OR_HONORIFICS = TITLES | {honorific.rstrip(".") for honorific in HONORIFICS}
WORDS_BEFORE = re.compile(r"[^\W\d_]{2,}")
CLAUSE_BREAK = re.compile(r"[,;:]|\s[-–—]\s|\b(?:and|but|that|while|when|because|although|though|if|so|whether)\b")


@dataclass(frozen=True)
class _Context:
    known_names: tuple[str, ...]
    main_org: str | None
    known_set: frozenset[str] = frozenset()
    text: str = ""
    blocks: tuple[Block, ...] = ()

    @cached_property
    def organisations(self) -> frozenset[str]:
        """Names the article follows with ", which": "Bramwell Hydro, which runs the dam" is no person."""
        return frozenset(WHICH_NAME.findall(self.text)) if ", which" in self.text else frozenset()

    @cached_property
    def company(self) -> str | None:
        """What "the company" is at the last: the main organisation, or, in an article that puts no company
        in the possessive, the one it names most ("Bramwell Hydro" once in full, then "Bramwell")."""
        if self.main_org:
            return self.main_org
        organisations = [name for name in self.known_names if not ORGANISATION_WORDS.isdisjoint(name.lower().split())]
        return max(organisations, key=lambda name: self.text.count(name.split()[0]), default=None)

    @cached_property
    def sentences(self) -> tuple[str, ...]:
        return tuple(block.text[span.start:span.end] for block in self.blocks for span in sentence_spans(block.text))

    @cached_property
    def surnames(self) -> frozenset[str]:
        """The last words of the people the article names in full: "Vasquez", not "Safety"."""
        return frozenset(words[-1] for words in map(str.split, self.known_names) if _ends_in_a_persons_name(words))

    @cached_property
    def sexes(self) -> dict[str, str | None]:
        return {}

    def sex_of(self, speaker: Speaker) -> str | None:
        """"he" or "she", as the article refers to the person; None where it does not say."""
        if speaker.name not in self.sexes:
            self.sexes[speaker.name] = _sex_in(speaker.name, self.sentences, self.surnames)
        return self.sexes[speaker.name]


def _ends_in_a_persons_name(words: list[str]) -> bool:
    """"Voltari Chief Executive Ingrid Halvorsen", not "Division of Dam Safety" or "Bramwell Hydro"."""
    return len(words) > 1 and all(word[:1].isupper() for word in words[-3:]) \
        and words[-1].lower() not in PLACE_WORDS | ORGANISATION_WORDS and words[-2].lower() not in ORGANISATION_WORDS


WHICH_NAME = re.compile(r"\b([A-Z][\w’'&-]*(?:\s[A-Z][\w’'&-]*)+),\swhich\b")


def extract_quotes(article: Article) -> tuple[Quote, ...]:
    """The article's quotes, with the editors' front-matter notes applied."""
    context = _context(article)
    found: list[Quote] = []
    previous = _Carried(None)
    # (words, anchor, speaker so far) of a quotation that runs on into the next paragraph
    left_open: list[tuple[str, str, Speaker | None]] = []
    for index, block in enumerate(article.blocks):
        if left_open and left_open[-1][2] and previous.get() is None:
            previous = _Carried(left_open[-1][2])  # the run-on quotation's speaker goes on speaking
        block_quotes, previous = _block_quotes(block, context, previous, index)
        if left_open:
            speaker = _continued_by(block, block_quotes)
            found.extend(Quote(words, speaker or opened_by, anchor) for words, anchor, opened_by in left_open)
            left_open = []
        found.extend(block_quotes)
        words = _left_open(block.text)
        if words:
            left_open.append((words, block.anchor, _opened_by(block_quotes)))
    found.extend(Quote(words, speaker, anchor) for words, anchor, speaker in left_open)
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


def _opened_by(quotes: list[Quote]) -> Speaker | None:
    """'"My father trusted them," she said. "He signed up ...': a quotation opened after a speaker's
    words in the same paragraph, with no attribution of its own, goes on in that speaker's voice."""
    return quotes[-1].speaker if quotes else None


def _continued_by(block: Block, quotes: list[Quote]) -> Speaker | None:
    """The speaker of a quotation left open, from the paragraph that carries it on: its first
    quotation, if the paragraph opens with it."""
    if not quotes or not block.text.lstrip().startswith(('"', "“")):
        return None
    return quotes[0].speaker


def _context(article: Article) -> _Context:
    text = " ".join(block.text for block in article.blocks)
    names = known_names_in(text)
    return _Context(names, main_organisation(text), frozenset(names), text, article.blocks)


class _Carried:
    """The speaker the sentence before names, worked out only when a quotation needs it:
    most sentences are followed by none, and finding a speaker is the costly part."""

    def __init__(self, speaker: Speaker | None, sentence: str | None = None, context: _Context | None = None):
        self._speaker, self._sentence, self._context = speaker, sentence, context
        self.text = sentence or ""

    def get(self) -> Speaker | None:
        if self._sentence is not None:
            self._speaker, self._sentence = _sentence_speaker(self._sentence, self._context), None
        return self._speaker


def _block_quotes(block: Block, context: _Context, previous: _Carried, index: int):
    """Quotes of the article's `index`th paragraph; `previous` is the attribution carried from the sentence before."""
    quotes: list[Quote] = []
    if block.context:  # a heading ("What Anthropic Says") or a list's lead-in ("The documents indicate:")
        lead = block.context[sentence_spans(block.context)[-1].start:]
        # "Brandt ended the call on a defiant note:" introduces her words with no reporting verb
        previous = _Carried(_sentence_speaker(lead, context) or _subject(lead, context) or previous.get())
    spans = sentence_spans(block.text)
    for number, sentence in enumerate(spans):
        text = block.text[sentence.start:sentence.end]
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
            naming_run = bool(NAMING.search(prefix, max(0, span.start - NAMING_REACH))) or (
                naming_run and re.search(r"\b(?:and|or)\s*$", prefix))
            # The paragraph before lends its last speaker only to a quotation that opens this one:
            # one that follows a subject of its own ("Veltrex blamed "human error"") is not theirs.
            lends = not (number == 0 and not block.context and WORDS_BEFORE.search(prefix))
            speaker = _attribution(text, prefix, suffix, context, speaker_here, previous.get(), lends, reach,
                                   previous.text) or (
                _pronoun_referent(prefix, suffix, previous.text, context) if not speaker_here else None)
            pronoun = _sexed_pronoun(prefix, suffix)
            if pronoun and not _may_be(speaker, pronoun, context):
                before = _sentences_before(context.blocks, index, spans[:number], block.text)
                speaker = _referent(pronoun, prefix, before, context) or speaker
            speaker_here = speaker or speaker_here
            if word_count(inner) < MIN_WORDS or naming_run or (speaker is None and _is_title(inner)) or (
                    speaker is None and _not_said(prefix, previous.text, block.text)) or _is_boilerplate(inner) or \
                    _is_sign(prefix) or _in_boilerplate(block.text):
                continue
            quotes.append(Quote(inner.strip(), speaker, block.anchor))
        # Only the sentence just before can lend its speaker to an unattributed quotation.
        previous = _Carried(speaker_here) if speaker_here else _Carried(None, text, context)
    return quotes, previous


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


NEAR = 80  # characters before a quotation where "she said," or "wondering," stands if it is about this one
CONTINUES = re.compile(r"(?:and|but|or|so|yet|because|which|who|although|though)\b")
# Words before a quotation that make it somebody's thought, not words spoken: 'wondering, "Is this the night?"'
THOUGHT = re.compile(r"\b(?:wonder(?:s|ed|ing)?|think(?:s|ing)?|thought|imagin(?:e|es|ed|ing)|"
                     r"ask(?:s|ed|ing)?\s+(?:yourself|themselves|himself|herself|ourselves))\s*[,:]?\s*$",
                     re.IGNORECASE)


# 'Imagine a different call. "This is the dam. Sound the sirens."': words nobody said, made up to show a point
HYPOTHETICAL_LEAD = re.compile(r"\s*(?:Imagine|Picture|Suppose)\b")
# 'just another "we followed the plan."': a phrase used as a noun after its determiner, not words quoted
DETERMINER_BEFORE = re.compile(r"\b(?:a|an|another|the|this|that|every|their|its|our|your)\s*$", re.IGNORECASE)


def _not_said(prefix: str, sentence_before: str, paragraph: str) -> bool:
    """An unattributed quotation that is a thought, a hypothetical or a phrase held up at arm's length;
    in a paragraph that opens "Imagine the next storm", every one is part of the scene imagined."""
    near = prefix[-NEAR:]
    return bool(THOUGHT.search(near) or DETERMINER_BEFORE.search(near) or HYPOTHETICAL_LEAD.match(paragraph) or (
        not WORDS_BEFORE.search(prefix) and HYPOTHETICAL_LEAD.match(sentence_before)))


# Securities-law language every press release closes with: no one's words
BOILERPLATE = re.compile(r"\bforward-looking statements?\b|\brisks and uncertainties\b|\bsafe harbou?r\b",
                         re.IGNORECASE)


def _in_boilerplate(paragraph: str) -> bool:
    """'This release contains forward-looking statements ... as a result of "regulatory developments"': the
    quotations of a notice that speaks in its own voice, not of a news paragraph that quotes one."""
    return "orward-looking statements" in paragraph and "orward-looking statements" in _unquoted(paragraph)


def _is_boilerplate(inner: str) -> bool:
    return ("-looking" in inner or "uncertainties" in inner or "harbo" in inner) and bool(BOILERPLATE.search(inner))


# 'a slogan of their own, spray-painted on plywood: "Sirens are cheaper than funerals."': a sign's words
SIGN_LEAD = re.compile(r"\b(?:slogans?|mottos?|signs?|banners?|placards?|posters?|graffiti|chants?|hashtags?|"
                       r"inscriptions?|headlines?)\b[^.!?:]*:\s*$", re.IGNORECASE)


def _is_sign(prefix: str) -> bool:
    return prefix.rstrip().endswith(":") and SIGN_LEAD.search(prefix[-SPEAKER_REACH:]) is not None


def _attribution_after(paragraph: str, following) -> str | None:
    """'"How many makes a pattern?" Delgado shot back.': a question ends its sentence, and the short
    one after it says who asked."""
    text = paragraph[following.start:following.end]
    return " " + text if word_count(text) <= ATTRIBUTION_WORDS else None


ATTRIBUTION_WORDS = 8  # "Sen. Maria Delgado, the committee's chairwoman, asked." is about as long as one runs


def _attribution(sentence, prefix, suffix, context, earlier, previous, lends: bool = True,
                 reach: int = 0, sentence_before: str = "") -> Speaker | None:
    """Who said the quotation between prefix and suffix: named around it, or referred to by a
    pronoun, or (when lends) the speaker of the sentence before; reach: how far back before the
    quotation its speaker is looked for, SPEAKER_REACH at most."""
    according = _according_to_in(sentence)
    if according:
        found = _according_to(according, context)
        if found:
            return found
    for pattern in (SUFFIX_SAID_X, SUFFIX_NAME_ROLE_SAID, SUFFIX_X_SAID, SUFFIX_DASH_NAME):
        match = pattern.match(suffix)
        if match:
            found = _phrase_speaker(match.group(1), context, earlier, previous,
                                    named_before=f"{sentence_before} {prefix}")
            if found:
                return found
    before = _speaker_before_verb(prefix, context, earlier, previous, reach)
    if before:
        return before
    if prefix.rstrip().endswith(":") or ": " in prefix:
        found = _colon_speaker(prefix, context)
        if found:
            return found
    return earlier or (previous if lends else None)


def _pronoun_referent(prefix: str, suffix: str, sentence_before: str, context: _Context) -> Speaker | None:
    """'Halvorsen apologized. "I am sorry," she said.': a pronoun with no speaker named by a
    reporting verb before it stands for the name the sentence opens with, or else the one the
    sentence before opens with."""
    if not (PRONOUN_AFTER.match(suffix) or PRONOUN_BEFORE.search(prefix[-NEAR:])):
        return None
    return _subject(prefix, context) or _subject(sentence_before, context)


SEXED_AFTER = re.compile(
    rf"^[\s,]*(?:(?P<a>he|she)\s+(?:[a-z]+ly\s+)?(?:{_VERB_STEMS})|(?:{_VERB_STEMS})\s+(?P<b>he|she))\b", re.IGNORECASE)
# 'she said the town needed "..."' and 'she answered: "..."'
SEXED_BEFORE = re.compile(rf"\b(?P<a>he|she)\s+(?:[a-z]+ly\s+)?(?:(?:{_VERB_STEMS})\b[^.!?]*|[a-z]+:\s*)$",
                          re.IGNORECASE)
HE_OR_SHE = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")


def _sexed_pronoun(prefix: str, suffix: str) -> str | None:
    """"he" or "she", where that pronoun is what attributes the quotation: '"...," she said.'"""
    near = prefix[-NEAR:]
    if not (HE_OR_SHE.search(suffix, 0, NEAR) or HE_OR_SHE.search(near)):
        return None
    match = SEXED_AFTER.match(suffix) or SEXED_BEFORE.search(near)
    if match is None:
        return None
    return (match.group("a") or match.groupdict().get("b")).lower()


def _may_be(speaker: Speaker | None, pronoun: str, context: _Context) -> bool:
    """Whether "he" or "she" can stand for the speaker found: a person the article never calls the other."""
    if speaker is None or speaker.kind not in ("person", "spokesperson"):
        return False
    return context.sex_of(speaker) in (None, pronoun)


REFERENT_REACH = 6  # sentences back where "she" may find who she is
UNSEXED_REACH = 2  # sentences back where a person the article never calls "he" or "she" may be the one
SUBJECT_REACH = 40  # characters into a sentence where its subject stands


def _sentences_before(blocks: tuple[Block, ...], index: int, spans: tuple, paragraph: str) -> list[str]:
    """The sentences before the one a quotation stands in, nearest first, as far as a pronoun reaches."""
    found = [paragraph[span.start:span.end] for span in reversed(spans)]
    while len(found) < REFERENT_REACH and index > 0:
        index -= 1
        text = blocks[index].text
        found.extend(text[span.start:span.end] for span in reversed(sentence_spans(text)))
    return found[:REFERENT_REACH]


def _referent(pronoun: str, prefix: str, before: list[str], context: _Context) -> Speaker | None:
    """'Down the street, Gloria Haines was sorting photographs. She was rescued from her roof. "It
    went off when I was already on the roof," she said.': a chain of pronouns back to the nearest
    person of the pronoun's sex; past one of the other ("When Haines said ..., he shook his head"),
    or, near, the subject of a sentence the article gives no sex ("Her neighbor, Carl Whitt, ...")."""
    for distance, text in enumerate((prefix, *before)):
        plain = _unquoted(text)
        for position, person in _people_in(plain, context):
            sex = context.sex_of(person)
            if sex == pronoun or (sex is None and distance <= UNSEXED_REACH and position < SUBJECT_REACH
                                  and not PREPOSITION_BEFORE.search(plain, 0, position)):
                return person
    return None


# "Asked by Sen. Robert Kinsley": a person after a preposition is not the sentence's subject
PREPOSITION_BEFORE = re.compile(r"\b(?:by|to|with|from|for|of|at|about)\s+(?:[A-Z][a-z]*\.?\s+)?$", re.IGNORECASE)


def _unquoted(text: str) -> str:
    """The text with the words inside quotation marks blanked: "Teresa, get out" names no one present."""
    return QUOTED.sub(lambda match: " " * len(match.group(0)), text) if '"' in text or "“" in text else text


THE_TITLED = re.compile(r"\b[Tt]he [a-z]+\b")
PLACE_WORDS = frozenset("street road avenue lane drive river lake creek dam bridge county park valley hill mountain "
                        "church school center centre hall station square".split())


def _people_in(text: str, context: _Context) -> list[tuple[int, Speaker]]:
    """The people a sentence names, in order: "Chief Ray Delacroix", "Haines", "the chief"."""
    found = []
    for match in (*CAPITALISED_RUN.finditer(text), *THE_TITLED.finditer(text)):
        words = match.group(0).split()
        if words[-1].lower() in PLACE_WORDS or (len(words) == 1 and match.group(0) in CALENDAR_WORDS):
            continue
        person = speaker_from_phrase(match.group(0), context.known_names, context.main_org)
        if person and person.kind == "person" and " " in person.name:
            found.append((match.start(), person))
    return sorted(found, key=lambda item: item[0])


CALENDAR_WORDS = frozenset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
SEXED_WORD = re.compile(r"\b(?:(?P<he>he|him|his|himself)|(?P<she>she|her|hers|herself))\b", re.IGNORECASE)
# After the name in its sentence, "him" and "her" as objects are mostly someone else: "testified after him",
# "apologized to her in person"; "her" before a noun is hers: "in her driveway".
OWN_WORD = re.compile(r"\b(?:(?P<he>he|his|himself)|(?P<she>she|herself|her(?!\s+(?:in|on|at|to|for|with|and|but|"
                      r"that|as|by|from|about|after|before|again|when|if|or)\b)(?=\s+[a-z])))\b", re.IGNORECASE)
CAPITALISED_WORD = re.compile(r"\b[A-Z][\w’'-]+")
# A sentence that opens on a clause of its own: in "When Haines said ..., he shook his head", "he" is someone else.
# And in "Asked by Sen. Robert Kinsley whether ..., she paused", "she" is not Kinsley.
SUBORDINATE_OPENING = re.compile(r"\s*(?:When|After|As|Before|Because|If|While|Although|Though|Since|Until|Once|"
                                 r"[A-Z][a-z]+ed\s+by)\b")
SEXED_TITLE = re.compile(
    r"\b(?:(?P<she>Ms\.|Mrs\.|\w*wom[ae]n)|(?P<he>Mr\.|\w*(?<!wo)m[ae]n))\s+(?:[A-Z][\w’'-]*\s+)?$")


def _sex_in(name: str, sentences: tuple[str, ...], surnames: frozenset[str]) -> str | None:
    """How the article refers to a person: by the pronoun that follows the name in its sentence, before
    anyone else is named; by the pronoun that opens the next sentence, where the name is the subject;
    by a title such as "spokeswoman" or "Mr."."""
    first, surname = name.split()[0], name.split()[-1]
    votes = {"he": 0, "she": 0}
    for number, sentence in enumerate(sentences):
        if surname not in sentence or SUBORDINATE_OPENING.match(sentence):
            continue
        plain = _unquoted(sentence)
        for found in re.finditer(rf"\b{re.escape(surname)}\b", plain):
            word_before = plain[:found.start()].split()[-1:]
            if word_before and word_before[0][:1].isupper() and word_before[0] != first \
                    and word_before[0].lower().rstrip(".") not in TITLES_OR_HONORIFICS:
                continue  # "Tom Brecker" is not Lena Brecker
            _vote(votes, plain, found, sentences[number + 1] if number + 1 < len(sentences) else "", first, surnames)
    if votes["he"] == votes["she"]:
        return None
    return "he" if votes["he"] > votes["she"] else "she"


def _vote(votes: dict[str, int], plain: str, found: re.Match, next_sentence: str, first: str,
          surnames: frozenset[str]) -> None:
    titled = SEXED_TITLE.search(plain, 0, found.start())
    after = plain[found.end():]
    pronoun = OWN_WORD.search(after)
    # "Feld pressed Vasquez on why she had not filed": "she" is Vasquez, and so may the next sentence's be
    other = next((word for word in CAPITALISED_WORD.finditer(after) if word.group(0) in surnames), None)
    if other and pronoun and other.start() < pronoun.start():
        pronoun = None
    if titled is None and pronoun is None and other is None and _is_subject(plain, found, first):
        pronoun = SEXED_WORD.match(next_sentence.lstrip())
    for match in (titled, pronoun):
        if match:
            votes["he" if match.group("he") else "she"] += 1


def _is_subject(plain: str, found: re.Match, first: str) -> bool:
    """"On Thursday, Okonjo met Douglas Arnett": Okonjo is the subject, Arnett is not, and the next
    sentence's "She" says nothing of him. "Okonjo: The chief called me" labels an answer: its
    subject is the chief."""
    if found.start() >= SUBJECT_REACH or plain[found.end():found.end() + 1] == ":":
        return False
    words = [word.strip(",") for word in plain[:found.start()].split()[1:]]  # the first is in capitals anyway
    return not any(word[:1].isupper() and word != first and word not in CALENDAR_WORDS
                   and word.lower().rstrip(".") not in TITLES_OR_HONORIFICS for word in words)


def _subject(sentence: str, context: _Context) -> Speaker | None:
    """The name a sentence opens with, past a time stamp or a "Name:" label, if the article names
    it in full ("Halvorsen" for "Ingrid Halvorsen") or it is the article's main organisation."""
    match = SUBJECT.match(sentence)
    if not match:
        return None
    if match.group("the"):  # "The judge rejected that": the judge the article named
        return speaker_from_phrase(match.group("the"), context.known_names, context.main_org)
    words = match.group("name").split()
    if words[0].lower() in DETERMINERS | CONJUNCTIONS | HONORIFICS:  # "Dr. Samuel Whitfield" is Samuel Whitfield
        words = words[1:]
    name = " ".join(words).rstrip(",")
    if len(words) == 1 and name != context.main_org and expand(name, context.known_names) == name:
        return None  # "Every", "Picture": any word opens a sentence in capitals
    if len(words) > 1 and name not in context.known_set:
        return None
    return speaker_from_phrase(name, context.known_names, context.main_org)


_PRONOUN = r"(?:he|she|it|they)"
PRONOUN_AFTER = re.compile(rf"^[\s,]*(?:{_PRONOUN}\s+(?:{_VERB_STEMS})|(?:{_VERB_STEMS})\s+(?:he|she))\b", re.IGNORECASE)
PRONOUN_BEFORE = re.compile(rf"\b{_PRONOUN}\s+(?:[a-z]+ly\s+)?(?:{_VERB_STEMS})\b[^.!?]*$", re.IGNORECASE)
# A sentence's opening name: "10:12 a.m. — Halvorsen, in her ...", "Natarajan: Tomás Reyes watched ...",
# "On the call, Brandt declined ..." (past a short phrase of place or time)
SUBJECT = re.compile(r"\s*(?:[\d:.]+\s*(?:[ap]\.m\.)?\s*[—–-]\s*)?(?:[A-Z][\w’'-]*:\s+)?"
                     r"(?:(?:On|In|At|During|After|Later|Earlier)\s[a-z][^,]{0,30},\s+)?"
                     r"(?:(?P<the>The\s+[a-z-]+)|(?P<name>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*,?))(?=\s+[a-z]|,)")
CONJUNCTIONS = frozenset({"and", "but", "so", "then", "yet", "still", "meanwhile"})


def _speaker_before_verb(prefix, context, earlier, previous, reach: int = 0) -> Speaker | None:
    # A speaker is named near the verb: looking further back in a run-on paragraph of thousands of
    # quotes made each quote cost as much as the text before it.
    cleaned = _without_co_authors(ASIDES.sub(" ", prefix[-min(reach or SPEAKER_REACH, SPEAKER_REACH):]))
    verbs = list(VERB.finditer(cleaned))
    for verb in reversed(verbs[-NEAREST_VERBS:]):
        before = cleaned[:verb.start()]
        segments = CLAUSE_BREAK.split(before)
        silent = _says_nothing(segments[-1])
        found = None if silent else _phrase_speaker(segments[-1], context, earlier, previous, before)
        if not found and silent and len(segments) > 2:
            found = _appositive_speaker(segments, context, earlier, previous, before)
        if found:
            return found
    return None


def _without_co_authors(text: str) -> str:
    return CO_AUTHORS.sub(" ", text) if "et al" in text or "olleagues" in text or "uthors" in text else text


# "Colo." or "N.Y." standing alone: the state after a city, never a speaker.
ABBREVIATION_ALONE = re.compile(r"\s*(?:[A-Z][a-z]{1,4}|(?:[A-Z]\.){1,2}[A-Z])\.\s*")


def _says_nothing(segment: str) -> bool:
    """A piece between commas that names nobody: empty, an auxiliary ("has"), or a state's abbreviation."""
    if len(segment) > SILENT_LENGTH:  # most pieces are phrases: no need to take them apart
        return False
    return not clean_phrase(segment) or bool(ABBREVIATION_ALONE.fullmatch(segment))


SILENT_LENGTH = 24  # "has also previously", " N.Y. ": longer pieces always say something


def _appositive_speaker(segments, context, earlier, previous, before) -> Speaker | None:
    """"Jim Zemlin, executive director of the Linux Foundation, said" and "Marcus Bell, the fire chief
    in Aurora, Colo., said": skip the title; "the plant manager, Gregory Tull, has said": the name
    between the commas."""
    index = len(segments) - 1
    while index > 0 and _says_nothing(segments[index]):
        index -= 1
    if index > 0 and _is_description(segments[index]):
        index -= 1  # "Calloway Energy Group, Bramwell's parent company, said": the name before what it is
    elif segments[index][:2].strip().islower():
        # "Her opponent, state Treasurer Don Pruitt, said": a title before the name begins in lower case
        titled = person_after_title(segments[index], context.known_names)
        if titled:
            return titled
        index -= 1
    return _phrase_speaker(segments[index], context, earlier, previous, before) if index >= 0 else None


SPEAKER_REACH = 1000  # characters before a quote where its speaker is looked for
QUOTES_BACK = 4  # quotations of the same sentence before a quote, past which its speaker is not looked for
NAMING_REACH = 200  # characters before a quotation that can hold the words naming it ("dubbed it")
NEAREST_VERBS = 4  # reporting verbs before a quote, nearest first, whose subject may be its speaker


def _phrase_speaker(phrase, context, earlier, previous, before: str = "", named_before: str = "") -> Speaker | None:
    words = phrase.split()
    if words and is_pronoun(words[-1]):
        return earlier or _subject(before, context) or previous or _document_named_in(before, context)
    if not GENERIC_ORGANISATIONS.isdisjoint(phrase.lower().split()[-3:]) and _is_description(phrase):
        # "the company said": the company the text has just named, before the article's main one
        return _organisation(earlier) or _organisation_named_last(named_before or before, context) or \
            _organisation(previous) or speaker_from_phrase(phrase, context.known_names, context.company)
    speaker = speaker_from_phrase(phrase, context.known_names, context.main_org)
    if speaker and speaker.kind == "person" and speaker.name in context.organisations:
        return make_speaker(speaker.name, "organisation")
    return speaker or _person_in_role(phrase, context)


ROLE = re.compile(r"^(?P<owner>[A-Z][\w&-]*)['’]s (?P<role>(?:[a-z]+ ){0,2}[a-z]+)$")


def _person_in_role(phrase: str, context: _Context) -> Speaker | None:
    """"Bramwell's chief executive" is the person the article names so: "Douglas Arnett, Bramwell
    Hydro's chief executive", "Bramwell's chief executive, Douglas Arnett," or "Bramwell chief executive
    Douglas Arnett"."""
    if "'s " not in phrase and "’s " not in phrase:  # no possessive, no role: most phrases
        return None
    match = ROLE.match(" ".join(clean_phrase(phrase)))
    if not match or match.group("role").split()[-1] not in TITLES | ROLE_NOUNS:
        return None
    owner, role = re.escape(match.group("owner")), re.escape(match.group("role"))
    name = r"([A-Z][\w’'-]+(?: [A-Z][\w’'-]+){1,2})"
    found = re.search(rf"{name}, (?:the )?{owner}[\w ]{{0,30}}?['’]s {role}\b|"
                      rf"\b{owner}[\w ]{{0,30}}?(?:['’]s)? {role},? {name}", context.text)
    if not found:
        return None
    person = speaker_from_phrase(found.group(1) or found.group(2), context.known_names, context.main_org)
    return person if person and person.kind == "person" else None


def _is_description(phrase: str) -> bool:
    """"the company", "Bramwell's parent company": a noun phrase that names no one, only says what they are."""
    words = clean_phrase(phrase)
    return bool(words) and words[-1].lower() in DESCRIPTION_HEADS and not words[-1][:1].isupper()


DESCRIPTION_HEADS = GENERIC_ORGANISATIONS | {"parent", "operator", "owner", "subsidiary", "unit", "affiliate"}


def _organisation(speaker: Speaker | None) -> Speaker | None:
    return speaker if speaker and speaker.kind == "organisation" else None


def _organisation_named_last(text: str, context: _Context) -> Speaker | None:
    for run in reversed(CAPITALISED_RUN.findall(text[-SPEAKER_REACH:])):
        if run in context.organisations:
            return make_speaker(run, "organisation")
        if " " in run or run == context.main_org:
            speaker = speaker_from_phrase(run, context.known_names, context.main_org)
            if speaker and speaker.kind == "organisation":
                return speaker
    return None


CAPITALISED_RUN = re.compile(r"(?<![\w’'])[A-Z][\w’'&-]*(?:\s[A-Z][\w’'&-]*)*")


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
    if len(subject.strip(" *")) == 1:  # "Q: Is that fair?": an interview's question, asked by nobody named
        return None
    return speaker_from_phrase(subject, context.known_names, context.main_org)


@lru_cache(maxsize=64)  # asked once for each quotation of a sentence
def _according_to_in(sentence: str) -> re.Match | None:
    return ACCORDING_TO.search(sentence)


def _sentence_speaker(sentence: str, context: _Context) -> Speaker | None:
    """The speaker a sentence names with a reporting verb, to carry to the next one."""
    according = _according_to_in(sentence)
    if according:
        return _according_to(according, context)
    return _speaker_before_verb(sentence, context, None, None)


def _according_to(match: re.Match, context: _Context) -> Speaker | None:
    return speaker_from_phrase(match.group(2) or match.group(1), context.known_names, context.main_org)


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
