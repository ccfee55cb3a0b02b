"""Render the search index: Pagefind indexes the article pages, and an entry for each event,
quotation and person, into static files under /pagefind/<n>/.

Pagefind runs when its package (`pagefind[bin]`) is installed; without it the site is built
without search, and the search page says so. Each bundle's output is kept in the cache by the hash
of the pages it indexes, so a build indexes again only the bundles whose pages changed.
"""

from __future__ import annotations

import fnmatch
import hashlib
import html
import math
import os
import pickle
import subprocess
import threading
import sys
import tempfile
from collections.abc import Callable, Collection, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from mythos_site import urls
from mythos_site.output.story_views import date_label
from mythos_site.output.views import quote_carriers, quote_pages
from mythos_site.site_records import Site

INDEX_FOLDER = "pagefind"
TIMEOUT_SECONDS = 600
# What the search page's script fetches of a bundle: the first bundle also lends the code.
INDEX_FILES = ("pagefind-entry.json", "*.pf_meta", "index/*", "fragment/*", "filter/*")
CODE_FILES = ("pagefind.js", "pagefind-worker.js", "wasm.*.pagefind")
MEMORY_FOLDER = "/dev/shm"
MEMORY_ROOM = 256 * 1024 * 1024  # a bundle's pages and output are about 10 MB; two are made at once


def search_available() -> bool:
    try:
        import pagefind_bin  # noqa: F401  (ships the Pagefind binary)
    except ImportError:
        return False
    return True


@dataclass(frozen=True)
class Bundling:
    """How the article pages are split into Pagefind indexes (bundles), merged by the search page.

    `pages`: pages per bundle, about, at most. Smaller bundles make a correction's re-index quicker
    (about 2.3 ms a page); more of them make a reader's search fetch more: each bundle's metadata,
    and for each word searched one index chunk of about 25 KB whatever the bundle's size (the
    WebAssembly comes once, from the first bundle). 10,000 articles make 32 bundles, and the first.
    `recent`: the newest articles, those an editor corrects most, have the first bundle to
    themselves: a correction to one of them re-indexes this many pages, not a whole bundle."""

    pages: int = 320
    recent: int = 48

    def count(self, pages: int) -> int:
        """A power of two, so the count (and with it every page's bundle) changes only when the
        site doubles: adding one article re-indexes one bundle, not all of them. A bundle holds
        about `self.pages` pages at most (pages are spread by hash), half as many after a doubling."""
        return 1 << max(0, math.ceil(math.log2(max(1, math.ceil(pages / self.pages)))))

    def recent_of(self, newest_first: Sequence[str]) -> tuple[str, ...]:
        """The pages of the first bundle: the newest `self.recent`."""
        return tuple(newest_first[: self.recent])

    def split(self, pages: Collection[str], recent: Collection[str]) -> list[list[str]]:
        """The pages of each bundle, each list sorted: first the recent pages, then the older ones
        spread by hash over count() of them. Adding the newest article changes two bundles: the
        first, and the one the article it pushes out of the first joins."""
        older = sorted(set(pages).difference(recent))
        count = self.count(len(older)) if older else 0
        bundles: list[list[str]] = [sorted(recent)] + [[] for _ in range(count)]
        for path in older:
            bundles[1 + bundle_of(path, count)].append(path)
        return bundles

    def total(self, pages: int) -> int:
        """How many bundles split() makes of this many pages."""
        return 1 + (self.count(pages - self.recent) if pages > self.recent else 0)


BUNDLING = Bundling()


def bundle_of(path: str, count: int) -> int:
    """A page's bundle, by a hash of its path: a page stays in its bundle while the count holds."""
    return int.from_bytes(hashlib.sha256(path.encode()).digest()[:8], "big") % count


