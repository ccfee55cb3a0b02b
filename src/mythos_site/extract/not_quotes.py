"""Quoted words that are no one's quotation: the skip rules, as one ordered table.

Each rule is a test on a Candidate (the quoted words, the text around them, and the speaker the
attribution rules found, if any); the first that holds names why the words are not a quote."""

from __future__ import annotations

import re

from mythos_site.extract.referents import unquoted
from mythos_site.extract.speech import WHAT_CALLED, MIN_WORDS, NAMING_REACH, NEAR, SPEAKER_REACH, WORDS_BEFORE
from mythos_site.extract.text import word_count

# Words right before a quotation that make it a name or a term, not somebody's words.
# "called it ..." quotes somebody; "dubbed it ..." and "called ..." name a thing.
NAMING = re.compile(
    r"(?:\b(?:dubbed|named|termed|nicknamed|codenamed|code-named|labell?ed|branded|billed)"
    r"(?:\s(?:it|them|him|her|this|that|the\s\w+))?(?:\sas)?"
    r"|\b(?:called|titled|entitled|known as|referred to as|so-called|between"
    r"|the (?:term|word|phrase|name|label|title|slogan|motto|headline|codename|message|error message|caption)))\s*$",
    re.IGNORECASE)
OR_AND = re.compile(r"\b(?:and|or)\s*$")


def names_a_term(prefix: str, start: int, naming_run: bool) -> bool:
    """'dubbed it "the model"', 'so-called "step change"', and the next of a list: 'between "A" and "B"'."""
    return bool(NAMING.search(prefix, max(0, start - NAMING_REACH))) or (naming_run and OR_AND.search(prefix) is not None)


def too_short(candidate, speaker) -> bool:
    """Fewer than four words: a term or a fragment, not a quotation worth listing."""
    return word_count(candidate.inner) < MIN_WORDS


def named_term(candidate, speaker) -> bool:
    """'dubbed "Capybara"', 'the phrase "step change"', 'between "A" and "B"': a name or a term; but 'what the
    regulator called "..."' quotes the regulator, when the rules found whom it names."""
    if not candidate.naming_run:
        return False
    return not (speaker and speaker.kind not in ("unnamed", "document") and "what" in candidate.prefix[-NEAR:]
                and WHAT_CALLED.search(candidate.prefix, max(0, len(candidate.prefix) - NEAR)))


def work_title(candidate, speaker) -> bool:
    """'"A Framework For Frontier Safety"': a Title In Capitals that nobody is said to have said."""
    return speaker is None and _is_title(candidate.inner)


def _is_title(inner: str) -> bool:
    """A quoted Title In Capitals with no sentence punctuation names a work ("Payments Threat Landscape 2026,"
    set off by the commas of its sentence, too)."""
    words = [w for w in inner.split() if len(w) > 3]
    capitals = sum(1 for w in words if w[0].isupper())
    return bool(words) and capitals / len(words) >= 0.75 and not inner.rstrip().rstrip(",").endswith((".", "!", "?"))


# 'the company's "growth at any cost" years', 'Its "Farm to First Feed" campaign': quoted words that stand
# as a modifier, between a determiner or possessive and the noun they qualify
MODIFIER_BEFORE = re.compile(r"(?:\b(?:a|an|the|its|their|his|her|our|your|this|that)|\w['’]s)\s*$", re.IGNORECASE)
NOUN_AFTER = re.compile(r"\s(?!(?:and|or|but|as|he|she|it|they|we|said|says|told|in|on|at|to|for|of|with|from|by|"
                        r"is|was|were|are|has|had|have|will|would|which|who|that|when|while|after|before)\b)[a-z]+\b")


def modifier(candidate, speaker) -> bool:
    """'the company's "growth at any cost" years', 'Its "Farm to First Feed" campaign': words that qualify
    the noun after them, between it and a determiner, are a name or a label, whoever used them."""
    return candidate.suffix[:1] == " " and NOUN_AFTER.match(candidate.suffix) is not None and \
        MODIFIER_BEFORE.search(candidate.prefix[-NEAR:]) is not None


