"""The loader: good articles become records; every bad input gets its message and line."""

from __future__ import annotations

import os
import re
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mythos_site.errors import ContentError
from mythos_site.build.collect import Collected, collect_articles, select_published
from mythos_site.content.markup import render_body
from mythos_site.records import SiteConfig
from mythos_site.content.sanitize import sanitize

CONFIG = SiteConfig(title="Test", base_url="https://example.org/", language="en",
                    timezone="America/New_York", description="Test site")
NEW_YORK = ZoneInfo("America/New_York")

GOOD = """---
title: "Leak exposes model"
date: 2026-03-29
author: Jane Doe
outlet: Example News
tags: [Anthropic, Cybersecurity]
summary: A neutral summary.
source_url: https://news.example.com/story
---
The first paragraph cites a report.[^1]

## A section

More text cites it again.[^1]

[^1]: Fortune, "Title," March 26, 2026.
"""


def load_articles(folder: Path, config: SiteConfig, include_drafts: bool = False) -> Collected:
    collected = collect_articles(folder, config).raise_problems()
    chosen = select_published(collected.articles, datetime.now(NEW_YORK), drafts=include_drafts)
    return Collected(chosen.published, collected.warnings, (), collected.parsed)


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / "articles" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def load(folder: Path):
    return load_articles(folder, CONFIG).articles


def problems_of(folder: Path):
    with pytest.raises(ContentError) as caught:
        load(folder)
    return caught.value.problems


def test_a_good_article_becomes_a_complete_record(tmp_path):
    write(tmp_path, "leak-exposes-model.md", GOOD)
    [article] = load(tmp_path)
    assert article.slug == "leak-exposes-model"
    assert article.title == "Leak exposes model"
    assert article.published == datetime(2026, 3, 29, tzinfo=NEW_YORK)
    assert article.published.utcoffset() is not None
    assert article.date_inferred is None
    assert article.authors == ("Jane Doe",)
    assert article.outlet == "Example News"
    assert [tag.name for tag in article.tags] == ["Anthropic", "Cybersecurity"]
    assert [tag.slug for tag in article.tags] == ["anthropic", "cybersecurity"]
    assert article.url == "https://news.example.com/story"
    assert '<h2 id="a-section" dir="auto">A section</h2>' in article.body
    assert article.word_count == 13  # headings count, footnote text does not
    assert article.reading_minutes == 1
    [note] = article.footnotes
    assert note.marker == "1"
    assert note.html == '<p dir="auto">Fortune, “Title,” March 26, 2026.</p>'  # typographic quotes for readers
    assert note.text == 'Fortune, "Title," March 26, 2026.'  # the text as written, for the citation
    assert note.ref_anchors == ("fnref-1", "fnref-1.2")
    assert 'href="#fn-1" id="fnref-1"' in article.body


@pytest.mark.parametrize("written, expected", [
    ("2026-03-29", datetime(2026, 3, 29, 0, 0, tzinfo=NEW_YORK)),
    ("2026-03-29 14:05", datetime(2026, 3, 29, 14, 5, tzinfo=NEW_YORK)),
    ("2026-03-29T14:05:00-04:00", datetime(2026, 3, 29, 18, 5, tzinfo=ZoneInfo("UTC"))),
    ('"March 29, 2026"', datetime(2026, 3, 29, 0, 0, tzinfo=NEW_YORK)),
])
def test_dates_in_the_forms_editors_write(tmp_path, written, expected):
    write(tmp_path, "a.md", GOOD.replace("date: 2026-03-29", f"date: {written}"))
    [article] = load(tmp_path)
    assert article.published == expected
    assert article.published.tzinfo is not None


def test_inferred_values_keep_their_evidence(tmp_path):
    text = GOOD.replace("date: 2026-03-29", 'date: 2026-04-07\ndate_inferred: "cites the April 7 Glasswing launch"')
    write(tmp_path, "a.md", text)
    [article] = load(tmp_path)
    assert article.date_inferred == "cites the April 7 Glasswing launch"
    assert article.title_inferred is None


