"""The one error type for problems in an editor's files, and how an error of the system is told."""

from __future__ import annotations

import errno
import os
import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One problem at one place in one file, with a hint at the fix."""

    path: Path
    line: int
    message: str
    hint: str = ""
    warning: bool = False

    def __str__(self) -> str:
        text = f"{display_path(self.path)}:{self.line}: {self.message}"
        if self.warning:
            text = f"{display_path(self.path)}:{self.line}: warning: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


class ContentError(Exception):
    """One or more problems in the content or templates; the build stops on it."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def at(cls, path: Path, line: int, message: str, hint: str = "") -> ContentError:
        return cls([Problem(path, line, message, hint)])


CONTROL = re.compile("[\x00-\x1f\x7f]")


def display_path(path: Path) -> str:
    """The path as an editor typed it: relative to the working folder when it is below it. A link
    is named, not the file it leads to; a name that is not UTF-8 shows its odd bytes as \\xNN, and
    a control character in a name (a newline) is shown so too, keeping each message on its line."""
    shown = os.path.abspath(path)
    try:
        shown = os.path.relpath(shown) if Path(shown).is_relative_to(os.getcwd()) else str(path)
    except (OSError, ValueError):  # no working folder, or another drive
        shown = str(path)
    shown = shown.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return CONTROL.sub(lambda found: f"\\x{ord(found.group()):02x}", shown)


MAX_SHOWN_PER_FILE = 20


def shown(problems) -> list[str]:
    """The problems as printed: at most MAX_SHOWN_PER_FILE for one file, then how many more it has,
    so that a file with the same mistake thousands of times does not bury every other message."""
    seen: dict[Path, int] = {}
    lines = []
    for problem in problems:
        seen[problem.path] = seen.get(problem.path, 0) + 1
        if seen[problem.path] <= MAX_SHOWN_PER_FILE:
            lines.append(str(problem))
    for path, count in seen.items():
        if count > MAX_SHOWN_PER_FILE:
            more = count - MAX_SHOWN_PER_FILE
            lines.append(f"{display_path(path)}: {more:,} more problem{'s' if more != 1 else ''} not shown; "
                         "fix these and run again to see them")
    return lines


_ERRNO_HINTS = (
    (("ENOSPC", "EDQUOT"), "free some space on that disk, or build into a folder on another with --out"),
    (("EACCES", "EPERM"), "check that you may read and write there (the owner and permissions of it "
                          "and of the folders above)"),
    (("EROFS",), "the disk is mounted read-only; build into a folder on another with --out"),
    (("EMFILE", "ENFILE"), "too many files are open at once; raise the limit (e.g. ulimit -n 4096) and "
                           "build again"),
    (("ENAMETOOLONG",), "the path is too long for the file system; shorten the article's slug or tag, "
                        "or build into a folder with a shorter path"),
    (("EILSEQ", "EINVAL"), "the file system refuses this name; give the article or tag a slug of plain "
                           "letters, digits and hyphens, or build onto another file system"),
    (("EIO",), "the disk reported an error reading or writing; check the disk"),
)


def os_problem(error: OSError, read_from: tuple[Path, ...] = ()) -> str:
    """An error of the operating system while reading the content or writing the site, as one
    line: what failed, where, and what to do."""
    name = error.filename
    hint = "check the disk and the folder, then try again"
    for names, text in _ERRNO_HINTS:
        if any(getattr(errno, code, None) == error.errno for code in names):
            hint = text
            break
    reason = (error.strerror or str(error)).rstrip(".")
    if name is None:
        return f"cannot build: {reason}; {hint}"
    path = Path(os.fsdecode(name))
    try:
        reading = any(path.resolve().is_relative_to(folder.resolve()) for folder in read_from)
    except (OSError, ValueError):
        reading = False
    return f"cannot {'read' if reading else 'write'} {display_path(path)}: {reason}; {hint}"