@dataclass(frozen=True)
class Entries:
    """What the search finds besides the articles: the timeline's events, the quotations and the
    people and organisations, each a small page of its own for Pagefind (path -> HTML) that links
    to its place on the site. They make a bundle of their own, after the articles' bundles, keyed
    by a hash of their pages: a correction to an article's text does not index them again.
    A patch knows them by their key alone (`pages` empty): their bundle is in place."""

    key: str = ""  # "": no entries, no bundle
    pages: dict[str, bytes] = field(default_factory=dict)

    @classmethod
    def of(cls, pages: dict[str, bytes], language: str) -> Entries:
        if not pages:
            return cls()
        return cls(_key({path: hashlib.sha256(data).hexdigest() for path, data in pages.items()}, language), pages)

    @classmethod
    def in_place(cls, keys: Sequence[str], articles: int, bundling: Bundling = BUNDLING) -> Entries:
        """The entries of an index in place with these bundle keys, made of this many article pages:
        their bundle, when there is one, follows the articles'."""
        extra = keys[bundling.total(articles):] if articles else ()
        return cls(extra[0]) if extra else cls()


KINDS = {"person": "Person", "organisation": "Organisation"}


def has_entries(site: Site) -> bool:
    return bool(site.timeline.events or site.quote_groups or site.entities)


def search_bundles(site: Site, bundling: Bundling = BUNDLING) -> tuple[int, int | None]:
    """How many bundles the search page merges, and the number of the entries' bundle (see
    Entries), which follows the articles', or None."""
    articles = bundling.total(len(site.articles))
    if site.articles and has_entries(site):
        return articles + 1, articles
    return articles, None


def search_entries(site: Site) -> dict[str, bytes]:
    """An entry for each event of the timeline, each quotation of the quotes list and each person
    or organisation, as the page Pagefind indexes (see Entries): its words, its kind, and the
    place it links to, from the site's root."""
    language = site.config.language
    entries: dict[str, bytes] = {}
    for item in site.timeline.events:
        event = item.event
        when = date_label(event.start, event.end, event.precision)
        entries[f"event/{event.id}/index.html"] = _entry(
            language, "Event", event.headline, urls.event(event.id), (event.headline, event.text),
            when + (" · date disputed" if item.disputed else ""))
    pages, _ = quote_pages(site, quote_carriers(site))
    for listing, sections in pages:
        folder = listing.path.removesuffix("index.html")
        for section in sections:
            for group in section.groups:
                words = group.text.rstrip(",;: ")  # as the quotes list shows them
                entries[f"quote/{group.id}/index.html"] = _entry(
                    language, "Quote", f"“{_shortened(words)}”", f"{folder}#{group.id}", (f"“{words}”",),
                    section.name)  # found by its words: its speaker's page lists it too
    for item in site.entities:
        entity = item.entity
        also = (f"Also named as {', '.join(entity.aliases)}.",) if entity.aliases else ()
        entries[f"person/{entity.id}/index.html"] = _entry(
            language, KINDS.get(entity.kind, "Person"), entity.name, urls.person(entity.id),
            (entity.name, entity.role, *also))  # the excerpt shows their role
    return entries


def _entry(language: str, kind: str, title: str, href: str, text: tuple[str, ...], detail: str = "") -> bytes:
    """One entry's page: its text is what Pagefind indexes; its kind, place, title and detail
    (a date, a speaker, a role) are metadata the search page shows with the result."""
    escape = html.escape
    paragraphs = "".join(f"<p>{escape(line)}</p>" for line in text)
    metadata = "".join(f'<span data-pagefind-meta="{name}[data-{name}]" data-{name}="{escape(value)}"></span>'
                       for name, value in (("kind", kind), ("href", href), ("title", title), ("detail", detail)) if value)
    return (f'<!DOCTYPE html><html lang="{escape(language)}"><head><meta charset="utf-8"><title>{escape(title)}'
            f'</title></head><body><main data-pagefind-body>{paragraphs}{metadata}</main></body></html>').encode()


