"""Pictures of content/media/: shown by an article, copied to the site, and warned about when they
cannot be, the way an editor and a reader meet them: through a build of a copy of content/."""

from __future__ import annotations

import os
import posixpath
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest

from conftest import run_build
from tools import png
from mythos_site.media import media_name

ARTICLE = "content/articles/anthropic-claude-mythos-leak-what-we-know.md"


def show(folder: Path, markdown: str) -> int:
    """Add a paragraph to an article; the line it is on."""
    path = folder / ARTICLE
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    path.write_text(text + markdown + "\n", encoding="utf-8")
    return text.count("\n") + 1


def build(folder: Path, *extra: str):
    return run_build("--content", folder / "content", "--templates", folder / "templates", "--out",
                     folder / "site", *extra)


def page_of(folder: Path) -> tuple[str, str]:
    """(the article page's path in the site, its HTML)."""
    slug = Path(ARTICLE).stem
    path = f"articles/{slug}/index.html"
    return path, (folder / "site" / path).read_text(encoding="utf-8")


@pytest.mark.parametrize(("address", "name"), [
    ("/media/chart.png", "media/chart.png"),
    ("../media/charts/q1.png", "media/charts/q1.png"),
    ("media/chart.png", "media/chart.png"),
    ("/media/share%20price.png?v=2#top", "media/share price.png"),
    ("/media/../secret.png", None),
    ("/media/", None),
    ("chart.png", None),
    ("/images/chart.png", None),
])
def test_a_picture_address_names_a_file_of_content_media(address, name):
    assert media_name(address) == name


def test_a_picture_of_content_media_is_copied_and_shown_from_the_article_page(content_copy):
    picture = png()
    (content_copy / "content/media/charts").mkdir(parents=True)
    (content_copy / "content/media/charts/share price.png").write_bytes(picture)
    show(content_copy, "![The share price on March 27](/media/charts/share%20price.png)")
    result = build(content_copy)
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr
    path, html = page_of(content_copy)
    [src] = [part.split('"')[1] for part in html.split("<img ")[1:]]
    # The address works from the page wherever the site is served: it is relative to the page.
    target = unquote(posixpath.normpath(posixpath.join(posixpath.dirname(path), src)))
    assert (content_copy / "site" / target).read_bytes() == picture
    assert 'alt="The share price on March 27"' in html
    feed = (content_copy / "site/feed.xml").read_text(encoding="utf-8")
    assert "https://mythos.example.org/media/charts/share%20price.png" in feed  # absolute in the feed


def test_the_relative_address_a_markdown_preview_shows_is_the_same_picture(content_copy):
    (content_copy / "content/media").mkdir()
    (content_copy / "content/media/chart.png").write_bytes(png())
    show(content_copy, "![A chart](../media/chart.png)")
    result = build(content_copy)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    _, html = page_of(content_copy)
    assert '<img src="../../media/chart.png" alt="A chart"' in html


def test_a_missing_picture_is_warned_about_at_its_line_with_where_to_put_it(content_copy):
    line = show(content_copy, "![A chart](/media/chart.png)")
    result = build(content_copy)
    assert result.returncode == 0
    assert f"{ARTICLE}:{line}: warning: the picture '/media/chart.png' is not in content/media/" in result.stderr
    assert "put the file at content/media/chart.png" in result.stderr
    check = run_build("check", "--content", content_copy / "content", "--templates", content_copy / "templates")
    assert f"{ARTICLE}:{line}: warning: the picture '/media/chart.png'" in check.stdout


def test_files_that_are_not_pictures_are_never_copied(content_copy):
    """A page or an SVG served from the site's own address could run a script as the site."""
    media = content_copy / "content/media"
    media.mkdir()
    (media / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    (media / "page.html").write_text("<script>alert(1)</script>")
    line = show(content_copy, "![Logo](/media/logo.svg)")
    result = build(content_copy)
    assert result.returncode == 0
    assert not (content_copy / "site/media").exists()
    assert f"{ARTICLE}:{line}: warning: '/media/logo.svg' is not copied to the site" in result.stderr
    assert "content/media/page.html:1: warning: this file is not copied to the site" in result.stderr


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_picture_that_links_out_of_the_content_folder_is_not_copied(content_copy, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "secret.png"
    outside.write_bytes(b"not for the site")
    (content_copy / "content/media").mkdir()
    (content_copy / "content/media/secret.png").symlink_to(outside)
    result = build(content_copy)
    assert result.returncode == 0
    assert not (content_copy / "site/media/secret.png").exists()
    assert "content/media/secret.png:1: warning: this file links to a place outside the content folder" in result.stderr


def test_a_rebuild_copies_a_changed_picture_and_forgets_a_warning_once_the_picture_is_there(content_copy):
    cache = content_copy / "cache"
    show(content_copy, "![A chart](/media/chart.png)")
    first = build(content_copy, "--cache", cache)
    assert "warning: the picture '/media/chart.png'" in first.stderr
    (content_copy / "content/media").mkdir()
    (content_copy / "content/media/chart.png").write_bytes(png(4, 2))
    second = build(content_copy, "--cache", cache)
    assert "warning" not in second.stderr, second.stderr
    (content_copy / "content/media/chart.png").write_bytes(png(8, 8))
    third = build(content_copy, "--cache", cache)
    assert third.returncode == 0
    assert (content_copy / "site/media/chart.png").read_bytes() == png(8, 8)
    (content_copy / "content/media/chart.png").unlink()
    fourth = build(content_copy, "--cache", cache)
    assert "warning: the picture '/media/chart.png'" in fourth.stderr
    assert not (content_copy / "site/media/chart.png").exists()


def test_an_edit_that_shows_a_missing_picture_is_warned_about_on_the_quick_rebuild_too(content_copy):
    """A body edit is patched into the last build (patch.py) unless something must be said about it."""
    cache = content_copy / "cache"
    assert build(content_copy, "--cache", cache).returncode == 0
    line = show(content_copy, "![A chart](/media/chart.png)")
    result = build(content_copy, "--cache", cache)
    assert f"{ARTICLE}:{line}: warning: the picture '/media/chart.png'" in result.stderr


def test_the_page_a_picture_is_on_resolves_its_address_the_way_a_browser_does(content_copy):
    (content_copy / "content/media").mkdir()
    (content_copy / "content/media/chart.png").write_bytes(png())
    show(content_copy, "![A chart](/media/chart.png)")
    assert build(content_copy, "--base-url", "https://example.org/news/").returncode == 0
    path, html = page_of(content_copy)
    src = html.split('<img src="')[1].split('"')[0]
    assert urljoin(f"https://example.org/news/{path}", src) == "https://example.org/news/media/chart.png"


def test_a_file_too_large_to_be_a_picture_is_not_copied(content_copy):
    (content_copy / "content/media").mkdir()
    with open(content_copy / "content/media/video.png", "wb") as file:
        file.truncate(60_000_000)  # sparse: no 60 MB written
    result = build(content_copy)
    assert result.returncode == 0
    assert not (content_copy / "site/media/video.png").exists()
    assert "content/media/video.png:1: warning: this file is 60,000,000 bytes" in result.stderr
