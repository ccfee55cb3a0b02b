"""Finding and reading article files: huge files, pipes, links out of the folder, odd names."""

from __future__ import annotations

import os

import pytest

from mythos_site.build.collect import collect_articles

from content_files import CONFIG, GOOD, load, problems_of, write


def test_a_huge_file_is_refused_not_parsed(tmp_path):
    write(tmp_path, "huge.md", GOOD + "word " * 500_000)
    [problem] = problems_of(tmp_path)
    assert "limited to" in problem.message and problem.line == 1


def test_a_link_to_a_file_outside_the_content_folder_is_refused(tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text(GOOD, encoding="utf-8")
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "articles" / "linked.md").symlink_to(outside)
    [problem] = problems_of(content)
    assert "outside the content folder" in problem.message


def test_a_pipe_in_the_content_folder_is_refused_not_waited_on(tmp_path):
    write(tmp_path, "good.md", GOOD)
    os.mkfifo(tmp_path / "articles" / "pipe.md")
    [problem] = problems_of(tmp_path)
    assert problem.path.name == "pipe.md" and "not an ordinary file" in problem.message


@pytest.mark.parametrize("target, words", [("missing.md", "does not exist"), ("loop.md", "loop")])
def test_a_broken_or_looping_link_is_named_with_what_is_wrong(tmp_path, target, words):
    write(tmp_path, "good.md", GOOD)
    (tmp_path / "articles" / "loop.md").symlink_to("loop.md")
    if target != "loop.md":
        (tmp_path / "articles" / "loop.md").unlink()
        (tmp_path / "articles" / "broken.md").symlink_to(target)
    [problem] = problems_of(tmp_path)
    assert words in problem.message and problem.line == 1


def test_a_file_name_that_is_not_utf8_is_refused_and_shown_readably(tmp_path):
    write(tmp_path, "good.md", GOOD)
    folder = os.fsencode(tmp_path / "articles")
    with open(folder + b"/caf\xe9.md", "wb") as file:
        file.write(GOOD.replace("source_url:", "slug: other\nsource_url:").encode())
    [problem] = problems_of(tmp_path)
    assert "file name is not UTF-8" in problem.message
    assert str(problem).split(":")[0].endswith("caf\\xe9.md")


def test_a_file_name_with_a_newline_is_shown_on_one_line(tmp_path):
    write(tmp_path, "two\nlines.md", "---\ntitle: A\ndate: 2026-02-30\n---\nBody\n")
    [problem] = problems_of(tmp_path)
    assert str(problem).splitlines()[0].endswith("two\\x0alines.md:3: '2026-02-30' is not a real date "
                                                 "(day is out of range for month)")


def test_an_articles_folder_linked_from_outside_is_named_as_the_link(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    write(elsewhere, "a.md", GOOD)
    content = tmp_path / "content"
    content.mkdir()
    (content / "articles").symlink_to(elsewhere / "articles")
    [problem] = problems_of(content)
    assert "the folder articles/ links to a place outside" in problem.message


def test_a_folder_linked_round_to_its_own_parent_is_named_once_and_never_walked_round(tmp_path):
    write(tmp_path, "2026/good.md", GOOD)
    (tmp_path / "articles" / "2026" / "again").symlink_to(tmp_path / "articles", target_is_directory=True)
    collected = collect_articles(tmp_path, CONFIG).raise_problems()
    assert [article.source.name for article in collected.articles] == ["good.md"]
    [warning] = collected.warnings
    assert warning.path == tmp_path / "articles" / "2026" / "again"
    assert warning.message.startswith("this folder is a link, which the build does not follow")


def test_articles_in_hidden_folders_are_not_published(tmp_path):
    """An editor's .trash/ or a tool's .git/ holds old copies, not articles."""
    write(tmp_path, "a.md", GOOD)
    write(tmp_path, ".trash/old-copy.md", GOOD)
    write(tmp_path, ".hidden.md", GOOD)
    assert [article.slug for article in load(tmp_path)] == ["a"]
