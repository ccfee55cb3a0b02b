"""The loader: good articles become records; every bad input gets its message and line."""

from __future__ import annotations

from datetime import datetime

import pytest

from mythos_site.errors import ContentError
from mythos_site.build.collect import collect_articles

from content_files import CONFIG, GOOD, NEW_YORK, load, load_articles, parsed, problems_of, write


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


def test_drafts_are_left_out_unless_asked_for(tmp_path):
    write(tmp_path, "a.md", GOOD.replace("source_url:", "draft: true\nsource_url:"))
    assert load_articles(tmp_path, CONFIG).articles == ()
    assert len(load_articles(tmp_path, CONFIG, include_drafts=True).articles) == 1


def test_unknown_fields_are_warned_about_with_a_suggestion(tmp_path):
    write(tmp_path, "a.md", GOOD.replace("summary:", "sumary: typo\nsummary:"))
    [warning] = load_articles(tmp_path, CONFIG).warnings
    assert warning.line == 7
    assert "'sumary'" in warning.message and "summary" in warning.hint


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


def test_an_article_with_no_text_is_built_with_a_warning_at_its_body(tmp_path):
    write(tmp_path, "a.md", GOOD[:GOOD.index("The first paragraph")])
    collected = collect_articles(tmp_path, CONFIG).raise_problems()
    [warning] = collected.warnings
    assert (warning.line, warning.message) == (10, "the article has no text")
    assert len(collected.articles) == 1


def test_a_refused_slug_gets_a_suggestion_that_would_be_accepted(tmp_path):
    write(tmp_path, "a.md", GOOD.replace("source_url:", "slug: con\nsource_url:"))
    [problem] = problems_of(tmp_path)
    assert problem.hint.endswith("slug: con-article")


def test_a_long_tag_in_a_wide_script_gets_a_slug_that_fits_a_folder_name(tmp_path):
    """86 CJK characters are 258 bytes of UTF-8: more than a file system allows a name."""
    write(tmp_path, "a.md", GOOD.replace("tags: [", "tags: [" + "文" * 86 + ", "))
    [article] = load(tmp_path)
    assert len(article.tags[0].slug.encode()) <= 120 and article.tags[0].slug.startswith("文")


def test_tags_written_as_one_text_with_commas_are_kept_as_written_with_a_warning(tmp_path):
    write(tmp_path, "a.md", GOOD.replace("tags: [Anthropic, Cybersecurity]", "tags: AI, Security, Markets"))
    collected = load_articles(tmp_path, CONFIG)
    assert [tag.name for tag in collected.articles[0].tags] == ["AI, Security, Markets"]
    [warning] = [problem for problem in collected.warnings if "one tag" in problem.message]
    assert warning.line == 6 and "tags: [AI, Security, Markets]" in warning.hint


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


def test_updated_and_full_text_are_read_and_checked():
    article, _ = parsed("date: 2026-03-29\nupdated: 2026-03-30 09:15\nfull_text: false\n")
    assert article.updated == datetime(2026, 3, 30, 9, 15, tzinfo=NEW_YORK) and article.full_text is False
    assert parsed("date: 2026-03-29\n")[0].full_text is None and parsed("date: 2026-03-29\n")[0].updated is None
    with pytest.raises(ContentError, match="updated .* before it is dated"):
        parsed("date: 2026-03-29\nupdated: 2026-03-28\n")
    with pytest.raises(ContentError, match="'full_text' must be true or false"):
        parsed("date: 2026-03-29\nfull_text: sometimes\n")