def _shortened(words: str, most: int = 12) -> str:
    """A quotation's first words, for the title of its result."""
    split = words.split()
    return words if len(split) <= most else " ".join(split[:most]).rstrip(",;:.") + "…"


@dataclass(frozen=True)
class SearchIndex:
    keys: tuple[str, ...]  # each bundle's key: a hash of its pages
    files: Iterator[tuple[str, bytes]]  # (output path, bytes) of the bundles not already in place
    redone: tuple[str, ...] = ()  # the folders of the bundles that were not in place


def render_search_index(pages: dict[str, str], recent: Collection[str], language: str, cache_dir: Path | None,
                        lay_out: Callable[[Path, list[str]], None],
                        work_dir: Path | None = None, in_place: frozenset[str] = frozenset(),
                        bundling: Bundling = BUNDLING, entries: Entries = Entries()) -> SearchIndex:
    """The Pagefind bundles for these pages (output path -> hash of what Pagefind reads of them),
    of which recent (see Bundling.recent_of) make the first bundle, and the entries' bundle after
    them (see Entries).

    The pages are split into bundles (see Bundling.split), each indexed on its own under
    pagefind/<n>/ and merged by the search page: Pagefind's memory grows with the pages it
    indexes at once, and a rebuild indexes again only the bundles whose pages changed.
    lay_out(folder, paths) puts those pages into folder under their output paths. Bundles whose
    key is in_place are in the output folder already, and are left out of the files.

    Every bundle is indexed before this returns, so a failure leaves no half index. With a cache,
    bundles are kept there and read back one at a time: at 10,000 articles the index is 80 MB.
    """
    if not pages or not search_available():
        return SearchIndex((), iter(()))
    bundles = bundling.split(pages, recent)
    keys = [_key({path: pages[path] for path in paths}, language) for paths in bundles]
    if entries.key:
        keys.append(entries.key)
    count = len(keys)
    wanted = [number for number in range(count) if keys[number] not in in_place]

    def put(folder: Path, number: int) -> None:
        if number < len(bundles):
            lay_out(folder, bundles[number])
        elif entries.pages:
            for path, data in entries.pages.items():
                (folder / path).parent.mkdir(parents=True, exist_ok=True)
                (folder / path).write_bytes(data)
        else:  # known by its key alone, and not in place after all
            raise SearchError("the entries' bundle is not in place")

    def bundle(number: int) -> dict[str, bytes] | Path:
        cached = cache_dir / f"search-{keys[number]}.pickle" if cache_dir else None
        if cached and cached.is_file():
            return cached
        found = _index(lambda folder: put(folder, number), language, work_dir)
        if not cached:
            return found
        cached.write_bytes(pickle.dumps(found, protocol=5))
        return cached

    with ThreadPoolExecutor(max(1, min(2, len(wanted)))) as pool:  # two Pagefind processes at most: memory stays bounded
        indexed = list(pool.map(bundle, wanted))
    if cache_dir:
        for old in cache_dir.glob("search-*.pickle"):
            if old.stem.removeprefix("search-") not in keys:
                old.unlink()

    def files() -> Iterator[tuple[str, bytes]]:
        for number, found in zip(wanted, indexed, strict=True):
            if isinstance(found, Path):
                try:
                    found = pickle.loads(found.read_bytes())
                except Exception:  # damaged since it was written: index the bundle again
                    found = _index(lambda folder: put(folder, number), language, work_dir)
            for name, data in found.items():
                if number == 0 or not _matches(name, CODE_FILES):
                    yield f"{INDEX_FOLDER}/{number}/{name}", data

    return SearchIndex(tuple(keys), files(), tuple(f"{INDEX_FOLDER}/{number}/" for number in wanted))


def _key(pages: dict[str, str], language: str) -> str:
    digest = hashlib.sha256(language.encode())
    for path in sorted(pages):
        digest.update(path.encode() + b"\0" + pages[path].encode())
    return digest.hexdigest()[:32]


