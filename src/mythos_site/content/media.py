"""Pictures: the files of content/media/, copied into the site's media/ folder, and the pictures
the articles show from there.

An article shows one as `![What it shows](/media/chart.png)`; `../media/chart.png`, which a
markdown preview beside the file also shows, is the same picture. Only pictures are copied: a page
or an SVG drawing served from the site's own address could run a script in readers' browsers as
the site, so other files are left out, with a warning.
"""

from __future__ import annotations

import posixpath
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import unquote

from mythos_site.errors import Problem
from mythos_site.records import Article
from mythos_site.content.sources import MEDIA_DIR, NOT_UTF8, files_under, unfollowed_links

PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif")
# Pages are read on phones: a picture this large is most likely a camera's original.
LARGE_BYTES = 5_000_000
# A build holds a picture in memory while it copies it; no picture on a page is this large.
MAX_BYTES = 50_000_000


def media_name(src: str) -> str | None:
    """The file a picture's address names under content/, "media/chart.png", for "/media/chart.png",
    "../media/chart.png" or "media/chart.png"; None for an address outside media/."""
    path = unquote(src.split("#", 1)[0].split("?", 1)[0]).strip()
    parts = posixpath.normpath(path.lstrip("/")).split("/")
    while parts and parts[0] == "..":
        parts.pop(0)
    if len(parts) < 2 or parts[0] != MEDIA_DIR or ".." in parts:
        return None
    return "/".join(parts)


def media_files(content_dir: Path) -> list[str]:
    """Every file under content/media/, as "media/name.png"."""
    return [f"{MEDIA_DIR}/{name}" for name in files_under(content_dir / MEDIA_DIR)]


def is_picture(name: str) -> bool:
    return posixpath.splitext(name)[1].lower() in PICTURE_SUFFIXES


def copied_media(content_dir: Path, names: Iterable[str]) -> Iterator[tuple[str, bytes]]:
    """(output path, bytes) of each picture of content/media/ that is copied, one at a time."""
    for name in copied_names(content_dir, names):
        yield name, (content_dir / name).read_bytes()


def copied_names(content_dir: Path, names: Iterable[str]) -> list[str]:
    """Those of these files of content/media/ that are copied to the site."""
    return [name for name in names if _refusal(content_dir, name) is None]


def _refusal(content_dir: Path, name: str) -> str | None:
    """Why this file of content/media/ is not copied, or None if it is."""
    path = content_dir / name
    if not is_picture(name):
        return "this file is not copied to the site: only pictures are"
    if NOT_UTF8.search(name):
        return "the file name is not UTF-8 text, so it is not copied"
    try:
        if not path.resolve().is_relative_to(content_dir.resolve()):
            return "this file links to a place outside the content folder, so it is not copied"
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            return "this is not an ordinary file, so it is not copied"
        if status.st_size > MAX_BYTES:
            return f"this file is {status.st_size:,} bytes, more than the {MAX_BYTES:,} a picture may be, so it is not copied"
    except (OSError, RuntimeError):  # RuntimeError: a link loop, as Python before 3.13 reports it
        return "this file cannot be read, so it is not copied"
    return None


def media_problems(content_dir: Path, names: list[str], articles: Iterable[Article]) -> tuple[Problem, ...]:
    """Warnings: a picture an article shows that is not there or not copied; a file of
    content/media/ that is not a picture, or is very large; a folder in it that is a link."""
    linked: list[str] = []
    files_under(content_dir / MEDIA_DIR, linked)
    return (picture_problems(names, articles) + _folder_problems(content_dir, names)
            + unfollowed_links(content_dir, MEDIA_DIR, linked, "pictures"))


def picture_problems(names: Iterable[str], articles: Iterable[Article]) -> tuple[Problem, ...]:
    """A warning for each picture these articles show that is not among these files, or not copied."""
    found = set(names)
    return tuple(problem for article in articles for name, line in article.pictures
                 if (problem := _missing(found, article.source, name, line)))


def _folder_problems(content_dir: Path, names: list[str]) -> tuple[Problem, ...]:
    warnings = []
    for name in names:
        path, refusal = content_dir / name, _refusal(content_dir, name)
        if refusal is not None:
            warnings.append(Problem(path, 1, refusal, f"content/media/ holds pictures ({', '.join(PICTURE_SUFFIXES)})"
                                    " saved in it; link to other files where they are published", warning=True))
        elif (size := path.stat().st_size) > LARGE_BYTES:
            warnings.append(Problem(path, 1, f"this picture is {size:,} bytes, a slow download "
                                    "on a phone", "save it smaller, e.g. 1600 pixels wide as a JPEG or WebP",
                                    warning=True))
    return tuple(warnings)


def _missing(found: set[str], source: Path, name: str, line: int) -> Problem | None:
    if name not in found:
        return Problem(source, line, f"the picture '/{name}' is not in content/{MEDIA_DIR}/, so readers would see "
                       "a broken picture", f"put the file at content/{name}, or correct its name", warning=True)
    if not is_picture(name):
        return Problem(source, line, f"'/{name}' is not copied to the site: only pictures are "
                       f"({', '.join(PICTURE_SUFFIXES)})", "save it as a PNG, JPEG or WebP picture", warning=True)
    return None
