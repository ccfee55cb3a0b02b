"""The attribution, skip and date rules added for wording the shipped articles never used, each on
sentences written for it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mythos_site.extract.article import extract
from mythos_site.extract.attribution import ATTRIBUTION
from mythos_site.extract.dates import DATE_RULES
from mythos_site.extract.not_quotes import NOT_QUOTES
from mythos_site.records import Article, Block

PUBLISHED = datetime(2026, 3, 29, tzinfo=ZoneInfo("UTC"))  # a Sunday


def article(*paragraphs: str) -> Article:
    blocks = tuple(Block(f"p-{number}", text, context=paragraphs[number - 2] if number > 1 else "")
                   for number, text in enumerate(paragraphs, start=1))
    return extract(Article(source=Path("a.md"), slug="a", title="a", summary="", published=PUBLISHED, authors=(),
                           outlet=None, tags=(), url=None, body_html="", word_count=0, footnotes=(), blocks=blocks))


def speakers(*paragraphs: str) -> dict[str, tuple[str, str] | None]:
    return {quote.text: (quote.speaker.name, quote.speaker.kind) if quote.speaker else None
            for quote in article(*paragraphs).quotes}


def test_the_rules_are_named_tables_in_one_order():
    assert [name for name, _ in ATTRIBUTION][:2] == ["according to", "said Name, after"]
    assert "participle after a clause" in [name for name, _ in ATTRIBUTION]
    assert [name for name, _ in NOT_QUOTES][0] == "too short"
    assert [rule.name for rule in DATE_RULES][0] == "week"


def test_a_participle_after_a_clause_speaks_for_the_sentences_subject():
    found = speakers('Marta Olsen, who rarely posts, took to social media on Friday, stating, "We got the first '
                     'answer wrong and I am sorry."')
    assert found == {"We got the first answer wrong and I am sorry.": ("Marta Olsen", "person")}


def test_an_unnamed_source_keeps_its_description():
    found = speakers('"The board never saw the numbers at all," one portfolio manager who holds the shares said.')
    assert found["The board never saw the numbers at all,"] == ("Portfolio manager who holds the shares", "unnamed")


def test_what_it_described_as_is_the_organisation_its_clause_opens_with():
    found = speakers('Corvane, which runs the network, blamed what it described as "a routing error in one of our '
                     'sites."')
    assert found == {"a routing error in one of our sites.": ("Corvane", "organisation")}


def test_a_colon_after_a_time_stamp_names_the_clause_subject():
    found = speakers('3:34 p.m. — The Lakeland Grocers Association has sent an advisory to members: "Keep paper '
                     'records of every sale you make."')
    assert found == {"Keep paper records of every sale you make.": ("Lakeland Grocers Association", "organisation")}


def test_an_embedded_post_is_quoted_for_the_name_its_credit_line_gives():
    found = speakers("The bakery posted on Saturday:", "We are cash only until the card readers work again.",
                     "— Fenwick Bakery (@fenwickbakes) March 28, 2026")
    assert found["We are cash only until the card readers work again."][0] == "Fenwick Bakery"


def dated(*paragraphs: str) -> list[tuple[str, date]]:
    return [(mention.expression, mention.start) for mention in article(*paragraphs).mentions]


def test_a_credit_line_dates_nothing():
    assert dated("We are cash only today and tomorrow.", "— Fenwick Bakery (@fenwickbakes) March 28, 2026") == \
        [("today", date(2026, 3, 29)), ("tomorrow", date(2026, 3, 30))]


@pytest.mark.parametrize("text", ["Shares slipped 2% to $118 from $120.50 at Tuesday's close.",
                                  "The index has gained 4% since Monday."])
def test_a_day_that_only_dates_a_reference_value_is_not_the_statements(text):
    assert dated(text) == []


def test_that_day_is_the_last_day_the_article_named():
    assert dated("The network failed on Friday.", "Merchants will get a credit for the fees they paid that day.") \
        == [("Friday", date(2026, 3, 27)), ("that day", date(2026, 3, 27))]


def test_the_same_day_as_an_event_is_not_guessed():
    assert dated("The filing came on Monday.", "It said the access was found the same day as the outage.") == \
        [("Monday", date(2026, 3, 23))]


def test_letters_after_a_name_are_no_part_of_it():
    found = speakers("We want answers from the company, not a press release and a shrug.",
                     "— Jane Roe MP (@JaneRoeMP) March 28, 2026")
    assert found == {"We want answers from the company, not a press release and a shrug.": ("Jane Roe", "person")}


def test_a_time_stamp_without_full_stops_opens_a_live_post():
    found = speakers('4.45pm — Jane Roe has opened the briefing with an apology: "I am sorry to every family we '
                     'let down."')
    assert found == {"I am sorry to every family we let down.": ("Jane Roe", "person")}


def test_a_named_speakers_title_and_employer_are_kept_as_the_role():
    [quote] = article('"The market was priced for perfection," said Harbour Review columnist Jane Roe in a post on '
                      'the paper\'s blog.').quotes
    assert (quote.speaker.name, quote.speaker.kind, quote.speaker.role) == \
        ("Jane Roe", "person", "Harbour Review columnist")


def test_the_company_is_the_one_named_most_not_the_one_possessed_most():
    found = speakers("Marlow Freight said on Friday that its trucks were running again. At Nan Lee's diner and "
                     "Nan Lee's bakery, deliveries came late. Marlow Freight, which runs 400 trucks, apologised.",
                     '"We let our customers down this week," the company said.')
    assert found == {"We let our customers down this week,": ("Marlow Freight", "organisation")}


def test_a_role_then_the_name_set_off_then_the_verb_is_the_name_with_its_role():
    [quote] = article('"We are taking no chances with the shelves," Marlowe Trading\'s managing director, Jun Park, '
                      'told reporters.').quotes
    assert (quote.speaker.name, quote.speaker.kind, quote.speaker.role) == \
        ("Jun Park", "person", "Marlowe Trading's managing director")


@pytest.mark.parametrize("text", [
    '"The shelf was empty when I came in," said a father of two, who gave his name only as Mr Tan.',
    'One shopper, who gave only his first name, Mr Tan, told us: "The shelf was empty when I came in."',
])
def test_a_source_who_gives_only_a_name_is_quoted_by_that_name(text):
    assert list(speakers(text).values()) == [("Mr Tan", "person")]


@pytest.mark.parametrize("text", [
    'It was meant to end the firm\'s "growth at any cost whatever happens" years.',
    'Its "Farm to First Feed Always" campaign promised care.',
    'The readers showed the message "Network unavailable, try again later," all afternoon.',
    'The lab\'s annual report, "Payments Threat Landscape Review 2026," warned of migrations.',
])
def test_labels_screens_and_titles_set_off_by_commas_are_not_quotes(text):
    assert speakers(text) == {}


def test_a_pronoun_after_a_sentence_that_names_no_one_is_the_person_quoted_last():
    found = speakers('"Safety is the only thing that matters here," Chief Executive Jo Marsh told reporters.',
                     'He said the fleet would stay grounded. "It depends on what the engineers find," he added.')
    assert found["It depends on what the engineers find,"] == ("Jo Marsh", "person")
    found = speakers('"Safety is the only thing that matters here," Chief Executive Jo Marsh told reporters.',
                     'A pharmacist nearby said customers were calling. "Parents here have long memories," she said.')
    assert found["Parents here have long memories,"] != ("Jo Marsh", "person")
