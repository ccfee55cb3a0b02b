"""Writing the site: all or nothing, and never into a folder that is not ours."""

from __future__ import annotations

import os

import pytest

from mythos_site.build.writer import MARKER, MARKER_TEXT, OutputError, SiteWriter


def write_site(files: dict[str, bytes], out, protected=()):
    """A whole site through the writer, as a build puts it: every file, then commit."""
    with SiteWriter(out, protected) as writer:
        for relative, data in files.items():
            writer.put(relative, data)
        return writer.commit()


def snapshot(folder):
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_a_new_site_replaces_the_old_one_whole(tmp_path):
    out = tmp_path / "site"
    write_site({"index.html": b"old", "gone/index.html": b"x"}, out)
    write_site({"index.html": b"new", "articles/a/index.html": b"a"}, out)
    assert snapshot(out) == {"index.html": b"new", "articles/a/index.html": b"a", MARKER: MARKER_TEXT}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"], "no staging folder is left behind"


def test_a_failure_while_writing_leaves_the_old_site_as_it_was(tmp_path):
    out = tmp_path / "site"
    write_site({"index.html": b"old"}, out)
    with pytest.raises(OutputError):
        write_site({"index.html": b"new", "../escape.html": b"x"}, out)
    assert snapshot(out) == {"index.html": b"old", MARKER: MARKER_TEXT}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_the_site_folder_gets_the_usual_permissions_not_a_private_temp_folder(tmp_path):
    out = tmp_path / "site"
    write_site({"index.html": b"x"}, out)
    mask = os.umask(0o022)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o777 & ~mask


@pytest.mark.parametrize("make_target", [
    lambda tmp: tmp,                                   # the working folder itself
    lambda tmp: tmp.parent,                            # a folder that contains it
])
def test_refuses_a_folder_that_contains_the_working_folder(tmp_path, monkeypatch, make_target):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "keep.txt").write_text("precious")
    with pytest.raises(OutputError, match="contains"):
        write_site({"index.html": b"x"}, make_target(tmp_path))
    assert (tmp_path / "keep.txt").read_text() == "precious"


def test_refuses_a_folder_holding_the_content(tmp_path):
    content = tmp_path / "project" / "content"
    content.mkdir(parents=True)
    with pytest.raises(OutputError, match="contains"):
        write_site({"index.html": b"x"}, tmp_path / "project", protected=(content,))
    assert content.is_dir()


def test_refuses_a_non_empty_folder_that_is_not_a_built_site(tmp_path):
    out = tmp_path / "documents"
    out.mkdir()
    (out / "thesis.txt").write_text("precious")
    with pytest.raises(OutputError, match="not a built site"):
        write_site({"index.html": b"x"}, out)
    assert (out / "thesis.txt").read_text() == "precious"


def test_refuses_a_hand_made_site_even_with_an_index_page(tmp_path):
    out = tmp_path / "homepage"
    out.mkdir()
    (out / "index.html").write_text("my own page")
    (out / "photo.jpg").write_bytes(b"precious")
    with pytest.raises(OutputError, match="not a built site"):
        write_site({"index.html": b"x"}, out)
    assert (out / "photo.jpg").read_bytes() == b"precious"


def test_an_empty_folder_is_fine(tmp_path):
    out = tmp_path / "empty"
    out.mkdir()
    write_site({"index.html": b"x"}, out)
    assert snapshot(out) == {"index.html": b"x", MARKER: MARKER_TEXT}


@pytest.mark.parametrize("files_known", [False, True], ids=["looked-through", "known-from-the-log"])
def test_a_rebuild_writes_only_changed_files_and_swaps_files_and_folders(tmp_path, files_known):
    out = tmp_path / "site"
    old = {"index.html": b"home", "same/index.html": b"same", "page": b"a file", "folder/a.html": b"a"}
    write_site(old, out)
    unchanged_since = (out / "same" / "index.html").stat().st_mtime_ns

    new = {"index.html": b"home, edited", "same/index.html": b"same", "page/index.html": b"now a folder",
           "folder": b"now a file", "new/deep/er/index.html": b"new"}
    with SiteWriter(out, in_place={*old, MARKER} if files_known else None) as writer:
        for relative, data in new.items():
            writer.put(relative, data)
        written = writer.commit()

    assert snapshot(out) == {"index.html": b"home, edited", "same/index.html": b"same", "page/index.html": b"now a folder",
                             "folder": b"now a file", "new/deep/er/index.html": b"new", MARKER: MARKER_TEXT}
    assert (out / "same" / "index.html").stat().st_mtime_ns == unchanged_since, "unchanged bytes are not rewritten"
    assert (written.written, written.unchanged) == (4, 2)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"], "no staging folder is left behind"
