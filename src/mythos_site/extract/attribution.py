"""Who said a quotation: the attribution rules, as one ordered table.

Each rule is a small function of a Candidate (the quotation and the text around it) that returns
the speaker it finds, or None; `attribute` tries them in the order of ATTRIBUTION and keeps the
first speaker found, then lets a "he" or "she" that attributes the quotation overrule a speaker
of the other sex. A rule names the form it reads in its docstring."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from dataclasses import replace

from mythos_site.records import Speaker
from mythos_site.extract.context import Context
from mythos_site.extract.documents import DOCUMENT, MEDIA, credited, label
from mythos_site.extract.organisations import ORGANISATION_NOUNS, description_noun, organisation_described
from mythos_site.extract.referents import (
    CAPITALISED_RUN, may_be, opening_name, pronoun_referent, referent, sentences_before, sexed_pronoun,
)
from mythos_site.extract.speakers import (
    CALENDAR_NAMES,
    DOCUMENT_WORDS, GENERIC_ORGANISATIONS, NOT_A_DOCUMENTS_SUBJECT, ROLE_NOUNS, SPOKESPERSON, STANDS_FOR_OWNER, TITLES, clean_phrase,
    is_pronoun, make_speaker, person_after_title, speaker_from_phrase,
)
from mythos_site.extract.speech import WHAT_CALLED, NEAR, NEAREST_VERBS, PARTICIPLE, SPEAKER_REACH, VERB, VERB_STEMS

# '"...," said Chief Financial Officer Alan Petrosyan.': a title of three words before a name of two
SUFFIX_SAID_X = re.compile(rf"^[\s,]*(?:{VERB_STEMS})\s+((?:[A-Z][\w’'.-]*\s?){{1,7}})", re.IGNORECASE)
# '"...," said Financial Courier columnist Nadia Farrant in a post': the name ends where a phrase of place or time begins
PHRASE_AFTER_NAME = re.compile(r"\s(?:in|on|at|to|after|during|from|with|while|as|when|who|which|before)\b.*$")
# '"...," while Leon Petrakis told reporters' opens a clause of its own: Petrakis said the next quotation.
SUFFIX_X_SAID = re.compile(rf"^[\s,]*(?!(?:while|whereas|but|and|although|though|because|if|when|after|before|since)\b)"
                           rf"((?:[\w’'.&-]+\s){{1,9}}?)(?:{VERB_STEMS})\b", re.IGNORECASE)
# '"...," Dario Amodei, chief executive of Anthropic, said', and '"...," Marcus Feld-Ito, a manager at
# Tidewater Capital, which owns 3% of the company, said'
SUFFIX_NAME_ROLE_SAID = re.compile(
    rf"^[\s,]*([A-Z][\w.’'-]*(?:\s[A-Z][\w.’'-]*){{0,3}}),\s[^,\"“”]{{2,90}}?"
    rf"(?:,\s(?:who|which|whose|where)\s[^,\"“”]{{2,90}}?)?,\s*(?:{VERB_STEMS})\b")
# '"...," Harbourlight's managing director, Daniel Koh, told the agency': a role, then the name set off, then the verb
SUFFIX_ROLE_NAME_SAID = re.compile(
    rf"^[\s,]*(?P<role>(?:the |a |an )?[^,\"“”‘’]{{2,60}}?),\s(?P<name>[A-Z][\w.’'-]*(?:\s[A-Z][\w.’'-]*){{1,3}}),\s*"
    rf"(?:{VERB_STEMS})\b")
# "who gave her name only as Mrs Lim", "who gave only her first name, Sandra,": the name a source gives of themself
NAME_GIVEN = re.compile(r"\bwho gave (?:only )?(?:her|his|their) (?:first |full |last )?name(?: only)?(?: as|,)\s+"
                        r"((?:(?:Mrs?|Ms|Dr)\.?\s)?[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?)")
# '"...." — Logan Graham, who leads the team, to CNN': a pull quote signed with a dash and a name.
SUFFIX_DASH_NAME = re.compile(r"^\s*[—–]\s*([A-Z][\w.’'-]*(?:\s[A-Z][\w.’'-]*){0,3})\s*(?:,|$)")
# "according to X", "in the words of their lawyer, Priya Natarajan, ...": the name set off after the role wins
ACCORDING_TO = re.compile(r"\b(?:according to|in the words of) ([^,;:.]+)(?:,\s([A-Z][\w’'-]*(?:\s[A-Z][\w’'-]*){1,3}),)?",
                          re.IGNORECASE)
ASIDES = re.compile(r"\s[-–—]\s[^-–—]*?\s[-–—]\s|\([^)]*\)|,\s*(?:who|which|whose|where)\b[^,]*,")
# The co-authors of a study's first author: "Dr. Samuel Whitfield and colleagues wrote", "Okafor et al. wrote"
CO_AUTHORS = re.compile(r"\s(?:and|with) (?:his |her |their )?(?:colleagues|co-?authors)\b|\set al\.")
PRONOUN_OPENING = re.compile(r"\s*(?:He|She)\s")
CLAUSE_BREAK = re.compile(r"[,;:]|\s[-–—]\s|\b(?:and|but|that|while|when|because|although|though|if|so|whether)\b")

@dataclass
class Candidate:
    """A quotation as the rules see it: its words, the text around it in its sentence, and what
    the sentences before lend it."""

    inner: str  # the words inside the marks
    sentence: str  # the sentence it stands in
    prefix: str  # the sentence before the quotation
    suffix: str  # the sentence after it (or the short sentence after a question)
    paragraph: str
    context: Context
    carried: "Carried"  # the speaker the sentence before names
    earlier: Speaker | None = None  # the speaker an earlier quotation of the sentence found
    lends: bool = True  # whether the sentence before may lend its speaker
    reach: int = SPEAKER_REACH  # how far back before the quotation its speaker is looked for
    index: int = 0  # the paragraph's place in the article
    spans: tuple = ()  # the paragraph's sentences
    number: int = 0  # the sentence's place in the paragraph
    naming_run: bool = False  # words before it make it a name or a term

    @property
    def previous(self) -> Speaker | None:
        return self.carried.get()

    @property
    def sentence_before(self) -> str:
        return self.carried.text

    def phrase_speaker(self, phrase: str) -> Speaker | None:
        """The speaker a noun phrase after the quotation names."""
        return _phrase_speaker(phrase, self.context, self.earlier, self.previous,
                               named_before=f"{self.sentence_before} {self.prefix}")


class Carried:
    """The speaker the sentence before names, worked out only when a quotation needs it:
    most sentences are followed by none, and finding a speaker is the costly part."""

    def __init__(self, speaker: Speaker | None, sentence: str | None = None, context: Context | None = None):
        self._speaker, self._sentence, self._context = speaker, sentence, context
        self.text = sentence or ""

    def get(self) -> Speaker | None:
        if self._sentence is not None:
            self._speaker, self._sentence = sentence_speaker(self._sentence, self._context), None
        return self._speaker

def according_to(c: Candidate) -> Speaker | None:
    """'according to Jane Roe', 'in the words of their lawyer, Priya Natarajan,': once a sentence."""
    match = _according_to_in(c.sentence)
    return _according_to(match, c.context) if match else None


def said_name_after(c: Candidate) -> Speaker | None:
    """'"...," said Chief Financial Officer Alan Petrosyan.': the verb, then a name in capitals."""
    match = SUFFIX_SAID_X.match(c.suffix)
    if not match:
        return None
    phrase = match.group(1)
    if " " in phrase.strip():
        phrase = PHRASE_AFTER_NAME.sub("", phrase.strip()) or phrase
    return c.phrase_speaker(phrase)


def name_role_said_after(c: Candidate) -> Speaker | None:
    """'"...," Dario Amodei, chief executive of Anthropic, said': a name, its role set off, the verb."""
    match = SUFFIX_NAME_ROLE_SAID.match(c.suffix)
    return c.phrase_speaker(match.group(1)) if match else None


def role_name_said_after(c: Candidate) -> Speaker | None:
    """'"...," Harbourlight's managing director, Daniel Koh, told reporters': a role, the name set off, the verb."""
    match = SUFFIX_ROLE_NAME_SAID.match(c.suffix)
    if not match or match.group("role")[:1].isupper() and " " not in match.group("role").strip():
        return None
    person = speaker_from_phrase(match.group("name"), c.context.known_names, c.context.main_org)
    if not person or person.kind != "person":
        return None
    return make_speaker(person.name, "person", role=" ".join(clean_phrase(match.group("role"))))


