"""The people and organisations one article names, found by rule; assemble/people.py folds them
across articles.

A person: a quote's speaker; a name after a title ("Treasury Secretary Jane Roe", "analyst Gil
Ferraro", "Chief Executive Callum Rennie"); a name with an apposition ("Henrik Lund, the chief
executive of Corvell Aero"); "Dr Naomi Ferrer", "Ms Shah". An organisation: a quote's speaker of
that kind; a name in an organisation's form ("Tallis Payments Inc.", "Food Safety Australia"? no:
"... Agency", "... University", "Department of ...", "Bank of ..."); a full name with its acronym
("Civil Aviation Authority (CAA)"); the organisation an apposition names. Every other run of
capitalised words is kept as a plain mention, which counts only for a name some rule found.
"""

from __future__ import annotations

import calendar
import re

from mythos_site.extract.speakers import GENERIC_ORGANISATIONS, HONORIFICS, ROLE_NOUNS, LEADING_WORDS, ORGANISATION_WORDS, TITLES
from mythos_site.records import Article, NameUse

WORD = r"[A-Z][a-zà-ÿ’'-]+"
CAP = r"[A-Z](?:[\w&’'-]|\.(?=[A-Za-z]))*"
PERSON = rf"{WORD}(?:\s+(?:[A-Z]\.\s+)?{WORD}){{1,2}}"
TITLE_WORDS = sorted(TITLES | {"secretary", "senator", "minister", "chief", "executive", "officer", "spokesman",
                               "spokeswoman", "columnist", "chairman", "chair", "mp", "analyst"}, key=len, reverse=True)
TITLE_SET = frozenset(TITLES | {"mp", "columnist"})
TITLED = re.compile(rf"\b((?:[A-Z][\w&’'-]*\s+){{0,3}}(?:{'|'.join(TITLE_WORDS)})s?)\s+({PERSON})\b", re.IGNORECASE)
APPOSITION = re.compile(rf"\b({PERSON}),\s+(?:the|a|an|its|their)\s+((?:[\w-]+\s+){{0,4}}?"
                        rf"(?:{'|'.join(TITLE_WORDS)}|chief executive|founder|owner|mother|father|head))"
                        rf"(?:\s+(?:of|at|for|with)\s+((?:the\s+)?{CAP}(?:\s+(?:of\s+|for\s+|and\s+|&\s+)?{CAP}){{0,5}}))?")
# "security researchers Roy Paz of LayerX Security and Alexandre Pauwels": the title is both's.
COORDINATED = re.compile(rf"(?:\s+(?:of|at)\s+(?:the\s+)?{CAP}(?:\s+(?:of\s+|for\s+)?{CAP}){{0,4}})?,?\s+and\s+({PERSON})")
HONORIFIC = re.compile(r"\b(Mr|Ms|Mrs|Dr|Professor|Prof)\.?\s+(" + WORD + r"(?:\s+" + WORD + r")?)")
ORGANISATION_FORM = re.compile(
    rf"\b((?:the\s+)?(?:{CAP}\s+(?:(?:of|for|and|&)\s+)?){{0,5}}{CAP})")
ACRONYM = re.compile(rf"\b((?:{CAP}\s+(?:(?:of|for|and|&)\s+)?){{1,6}}{CAP})\s+\(([A-Z]{{2,6}})\)")
RUN = re.compile(rf"\b{CAP}(?:\s+{CAP}){{0,4}}")
ORG_ENDINGS = ORGANISATION_WORDS | frozenset(
    "securities equities trading foods aero airport exchange agency authority alliance federation dairy payments "
    "markets partners commission reserve institute hospital senate parliament congress".split())
ORG_STARTS = frozenset("department university bank ministry office bureau council court".split())
NOT_NAMES = frozenset(
    "the a an this that these those it its he she they we i you his her their our my on in at by for and but or "
    "as if so yet when where while after before what who how why".split())


