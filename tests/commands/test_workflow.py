"""The editor's day: check, new, drafts and scheduling, incremental rebuilds, serve with live reload."""

from __future__ import annotations

import re

import json
import shutil
import threading
import time
import urllib.request
from datetime import date
from pathlib import Path

import pytest

from mythos_site.cli import main
from mythos_site.build.options import Options
from mythos_site.commands.serve import STATUS_PATH, Server

BROKEN = "---\ntitle: Broken\ndate: 2026-02-30\n---\nText.\n"


@pytest.fixture()
def project(content_copy, monkeypatch):
    monkeypatch.chdir(content_copy)
    return content_copy


def articles(project: Path) -> Path:
    return project / "content" / "articles"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_check_passes_on_the_real_content_and_writes_nothing(project, capsys):
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    # The shipped articles are copies whose originals' addresses are not known, and three name no
    # outlet; one cites an entry its source's reference list lacks. An editor is told each, and no more.
    assert "checked 5 articles: 0 errors, 9 warnings" in out
    warnings = [line for line in out.splitlines() if ": warning: " in line]
    assert sum("has no source_url" in line for line in warnings) == 5
    assert sum("names no outlet" in line for line in warnings) == 3
    assert [line.split(": warning:")[0] for line in warnings if "[^11]" in line] == [
        "content/articles/claude-mythos-preview-and-project-glasswing.md:73"]
    assert not (project / "_site").exists() and not (project / ".mythos-cache").exists()


def test_check_reports_every_problem_and_warning_in_one_run(project, capsys):
    (articles(project) / "broken.md").write_text(BROKEN, encoding="utf-8")
    (articles(project) / "also-broken.md").write_text("---\ntitle: A\n---\nText.\n", encoding="utf-8")
    (articles(project) / "thin.md").write_text(
        "---\ntitle: Thin\ndate: 2026-03-30\ntags: [Anthropic, '']\nsumary: typo\n---\n"
        "See [the other piece](../no-such-article/) and [a real one](../anthropic-claude-mythos-leak-what-we-know/).\n",
        encoding="utf-8")
    (articles(project) / "later.md").write_text(
        "---\ntitle: Later\ndate: 2099-01-01\nsummary: S.\n---\nText.\n", encoding="utf-8")
    (articles(project) / "unfinished.md").write_text(
        "---\ntitle: Unfinished\ndate: 2026-03-30\nsummary: S.\ndraft: true\n---\nText.\n", encoding="utf-8")
    (project / "templates" / "tags.html").write_text("{% if %}\n", encoding="utf-8")
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    for expected in (
        "content/articles/broken.md:3: '2026-02-30' is not a real date",
        "content/articles/also-broken.md:2: the front matter has no 'date'",
        "templates/tags.html:1: template error",
        "content/articles/thin.md:2: warning: the article has no summary",
        "content/articles/thin.md:4: warning: an empty tag is ignored",
        "content/articles/thin.md:5: warning: unknown field 'sumary' is ignored",
        "content/articles/thin.md:7: warning: the link '../no-such-article/' points to an article that does not exist",
        "content/articles/later.md:3: warning: the article is dated 2099-01-01, in the future",
        "content/articles/unfinished.md: draft",
        "content/articles/later.md: scheduled",
        "errors, ",
    ):
        assert expected in out, expected
    assert "anthropic-claude-mythos-leak-what-we-know/' points" not in out
    assert out.count("hint:") >= 8, "every message carries its fix"
    assert not (project / "_site").exists()


def test_new_writes_a_draft_with_todays_date_and_refuses_to_overwrite(project, capsys):
    assert main(["new", "Anthropic: what the filing says"]) == 0
    path = articles(project) / "anthropic-what-the-filing-says.md"
    text = path.read_text(encoding="utf-8")
    assert 'title: "Anthropic: what the filing says"' in text and "draft: true" in text
    assert f"date: {date.today().isoformat()}"[:14] in text
    assert main(["new", "Anthropic: what the filing says"]) == 1
    assert "already exists" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == text
    assert main(["check"]) == 0, "a new article is valid from the start"
    assert main(["build", "--out", "site", "--drafts"]) == 0
    assert (project / "site" / "articles" / "anthropic-what-the-filing-says" / "index.html").is_file()


