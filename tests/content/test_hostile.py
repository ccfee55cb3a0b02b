"""Raw HTML in an article: what could run code or load from elsewhere is refused at its line."""

from __future__ import annotations

import time

import pytest

from mythos_site.errors import ContentError
from mythos_site.content.sanitize import sanitize

from content_files import CONFIG, GOOD, load, load_articles, problems_of, write


def test_raw_html_that_runs_code_or_loads_from_elsewhere_is_refused_at_its_line(tmp_path):
    text = (GOOD.replace("The first paragraph", 'The <b onclick="steal()">first</b> paragraph')
            .replace("## A section", '<iframe src="https://evil.example/"></iframe>\n\n## A section')
            .replace("More text cites it again.",
                     'More text <a href="java&#x09;script:alert(1)">cites</a> it [again](javascript:alert(2)).'))
    write(tmp_path, "a.md", text)
    with pytest.raises(ContentError) as caught:
        load(tmp_path)
    found = [(problem.line, problem.message) for problem in caught.value.problems]
    assert found == [
        (10, "the event handler onclick on <b> is not allowed in an article"),
        (12, "the element <iframe> is not allowed in an article"),
        (16, "a script or data: address in href of <a> is not allowed in an article"),
        (16, "a markdown link to a script or data: address is not allowed in an article"),
    ]
    assert all(problem.path.name == "a.md" and "remove it" in problem.hint for problem in caught.value.problems)


def test_a_raw_picture_from_another_site_is_refused_with_the_markdown_way_as_the_fix(tmp_path):
    write(tmp_path, "a.md", GOOD.replace("The first paragraph", 'The <img src="//cdn.example.com/pixel.gif" alt=""> '
                                         'first <img src="chart.png" alt="A chart"> paragraph'))
    with pytest.raises(ContentError) as caught:
        load(tmp_path)
    [problem] = caught.value.problems
    assert problem.line == 10 and "picture from another site" in problem.message and "//cdn.example.com" in problem.message
    assert "![what it shows](address)" in problem.hint


def test_plain_raw_html_and_code_that_shows_a_script_are_fine(tmp_path):
    write(tmp_path, "a.md", GOOD.replace("The first paragraph", 'The <abbr title="first">1st</abbr> paragraph<br>')
          .replace("More text", "More text shows `<script>alert(1)</script>` as code, and"))
    body = load(tmp_path)[0].body
    assert '<abbr title="first">1st</abbr>' in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_raw_html_cannot_take_the_anchor_of_a_footnote_or_a_paragraph(tmp_path):
    write(tmp_path, "a.md", GOOD.replace("More text cites it again.", 'More text <span id="fn-1">again</span>.'))
    html = load(tmp_path)[0].body
    assert 'id="fn-1"' not in html and "<span>again</span>" in html


@pytest.mark.parametrize("address", ["\\\\evil.example/x.png", "/\\evil.example/x.png", "\\/evil.example/x.png"])
def test_a_picture_from_another_site_behind_backslashes_is_refused(tmp_path, address):
    write(tmp_path, "a.md", GOOD.replace("The first paragraph", f'The <img src="{address}" alt="a"> first paragraph'))
    with pytest.raises(ContentError) as caught:
        load(tmp_path)
    [problem] = caught.value.problems
    assert problem.line == 10 and "picture from another site" in problem.message
    assert sanitize(f'<img src="{address}" alt="a">') == '<img alt="a">'


def test_raw_html_closed_in_a_later_block_and_plain_markup_left_to_the_browser_build(tmp_path):
    body = ("<details>\n<summary>More</summary>\n\nInner *words*.\n\n</details>\n\n"
            "Some <span lang=\"fr\">mot</span>, <abbr title=\"x\">X</abbr>, a break<br> and <sup>1</sup>.\n")
    write(tmp_path, "a.md", GOOD.replace("## A section\n", body))
    [article] = load(tmp_path)
    assert "<details>" in article.body and "</details>" in article.body


def test_thousands_of_end_tags_of_elements_never_opened_cost_no_more_than_their_length(tmp_path):
    # Each "</i>" looked for its "<i>" among every element still open: about 20 s here, hours at 2 MB.
    write(tmp_path, "a.md", "---\ntitle: A\ndate: 2026-03-29\n---\n" + "A <span>x" * 10_000 + "</i>" * 10_000 + "\n")
    started = time.perf_counter()
    problems = problems_of(tmp_path)
    assert time.perf_counter() - started < 8
    assert len(problems) == 10_000 and problems[0].line == 5
    assert problems[0].message == "this <span> is never closed, so the rest of the article is taken into it"


def test_a_tag_the_page_leaves_out_is_a_warning_at_its_line(tmp_path):
    write(tmp_path, "a.md", "---\ntitle: A\ndate: 2026-03-29\n---\nFirst.\n\nRun it with the <model> flag, "
          "<b>now</b>.\n\n<div>\nInside.\n</div>\n")
    result = load_articles(tmp_path, CONFIG)
    assert [(w.line, w.message, w.warning) for w in result.warnings] == [
        (7, "<model> is not a tag an article may hold, so it is left out of the page", True),
        (9, "<div> is not a tag an article may hold, so it is left out of the page", True)]
    assert result.warnings[0].hint == "to show it as text, write it as code: `<model>`; or remove it"
    assert "<b>now</b>" in result.articles[0].body and "model" not in result.articles[0].body
