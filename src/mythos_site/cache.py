"""The article cache: parsed and extracted articles by the hash of their file, in one SQLite file.

The folder is safe to delete: a build without it parses every article again. Entries are keyed
by the file's bytes, its place in the content folder, the site's time zone and the code of this
package, so a change to any of them parses the article afresh.
"""

from __future__ import annotations

import hashlib
import pickle
import sqlite3
from functools import cache
from pathlib import Path

CACHE_FILE = "articles.sqlite3"


class ArticleCache:
    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(folder / CACHE_FILE)
        self._db.execute("CREATE TABLE IF NOT EXISTS entry (key TEXT PRIMARY KEY, value BLOB NOT NULL)")
        self._used: set[str] = set()

    def key(self, name: str, data: bytes, zone: str) -> str:
        digest = hashlib.sha256()
        for part in (code_version().encode(), name.encode("utf-8"), zone.encode(), data):
            digest.update(len(part).to_bytes(8, "big") + part)
        return digest.hexdigest()

    def get(self, key: str):
        self._used.add(key)
        row = self._db.execute("SELECT value FROM entry WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            return pickle.loads(row[0])
        except Exception:  # an entry from another version of the records: parse again
            return None

    def put(self, key: str, value) -> None:
        self._used.add(key)
        self._db.execute("INSERT OR REPLACE INTO entry VALUES (?, ?)", (key, pickle.dumps(value, protocol=5)))

    def close(self) -> None:
        """Keep only the entries this build used, so the file does not grow with every edit."""
        keys = list(self._used)
        self._db.execute("CREATE TEMP TABLE used (key TEXT PRIMARY KEY)")
        self._db.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((key,) for key in keys))
        self._db.execute("DELETE FROM entry WHERE key NOT IN (SELECT key FROM used)")
        self._db.commit()
        self._db.close()


@cache
def code_version() -> str:
    """A hash of this package's code: a new version of the parser never reuses an old result."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()
