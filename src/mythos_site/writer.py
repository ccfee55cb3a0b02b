"""Write the site, all or nothing, and only the files whose bytes changed.

Nothing is written until every page, feed and data file has been rendered in memory, so a
build that fails leaves the previous site as it was. A first build goes into a staging folder
that is then renamed into place; a rebuild replaces each changed file by an atomic rename,
leaves unchanged files alone (their times too, for rsync and servers) and removes files the new
site no longer has.
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


def write_site(files: dict[str, bytes], out_dir: Path, protected: tuple[Path, ...] = ()) -> Written:
    out_dir = out_dir.resolve()
    check_output_folder(out_dir, protected)
    files = {**files, MARKER: MARKER_TEXT}
    _check_paths(files)
    if out_dir.is_dir() and any(out_dir.iterdir()):
        return _update(files, out_dir)
    return _fresh(files, out_dir)


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


def _check_paths(files: dict[str, bytes]) -> None:
    for relative in files:
        parts = Path(relative).parts
        if Path(relative).is_absolute() or ".." in parts or not parts:
            raise OutputError(f"refusing to write {relative!r} outside the output folder")


def _fresh(files: dict[str, bytes], out_dir: Path) -> Written:
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    try:
        staging.chmod(0o777 & ~_umask())
        for relative, data in sorted(files.items()):
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        if out_dir.exists():
            out_dir.rmdir()  # empty, or write_site would have updated it
        os.replace(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Written(len(files), 0, 0)


def _update(files: dict[str, bytes], out_dir: Path) -> Written:
    written = unchanged = 0
    for relative, data in sorted(files.items()):
        target = out_dir / relative
        if _same_bytes(target, data):
            unchanged += 1
            continue
        if target.is_dir():
            shutil.rmtree(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp-{os.getpid()}")
        temporary.write_bytes(data)
        os.replace(temporary, target)
        written += 1
    return Written(written, unchanged, _remove_stale(out_dir, set(files)))


def _same_bytes(target: Path, data: bytes) -> bool:
    try:
        return target.stat().st_size == len(data) and target.read_bytes() == data
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return False


def _remove_stale(out_dir: Path, keep: set[str]) -> int:
    removed = 0
    for path in sorted(out_dir.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        relative = path.relative_to(out_dir).as_posix()
        if path.is_file() or path.is_symlink():
            if relative not in keep:
                path.unlink()
                removed += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return removed


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