def test_new_leaves_out_of_the_title_what_the_build_would_refuse(project):
    assert main(["new", "Leak\x01 report \udcff2026"]) == 0
    text = (articles(project) / "leak-report-2026.md").read_text(encoding="utf-8")
    assert 'title: "Leak report 2026"' in text
    assert main(["check"]) == 0


def test_drafts_and_scheduled_articles_stay_out_unless_asked_for(project, capsys):
    (articles(project) / "later.md").write_text("---\ntitle: Later\ndate: 2099-01-01\n---\nText.\n", encoding="utf-8")
    assert main(["build", "--out", "site"]) == 0
    assert "held back: 1 scheduled" in capsys.readouterr().out
    assert not (project / "site" / "articles" / "later").exists()
    assert main(["build", "--out", "site", "--future"]) == 0
    assert (project / "site" / "articles" / "later" / "index.html").is_file()


def test_a_rebuild_reparses_only_the_changed_article_and_equals_a_clean_build(project, capsys):
    assert main(["build", "--out", "site"]) == 0
    assert "5 articles read, 5 parsed afresh" in capsys.readouterr().out
    assert main(["build", "--out", "site"]) == 0
    assert "5 articles read, 0 parsed afresh; 0 pages rendered; 0 files written" in capsys.readouterr().out
    edited = articles(project) / "anthropic-claude-mythos-leak-what-we-know.md"
    # The summary shows on its own page and on lists, not on the other articles' pages.
    edited.write_text(edited.read_text(encoding="utf-8").replace('summary: "An explainer', 'summary: "A guide', 1),
                      encoding="utf-8")
    before = {path: (project / "site" / path).stat().st_mtime_ns for path in snapshot(project / "site")}
    assert main(["build", "--out", "site"]) == 0
    summary = capsys.readouterr().out
    assert "5 articles read, 1 parsed afresh" in summary
    rendered = int(re.search(r"(\d+) pages rendered", summary).group(1))
    pages = sum(path.endswith(".html") and not path.startswith("pagefind/") for path in snapshot(project / "site"))
    assert 0 < rendered < pages, "only the pages that show the edited article are rendered again"
    after = snapshot(project / "site")
    untouched = [p for p in after if (project / "site" / p).stat().st_mtime_ns == before.get(p)]
    assert "articles/anthropic-built-an-ai-theyre-afraid-to-ship/index.html" in untouched
    assert main(["build", "--out", "clean", "--no-cache"]) == 0
    assert snapshot(project / "clean") == after, "the rebuilt site is byte-identical to a clean build"


def test_a_template_change_rebuilds_every_page_it_affects(project, capsys):
    assert main(["build", "--out", "site"]) == 0
    base = project / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("Skip to content", "Skip to the story"), encoding="utf-8")
    assert main(["build", "--out", "site"]) == 0
    assert "0 parsed afresh" in capsys.readouterr().out
    pages = [p for p in snapshot(project / "site") if p.endswith(".html")]
    assert all(b"Skip to the story" in (project / "site" / p).read_bytes() for p in pages)


def test_deleting_the_cache_is_safe(project, capsys):
    assert main(["build", "--out", "site"]) == 0
    first = snapshot(project / "site")
    shutil.rmtree(project / ".mythos-cache")
    assert main(["build", "--out", "site"]) == 0
    assert snapshot(project / "site") == first


def fetch(url: str, timeout: float = 30) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (our own server on 127.0.0.1)
        return response.read().decode("utf-8")


