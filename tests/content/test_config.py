"""Site settings: values read from content/site.yaml, and a clear message with its line for a bad one."""

from __future__ import annotations

from pathlib import Path

import pytest

from mythos_site.content.config import base_url_of, load_config, settings_warnings
from mythos_site.errors import ContentError

BASE = "title: A story\nbase_url: https://example.org/news\ntimezone: Europe/Paris\n"


def settings(tmp_path: Path, text: str) -> Path:
    (tmp_path / "site.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_settings_are_read_with_defaults_for_what_is_left_out(tmp_path):
    config = load_config(settings(tmp_path, BASE))
    assert (config.title, config.base_url, config.timezone, config.language) == \
        ("A story", "https://example.org/news/", "Europe/Paris", "en")
    assert (config.feed_items, config.per_page) == (50, 20)
    assert load_config(settings(tmp_path, BASE + "per_page: 5\nfeed_items: 7\n")).per_page == 5
    assert (config.list_limit, config.list_page, config.quotes_per_page, config.sources_per_page,
            config.day_limit) == (10, 100, 50, 50, 3)
    shorter = load_config(settings(tmp_path, BASE + "list_limit: 4\nquotes_per_page: 12\nday_limit: 2\n"))
    assert (shorter.list_limit, shorter.quotes_per_page, shorter.day_limit) == (4, 12, 2)


@pytest.mark.parametrize("line, value", [("per_page", "0"), ("per_page", "ten"), ("per_page", "true"),
                                          ("feed_items", "-3"), ("feed_items", "2.5"), ("list_page", "0"),
                                          ("quotes_per_page", "many")])
def test_a_count_that_is_not_a_whole_number_above_zero_names_its_line(tmp_path, line, value):
    with pytest.raises(ContentError) as caught:
        load_config(settings(tmp_path, BASE + f"{line}: {value}\n"))
    problem = caught.value.problems[0]
    assert problem.line == 4 and f"'{line}' must be a whole number above 0" in problem.message
    assert f"{line}: " in problem.hint


@pytest.mark.parametrize("text, line", [("title: A\nbase_url: ftp://x\n", 2), ("title: A\nbase_url: https://x/\ntimezone: Mars/Base\n", 3),
                                        ("base_url: https://x/\n", 1)])
def test_a_bad_address_zone_or_missing_title_names_its_line(tmp_path, text, line):
    with pytest.raises(ContentError) as caught:
        load_config(settings(tmp_path, text))
    assert caught.value.problems[0].line == line


def test_a_missing_settings_file_says_what_to_write(tmp_path):
    with pytest.raises(ContentError) as caught:
        load_config(tmp_path)
    assert "missing" in caught.value.problems[0].message and "base_url" in caught.value.problems[0].hint


def test_a_misspelt_setting_is_warned_about_with_the_likely_name(tmp_path):
    [warning] = settings_warnings(settings(tmp_path, BASE + "feed_item: 10\n"))
    assert warning.line == 4 and "unknown setting 'feed_item'" in warning.message
    assert warning.hint == "did you mean 'feed_items'?" and warning.warning


def test_a_settings_value_holding_an_escaped_control_character_is_refused(tmp_path):
    with pytest.raises(ContentError) as caught:
        load_config(settings(tmp_path, BASE + 'description: "a\\x01b"\n'))
    assert caught.value.problems[0].line == 4 and "U+0001" in caught.value.problems[0].message


@pytest.mark.parametrize("written, used", [
    ("https://例え.jp/news", "https://xn--r8jz45g.jp/news/"),
    ("https://example.org/our news/", "https://example.org/our%20news/"),
    ("http://[::1]:8000/", "http://[::1]:8000/"),
])
def test_the_base_url_is_written_as_feed_readers_need_it(written, used):
    assert base_url_of(written) == used


@pytest.mark.parametrize("written, words", [
    ("https://exa mple.org/", "does not name a host"),
    ("https://editor:secret@example.org/", "user name or password"),
    ("https://example.org:99999/", "port"),
])
def test_a_base_url_that_no_reader_could_reach_is_refused(tmp_path, written, words):
    with pytest.raises(ContentError) as caught:
        load_config(settings(tmp_path, f"title: A\nbase_url: {written}\n"))
    assert caught.value.problems[0].line == 2 and words in caught.value.problems[0].message


def test_a_language_that_is_not_a_language_tag_is_refused_at_its_line(tmp_path):
    assert load_config(settings(tmp_path, BASE + "language: pt-BR\n")).language == "pt-BR"
    with pytest.raises(ContentError) as caught:
        load_config(settings(tmp_path, BASE + 'language: "en\\" onload=x"\n'))
    assert caught.value.problems[0].line == 4 and "not a language tag" in caught.value.problems[0].message