def _index(lay_out: Callable[[Path], None], language: str, work_dir: Path | None) -> dict[str, bytes]:
    """Run Pagefind's own command on the pages (far faster than feeding them one by one through its
    Python API): in memory where there is room, else in work_dir."""
    memory = _memory_folder()
    if memory:
        try:
            return _index_in(memory, lay_out, language)
        except (SearchError, OSError):  # no room there after all, say: the disk will do
            pass
    return _index_in(work_dir, lay_out, language)


def _index_in(scratch: Path | None, lay_out: Callable[[Path], None], language: str) -> dict[str, bytes]:
    with tempfile.TemporaryDirectory(dir=scratch) as folder:
        site, output = Path(folder) / "site", Path(folder) / "index"
        lay_out(site)
        command = [*_pagefind(), "--site", str(site), "--output-path", str(output),
                   "--force-language", language.split("-")[0]]
        # Pagefind writes UTF-8 ("↳ Indexing ..."), whatever the locale: read in the locale, a
        # build under LANG=POSIX stopped on it.
        returncode, stdout, stderr = _run(command)
        if returncode != 0:
            raise SearchError(stderr.strip() or stdout.strip() or f"Pagefind stopped ({returncode})")
        names = (p.relative_to(output).as_posix() for p in sorted(output.rglob("*")) if p.is_file())
        # Pagefind's own search interfaces (about 0.5 MB a bundle) are left out: the site has its own.
        return {name: (output / name).read_bytes() for name in names if _matches(name, INDEX_FILES + CODE_FILES)}


_running: set[subprocess.Popen] = set()  # the Pagefind processes at work, for stop_indexing()
_running_lock = threading.Lock()


def _run(command: list[str]) -> tuple[int, str, str]:
    """Pagefind's command run to its end (or its time-out), registered so that a stopped build can
    end it at once instead of waiting for it."""
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, encoding="utf-8",
                          errors="replace") as process:
        with _running_lock:
            _running.add(process)
        try:
            stdout, stderr = process.communicate(timeout=TIMEOUT_SECONDS)
        except BaseException:
            process.kill()
            raise
        finally:
            with _running_lock:
                _running.discard(process)
    return process.returncode, stdout, stderr


def stop_indexing() -> None:
    """End every Pagefind process this build started: Ctrl+C does not wait for the search index."""
    with _running_lock:
        for process in _running:
            process.kill()


def _memory_folder() -> Path | None:
    """A folder held in memory (Linux's /dev/shm) with room to spare, for Pagefind's work: a bundle
    is some 300 pages in as many folders, and as many files out, and making them on a disk's file
    system took a third of Pagefind's time. None where there is no such folder."""
    folder = Path(MEMORY_FOLDER)
    try:
        room = os.statvfs(folder)
    except (OSError, AttributeError):  # no such folder, or no statvfs (Windows)
        return None
    if not os.access(folder, os.W_OK | os.X_OK) or room.f_bavail * room.f_frsize < MEMORY_ROOM:
        return None
    return folder


def _matches(name: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns)


def _pagefind() -> list[str]:
    """Pagefind's binary itself: `python -m pagefind` would start a second interpreter first."""
    try:
        from pagefind_bin import get_executable
        return [str(get_executable())]
    except Exception:  # an older or different packaging of the binary: let Pagefind's module find it
        return [sys.executable, "-m", "pagefind"]


class SearchError(Exception):
    """Pagefind failed; the message is its own."""


def search_key(salt: bytes, digest: str) -> str:
    """What Pagefind indexes of an article page (its data-pagefind-body, less what is marked
    data-pagefind-ignore) comes from the article and the templates alone, so a bundle is indexed
    again only when one of its articles changed, not when a related list did."""
    return hashlib.sha256(salt + digest.encode()).hexdigest()
