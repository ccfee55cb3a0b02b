"""The search index: Pagefind run over the pages, in bundles."""

from __future__ import annotations

import locale
from pathlib import Path

from mythos_site.output.search import _index_in


def _one_page(folder: Path) -> None:
    folder.mkdir(parents=True)
    (folder / "index.html").write_text('<html lang="en"><body><h1>Leak</h1><p>A model leaked.</p></body></html>',
                                       encoding="utf-8")


def test_pagefind_is_read_as_utf8_whatever_the_locale(monkeypatch):
    # Pagefind says "↳ Indexing all <body> elements" of such a page: in an ASCII locale that stopped the build.
    monkeypatch.setattr(locale, "getencoding", lambda: "ascii")
    index = _index_in(None, _one_page, "en")
    assert any(name.endswith("pagefind-entry.json") for name in index)