def names_in(article: Article) -> tuple[NameUse, ...]:
    found: dict[tuple[str, str], NameUse] = {}

    def add(use: NameUse) -> None:
        key = (use.name, use.anchor)
        if key not in found or found[key].how == "mention":
            found[key] = use

    for quote in article.quotes:
        speaker = quote.speaker
        if speaker and speaker.kind in ("person", "organisation") and _plausible(speaker.name):
            add(NameUse(_clean(speaker.name), speaker.kind, quote.anchor, how="speaker"))
    for block in article.blocks:
        _from_text(block.text, block.anchor, add)
    return tuple(sorted(found.values(), key=lambda use: (_anchor_number(use.anchor), use.name)))


def _from_text(text: str, anchor: str, add) -> None:
    for run in RUN.findall(text):
        name = _clean(run)
        if _plausible(name):
            add(NameUse(name, "", anchor, how="mention"))
    for match in TITLED.finditer(text):
        title, name = match.group(1), _clean(match.group(2))
        last = title.split()[-1].lower()
        if (last in TITLE_SET or last.removesuffix("s") in TITLE_SET) and _plausible(name) and not _organisation(name):
            add(NameUse(name, "person", anchor, role=" ".join(title.split()), how="title"))
            other = COORDINATED.match(text, match.start(2) + len(name))
            if other and _plausible(_clean(other.group(1))) and not _organisation(_clean(other.group(1))):
                add(NameUse(_clean(other.group(1)), "person", anchor, role=" ".join(title.split()), how="title"))
    for match in APPOSITION.finditer(text):
        name, role, organisation = _clean(match.group(1)), match.group(2), match.group(3)
        if not _plausible(name) or _organisation(name):
            continue
        where = _clean(organisation) if organisation else ""
        add(NameUse(name, "person", anchor, role=f"{role} of {where}" if where else role, how="apposition"))
        if where and _plausible(where):
            add(NameUse(where, "organisation", anchor, how="apposition"))
    for match in HONORIFIC.finditer(text):
        name = _clean(match.group(2))
        if _plausible(name) and not _organisation(name):
            add(NameUse(name, "person", anchor, how="honorific", aliases=(f"{match.group(1)} {name}",)))
    for match in ACRONYM.finditer(text):
        name, acronym = _clean(match.group(1)), match.group(2)
        if _initials(name) == acronym:
            add(NameUse(name, "organisation", anchor, how="acronym", aliases=(acronym,)))
    for match in ORGANISATION_FORM.finditer(text):
        name = _clean(match.group(1))
        if _plausible(name) and _organisation(name):
            add(NameUse(name, "organisation", anchor, how="form"))


def _organisation(name: str) -> bool:
    words = name.replace(".", "").lower().split()
    return bool(words) and (words[-1] in ORG_ENDINGS or (words[0] in ORG_STARTS and len(words) > 1))


def _clean(name: str) -> str:
    words = name.replace("’", "'").split()
    while words and (words[0].lower() in LEADING_WORDS or words[0].lower() in NOT_NAMES):
        words.pop(0)
    while words and (words[-1].lower() in ("of", "for", "and", "&", "the", "mp", "mep", "jr", "sr")
                     or not words[-1][:1].isupper()):
        words.pop()
    text = " ".join(words).removesuffix("'s").rstrip(".,;:")
    return text


def _plausible(name: str) -> bool:
    words = name.split()
    if not words or len(name) > 80 or not words[0][:1].isupper():
        return False
    if words[0].lower() in HONORIFICS or words[0].lower() in TITLES:
        return False
    if len(words) == 1 and (words[0] in CALENDAR_WORDS or words[0].lower() in GENERIC):
        return False
    return not any(character.isdigit() for character in name)


CALENDAR_WORDS = frozenset(calendar.day_name) | frozenset(calendar.month_name[1:])
GENERIC = GENERIC_ORGANISATIONS | ROLE_NOUNS | {"government", "regulator", "exchange", "airline", "carrier"}


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[0].isupper())


def _anchor_number(anchor: str) -> int:
    digits = anchor.rpartition("-")[2]
    return int(digits) if digits.isdigit() else 0
