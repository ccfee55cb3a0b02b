"""The width and height of the site's own pictures, read from the first bytes of their files, and
given to the <img> tags of the article pages: a browser then keeps each picture's place on the
page while it loads, and the text below it does not jump (a layout shift).

The sizes are added when a page is rendered, not to the article's body as parsed: the body is
cached by the article file's hash, and a picture can be replaced without the article changing.
The article page's context holds the sizes of its pictures, so its fingerprint changes with them.
"""

from __future__ import annotations

import html
import re
import struct
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from mythos_site.errors import Problem
from mythos_site.content.media import copied_names, media_name

Size = tuple[int, int]
HEAD = 32  # the signature; and the size itself, but for JPEG and AVIF
MAX_FTYP = 4096  # an AVIF's list of brands, which can run past HEAD
MAX_META = 1_000_000  # an AVIF's item properties take a few hundred bytes; more is no picture
FORMATS = "PNG, JPEG, GIF, WebP or AVIF"


@dataclass(frozen=True)
class Header:
    known: bool  # the file starts as a picture of a format browsers show
    size: Size | None  # (width, height) as a browser shows it; None when it cannot be read


def picture_headers(content_dir: Path, names: Iterable[str]) -> dict[str, Header]:
    """The header of each of these files of content/media/ that is copied to the site."""
    return {name: read_header(content_dir / name) for name in copied_names(content_dir, names)}


def picture_sizes(headers: dict[str, Header]) -> dict[str, Size]:
    return {name: header.size for name, header in headers.items() if header.size}


def broken_pictures(content_dir: Path, headers: dict[str, Header]) -> tuple[Problem, ...]:
    """A warning for each picture whose bytes are no picture's: a browser shows it broken."""
    return tuple(Problem(content_dir / name, 1, f"this file is not a {FORMATS} picture, so readers would see "
                         "a broken picture", "open it in an image viewer; if it shows nothing, save the "
                         "picture again (a download that failed may have saved a web page under its name)",
                         warning=True)
                 for name, header in headers.items() if not header.known)


def shown_sizes(names: Iterable[str], sizes: dict[str, Size]) -> tuple[tuple[str, int, int], ...]:
    """(name, width, height) of each of these pictures whose size is known, once each, in order."""
    return tuple((name, *sizes[name]) for name in dict.fromkeys(names) if name in sizes)


# An <img> of the site's media/ folder, as the article body shows a markdown picture (markup.py):
# sanitised, so every attribute's value is in double quotes and holds no double quote.
LOCAL_IMG = re.compile(r'<img src="\.\./\.\./(media/[^"]*)"((?:\s+[^\s"=>/]+(?:="[^"]*")?)*)\s*/?>')
SIZED = re.compile(r'\s(?:width|height)=')


def with_sizes(body: str, shown: tuple[tuple[str, int, int], ...]) -> str:
    """The body with width and height on each <img> of a picture whose size is in shown."""
    if not shown:
        return body
    sizes = {name: (width, height) for name, width, height in shown}

    def sized(match: re.Match) -> str:
        size = sizes.get(media_name(html.unescape(match[1])) or "")
        if size is None or SIZED.search(match[2]):
            return match[0]
        at = match.end(1) + 1 - match.start()
        return f'{match[0][:at]} width="{size[0]}" height="{size[1]}"{match[0][at:]}'

    return LOCAL_IMG.sub(sized, body)


def read_header(path: Path) -> Header:
    try:
        with open(path, "rb") as file:
            head = file.read(HEAD)
            if head[4:8] == b"ftyp":
                head += file.read(max(0, min(int.from_bytes(head[:4], "big"), MAX_FTYP) - len(head)))
            reader = _reader(head)
            if reader is None:
                return Header(False, None)
            size = reader(file, head)
    except (OSError, ValueError, struct.error, IndexError):
        return Header(True, None)
    return Header(True, size if size and size[0] > 0 and size[1] > 0 else None)


def _reader(head: bytes):
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return _png
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return _gif
    if head.startswith(b"\xff\xd8\xff"):
        return _jpeg
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return _webp
    if head[4:8] == b"ftyp" and _avif_brand(head):
        return _avif
    return None


def _png(file: BinaryIO, head: bytes) -> Size | None:
    return struct.unpack(">II", head[16:24]) if head[12:16] == b"IHDR" else None


def _gif(file: BinaryIO, head: bytes) -> Size:
    return struct.unpack("<HH", head[6:10])  # the logical screen, which every frame is drawn on


