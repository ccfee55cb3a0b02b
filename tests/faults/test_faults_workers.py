"""A build whose worker processes are running when it ends: killed outright, interrupted, or
stopped by a time-out. Every worker ends with it, at once; none is left asleep."""

from __future__ import annotations

import shutil
import signal
import time

import pytest

from .faultkit import Project, no_traceback, snapshot, write_site

ARTICLES = 240  # the pools start at 64 articles to parse and 200 pages to render


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    return write_site(tmp_path_factory.mktemp("large") / "project", ARTICLES)


@pytest.fixture
def big(tmp_path, large):
    made = Project(shutil.copytree(large, tmp_path / "project"))
    yield made
    assert made.processes(wait=0) == []


# At the moment of the fault, the hook prints the pids of the workers, so the test knows there were some.
def _at(stage: str, action: str) -> str:
    where = {"parsing": ("mythos_site.build.collect", "_counted"),
             "rendering": ("mythos_site.output.render", "fork_map")}[stage]
    wrapper = """
        def wrapped(*args, **kwargs):
            for number, item in enumerate(original(*args, **kwargs)):
                if number == 20:
                    step()
                yield item
        """
    return f"""
        import importlib, multiprocessing
        module = importlib.import_module("{where[0]}")
        original = module.{where[1]}
        def act():
            print("workers:", *[child.pid for child in multiprocessing.active_children()], file=sys.stderr, flush=True)
            {action}
        step = after(1, act)
        {wrapper.strip()}
        module.{where[1]} = wrapped
        """


def _workers(stderr: str) -> list[int]:
    for line in stderr.splitlines():
        if line.startswith("workers:"):
            return [int(pid) for pid in line.split()[1:]]
    return []


def _gone(pids: list[int], seconds: float = 3.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        alive = []
        for pid in pids:
            try:
                with open(f"/proc/{pid}/stat", "rb") as stat:
                    if stat.read().rsplit(b")", 1)[1].split()[0] not in (b"Z", b"X"):
                        alive.append(pid)
            except OSError:
                pass
        if not alive:
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("stage", ["parsing", "rendering"])
def test_workers_end_at_once_when_their_build_is_killed(big, stage):
    killed = big.build(hook=_at(stage, "die()"))
    assert killed.returncode == -signal.SIGKILL, killed
    workers = _workers(killed.stderr)
    assert len(workers) >= 1, "the build had workers when it was killed"
    assert _gone(workers), "every worker ended with its build"
    assert big.processes(wait=1) == []
    again = big.build()
    assert again.returncode == 0, again
    assert big.staging() == []


@pytest.mark.parametrize(("name", "number", "code"), [("SIGINT", signal.SIGINT, 130), ("SIGTERM", signal.SIGTERM, 143)])
def test_a_build_interrupted_with_its_workers_stops_cleanly(big, name, number, code):
    """Ctrl+C (SIGINT to the terminal's process group) or a time-out (SIGTERM to the group)."""
    assert big.build().returncode == 0
    old = big.site()
    big.edit(big.articles()[5], "\n\n", "\n\nAn update to this report.\n\n")
    # without the cache, so that every article is parsed again, by the workers
    process = big.start("--no-cache", hook=_at("parsing", f"os.killpg(os.getpgid(0), signal.{name})"), session=True)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == code, stderr
    assert _workers(stderr), "the build had workers when it was stopped"
    assert stderr.splitlines()[-1].startswith("stopped"), stderr
    assert "Traceback" not in stderr, stderr
    assert big.site() == old
    assert big.staging() == []
    assert _gone(_workers(stderr))
    assert big.processes(wait=1) == []


def test_a_large_build_equals_a_clean_build_after_a_kill(big, tmp_path):
    """Kill -9 while rendering with workers, then build: the same bytes as a clean serial build."""
    assert big.build().returncode == 0
    base = big.folder / "templates" / "base.html"  # a change every page shows: every page is rendered again
    base.write_text(base.read_text(encoding="utf-8").replace("</body>", "<!-- revised --></body>"), encoding="utf-8")
    assert big.build(hook=_at("rendering", "die()")).returncode == -signal.SIGKILL
    again = big.build()
    assert again.returncode == 0
    no_traceback(again)
    clean = tmp_path / "clean"
    assert big.build("--no-cache", "--out", str(clean)).returncode == 0
    assert big.site() == snapshot(clean)