# Words before a quotation that make it somebody's thought, not words spoken: 'wondering, "Is this the night?"'
THOUGHT = re.compile(r"\b(?:wonder(?:s|ed|ing)?|think(?:s|ing)?|thought|imagin(?:e|es|ed|ing)|"
                     r"ask(?:s|ed|ing)?\s+(?:yourself|themselves|himself|herself|ourselves))\s*[,:]?\s*$",
                     re.IGNORECASE)
# 'Imagine a different call. "This is the dam. Sound the sirens."': words nobody said, made up to show a point
HYPOTHETICAL_LEAD = re.compile(r"\s*(?:Imagine|Picture|Suppose)\b")
# 'just another "we followed the plan."': a phrase used as a noun after its determiner, not words quoted
DETERMINER_BEFORE = re.compile(r"\b(?:a|an|another|the|this|that|every|their|its|our|your)\s*$", re.IGNORECASE)


def not_said(candidate, speaker) -> bool:
    """An unattributed quotation that is a thought ('wondering, "..."'), a hypothetical ('Imagine ...')
    or a phrase held up at arm's length ('just another "..."'); in a paragraph that opens "Imagine the
    next storm", every one is part of the scene imagined."""
    if speaker is not None:
        return False
    prefix = candidate.prefix
    near = prefix[-NEAR:]
    return bool(THOUGHT.search(near) or DETERMINER_BEFORE.search(near) or HYPOTHETICAL_LEAD.match(candidate.paragraph)
                or (not WORDS_BEFORE.search(prefix) and HYPOTHETICAL_LEAD.match(candidate.sentence_before)))


# Securities-law language every press release closes with: no one's words
BOILERPLATE = re.compile(r"\bforward-looking statements?\b|\brisks and uncertainties\b|\bsafe harbou?r\b",
                         re.IGNORECASE)


def legal_boilerplate(candidate, speaker) -> bool:
    """'"forward-looking statements"', 'risks and uncertainties': securities-law language."""
    inner = candidate.inner
    return ("-looking" in inner or "uncertainties" in inner or "harbo" in inner) and bool(BOILERPLATE.search(inner))


# 'a slogan of their own, spray-painted on plywood: "Sirens are cheaper than funerals."': a sign's words
SIGN_LEAD = re.compile(r"\b(?:slogans?|mottos?|signs?|banners?|placards?|posters?|graffiti|chants?|hashtags?|"
                       r"inscriptions?|headlines?)\b[^.!?:]*:\s*$", re.IGNORECASE)


def sign(candidate, speaker) -> bool:
    """'a slogan spray-painted on plywood: "..."': the words of a sign, a slogan or a headline."""
    prefix = candidate.prefix
    return prefix.rstrip().endswith(":") and SIGN_LEAD.search(prefix[-SPEAKER_REACH:]) is not None


def in_notice(candidate, speaker) -> bool:
    """'This release contains forward-looking statements ... as a result of "regulatory developments"': the
    quotations of a notice that speaks in its own voice, not of a news paragraph that quotes one."""
    paragraph = candidate.paragraph
    return "orward-looking statements" in paragraph and "orward-looking statements" in unquoted(paragraph)


# Tried in this order; the first that holds skips the quotation.
NOT_QUOTES = (
    ("too short", too_short),
    ("a name or term", named_term),
    ("a work's title", work_title),
    ("a modifier", modifier),
    ("not said", not_said),
    ("legal boilerplate", legal_boilerplate),
    ("a sign", sign),
    ("a notice", in_notice),
)


def not_a_quote(candidate, speaker) -> str | None:
    """The name of the first skip rule that holds for the candidate, or None: it is a quote."""
    return next((name for name, rule in NOT_QUOTES if rule(candidate, speaker)), None)