def name_given(c: Candidate) -> Speaker | None:
    """'said a mother of two, who gave her name only as Mrs Lim': the name an unnamed source gives of themself,
    after the quotation or in the clause before it."""
    if "name" not in c.sentence:
        return None
    match = NAME_GIVEN.search(c.suffix, 0, NEAR * 2) or NAME_GIVEN.search(c.prefix, max(0, len(c.prefix) - NEAR * 3))
    return make_speaker(match.group(1), "person") if match else None


def name_said_after(c: Candidate) -> Speaker | None:
    """'"...," the company said', '"...," Graham told CNN': a subject of a few words, then the verb."""
    match = SUFFIX_X_SAID.match(c.suffix)
    return c.phrase_speaker(match.group(1)) if match else None


def dash_signature(c: Candidate) -> Speaker | None:
    """'"...." — Logan Graham, who leads the team': a pull quote signed with a dash and a name."""
    match = SUFFIX_DASH_NAME.match(c.suffix)
    return c.phrase_speaker(match.group(1)) if match else None


def participle_after_clause(c: Candidate) -> Speaker | None:
    """'Dana Whitcombe took to social media on Monday evening, stating, "..."' and 'Gil Ferraro cut his
    rating, writing in a note that "..."': the participle's subject is the name the sentence opens with."""
    if "," not in c.prefix or not PARTICIPLE.search(c.prefix, max(0, len(c.prefix) - 2 * NEAR)):
        return None
    return opening_name(c.prefix, c.context) or _opening_run(c.prefix, c.context)


