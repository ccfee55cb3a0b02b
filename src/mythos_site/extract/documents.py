"""Words quoted from a document are its author's: "the memo said", "says the advisory", "reads the
statement, which is signed by X", "the filing states:". The author is who the text says wrote it,
issued it or owns it, there or where the article first named the document ("Corvell Aero's memo",
"a memo from Corvell Aero", "Tallis has put out a statement"); the document is the quote's medium,
under one label across the article ("the memo", "the internal memo" and "Corvell's memo" are one)."""

from __future__ import annotations

import re

from mythos_site.records import Speaker
from mythos_site.extract.organisations import NAME
from mythos_site.extract.speakers import CALENDAR_NAMES, DOCUMENT_WORDS, make_speaker
from mythos_site.extract.text import sentence_spans

# The documents words are quoted from; "post", "page" and "card" say where more than what.
MEDIA = frozenset(DOCUMENT_WORDS) - {"page", "card", "framework", "policy", "order", "update", "paper", "brief", "blog",
                                     "evaluation", "assessment", "motion"}
# What one document is called, whatever the article's words: "the draft", "draft materials", "the drafts"
FOLDED = {"drafts": "draft", "materials": "documents", "material": "documents", "files": "documents",
          "document": "documents", "memorandum": "memo", "judgement": "judgment"}
DOCUMENT = re.compile(rf"\b({'|'.join(sorted(DOCUMENT_WORDS, key=len, reverse=True))})\b", re.IGNORECASE)
# Words before a document's noun that belong to its label: the "strike notice", the "annual report"
COMPOUNDS = frozenset("blog press service inspection annual incident court regulatory strike safety airworthiness "
                      "audit research planning investor stock-exchange exchange earnings quarterly interim "
                      "written joint".split())
# "a memo from X", "the lawsuit, filed in federal court by X", "which is signed by X", "written by analysts at X"
BY_AUTHOR = re.compile(
    rf"^(?:[^\"“”‘’.;:]{{0,80}}?\b(?:issued|published|signed|written|filed|sent|posted|released|prepared|drafted|"
    rf"circulated|authored|compiled|commissioned|put out|submitted|lodged|made|produced|distributed)\s+"
    rf"(?:[^\"“”.;:,]{{0,50}}?\s)?by|\s*,?\s*from|\s+of(?=\s+(?:the\s+)?[A-Z][^,;:]{{0,40}}?['’]s\b))\s+"
    rf"(?:the\s+)?(?:[a-z-]+\s+){{0,3}}?({NAME})")
# "the incident report Stackwell published"
AUTHOR_AFTER = re.compile(rf"^\s+(?:that\s+)?({NAME})\s+(?:has\s+|had\s+)?(?:published|issued|released|sent|filed|"
                          r"posted|put out|wrote|circulated|submitted|lodged)\b")
# "Dovecote Insurance sent a memo", "Tallis has put out its first full statement", "X disclosed the breach in a filing"
ISSUER = re.compile(rf"^\s*(?:[^,\"“”]{{0,40}},\s+)?({NAME})\s+(?:[a-z]+\s+){{0,2}}?(?:sent|issued|published|filed|"
                    r"released|posted|put out|circulated|disclosed|wrote|signed|submitted|shared|emailed|lodged|"
                    r"made public|distributed)\b")
POSSESSOR = re.compile(rf"({NAME})['’]s\s+(?:[\w-]+\s+){{0,3}}?$")
# "an internal Corvell Aero memo", "the Greyling Bank statement": a name inside the document's noun phrase
MODIFIERS = frozenset("internal leaked draft own new latest official full written first second final original "
                      "confidential private public updated revised".split()) | COMPOUNDS
NAME_IN_PHRASE = re.compile(rf"\b(?:an?|the)\s+(?:[a-z-]+\s+){{0,2}}({NAME})\s+((?:[a-z-]+\s+){{0,2}}?)$")
DOCUMENT_REACH = 6000  # characters of article before a quotation where its document may have been named


def label(words: list[str]) -> str:
    """The label of a document from the words that name it: "strike notice", "memo", "report"."""
    head = words[-1].lower().strip(".,'’")
    before = words[-2].lower() if len(words) > 1 else ""
    if "draft" in (before, head) or head == "drafts":
        return "draft"
    head = FOLDED.get(head, head)
    return f"{before} {head}" if before in COMPOUNDS else head


def author_in(sentence: str, start: int, end: int, context, resolve) -> Speaker | None:
    """The author a sentence gives for the document named at [start, end): "X's memo", "a memo from X",
    "the report Stackwell published", "Dovecote Insurance sent a memo"."""
    after = sentence[end:end + 200]
    match = BY_AUTHOR.match(after) or AUTHOR_AFTER.match(after)
    if match and match.group(1).split()[0] not in CALENDAR_NAMES:
        found = resolve(match.group(1), after[match.end(1):match.end(1) + 80])
        if found:
            return found
    before = sentence[max(0, start - 120):start]
    match = POSSESSOR.search(before)
    if match:
        found = resolve(match.group(1), "")
        if found:
            return found
    match = NAME_IN_PHRASE.search(before)
    if match and match.group(1).split()[0] not in CALENDAR_NAMES and MODIFIERS.issuperset(match.group(2).split()):
        found = resolve(match.group(1), "")
        if found and found.kind == "organisation":
            return found
    match = ISSUER.match(sentence)
    if match and match.end() <= start:
        return resolve(match.group(1), "")
    return None


def mentions(context, resolve) -> list[tuple[int, int, str, str, Speaker | None]]:
    """Every document the article names with its author, in order: (paragraph, place in it, head noun, label,
    author)."""
    found = []
    for index, block in enumerate(context.blocks):
        text = block.text
        if not DOCUMENT.search(text):
            continue
        for span in sentence_spans(text):
            sentence = text[span.start:span.end]
            for match in DOCUMENT.finditer(sentence):
                head = match.group(1).lower()
                if head not in MEDIA:
                    continue
                head = FOLDED.get(head, head)
                words = sentence[max(0, match.start() - 40):match.end()].split()
                author = author_in(sentence, match.start(), match.end(), context, resolve)
                found.append((index, span.start + match.start(), head, label(words), author))
    return found


def credited(document: Speaker, sentence: str, index: int, place: int, context, resolve, fallback
             ) -> Speaker | None:
    """The author of a document a quotation is credited to, with the document as its medium: named in the
    quotation's sentence, or where the article named the same document before."""
    words = document.name.split()
    head = words[-1].lower().strip(".,")
    if head not in MEDIA:
        return None
    head = FOLDED.get(head, head)
    named = [mention for mention in context.documents(resolve) if mention[2] == head]
    first = next((mention for mention in named if mention[4]), named[0] if named else None)
    medium = first[3] if first else label(words)
    author = None
    if len(words) > 1:  # "Kestrel Software's advisory", "an internal Corvell Aero memo"
        author = author_in(document.name, len(document.name) - len(words[-1]), len(document.name), context, resolve)
    if author is None:
        for match in DOCUMENT.finditer(sentence):
            if FOLDED.get(match.group(1).lower(), match.group(1).lower()) == head:
                author = author_in(sentence, match.start(), match.end(), context, resolve)
                if author:
                    break
    if author is None:
        earlier = [mention for mention in named if mention[4] and (mention[0], mention[1]) <= (index, place)]
        author = earlier[-1][4] if earlier else None
    author = author or fallback()
    if author is None:
        return None
    return make_speaker(author.name, author.kind, role=author.role, medium=medium)
