"""The front matter's source_url, the field imports write: the original article's address, as url is."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mythos_site.errors import ContentError
from mythos_site.content.loader import parse_article

ZONE = ZoneInfo("UTC")


def article(front: str):
    return parse_article(Path("story.md"), f"---\ntitle: A\ndate: 2026-03-29\n{front}---\nText.\n".encode(), ZONE)


def test_source_url_is_the_original_s_address():
    parsed, warnings = article("source_url: https://news.example.com/2026/03/29/story\n")
    assert parsed.url == "https://news.example.com/2026/03/29/story"
    assert not warnings


def test_url_still_means_the_same():
    assert article("url: https://news.example.com/story\n")[0].url == "https://news.example.com/story"


def test_url_and_source_url_together_are_one_field_given_twice():
    with pytest.raises(ContentError, match="'source_url' and 'url' are the same field, given twice"):
        article("url: https://a.example/1\nsource_url: https://a.example/2\n")


def test_a_source_url_that_is_no_web_address_is_named_as_such():
    with pytest.raises(ContentError) as error:
        article("source_url: javascript:alert(1)\n")
    assert error.value.problems[0].line == 4
    assert "the source_url 'javascript:alert(1)' is not an absolute web address" in str(error.value)