def test_slug_from_front_matter_wins_over_the_file_name(tmp_path):
    write(tmp_path, "Some File Name.md", GOOD.replace("source_url:", "slug: chosen-slug\nsource_url:"))
    assert load(tmp_path)[0].slug == "chosen-slug"


def test_a_file_name_is_made_into_a_slug(tmp_path):
    write(tmp_path, "Café Crème Story.md", GOOD)
    assert load(tmp_path)[0].slug == "cafe-creme-story"


def test_a_byte_order_mark_is_accepted(tmp_path):
    write(tmp_path, "bom.md", b"\xef\xbb\xbf" + GOOD.encode("utf-8"))
    assert load(tmp_path)[0].title == "Leak exposes model"


def test_windows_line_endings_are_accepted(tmp_path):
    write(tmp_path, "crlf.md", GOOD.replace("\n", "\r\n"))
    assert load(tmp_path)[0].footnotes[0].marker == "1"


def test_drafts_are_left_out_unless_asked_for(tmp_path):
    write(tmp_path, "a.md", GOOD.replace("source_url:", "draft: true\nsource_url:"))
    assert load_articles(tmp_path, CONFIG).articles == ()
    assert len(load_articles(tmp_path, CONFIG, include_drafts=True).articles) == 1


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


def test_unknown_fields_are_warned_about_with_a_suggestion(tmp_path):
    write(tmp_path, "a.md", GOOD.replace("summary:", "sumary: typo\nsummary:"))
    [warning] = load_articles(tmp_path, CONFIG).warnings
    assert warning.line == 7
    assert "'sumary'" in warning.message and "summary" in warning.hint


def test_the_sanitiser_lets_no_live_markup_through():
    hostile = ('<script>alert(1)</script> <img src=x onerror=alert(1)> <b style="color:red">bold</b> '
               '<a href="javascript:alert(1)">j</a> <iframe src="https://evil.example/"></iframe>')
    html = sanitize(f"<p>{hostile}</p>")
    for live in ("<script", "alert(1)", "onerror", "style=", "javascript:", "<iframe", "evil.example"):
        assert live not in html, live
    assert "<b>bold</b>" in html and '<img src="x">' in html


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


def test_external_images_become_links_so_readers_make_no_outside_request(tmp_path):
    write(tmp_path, "a.md", GOOD.replace("The first paragraph", "![A chart](https://cdn.example.com/c.png)"))
    html = load(tmp_path)[0].body
    assert "<img" not in html
    assert '<a class="external-image" href="https://cdn.example.com/c.png">Image: A chart</a>' in html



def test_an_outside_image_inside_a_link_names_that_link_and_leaves_no_empty_one(tmp_path):
    """'[![Chart](image)](page)' is a picture that links to a page: a link in a link is no HTML,
    and browsers split it into an empty link, which a screen reader announces with no name."""
    linked = ("[![A chart](https://cdn.example.com/c.png)](https://example.com/story) and "
              "[![](https://cdn.example.com/d.png)](https://example.com/other)")
    write(tmp_path, "a.md", GOOD.replace("The first paragraph", linked))
    html = load(tmp_path)[0].body
    assert '<a href="https://example.com/story">Image: A chart</a>' in html
    assert '<a href="https://example.com/other">Image: cdn.example.com/d.png</a>' in html
    assert not re.search(r"<a [^>]*></a>", html)

