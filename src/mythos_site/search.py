"""Render the search index: Pagefind indexes the article pages into static files under /pagefind/.

Pagefind runs when its package (`pagefind[bin]`) is installed; without it the site is built
without search, and the search page says so. Its output is kept in the cache by the hash of the
pages it indexes, so a build whose articles did not change does not index them again.
"""

from __future__ import annotations

import asyncio
import hashlib
import pickle
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

INDEX_FOLDER = "pagefind"


def search_available() -> bool:
    try:
        import pagefind.index  # noqa: F401
        import pagefind_bin  # noqa: F401
    except ImportError:
        return False
    return True


def render_search_index(pages: dict[str, bytes], language: str, cache_dir: Path | None) -> dict[str, bytes]:
    """The Pagefind bundle for these pages (output path -> bytes), or {} without Pagefind."""
    if not pages or not search_available():
        return {}
    key = _key(pages, language)
    cached = cache_dir / f"search-{key}.pickle" if cache_dir else None
    if cached and cached.is_file():
        return pickle.loads(cached.read_bytes())
    # Pagefind's API is asynchronous; its own thread gives it an event loop even when the caller
    # already runs one (a notebook, a browser test).
    with ThreadPoolExecutor(max_workers=1) as worker:
        files = worker.submit(lambda: asyncio.run(_index(pages, language))).result()
    if cached:
        for old in cache_dir.glob("search-*.pickle"):
            old.unlink()
        cached.write_bytes(pickle.dumps(files, protocol=5))
    return files


def _key(pages: dict[str, bytes], language: str) -> str:
    digest = hashlib.sha256(language.encode())
    for path in sorted(pages):
        digest.update(path.encode() + b"\0" + hashlib.sha256(pages[path]).digest())
    return digest.hexdigest()[:32]


async def _index(pages: dict[str, bytes], language: str) -> dict[str, bytes]:
    from pagefind.index import PagefindIndex

    with tempfile.TemporaryDirectory() as folder:
        # Leaving the context writes the index to `output_path`; without one it would write to the
        # working folder.
        config = {"force_language": language.split("-")[0], "output_path": folder}
        async with PagefindIndex(config=config) as index:
            for path, data in sorted(pages.items()):
                url = "/" + path.removesuffix("index.html")
                await index.add_html_file(content=data.decode("utf-8"), url=url)
        root = Path(folder)
        return {f"{INDEX_FOLDER}/{p.relative_to(root).as_posix()}": p.read_bytes()
                for p in sorted(root.rglob("*")) if p.is_file() and "playground" not in p.parts}
