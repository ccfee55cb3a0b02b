"""At the scale where builds go parallel and incremental, they stay byte-identical to a clean serial build."""

from __future__ import annotations

import shutil
import threading
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from benchmarks.corpus import added_article, edited, generate, our_article, write_ours
from mythos_site.build import collect
from mythos_site.output import render
from mythos_site.build.incremental import build
from mythos_site.build.options import Options
from mythos_site.build.parallel import Cores

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = 150  # above the thresholds at which parsing and rendering start worker processes


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    generated = generate(ARTICLES)
    write_ours(generated, folder)
    return folder / "content", generated


def clean_serial_build(content: Path, out: Path, monkeypatch) -> dict[str, bytes]:
    build(content, ROOT / "templates", out, Options(search=False, cores=Cores(jobs=1)))
    return snapshot(out)


def test_parallel_cached_and_incremental_builds_equal_a_clean_serial_build(corpus, tmp_path, monkeypatch):
    content, generated = corpus
    options = Options(cache_dir=tmp_path / "cache", search=False, cores=Cores(jobs=2))
    site = tmp_path / "site"
    first = build(content, ROOT / "templates", site, options)
    assert first.read.parsed == ARTICLES
    assert options.cores.workers(ARTICLES, collect.PARSE_MS) == 2
    assert options.cores.workers(first.rendered, render.RENDER_MS) == 2
    assert snapshot(site) == clean_serial_build(content, tmp_path / "serial-1", monkeypatch)

    # An editor corrects one article, retitles another, removes a third and adds a fourth.
    articles = content / "articles"
    newest = max(generated.articles, key=lambda a: a.published)
    (articles / f"{newest.slug}.md").write_text(our_article(edited(newest, 1)), encoding="utf-8")
    retitled = generated.articles[7]
    (articles / f"{retitled.slug}.md").write_text(our_article(replace(retitled, title="A new headline")),
                                                  encoding="utf-8")
    (articles / f"{generated.articles[11].slug}.md").unlink()
    added = added_article(generated)
    (articles / f"{added.slug}.md").write_text(our_article(added), encoding="utf-8")

    second = build(content, ROOT / "templates", site, options)
    assert second.read.parsed == 3
    assert 0 < second.rendered < first.rendered, "pages that show none of the changes are not rendered again"
    rebuilt = snapshot(site)
    assert rebuilt == clean_serial_build(content, tmp_path / "serial-2", monkeypatch)
    assert b"A new headline" in rebuilt[f"articles/{retitled.slug}/index.html"]

    third = build(content, ROOT / "templates", site, options)
    assert (third.read.parsed, third.rendered, third.written.written) == (0, 0, 0)


@pytest.mark.parametrize("newest", [True, False], ids=["newest", "backdated"])
def test_adding_an_article_indexes_again_only_the_search_bundles_it_changes(corpus, tmp_path, monkeypatch, newest):
    from tools import require

    from mythos_site.output import search

    require(search.search_available(), "Pagefind is not installed")
    content, generated = corpus
    # the 48 newest, and about 100 older in 4 bundles
    options = Options(cache_dir=tmp_path / "cache", bundling=search.Bundling(pages=40))
    build(content, ROOT / "templates", tmp_path / "site", options)
    indexed = []
    real_index = search._index
    monkeypatch.setattr(search, "_index", lambda *args: indexed.append(1) or real_index(*args))
    added = replace(added_article(generated), slug="one-more-article")
    if not newest:
        added = replace(added, published=min(a.published for a in generated.articles) - timedelta(days=1))
    (content / "articles" / f"{added.slug}.md").write_text(our_article(added), encoding="utf-8")
    try:
        report = build(content, ROOT / "templates", tmp_path / "site", options)
    finally:
        (content / "articles" / f"{added.slug}.md").unlink()
    assert report.rendered > 1, "the new article shows on other pages too (lists, related coverage)"
    # The newest article joins the first bundle and pushes the oldest of it into another one; its
    # quotations are among the entries (events, quotations, people), whose bundle is indexed again too.
    assert len(indexed) == (2 if newest else 1) + 1