# Each bad input: (file name, file text, expected line, words the message must contain).
BAD_INPUTS = [
    ("empty.md", "", 1, "empty"),
    ("blank.md", "\n  \n", 1, "empty"),
    ("no-front-matter.md", "Just text.\n", 1, "does not start with front matter"),
    ("unterminated.md", "---\ntitle: A\ndate: 2026-03-29\nBody\n", 1, "never closed"),
    ("unclosed-before-rule.md", "---\ntitle: A\ndate: 2026-03-29\n\nThe article starts.\n\nMore: text.\n\n---\n\nAfter.\n",
     5, "the front matter opened on line 1 is not closed before it"),
    ("unclosed-no-blank.md", "---\ntitle: A\ndate: 2026-03-29\nThe article starts.\n\n---\n\nAfter.\n", 4,
     "not closed before it"),
    ("yaml-end-inside.md", "---\ntitle: A\n...\ndate: 2026-03-29\n---\nBody\n", 3, "only a line '---' closes it"),
    ("yaml-end-closing.md", "---\ntitle: A\ndate: 2026-03-29\n...\nBody\n", 4, "only a line '---' closes it"),
    ("yaml-end-before-fields.md", "---\ntitle: A\ndate: 2026-03-29\n...\ntags: [a]\n---\nBody\n", 4, "a line '...'"),
    ("yaml-syntax.md", "---\ntitle: A\ndate: 2026-03-29\ntags: [a, b\n---\nBody\n", 4, "not valid YAML"),
    ("bad-indent.md", "---\ntitle: A\n  date: 2026-03-29\n---\nBody\n", 3, "not valid YAML"),
    ("not-mapping.md", "---\n- a\n- b\n---\nBody\n", 2, "'field: value'"),
    ("scalar.md", "---\njust words\n---\nBody\n", 2, "'field: value'"),
    ("no-title.md", "---\ndate: 2026-03-29\n---\nBody\n", 2, "no 'title'"),
    ("empty-title.md", "---\ntitle: ''\ndate: 2026-03-29\n---\nBody\n", 2, "'title' is empty"),
    ("null-title.md", "---\ntitle:\ndate: 2026-03-29\n---\nBody\n", 2, "'title' is empty"),
    ("number-title.md", "---\ntitle: 1984\ndate: 2026-03-29\n---\nBody\n", 2, "must be text"),
    ("no-date.md", "---\ntitle: A\n---\nBody\n", 2, "no 'date'"),
    ("empty-date.md", "---\ntitle: A\ndate:\n---\nBody\n", 3, "'date' is empty"),
    ("bad-date.md", "---\ntitle: A\ndate: soon\n---\nBody\n", 3, "is not a date"),
    ("impossible-date.md", "---\ntitle: A\ndate: 2026-02-30\n---\nBody\n", 3, "not a real date"),
    ("impossible-month.md", "---\ntitle: A\ndate: 2026-13-01\n---\nBody\n", 3, "not a real date"),
    ("no-year.md", "---\ntitle: A\ndate: March 29\n---\nBody\n", 3, "no year"),
    ("list-date.md", "---\ntitle: A\ndate: [2026]\n---\nBody\n", 3, "must be a date"),
    ("unknown-zone.md", "---\ntitle: A\ndate: 2026-03-29 10:00 XYZ\n---\nBody\n", 3, "time zone"),
    ("number-tag.md", "---\ntitle: A\ndate: 2026-03-29\ntags:\n  - ok\n  - 2026\n---\nBody\n", 6, "is not text"),
    ("nested-tag.md", "---\ntitle: A\ndate: 2026-03-29\ntags: [[a]]\n---\nBody\n", 4, "plain text"),
    ("symbol-tag.md", "---\ntitle: A\ndate: 2026-03-29\ntags: ['!!!']\n---\nBody\n", 4, "no letters or digits"),
    ("bad-slug.md", "---\ntitle: A\ndate: 2026-03-29\nslug: ../../etc\n---\nBody\n", 4, "not a plain name"),
    ("space-slug.md", "---\ntitle: A\ndate: 2026-03-29\nslug: My Story\n---\nBody\n", 4, "not a plain name"),
    ("reserved-slug.md", "---\ntitle: A\ndate: 2026-03-29\nslug: con\n---\nBody\n", 4, "not a plain name"),
    ("!!!.md", "---\ntitle: A\ndate: 2026-03-29\n---\nBody\n", 1, "no usable slug"),
    ("bad-url.md", "---\ntitle: A\ndate: 2026-03-29\nsource_url: javascript:alert(1)\n---\nBody\n", 4, "not an absolute web address"),
    ("bad-draft.md", "---\ntitle: A\ndate: 2026-03-29\ndraft: maybe\n---\nBody\n", 4, "true or false"),
    ("twice.md", "---\ntitle: A\ndate: 2026-03-29\ntitle: B\n---\nBody\n", 4, "given twice"),
    ("inferred-alone.md", "---\ntitle: A\ndate: 2026-03-29\nauthor_inferred: guess\n---\nBody\n", 4, "no 'author'"),
    ("undefined-note.md", "---\ntitle: A\ndate: 2026-03-29\n---\nFirst.\n\nCites this.[^9]\n", 7, "[^9] has no definition"),
    ("unused-note.md", "---\ntitle: A\ndate: 2026-03-29\n---\nBody.\n\n[^1]: Never cited.\n", 7, "never cited"),
    ("double-note.md", "---\ntitle: A\ndate: 2026-03-29\n---\nCites.[^1]\n\n[^1]: One.\n[^1]: Two.\n", 8, "defined twice"),
    ("utf16.md", "---\ntitle: A\ndate: 2026-03-29\n---\nBody\n".encode("utf-16-le"), 1, "UTF-16"),
    ("utf16-bom.md", "---\ntitle: Café\ndate: 2026-03-29\n---\nBody\n".encode("utf-16"), 1, "UTF-16"),
    ("open-comment.md", "---\ntitle: A\ndate: 2026-03-29\n---\nShown.\n\n<!-- a note\n\nHidden text.\n", 7,
     "never closed"),
    ("laughs.md", "---\ntitle: A\ndate: 2026-03-29\n" + "".join(
        f"{k}: &{k} [{', '.join([f'*{p}' if p else 'lol'] * 9)}]\n" for p, k in zip(["", *"abcdefgh"], "abcdefghi"))
     + "---\nBody\n", 8, "once its aliases"),
    ("self-alias.md", "---\ntitle: A\ndate: 2026-03-29\ntags: &a [x, *a]\n---\nBody\n", 4, "holds itself"),
    ("many-tags.md", "---\ntitle: A\ndate: 2026-03-29\ntags:\n" + "".join(f"  - t{i}\n" for i in range(150))
     + "---\nBody\n", 105, "more than 100 tags"),
    ("huge-number.md", "---\ntitle: A\ndate: 2026-03-29\nauthor: " + "9" * 5000 + "\n---\nBody\n", 4,
     "a number too long to read"),
    ("huge-base-60.md", "---\ntitle: A\ndate: 2026-03-29\ntags: [a, " + "1:" * 3000 + "1]\n---\nBody\n", 4,
     "a number too long to read"),
    ("latin1.md", "---\ntitle: Caf\xe9\ndate: 2026-03-29\n---\nBody\n".encode("latin-1"), 2, "not UTF-8"),
    ("open-quote.md", "---\ntitle: \"A\ndate: 2026-03-29\ntags: [a]\n---\nBody\n", 2, "quotation mark here that is never closed"),
    ("deep-yaml.md", "---\ntitle: A\ndate: 2026-03-29\ntags: " + "[" * 3000 + "\n---\nBody\n", 4, "too deeply"),
    ("escaped-nul.md", "---\ntitle: A\ndate: 2026-03-29\nsummary: \"a\\0b\"\n---\nBody\n", 4, "U+0000"),
    ("escaped-half.md", "---\ntitle: A\ndate: 2026-03-29\ntags: [\"\\ud800\"]\n---\nBody\n", 4, "U+D800"),
    ("offset.md", "---\ntitle: A\ndate: 2026-03-29T10:00+25:00\n---\nBody\n", 3, "not a real one"),
    ("ipv6-url.md", "---\ntitle: A\ndate: 2026-03-29\nsource_url: http://[::1/story\n---\nBody\n", 4, "not an absolute web"),
    ("bad-host-url.md", "---\ntitle: A\ndate: 2026-03-29\nsource_url: http://[zz]/story\n---\nBody\n", 4, "not an absolute"),
    ("space-url.md", "---\ntitle: A\ndate: 2026-03-29\nsource_url: https://exa mple.com/a\n---\nBody\n", 4, "not an absolute"),
    ("port-url.md", "---\ntitle: A\ndate: 2026-03-29\nsource_url: https://example.com:99999/x\n---\nBody\n", 4,
     "not an absolute web address"),
    ("long-slug.md", "---\ntitle: A\ndate: 2026-03-29\nslug: " + "文" * 50 + "\n---\nBody\n", 4, "150 bytes long"),
    ("comment-in-block.md", "---\ntitle: A\ndate: 2026-03-29\n---\nShown.\n\n<div>\n<!-- a note\n</div>\n\nLost.\n", 8,
     "never closed"),
    ("comment-after-tag.md", "---\ntitle: A\ndate: 2026-03-29\n---\nShown.\n\n<p>Intro <!-- todo\n\nLost.\n", 7,
     "never closed"),
    ("title-tag.md", "---\ntitle: A\ndate: 2026-03-29\n---\nShown.\n\nSome <title>text here.\n\nLost.\n", 7,
     "the element <title>, which hides or garbles the text after it, is not allowed in an article"),
    ("open-link.md", "---\ntitle: A\ndate: 2026-03-29\n---\nShown.\n\nStart <a href=\"https://x.example/\">here.\n\nMore.\n", 7,
     "this <a> is never closed"),
    ("open-table.md", "---\ntitle: A\ndate: 2026-03-29\n---\nShown.\n\n<table><tr><td>cell\n\nMore.\n", 7,
     "this <table> is never closed"),
    ("data-image.md", "---\ntitle: A\ndate: 2026-03-29\n---\nShown.\n\n![pic](data:image/png;base64,iVBORw0KGgo=)\n", 7,
     "image of a script or data: address"),
    ("script-reference.md", "---\ntitle: A\ndate: 2026-03-29\n---\nSee [this][r].\n\n[r]: javascript:alert(1)\n", 7,
     "link reference to a script"),
    ("script-reference-entity.md", "---\ntitle: A\ndate: 2026-03-29\n---\nSee [this][r].\n\n[r]: &#106;avascript:alert(1)\n",
     7, "link reference to a script"),
    ("quoted-note.md", "---\ntitle: A\ndate: 2026-03-29\n---\nText.[^1]\n\n> [^1]: Quoted.\n", 7,
     "footnote [^1] is defined inside a quote"),
    ("quoted-note-later.md", "---\ntitle: A\ndate: 2026-03-29\n---\nText.[^1]\n\n> Said.\n>\n> [^1]: Quoted.\n", 9,
     "defined inside a quote"),
    ("listed-note.md", "---\ntitle: A\ndate: 2026-03-29\n---\nText.[^1]\n\n- [^1]: Listed.\n", 7,
     "footnote [^1] is defined inside a list"),
    ("self-note.md", "---\ntitle: A\ndate: 2026-03-29\n---\nText.[^1]\n\n[^1]: Self.[^1]\n", 7, "cites itself"),
    ("invisible-title.md", "---\ntitle: \"\\u200b\\u200b\"\ndate: 2026-03-29\n---\nBody\n", 2, "'title' is empty"),
    ("two-authors.md", "---\ntitle: A\ndate: 2026-03-29\nauthor: B\nauthors: [C, D]\n---\nBody\n", 5, "same field"),
    ("two-summaries.md", "---\ntitle: A\ndate: 2026-03-29\ndescription: B\nsummary: C\n---\nBody\n", 5, "same field"),
    ("day-or-month.md", "---\ntitle: A\ndate: 03/04/2026\n---\nBody\n", 3, "could be March 4, 2026 or April 3, 2026"),
    ("wrong-weekday.md", "---\ntitle: A\ndate: Thursday, March 29, 2026\n---\nBody\n", 3,
     "names a Thursday, but March 29, 2026 is a Sunday"),
    ("skipped-hour.md", "---\ntitle: A\ndate: 2026-03-08 02:30\n---\nBody\n", 3, "the clocks skipped"),
    ("year-one.md", "---\ntitle: A\ndate: 0001-01-02\n---\nBody\n", 3, "check the year"),
    ("broken-link.md", "---\ntitle: A\ndate: 2026-03-29\n---\nShown.\n\nA [link](http://[oops/a).\n", 7,
     "the address 'http://[oops/a' is not one a browser can follow"),
    ("broken-picture.md", "---\ntitle: A\ndate: 2026-03-29\n---\nShown.\n\n![p](https://example.com:99999/p.png)\n", 7,
     "is not one a browser can follow"),
    ("plaintext-tag.md", "---\ntitle: A\ndate: 2026-03-29\n---\nShown.\n\n<plaintext>\n\nLost.\n", 7,
     "<plaintext>, which hides"),
]