def _opening_run(text: str, context: Context) -> Speaker | None:
    """The capitalised name a clause opens with, past a time stamp: "Tallis blamed", "Cordant Pay, a newer processor"."""
    match = OPENING_RUN.match(TIME_STAMP.sub("", text, count=1))
    if not match:
        return None
    return speaker_from_phrase(match.group(1), context.known_names, context.main_org)


TIME_STAMP = re.compile(r"^\s*[\d:.]+\s*(?:[ap]\.?m\.?)?\s*[—–-]\s*")  # "3:34 p.m. —", "4.45pm —"
OPENING_RUN = re.compile(r"\s*((?:[A-Z][\w’'&.-]*)(?:\s[A-Z][\w’'&.-]*){0,4})(?=,|\s+[a-z])")


def name_said_before(c: Candidate) -> Speaker | None:
    """'Graham said that "..."', 'Jim Zemlin, executive director of the Linux Foundation, said "..."':
    the subject of one of the nearest reporting verbs before the quotation."""
    return _speaker_before_verb(c.prefix, c.context, c.earlier, c.previous, c.reach)


def colon_lead(c: Candidate) -> Speaker | None:
    """'The email read: "..."', 'Brandt: "..."': the subject of the clause a colon ends."""
    prefix = c.prefix
    if prefix.rstrip().endswith(":") or ": " in prefix:
        return _colon_speaker(prefix, c.context)
    return None


def what_it_called(c: Candidate) -> Speaker | None:
    """'fined the bank for what the regulator called "..."', 'what it described as "..."': the words of the
    clause's subject."""
    match = WHAT_CALLED.search(c.prefix, max(0, len(c.prefix) - NEAR))
    if not match:
        return None
    subject = match.group(1)
    if is_pronoun(subject):
        before = c.prefix[:match.start()]
        if subject.split()[-1].lower() != "it":
            return None
        opening = _it_organisation(before, c.context)  # "Tallis blamed what it described as", not "Asked about"
        if opening and _is_organisation(opening.name, c.context):
            return opening
        return _organisation_mentioned_last(before, c.context) or opening
    return _phrase_speaker(subject, c.context, c.earlier, c.previous, c.prefix[:match.start()])




def described_as(c: Candidate) -> Speaker | None:
    """'the plan was described by the Ramblers Federation as "..."', 'In a column by Jane Roe, the statement
    was described as "..."', 'sent a letter, in which the handling was described as "..."': the agent of the
    passive, or the author the sentence names before it."""
    match = PASSIVE.search(c.prefix, max(0, len(c.prefix) - 2 * NEAR))
    if not match:
        return None
    agent = BY_AGENT.search(match.group(0))
    if agent:
        return _agent(agent.group(1), c.context)
    before = c.prefix[:match.start()]
    agents = list(BY_AGENT.finditer(before))
    if agents:
        found = _agent(agents[-1].group(1), c.context)
        if found:
            return found
    if IN_WHICH.search(before):  # "X sent a letter ..., in which ... was described as": the letter's sender
        sender = SENDER.match(before)
        found = speaker_from_phrase(sender.group(1), c.context.known_names, c.context.main_org) if sender else None
        return found if found and found.kind != "unnamed" else opening_name(before, c.context)
    return None


