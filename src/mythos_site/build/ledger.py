"""What a build was made of, so that the next one tells what changed from file sizes and times,
reading only the article files that changed.

Every input but the article files (the templates, the settings and curated lists, the build's
options, the code) is hashed whole into the frame: they are few and small. Article files are
recorded by size and modification time, with the key of their bytes in the article cache. A file
whose time was too close to the moment it was recorded could have changed again within the file
system's clock resolution unseen, so it is read again next time (as git does with its index).
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from dataclasses import dataclass, replace
from pathlib import Path

from mythos_site.build.cache import code_version, content_digest
from mythos_site.errors import ContentError
from mythos_site.content.sources import MEDIA_DIR, article_names, files_under, read_article_bytes

RACY_NS = 2_000_000_000  # the coarsest file-system clock in use (FAT) ticks every two seconds


@dataclass(frozen=True)
class FileState:
    size: int
    mtime_ns: int
    key: str  # the article's key in the cache: a hash of its bytes, its place, the zone and the parser


@dataclass(frozen=True)
class InputsSnapshot:
    """The inputs as they stand: the frame's hash, and each article file's size and time."""

    frame: str
    taken: int  # time.time_ns() just before the files were looked at
    stats: dict[str, tuple[int, int]]  # relative path -> (size, mtime_ns)
    content_dir: Path


@dataclass(frozen=True)
class Changes:
    changed: dict[str, tuple[Path, bytes, str]]  # relative path -> (path, bytes, key): its bytes changed
    files: dict[str, FileState]  # every article file as it stands now


@dataclass(frozen=True)
class Ledger:
    frame: str
    zone: str
    taken: int
    files: dict[str, FileState]  # every article file, by its path relative to the content folder
    pages: dict[str, str]  # relative path -> its page, for the articles on the site
    feed: tuple[str, ...]  # relative paths of the articles the feeds carry, newest first
    bundles: tuple[str, ...]  # the keys of the search bundles in place
    recent: tuple[str, ...]  # the pages of the first search bundle (see search.recent_pages)

    @classmethod
    def of(cls, look: InputsSnapshot, zone: str, files: tuple[tuple[str, str], ...], pages: dict[str, str],
           feed: tuple[str, ...], bundles: tuple[str, ...], recent: tuple[str, ...]) -> Ledger | None:
        """The ledger of a build that read these files ((relative path, key) each), with these
        pages (key -> page) and this feed (keys, newest first); None if a file came or went while
        it ran."""
        if {name for name, _ in files} != look.stats.keys():
            return None
        name_of = {key: name for name, key in files}
        return cls(look.frame, zone, look.taken, {name: FileState(*look.stats[name], key) for name, key in files},
                   {name_of[key]: page for key, page in pages.items()}, tuple(name_of[key] for key in feed), bundles,
                   recent)

    def changes(self, look: InputsSnapshot) -> Changes | None:
        """The article files whose bytes changed since; None when anything else did (the frame,
        or which article files there are), or a file cannot be read."""
        if look.frame != self.frame or look.stats.keys() != self.files.keys():
            return None
        changed, files = {}, dict(self.files)
        for name, seen in look.stats.items():
            state = self.files[name]
            if seen == (state.size, state.mtime_ns) and state.mtime_ns < self.taken - RACY_NS:
                continue
            path = look.content_dir / name
            try:
                data = read_article_bytes(path, look.content_dir)
            except ContentError:  # the full build reports it
                return None
            key = content_digest(name, data, self.zone)
            files[name] = FileState(*seen, key)
            if key != state.key:
                changed[name] = (path, data, key)
        return Changes(changed, files)

    def settled(self, content_dir: Path) -> Ledger:
        """This ledger taken again now, if the files too recent to trust when it was taken still
        hold the bytes it records and have since grown old enough: the next build then need not
        read them. A build that follows an editor's save (or a copy of the whole content) by less
        than the clock's tick would otherwise leave the next build reading them all again."""
        now = time.time_ns()
        for name, state in self.files.items():
            if state.mtime_ns < self.taken - RACY_NS:
                continue
            if state.mtime_ns >= now - RACY_NS:
                return self
            path = content_dir / name
            try:
                status = os.stat(path)
                if (status.st_size, status.st_mtime_ns) != (state.size, state.mtime_ns):
                    return self
                if content_digest(name, read_article_bytes(path, content_dir), self.zone) != state.key:
                    return self
            except (OSError, ContentError):
                return self
        return replace(self, taken=now)

    def restated(self, look: InputsSnapshot, changes: Changes, bundles: tuple[str, ...] | None = None) -> Ledger:
        return replace(self, taken=look.taken, files=changes.files,
                       bundles=self.bundles if bundles is None else bundles)


def snapshot_inputs(content_dir: Path, templates_dir: Path, settings: str) -> InputsSnapshot | None:
    """None when a file cannot be read: the build then runs in full and says what is wrong."""
    taken = time.time_ns()
    try:
        stats = {}
        for name in article_names(content_dir):
            status = os.stat(os.path.join(content_dir, name))
            stats[name] = (status.st_size, status.st_mtime_ns)
        frame = _frame(content_dir, templates_dir, settings, stats.keys())
    except OSError:
        return None
    return InputsSnapshot(frame, taken, stats, content_dir)


def _frame(content_dir: Path, templates_dir: Path, settings: str, articles) -> str:
    """Everything but the article files: every other file of both folders, the folders in them that
    are links (which the build warns about), the settings, the code."""
    digest = hashlib.sha256((code_version() + settings).encode())
    for folder, skipped in ((content_dir, articles), (templates_dir, ())):
        linked: list[str] = []
        for name in files_under(folder, linked):
            if name not in skipped:
                picture = folder is content_dir and _is_media(name)
                data = _state_of(folder / name) if picture else _bytes_of(folder / name)
                encoded = name.encode("utf-8", "surrogateescape")
                digest.update(len(encoded).to_bytes(8, "big") + encoded + len(data).to_bytes(8, "big") + data)
        digest.update(b"\0links\0" + "\0".join(linked).encode("utf-8", "surrogateescape") + b"\0folder\0")
    return digest.hexdigest()


def _is_media(name: str) -> bool:
    return name.startswith(f"{MEDIA_DIR}/")


def _state_of(path: Path) -> bytes:
    """A picture's size and time: reading every picture at every rebuild would cost more than it tells."""
    status = os.stat(path)
    return f"{status.st_size}:{status.st_mtime_ns}".encode()


def _bytes_of(path: Path) -> bytes:
    """A file's bytes; nothing for a pipe or device, which reading would wait on for ever."""
    return path.read_bytes() if stat.S_ISREG(os.stat(path).st_mode) else b""