@pytest.mark.parametrize("name, text, line, words", BAD_INPUTS, ids=[case[0] for case in BAD_INPUTS])
def test_each_bad_input_gets_its_message_and_line(tmp_path, name, text, line, words):
    path = write(tmp_path, name, text)
    [problem] = problems_of(tmp_path)
    assert problem.path == path
    assert words in problem.message
    assert problem.line == line
    assert problem.hint, "every problem tells the editor how to fix it"
    assert str(problem).startswith(f"{path}:{line}: ") or str(problem).split(":")[1] == str(line)


def test_three_dots_indented_in_a_value_or_in_the_body_are_text(tmp_path):
    write(tmp_path, "a.md", GOOD.replace("summary: A neutral summary.", "summary: |\n  Wait\n  ...")
          .replace("## A section\n", "...\n"))
    [article] = load(tmp_path)
    assert article.summary == "Wait ..." and "<p id=\"p-2\" dir=\"auto\">…</p>" in article.body


def test_a_duplicate_slug_names_both_files(tmp_path):
    write(tmp_path, "first.md", GOOD.replace("source_url:", "slug: same\nsource_url:"))
    second = write(tmp_path, "second.md", GOOD.replace("source_url:", "slug: same\nsource_url:"))
    [problem] = problems_of(tmp_path)
    assert problem.path == second and problem.line == 8
    assert "already used by first.md" in problem.message


