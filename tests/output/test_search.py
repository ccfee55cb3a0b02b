"""The search index: Pagefind run over the pages, in bundles."""

from __future__ import annotations

import html
import locale
import re
from pathlib import Path

import pytest

from mythos_site.output.search import Bundling, Entries, SearchError, _index_in, search_bundles, search_entries


def _one_page(folder: Path) -> None:
    folder.mkdir(parents=True)
    (folder / "index.html").write_text('<html lang="en"><body><h1>Leak</h1><p>A model leaked.</p></body></html>',
                                       encoding="utf-8")


def test_pagefind_is_read_as_utf8_whatever_the_locale(monkeypatch):
    # Pagefind says "↳ Indexing all <body> elements" of such a page: in an ASCII locale that stopped the build.
    monkeypatch.setattr(locale, "getencoding", lambda: "ascii")
    index = _index_in(None, _one_page, "en")
    assert any(name.endswith("pagefind-entry.json") for name in index)


ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def real_site():
    from datetime import datetime, timezone

    from mythos_site.build.options import Options
    from mythos_site.build.pipeline import prepare

    return prepare(ROOT / "content", Options(search=False, cache_dir=None), datetime.now(timezone.utc)).site


def metadata(page: bytes) -> dict[str, str]:
    return {name: html.unescape(value) for name, value in
            re.findall(r'data-pagefind-meta="(\w+)\[data-\1\]" data-\1="([^"]*)"', page.decode())}


def test_every_event_quotation_and_person_is_an_entry_linked_to_its_place(real_site):
    entries = search_entries(real_site)
    assert len(entries) == (len(real_site.timeline.events) + len(real_site.quote_groups)
                            + len(real_site.entities))
    launch = entries["event/glasswing-launch/index.html"]
    assert metadata(launch) == {"kind": "Event", "href": "timeline/#glasswing-launch", "detail": "April 7, 2026",
                                "title": "Anthropic launches Project Glasswing with Claude Mythos Preview"}
    assert b"<main data-pagefind-body><p>Anthropic launches Project Glasswing" in launch
    paz = metadata(entries["person/roy-paz/index.html"])
    assert paz == {"kind": "Person", "href": "people/roy-paz/", "title": "Roy Paz"}
    assert metadata(entries["person/layerx-security/index.html"])["kind"] == "Organisation"
    assert b"Also named as Paz." in entries["person/roy-paz/index.html"]
    disputed = metadata(entries["event/cms-exposure/index.html"])
    assert disputed["detail"].endswith(" · date disputed")
    quotes = {path: metadata(page) for path, page in entries.items() if path.startswith("quote/")}
    assert all(entry["kind"] == "Quote" and re.fullmatch(r"quotes/(page/\d+/)?#q-[0-9a-f]+", entry["href"])
               for entry in quotes.values())
    assert {entry["href"].split("#")[1] for entry in quotes.values()} == {g.id for g in real_site.quote_groups}
    assert all(entry["title"].startswith("“") and entry["title"].endswith(("”", "…”")) for entry in quotes.values())


def test_entries_escape_what_they_show(real_site):
    from dataclasses import replace

    entity = replace(real_site.entities[0].entity, name='A "quoted" <name> & co', aliases=())
    site = replace(real_site, entities=(replace(real_site.entities[0], entity=entity),))
    page = search_entries(site)[f"person/{entity.id}/index.html"]
    assert b"<name>" not in page and b"&lt;name&gt;" in page
    assert metadata(page)["title"] == 'A "quoted" <name> & co'


def test_the_entries_bundle_follows_the_articles_and_a_patch_knows_it_by_its_key(real_site):
    bundling = Bundling(pages=2, recent=2)
    count, entries = search_bundles(real_site, bundling)
    assert (count, entries) == (bundling.total(5) + 1, bundling.total(5)) == (4, 3)
    keys = ("a", "b", "c", "entries-key")
    assert Entries.in_place(keys, 5, bundling) == Entries("entries-key")
    assert Entries.in_place(keys[:3], 5, bundling) == Entries(), "an index made without entries"
    assert Entries.of({}, "en") == Entries()
    one, other = Entries.of({"x": b"1"}, "en"), Entries.of({"x": b"2"}, "en")
    assert one.key and one.key != other.key == Entries.of({"x": b"2"}, "en").key, "keyed by what they hold"


def test_the_entries_are_indexed_as_a_bundle_of_their_own_after_the_articles(tmp_path):
    from tools import require

    from mythos_site.output.search import render_search_index, search_available

    require(search_available(), "Pagefind is not installed")

    def lay_out(folder: Path, paths: list[str]) -> None:
        for path in paths:
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_text('<html lang="en"><body><main data-pagefind-body><h1>Leak</h1>'
                                       '<p>A model leaked.</p></main></body></html>', encoding="utf-8")

    pages = {f"articles/a{n}/index.html": str(n) for n in range(3)}
    entries = Entries.of({"person/p/index.html": b'<html lang="en"><body><main data-pagefind-body><p>Roy Paz</p>'
                                                  b'</main></body></html>'}, "en")
    index = render_search_index(pages, ("articles/a0/index.html",), "en", None, lay_out,
                                bundling=Bundling(pages=2, recent=1), entries=entries)
    files = dict(index.files)
    assert index.keys[-1] == entries.key and len(index.keys) == 3
    assert index.redone == ("pagefind/0/", "pagefind/1/", "pagefind/2/")
    assert "pagefind/0/pagefind.js" in files and "pagefind/2/pagefind.js" not in files
    assert any(name.startswith("pagefind/2/fragment/") for name in files)
    kept = render_search_index(pages, ("articles/a0/index.html",), "en", None, lay_out, in_place=frozenset(index.keys),
                               bundling=Bundling(pages=2, recent=1), entries=Entries(entries.key))
    assert kept.keys == index.keys and kept.redone == () and list(kept.files) == []
    with pytest.raises(SearchError):
        render_search_index(pages, ("articles/a0/index.html",), "en", None, lay_out,
                            bundling=Bundling(pages=2, recent=1), entries=Entries(entries.key))


def test_a_stopped_build_ends_the_pagefind_process_at_work_at_once():
    import sys
    import threading
    import time

    from mythos_site.output import search

    finished = {}

    def index():
        finished["result"] = search._run([sys.executable, "-c", "import time; time.sleep(60)"])

    worker = threading.Thread(target=index)
    started = time.monotonic()
    worker.start()
    while not search._running and time.monotonic() - started < 10:
        time.sleep(0.01)
    search.stop_indexing()
    worker.join(timeout=10)
    assert not worker.is_alive() and time.monotonic() - started < 10
    assert finished["result"][0] != 0 and not search._running