SENDER = re.compile(r"\s*([^,\"“”]{2,80}?)\s+(?:has\s+|had\s+)?(?:sent|wrote|issued|published|filed|signed|posted|"
                    r"released|submitted)\b")


PASSIVE = re.compile(r"\b(?:was|were|is|are|been|being)\s+(?:[a-z]+ly\s+)?(?:described|characteri[sz]ed|"
                     r"summed up|dismissed|critici[sz]ed|condemned|hailed|welcomed)\b[^\"“”‘’]{0,120}?\bas\s*$")
# "by the Ramblers Federation", "column by Financial Courier columnist Nadia Farrant", "a report from the Audit Bureau"
BY_AGENT = re.compile(r"\b(?:by|from)\s+((?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,3}?[A-Z][\w’'&.-]*"
                      r"(?:\s+(?:of|for|and|&)\s+(?:the\s+)?[A-Z][\w’'&.-]*|\s+[A-Z][\w’'&.-]*|"
                      r"\s+[a-z]+(?=\s+[A-Z]))*)")
IN_WHICH = re.compile(r",\s+in which\b")


def _agent(phrase: str, context: Context) -> Speaker | None:
    words = phrase.split()
    while words and not words[0][:1].isupper() and len(words) > 1:
        words.pop(0)  # "the National Audit Bureau", "Financial Courier columnist Nadia Farrant"
    found = speaker_from_phrase(phrase, context.known_names, context.main_org) or \
        speaker_from_phrase(" ".join(words), context.known_names, context.main_org)
    if found and found.kind == "document":
        return _credited(found, phrase, context)
    return found if found and found.kind != "unnamed" else None


def earlier_in_sentence(c: Candidate) -> Speaker | None:
    """'Graham called it "a step change" and "the most capable yet"': the sentence's speaker goes on."""
    return c.earlier


def sentence_before(c: Candidate) -> Speaker | None:
    """'Graham spoke at length. "We are not done."': the speaker the sentence before names, lent to a
    quotation that opens its paragraph or follows no subject of its own."""
    return c.previous if c.lends else None


def pronoun_subject(c: Candidate) -> Speaker | None:
    """'Halvorsen apologized. "I am sorry," she said.': the name the sentence, or the one before, opens with."""
    return pronoun_referent(c.prefix, c.suffix, c.sentence_before, c.context)


# Tried in this order; the first speaker found is the quotation's.
ATTRIBUTION = (
    ("according to", according_to),
    ("said Name, after", said_name_after),
    ("Name, role, said, after", name_role_said_after),
    ("role, Name, said, after", role_name_said_after),
    ("a name given only so", name_given),
    ("Name said, after", name_said_after),
    ("dash signature", dash_signature),
    ("participle after a clause", participle_after_clause),
    ("what it called", what_it_called),
    ("described as, passive", described_as),
    ("Name said, before", name_said_before),
    ("colon lead", colon_lead),
    ("earlier in the sentence", earlier_in_sentence),
    ("the sentence before", sentence_before),
    ("pronoun's subject", pronoun_subject),
)


def attribute(c: Candidate) -> Speaker | None:
    """The speaker of the first rule that finds one; then a "he" or "she" that attributes the
    quotation is read back to the nearest person of that sex, if the speaker found cannot be one."""
    speaker = None
    for _name, rule in ATTRIBUTION:
        speaker = rule(c)
        if speaker:
            break
    pronoun = sexed_pronoun(c.prefix, c.suffix)
    if pronoun and not may_be(speaker, pronoun, c.context):
        before = sentences_before(c.context.blocks, c.index, c.spans[:c.number], c.paragraph)
        # 'He said the fleet was safe. "It depends," he added': a chain of pronouns that names no one since,
        # the person quoted last
        last = c.context.quoted.get("person") if PRONOUN_OPENING.match(before[0] if before else "") else None
        speaker = referent(pronoun, c.prefix, before, c.context) or speaker or (
            last if last and may_be(last, pronoun, c.context) else None)
    if speaker is None:
        return None
    if speaker.kind == "document":
        return _credited(speaker, c.sentence, c.context) or speaker
    if not speaker.medium and speaker.kind != "unnamed":
        medium = IN_DOCUMENT.search(c.sentence)
        group = 1 if medium and medium.group(1) else "subject"
        if medium and medium.group(group).lower() in MEDIA:
            return replace(speaker, medium=label(c.sentence[max(0, medium.start(group) - 30):medium.end(group)].split()))
    return speaker