def test_every_problem_in_every_file_is_reported_in_one_run(tmp_path):
    write(tmp_path, "a.md", "---\ntitle: ''\ndate: 2026-02-30\ntags: [1]\n---\nCites.[^x]\n")
    write(tmp_path, "b.md", "")
    write(tmp_path, "ok.md", GOOD)
    problems = problems_of(tmp_path)
    assert [(p.path.name, p.line) for p in problems] == [("a.md", 2), ("a.md", 3), ("a.md", 4), ("a.md", 6),
                                                         ("b.md", 1)]


def test_a_huge_file_is_refused_not_parsed(tmp_path):
    write(tmp_path, "huge.md", GOOD + "word " * 500_000)
    [problem] = problems_of(tmp_path)
    assert "limited to" in problem.message and problem.line == 1


def test_reasonable_nesting_renders(tmp_path):
    write(tmp_path, "nested.md", GOOD + "\n" + "> " * 8 + "quoted\n\n" + "[" * 5000 + "\n")
    [article] = load(tmp_path)
    assert article.body.count("<blockquote>") == 8 and "quoted" in article.body


@pytest.mark.parametrize("deep", [">" * 5000 + " deep", "* " * 3000 + "list"])
def test_markdown_nested_too_deep_is_refused_not_cut_silently(tmp_path, deep):
    write(tmp_path, "deep.md", GOOD + "\n" + deep + "\n")
    [problem] = problems_of(tmp_path)
    assert "nested" in problem.message and problem.line == 18


