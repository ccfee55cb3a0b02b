"""Every build mode makes the golden output: a clean build, one from the cache, one on worker
processes, an incremental rebuild and a patch after an edit is undone, and serve's rebuild."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from golden import TEMPLATES, build_clean, differences, files_of, sites
from mythos_site.build.incremental import build
from mythos_site.build.options import Options
from mythos_site.build.parallel import Cores

SITES = sites()


@pytest.fixture(params=sorted(SITES), ids=sorted(SITES))
def content(request, tmp_path) -> tuple[str, Path]:
    """A copy of the site's content folder, free to be edited."""
    copy = tmp_path / "content"
    shutil.copytree(SITES[request.param], copy, ignore=shutil.ignore_patterns("annotations.yaml", "*.py"))
    return request.param, copy


def test_a_clean_build_equals_the_golden_copy(content, tmp_path):
    name, folder = content
    assert differences(name, build_clean(folder, tmp_path / "site")) == ""


def test_a_build_from_the_cache_and_one_on_worker_processes_equal_the_golden_copy(content, tmp_path):
    name, folder = content
    options = Options(cache_dir=tmp_path / "cache", search=False)
    build(folder, TEMPLATES, tmp_path / "first", options)
    report = build(folder, TEMPLATES, tmp_path / "second", options)
    assert report.read.parsed == 0
    assert differences(name, files_of(tmp_path / "second")) == ""
    build(folder, TEMPLATES, tmp_path / "parallel", Options(search=False, cores=Cores(jobs=2, parallel_from_ms=0)))
    assert differences(name, files_of(tmp_path / "parallel")) == ""


def test_rebuilds_after_an_edit_is_undone_equal_the_golden_copy(content, tmp_path):
    """A correction to a body (a patch) and to a title (a full rebuild), each undone."""
    name, folder = content
    options = Options(cache_dir=tmp_path / "cache", search=False)
    site = tmp_path / "site"
    build(folder, TEMPLATES, site, options)
    article = sorted((folder / "articles").glob("*.md"))[0]
    original = article.read_text(encoding="utf-8")
    for edited in (original + "\nA sentence the editor added.\n", original.replace('title: "', 'title: "Corrected: ', 1)):
        assert edited != original
        article.write_text(edited, encoding="utf-8")
        build(folder, TEMPLATES, site, options)
        assert differences(name, files_of(site)) != ""
        article.write_text(original, encoding="utf-8")
        report = build(folder, TEMPLATES, site, options)
        assert report.read.parsed <= 1
        assert differences(name, files_of(site)) == ""


def test_serves_rebuild_after_an_edit_parses_one_article_and_equals_a_clean_build(content, tmp_path, capsys):
    from mythos_site.commands.serve import Server

    name, folder = content
    server = Server(folder, TEMPLATES, 0, Options(cache_dir=tmp_path / "cache", search=False), out=tmp_path / "served")
    try:
        assert server.rebuild()
        article = sorted((folder / "articles").glob("*.md"))[0]
        article.write_text(article.read_text(encoding="utf-8") + "\nA sentence the editor added.\n", encoding="utf-8")
        capsys.readouterr()
        assert server.rebuild()
        assert "1 parsed afresh" in capsys.readouterr().out
        clean = build(folder, TEMPLATES, tmp_path / "clean", Options(base_url=server.url, search=False))
        assert clean.read.parsed > 0
        assert files_of(tmp_path / "served") == files_of(tmp_path / "clean")
    finally:
        server.close()
