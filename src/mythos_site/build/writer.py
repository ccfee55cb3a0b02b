"""Write the site, all or nothing, and only the files whose bytes changed.

Files arrive one at a time, as they are rendered, and go into a staging folder beside the site;
nothing in the site changes until every page, feed and data file is there, so a build that fails
leaves the previous site as it was. A first build renames the staging folder into place; a
rebuild moves each changed file into place by an atomic rename, leaves unchanged files alone
(their times too, for rsync and servers) and removes files the new site no longer has.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

# Written into every built site, so that a rebuild knows the folder is ours to replace.
MARKER = ".mythos-site"
MARKER_TEXT = b"This folder is written by mythos-site; every build replaces it whole.\n"


class OutputError(Exception):
    """The output folder cannot be used; the message says why."""


@dataclass(frozen=True)
class Written:
    written: int
    unchanged: int
    removed: int


class SiteWriter:
    """Takes files one at a time, keeps them aside, and puts them all in place on commit.

    Use it as a context manager: leaving the block without commit() (an error while rendering)
    deletes what was kept aside, and the previous site stays as it was.
    """

    def __init__(self, out_dir: Path, protected: tuple[Path, ...] = (), in_place: set[str] | None = None):
        """in_place: the files in the output folder, when known for certain (the page log checked
        them), so that a commit removes those not kept without looking through the folder."""
        self.out_dir = out_dir.resolve()
        self._in_place = in_place
        check_output_folder(self.out_dir, protected)
        self.updating = self.out_dir.is_dir() and any(self.out_dir.iterdir())
        self.out_dir.parent.mkdir(parents=True, exist_ok=True)
        self.staging = Path(tempfile.mkdtemp(prefix=f".{self.out_dir.name}.new-", dir=self.out_dir.parent))
        self._changed: list[str] = []
        self._kept: set[str] = set()
        self.unchanged = 0
        self.put(MARKER, MARKER_TEXT)

    def __enter__(self) -> SiteWriter:
        return self

    def __exit__(self, *_) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)

    def put(self, relative: str, data: bytes) -> None:
        """A file of the new site; on a rebuild, bytes equal to the file in place are left alone."""
        self._claim(relative)
        if self.updating and _same_bytes(self.out_dir / relative, data):
            self.unchanged += 1
            return
        target = self.staging / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self._changed.append(relative)

    def keep(self, relative: str) -> None:
        """A file of the new site known to be unchanged in place, so never rendered again."""
        self._claim(relative)
        self.unchanged += 1

    @property
    def files(self) -> set[str]:
        """Every file of the new site."""
        return set(self._kept)

    @property
    def changed(self) -> tuple[str, ...]:
        """The files put whose bytes differ from those in place."""
        return tuple(self._changed)

    def location(self, relative: str) -> Path:
        """Where the new site's file is now: kept aside, or in place when it did not change."""
        staged = self.staging / relative
        return staged if staged.is_file() else self.out_dir / relative

    def commit(self) -> Written:
        if not self.updating:
            self.staging.chmod(0o777 & ~_umask())
            if self.out_dir.exists():
                self.out_dir.rmdir()  # empty, or this would be an update
            os.replace(self.staging, self.out_dir)
            return Written(len(self._changed), 0, 0)
        for relative in self._changed:
            _move(self.staging / relative, self.out_dir / relative)
        if self._in_place is None:
            return Written(len(self._changed), self.unchanged, _remove_stale(self.out_dir, self._kept))
        return Written(len(self._changed), self.unchanged, _remove(self.out_dir, self._in_place - self._kept))

    def _claim(self, relative: str) -> None:
        parts = relative.split("/")
        if relative.startswith("/") or ".." in parts or not relative.strip("/."):
            raise OutputError(f"refusing to write {relative!r} outside the output folder")
        self._kept.add(relative)


def _move(source: Path, target: Path) -> None:
    """Rename source to target, making its folder or replacing a folder of that name if need be."""
    try:
        os.replace(source, target)
    except (FileNotFoundError, NotADirectoryError):
        _make_folder(target.parent)
        os.replace(source, target)
    except OSError as error:
        if not os.path.isdir(target) or os.path.islink(target):
            raise error
        shutil.rmtree(target)
        os.replace(source, target)


def _make_folder(folder: Path) -> None:
    """Make the folder, removing a file of the old site that stands where one of its folders goes."""
    try:
        os.makedirs(folder, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        standing = folder
        while not os.path.lexists(standing):
            standing = os.path.dirname(standing)
        if os.path.isdir(standing) and not os.path.islink(standing):
            raise
        os.unlink(standing)
        os.makedirs(folder, exist_ok=True)


def check_output_folder(out_dir: Path, protected: tuple[Path, ...]) -> None:
    """Refuse a folder whose replacement would delete the project or an unrelated folder."""
    for place in (Path.cwd(), Path.home(), *protected):
        place = place.resolve()
        if out_dir == place or place.is_relative_to(out_dir):
            raise OutputError(f"the output folder {out_dir} contains {place}; choose a folder of its own, "
                              "e.g. --out _site")
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"the output path {out_dir} is a file, not a folder")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / MARKER).is_file():
        raise OutputError(f"the output folder {out_dir} holds files that are not a built site; "
                          "empty it or choose another folder with --out")


def _same_bytes(target: Path, data: bytes) -> bool:
    try:
        return target.stat().st_size == len(data) and target.read_bytes() == data
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return False


def _remove_stale(out_dir: Path, keep: set[str]) -> int:
    removed = 0
    for folder, folders, files in os.walk(out_dir, topdown=False):
        relative = os.path.relpath(folder, out_dir)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        for name in files + [name for name in folders if os.path.islink(os.path.join(folder, name))]:
            if prefix + name not in keep:
                os.unlink(os.path.join(folder, name))
                removed += 1
        if prefix and not os.listdir(folder):
            os.rmdir(folder)
    return removed


def link_file(source: Path, target: Path) -> None:
    """The same file in a second place: a hard link where the file system allows one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _remove(out_dir: Path, stale: set[str]) -> int:
    """Remove these files, and the folders they leave empty."""
    folders = set()
    for relative in stale:
        try:
            os.unlink(out_dir / relative)
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):  # a new file or folder took its place
            pass
        folders.update(Path(relative).parents)
    for folder in sorted(folders, key=lambda folder: len(folder.parts), reverse=True):
        if folder.parts and (out_dir / folder).is_dir() and not any((out_dir / folder).iterdir()):
            (out_dir / folder).rmdir()
    return len(stale)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
