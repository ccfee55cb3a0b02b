"""Grouping across articles: the same words, the same cited work."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from mythos_site.extract.article import citation_of
from mythos_site.assemble.groups import group_quotes, group_sources
from mythos_site.records import Article, Footnote, Quote
from mythos_site.extract.speakers import make_speaker

ZONE = ZoneInfo("UTC")


def article(slug, day, quotes=(), notes=()) -> Article:
    return Article(source=Path(f"{slug}.md"), slug=slug, title=slug, summary="", published=datetime(2026, 3, day,
                   tzinfo=ZONE), authors=(), outlet=None, tags=(), url=None, body_html="", word_count=0,
                   footnotes=tuple(notes), quotes=tuple(quotes))


def quote(text, speaker=None, kind="person", anchor="p-1"):
    return Quote(text, make_speaker(speaker, kind) if speaker else None, anchor)


def note(marker, text):
    return Footnote(marker, f"fn-{marker}", f"<p>{text}</p>", (f"fnref-{marker}",), text, citation_of(text))


def test_the_same_words_in_different_quote_styles_and_cases_form_one_group():
    a = article("a", 28, [quote("Far ahead of any other AI model in cyber capabilities.", "the draft", "document")])
    b = article("b", 27, [quote("currently far ahead of any other AI model in cyber capabilities", "Draft blog post",
                                "document")])
    c = article("c", 29, [quote("an entirely different sentence about the market", "Jane Doe")])
    groups = group_quotes((a, b, c))
    assert [g.carried_by for g in groups] == [2, 1]
    first = groups[0]
    assert [use.article.slug for use in first.uses] == ["b", "a"], "in order of publication"
    assert first.text == "currently far ahead of any other AI model in cyber capabilities", "the longest version"
    assert first.speaker.key == "draft" and first.other_speakers == ()


def test_disagreeing_speakers_are_kept():
    words = "We did not feel comfortable releasing this generally."
    groups = group_quotes((article("a", 26, [quote(words, "Logan Graham")]),
                           article("b", 27, [quote(words, "Logan Graham")]),
                           article("c", 28, [quote(words, "Dario Amodei")])))
    [group] = groups
    assert group.speaker.name == "Logan Graham"
    assert [s.name for s in group.other_speakers] == ["Dario Amodei"]


def test_group_ids_are_stable_and_do_not_depend_on_order():
    a = article("a", 26, [quote("the same four words here")])
    b = article("b", 27, [quote("the same four words here")])
    assert group_quotes((a, b))[0].id == group_quotes((b, a))[0].id


def test_a_quote_repeated_in_one_article_counts_once():
    a = article("a", 26, [quote("words that appear twice here", anchor="p-1"),
                          quote("words that appear twice here", anchor="p-7")])
    [group] = group_quotes((a,))
    assert group.carried_by == 1 and group.uses[0].quote.anchor == "p-1"


def test_citations_of_the_same_work_across_articles_are_one_source():
    a = article("a", 28, notes=[note("1", 'Fortune, "Anthropic left details of an unreleased model," March 26, 2026.')])
    b = article("b", 29, notes=[note("3", "Anthropic left details of an unreleased model - Fortune")])
    c = article("c", 30, notes=[note("2", 'Fortune, "A different story," March 27, 2026.')])
    sources = group_sources((a, b, c))
    assert [len(s.uses) for s in sources] == [2, 1]
    assert [use.article.slug for use in sources[0].uses] == ["a", "b"]
    assert sources[0].citation.date == "2026-03-26", "the fullest citation stands for the source"


def test_a_footnote_whose_source_is_missing_is_no_source():
    a = article("a", 28, notes=[note("11", "The article cites a source numbered 11 here, but its reference list "
                                           "has no entry 11.")])
    assert group_sources((a,)) == ()


def test_a_work_cited_with_a_url_in_one_article_and_without_in_another_is_one_source():
    a = article("a", 28, notes=[note("1", "[Anthropic left details of an unreleased model](https://fortune.com/x) - Fortune")])
    b = article("b", 29, notes=[note("2", 'Fortune, "Anthropic left details of an unreleased model," March 26, 2026.')])
    [source] = group_sources((a, b))
    assert [use.article.slug for use in source.uses] == ["a", "b"]