def test_an_edit_to_the_events_matches_again_from_the_cache_without_parsing(corpus, tmp_path, monkeypatch):
    content, _ = corpus
    events = content / "events.yaml"
    original = events.read_text(encoding="utf-8")
    options = Options(cache_dir=tmp_path / "cache", search=False)
    build(content, ROOT / "templates", tmp_path / "site", options)
    first_event = original.index("  - id:")
    events.write_text(original[:first_event] + original[original.index("  - id:", first_event + 1):], encoding="utf-8")
    try:
        report = build(content, ROOT / "templates", tmp_path / "site", options)
        assert report.read.parsed == 0, "the articles are matched again, not parsed again"
        assert snapshot(tmp_path / "site") == clean_serial_build(content, tmp_path / "serial", monkeypatch)
    finally:
        events.write_text(original, encoding="utf-8")


def test_the_assembled_site_holds_no_article_text_but_its_body(corpus, tmp_path):
    """Paragraphs and sentences are let go of once matched: at 10,000 articles they are half the memory."""
    content, _ = corpus
    report = build(content, ROOT / "templates", tmp_path / "site", Options(search=False))
    assert all(a.blocks == () and a.sentences == () and a.body_html for a in report.site.articles)
    assert any(a.events for a in report.site.articles)


def test_parsed_articles_are_kept_across_changes_to_the_pages_code_but_not_the_parsers():
    from mythos_site.build import cache

    parser = cache._imported_by("build.collect")
    assert {"content.loader", "content.markup", "content.sanitize", "extract.article", "extract.quotes",
            "extract.citations", "extract.matching", "records"} <= parser
    assert not {"output.render", "output.views", "output.feeds", "output.data", "build.pipeline", "cli"} & parser
    assert cache.parser_version() != cache.code_version()


def test_an_edit_to_a_module_the_parser_imports_in_a_subpackage_parses_every_article_again(tmp_path, monkeypatch):
    from mythos_site.build import cache

    package = tmp_path / "mythos_site"
    shutil.copytree(Path(cache.__file__).resolve().parents[1], package,
                    ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "PACKAGE", package)

    def versions() -> tuple[str, str]:
        cache.parser_version.cache_clear()
        cache.code_version.cache_clear()
        return cache.parser_version(), cache.code_version()

    try:
        parser, code = versions()
        with (package / "output" / "render.py").open("a", encoding="utf-8") as module:
            module.write("\n# a change to the pages only\n")
        assert versions()[0] == parser and versions()[1] != code
        with (package / "extract" / "mentions.py").open("a", encoding="utf-8") as module:
            module.write("\n# a change to a rule the parser runs\n")
        assert versions()[0] != parser
    finally:
        monkeypatch.undo()
        versions()


def test_compiled_templates_are_kept_and_an_edited_template_is_compiled_again(tmp_path):
    write_ours(generate(3), tmp_path)
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    options = Options(cache_dir=tmp_path / "cache", search=False)
    build(tmp_path / "content", templates, tmp_path / "site", options)
    assert list((tmp_path / "cache").glob("templates-*/*")), "the compiled templates are kept"

    base = templates / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</body>", "<p>edited layout</p></body>"),
                    encoding="utf-8")
    build(tmp_path / "content", templates, tmp_path / "site", options)

    assert "edited layout" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert snapshot(tmp_path / "site") == snapshot_of_clean(tmp_path / "content", templates, tmp_path / "clean")


@pytest.mark.parametrize("threaded", [False, True], ids=["alone", "beside-a-thread"])
def test_a_first_build_compiles_the_templates_on_another_core_while_it_parses(tmp_path, monkeypatch, threaded):
    import os
    import threading

    import jinja2

    write_ours(generate(3), tmp_path)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    compiled_here = []
    real_compile = jinja2.Environment.compile
    monkeypatch.setattr(jinja2.Environment, "compile",
                        lambda self, *args, **kwargs: compiled_here.append(1) or real_compile(self, *args, **kwargs))
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)  # as `serve` runs its server beside the build
    if threaded:
        other.start()
    else:  # whatever threads earlier tests left running in this process (a browser's, a server's)
        monkeypatch.setattr(threading, "active_count", lambda: 1)
    try:
        build(tmp_path / "content", ROOT / "templates", tmp_path / "site", Options(cache_dir=tmp_path / "cache",
                                                                                   search=False))
    finally:
        stop.set()

    if threaded:
        assert compiled_here, "no fork beside another thread: the build compiles its templates itself"
    else:
        assert compiled_here == [], "every template came compiled from the other process, through the cache"
        assert len(list((tmp_path / "cache").glob("templates-*/*"))) >= len(list((ROOT / "templates").glob("*.html")))
    assert snapshot(tmp_path / "site") == snapshot_of_clean(tmp_path / "content", ROOT / "templates",
                                                            tmp_path / "clean")


