"""Write the site: build everything in a staging folder, then swap it in whole.

A build that fails never touches the previous site: nothing is written until every page and
feed has been rendered in memory, and the old folder is replaced only by a finished new one.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


# Written into every built site, so that a rebuild knows the folder is ours to replace.
MARKER = ".mythos-site"
MARKER_TEXT = b"This folder is written by mythos-site; every build replaces it whole.\n"


class OutputError(Exception):
    """The output folder cannot be used; the message says why."""


def write_site(files: dict[str, bytes], out_dir: Path, protected: tuple[Path, ...] = ()) -> None:
    out_dir = out_dir.resolve()
    check_output_folder(out_dir, protected)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    try:
        staging.chmod(0o777 & ~_umask())
        for relative, data in sorted({**files, MARKER: MARKER_TEXT}.items()):
            target = (staging / relative).resolve()
            if not target.is_relative_to(staging.resolve()):
                raise OutputError(f"refusing to write {relative!r} outside the output folder")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        _swap_in(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


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


def _swap_in(staging: Path, out_dir: Path) -> None:
    if not out_dir.exists():
        os.replace(staging, out_dir)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
    old.rmdir()
    os.replace(out_dir, old)
    try:
        os.replace(staging, out_dir)
    except BaseException:
        os.replace(old, out_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