# "said in a statement", "wrote in a letter to shareholders", "in a post on X": the document a speaker's words are from
MEDIUM_NOUNS = (r"(statement|letter|memo|filing|post|note|notice|advisory|email|release|report|bulletin|submission|"
                r"complaint|lawsuit|ruling|judgment|judgement|affidavit)\b")
# "said in a statement", "In a letter to shareholders,", "An internal memo from X's director, Name, described"
IN_DOCUMENT = re.compile(r"\b(?:in|via|through)\s+(?:a|an|the|its|his|her|their)\s+(?:[\w-]+\s+){0,2}?" + MEDIUM_NOUNS +
                         r"|^\s*(?:an?|the)\s+(?:[\w-]+\s+){0,2}?" + MEDIUM_NOUNS.replace("(", "(?P<subject>", 1) +
                         r"\s+(?:from|by)\b", re.IGNORECASE)


def _credited(document: Speaker, sentence: str, context: Context) -> Speaker | None:
    """A document's words are its author's, with the document as their medium."""
    index, place = context.reading.get("at", (0, 0))
    return credited(document, sentence, index, place, context, lambda name, after: _resolve(name, after, context),
                    lambda: _company(context))


def _company(context: Context) -> Speaker | None:
    return make_speaker(context.company, "organisation") if context.company else None


# "Dovecote Insurance's claims director, Ruth Penhale,": after an organisation's possessive, its person named
ROLE_THEN_NAME = re.compile(r"^\s+(?:[\w-]+\s+){0,3}?[a-z-]+,\s+([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,2}),")


def _resolve(name: str, after: str, context: Context) -> Speaker | None:
    """The person or organisation an author's name is: "Whitcombe", "Corvell Aero", "X's chief, Name"."""
    if name.endswith(("'s", "’s")):
        person = ROLE_THEN_NAME.match(after)
        if person:
            found = speaker_from_phrase(person.group(1), context.known_names, context.main_org)
            if found and found.kind == "person":
                return found
        name = name[:-2]
    found = speaker_from_phrase(name, context.known_names, context.main_org)
    if found and found.kind == "person" and name in context.organisations:
        return make_speaker(found.name, "organisation")
    return found if found and found.kind in ("person", "organisation") else None


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
    while index > 0 and AGE.fullmatch(segments[index]):  # "Noor Haddad, 34, a nurse at the hospital, said"
        index -= 1
    return _phrase_speaker(segments[index], context, earlier, previous, before) if index >= 0 else None


AGE = re.compile(r"\s*\d{1,3}\s*")


def _phrase_speaker(phrase, context, earlier, previous, before: str = "", named_before: str = "") -> Speaker | None:
    words = phrase.split()
    if words and words[-1].lower() in ("which", "who") and len(words) == 1:
        antecedent = ANTECEDENT.search(before)  # "criticised by the Harbour Residents Alliance, which said"
        if antecedent:
            found = speaker_from_phrase(antecedent.group(1), context.known_names, context.main_org)
            if found:
                return _as_organisation(found, context)
    if words and is_pronoun(words[-1]):
        return earlier or opening_name(before, context) or (_it_organisation(before, context) if words[-1].lower()
                                                             == "it" else None) \
            or previous or _document_named_in(before, context)
    if "the" in phrase or "The" in phrase:
        described = _described(phrase, context, earlier, previous, named_before or before)
        if described:
            return described
    if not GENERIC_ORGANISATIONS.isdisjoint(phrase.lower().split()[-3:]) and _is_description(phrase):
        # "the company said": the company the text has just named, before the article's main one
        return _organisation(earlier) or _organisation_named_last(named_before or before, context) or \
            _organisation(previous) or speaker_from_phrase(phrase, context.known_names, context.company)
    speaker = speaker_from_phrase(phrase, context.known_names, context.main_org)
    if speaker and speaker.kind == "person" and speaker.name in context.organisations:
        return make_speaker(speaker.name, "organisation")
    return speaker or _person_in_role(phrase, context) or _document_subject(phrase)