def test_serve_rebuilds_on_change_shows_errors_and_recovers(project):
    server = Server(project / "content", project / "templates", 0, Options(drafts=True))
    stop = threading.Event()
    watcher = threading.Thread(target=server.watch, args=(stop,), daemon=True)
    try:
        assert server.rebuild()
        server.start()
        watcher.start()
        time.sleep(0.5)
        home = fetch(server.url)
        assert "reload.js" in home and "Claude Mythos" in home
        assert not (server.out / "index.html").read_text(encoding="utf-8").count("reload.js"), \
            "the reload script is served, never written"
        version = json.loads(fetch(f"{server.url}{STATUS_PATH[1:]}?since=-1"))["version"]

        target = articles(project) / "anthropic-claude-mythos-leak-what-we-know.md"
        original = target.read_text(encoding="utf-8")
        target.write_text(original.replace("date: 2026-03-28", "date: 2026-02-30"), encoding="utf-8")
        state = json.loads(fetch(f"{server.url}{STATUS_PATH[1:]}?since={version}"))
        assert state["version"] > version and "2026-02-30" in state["error"]
        assert "Claude Mythos" in fetch(server.url), "the last good site is still served"

        target.write_text(original.replace("What We Know", "What We Know Now", 1), encoding="utf-8")
        state = json.loads(fetch(f"{server.url}{STATUS_PATH[1:]}?since={state['version']}"))
        assert state["error"] == ""
        assert "What We Know Now" in fetch(server.url + "articles/anthropic-claude-mythos-leak-what-we-know/")
    finally:
        stop.set()
        server.close()


def test_a_build_writes_nothing_but_the_site_and_its_cache(content_copy, tmp_path, monkeypatch):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert main(["build", "--content", str(content_copy / "content"), "--templates",
                 str(content_copy / "templates"), "--out", "site"]) == 0
    assert sorted(p.name for p in elsewhere.iterdir()) == [".mythos-cache", "site"]


def test_search_bundles_change_only_when_the_site_doubles():
    from mythos_site.output.search import BUNDLING, bundle_of

    bundle_count = BUNDLING.count

    assert [bundle_count(n) for n in (5, 320, 321, 640, 641, 10000, 10001, 16000)] == [1, 1, 2, 2, 4, 32, 32, 64]
    paths = [f"articles/a{n}/index.html" for n in range(10001)]
    assert [bundle_of(p, bundle_count(10000)) for p in paths[:10000]] == \
        [bundle_of(p, bundle_count(10001)) for p in paths[:10000]], "one more article moves no page"
    sizes = [0] * 32
    for path in paths:
        sizes[bundle_of(path, 32)] += 1
    assert max(sizes) < 1.2 * BUNDLING.pages


def test_pagefind_writes_into_memory_where_it_can_and_onto_disk_where_it_cannot(project, tmp_path, monkeypatch):
    from mythos_site.output import search

    memory = tmp_path / "memory"
    memory.mkdir()
    monkeypatch.setattr(search, "MEMORY_FOLDER", str(memory))
    monkeypatch.setattr(search, "MEMORY_ROOM", 0)
    index_in, used, full = search._index_in, [], []

    def full_memory(scratch: Path, *rest):
        used.append(scratch)
        if scratch == memory and full:
            raise search.SearchError("No space left on device (os error 28)")
        return index_in(scratch, *rest)

    monkeypatch.setattr(search, "_index_in", full_memory)
    assert main(["build", "--out", "first", "--cache", "cache-1"]) == 0
    # two bundles: the articles', and the entries' (events, quotations, people)
    assert used == [memory, memory] and not list(memory.iterdir()), "written into memory, and nothing left there"
    full.append(True)
    assert main(["build", "--out", "second", "--cache", "cache-2"]) == 0
    again = used[2:]
    assert len(again) == 4 and again.count(memory) == 2, "memory was full: Pagefind ran again, beside the pages"
    assert snapshot(project / "first") == snapshot(project / "second")
    assert any(path.startswith("pagefind/0/index/") for path in snapshot(project / "second"))