def test_a_link_to_a_file_outside_the_content_folder_is_refused(tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text(GOOD, encoding="utf-8")
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "articles" / "linked.md").symlink_to(outside)
    [problem] = problems_of(content)
    assert "outside the content folder" in problem.message


def test_an_article_with_no_text_is_built_with_a_warning_at_its_body(tmp_path):
    write(tmp_path, "a.md", GOOD[:GOOD.index("The first paragraph")])
    collected = collect_articles(tmp_path, CONFIG).raise_problems()
    [warning] = collected.warnings
    assert (warning.line, warning.message) == (10, "the article has no text")
    assert len(collected.articles) == 1


def test_a_table_scrolls_in_a_focusable_region_of_its_own(tmp_path):
    write(tmp_path, "t.md", GOOD.replace("## A section", "| Day | Event |\n|---|---|\n| 26 | Leak |\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n## A section"))
    [article] = load(tmp_path)
    html = article.body
    assert html.count('<div class="table-scroll" role="region" tabindex="0" aria-label="Table 1"><table>') == 1
    assert 'aria-label="Table 2"><table>' in html
    assert html.count("</table></div>") == 2


@pytest.mark.parametrize("address", ["\\\\evil.example/x.png", "/\\evil.example/x.png", "\\/evil.example/x.png"])
def test_a_picture_from_another_site_behind_backslashes_is_refused(tmp_path, address):
    write(tmp_path, "a.md", GOOD.replace("The first paragraph", f'The <img src="{address}" alt="a"> first paragraph'))
    with pytest.raises(ContentError) as caught:
        load(tmp_path)
    [problem] = caught.value.problems
    assert problem.line == 10 and "picture from another site" in problem.message
    assert sanitize(f'<img src="{address}" alt="a">') == '<img alt="a">'


