"""check's warnings on what an article says of its original."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from mythos_site.commands.check import article_warnings
from mythos_site.records import Article, SiteConfig

CONFIG = SiteConfig(title="Story", base_url="https://example.org/", language="en", timezone="UTC", description="")
NOW = datetime(2026, 4, 1, tzinfo=ZoneInfo("UTC"))


def article(**fields) -> Article:
    values = dict(source=Path("a.md"), slug="a", title="A", summary="S.", published=datetime(
        2026, 3, 27, tzinfo=ZoneInfo("UTC")), authors=(), outlet="Example News", tags=(),
        url="https://news.example.com/a", body_html="", word_count=1, footnotes=(), field_lines=(("title", 2),))
    return Article(**{**values, **fields})


def messages(one: Article) -> list[str]:
    return [problem.message for problem in article_warnings(one, CONFIG, {"a"}, NOW)]


def test_an_article_with_its_original_and_outlet_has_no_warning():
    assert messages(article()) == []


def test_check_warns_of_an_article_with_no_source_url_or_no_outlet():
    assert messages(article(url=None)) == ["the article has no source_url, so readers cannot go to the original"]
    assert messages(article(outlet=None)) == ["the article names no outlet, so pages credit it to nobody"]
    [first, _] = article_warnings(article(url=None, outlet=None), CONFIG, {"a"}, NOW)
    assert first.warning and first.line == 2


def test_check_names_a_footnote_the_source_s_reference_list_lacks():
    [warning] = article_warnings(article(missing_notes=(("11", 73),)), CONFIG, {"a"}, NOW)
    assert warning.warning and warning.line == 73 and "footnote [^11] says the source has no entry" in warning.message
