"""Pictures of content/media/: shown by an article, copied to the site, and warned about when they
cannot be, the way an editor and a reader meet them: through a build of a copy of content/."""

from __future__ import annotations

import os
import posixpath
import struct
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest

from conftest import run_build
from tools import png
from mythos_site.content.dimensions import read_header
from mythos_site.content.media import media_name

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
    assert '<img src="../../media/chart.png" width="4" height="2" alt="A chart"' in html


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


def test_a_picture_of_the_site_keeps_its_place_on_the_page_while_it_loads(content_copy):
    """Its width and height are on the <img>, so the text below does not jump when it arrives;
    the stylesheet still shrinks it to a phone's width, keeping its proportions."""
    (content_copy / "content/media").mkdir()
    (content_copy / "content/media/chart.png").write_bytes(png(640, 360))
    (content_copy / "content/media/photo.jpg").write_bytes(jpeg(1200, 800, orientation=6))
    show(content_copy, "![A chart](/media/chart.png) ![A photo](/media/photo.jpg) ![The chart again](/media/chart.png)"
                       "\n\n![A map](https://example.com/map.png)")
    result = build(content_copy)
    assert result.returncode == 0, result.stderr
    _, html = page_of(content_copy)
    assert html.count('<img src="../../media/chart.png" width="640" height="360" alt=') == 2
    # The camera held on its side: shown upright, as browsers turn it, 800 wide.
    assert '<img src="../../media/photo.jpg" width="800" height="1200" alt="A photo"' in html
    assert 'href="https://example.com/map.png">Image: A map</a>' in html, "a picture from elsewhere is a link"
    style = (content_copy / "templates/static/style.css").read_text(encoding="utf-8")
    assert ".story-body img { max-width: 100%; height: auto; }" in style


def test_a_picture_whose_size_cannot_be_read_is_shown_without_one(content_copy):
    (content_copy / "content/media").mkdir()
    (content_copy / "content/media/cut.jpg").write_bytes(jpeg(1200, 800)[:40])  # a copy that stopped early
    show(content_copy, "![A photo](/media/cut.jpg)")
    result = build(content_copy)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    _, html = page_of(content_copy)
    assert '<img src="../../media/cut.jpg" alt="A photo" loading="lazy">' in html


def test_a_file_named_as_a_picture_that_is_none_is_warned_about(content_copy):
    """A failed download saves the server's error page under the picture's name."""
    (content_copy / "content/media").mkdir()
    (content_copy / "content/media/chart.png").write_text("<html><h1>404 Not Found</h1></html>")
    show(content_copy, "![A chart](/media/chart.png)")
    result = build(content_copy)
    assert result.returncode == 0
    assert ("content/media/chart.png:1: warning: this file is not a PNG, JPEG, GIF, WebP or AVIF picture, so "
            "readers would see a broken picture") in result.stderr
    _, html = page_of(content_copy)
    assert '<img src="../../media/chart.png" alt="A chart"' in html
    check = run_build("check", "--content", content_copy / "content", "--templates", content_copy / "templates")
    assert "content/media/chart.png:1: warning: this file is not a PNG" in check.stdout


def box(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", 8 + len(body)) + kind + body


def jpeg(width: int, height: int, orientation: int = 1) -> bytes:
    """A JPEG's segments up to its frame header, with an EXIF orientation."""
    ifd = struct.pack(">HHHIHH", 1, 0x0112, 3, 1, orientation, 0) + struct.pack(">I", 0)
    exif = b"Exif\0\0MM\0*" + struct.pack(">I", 8) + ifd
    jfif = b"JFIF\0\1\1\0\0\1\0\1\0\0"
    return (b"\xff\xd8" + b"\xff\xe0" + struct.pack(">H", 2 + len(jfif)) + jfif
            + b"\xff\xe1" + struct.pack(">H", 2 + len(exif)) + exif
            + b"\xff\xff\xc2" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00" + b"\xff\xda")


def webp(chunk: bytes, data: bytes) -> bytes:
    body = b"WEBP" + chunk + struct.pack("<I", len(data)) + data
    return b"RIFF" + struct.pack("<I", len(body)) + body + b"\0" * 16


def avif(width: int, height: int, turns: int = 0, cropped: bool = False, brands: bytes = b"mif1avif") -> bytes:
    """An AVIF's boxes up to the primary item's properties: its extent, rotation and crop."""
    properties = [box(b"ispe", bytes(4) + struct.pack(">II", width, height)), box(b"irot", bytes([turns]))]
    if cropped:
        properties.append(box(b"clap", bytes(32)))
    associations = bytes([len(properties), *(0x80 | index for index in range(1, len(properties) + 1))])
    ipma = box(b"ipma", bytes(4) + struct.pack(">IH", 1, 1) + associations)
    meta = box(b"meta", bytes(4) + box(b"pitm", bytes(4) + struct.pack(">H", 1))
               + box(b"iprp", box(b"ipco", b"".join(properties)) + ipma))
    return box(b"ftyp", brands[:4] + bytes(4) + brands) + meta + box(b"mdat", bytes(8))


@pytest.mark.parametrize(("data", "size"), [
    (png(640, 360), (640, 360)),
    (b"GIF89a" + struct.pack("<HH", 320, 200) + bytes(20), (320, 200)),
    (jpeg(1200, 800), (1200, 800)),
    (jpeg(1200, 800, orientation=3), (1200, 800)),  # upside down: the same size
    (jpeg(1200, 800, orientation=8), (800, 1200)),
    (webp(b"VP8 ", b"\x10\x02\x00\x9d\x01\x2a" + struct.pack("<HH", 1600, 900)), (1600, 900)),
    (webp(b"VP8L", b"\x2f" + ((1600 - 1) | (900 - 1) << 14).to_bytes(4, "little")), (1600, 900)),
    (webp(b"VP8X", bytes(4) + (1600 - 1).to_bytes(3, "little") + (900 - 1).to_bytes(3, "little")), (1600, 900)),
    (avif(1600, 900), (1600, 900)),
    (avif(1600, 900, turns=1), (900, 1600)),
    (avif(1600, 900, brands=b"mif1miafMA1Bheixmsf1avif"), (1600, 900)),  # "avif" far down the brands
    (avif(1600, 900, cropped=True), None),  # cropped: no size rather than a wrong one
    (jpeg(1200, 800)[:40], None),
    (png(640, 360)[:20], None),
], ids=["png", "gif", "jpeg", "jpeg-upside-down", "jpeg-on-its-side", "webp-lossy", "webp-lossless",
        "webp-extended", "avif", "avif-turned", "avif-brand-late", "avif-cropped", "jpeg-cut", "png-cut"])
def test_a_pictures_size_is_read_from_the_first_bytes_of_its_file(tmp_path, data, size):
    (tmp_path / "picture").write_bytes(data)
    header = read_header(tmp_path / "picture")
    assert header.known and header.size == size