def test_a_refused_slug_gets_a_suggestion_that_would_be_accepted(tmp_path):
    write(tmp_path, "a.md", GOOD.replace("source_url:", "slug: con\nsource_url:"))
    [problem] = problems_of(tmp_path)
    assert problem.hint.endswith("slug: con-article")


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


def test_a_long_tag_in_a_wide_script_gets_a_slug_that_fits_a_folder_name(tmp_path):
    """86 CJK characters are 258 bytes of UTF-8: more than a file system allows a name."""
    write(tmp_path, "a.md", GOOD.replace("tags: [", "tags: [" + "文" * 86 + ", "))
    [article] = load(tmp_path)
    assert len(article.tags[0].slug.encode()) <= 120 and article.tags[0].slug.startswith("文")


def test_raw_html_closed_in_a_later_block_and_plain_markup_left_to_the_browser_build(tmp_path):
    body = ("<details>\n<summary>More</summary>\n\nInner *words*.\n\n</details>\n\n"
            "Some <span lang=\"fr\">mot</span>, <abbr title=\"x\">X</abbr>, a break<br> and <sup>1</sup>.\n")
    write(tmp_path, "a.md", GOOD.replace("## A section\n", body))
    [article] = load(tmp_path)
    assert "<details>" in article.body and "</details>" in article.body


def test_a_note_cited_only_in_another_note_links_back_to_that_citation(tmp_path):
    write(tmp_path, "a.md", GOOD.replace("## A section\n", "Text.[^a]\n\n[^a]: See also.[^b]\n[^b]: Other.\n"))
    [article] = load(tmp_path)
    cited_in = next(note for note in article.footnotes if note.anchor == "fn-a")
    later = next(note for note in article.footnotes if note.anchor == "fn-b")
    assert later.ref_anchors == ("fnref-b",) and 'id="fnref-b"' in cited_in.html


def test_articles_in_hidden_folders_are_not_published(tmp_path):
    """An editor's .trash/ or a tool's .git/ holds old copies, not articles."""
    write(tmp_path, "a.md", GOOD)
    write(tmp_path, ".trash/old-copy.md", GOOD)
    write(tmp_path, ".hidden.md", GOOD)
    assert [article.slug for article in load(tmp_path)] == ["a"]


def test_tags_written_as_one_text_with_commas_are_kept_as_written_with_a_warning(tmp_path):
    write(tmp_path, "a.md", GOOD.replace("tags: [Anthropic, Cybersecurity]", "tags: AI, Security, Markets"))
    collected = load_articles(tmp_path, CONFIG)
    assert [tag.name for tag in collected.articles[0].tags] == ["AI, Security, Markets"]
    [warning] = [problem for problem in collected.warnings if "one tag" in problem.message]
    assert warning.line == 6 and "tags: [AI, Security, Markets]" in warning.hint


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