def test_the_newest_articles_have_the_first_search_bundle_and_a_new_one_changes_two_bundles():
    from mythos_site.output.search import BUNDLING

    recent_pages, split_bundles, bundle_total, RECENT_PAGES = (BUNDLING.recent_of, BUNDLING.split, BUNDLING.total,
                                                               BUNDLING.recent)

    newest_first = [f"articles/a{n}/index.html" for n in range(10000, 0, -1)]
    before = split_bundles(newest_first, recent_pages(newest_first))
    assert before[0] == sorted(newest_first[:RECENT_PAGES])
    assert len(before) == bundle_total(len(newest_first)) == 33
    assert sorted(path for bundle in before for path in bundle) == sorted(newest_first)

    added = ["articles/new/index.html", *newest_first]
    after = split_bundles(added, recent_pages(added))
    changed = [number for number, pages in enumerate(after) if pages != before[number]]
    assert len(changed) == 2 and changed[0] == 0, "the first bundle, and the one the pushed-out article joins"
    assert newest_first[RECENT_PAGES - 1] in after[changed[1]]
    assert [bundle_total(n) for n in (1, RECENT_PAGES, RECENT_PAGES + 1)] == [1, 1, 2]
    assert len(split_bundles(newest_first[:5], recent_pages(newest_first[:5]))) == 1


def test_a_rebuild_with_nothing_changed_still_mends_the_output_folder(project, capsys):
    assert main(["build", "--out", "site"]) == 0
    clean = snapshot(project / "site")
    capsys.readouterr()
    assert main(["build", "--out", "site"]) == 0
    assert "0 pages rendered; 0 files written" in capsys.readouterr().out
    (project / "site" / "404.html").unlink()
    (project / "site" / "stray.html").write_text("not ours", encoding="utf-8")
    (project / "site" / "feed.xml").write_text("tampered", encoding="utf-8")
    assert main(["build", "--out", "site"]) == 0
    assert "1 removed" in capsys.readouterr().out
    assert snapshot(project / "site") == clean


def test_a_rebuild_with_nothing_changed_repeats_the_warnings(project, capsys):
    (articles(project) / "thin.md").write_text("---\ntitle: Thin\ndate: 2026-03-30\nsumary: typo\n---\nText.\n",
                                               encoding="utf-8")
    assert main(["build", "--out", "site"]) == 0
    first = capsys.readouterr().err
    assert "sumary" in first
    assert main(["build", "--out", "site"]) == 0
    assert capsys.readouterr().err == first


def test_a_scheduled_article_appears_once_its_time_has_come_with_nothing_else_changed(project, capsys):
    from datetime import datetime, timedelta, timezone

    due = datetime.now(timezone.utc) + timedelta(seconds=3)
    (articles(project) / "soon.md").write_text(
        f"---\ntitle: Soon\ndate: {due.isoformat(timespec='seconds')}\n---\nText.\n", encoding="utf-8")
    assert main(["build", "--out", "site"]) == 0
    assert "held back: 1 scheduled" in capsys.readouterr().out
    assert not (project / "site" / "articles" / "soon").exists()
    time.sleep(max(0.0, (due - datetime.now(timezone.utc)).total_seconds()) + 0.5)
    assert main(["build", "--out", "site"]) == 0
    assert (project / "site" / "articles" / "soon" / "index.html").is_file()


def test_check_warns_of_a_link_from_the_host_root_that_misses_the_sites_folder(project, capsys):
    site_yaml = project / "content" / "site.yaml"
    site_yaml.write_text(re.sub(r"(?m)^base_url:.*$", "base_url: https://example.org/news/",
                                site_yaml.read_text(encoding="utf-8")), encoding="utf-8")
    (articles(project) / "linking.md").write_text(
        "---\ntitle: Linking\ndate: 2026-03-30\nsummary: S.\n---\n"
        "See [one](/articles/anthropic-claude-mythos-leak-what-we-know/) and "
        "[two](/news/articles/anthropic-claude-mythos-leak-what-we-know/).\n", encoding="utf-8")
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert ("content/articles/linking.md:6: warning: the link '/articles/anthropic-claude-mythos-leak-what-we-know/' "
            "leads out of the site, which lives under /news/") in out
    assert out.count("leads out of the site") == 1


def linked_folder(project: Path, tmp_path: Path) -> Path:
    """A folder of articles kept elsewhere, linked into content/articles/."""
    elsewhere = tmp_path / "elsewhere" / "archive"
    elsewhere.mkdir(parents=True)
    (elsewhere / "archived.md").write_text("---\ntitle: Archived\ndate: 2026-03-30\n---\nText.\n", encoding="utf-8")
    (articles(project) / "archive").symlink_to(elsewhere, target_is_directory=True)
    return elsewhere


