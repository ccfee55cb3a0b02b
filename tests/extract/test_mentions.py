"""Dated mentions: the forms articles use, resolved against the article's own date."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mythos_site.extract.article import sentences_of
from mythos_site.content.loader import load_article
from mythos_site.extract.mentions import find_mentions
from mythos_site.records import Article, Block

PUBLISHED = datetime(2026, 3, 29, tzinfo=ZoneInfo("UTC"))  # a Sunday


def mentions(text: str, published: datetime = PUBLISHED):
    article = Article(source=Path("a.md"), slug="a", title="a", summary="", published=published, authors=(),
                      outlet=None, tags=(), url=None, body_html="", word_count=0, footnotes=(),
                      blocks=(Block("p-1", text),))
    return [(m.expression, m.start, m.end, m.precision) for m in find_mentions(with_sentences(article))]


def with_sentences(article: Article) -> Article:
    return replace(article, sentences=sentences_of(article))


@pytest.mark.parametrize("text, expected", [
    ("On March 26, 2026, researchers found it.", ("March 26, 2026", date(2026, 3, 26), date(2026, 3, 26), "day")),
    ("The filing came on March 17.", ("March 17", date(2026, 3, 17), date(2026, 3, 17), "day")),
    ("It was activated in May 2025 for Opus.", ("in May 2025", date(2025, 5, 1), date(2025, 5, 31), "month")),
    ("In February, it introduced a tool.", ("In February", date(2026, 2, 1), date(2026, 2, 28), "month")),
    ("The company reported in late 2025 that it found a group.",
     ("late 2025", date(2025, 9, 1), date(2025, 12, 31), "range")),
    ("Anthropic confirmed Thursday that it is testing it.", ("Thursday", date(2026, 3, 26), date(2026, 3, 26), "day")),
    ("It may list as early as October 2026.", ("October 2026", date(2026, 10, 1), date(2026, 10, 31), "month")),
    ("Published 2026-03-27 in the morning.", ("2026-03-27", date(2026, 3, 27), date(2026, 3, 27), "day")),
    ("Talks ran March 26-27, 2026 in London.", ("March 26-27, 2026", date(2026, 3, 26), date(2026, 3, 27), "range")),
    ("It ran from March 30 to April 7, 2026.", ("March 30 to April 7, 2026", date(2026, 3, 30), date(2026, 4, 7),
                                                "range")),
    ("The policy was updated in 2024.", ("in 2024", date(2024, 1, 1), date(2024, 12, 31), "year")),
    ("Yesterday the shares fell.", ("Yesterday", date(2026, 3, 28), date(2026, 3, 28), "day")),
    ("The lab put it on hold 27 March 2026.", ("27 March 2026", date(2026, 3, 27), date(2026, 3, 27), "day")),
])
def test_each_form_resolves_to_a_date_with_its_precision(text, expected):
    assert mentions(text) == [expected]


def test_a_relative_date_counts_from_the_last_date_in_the_paragraph():
    found = mentions("On March 26, 2026, the files were found. Eleven days later came the announcement.")
    assert found[1] == ("Eleven days later", date(2026, 4, 6), date(2026, 4, 6), "day")


def test_a_relative_date_with_nothing_to_count_from_is_skipped():
    assert mentions("Eleven days later came the announcement.") == []


def test_a_relative_date_in_words_alone_is_found():
    found = mentions("On March 26, 2026, the files were found. Two weeks before, the store was set up.")
    assert found[1] == ("Two weeks before", date(2026, 3, 12), date(2026, 3, 12), "day")
    assert [expression for expression, *_ in mentions("The lab has spent the last two months on it.")] == [
        "the last two months"]


def test_ago_counts_from_the_article_date():
    assert mentions("Ten years ago, the first challenge ran.") == [
        ("Ten years ago", date(2016, 1, 1), date(2016, 12, 31), "year")]


def test_a_weekday_with_no_date_is_the_last_such_day_before_publication():
    assert mentions("Stocks dropped on Friday.")[0][1] == date(2026, 3, 27)
    assert mentions("Stocks dropped on Sunday.")[0][1] == date(2026, 3, 29), "the same day counts"


def test_a_weekday_before_a_date_is_one_date():
    assert mentions("It happened on Thursday, March 26, 2026.") == [
        ("March 26, 2026", date(2026, 3, 26), date(2026, 3, 26), "day")]


def test_a_month_without_a_year_across_a_year_boundary():
    january = datetime(2027, 1, 5, tzinfo=ZoneInfo("UTC"))
    assert mentions("The leak came on December 30.", january)[0][1] == date(2026, 12, 30)
    december = datetime(2026, 12, 28, tzinfo=ZoneInfo("UTC"))
    assert mentions("The launch is set for January 4.", december)[0][1] == date(2027, 1, 4)


def test_may_the_verb_is_not_may_the_month():
    assert mentions("The model may create unusual risk. May we ask why?") == []
    assert mentions("It shipped in May.")[0][3] == "month"


@pytest.mark.parametrize("text", [
    "Anthropic closed a round at a $380 billion valuation.",
    "Close to 3,000 assets were exposed, and the card runs 244 pages.",
    "Opus 4.6 scored 65.4% on Terminal-Bench 2.0, against 77.3% for the other model.",
    "A 40-page filing and a 27-year-old flaw.",
    "The Mars rover and the March of progress.",
    "The first 2026 model scored 93.9%.",
    "It was described as a step change.",
])
def test_numbers_that_are_not_dates_are_skipped(text):
    assert mentions(text) == []


def test_an_impossible_date_is_skipped_not_guessed():
    assert mentions("The memo is dated February 30, 2026.") == []


def test_a_plan_is_marked_as_future():
    article = Article(source=Path("a.md"), slug="a", title="a", summary="", published=PUBLISHED, authors=(),
                      outlet=None, tags=(), url=None, body_html="", word_count=0, footnotes=(),
                      blocks=(Block("p-1", "It considers an IPO as early as October 2026."),))
    [mention] = find_mentions(with_sentences(article))
    assert mention.future and mention.anchor == "p-1"
    assert mention.sentence == "It considers an IPO as early as October 2026."


def test_last_and_next_weekdays_count_from_publication_day():
    # PUBLISHED is a Sunday (March 29, 2026)
    assert mentions("The order stays until at least next Monday.")[0][:2] == ("next Monday", date(2026, 3, 30))
    assert mentions("It has been shut since last Sunday.")[0][:2] == ("last Sunday", date(2026, 3, 22))
    assert mentions("They met last Thursday.")[0][:2] == ("last Thursday", date(2026, 3, 26))
    assert mentions("The vote comes next Sunday.")[0][:2] == ("next Sunday", date(2026, 4, 5))


def test_a_weekday_after_words_that_look_ahead_is_the_next_such_day():
    monday = datetime(2026, 4, 6, tzinfo=ZoneInfo("UTC"))
    found = mentions("Results from Monday's samples are expected Tuesday.", monday)
    assert [(expression, start) for expression, start, *_ in found] == [
        ("Monday", date(2026, 4, 6)), ("Tuesday", date(2026, 4, 7))]
    assert mentions("The board will meet on Friday to decide.", monday)[0][1] == date(2026, 4, 10)


def test_a_year_that_opens_a_sentence_is_found():
    assert mentions("In 2019, the company was founded by two mechanics.") == [
        ("In 2019", date(2019, 1, 1), date(2019, 12, 31), "year")]


def test_the_year_in_a_name_is_not_a_date():
    assert mentions("It falls under the Private Securities Litigation Reform Act of 1995 and similar laws.") == []
    assert mentions("The plant was built in the summer of 2024.")[0][:2] == ("of 2024", date(2024, 1, 1))


def test_a_datelines_day_is_when_the_story_was_filed_not_what_it_reports():
    assert [found[0] for found in mentions("PORTLAND, Ore., March 5 (Example Wire) - Acme on Tuesday recalled "
                                           "210,000 batteries.")] == ["Tuesday"]
    assert [found[0] for found in mentions("PORTLAND, Ore., March 27, 2026 /PRNewswire/ -- Acme, Inc. today "
                                           "announced a program.")] == ["today"]
    assert [found[0] for found in mentions("Chicago, March 5 - a day to remember.")] != []  # not a dateline


def test_a_sentence_that_names_one_day_twice_states_it_once():
    assert [found[0] for found in mentions("Today, March 29, the plant reopened.")] == ["Today"]


def test_words_that_look_ahead_count_across_their_clause():
    wednesday = datetime(2026, 4, 1, tzinfo=ZoneInfo("UTC"))
    found = mentions("Acme will host a conference call for investors at 5:00 p.m. ET on Thursday.", wednesday)
    assert found[0][:2] == ("Thursday", date(2026, 4, 2))
    found = mentions("The board met in March; shares fell on Thursday.", wednesday)
    assert found[-1][:2] == ("Thursday", date(2026, 3, 26))


def test_that_year_and_the_same_month_are_the_last_date_the_paragraph_named():
    found = mentions("In June 2023, an owner filed the first complaint. Four more followed by the end of that year. "
                     "The agency opened an inquiry the same month.")
    assert found[1] == ("that year", date(2023, 1, 1), date(2023, 12, 31), "year")
    assert found[2] == ("the same month", date(2023, 6, 1), date(2023, 6, 30), "month")
    assert mentions("Four more followed by the end of that year.") == []


@pytest.mark.parametrize("text, expected", [
    ("The hearing is set for the week of March 9.", ("the week of March 9", date(2026, 3, 9), date(2026, 3, 15), "range")),
    ("The team began late last year.", ("late last year", date(2025, 9, 1), date(2025, 12, 31), "range")),
    ("Savings start early next year.", ("early next year", date(2027, 1, 1), date(2027, 4, 30), "range")),
    ("Sales rose from Q3 2025 on.", ("Q3 2025", date(2025, 7, 1), date(2025, 9, 30), "range")),
    ("Nobody will remember the fourth quarter of 2025.",
     ("fourth quarter of 2025", date(2025, 10, 1), date(2025, 12, 31), "range")),
])
def test_weeks_quarters_and_parts_of_a_near_year_resolve_to_their_span(text, expected):
    assert mentions(text) == [expected]


def test_a_trial_expected_to_last_three_weeks_names_no_span():
    assert mentions("The trial is expected to last three weeks.") == []
    assert mentions("Sales fell over the last three weeks.")[0][0] == "the last three weeks"


def test_a_compound_adjective_does_not_look_ahead():
    # a Sunday article: the Wednesday of a report is the one before, not after
    assert mentions("The company reported a wider-than-expected loss on Wednesday.") == [
        ("Wednesday", date(2026, 3, 25), date(2026, 3, 25), "day")]


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
# The dated statements of two articles written for an audit, as a careful reader dates them. Known gap:
# "in the first quarter" names no year and is left alone.
FIXTURE_DATES = {
    "court-calderon-trial.md": [
        ("Wednesday", "2026-02-11", "2026-02-11"), ("from 2022 to 2024", "2022-01-01", "2024-12-31"),
        ("Jan. 5, 2025", "2025-01-05", "2025-01-05"), ("Monday", "2026-02-09", "2026-02-09"),
        ("Sept. 30, 2024", "2024-09-30", "2024-09-30"), ("Two days later", "2024-10-02", "2024-10-02"),
        ("the week of Jan. 12", "2026-01-12", "2026-01-18"),
        ("in 2025", "2025-01-01", "2025-12-31"), ("Monday", "2026-02-16", "2026-02-16"),
        ("early March", "2026-03-01", "2026-03-31"), ("Wednesday", "2026-02-11", "2026-02-11")],
    "earnings-calderon-q4.md": [
        ("Wednesday", "2026-02-25", "2026-02-25"), ("Dec. 31", "2025-12-31", "2025-12-31"),
        ("Q3 2025", "2025-07-01", "2025-09-30"), ("in January", "2026-01-01", "2026-01-31"),
        ("before 2028", "2026-02-26", "2027-12-31"), ("in November", "2025-11-01", "2025-11-30"),
        ("late this year", "2026-09-01", "2026-12-31"), ("late last year", "2025-09-01", "2025-12-31"),
        ("Oct. 14", "2025-10-14", "2025-10-14"), ("the week of March 9", "2026-03-09", "2026-03-15"),
        ("in early May", "2026-05-01", "2026-05-31"), ("fourth quarter of 2025", "2025-10-01", "2025-12-31"),
        ("Wednesday", "2026-02-25", "2026-02-25")],
    # A third audit, on an analysis and a feature of a fourth story (a flood below a dam)
    "analysis-kestrel-sirens.md": [
        ("April 11", "2026-04-11", "2026-04-11"), ("in 1987", "1987-01-01", "1987-12-31"),
        ("from 2022 to 2024", "2022-01-01", "2024-12-31"), ("third quarter of 2025", "2025-07-01", "2025-09-30"),
        ("until 2027", "2027-01-01", "2027-12-31"), ("last Tuesday", "2026-04-14", "2026-04-14"),
        ("in October 2021", "2021-10-01", "2021-10-31"), ("before 2028", "2026-04-20", "2027-12-31"),
        ("Between 2019 and 2023", "2019-01-01", "2023-12-31"), ("in June 2025", "2025-06-01", "2025-06-30"),
        ("that December", "2025-12-01", "2025-12-31"), ("April 12", "2026-04-12", "2026-04-12"),
        ("Two days later", "2026-04-14", "2026-04-14"), ("in 2019", "2019-01-01", "2019-12-31"),
        # "Today, most operators ... send automatic alerts": these days, not a day
        ("last year", "2025-01-01", "2025-12-31"), ("in February", "2026-02-01", "2026-02-28"),
        ("the week of April 27", "2026-04-27", "2026-05-03"), ("June 1", "2026-06-01", "2026-06-01")],
    "feature-millbrook-week-after.md": [
        ("in 1972", "1972-01-01", "1972-12-31"), ("Thursday", "2026-04-16", "2026-04-16"),
        ("Thursday", "2026-04-16", "2026-04-16")],
}


@pytest.mark.parametrize("name", sorted(FIXTURE_DATES))
def test_the_audit_articles_are_dated_as_a_reader_dates_them(name):
    article, _ = load_article(FIXTURES / name, ZoneInfo("America/New_York"), FIXTURES.parent)
    found = [(m.expression, m.start.isoformat(), m.end.isoformat()) for m in find_mentions(with_sentences(article))]
    assert found == FIXTURE_DATES[name]


@pytest.mark.parametrize("text, expected", [
    ("She worked at a trial site from 2022 to 2024.", ("from 2022 to 2024", date(2022, 1, 1), date(2024, 12, 31))),
    ("Between 2019 and 2023, the operator logged 14 failures.",
     ("Between 2019 and 2023", date(2019, 1, 1), date(2023, 12, 31))),
    ("The packs were made between January 2023 and October 2025.",
     ("between January 2023 and October 2025", date(2023, 1, 1), date(2025, 10, 31))),
    # a winter that straddles the new year, before a Sunday in March
    ("Sales slumped from November to February.", ("from November to February", date(2025, 11, 1), date(2026, 2, 28))),
    # a deadline: from the day of the article to the last day before the year named
    ("It would not need to raise money before 2028.", ("before 2028", date(2026, 3, 29), date(2027, 12, 31))),
])
def test_a_span_of_years_and_a_deadline_are_dated_as_spans(text, expected):
    assert [found[:3] for found in mentions(text)] == [expected]


def test_a_year_already_begun_sets_no_deadline():
    assert mentions("Before 2020, the plant had no sirens at all.") == []


def test_today_meaning_these_days_is_not_a_date():
    assert mentions("Today, most operators send automatic alerts to phones.") == []
    assert [found[0] for found in mentions("Today, the company announced a recall.")] == ["Today"]
    assert [found[0] for found in mentions("The hearing resumes today.")] == ["today"]


def test_that_month_is_a_month_of_the_year_last_named():
    found = mentions("Two sirens failed a test in June 2025 and were not repaired until that December.")
    assert [found[1] for found in found] == [date(2025, 6, 1), date(2025, 12, 1)]
    assert mentions("The sirens were not repaired until that December.") == []


def test_a_paragraph_that_opens_two_days_later_counts_from_the_paragraph_before():
    found = paragraphs_mentions("Two days later, the levee broke.", "The first call came on April 12.",
                                "Two days later, the director told commissioners.")
    assert found == [("April 12", date(2026, 4, 12)), ("Two days later", date(2026, 4, 14))]


def paragraphs_mentions(*paragraphs: str):
    article = Article(source=Path("a.md"), slug="a", title="a", summary="", published=PUBLISHED, authors=(),
                      outlet=None, tags=(), url=None, body_html="", word_count=0, footnotes=(),
                      blocks=tuple(Block(f"p-{number}", text) for number, text in enumerate(paragraphs, 1)))
    return [(m.expression, m.start) for m in find_mentions(with_sentences(article))]


def test_a_source_credit_is_not_a_dated_statement():
    found = mentions("Eleven homes were posted as unsafe on Monday. (Source: Tenmile County Code Enforcement, "
                     "March 14.)")
    assert [found[0] for found in found] == ["Monday"]


def test_a_plan_that_is_a_noun_does_not_look_ahead():
    # a Sunday article: the plan was filed on the Friday before
    assert mentions("Its revised emergency action plan, filed with the state on Friday, requires sirens.")[0][1] == \
        date(2026, 3, 27)
    assert mentions("The company plans to file a revised plan on Friday.")[0][1] == date(2026, 4, 3)


@pytest.mark.parametrize("text, expected", [
    ("Operators must connect to county alerts by the end of 2027.", ("end of 2027", date(2027, 12, 31))),
    ("The review closes at the end of May 2025.", ("end of May 2025", date(2025, 5, 31))),
])
def test_the_end_of_a_year_or_month_is_its_last_day(text, expected):
    assert [found[:2] for found in mentions(text)] == [expected]
    assert mentions("It will not end of course.") == []


@pytest.mark.parametrize("text, expected", [
    # a Sunday article
    ("A settlement could come as early as June.", ("June", date(2026, 6, 1), date(2026, 6, 30), "month")),
    ("The review is expected by the end of July.", ("end of July", date(2026, 7, 1), date(2026, 7, 31), "month")),
    ("The minister spoke to reporters this morning.", ("this morning", date(2026, 3, 29), date(2026, 3, 29), "day")),
    ("She was due to fly out this afternoon.", ("this afternoon", date(2026, 3, 29), date(2026, 3, 29), "day")),
    ("The engine failed on a flight to Faro at the weekend.",
     ("at the weekend", date(2026, 3, 28), date(2026, 3, 29), "range")),
    ("Flights are cancelled between Saturday 4 April and Monday 13 April.",
     ("Saturday 4 April and Monday 13 April", date(2026, 4, 4), date(2026, 4, 13), "range")),
    ("The networks asked for a full list of merchants by Friday.", ("Friday", date(2026, 4, 3), date(2026, 4, 3), "day")),
    ("By Friday, the mood had soured.", ("Friday", date(2026, 3, 27), date(2026, 3, 27), "day")),
])
def test_hypotheticals_deadlines_parts_of_today_weekends_and_day_month_ranges(text, expected):
    assert mentions(text) == [expected]


def test_the_next_day_and_the_night_before_count_from_the_last_day_named():
    assert mentions("The flight turned back on Sunday 22 March. The family flew out the next day.")[1][1:3] == \
        (date(2026, 3, 23), date(2026, 3, 23))
    assert mentions("The regulator widened the recall on 25 March, after the company's own recall the night before.") \
        [1][1] == date(2026, 3, 24)
    assert [m[0] for m in mentions("He called on Friday. Not that night, not the next morning.")] == ["Friday"]


def test_a_hypothetical_or_a_deadline_is_a_plan():
    article = Article(source=Path("a.md"), slug="a", title="a", summary="", published=PUBLISHED, authors=(),
                      outlet=None, tags=(), url=None, body_html="", word_count=0, footnotes=(),
                      blocks=(Block("p-1", "An inquiry could begin as early as September. The plant closed on Friday."),))
    assert [(m.expression, m.future) for m in find_mentions(with_sentences(article))] == \
        [("September", True), ("Friday", False)]
