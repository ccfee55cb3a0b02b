"""Sanitising article HTML: no live markup gets through, outside pictures become links."""

from __future__ import annotations

import re

from mythos_site.content.sanitize import sanitize

from content_files import GOOD, load, problems_of, write


def test_the_sanitiser_lets_no_live_markup_through():
    hostile = ('<script>alert(1)</script> <img src=x onerror=alert(1)> <b style="color:red">bold</b> '
               '<a href="javascript:alert(1)">j</a> <iframe src="https://evil.example/"></iframe>')
    html = sanitize(f"<p>{hostile}</p>")
    for live in ("<script", "alert(1)", "onerror", "style=", "javascript:", "<iframe", "evil.example"):
        assert live not in html, live
    assert "<b>bold</b>" in html and '<img src="x">' in html


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


def test_a_fenced_block_keeps_its_language_as_a_class_and_no_other_class_gets_through(tmp_path):
    write(tmp_path, "a.md", GOOD.replace("## A section\n", "```python\nprint('x')\n```\n\n```c<b\nx\n```\n"))
    [article] = load(tmp_path)
    assert '<pre><code class="language-python">print(' in article.body
    assert "<pre><code>x\n</code></pre>" in article.body  # "language-c&lt;b" is no language name
    assert sanitize('<code class="language-a evil">x</code><p class="language-b">y</p>') == "<code>x</code><p>y</p>"


def test_an_input_keeps_only_what_a_task_lists_checkbox_has(tmp_path):
    """Raw <input> is refused in an editor's file; the sanitiser, behind that, lets no other kind through."""
    assert (sanitize('<input type="text" name="q" value="v" onfocus="x()"><input type="checkbox" disabled checked>')
            == '<input><input type="checkbox" disabled="" checked="">')
    write(tmp_path, "a.md", GOOD.replace("## A section\n", '<input type="checkbox" disabled>\n'))
    [problem] = problems_of(tmp_path)
    assert problem.line == 12 and "<input>" in problem.message