def test_a_fenced_block_keeps_its_language_as_a_class_and_no_other_class_gets_through(tmp_path):
    write(tmp_path, "a.md", GOOD.replace("## A section\n", "```python\nprint('x')\n```\n\n```c<b\nx\n```\n"))
    [article] = load(tmp_path)
    assert '<pre><code class="language-python">print(' in article.body
    assert "<pre><code>x\n</code></pre>" in article.body  # "language-c&lt;b" is no language name
    assert sanitize('<code class="language-a evil">x</code><p class="language-b">y</p>') == "<code>x</code><p>y</p>"


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


def test_an_input_keeps_only_what_a_task_lists_checkbox_has(tmp_path):
    """Raw <input> is refused in an editor's file; the sanitiser, behind that, lets no other kind through."""
    assert (sanitize('<input type="text" name="q" value="v" onfocus="x()"><input type="checkbox" disabled checked>')
            == '<input><input type="checkbox" disabled="" checked="">')
    write(tmp_path, "a.md", GOOD.replace("## A section\n", '<input type="checkbox" disabled>\n'))
    [problem] = problems_of(tmp_path)
    assert problem.line == 12 and "<input>" in problem.message


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


def test_a_front_matter_of_too_many_values_without_aliases_is_not_blamed_on_aliases(tmp_path):
    entries = "".join(f"  - text: Body\n    speaker: S{i}\n" for i in range(2000))
    write(tmp_path, "many.md", f"---\ntitle: A\ndate: 2026-03-29\nquotes:\n{entries}---\nBody\n")
    [problem] = problems_of(tmp_path)
    assert (problem.line, problem.message, problem.hint) == (
        4, "the front matter holds more than 10,000 values", "shorten the longest lists")


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


def parsed(front: str, body: str = "Text.\n"):
    from mythos_site.content.loader import parse_article

    return parse_article(Path("story.md"), f"---\ntitle: A\n{front}---\n{body}".encode(), NEW_YORK)


def test_source_url_is_the_original_s_address():
    article, warnings = parsed("date: 2026-03-29\nsource_url: https://news.example.com/2026/story\n")
    assert article.url == article.source_url == "https://news.example.com/2026/story" and not warnings


def test_url_is_read_as_the_original_with_a_warning_that_names_source_url():
    article, [warning] = parsed("date: 2026-03-29\nurl: https://news.example.com/story\n")
    assert article.url == "https://news.example.com/story"
    assert warning.line == 4 and "source_url" in warning.message + warning.hint


def test_url_and_source_url_together_are_one_field_given_twice():
    with pytest.raises(ContentError, match="'source_url' and 'url' are the same field, given twice"):
        parsed("date: 2026-03-29\nurl: https://a.example/1\nsource_url: https://a.example/2\n")


def test_a_date_with_a_time_and_zone_is_known_to_have_a_time():
    article, _ = parsed("date: 2026-03-29T14:05:00+10:00\n")
    assert article.timed and article.published.isoformat() == "2026-03-29T14:05:00+10:00"
    article, _ = parsed("date: 2026-03-29\n")
    assert not article.timed and article.published == datetime(2026, 3, 29, tzinfo=NEW_YORK)


def test_updated_and_full_text_are_read_and_checked():
    article, _ = parsed("date: 2026-03-29\nupdated: 2026-03-30 09:15\nfull_text: false\n")
    assert article.updated == datetime(2026, 3, 30, 9, 15, tzinfo=NEW_YORK) and article.full_text is False
    assert parsed("date: 2026-03-29\n")[0].full_text is None and parsed("date: 2026-03-29\n")[0].updated is None
    with pytest.raises(ContentError, match="updated .* before it is dated"):
        parsed("date: 2026-03-29\nupdated: 2026-03-28\n")
    with pytest.raises(ContentError, match="'full_text' must be true or false"):
        parsed("date: 2026-03-29\nfull_text: sometimes\n")


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