def _webp(file: BinaryIO, head: bytes) -> Size | None:
    chunk = head[12:16]
    if chunk == b"VP8 " and head[23:26] == b"\x9d\x01\x2a":  # a key frame's start code
        width, height = struct.unpack("<HH", head[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L" and head[20] == 0x2F:
        bits = int.from_bytes(head[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X":
        return int.from_bytes(head[24:27], "little") + 1, int.from_bytes(head[27:30], "little") + 1
    return None


# Start of frame: baseline, progressive, lossless, arithmetic-coded (C4, C8 and CC are other segments).
JPEG_FRAMES = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})
JPEG_ALONE = frozenset({0x01, *range(0xD0, 0xD9)})  # markers with no length and no data


def _jpeg(file: BinaryIO, head: bytes) -> Size | None:
    """The frame's size, turned as the EXIF orientation says: browsers show a photo upright."""
    file.seek(2)
    turned = False
    while True:
        if file.read(1) != b"\xff":
            return None
        marker = file.read(1)
        while marker == b"\xff":  # fill bytes
            marker = file.read(1)
        if not marker or marker[0] in (0xD9, 0xDA):  # the end, or the picture's data with no frame before it
            return None
        if marker[0] in JPEG_ALONE:
            continue
        length = struct.unpack(">H", file.read(2))[0] - 2
        if length < 0:
            return None
        if marker[0] in JPEG_FRAMES:
            height, width = struct.unpack(">HH", file.read(5)[1:5])
            return (height, width) if turned else (width, height)
        if marker[0] == 0xE1:
            turned = turned or _exif_turned(file.read(length))
        else:
            file.seek(length, 1)


def _exif_turned(segment: bytes) -> bool:
    """Whether the EXIF orientation turns the picture a quarter (orientations 5 to 8)."""
    tiff = segment[6:]
    order = {b"II": "<", b"MM": ">"}.get(tiff[:2])
    if not segment.startswith(b"Exif\0\0") or order is None:
        return False
    try:
        return _orientation(tiff, order) in (5, 6, 7, 8)
    except (struct.error, IndexError):  # an EXIF block cut short: the picture is shown as stored
        return False


def _orientation(tiff: bytes, order: str) -> int:
    first = struct.unpack(order + "I", tiff[4:8])[0]
    count = struct.unpack(order + "H", tiff[first:first + 2])[0]
    for entry in range(first + 2, first + 2 + 12 * count, 12):
        tag, kind = struct.unpack(order + "HH", tiff[entry:entry + 4])
        if tag == 0x0112 and kind == 3:  # Orientation, a short
            return struct.unpack(order + "H", tiff[entry + 8:entry + 10])[0]
    return 1


def _avif_brand(head: bytes) -> bool:
    brands = head[8:min(len(head), int.from_bytes(head[:4], "big"))]
    return any(brands[at:at + 4] in (b"avif", b"avis") for at in range(0, len(brands) - 3, 4))


def _avif(file: BinaryIO, head: bytes) -> Size | None:
    """The primary item's spatial extent ('ispe'), turned by its rotation ('irot'); None when a
    clean aperture ('clap') crops it, rather than guess how."""
    meta = _top_level_box(file, b"meta")
    if meta is None:
        return None
    children: dict[bytes, bytes] = {}
    for kind, body in _boxes(meta, 4):  # meta is a full box: version and flags first
        children.setdefault(kind, body)
    if b"pitm" not in children or b"iprp" not in children:
        return None
    pitm = children[b"pitm"]
    primary = struct.unpack(">H", pitm[4:6])[0] if pitm[0] == 0 else struct.unpack(">I", pitm[4:8])[0]
    properties = _primary_properties(children[b"iprp"], primary)
    if properties is None or b"clap" in properties or b"ispe" not in properties:
        return None
    width, height = struct.unpack(">II", properties[b"ispe"][4:12])
    turns = properties[b"irot"][0] & 3 if b"irot" in properties else 0
    return (height, width) if turns % 2 else (width, height)


def _primary_properties(iprp: bytes, primary: int) -> dict[bytes, bytes] | None:
    """The properties associated with the primary item, by their type."""
    parts = list(_boxes(iprp))
    listed = [body for kind, body in parts if kind == b"ipco"]
    associations = [body for kind, body in parts if kind == b"ipma"]
    if not listed or not associations:
        return None
    properties = list(_boxes(listed[0]))
    ipma = associations[0]
    version, flags = ipma[0], int.from_bytes(ipma[1:4], "big")
    at, found = 8, {}
    for _ in range(struct.unpack(">I", ipma[4:8])[0]):
        item_size = 2 if version < 1 else 4
        item = int.from_bytes(ipma[at:at + item_size], "big")
        count = ipma[at + item_size]
        at += item_size + 1
        index_size = 2 if flags & 1 else 1
        for _ in range(count):
            index = int.from_bytes(ipma[at:at + index_size], "big") & (0x7FFF if index_size == 2 else 0x7F)
            at += index_size
            if item == primary and 0 < index <= len(properties):
                kind, body = properties[index - 1]
                found.setdefault(kind, body)
    return found


def _top_level_box(file: BinaryIO, wanted: bytes) -> bytes | None:
    """The body of the first box of this type at the top of the file, if it is small."""
    start = 0
    while True:
        file.seek(start)
        header = file.read(8)
        if len(header) < 8:
            return None
        size, kind = struct.unpack(">I4s", header)
        skip = 8
        if size == 1:
            size, skip = struct.unpack(">Q", file.read(8))[0], 16
        if kind == wanted:
            length = (size - skip) if size else MAX_META
            return file.read(length) if 0 <= length <= MAX_META else None
        if size < skip:
            return None
        start += size


def _boxes(data: bytes, start: int = 0) -> list[tuple[bytes, bytes]]:
    """(type, body) of each box in data, from start; the boxes up to one that does not fit."""
    found = []
    while start + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[start:start + 8])
        skip = 8
        if size == 1:
            size, skip = struct.unpack(">Q", data[start + 8:start + 16])[0], 16
        elif size == 0:
            size = len(data) - start
        if size < skip or start + size > len(data):
            break
        found.append((kind, data[start + skip:start + size]))
        start += size
    return found