# "The statement from Greyling Bank", "Kestrel Software's advisory rates the flaw", "A draft of the regulator's report":
# a phrase that opens on a document, which speaks for its author
DOCUMENT_SUBJECT = re.compile(r"^\s*(?:(?:the|a|an|its|their|this|that)\s+|[A-Z][\w’'&.-]*(?:\s+[A-Z][\w’'&.-]*)*['’]s\s+)"
                              r"(?:[\w-]+\s+){0,2}?" + DOCUMENT.pattern, re.IGNORECASE)


def _document_subject(phrase: str) -> Speaker | None:
    match = DOCUMENT_SUBJECT.match(phrase)
    if not match or match.group(1).lower() not in MEDIA:
        return None
    words = phrase[:match.end()].split()
    if not NOT_A_DOCUMENTS_SUBJECT.isdisjoint(word.lower() for word in words[:-1]):
        return None
    return make_speaker(" ".join(words), "document")


ANTECEDENT = re.compile(r"((?:[A-Z][\w’'&.-]*)(?:\s+(?:of|for|and|&)\s+(?:the\s+)?[A-Z][\w’'&.-]*|\s+[A-Z][\w’'&.-]*)*)"
                        r",\s*(?:which|who)?\s*$")
# "the firm's lawyers", "the union's strike notice", "the company's annual report": a description's possessive
DESCRIBED_OWNER = re.compile(r"^\s*the\s+((?:[\w-]+\s+){0,2}?[a-z]+)['’]s\s+(.+?)\s*$", re.IGNORECASE)


def _described(phrase: str, context: Context, earlier, previous, before: str) -> Speaker | None:
    """"the regulator", "the airline", "the union" is the last organisation named that the noun fits;
    "the firm's lawyers" and "the union's strike notice" speak for it."""
    owner = DESCRIBED_OWNER.match(phrase)
    if owner:
        noun = description_noun("the " + owner.group(1))
        if not noun:
            return None
        found = _organisation_described(noun, context, earlier, previous, before)
        if not found:
            return None
        rest = owner.group(2).split()
        head = rest[-1].lower().strip(".,")
        if head in MEDIA:
            return replace(found, medium=label(rest))
        if head in STANDS_FOR_OWNER or SPOKESPERSON.search(owner.group(2)):
            return found
        return None
    words = clean_phrase(phrase)
    if not words or not re.search(rf"\b[Tt]he\s+{re.escape(words[0])}", phrase):
        return None
    noun = description_noun("the " + " ".join(words))
    return _organisation_described(noun, context, earlier, previous, before) if noun else None


def _organisation_described(noun: str, context: Context, earlier, previous, before: str) -> Speaker | None:
    if ORGANISATION_NOUNS[noun] is None:  # "the company": the one just named, then the article's
        return _organisation(earlier) or organisation_described(
            noun, (before,), context.described, lambda name: _is_organisation(name, context), make_speaker) or \
            _organisation(previous) or (make_speaker(context.company, "organisation") if context.company else None)
    return organisation_described(noun, _text_before(context, before), context.described,
                                  lambda name: _is_organisation(name, context), make_speaker)


def _text_before(context: Context, before: str):
    """The article's text before the place the rules are reading, nearest first, a piece at a time."""
    yield before
    index, start = context.reading.get("at", (0, 0))
    if index < len(context.blocks):
        yield context.blocks[index].text[:start]
    for number in range(min(index, len(context.blocks)) - 1, -1, -1):
        yield context.blocks[number].text


def _is_organisation(name: str, context: Context) -> bool:
    if name.split()[0] in CALENDAR_NAMES:
        return False
    if name in context.organisations or name in context.described or context.is_main_org(name):
        return True
    if " " not in name:  # one capitalised word, which any sentence may open with: named inside a sentence too
        return re.search(rf"\b[a-z][\w’'-]*,? {re.escape(name)}\b", context.text) is not None and \
            name not in context.surnames and not context.is_a_persons_surname(name, context.known_names)
    found = speaker_from_phrase(name, context.known_names, context.main_org)
    return bool(found) and found.kind == "organisation"


