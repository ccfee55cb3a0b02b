"""The command line: the same command two ways, problems as path:line: message, exit codes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mythos_site.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def project(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_build_is_the_default_command(project, capsys):
    assert main([]) == 0
    assert (project / "_site" / "index.html").is_file()
    assert "5 articles read, 5 parsed afresh" in capsys.readouterr().out


def test_problems_are_printed_as_path_line_message_and_exit_1(project, capsys):
    (project / "content" / "articles" / "broken.md").write_text(
        "---\ntitle: Broken\ndate: 2026-02-30\n---\nText.\n", encoding="utf-8")
    assert main(["build", "--out", "out"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "content/articles/broken.md:3: '2026-02-30' is not a real date (day is out of range for month)"
    assert err[1].strip().startswith("hint:")
    assert "Traceback" not in "\n".join(err)
    assert not (project / "out").exists()


def test_a_file_with_thousands_of_problems_shows_twenty_and_counts_the_rest(project, capsys):
    (project / "content" / "articles" / "spans.md").write_text(
        "---\ntitle: Spans\ndate: 2026-03-02\n---\n" + "<span>" * 5000 + "\n", encoding="utf-8")
    assert main(["build", "--out", "out"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert sum("this <span> is never closed" in line for line in err) == 20
    assert "content/articles/spans.md: 4,980 more problems not shown; fix these and run again to see them" in err
    assert err[-1] == "build failed: 5000 problems; the previous site was left as it was"


def test_a_bad_base_url_is_refused_by_the_option_parser(project, capsys):
    with pytest.raises(SystemExit) as caught:
        main(["build", "--base-url", "not a url"])
    assert caught.value.code == 2
    assert "--base-url" in capsys.readouterr().err


def test_a_missing_content_folder_is_explained(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["build"]) == 1
    assert "there is no folder content" in capsys.readouterr().err


def test_build_py_and_the_console_script_run_the_same_command_line(project):
    by_script = subprocess.run([sys.executable, str(ROOT / "build.py"), "--out", "a"], capture_output=True, text=True)
    assert by_script.returncode == 0, by_script.stderr
    console = shutil.which("mythos-site")
    command = [console] if console else [sys.executable, "-m", "mythos_site"]
    by_console = subprocess.run([*command, "build", "--out", "b"], capture_output=True, text=True)
    assert by_console.returncode == 0, by_console.stderr
    files_a = {p.relative_to(project / "a"): p.read_bytes() for p in (project / "a").rglob("*") if p.is_file()}
    files_b = {p.relative_to(project / "b"): p.read_bytes() for p in (project / "b").rglob("*") if p.is_file()}
    assert files_a == files_b
