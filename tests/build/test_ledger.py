"""A rebuild tells what changed from file sizes and times, and reads only the article files that changed."""

from __future__ import annotations

import os
import time
from pathlib import Path

from mythos_site.build.ledger import FileState, Ledger, snapshot_inputs

SETTINGS = "settings"


def make_content(folder: Path, articles: int = 3) -> Path:
    content = folder / "content"
    (content / "articles").mkdir(parents=True)
    (content / "site.yaml").write_text("title: T\n", encoding="utf-8")
    for number in range(articles):
        (content / "articles" / f"a{number}.md").write_text(f"article {number}\n", encoding="utf-8")
    (folder / "templates").mkdir()
    (folder / "templates" / "base.html").write_text("<html></html>\n", encoding="utf-8")
    return content


def age(folder: Path, seconds: int = 3600) -> None:
    then = time.time_ns() - seconds * 10**9
    for path in folder.rglob("*"):
        os.utime(path, ns=(then, then))


def ledger_of(content: Path, templates: Path, keys: dict[str, str] | None = None) -> Ledger:
    look = snapshot_inputs(content, templates, SETTINGS)
    files = tuple((name, (keys or {}).get(name, f"key of {name}")) for name in sorted(look.stats))
    return Ledger.of(look, "UTC", files, {}, (), (), ())


def test_unchanged_files_are_not_read(tmp_path, monkeypatch):
    content = make_content(tmp_path)
    age(tmp_path)
    ledger = ledger_of(content, tmp_path / "templates")
    read = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self.name) or real(self))

    changes = ledger.changes(snapshot_inputs(content, tmp_path / "templates", SETTINGS))

    assert changes is not None and changes.changed == {}
    assert not any(name.startswith("a") and name.endswith(".md") for name in read)


def test_a_changed_article_is_read_and_reported(tmp_path):
    from mythos_site.build.cache import content_digest

    content = make_content(tmp_path)
    age(tmp_path)
    names = [f"articles/a{number}.md" for number in range(3)]
    keys = {name: content_digest(name, (content / name).read_bytes(), "UTC") for name in names}
    ledger = ledger_of(content, tmp_path / "templates", keys)
    (content / "articles" / "a1.md").write_text("article one, corrected\n", encoding="utf-8")

    changes = ledger.changes(snapshot_inputs(content, tmp_path / "templates", SETTINGS))

    assert list(changes.changed) == ["articles/a1.md"]
    path, data, key = changes.changed["articles/a1.md"]
    assert data == b"article one, corrected\n" and key != keys["articles/a1.md"]


def test_a_file_rewritten_within_the_clock_tick_is_still_seen(tmp_path):
    """Same size and same time, but written just after the ledger looked: the time cannot be trusted."""
    from mythos_site.build.cache import content_digest

    content = make_content(tmp_path)
    name = "articles/a2.md"
    keys = {name: content_digest(name, (content / name).read_bytes(), "UTC")}
    ledger = ledger_of(content, tmp_path / "templates", keys)
    stat = os.stat(content / name)
    (content / name).write_text("article X\n", encoding="utf-8")  # same length
    os.utime(content / name, ns=(stat.st_atime_ns, stat.st_mtime_ns))

    changes = ledger.changes(snapshot_inputs(content, tmp_path / "templates", SETTINGS))

    assert name in changes.changed


def _keyed_ledger(tmp_path, content):
    from mythos_site.build.cache import content_digest

    names = sorted(snapshot_inputs(content, tmp_path / "templates", SETTINGS).stats)
    keys = {name: content_digest(name, (content / name).read_bytes(), "UTC") for name in names}
    return ledger_of(content, tmp_path / "templates", keys)


def test_a_ledger_settles_the_files_too_recent_to_trust_once_they_are_old_enough(tmp_path, monkeypatch):
    """A build that began just after the content was copied: once the files are older than the
    clock's tick, and still hold what the build read, the next build need not read them."""
    from mythos_site.build import ledger as ledger_module

    content = make_content(tmp_path)
    ledger = _keyed_ledger(tmp_path, content)
    assert ledger.settled(content) is ledger, "still within the tick: nothing to settle yet"

    later = time.time_ns() + 3 * 10**9
    monkeypatch.setattr(ledger_module.time, "time_ns", lambda: later)
    settled = ledger.settled(content)
    assert settled.taken == later and settled.files == ledger.files
    read = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self.name) or real(self))
    changes = settled.changes(snapshot_inputs(content, tmp_path / "templates", SETTINGS))
    assert changes.changed == {} and not any(name.endswith(".md") for name in read)


def test_a_file_rewritten_unseen_before_the_ledger_settles_keeps_it_unsettled(tmp_path, monkeypatch):
    from mythos_site.build import ledger as ledger_module

    content = make_content(tmp_path)
    ledger = _keyed_ledger(tmp_path, content)
    name = "articles/a2.md"
    stat = os.stat(content / name)
    (content / name).write_text("article X\n", encoding="utf-8")  # same length, same time
    os.utime(content / name, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    later = time.time_ns() + 3 * 10**9
    monkeypatch.setattr(ledger_module.time, "time_ns", lambda: later)

    assert ledger.settled(content) is ledger
    assert name in ledger.changes(snapshot_inputs(content, tmp_path / "templates", SETTINGS)).changed


def test_anything_but_an_article_file_changing_means_a_full_build(tmp_path):
    content = make_content(tmp_path)
    templates = tmp_path / "templates"
    ledger = ledger_of(content, templates)
    (templates / "base.html").write_text("<html lang=en></html>\n", encoding="utf-8")
    assert ledger.changes(snapshot_inputs(content, templates, SETTINGS)) is None

    ledger = ledger_of(content, templates)
    (content / "articles" / "a3.md").write_text("a new article\n", encoding="utf-8")
    assert ledger.changes(snapshot_inputs(content, templates, SETTINGS)) is None, "an added file"

    ledger = ledger_of(content, templates)
    assert ledger.changes(snapshot_inputs(content, templates, "other options")) is None


def test_a_ledger_is_refused_when_a_file_came_while_the_build_ran(tmp_path):
    content = make_content(tmp_path)
    look = snapshot_inputs(content, tmp_path / "templates", SETTINGS)
    read = tuple((name, "key") for name in look.stats) + (("articles/late.md", "key"),)
    assert Ledger.of(look, "UTC", read, {}, (), (), ()) is None


def test_file_states_record_size_time_and_key(tmp_path):
    content = make_content(tmp_path, articles=1)
    ledger = ledger_of(content, tmp_path / "templates")
    stat = os.stat(content / "articles" / "a0.md")
    assert ledger.files == {"articles/a0.md": FileState(stat.st_size, stat.st_mtime_ns, "key of articles/a0.md")}


def test_an_article_turned_into_a_link_out_of_the_content_folder_means_a_full_build(tmp_path):
    content = make_content(tmp_path)
    age(tmp_path)
    ledger = ledger_of(content, tmp_path / "templates")
    outside = tmp_path / "secret.md"
    outside.write_text("not for the site\n", encoding="utf-8")
    (content / "articles" / "a1.md").unlink()
    (content / "articles" / "a1.md").symlink_to(outside)
    assert ledger.changes(snapshot_inputs(content, tmp_path / "templates", SETTINGS)) is None


def test_a_pipe_among_the_templates_is_looked_at_without_waiting_on_it(tmp_path):
    content = make_content(tmp_path)
    os.mkfifo(tmp_path / "templates" / "pipe")
    assert snapshot_inputs(content, tmp_path / "templates", SETTINGS) is not None
