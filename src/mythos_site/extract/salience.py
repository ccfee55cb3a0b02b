"""The salient terms of a sentence: the words that say what happened and who took part, for grouping
sentences of several articles into the events they report (assemble/events.py).

A term is a content word cut to its stem ("grounded", "grounding" and "grounds" are "ground"), a
figure ("3,000", "12%") or a name of several capitalised words ("roy paz"). Function words, the
words of dates ("Tuesday", "March", "yesterday") and the words of reporting ("said", "according")
say nothing of what happened and are left out.
"""

from __future__ import annotations

import calendar
import re
from functools import lru_cache

TOKEN = re.compile(r"[$€£]?\d[\d,.]*%?|[A-Za-z][\w’'&-]*")
NAME = re.compile(r"\b[A-Z][\w’'&-]+(?:\s+[A-Z][\w’'&-]+)+")
_MONTH = "|".join(name for name in calendar.month_name if name) + "|" + "|".join(
    name for name in calendar.month_abbr if name)
DAY_OF_MONTH = re.compile(rf"\b(?:(?:{_MONTH})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTH})\b)")
STOPWORDS = frozenset("""
a about above after again against all almost also although am among an and another any are around as at be
because been before being below between both but by can could did do does doing down during each either
else ever every few for from further had has have having he her here hers herself him himself his how however
i if in into is it its itself just least less let like made make many may me might more most much must my
near neither no nor not now of off on once one only or other others our ours out over own per perhaps rather
same several she should since so some such than that the their theirs them themselves then there these they
this those though through thus to too toward towards under until up upon us very via was we were what when
where whether which while who whom whose why will with within without would yet you your
said says say saying told tell according added adding noted stated statement reported report reports reporting
week weeks day days month months year years today yesterday tonight tomorrow morning afternoon evening night
earlier later last next first second third new time times early late hours hour minute minutes
mr mrs ms dr per cent percent
""".split()) | frozenset(name.lower() for name in calendar.day_name) | frozenset(
    name.lower() for name in calendar.month_name if name) | frozenset(
    name.lower() for name in calendar.month_abbr if name)
SUFFIXES = ("ings", "ing", "ied", "ies", "ed", "es", "s")


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude stem: "grounded", "grounding", "grounds" -> "ground"; "companies" -> "compan"."""
    word = word.casefold().replace("’", "'").removesuffix("'s").rstrip("'")
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "aeiouls":  # "stopped" -> "stopp" -> "stop"
        word = word[:-1]
    return word


def terms_of(text: str) -> tuple[str, ...]:
    """The sentence's salient terms, each once, in order."""
    found: dict[str, None] = {}
    text = DAY_OF_MONTH.sub(" ", text)
    for match in NAME.finditer(text):
        words = [word for word in match.group(0).split() if word.lower() not in STOPWORDS]
        if len(words) > 1:
            found[" ".join(stem(word) for word in words)] = None
    for token in TOKEN.findall(text):
        if token[0].isdigit() or token[0] in "$€£":
            token = token.rstrip(".,")
            if len(token) > 1 and not _year(token):
                found[token] = None
            continue
        lowered = token.casefold().replace("’", "'").removesuffix("'s")
        if lowered in STOPWORDS or len(lowered) < 3:
            continue
        found[stem(lowered)] = None
    return tuple(found)


def _year(token: str) -> bool:
    return len(token) == 4 and token.isdigit() and 1900 <= int(token) <= 2100