def test_a_first_build_with_no_process_to_be_had_compiles_its_templates_itself(tmp_path, monkeypatch):
    import os
    import threading

    write_ours(generate(3), tmp_path)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(threading, "active_count", lambda: 1)

    class NoProcess:
        def __init__(self, *args, **kwargs):
            pass

        def start(self):
            raise OSError("Resource temporarily unavailable")

    from mythos_site.output import templates

    monkeypatch.setattr(templates.multiprocessing, "get_context", lambda method: type("Context", (), {"Process": NoProcess}))
    build(tmp_path / "content", ROOT / "templates", tmp_path / "site", Options(cache_dir=tmp_path / "cache",
                                                                               search=False))

    assert snapshot(tmp_path / "site") == snapshot_of_clean(tmp_path / "content", ROOT / "templates",
                                                            tmp_path / "clean")


def snapshot_of_clean(content: Path, templates: Path, out: Path, search: bool = False) -> dict[str, bytes]:
    build(content, templates, out, Options(search=search))
    return snapshot(out)


def _folder_holds_x(folder: Path) -> bool:
    return (folder / "x").exists()


def _fails(folder: Path) -> bool:
    raise OSError("the look failed")


@pytest.mark.parametrize("other_thread", [False, True])
def test_a_look_aside_answers_yes_no_or_no_when_it_fails_from_a_process_or_a_thread(tmp_path, other_thread):
    """The check of the output folder runs beside the build: in a forked process, or in a thread
    where another thread runs (`serve`). Either way a failed look answers no, so the build runs in full."""
    from mythos_site.build.incremental import BackgroundCheck

    release = threading.Event()
    other = threading.Thread(target=release.wait, args=(10,)) if other_thread else None
    if other:
        other.start()
    try:
        assert BackgroundCheck(_folder_holds_x, tmp_path).result() is False
        (tmp_path / "x").write_text("x")
        assert BackgroundCheck(_folder_holds_x, tmp_path).result() is True
        assert BackgroundCheck(_fails, tmp_path).result() is False
        aside = BackgroundCheck(_folder_holds_x, tmp_path)
        aside.close()  # not needed after all: ended, and nothing left running
    finally:
        release.set()
        if other:
            other.join()


def test_a_picture_replaced_by_one_of_another_size_is_resized_on_every_page_that_shows_it(tmp_path, monkeypatch):
    """The sizes are no part of the cached article bodies: they follow the picture, not the article."""
    from tools import png

    from mythos_site.content import dimensions
    from mythos_site.output.search import search_available

    generated = generate(12)
    write_ours(generated, tmp_path)
    content, site = tmp_path / "content", tmp_path / "site"
    (content / "media").mkdir()
    (content / "media/chart.png").write_bytes(png(640, 360))
    showing = generated.articles[:2]
    for article in showing:
        (content / "articles" / f"{article.slug}.md").write_text(
            our_article(article) + "\n![A chart](/media/chart.png)\n", encoding="utf-8")
    options = Options(cache_dir=tmp_path / "cache", search=search_available())
    build(content, ROOT / "templates", site, options)

    (content / "media/chart.png").write_bytes(png(1200, 800))
    report = build(content, ROOT / "templates", site, options)

    assert report.read.parsed == 0, "no article changed"
    rebuilt = snapshot(site)
    for article in showing:
        assert b'<img src="../../media/chart.png" width="1200" height="800"' in rebuilt[f"articles/{article.slug}/index.html"]
    assert rebuilt == snapshot_of_clean(content, ROOT / "templates", tmp_path / "clean", options.search)

    monkeypatch.setattr(dimensions, "read_header", lambda path: pytest.fail(f"{path} read with nothing changed"))
    again = build(content, ROOT / "templates", site, options)
    assert (again.rendered, again.written.written) == (0, 0)
