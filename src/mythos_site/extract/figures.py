"""Find figures: the percentages, sums of money, counts and scores an article states, with their hedges.

"CrowdStrike fell roughly 7%", "83.1% on CyberGym", "close to 3,000 assets", "$100 million in
usage credits", "80-90%", "over 40", "twelve". Years, dates, versions ("Opus 4.6", "ASL-3") and
ages ("a 27-year-old flaw") are not figures.
"""

from __future__ import annotations

import itertools
import re

from mythos_site.records import Article, Figure

NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "k": 1e3, "m": 1e6, "bn": 1e9}
# How a hedge widens a stated value: (factor for the low end, factor for the high end).
HEDGES = {
    "roughly": (0.9, 1.1), "about": (0.9, 1.1), "around": (0.9, 1.1), "approximately": (0.9, 1.1),
    "some": (0.9, 1.1), "an estimated": (0.9, 1.1), "close to": (0.9, 1.0), "nearly": (0.9, 1.0),
    "almost": (0.9, 1.0), "just under": (0.9, 1.0), "over": (1.0, None), "more than": (1.0, None),
    "at least": (1.0, None), "upwards of": (1.0, None), "up to": (0.0, 1.0), "as many as": (0.0, 1.0),
    "under": (0.0, 1.0), "fewer than": (0.0, 1.0), "less than": (0.0, 1.0), "as much as": (0.0, 1.0),
    "exceed": (1.0, None), "exceeding": (1.0, None), "could exceed": (1.0, None),
}
_HEDGE = "|".join(sorted((re.escape(h) for h in HEDGES), key=len, reverse=True))
_WORD_NUMBER = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
# 3,000 / 3.5 / and thousands grouped by a space, as many languages print them: 9 000, 12 300.
_NUMERAL = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3}(?!\d))+|\d+(?:\.\d+)?"
# A figure starts a word: a hedge or number word inside another word ("awesome 5", "often") is not
# one, and a search that tries only word starts is four times faster.
FIGURE = re.compile(
    r"(?<![^\W_])"
    rf"(?:(?P<hedge>{_HEDGE})\s+)?"
    rf"(?P<currency>[$€£])?"
    rf"(?P<number>{_NUMERAL}|(?i:{_WORD_NUMBER}))"
    rf"(?:\s*(?:-|–|to)\s*(?P<high>{_NUMERAL}))?"
    rf"(?P<plus>-plus)?"
    rf"(?:\s*(?P<scale>thousand|million|billion|trillion|bn)\b)?"
    rf"(?P<percent>\s?%|\s+percent\b)?",
    re.IGNORECASE,
)
MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|" \
         r"Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
STOP_UNITS = {"and", "or", "of", "in", "on", "at", "by", "to", "the", "a", "an", "for", "with", "from", "as", "than",
              "that", "which", "is", "was", "were", "are"}


def find_figures(article: Article) -> tuple[Figure, ...]:
    return tuple(figure for sentence in article.sentences
                 for figure in sentence_figures(sentence.text, sentence.anchor))


def maybe_figure(sentence: str) -> bool:
    """A cheap first look: most sentences hold no digit and no number word, and skip the full
    pattern. It may let through a sentence with no figure (the pattern then finds none), never the
    other way; a set of words is four times faster than an alternation of them."""
    return bool(DIGIT.search(sentence)) or not NUMBER_WORD_SET.isdisjoint(LETTERS.findall(sentence.lower()))


DIGIT = re.compile(r"\d")
LETTERS = re.compile(r"[a-z]+")
NUMBER_WORD_SET = frozenset(word.lower() for word in NUMBER_WORDS)


def sentence_figures(sentence: str, anchor: str = "") -> list[Figure]:
    if not maybe_figure(sentence):
        return []
    figures = []
    for match in FIGURE.finditer(sentence):
        figure = _figure(sentence, match, anchor)
        if figure is not None:
            figures.append(figure)
    return figures


def _figure(sentence: str, match: re.Match, anchor: str) -> Figure | None:
    number = match.group("number")
    if not _stands_alone(sentence, match):
        return None
    value = _value(number)
    if value is None or _is_date_or_year(sentence, match, value) or _is_version_or_age(sentence, match):
        return None
    scale = SCALES.get((match.group("scale") or "").lower(), 1.0)
    high = _value(match.group("high")) if match.group("high") else None
    kind, unit = _kind_and_unit(sentence, match)
    if kind == "count" and not match.group("hedge") and not unit and not number[0].isdigit():
        return None  # "one of the", "ten years": a number word with nothing counted is not a figure
    if kind == "count" and unit is None:
        return None
    hedge = (match.group("hedge") or "").lower() or ("more than" if match.group("plus") else "")
    return Figure(
        text=match.group(0).strip(), value=value * scale, high=high * scale if high is not None else None,
        kind=kind, unit=unit or "", hedge=hedge, sentence=sentence, anchor=anchor,
        context=_context(sentence, match),
    )


def _stands_alone(sentence: str, match: re.Match) -> bool:
    """Not a piece of a longer token: "GPT-5.3", "Opus 4.6", "ASL-3", "2.0", "B2B"."""
    before = sentence[max(0, match.start() - 1):match.start()]
    after = sentence[match.end():match.end() + 1]
    if before and (before.isalnum() or before in "-./") and not match.group("hedge"):
        return False
    if before == "," and sentence[match.start() - 2:match.start() - 1].isdigit():
        return False  # the decimals of "0,42", or the next of a list of numbers "1,2,3"
    rest = sentence[match.end():]
    return not (after and (after.isalnum() or after in "./") and not re.match(r"\.(?:\s|$)", rest))


