"""Write the site, all or nothing, and only the files whose bytes changed.

Files arrive one at a time, as they are rendered, and go into a staging folder beside the site;
nothing in the site changes until every page, feed and data file is there, so a build that fails
leaves the previous site as it was. A first build renames the staging folder into place; a
rebuild moves each changed file into place by an atomic rename, leaves unchanged files alone
(their times too, for rsync and servers) and removes files the new site no longer has. Should
a rename or a removal fail part of the way (a full disk, a folder that may not be written), the
files already moved are put back as they were, so the previous site stays whole.

The staging folder holds the site's marker file from its start, and loses it last, so that the
staging folder of a build that was killed is known by its name and the marker inside: the next
build into that folder removes it (remove_dead_staging).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

# Written into every built site, so that a rebuild knows the folder is ours to replace.
MARKER = ".mythos-site"
MARKER_TEXT = b"This folder is written by mythos-site; every build replaces it whole.\n"
STAGING = ".new-"  # a staging folder is named .<site>.new-XXXXXXXX, beside the site
SET_ASIDE = ".mythos-site.old"  # in the staging folder: the old site's files a commit replaced, until it is done


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
        self.staging = Path(tempfile.mkdtemp(prefix=f".{self.out_dir.name}{STAGING}", dir=self.out_dir.parent))
        self._changed: list[str] = []
        self._kept: set[str] = set()
        self.unchanged = 0
        try:
            (self.staging / MARKER).write_bytes(MARKER_TEXT)  # first in, last out: see remove_staging
        except OSError as error:
            remove_staging(self.staging)
            raise self._named(error, MARKER) from None
        self._claim(MARKER)
        if self.updating and _same_bytes(self.out_dir / MARKER, MARKER_TEXT):
            self.unchanged += 1
        else:
            self._changed.append(MARKER)

    def __enter__(self) -> SiteWriter:
        return self

    def __exit__(self, *_) -> None:
        remove_staging(self.staging)

    def put(self, relative: str, data: bytes) -> None:
        """A file of the new site; on a rebuild, bytes equal to the file in place are left alone."""
        self._claim(relative)
        if self.updating and _same_bytes(self.out_dir / relative, data):
            self.unchanged += 1
            return
        target = self.staging / relative
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        except OSError as error:
            raise self._named(error, relative) from None
        self._changed.append(relative)

    def _named(self, error: OSError, relative: str) -> OSError:
        """The error, naming the file of the site it was about rather than its place in the staging
        folder (an error while writing names no file at all)."""
        name = error.filename
        staging = str(self.staging)
        if name is None or not isinstance(name, str) or not (name == staging or name.startswith(staging + os.sep)):
            name = str(self.out_dir / relative) if name is None else name
        else:
            name = str(self.out_dir) + name[len(staging):]
        named = OSError(error.errno, error.strerror or str(error), name)
        named.__cause__ = None
        return named

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
            try:
                self.staging.chmod(0o777 & ~_umask())
                if self.out_dir.exists():
                    self.out_dir.rmdir()  # empty, or this would be an update
                os.replace(self.staging, self.out_dir)
            except OSError as error:
                raise self._named(error, "") from None
            return Written(len(self._changed), 0, 0)
        undo = _Undo(self.staging / SET_ASIDE)
        try:
            for relative in self._changed:
                undo.move(self.staging / relative, self.out_dir / relative)
            folders: set[str] = set()
            if self._in_place is None:
                stale = _stale(self.out_dir, self._kept, folders)
            else:
                stale = [relative for relative in self._in_place - self._kept
                         if os.path.lexists(self.out_dir / relative) and not _is_folder(self.out_dir / relative)]
            for relative in stale:
                undo.set_aside(self.out_dir / relative)
        except OSError as error:
            undo.undo()
            raise self._named(error, "") from None
        _remove_empty(self.out_dir, folders | {os.path.dirname(relative) for relative in stale})
        return Written(len(self._changed), self.unchanged, len(stale) if self._in_place is None
                       else len(self._in_place - self._kept))

    def _claim(self, relative: str) -> None:
        parts = relative.split("/")
        if relative.startswith("/") or ".." in parts or not relative.strip("/."):
            raise OutputError(f"refusing to write {relative!r} outside the output folder")
        if parts[0] == SET_ASIDE:
            raise OutputError(f"refusing to write {relative!r}: the name is the build's own")
        self._kept.add(relative)


class _Undo:
    """The moves of a commit, each with the step that takes it back: the old site's files that a
    move replaces or a removal drops are kept aside (a hard link, or the file itself moved) until
    the commit is done, so that an error part of the way puts every one of them back."""

    def __init__(self, aside: Path):
        self._aside = aside
        self._steps: list = []
        self._kept = 0

    def _keep(self, path: Path, link: bool) -> Path:
        if not self._kept:
            os.makedirs(self._aside, exist_ok=True)
        self._kept += 1
        kept = self._aside / str(self._kept)
        if link:
            try:
                os.link(path, kept, follow_symlinks=False)
                return kept
            except OSError:  # no hard links here: the file itself is moved aside for the moment
                pass
        os.rename(path, kept)
        return kept

    def move(self, source: Path, target: Path) -> None:
        """Rename source to target, making its folder or replacing a folder of that name if need be."""
        self._make_folder(target.parent)
        if _is_folder(target):
            kept = self._keep(target, link=False)
            self._steps.append(lambda: os.rename(kept, target))
        elif os.path.lexists(target):
            kept = self._keep(target, link=True)
            self._steps.append(lambda: os.replace(kept, target))
        else:
            self._steps.append(lambda: os.unlink(target))
        try:
            os.replace(source, target)
        except OSError:
            step = self._steps.pop()
            try:
                step()  # the old file or folder back in place (for a new file, there is nothing to take back)
            except OSError:
                pass
            raise

    def set_aside(self, path: Path) -> None:
        """Remove a file of the old site (until the commit is done: it is moved aside)."""
        kept = self._keep(path, link=False)
        self._steps.append(lambda: os.rename(kept, path))

    def _make_folder(self, folder: Path) -> None:
        """Make the folder and those above it, setting aside a file of the old site that stands
        where one of them goes."""
        if _is_folder(folder):
            return
        self._make_folder(folder.parent)
        if os.path.lexists(folder):
            kept = self._keep(folder, link=False)
            self._steps.append(lambda: os.rename(kept, folder))
        os.mkdir(folder)
        self._steps.append(lambda: os.rmdir(folder))

    def undo(self) -> None:
        for step in reversed(self._steps):
            try:
                step()
            except OSError:  # as much as can be put back is
                pass
        self._steps.clear()


def _is_folder(path: Path) -> bool:
    return os.path.isdir(path) and not os.path.islink(path)


def remove_staging(staging: Path) -> None:
    """Remove a staging folder, its marker last (see remove_dead_staging)."""
    try:
        entries = list(os.scandir(staging))
    except OSError:
        return
    for entry in entries:
        if entry.name != MARKER:
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                try:
                    os.unlink(entry.path)
                except OSError:
                    pass
    try:
        os.unlink(staging / MARKER)
    except OSError:
        pass
    try:
        os.rmdir(staging)
    except OSError:
        pass


_STAGING_SUFFIX = re.compile(r"[a-z0-9_]{8}")  # as tempfile.mkdtemp names it


def remove_dead_staging(out_dir: Path) -> list[Path]:
    """Remove the staging folders that builds into out_dir (an absolute path) left when they were
    killed, and return them. Call it holding the output folder's lock (lock.py): every staging
    folder then belongs to a build that is gone. A folder is taken for one only by its name,
    .<site>.new-XXXXXXXX beside the site, and the site's marker file inside it."""
    prefix = f".{out_dir.name}{STAGING}"
    removed = []
    try:
        entries = list(os.scandir(out_dir.parent))
    except OSError:
        return removed
    for entry in entries:
        if not (entry.name.startswith(prefix) and _STAGING_SUFFIX.fullmatch(entry.name[len(prefix):])
                and entry.is_dir(follow_symlinks=False)):
            continue
        try:
            with open(os.path.join(entry.path, MARKER), "rb") as marker:
                if marker.read(len(MARKER_TEXT) + 1) != MARKER_TEXT:
                    continue
        except OSError:
            continue
        remove_staging(Path(entry.path))
        if not os.path.lexists(entry.path):
            removed.append(Path(entry.path))
    return removed


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


def _stale(out_dir: Path, keep: set[str], every_folder: set[str]) -> list[str]:
    """The files (and links) in the folder that are not to be kept; every folder of the site is
    added to every_folder."""
    stale = []
    for folder, folders, files in os.walk(out_dir):
        relative = os.path.relpath(folder, out_dir)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        if prefix:
            every_folder.add(prefix[:-1])
        for name in files + [name for name in folders if os.path.islink(os.path.join(folder, name))]:
            if prefix + name not in keep:
                stale.append(prefix + name)
    return stale


def _remove_empty(out_dir: Path, folders: set[str]) -> None:
    """Remove these folders and those above them in the site, as far as they are empty."""
    every = set()
    for folder in folders:
        while folder:
            every.add(folder)
            folder = os.path.dirname(folder)
    for folder in sorted(every, key=lambda name: name.count("/"), reverse=True):
        try:
            os.rmdir(out_dir / folder)
        except OSError:  # not empty (or gone)
            pass


def link_file(source: Path, target: Path) -> None:
    """The same file in a second place: a hard link where the file system allows one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
