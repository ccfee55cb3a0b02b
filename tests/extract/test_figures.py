"""Figures and their hedges: what counts as a figure, and when two figures disagree."""

from __future__ import annotations

import pytest

from mythos_site.extract.figures import agree, sentence_figures


def figures(sentence: str):
    return [(f.text, f.value, f.high, f.kind, f.unit, f.hedge) for f in sentence_figures(sentence)]


@pytest.mark.parametrize("sentence, expected", [
    ("It gave $4 million to maintainers.", ("$4 million", 4e6, None, "money", "$", "")),
    ("The score rose 4.5% in a day.", ("4.5%", 4.5, None, "percent", "%", "")),
    ("Models handled 80-90% of the campaign.", ("80-90%", 80.0, 90.0, "percent", "%", "")),
    ("It added over 40 organizations.", ("over 40", 40.0, None, "count", "organizations", "over")),
    ("The coalition has twelve founding partners.", ("twelve", 12.0, None, "count", "partners", "")),
    ("CrowdStrike fell roughly 7%.", ("roughly 7%", 7.0, None, "percent", "%", "roughly")),
    ("It scores 83.1% on CyberGym.", ("83.1%", 83.1, None, "score", "%", "")),
    ("The store held close to 3,000 assets.", ("close to 3,000", 3000.0, None, "count", "assets", "close to")),
    ("Up to $100 million in usage credits.", ("Up to $100 million", 1e8, None, "money", "$", "up to")),
    ("A release to fifty-plus organizations.", ("fifty-plus", 50.0, None, "count", "organizations", "more than")),
    ("A 40-page federal court filing.", ("40", 40.0, None, "count", "pages", "")),
    ("Shares fell 12.4% on Monday.", ("12.4%", 12.4, None, "percent", "%", "")),
    ("It reaches 9 000 French speakers.", ("9 000", 9000.0, None, "count", "speakers", "")),
    ("It serves some 1\u202f200 households.", ("some 1\u202f200", 1200.0, None, "count", "households", "some")),
])
def test_figures_in_the_forms_articles_print(sentence, expected):
    assert figures(sentence) == [expected]


@pytest.mark.parametrize("sentence", [
    "It found a 27-year-old flaw in OpenBSD.",  # an age, not a count
    "The company was founded in 2021 and listed in 2026.",  # years
    "On March 26, 2026, the files were found.",  # a date
    "Opus 4.6 and GPT-5.3-Codex passed Terminal-Bench 2.0 under ASL-3.",  # versions and names
    "The ETF set a new 12-month low.",  # a span
    "Ten years ago, the first challenge ran.",  # the timeline reads this one
    "It is one of the most capable models.",  # a number word counting nothing
    "The level was 0,42 milligrams per liter.",  # a decimal comma: not 42 milligrams
])
def test_things_that_are_not_figures(sentence):
    assert figures(sentence) == []


def test_a_hedge_or_number_word_inside_another_word_is_not_read():
    assert figures("The awesome 5 apples sold out.") == [("5", 5.0, None, "count", "apples", "")]
    assert figures("It is often said; the handbook is about 5 pages.") == [
        ("about 5", 5.0, None, "count", "pages", "about")]


def one(sentence: str):
    [figure] = sentence_figures(sentence)
    return figure


@pytest.mark.parametrize("first, second, same", [
    ("close to 3,000 assets", "nearly 3,000 assets", True),
    ("close to 3,000 assets", "3,000 assets", True),
    ("roughly 30 organizations", "about 31 organizations", True),
    ("roughly 7%", "7.4%", True),
    ("roughly 7%", "9%", False),
    ("over 40 organizations", "45 organizations", True),
    ("over 40 organizations", "35 organizations", False),
    ("$4 million", "$4 million", True),
    ("$4 million", "$40 million", False),
    ("83.1%", "83.1%", True),
    ("83.1%", "81.3%", False),
    ("80-90%", "85%", True),
    ("up to $100 million", "$90 million", True),
])
def test_hedged_figures_agree_and_different_values_do_not(first, second, same):
    assert agree(one(first), one(second)) is same
    assert agree(one(second), one(first)) is same
