"""A build killed outright (kill -9, a power cut, an out-of-memory kill) at every stage of writing
the site: the site left is the old one or the new one, whole; the next build removes what the
killed one left, says so, and makes the same site as a clean build; no process stays behind."""

from __future__ import annotations

import signal

import pytest

from .faultkit import no_traceback

def _edited(project) -> str:
    """Change one article's text, so that the next build has pages to write; its name."""
    name = project.articles()[3]
    project.edit(name, "\n\n", "\n\nA correction was added to this report.\n\n")
    return name


# Where the build kills itself: (hook, what the site is right after: "old" or "new").
POINTS = {
    "while writing pages": ("""
        from mythos_site.build import writer
        put, step = writer.SiteWriter.put, after(12, die)
        def counted(self, relative, data):
            step()
            return put(self, relative, data)
        writer.SiteWriter.put = counted
        """, "old"),
    "just before the staging folder is put in place": ("""
        from mythos_site.build import writer
        commit = writer.SiteWriter.commit
        def dying(self):
            die()
        writer.SiteWriter.commit = dying
        """, "old"),
    "half way through putting files in place": ("""
        from mythos_site.build import writer
        move, step = writer._Undo.move, after(3, die)
        def counted(self, source, target):
            step()
            return move(self, source, target)
        writer._Undo.move = counted
        """, None),
    "just after the site is in place": ("""
        from mythos_site.build import writer
        commit = writer.SiteWriter.commit
        def then_die(self):
            commit(self)
            die()
        writer.SiteWriter.commit = then_die
        """, "new"),
    "while writing the page log to the cache": ("""
        from mythos_site.build import cache
        def dying(self, made):
            die()
        cache.PageLog._made = dying
        """, "new"),
    "while writing the articles to the cache": ("""
        from mythos_site.build import cache
        close = cache.ArticleCache.close
        def dying(self, prune=True):
            if prune:
                self._prune()
            die()
        cache.ArticleCache.close = dying
        """, "old"),
}


# A first build puts its staging folder in place by one rename: there is no half way.
CASES = [pytest.param(point, first, id=f"{point}, {'first build' if first else 'rebuild'}")
         for point in POINTS for first in (False, True) if not (first and point.startswith("half way"))]


@pytest.mark.parametrize(("point", "first"), CASES)
def test_a_build_killed_leaves_a_whole_site_and_the_next_build_cleans_up(project, point, first):
    hook, after_kill = POINTS[point]
    if not first:
        assert project.build().returncode == 0
        _edited(project)
    old = project.site()

    killed = project.build(hook=hook)
    assert killed.returncode == -signal.SIGKILL, killed

    if first and after_kill == "old":
        assert not project.out.exists() or project.site() == {}, "no half site where there was none"
    elif after_kill == "old":
        assert project.site() == old, "the old site, whole"
    elif after_kill == "new":
        assert project.site() == project.clean(), "the new site, whole"
    staged = [name for name in project.staging() if ".new-" in name]

    again = project.build()
    assert again.returncode == 0, again
    no_traceback(again)
    assert project.site() == project.clean()
    assert project.staging() == [], "nothing left beside the site"
    for name in staged:
        assert f"{name}, left by a build that did not finish" in again.stderr
    assert project.processes() == []
    assert project.build().stderr == "", "a build after that has nothing to say"