LINKED_WARNING = ("content/articles/archive:1: warning: this folder is a link, which the build does not follow, "
                  "so the articles in it are not on the site")


def test_a_linked_folder_of_articles_is_warned_about_not_skipped_silently(project, tmp_path, capsys):
    linked_folder(project, tmp_path)
    assert main(["build", "--out", "site"]) == 0
    first = capsys.readouterr().err
    assert LINKED_WARNING in first
    assert "move or copy the folder itself into content/articles/" in first
    assert not (project / "site" / "articles" / "archived").exists()
    assert main(["build", "--out", "site"]) == 0
    again = capsys.readouterr()
    assert "0 pages rendered" in again.out and again.err == first, "nothing changed: the warning is said again"
    assert main(["check"]) == 0
    assert LINKED_WARNING in capsys.readouterr().out


def test_a_folder_linked_after_the_last_build_is_noticed_by_the_next(project, tmp_path, capsys):
    assert main(["build", "--out", "site"]) == 0
    capsys.readouterr()
    linked_folder(project, tmp_path)
    assert main(["build", "--out", "site"]) == 0
    assert LINKED_WARNING in capsys.readouterr().err
    (articles(project) / "archive").unlink()
    assert main(["build", "--out", "site"]) == 0
    assert "warning: this folder is a link" not in capsys.readouterr().err


def test_a_linked_folder_of_pictures_is_warned_about(project, tmp_path, capsys):
    pictures = tmp_path / "pictures"
    pictures.mkdir()
    (project / "content" / "media").mkdir()
    (project / "content" / "media" / "charts").symlink_to(pictures, target_is_directory=True)
    assert main(["build", "--out", "site"]) == 0
    assert ("content/media/charts:1: warning: this folder is a link, which the build does not follow, so the "
            "pictures in it are not on the site") in capsys.readouterr().err


def test_serve_removes_its_copy_of_the_site_when_it_stops(project):
    server = Server(project / "content", project / "templates", 0, Options(search=False))
    own = server.out.parent
    try:
        assert server.rebuild() and (server.out / "index.html").is_file()
    finally:
        server.close()
    assert not own.exists(), "serve's temporary copy of the site is removed on exit"


def test_serve_says_nothing_when_a_tab_closes_while_a_page_is_sent(project, capfd):
    import socket
    import struct

    server = Server(project / "content", project / "templates", 0, Options(search=False))
    try:
        assert server.rebuild()
        server.start()
        capfd.readouterr()
        for _ in range(20):  # a reader closing tabs mid-load, again and again
            client = socket.create_connection(("127.0.0.1", server.port))
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close with a reset
            client.sendall(b"GET /atom.xml HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            client.close()
        time.sleep(0.5)
        assert fetch(server.url).count("<html") == 1, "the server still answers"
    finally:
        server.close()
    captured = capfd.readouterr()
    assert "Traceback" not in captured.err and "Error" not in captured.err


@pytest.mark.parametrize("after", [0, 0.2, 1.5])
def test_ctrl_c_stops_serve_at_any_moment_with_nothing_left_behind(content_copy, tmp_path, after):
    """During the first build and while serving: exit 130, no traceback, no folder left."""
    import os
    import signal
    import subprocess
    import sys

    temp = tmp_path / "temp"
    temp.mkdir()
    server = subprocess.Popen([sys.executable, str(Path(__file__).resolve().parents[2] / "build.py"), "serve",
                               "--port", "0", "--no-cache"], cwd=content_copy, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env={**os.environ, "TMPDIR": str(temp)})
    deadline = time.monotonic() + 30
    while not list(temp.iterdir()) and time.monotonic() < deadline:  # serve has made its folder: the build starts
        time.sleep(0.01)
    time.sleep(after)
    server.send_signal(signal.SIGINT)
    _, err = server.communicate(timeout=30)
    assert server.returncode == 130 and "Traceback" not in err, err
    assert list(temp.iterdir()) == [], "serve's copy of the site is removed"
