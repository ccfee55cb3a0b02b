"""An error of the system while reading the content or writing the site (a full disk, a folder
that may not be written, too many open files, a path too long, a name the file system refuses):
one line that says what failed, where and what to do; exit status 1; the previous site as it was,
byte for byte; no staging folder left. The errors are injected (a test cannot fill a disk of its
own without mounting one): the call that meets them raises them, as the system would."""

from __future__ import annotations

import errno
import os

import pytest

from .faultkit import no_traceback

# (errno, what the hint says)
ERRORS = {
    "ENOSPC": "free some space",
    "EACCES": "check that you may read and write there",
    "EMFILE": "too many files are open",
    "ENAMETOOLONG": "the path is too long",
    "EILSEQ": "the file system refuses this name",
    "EROFS": "read-only",
}


def _failing(function: str, number: str, count: int, inside: str = ".new-") -> str:
    """A hook: the count-th call of the function ("module:owner.name" or "module:name") on a path
    holding `inside` fails."""
    module, attribute = function.split(":")
    owner, _, name = attribute.rpartition(".")
    return f"""
        import {module}
        where = {module}{"." + owner if owner else ""}
        original, calls = where.{name}, [0]
        def failing(*args, **kwargs):
            if any("{inside}" in str(arg) for arg in [*args, *kwargs.values()]):
                calls[0] += 1
                if calls[0] == {count}:
                    raise OSError(errno.{number}, os.strerror(errno.{number}), str(args[0]) if args else None)
            return original(*args, **kwargs)
        where.{name} = failing
        """


def _one_line(build) -> str:
    no_traceback(build)
    lines = build.stderr.splitlines()
    assert len(lines) == 1, build.stderr
    return lines[0]


@pytest.mark.parametrize("number", list(ERRORS))
def test_an_error_while_writing_a_page_is_one_line_and_the_site_stays(project, number):
    assert project.build().returncode == 0
    old = project.site()
    project.edit(project.articles()[2], "\n\n", "\n\nA line was added.\n\n")
    failed = project.build("--no-cache", hook=_failing("pathlib:Path.write_bytes", number, 5))
    assert failed.returncode == 1
    line = _one_line(failed)
    assert line.startswith("mythos-site: cannot write _site/"), line
    assert os.strerror(getattr(errno, number)) in line and ERRORS[number] in line, line
    assert line.endswith("the previous site was left as it was"), line
    assert project.site() == old
    assert project.staging() == []


@pytest.mark.parametrize("first", [True, False], ids=["first build", "rebuild"])
def test_a_full_disk_when_the_staging_folder_is_made(project, first):
    if not first:
        assert project.build().returncode == 0
        project.edit(project.articles()[0], "\n\n", "\n\nA line was added.\n\n")
    old = project.site()
    failed = project.build(hook=_failing("tempfile:mkdtemp", "ENOSPC", 1, inside="._site"))
    assert failed.returncode == 1
    assert "No space left on device" in _one_line(failed)
    assert project.site() == old
    assert project.staging() == []


def test_an_error_half_way_through_putting_files_in_place_puts_the_old_ones_back(project):
    """The rename of the 4th changed file into the site fails: the 3 before are taken back."""
    assert project.build().returncode == 0
    old = project.site()
    for name in project.articles()[:6]:
        project.edit(name, "\n\n", "\n\nA correction.\n\n")
    failed = project.build(hook=_failing("os:replace", "EACCES", 4))
    assert failed.returncode == 1
    line = _one_line(failed)
    assert line.startswith("mythos-site: cannot write _site/") and "Permission denied" in line, line
    assert project.site() == old
    assert project.staging() == []
    again = project.build()
    assert again.returncode == 0 and again.stderr == ""
    assert project.site() == project.clean()


def test_an_error_removing_an_old_page_puts_everything_back(project):
    assert project.build().returncode == 0
    old = project.site()
    (project.content / "articles" / project.articles()[0]).unlink()
    failed = project.build(hook=_failing("os:rename", "EACCES", 1, inside="_site"))
    assert failed.returncode == 1
    assert "Permission denied" in _one_line(failed)
    assert project.site() == old
    assert project.staging() == []
    assert project.build().returncode == 0
    assert project.site() == project.clean()


def test_an_error_reading_a_template_is_one_line(project):
    assert project.build().returncode == 0
    old = project.site()
    (project.folder / "templates" / "base.html").write_text("{# changed #}" + (project.folder / "templates" / "base.html").read_text())
    failed = project.build("--no-cache", hook=_failing("builtins:open", "EMFILE", 1, inside="base.html"))
    assert failed.returncode == 1
    line = _one_line(failed)
    assert "Too many open files" in line and "ulimit" in line, line
    assert project.site() == old
    assert project.staging() == []


def test_an_article_that_cannot_be_read_is_named_at_its_line(project):
    """Reading an article is the loader's: the problem is shown as every content problem is."""
    assert project.build().returncode == 0
    old = project.site()
    name = project.articles()[1]
    failed = project.build("--no-cache", hook=_failing("pathlib:Path.read_bytes", "EACCES", 1, inside=name))
    assert failed.returncode == 1
    no_traceback(failed)
    assert f"content/articles/{name}:1: the file cannot be read (permission denied)" in failed.stderr, failed.stderr
    assert project.site() == old
    assert project.staging() == []


def test_an_output_path_that_is_a_file_is_refused_in_one_line(project):
    (project.folder / "taken").write_text("a file")
    failed = project.build("--out", "taken")
    assert failed.returncode == 1
    assert "is a file, not a folder" in _one_line(failed)
    assert (project.folder / "taken").read_text() == "a file"
    assert sorted(path.name for path in project.folder.iterdir()) == ["content", "taken", "templates"]
