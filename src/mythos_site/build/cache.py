"""The article cache: parsed and extracted articles by the hash of their file, in one SQLite file.

The folder is safe to delete: a build without it parses every article again. Entries are keyed
by the file's bytes, its place in the content folder, the site's time zone and the code of this
package, so a change to any of them parses the article afresh.

A cache that cannot be used (see fault_of) never stops a build: one that is damaged, or was
written by a newer version, is set aside (set_aside) and the build starts a fresh one; one that
is busy, or on a disk that is full or read-only, is left as it is and the build goes on without.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import sqlite3
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CACHE_FILE = "articles.sqlite3"
SET_ASIDE = "articles.sqlite3.broken"  # where a damaged cache file goes (the last one only)
CACHE_VERSION = 1  # the file's user_version; a cache from a version with a higher one is not read


class CacheFault(Exception):
    """The cache cannot be used; `broken` when it is damaged or foreign, and is to be set aside."""

    def __init__(self, path: Path, reason: str, broken: bool):
        super().__init__(reason)
        self.path, self.reason, self.broken = path, reason, broken


def connect(folder: Path) -> sqlite3.Connection:
    """The cache file of this folder, made if need be; CacheFault if it is not one this version reads."""
    folder.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(folder / CACHE_FILE)
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > CACHE_VERSION:
            raise CacheFault(folder / CACHE_FILE, f"it was written by a newer version of mythos-site "
                             f"(cache version {version})", broken=True)
        if version < CACHE_VERSION:
            db.execute(f"PRAGMA user_version = {CACHE_VERSION}")
    except BaseException:
        db.close()
        raise
    return db


# What SQLite says of a file it cannot use for the moment, or on this disk; anything else is damage.
_PASSING = ("locked", "busy", "full", "readonly", "read-only", "unable to open", "disk i/o", "out of memory",
            "authorization")


def fault_of(error: BaseException, folder: Path) -> CacheFault | None:
    """What an error says of the cache in this folder: a CacheFault, or None if it is not about the cache."""
    if isinstance(error, CacheFault):
        return error
    path = folder / CACHE_FILE
    if isinstance(error, sqlite3.Error):
        reason = str(error) or type(error).__name__
        passing = isinstance(error, sqlite3.OperationalError) and any(word in reason.lower() for word in _PASSING)
        return CacheFault(path, reason, broken=not passing)
    if isinstance(error, OSError) and error.filename is not None:
        try:
            inside = Path(os.fsdecode(error.filename)).resolve().is_relative_to(folder.resolve())
        except (OSError, ValueError, TypeError):
            inside = False
        if inside:
            return CacheFault(Path(os.fsdecode(error.filename)), error.strerror or str(error), broken=False)
    return None


def set_aside(folder: Path) -> Path | None:
    """Move a damaged cache file out of the way (with its journal, which belongs to it), replacing
    the one set aside before; where it went, or None if it could not be moved."""
    kept = folder / SET_ASIDE
    try:
        os.replace(folder / CACHE_FILE, kept)
    except FileNotFoundError:
        kept = None
    except OSError:
        return None
    for suffix in ("-journal", "-wal", "-shm"):
        try:
            if kept is None:
                os.unlink(folder / (CACHE_FILE + suffix))
            else:
                os.replace(folder / (CACHE_FILE + suffix), folder / (SET_ASIDE + suffix))
        except FileNotFoundError:
            if kept is not None:
                try:
                    os.unlink(folder / (SET_ASIDE + suffix))  # an older one's, not this file's
                except OSError:
                    pass
        except OSError:
            pass
    return kept


class ArticleCache:
    """Values by key in one table of the cache file: whole articles as parsed and extracted ("entry"),
    or matched and slimmed ("matched"). Only the entries a build used are kept when it closes."""

    def __init__(self, folder: Path, table: str = "entry", db: sqlite3.Connection | None = None):
        """`db`: a connection another table's cache opened, so one build writes through one connection."""
        self._db = db or connect(folder)
        self._owner = db is None
        self._table = table
        self._db.execute(f"CREATE TABLE IF NOT EXISTS {table} (key TEXT PRIMARY KEY, value BLOB NOT NULL)")
        self._used: set[str] = set()

    def beside(self, table: str) -> ArticleCache:
        """A cache of another table in the same file and connection; close it before this one."""
        return ArticleCache(Path(), table, self._db)

    def get(self, key: str):
        self._used.add(key)
        row = self._db.execute(f"SELECT value FROM {self._table} WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            return pickle.loads(row[0])
        except Exception:  # an entry from another version of the records: parse again
            return None

    def get_many(self, keys: list[str]) -> dict:
        """The values found for these keys, in one query: key -> value."""
        self._used.update(keys)
        rows = self._db.execute(f"SELECT key, value FROM {self._table} WHERE key IN ({','.join('?' * len(keys))})",
                                keys).fetchall() if keys else []
        found = {}
        for key, value in rows:
            try:
                found[key] = pickle.loads(value)
            except Exception:  # an entry from another version of the records: parse again
                pass
        return found

    def put(self, key: str, value) -> None:
        self.put_packed(key, pickle.dumps(value, protocol=5))

    def put_packed(self, key: str, packed: bytes) -> None:
        """Put a value already pickled (by a worker process)."""
        self._used.add(key)
        self._db.execute(f"INSERT OR REPLACE INTO {self._table} VALUES (?, ?)", (key, packed))

    def keep(self, key: str) -> None:
        """Keep the entry when the cache closes, though this build did not read it."""
        self._used.add(key)

    def close(self, prune: bool = True) -> None:
        """Keep only the entries this build used, so the file does not grow with every edit (unless
        the build read only a few: a patch of the last build)."""
        if prune:
            self._prune()
        self._db.commit()
        if self._owner:
            self._db.close()

    def _prune(self) -> None:
        self._db.execute("CREATE TEMP TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY)")
        self._db.execute("DELETE FROM used")
        self._db.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((key,) for key in self._used))
        self._db.execute(f"DELETE FROM {self._table} WHERE key NOT IN (SELECT key FROM used)")


