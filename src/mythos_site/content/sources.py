"""Find the content's files: the articles under content/articles/ and the other files the site is
built from, and read an article's bytes, refusing what is not an article's own file. Kept apart
from the loader so that a rebuild can tell what changed without importing the parser."""

from __future__ import annotations

import errno
import os
import re
import stat
from functools import lru_cache
from pathlib import Path

from mythos_site.errors import ContentError, Problem

ARTICLES_DIR = "articles"
MEDIA_DIR = "media"  # pictures, copied to the site as they are (media.py)
SUFFIXES = (".md", ".markdown")
MAX_BYTES = 2_000_000


def article_files(content_dir: Path, linked: list[str] | None = None) -> list[Path]:
    """Every markdown file under content/articles/ that is not hidden, in the order of their paths;
    the folders that are links, which are not followed, are added to linked (see files_under)."""
    return [content_dir / name for name in article_names(content_dir, linked)]


def article_names(content_dir: Path, linked: list[str] | None = None) -> list[str]:
    """The same files as article_files, as paths relative to the content folder."""
    return [f"{ARTICLES_DIR}/{name}" for name in files_under(content_dir / ARTICLES_DIR, linked)
            if _is_article(name.rpartition("/")[2])]


def _is_article(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in SUFFIXES and not name.startswith(".")


def files_under(folder: Path, linked: list[str] | None = None) -> list[str]:
    """The path of every file below folder, relative to it and "/"-separated, in the order of
    their paths; hidden files and folders (".trash/", ".git/", ".DS_Store") are left out, as
    editors and their tools expect. Nothing if there is no such folder.

    Symbolic links to folders are not followed: what they lead to is not the content folder's own
    (it may be anywhere, or the folder itself, round in a loop). They are added to linked, if
    given, for a warning (see unfollowed_links)."""
    found = linked if linked is not None else []
    names = sorted(_walk(str(folder), "", found), key=lambda name: name.split("/"))
    found.sort(key=lambda name: name.split("/"))
    return names


def unfollowed_links(content_dir: Path, folder: str, linked: list[str], what: str) -> tuple[Problem, ...]:
    """A warning for each folder of content/<folder>/ that is a link: the what in it are not on the site."""
    return tuple(Problem(content_dir / folder / name, 1, f"this folder is a link, which the build does not follow, "
                         f"so the {what} in it are not on the site", f"move or copy the folder itself into "
                         f"content/{folder}/ instead of linking to it: the build reads only the content "
                         "folder's own files", warning=True)
                 for name in linked)


def _walk(folder: str, prefix: str, linked: list[str]) -> list[str]:
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError, PermissionError):
        return []
    names = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            names += _walk(entry.path, f"{prefix}{entry.name}/", linked)
        elif entry.is_symlink() and os.path.isdir(entry.path):
            linked.append(prefix + entry.name)
        else:  # a broken link is listed, and refused when read
            names.append(prefix + entry.name)
    return names


def read_article_bytes(path: Path, content_dir: Path) -> bytes:
    """The file's bytes, refusing what is not an article's file: a link out of the content folder,
    a broken link, a pipe or device, a name that is not UTF-8, a file too large to be an article."""
    if NOT_UTF8.search(path.name):
        raise ContentError.at(path, 1, "the file name is not UTF-8 text",
                              "rename the file with letters, digits and hyphens, e.g. my-article.md")
    try:
        if _may_link_out(path, content_dir) and not path.resolve().is_relative_to(content_dir.resolve()):
            linked = "this file links" if path.is_symlink() else f"the folder {ARTICLES_DIR}/ links"
            raise ContentError.at(path, 1, f"{linked} to a place outside the content folder",
                                  "copy the articles into content/articles/ instead of linking to them")
        status = path.stat()
    except (OSError, RuntimeError) as error:  # RuntimeError: a link loop, as Python before 3.13 reports it
        raise _unreadable(path, error) from None
    if not stat.S_ISREG(status.st_mode):
        raise ContentError.at(path, 1, "this is not an ordinary file (it may be a pipe, a socket or a device)",
                              "articles are ordinary text files; remove it or save the article in its place")
    if status.st_size > MAX_BYTES:
        raise ContentError.at(path, 1, f"the file is {status.st_size:,} bytes; articles are limited to "
                              f"{MAX_BYTES:,}", "split it into several articles or remove embedded data")
    try:
        return path.read_bytes()
    except OSError as error:
        raise _unreadable(path, error) from None


NOT_UTF8 = re.compile("[\udc80-\udcff]")  # the bytes of a name that is not UTF-8, as Python keeps them


def _unreadable(path: Path, error: Exception) -> ContentError:
    if path.is_symlink() and isinstance(error, FileNotFoundError):
        return ContentError.at(path, 1, "this link points to a file that does not exist",
                               "remove the link, or put the article's own file in its place")
    if isinstance(error, RuntimeError) or getattr(error, "errno", None) == errno.ELOOP:
        return ContentError.at(path, 1, "this link leads round in a loop to itself",
                               "remove the link, or put the article's own file in its place")
    reason = getattr(error, "strerror", None) or str(error)
    return ContentError.at(path, 1, f"the file cannot be read ({reason.lower()})",
                           "check that the file exists and that you may read it")


def _may_link_out(path: Path, content_dir: Path) -> bool:
    """Whether the file may lead out of the content folder: it is a link, or its folder is one.
    (Listing the articles does not descend into linked folders, so nothing else can.)"""
    return path.is_symlink() or not _folder_inside(content_dir)


@lru_cache(maxsize=8)
def _folder_inside(content_dir: Path) -> bool:
    return (content_dir / ARTICLES_DIR).resolve().is_relative_to(content_dir.resolve())
