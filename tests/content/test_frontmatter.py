"""Front matter: the text around the YAML, its encodings and line endings, and its values."""

from __future__ import annotations

from content_files import CONFIG, GOOD, load, load_articles, problems_of, write


def test_a_byte_order_mark_is_accepted(tmp_path):
    write(tmp_path, "bom.md", b"\xef\xbb\xbf" + GOOD.encode("utf-8"))
    assert load(tmp_path)[0].title == "Leak exposes model"


def test_windows_line_endings_are_accepted(tmp_path):
    write(tmp_path, "crlf.md", GOOD.replace("\n", "\r\n"))
    assert load(tmp_path)[0].footnotes[0].marker == "1"


def test_control_characters_are_removed_with_a_warning(tmp_path):
    write(tmp_path, "a.md", GOOD.replace("The first paragraph", "The \x07first paragraph"))
    result = load_articles(tmp_path, CONFIG)
    assert "\x07" not in result.articles[0].body
    [warning] = result.warnings
    assert warning.line == 10 and "U+0007" in warning.message


def test_a_file_full_of_control_characters_gets_a_handful_of_warnings(tmp_path):
    write(tmp_path, "a.md", GOOD + "\x01\x02\n" * 2000)
    result = load_articles(tmp_path, CONFIG)
    assert [w.line for w in result.warnings] == [17, 18, 19, 20, 21, 21]
    assert "more control characters" in result.warnings[-1].message


def test_three_dots_indented_in_a_value_or_in_the_body_are_text(tmp_path):
    write(tmp_path, "a.md", GOOD.replace("summary: A neutral summary.", "summary: |\n  Wait\n  ...")
          .replace("## A section\n", "...\n"))
    [article] = load(tmp_path)
    assert article.summary == "Wait ..." and "<p id=\"p-2\" dir=\"auto\">…</p>" in article.body


def test_a_front_matter_of_too_many_values_without_aliases_is_not_blamed_on_aliases(tmp_path):
    entries = "".join(f"  - text: Body\n    speaker: S{i}\n" for i in range(2000))
    write(tmp_path, "many.md", f"---\ntitle: A\ndate: 2026-03-29\nquotes:\n{entries}---\nBody\n")
    [problem] = problems_of(tmp_path)
    assert (problem.line, problem.message, problem.hint) == (
        4, "the front matter holds more than 10,000 values", "shorten the longest lists")
