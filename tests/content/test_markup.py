"""Article bodies to HTML: anchors, headings, footnotes, tables, task lists, pictures, direction."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mythos_site.content.markup import render_body

from content_files import CONFIG, GOOD, load, load_articles, parsed, problems_of, write


def test_reasonable_nesting_renders(tmp_path):
    write(tmp_path, "nested.md", GOOD + "\n" + "> " * 8 + "quoted\n\n" + "[" * 5000 + "\n")
    [article] = load(tmp_path)
    assert article.body.count("<blockquote>") == 8 and "quoted" in article.body


@pytest.mark.parametrize("deep", [">" * 5000 + " deep", "* " * 3000 + "list"])
def test_markdown_nested_too_deep_is_refused_not_cut_silently(tmp_path, deep):
    write(tmp_path, "deep.md", GOOD + "\n" + deep + "\n")
    [problem] = problems_of(tmp_path)
    assert "nested" in problem.message and problem.line == 18


def test_a_table_scrolls_in_a_focusable_region_of_its_own(tmp_path):
    write(tmp_path, "t.md", GOOD.replace("## A section", "| Day | Event |\n|---|---|\n| 26 | Leak |\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n## A section"))
    [article] = load(tmp_path)
    html = article.body
    assert html.count('<div class="table-scroll" role="region" tabindex="0" aria-label="Table 1"><table>') == 1
    assert 'aria-label="Table 2"><table>' in html
    assert html.count("</table></div>") == 2


@pytest.mark.parametrize("headings, expected", [
    ("# Top\n\n## Under\n", ["h2", "h3"]),
    ("### Small\n\n#### Smaller\n", ["h2", "h3"]),
    ("## Section\n\n### Part\n", ["h2", "h3"]),
    ("# One\n\n###### Six\n", ["h2", "h3"]),
    ("# A\n\n#### B\n\n## C\n", ["h2", "h3", "h3"]),
    ("## A\n\n### B\n\n## C\n\n#### D\n\n# E\n", ["h2", "h3", "h2", "h3", "h2"]),
])
def test_body_headings_sit_below_the_headline_with_no_level_skipped(tmp_path, headings, expected):
    write(tmp_path, "a.md", GOOD.replace("## A section\n", headings))
    [article] = load(tmp_path)
    assert re.findall(r"<(h\d) ", article.body) == expected


def test_a_link_written_without_text_shows_its_address(tmp_path):
    write(tmp_path, "a.md", GOOD.replace("More text", "See [](https://example.com/x). More text"))
    [article] = load(tmp_path)
    assert '<a href="https://example.com/x">https://example.com/x</a>' in article.body


def test_alike_headings_get_numbered_anchors_that_never_clash(tmp_path):
    write(tmp_path, "a.md", GOOD.replace("## A section\n", "## Same\n\n## Same\n\n## Same 2\n\n## Same\n"))
    [article] = load(tmp_path)
    assert re.findall(r'<h2 id="([^"]+)"', article.body) == ["same", "same-2", "same-2-2", "same-3"]


@pytest.mark.parametrize("picture", ["![A chart](chart.png)", '<img src="chart.png" alt="A chart">'])
def test_a_picture_the_site_does_not_have_is_warned_about_at_its_line(tmp_path, picture):
    write(tmp_path, "a.md", GOOD.replace("More text", picture + " More text"))
    result = load_articles(tmp_path, CONFIG)
    [warning] = result.warnings
    assert warning.line == 14 and "'chart.png'" in warning.message and "broken picture" in warning.message


def test_a_note_cited_only_in_another_note_links_back_to_that_citation(tmp_path):
    write(tmp_path, "a.md", GOOD.replace("## A section\n", "Text.[^a]\n\n[^a]: See also.[^b]\n[^b]: Other.\n"))
    [article] = load(tmp_path)
    cited_in = next(note for note in article.footnotes if note.anchor == "fn-a")
    later = next(note for note in article.footnotes if note.anchor == "fn-b")
    assert later.ref_anchors == ("fnref-b",) and 'id="fnref-b"' in cited_in.html


def test_each_block_takes_the_direction_of_its_own_text(tmp_path):
    """A paragraph in Hebrew runs right to left beside English ones, in the body and in the notes."""
    write(tmp_path, "a.md", GOOD.replace("## A section\n", "## A section\n\nהמודל שמשנה את כללי המשחק.\n\n- אחד\n- two\n"))
    [article] = load(tmp_path)
    assert '<p id="p-2" dir="auto">המודל שמשנה את כללי המשחק.</p>' in article.body
    assert '<li id="p-3" dir="auto">אחד</li>' in article.body
    assert article.footnotes[0].html.startswith('<p dir="auto">')


def test_a_bare_web_address_becomes_a_link_and_a_bare_domain_stays_text(tmp_path):
    write(tmp_path, "a.md", GOOD.replace("More text", "See https://www.linuxfoundation.org/ (or example.com). More text"))
    [article] = load(tmp_path)
    assert ('<a href="https://www.linuxfoundation.org/">https://www.linuxfoundation.org/</a> (or example.com)'
            in article.body)


def test_a_task_list_shows_disabled_checkboxes_labelled_by_their_items(tmp_path):
    write(tmp_path, "a.md", GOOD.replace("## A section\n", "- [ ] To do\n- [x] Done, see [this](https://example.com/)\n"
                                         "- [y] Not a task\n\n1. [X] Loose\n\n2. Plain\n"))
    [article] = load(tmp_path)
    assert '<li id="p-2" dir="auto"><label><input type="checkbox" disabled=""> To do</label></li>' in article.body
    assert ('<label><input type="checkbox" disabled="" checked=""> Done, see <a href="https://example.com/">this</a>'
            '</label>') in article.body
    assert "[y] Not a task" in article.body
    assert '<p id="p-5" dir="auto"><label><input type="checkbox" disabled="" checked=""> Loose</label></p>' in article.body
    blocks = render_body(Path("a.md"), "- [ ] To do\n- [x] Done, see [this](https://example.com/)\n", 5).blocks
    assert [block.text for block in blocks] == ["To do", "Done, see this"]


def test_a_picture_from_elsewhere_with_no_description_is_named_by_its_address_with_a_warning(tmp_path):
    write(tmp_path, "a.md", GOOD.replace("More text", "![](https://cdn.example.com/c.png) ![ ](//cdn.example.com/d.png)"
                                         " More text"))
    result = load_articles(tmp_path, CONFIG)
    body = result.articles[0].body
    assert '<a class="external-image" href="https://cdn.example.com/c.png">Image: cdn.example.com/c.png</a>' in body
    assert '<a class="external-image" href="//cdn.example.com/d.png">Image: cdn.example.com/d.png</a>' in body
    assert [(warning.line, warning.warning) for warning in result.warnings] == [(14, True), (14, True)]
    assert "'https://cdn.example.com/c.png' has no description" in result.warnings[0].message
    assert "![A chart of ...](https://cdn.example.com/c.png)" in result.warnings[0].hint


def test_a_footnote_that_says_the_source_lacks_the_entry_is_an_editors_warning():
    body = ("Text cites one.[^1] And another.[^11]\n\n[^1]: Fortune, \"Title,\" March 26, 2026.\n"
            "[^11]: The article cites a source numbered 11 here, but its reference list has no entry 11.\n")
    article, warnings = parsed("date: 2026-03-29\n", body)
    assert [note.marker for note in article.footnotes] == ["1"] and not warnings
    assert "#fn-11" not in article.body and ">11<" not in article.body and "#fn-1" in article.body
    assert article.missing_notes == (("11", 8),)  # for check's warning


def test_typographic_quotes_and_dashes_in_the_page_and_the_words_as_written_for_extraction():
    article, _ = parsed("date: 2026-03-29\n", "She said \"it's over\" -- and left...\n")
    assert "She said “it’s over” – and left…" in article.body
    assert article.blocks[0].text == "She said \"it's over\" -- and left..."