def _as_organisation(speaker: Speaker, context: Context) -> Speaker:
    if speaker.kind == "person" and (speaker.name in context.organisations or speaker.name in context.described):
        return make_speaker(speaker.name, "organisation")
    return speaker


# "the regulator's finding of what it called": the organisation a text names or describes last
MENTION = re.compile(r"\bthe\s+(?:[\w-]+\s+){0,2}?([a-z]+)\b|((?:[A-Z][\w&.-]*)(?:\s+(?:of|for|and|&)\s+"
                     r"(?:the\s+)?[A-Z][\w&.-]*|\s+[A-Z][\w&.-]*)*)")


def _organisation_mentioned_last(text: str, context: Context) -> Speaker | None:
    for match in reversed(list(MENTION.finditer(text[-2 * NEAR:]))):
        if match.group(1):
            if match.group(1) in ORGANISATION_NOUNS and match.group(1) not in ("group", "business", "owner"):
                start = len(text) - min(len(text), 2 * NEAR) + match.start()
                found = _organisation_described(match.group(1), context, None, None, text[:start])
                if found:
                    return found
        elif match.group(2) and _is_organisation(match.group(2), context):
            return make_speaker(match.group(2), "organisation")
    return None


ROLE = re.compile(r"^(?P<owner>[A-Z][\w&-]*)['’]s (?P<role>(?:[a-z]+ ){0,2}[a-z]+)$")


def _person_in_role(phrase: str, context: Context) -> Speaker | None:
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


def _organisation_named_last(text: str, context: Context) -> Speaker | None:
    for run in reversed(CAPITALISED_RUN.findall(text[-SPEAKER_REACH:])):
        if run in context.organisations:
            return make_speaker(run, "organisation")
        if " " in run or context.is_main_org(run):
            speaker = speaker_from_phrase(run, context.known_names, context.main_org)
            if speaker and speaker.kind == "organisation":
                return speaker
    return None


def _document_named_in(text: str, context: Context) -> Speaker | None:
    """"a draft blog post that laid out ... a model it described as": "it" is the document named before."""
    nouns = list(DOCUMENT_NOUN.finditer(text))
    if not nouns:
        return None
    phrase = " ".join(text[:nouns[-1].end()].split()[-3:])
    return speaker_from_phrase(phrase, context.known_names, context.main_org)


DOCUMENT_NOUN = re.compile(rf"\b(?:{'|'.join(DOCUMENT_WORDS)})\b", re.IGNORECASE)


def _it_organisation(before: str, context: Context) -> Speaker | None:
    """'Tallis blamed what it described as "..."': "it" is the organisation its clause opens with."""
    found = _opening_run(before, context)
    return found if found and found.kind == "organisation" else None


def _colon_speaker(prefix: str, context: Context) -> Speaker | None:
    """'The association has sent an advisory to its members: "..."', '3:34 p.m. — Tallis confirmed the outage:
    "..."': the subject of the clause the colon ends, before its verb."""
    clause = TIME_STAMP.sub("", ASIDES.sub(" ", prefix.rsplit(":", 1)[0]), count=1)
    verb = VERB.search(clause)
    if verb and verb.start() > 0:
        clause = clause[:verb.start()]
    subject = re.split(r",|\s(?:is|was|are|were|has|had|centered|centred|focused|rested|came|made)\b", clause)[0]
    if len(subject.strip(" *")) == 1:  # "Q: Is that fair?": an interview's question, asked by nobody named
        return None
    return speaker_from_phrase(subject, context.known_names, context.main_org) or _document_subject(subject)


@lru_cache(maxsize=64)  # asked once for each quotation of a sentence
def _according_to_in(sentence: str) -> re.Match | None:
    return ACCORDING_TO.search(sentence)


def sentence_speaker(sentence: str, context: Context) -> Speaker | None:
    """The speaker a sentence names with a reporting verb, to carry to the next one."""
    according = _according_to_in(sentence)
    if according:
        return _according_to(according, context)
    return _speaker_before_verb(sentence, context, None, None)


def _according_to(match: re.Match, context: Context) -> Speaker | None:
    phrase = match.group(2) or match.group(1)
    return speaker_from_phrase(phrase, context.known_names, context.main_org) or _document_subject(phrase)
