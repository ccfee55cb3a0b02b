"""Whom a pronoun stands for: "she said" after a quotation, read back to the person the article
means, by the sentence's opening name or the nearest person of the pronoun's sex."""

from __future__ import annotations

import re

from mythos_site.records import Block, Speaker
from mythos_site.extract.speakers import DETERMINERS, HONORIFICS, TITLES, expand, speaker_from_phrase
from mythos_site.extract.speech import NEAR, VERB_STEMS
from mythos_site.extract.text import quoted_spans, sentence_spans

TITLES_OR_HONORIFICS = TITLES | {honorific.rstrip(".") for honorific in HONORIFICS}


def pronoun_referent(prefix: str, suffix: str, sentence_before: str, context) -> Speaker | None:
    """'Halvorsen apologized. "I am sorry," she said.': a pronoun with no speaker named by a
    reporting verb before it stands for the name the sentence opens with, or else the one the
    sentence before opens with."""
    if not (PRONOUN_AFTER.match(suffix) or PRONOUN_BEFORE.search(prefix[-NEAR:])):
        return None
    return opening_name(prefix, context) or opening_name(sentence_before, context)


SEXED_AFTER = re.compile(
    rf"^[\s,]*(?:(?P<a>he|she)\s+(?:[a-z]+ly\s+)?(?:{VERB_STEMS})|(?:{VERB_STEMS})\s+(?P<b>he|she))\b", re.IGNORECASE)
# 'she said the town needed "..."' and 'she answered: "..."'
SEXED_BEFORE = re.compile(rf"\b(?P<a>he|she)\s+(?:[a-z]+ly\s+)?(?:(?:{VERB_STEMS})\b[^.!?]*|[a-z]+:\s*)$",
                          re.IGNORECASE)
HE_OR_SHE = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")


def sexed_pronoun(prefix: str, suffix: str) -> str | None:
    """"he" or "she", where that pronoun is what attributes the quotation: '"...," she said.'"""
    near = prefix[-NEAR:]
    if not (HE_OR_SHE.search(suffix, 0, NEAR) or HE_OR_SHE.search(near)):
        return None
    match = SEXED_AFTER.match(suffix) or SEXED_BEFORE.search(near)
    if match is None:
        return None
    return (match.group("a") or match.groupdict().get("b")).lower()


def may_be(speaker: Speaker | None, pronoun: str, context) -> bool:
    """Whether "he" or "she" can stand for the speaker found: a person the article never calls the other."""
    if speaker is None or speaker.kind not in ("person", "spokesperson", "unnamed"):
        return False
    return context.sex_of(speaker) in (None, pronoun)


REFERENT_REACH = 6  # sentences back where "she" may find who she is
UNSEXED_REACH = 2  # sentences back where a person the article never calls "he" or "she" may be the one
SUBJECT_REACH = 40  # characters into a sentence where its subject stands


def sentences_before(blocks: tuple[Block, ...], index: int, spans: tuple, paragraph: str) -> list[str]:
    """The sentences before the one a quotation stands in, nearest first, as far as a pronoun reaches."""
    found = [paragraph[span.start:span.end] for span in reversed(spans)]
    while len(found) < REFERENT_REACH and index > 0:
        index -= 1
        text = blocks[index].text
        found.extend(text[span.start:span.end] for span in reversed(sentence_spans(text)))
    return found[:REFERENT_REACH]


def referent(pronoun: str, prefix: str, before: list[str], context) -> Speaker | None:
    """'Down the street, Gloria Haines was sorting photographs. She was rescued from her roof. "It
    went off when I was already on the roof," she said.': a chain of pronouns back to the nearest
    person of the pronoun's sex; past one of the other ("When Haines said ..., he shook his head"),
    or, near, the subject of a sentence the article gives no sex ("Her neighbor, Carl Whitt, ...")."""
    for distance, text in enumerate((prefix, *before)):
        plain = unquoted(text)
        for position, person in people_in(plain, context):
            sex = context.sex_of(person)
            if sex == pronoun or (sex is None and distance <= UNSEXED_REACH and position < SUBJECT_REACH
                                  and not PREPOSITION_BEFORE.search(plain, 0, position)):
                return person
    return None


# "Asked by Sen. Robert Kinsley": a person after a preposition is not the sentence's subject
PREPOSITION_BEFORE = re.compile(r"\b(?:by|to|with|from|for|of|at|about)\s+(?:[A-Z][a-z]*\.?\s+)?$", re.IGNORECASE)


def unquoted(text: str) -> str:
    """The text with the words inside quotation marks blanked: "Teresa, get out" names no one present."""
    spans = quoted_spans(text)
    if not spans:
        return text
    pieces, start = [], 0
    for span, _ in spans:
        pieces += [text[start:span.start], " " * (span.end - span.start)]
        start = span.end
    return "".join(pieces) + text[start:]


THE_TITLED = re.compile(r"\b[Tt]he [a-z]+\b")
PLACE_WORDS = frozenset("street road avenue lane drive river lake creek dam bridge county park valley hill mountain "
                        "church school center centre hall station square".split())


def people_in(text: str, context) -> list[tuple[int, Speaker]]:
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


def sex_in(name: str, sentences: tuple[str, ...], surnames: frozenset[str]) -> str | None:
    """How the article refers to a person: by the pronoun that follows the name in its sentence, before
    anyone else is named; by the pronoun that opens the next sentence, where the name is the subject;
    by a title such as "spokeswoman" or "Mr."."""
    first, surname = name.split()[0], name.split()[-1]
    votes = {"he": 0, "she": 0}
    for number, sentence in enumerate(sentences):
        if surname not in sentence or SUBORDINATE_OPENING.match(sentence):
            continue
        plain = unquoted(sentence)
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


def opening_name(sentence: str, context) -> Speaker | None:
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
    if len(words) == 1 and not context.is_main_org(name) and expand(name, context.known_names) == name:
        return None  # "Every", "Picture": any word opens a sentence in capitals
    if len(words) > 1 and name not in context.known_set:
        return None
    return speaker_from_phrase(name, context.known_names, context.main_org)


_PRONOUN = r"(?:he|she|it|they)"
PRONOUN_AFTER = re.compile(rf"^[\s,]*(?:{_PRONOUN}\s+(?:{VERB_STEMS})|(?:{VERB_STEMS})\s+(?:he|she))\b", re.IGNORECASE)
PRONOUN_BEFORE = re.compile(rf"\b{_PRONOUN}\s+(?:[a-z]+ly\s+)?(?:{VERB_STEMS})\b[^.!?]*$", re.IGNORECASE)
# A sentence's opening name: "10:12 a.m. — Halvorsen, in her ...", "Natarajan: Tomás Reyes watched ...",
# "On the call, Brandt declined ..." (past a short phrase of place or time)
SUBJECT = re.compile(r"\s*(?:[\d:.]+\s*(?:[ap]\.?m\.?)?\s*[—–-]\s*)?(?:[A-Z][\w’'-]*:\s+)?"
                     r"(?:(?:On|In|At|During|After|Later|Earlier)\s[a-z][^,]{0,30},\s+)?"
                     r"(?:(?P<the>The\s+[a-z-]+)|(?P<name>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*,?))(?=\s+[a-z]|,)")
CONJUNCTIONS = frozenset({"and", "but", "so", "then", "yet", "still", "meanwhile"})


CAPITALISED_RUN = re.compile(r"(?<![\w’'])[A-Z][\w’'&-]*(?:\s[A-Z][\w’'&-]*)*")