def content_digest(name: str, data: bytes, zone: str) -> str:
    """What an article record is parsed from: its file's bytes and place, the time zone and the
    code that parses it."""
    digest = hashlib.sha256()
    for part in (parser_version().encode(), name.encode("utf-8"), zone.encode(), data):
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()


@cache
def code_version() -> str:
    """A hash of this package's code, every subpackage included: what a page or a whole build depends on."""
    return _version(sorted(_module_name(path) for path in PACKAGE.rglob("*.py")))


@cache
def parser_version() -> str:
    """A hash of the code that makes an article record: the collect stage and every module it
    imports, in whatever subpackage. A new parser never reuses an old record; a change to the
    pages keeps them all."""
    return _version(sorted(_imported_by("build.collect")))


PACKAGE = Path(__file__).resolve().parents[1]
_IMPORT = re.compile(r"^\s*(?:from mythos_site\.([\w.]+) import ([\w, ]+)|import mythos_site\.([\w.]+))", re.MULTILINE)


def _module_name(path: Path) -> str:
    """'build.cache' for build/cache.py, 'content' for content/__init__.py."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _source(name: str) -> Path | None:
    """The file of a module of this package, by its dotted name under mythos_site."""
    base = PACKAGE.joinpath(*name.split(".")) if name else PACKAGE
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def _imported_by(module: str) -> set[str]:
    """The module and every module of this package it imports, directly or not, through any
    subpackage (read from the source: `from mythos_site.a.b import c` names a.b, and a.b.c when c
    is a module)."""
    found, todo = set(), [module]
    while todo:
        name = todo.pop()
        if name in found or _source(name) is None:
            continue
        found.add(name)
        for dotted, names, plain in _IMPORT.findall(_source(name).read_text(encoding="utf-8")):
            target = dotted or plain
            todo.append(target)
            todo += [f"{target}.{item.strip().split(' ')[0]}" for item in names.split(",") if item.strip()]
            parent = target.rpartition(".")[0]
            if parent:
                todo.append(parent)  # a subpackage's __init__ runs when one of its modules is imported
    return found


def _version(modules: list[str]) -> str:
    digest = hashlib.sha256()
    for name in modules:
        digest.update(name.encode() + b"\0" + _source(name).read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class LastBuild:
    """What a build was made of (its ledger: see ledger.py), when it goes out of date by itself
    (a scheduled article's time), and its report, to repeat when nothing changed."""

    ledger: object
    until: float | None
    report: object


class PageLog:
    """What the last build left in one output folder: for every file, its size and time as written,
    and for every page the fingerprint it was rendered from; for every article page, its links to
    the rest of the story; and what the whole build was made of (its ledger, see ledger.py).

    A page whose fingerprint is unchanged, and whose file is still in place as written (same size
    and time), is not rendered again. A build whose inputs are all unchanged, over an output
    folder exactly as the last build left it, has nothing to do; one whose only changes are to
    article bodies patches the last build (see patch.py).
    """

    def __init__(self, folder: Path, out_dir: Path):
        self._db = connect(folder)
        try:
            self._db.execute("CREATE TABLE IF NOT EXISTS page (site TEXT, path TEXT, fingerprint BLOB, hash TEXT, "
                             "size INTEGER, mtime INTEGER, PRIMARY KEY (site, path))")
            self._db.execute("DROP TABLE IF EXISTS build")  # what earlier versions kept in place of `made`
            self._db.execute("CREATE TABLE IF NOT EXISTS made (site TEXT PRIMARY KEY, ledger BLOB, until REAL, "
                             "report BLOB)")
            self._db.execute("CREATE TABLE IF NOT EXISTS links (site TEXT, path TEXT, value BLOB, "
                             "PRIMARY KEY (site, path))")
            self._site = str(out_dir.resolve())
            self.old = {path: (fingerprint, digest, size, mtime) for path, fingerprint, digest, size, mtime
                        in self._db.execute("SELECT path, fingerprint, hash, size, mtime FROM page WHERE site = ?",
                                            (self._site,))}
        except BaseException:
            self._db.close()
            raise

    def unchanged(self, path: str, fingerprint: bytes, out_dir: Path) -> str | None:
        """The hash of the page in place when it was rendered from this fingerprint, else None."""
        found = self.old.get(path)
        if found is None or found[0] != fingerprint:
            return None
        try:
            stat = os.stat(os.path.join(out_dir, path))
        except OSError:
            return None
        return found[1] if (stat.st_size, stat.st_mtime_ns) == (found[2], found[3]) else None

    def last(self, now: float) -> LastBuild | None:
        """What the last build was made of, unless a scheduled article has come due since."""
        row = self._db.execute("SELECT ledger, until, report FROM made WHERE site = ?", (self._site,)).fetchone()
        if row is None or (row[1] is not None and now >= row[1]):
            return None
        try:
            return LastBuild(pickle.loads(row[0]), row[1], pickle.loads(row[2]))
        except Exception:
            return None

    def stands(self, out_dir: Path) -> bool:
        """The output folder is as the last build left it: no file added, removed or touched."""
        return bool(self.old) and _folder_is(out_dir, self.old)

    def links(self, path: str) -> bytes | None:
        row = self._db.execute("SELECT value FROM links WHERE site = ? AND path = ?", (self._site, path)).fetchone()
        return row[0] if row else None

    def save(self, pages: dict[str, tuple[bytes, str]], files: set[str], out_dir: Path, made: LastBuild | None,
             links: dict[str, bytes]) -> None:
        """Record the site now in place: every file, each page's fingerprint and the hash of its bytes
        (path -> (fingerprint, hash)), the links of the article pages rendered, and what the build
        was made from (None: nothing to reuse)."""
        self._db.execute("DELETE FROM page WHERE site = ?", (self._site,))
        self._db.executemany("INSERT INTO page VALUES (?, ?, ?, ?, ?, ?)",
                             self._rows(files, pages, out_dir))
        self._db.execute("DELETE FROM links WHERE site = ? AND path NOT IN (SELECT path FROM page WHERE site = ?)",
                         (self._site, self._site))
        self._put_links(links)
        self._made(made)

    def update(self, pages: dict[str, tuple[bytes, str]], changed: set[str], removed: set[str], out_dir: Path,
               made: LastBuild, links: dict[str, bytes]) -> None:
        """Record a patch of the site in place: only the files it wrote and removed."""
        self._db.executemany("DELETE FROM page WHERE site = ? AND path = ?", ((self._site, path) for path in removed))
        self._db.executemany("INSERT OR REPLACE INTO page VALUES (?, ?, ?, ?, ?, ?)",
                             self._rows(changed, pages, out_dir))
        self._put_links(links)
        self._made(made)

    def _rows(self, files, pages: dict[str, tuple[bytes, str]], out_dir: Path):
        for path in files:
            stat = os.stat(os.path.join(out_dir, path))
            fingerprint, digest = pages.get(path, (b"", ""))
            yield self._site, path, fingerprint, digest, stat.st_size, stat.st_mtime_ns

    def _put_links(self, links: dict[str, bytes]) -> None:
        self._db.executemany("INSERT OR REPLACE INTO links VALUES (?, ?, ?)",
                             ((self._site, path, value) for path, value in links.items()))

    def _made(self, made: LastBuild | None) -> None:
        self._db.execute("DELETE FROM made WHERE site = ?", (self._site,))
        if made is not None:
            self._db.execute("INSERT INTO made VALUES (?, ?, ?, ?)", (self._site, pickle.dumps(made.ledger, protocol=5),
                                                                      made.until, pickle.dumps(made.report, protocol=5)))
        self._db.commit()

    def close(self) -> None:
        self._db.close()


def _folder_is(out_dir: Path, files: dict[str, tuple]) -> bool:
    """The folder holds exactly these files, each with its recorded size and time."""
    found, todo = 0, [(str(out_dir), "")]
    while todo:
        folder, prefix = todo.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return False
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                todo.append((entry.path, f"{prefix}{entry.name}/"))
                continue
            recorded = files.get(prefix + entry.name)
            try:
                if recorded is None or entry.is_symlink():
                    return False
                stat = entry.stat()
            except OSError:
                return False
            if (stat.st_size, stat.st_mtime_ns) != (recorded[2], recorded[3]):
                return False
            found += 1
    return found == len(files)
