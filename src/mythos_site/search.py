"""Render the search index: Pagefind indexes the article pages into static files under /pagefind/.

Pagefind runs when its package (`pagefind[bin]`) is installed; without it the site is built
without search, and the search page says so. Its output is kept in the cache by the hash of the
pages it indexes, so a build whose articles did not change does not index them again.
"""

from __future__ import annotations

import hashlib
import pickle
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

INDEX_FOLDER = "pagefind"
TIMEOUT_SECONDS = 600


def search_available() -> bool:
    try:
        import pagefind_bin  # noqa: F401  (ships the Pagefind binary)
    except ImportError:
        return False
    return True


def render_search_index(pages: dict[str, str], language: str, cache_dir: Path | None,
                        lay_out: Callable[[Path], None], work_dir: Path | None = None) -> dict[str, bytes]:
    """The Pagefind bundle (output path -> bytes) for these pages (output path -> hash of their bytes).

    lay_out(folder) puts the pages into folder under their output paths; it is called only when
    the index is not in the cache already.
    """
    if not pages or not search_available():
        return {}
    key = _key(pages, language)
    cached = cache_dir / f"search-{key}.pickle" if cache_dir else None
    if cached and cached.is_file():
        return pickle.loads(cached.read_bytes())
    files = _index(lay_out, language, work_dir)
    if cached:
        for old in cache_dir.glob("search-*.pickle"):
            old.unlink()
        cached.write_bytes(pickle.dumps(files, protocol=5))
    return files


def _key(pages: dict[str, str], language: str) -> str:
    digest = hashlib.sha256(language.encode())
    for path in sorted(pages):
        digest.update(path.encode() + b"\0" + pages[path].encode())
    return digest.hexdigest()[:32]


def _index(lay_out: Callable[[Path], None], language: str, work_dir: Path | None) -> dict[str, bytes]:
    """Run Pagefind's own command on the pages: far faster than feeding them one by one through
    its Python API."""
    with tempfile.TemporaryDirectory(dir=work_dir) as folder:
        site, output = Path(folder) / "site", Path(folder) / "index"
        lay_out(site)
        command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(output),
                   "--force-language", language.split("-")[0]]
        result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
        if result.returncode != 0:
            raise SearchError(result.stderr.strip() or result.stdout.strip())
        return {f"{INDEX_FOLDER}/{p.relative_to(output).as_posix()}": p.read_bytes()
                for p in sorted(output.rglob("*")) if p.is_file()}


class SearchError(Exception):
    """Pagefind failed; the message is its own."""
