"""Two builds into one folder at once, and articles changed while a build runs."""

from __future__ import annotations

import shutil
import time

from .faultkit import no_traceback, snapshot

# The first build holds on just before it puts the site in place, long enough for the second to start.
SLOW_COMMIT = """
    from mythos_site.build import writer
    commit = writer.SiteWriter.commit
    def slow(self):
        print("committing", file=sys.stderr, flush=True)
        time.sleep(1.5)
        return commit(self)
    writer.SiteWriter.commit = slow
    """


def test_a_second_build_into_the_same_folder_waits_for_the_first(project):
    first = project.start(hook=SLOW_COMMIT)
    assert first.stderr.readline() == "committing\n"
    second = project.start()
    out_second, err_second = second.communicate(timeout=120)
    out_first, err_first = first.communicate(timeout=120)
    assert first.returncode == 0 and second.returncode == 0, (err_first, err_second)
    assert "Traceback" not in err_first + err_second
    assert err_second.startswith("mythos-site: waiting for the build into ") and "_site that is running" in err_second, \
        err_second
    assert project.site() == project.clean()
    assert project.staging() == []


def test_a_lock_left_by_a_killed_build_keeps_no_one_waiting(project):
    killed = project.build(hook="""
        from mythos_site.build import writer
        writer.SiteWriter.commit = lambda self: die()
        """)
    assert killed.returncode == -9
    assert "._site.lock" in project.staging()
    started = time.monotonic()
    result = project.build()
    assert result.returncode == 0 and "waiting" not in result.stderr, result
    assert time.monotonic() - started < 30
    assert project.site() == project.clean()
    assert project.staging() == []


def test_articles_changed_during_a_build_are_built_as_read_and_picked_up_next(project, tmp_path):
    """While the build runs (after it has read the articles), one article is edited without
    changing its size, one added and one deleted. The build makes the site of the articles as it
    read them; the next build sees every change."""
    articles = project.content / "articles"
    names = project.articles()
    before = tmp_path / "before"
    shutil.copytree(project.folder, before, ignore=shutil.ignore_patterns("_site", ".mythos-cache", "tmp"))
    assert project.build().returncode == 0
    # the first build is the one before; the edits come in the middle of the second
    project.edit(names[0], "\n\n", "\n\nA first correction.\n\n")
    shutil.copy2(articles / names[0], before / "content" / "articles" / names[0])
    hook = f"""
        from mythos_site.build import collect
        read = collect._read
        def read_then_edit(*args, **kwargs):
            found = read(*args, **kwargs)
            folder = {str(articles)!r}
            text = open(os.path.join(folder, {names[1]!r}), encoding="utf-8").read()
            assert "The " in text
            with open(os.path.join(folder, {names[1]!r}), "w", encoding="utf-8") as edited:
                edited.write(text.replace("The ", "A-- ", 1))
            with open(os.path.join(folder, "a-late-addition.md"), "w", encoding="utf-8") as added:
                added.write(open(os.path.join(folder, {names[2]!r}), encoding="utf-8").read()
                            .replace('title: "', 'title: "Late news. ', 1))
            os.unlink(os.path.join(folder, {names[3]!r}))
            return found
        collect._read = read_then_edit
        """
    during = project.build(hook=hook)
    assert during.returncode == 0, during
    no_traceback(during)
    assert project.site() == _clean_of(before, project)
    after = project.build()
    assert after.returncode == 0, after
    assert project.site() == project.clean()
    assert project.site() != _clean_of(before, project)
    assert project.staging() == []


def _clean_of(folder, project) -> dict[str, bytes]:
    out = folder / "_clean"
    if not out.exists():
        from .faultkit import Project

        other = Project(folder)
        other.tag = project.tag
        result = other.build("--no-cache", "--out", str(out))
        assert result.returncode == 0, result
    return snapshot(out)
