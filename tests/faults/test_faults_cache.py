"""A cache that cannot be read or written: set aside (damaged, or from a newer version) or passed
over (busy, or on a path that cannot be written), with one warning line naming it; the build goes
on and makes the same site as a clean build; the next build has a working cache again."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from .faultkit import no_traceback

CACHE = ".mythos-cache/articles.sqlite3"


def _truncate(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def _scramble(path):
    """Garbage over every page but the first: the file opens, and any read of a table fails."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page:] = bytes((index * 7 + 3) % 251 for index in range(len(data) - page))
    path.write_bytes(bytes(data))


def _header(path):
    path.write_bytes(b"this is not a database at all" * 200)


def _newer(path):
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.commit()
    db.close()


DAMAGE = {"truncated": _truncate, "scrambled": _scramble, "not a database": _header, "from a newer version": _newer}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_cache_is_set_aside_and_a_fresh_one_made(project, damage):
    assert project.build().returncode == 0
    project.edit(project.articles()[4], "\n\n", "\n\nA line was added.\n\n")
    DAMAGE[damage](project.folder / CACHE)
    result = project.build()
    assert result.returncode == 0, result
    no_traceback(result)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"warning: the cache {CACHE} cannot be read"), result.stderr
    assert "set aside as articles.sqlite3.broken" in lines[0]
    assert project.site() == project.clean()
    assert (project.folder / ".mythos-cache" / "articles.sqlite3.broken").is_file()
    again = project.build()
    assert again.returncode == 0 and again.stderr == "", again
    assert project.staging() == []


def test_a_busy_cache_is_passed_over_and_left_as_it_is(project):
    """Another process holds the cache file's write lock past SQLite's wait (5 s)."""
    assert project.build().returncode == 0
    project.edit(project.articles()[4], "\n\n", "\n\nA line was added.\n\n")
    db = sqlite3.connect(project.folder / CACHE, isolation_level=None)
    db.execute("BEGIN EXCLUSIVE")
    try:
        result = project.build()
    finally:
        db.execute("ROLLBACK")
        db.close()
    assert result.returncode == 0, result
    no_traceback(result)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "database is locked" in lines[0] and "goes on without it" in lines[0], result.stderr
    assert project.site() == project.clean()
    assert not (project.folder / ".mythos-cache" / "articles.sqlite3.broken").exists()
    assert project.build().stderr == ""


def test_a_cache_that_cannot_be_written_is_passed_over(project):
    """The cache's place is taken by a file (as a read-only or full disk refuses the folder)."""
    (project.folder / "cachefile").write_text("not a folder")
    result = project.build("--cache", "cachefile")
    assert result.returncode == 0, result
    no_traceback(result)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("warning: the cache cachefile cannot be used"), result.stderr
    assert project.site() == project.clean()
    assert (project.folder / "cachefile").read_text() == "not a folder"


def test_a_full_disk_while_writing_the_cache_leaves_the_site_built(project):
    """SQLite meets a full disk as it writes the build's record: the site is built all the same."""
    hook = """
        import sqlite3
        from mythos_site.build import cache
        def full(self, made):
            raise sqlite3.OperationalError("database or disk is full")
        cache.PageLog._made = full
        """
    result = project.build(hook=hook)
    assert result.returncode == 0, result
    no_traceback(result)
    assert "database or disk is full" in result.stderr and len(result.stderr.splitlines()) == 1, result.stderr
    assert project.site() == project.clean()
    assert project.build().returncode == 0
