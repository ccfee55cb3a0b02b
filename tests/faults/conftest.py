"""Fixtures of the fault tests: a generated site in a folder of its own, and clean builds of it to
compare with."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .faultkit import Project, kill_all, snapshot, tagged_processes, write_site

ARTICLES = 24  # enough for every kind of page; the pools start at 64 articles (see test_faults_workers.py)


@pytest.fixture(scope="session")
def generated(tmp_path_factory) -> Path:
    return write_site(tmp_path_factory.mktemp("generated") / "project", ARTICLES)


@pytest.fixture
def project(tmp_path: Path, generated: Path, clean_builds):
    """A copy of the generated site; afterwards, no process of its builds may be left, nor a file
    in their temporary folder."""
    made = Project(Path(shutil.copytree(generated, tmp_path / "project")))
    made.clean = lambda: clean_builds(made)
    yield made
    left = tagged_processes(made.tag)
    kill_all(left)
    assert not left, f"processes left behind: {left}"
    assert not any(made.tmp.iterdir()), f"left in the temporary folder: {list(made.tmp.iterdir())}"


@pytest.fixture(scope="session")
def clean_builds(tmp_path_factory):
    """clean(project): the site a clean build (no cache, a new folder) makes of the project's
    content as it is now; built once for each content."""
    made: dict[str, dict[str, bytes]] = {}

    def clean(project: Project) -> dict[str, bytes]:
        key = project.content_digest()
        if key not in made:
            out = tmp_path_factory.mktemp("clean") / "site"
            result = project.build("--no-cache", "--out", str(out))
            assert result.returncode == 0, result.stderr
            made[key] = snapshot(out)
            shutil.rmtree(out.parent)
        return made[key]

    return clean
