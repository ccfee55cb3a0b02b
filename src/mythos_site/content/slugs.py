"""Slugs: the plain names that articles and tags get in URLs."""

from __future__ import annotations

import re
import unicodedata

# Names that Windows file systems refuse as a folder name.
RESERVED = frozenset({"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(10)} | {f"lpt{i}" for i in range(10)})
# In bytes of UTF-8: a slug names a folder, and file systems allow 255 bytes a name (a CJK
# character takes three). Well under, so that a percent-encoded address stays readable.
MAX_SLUG_BYTES = 120


def slugify(text: str) -> str:
    """Lower-case words joined by hyphens; any script is kept, accents on Latin letters dropped."""
    kept: list[str] = []
    for ch in unicodedata.normalize("NFKD", str(text)):
        if unicodedata.combining(ch) and kept and kept[-1].isascii():
            continue
        kept.append(ch)
    words, current = [], []
    for ch in unicodedata.normalize("NFC", "".join(kept)).lower():
        if ch.isalnum() or unicodedata.category(ch).startswith("M"):
            current.append(ch)
        elif current:
            words.append("".join(current))
            current = []
    words.append("".join(current))
    return clip("-".join(word for word in words if word)).strip("-")


def clip(slug: str) -> str:
    """The slug cut to MAX_SLUG_BYTES, never inside a character."""
    return slug.encode()[:MAX_SLUG_BYTES].decode(errors="ignore")


def is_plain(slug: str) -> bool:
    """A name that is safe as one folder of the site: no dots, slashes, spaces or reserved names."""
    return bool(slug) and slugify(slug) == slug and slug not in RESERVED


# The symbols that tell one tag from another ("C", "C++", "C#", "F#"), spelt out where they close a word.
TAG_SYMBOLS = ((re.compile(r"(?<=[^\W_])#"), " sharp "), (re.compile(r"(?<=[^\W_]|\+)\+"), " plus "))


def tag_slug(name: str) -> str:
    """A tag's slug: as slugify, but "C++" is "c-plus-plus" and "C#" is "c-sharp", not "c"."""
    for pattern, word in TAG_SYMBOLS:
        name = pattern.sub(word, name)
    return slugify(name)
