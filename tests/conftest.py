"""Shared fixtures for the end-to-end tests: build the site the way an editor does, from the command line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir

PROJECT_ROOT = Path(__file__).resolve().parents[1]
BUILD_SCRIPT = PROJECT_ROOT / "build.py"
# A build run in the project folder keeps its cache here, not in the project: the tests leave nothing behind.
CACHE = Path(tempfile.gettempdir()) / f"mythos-tests-cache-{os.getpid()}"
OTHER_COMMANDS = ("check", "new", "import", "serve")

# Hypothesis keeps its examples and constants in a folder of its own: in the temp folder, removed at the end.
set_hypothesis_home_dir(str(CACHE / "hypothesis"))
settings.register_profile("no-database", database=None)
settings.load_profile("no-database")


def run_build(*args: str | os.PathLike, cwd: str | os.PathLike = PROJECT_ROOT,
              env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run `python build.py ARGS` in `cwd` and return the finished process (text output captured)."""
    args = [str(arg) for arg in args]
    if Path(cwd).resolve() == PROJECT_ROOT and not (args and args[0] in OTHER_COMMANDS) \
            and not {"--cache", "--no-cache"} & set(args):
        args += ["--cache", str(CACHE)]
    return subprocess.run(
        [sys.executable, str(BUILD_SCRIPT), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture(scope="session", autouse=True)
def _no_cache_left_behind():
    yield
    shutil.rmtree(CACHE, ignore_errors=True)


@pytest.fixture(scope="session")
def project_root() -> Path:
    return PROJECT_ROOT


@pytest.fixture(name="run_build", scope="session")
def run_build_fixture():
    """The `run_build(*args, cwd=...)` helper, for tests that take it as a fixture."""
    return run_build


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real content/ built once per session into a fresh folder; the folder holding the site."""
    out = tmp_path_factory.mktemp("built") / "site"
    result = run_build("--out", out)
    assert result.returncode == 0, f"the build failed:\n{result.stderr}"
    return out


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A folder with copies of content/ and templates/, free to be changed or broken by the test."""
    shutil.copytree(PROJECT_ROOT / "content", tmp_path / "content")
    shutil.copytree(PROJECT_ROOT / "templates", tmp_path / "templates")
    return tmp_path


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built site served on 127.0.0.1."""
    from tools import serve_folder

    server, url = serve_folder(built_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (launched by path: browser downloads are not possible here)."""
    from tools import CHROMIUM_ARGS, chromium_path, require

    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "Playwright for Python is not installed")
    path = chromium_path()
    require(path is not None, "Chromium is not installed (Debian package chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