SEPARATORS = re.compile(r"[,\s]")


def _value(text: str) -> float | None:
    lowered = text.lower()
    if lowered in NUMBER_WORDS:
        return float(NUMBER_WORDS[lowered])
    try:
        return float(SEPARATORS.sub("", text))
    except ValueError:
        return None


def _is_date_or_year(sentence: str, match: re.Match, value: float) -> bool:
    """Years and the days of dates are times, not figures."""
    raw = match.group("number")
    if match.group("currency") or match.group("percent") or match.group("scale"):
        return False
    if re.fullmatch(r"(?:19|20)\d\d", raw):
        return True
    before = sentence[max(0, match.start() - 12):match.start()]
    after = sentence[match.end():match.end() + 12]
    return bool(re.search(rf"{MONTHS}\s*$", before) or re.match(rf"\s*{MONTHS}", after)
                or re.match(r"(?:st|nd|rd|th)\b", after))


def _is_version_or_age(sentence: str, match: re.Match) -> bool:
    """"Opus 4.6", "Terminal-Bench 2.0", "version 3.0" name a thing; "a 27-year-old flaw" is an age."""
    after = sentence[match.end():match.end() + 16].lower()
    if re.match(r"-(?:year|month|week|day|hour)s?\b", after):
        return True  # "a 27-year-old flaw", "a 12-month low": an age or a span, not a count
    if re.match(r"\s+(?:year|month|week|day|hour)s?\s+(?:ago|later|earlier|before|after)\b", after):
        return True  # "ten years ago" dates something; the timeline reads it
    if re.match(r"\s+(?:years?|months?|weeks?|days?)\b", after) and not match.group("hedge"):
        return True
    before = sentence[max(0, match.start() - 20):match.start()]
    return bool(re.search(r"(?:\b[A-Z][\w-]*|version|v\.?)\s$", before)) and not match.group("currency") \
        and not match.group("percent") and not match.group("hedge") and "." in match.group("number")


# "83.1% on CyberGym" is a score on a benchmark; "12.4% on Monday" and "3% on March 2" are not.
SCORED_ON = re.compile(rf"\s+on\s+(?!(?:{MONTHS}|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)[A-Z]")


def _kind_and_unit(sentence: str, match: re.Match) -> tuple[str, str | None]:
    if match.group("percent"):
        return ("score" if SCORED_ON.match(sentence, match.end()) else "percent"), "%"
    if match.group("currency"):
        return "money", match.group("currency")
    compound = re.match(r"-([a-z]+)\b", sentence[match.end():])
    if compound:  # "a 40-page filing"
        return "count", compound.group(1) + "s"
    words = []
    for word in (found.group() for found in itertools.islice(NEXT_WORD.finditer(sentence, match.end()), 3)):
        if not word[0].isalpha() or word.lower() in STOP_UNITS:
            break
        words.append(word.lower())
    if not words:
        return "count", None
    # The thing counted is the noun: the first plural among the next words, else the last of them.
    return "count", next((w for w in words if w.endswith("s") and not w.endswith("ss")), words[-1])


NEXT_WORD = re.compile(r"[A-Za-z][\w-]*|\S")
CONTEXT_REACH = 1000  # characters before a figure that can hold its part of the sentence
BOUNDARY = re.compile(r",|;|:|\s[-–—]\s|\s(?:and|but|against|versus|vs\.?|compared with|while)\s")


def _context(sentence: str, match: re.Match) -> str:
    """The words around a figure that say what it measures: its part of the sentence, between the
    commas and the "and", "against" or "versus" that separate it from its neighbours."""
    reach = max(0, match.start() - CONTEXT_REACH)
    starts = [found.end() for found in BOUNDARY.finditer(sentence, reach, match.start())]
    following = BOUNDARY.search(sentence, match.end(), match.end() + CONTEXT_REACH)
    end = following.start() if following else min(len(sentence), match.end() + CONTEXT_REACH)
    return sentence[starts[-1] if starts else reach:end].strip(" .")


def bounds(figure: Figure) -> tuple[float, float]:
    """The values a figure allows, with its hedge and its printed precision."""
    low, high = figure.value, figure.high if figure.high is not None else figure.value
    decimals = len(figure.text.split(".")[1].rstrip("%$ abcdefghijklmnopqrstuvwxyz")) if "." in figure.text else 0
    slack = 0.5 * 10 ** -decimals * (1 if figure.kind in ("percent", "score") or figure.value < 1000 else 0)
    low_factor, high_factor = HEDGES.get(figure.hedge, (1.0, 1.0))
    upper = float("inf") if high_factor is None else high * high_factor + slack
    return low * low_factor - slack, upper


def agree(first: Figure, second: Figure) -> bool:
    """Two figures for the same fact agree when the values their hedges allow overlap."""
    if first.kind != second.kind:
        return True  # a percentage and a count of the same thing cannot be compared
    low_a, high_a = bounds(first)
    low_b, high_b = bounds(second)
    return low_a <= high_b and low_b <= high_a
