"""An editor's correction to article bodies patches the last build, and the site equals a clean build."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from benchmarks.corpus import edited, generate, our_article, write_ours
from mythos_site.build.incremental import build
from mythos_site.build.options import Options
from mythos_site.content.slugs import tag_slug
from tools import require

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def story(tmp_path):
    """A 30-article site and its newest-first articles, built once with a cache."""
    generated = generate(30)
    write_ours(generated, tmp_path)
    content = tmp_path / "content"
    articles = sorted(generated.articles, key=lambda a: a.published, reverse=True)
    _age(content)
    return content, articles


def _age(content: Path) -> None:
    """Files last changed an hour ago, as an editor's are: recent ones are read again at every build."""
    hour_ago = os_time() - 3600 * 10**9
    for path in content.rglob("*"):
        os.utime(path, ns=(hour_ago, hour_ago))


def os_time() -> int:
    import time

    return time.time_ns()


def write(content: Path, article) -> None:
    (content / "articles" / f"{article.slug}.md").write_text(our_article(article), encoding="utf-8")


def clean(content: Path, out: Path, search: bool = False, **options) -> dict[str, bytes]:
    build(content, TEMPLATES, out, Options(search=search, **options))
    return snapshot(out)


def test_corrections_to_two_bodies_render_only_their_pages_and_equal_a_clean_build(story, tmp_path):
    content, articles = story
    options = Options(cache_dir=tmp_path / "cache", search=False)
    site = tmp_path / "site"
    build(content, TEMPLATES, site, options)
    before = snapshot(site)
    newest, older = articles[0], articles[-1]  # in the feeds, and not
    write(content, edited(newest, 1))
    write(content, edited(older, 2))

    report = build(content, TEMPLATES, site, options)

    assert report.site is None, "the last build was patched, not assembled again"
    assert (report.read.parsed, report.rendered) == (2, 2)
    after = snapshot(site)
    assert after == clean(content, tmp_path / "clean")
    changed = {path for path in after if after[path] != before.get(path)}
    tag_feeds = {path for path in changed if path.startswith("tags/")}
    assert changed - tag_feeds == {f"articles/{newest.slug}/index.html", f"articles/{older.slug}/index.html",
                                   "feed.xml", "atom.xml", "feed.json"}
    # The tags' Atom feeds carry the full text too: those of the corrected articles' tags, and no other.
    shown = {f"tags/{tag_slug(tag)}/atom.xml" for one in (newest, older) for tag in one.tags}
    assert tag_feeds and tag_feeds <= shown
    assert b"Corrected, revision 2" in after[f"articles/{older.slug}/index.html"]
    assert b"Corrected, revision 1" in after["feed.xml"]

    again = build(content, TEMPLATES, site, options)
    assert (again.read.parsed, again.rendered, again.written.written) == (0, 0, 0)


@pytest.mark.parametrize("age", [1, 12], ids=["recent", "older"])
def test_a_patch_indexes_again_only_the_search_bundle_of_the_corrected_article(story, tmp_path, monkeypatch, age):
    from mythos_site.output import search

    require(search.search_available(), "Pagefind is not installed")
    content, articles = story
    # the 4 newest in the first bundle, the other 26 in 4 bundles
    options = Options(cache_dir=tmp_path / "cache", bundling=search.Bundling(pages=8, recent=4))
    site = tmp_path / "site"
    build(content, TEMPLATES, site, options)
    indexed = []
    real_index = search._index

    def counting(lay_out, *rest):
        def counted(folder):
            lay_out(folder)
            indexed.append(sorted(p.parent.name for p in folder.rglob("*.html")))
        return real_index(counted, *rest)

    monkeypatch.setattr(search, "_index", counting)
    write(content, edited(articles[age], 1))

    report = build(content, TEMPLATES, site, options)

    assert report.site is None and report.rendered == 1
    assert len(indexed) == 1 and articles[age].slug in indexed[0]
    if age < 4:
        assert indexed[0] == sorted(article.slug for article in articles[:4]), "the newest have a bundle of their own"
    else:
        assert not set(indexed[0]) & {article.slug for article in articles[:4]}
    assert snapshot(site) == clean(content, tmp_path / "clean", search=True, bundling=options.bundling)


def test_a_correction_that_changes_what_other_pages_show_rebuilds_them(story, tmp_path):
    content, articles = story
    options = Options(cache_dir=tmp_path / "cache", search=False)
    site = tmp_path / "site"
    build(content, TEMPLATES, site, options)
    quoted = replace(articles[2], body=articles[2].body.replace(
        "\n\n", '\n\n"We never planned to ship it this year," the company said.\n\n', 1))
    write(content, quoted)

    report = build(content, TEMPLATES, site, options)

    assert report.site is not None, "a new quote shows on the quotes pages: a full build"
    assert report.rendered > 1
    assert snapshot(site) == clean(content, tmp_path / "clean")


def _with_sentence(article, sentence: str):
    """The article with a sentence added at the end of its first paragraph."""
    first, rest = article.body.split("\n\n", 1)
    return replace(article, body=f"{first} {sentence}\n\n{rest}")


def test_a_sentence_that_reports_a_found_event_is_a_full_build(story, tmp_path):
    content, articles = story
    options = Options(cache_dir=tmp_path / "cache", search=False)
    site = tmp_path / "site"
    built = build(content, TEMPLATES, site, options).site
    report = next(report for item in built.timeline.events if item.event.found
                  for report in item.reports if report.mention is None)
    source = next(article for article in articles if article.slug == report.article.slug)
    # Said again in its own paragraph, which names whoever it names already.
    write(content, replace(source, body=source.body.replace(report.sentence, f"{report.sentence} {report.sentence}", 1)))

    again = build(content, TEMPLATES, site, options)

    assert again.site is not None, "the new sentence reports a found event on the timeline: a full build"
    assert snapshot(site) == clean(content, tmp_path / "clean")


def test_a_found_persons_name_added_in_passing_is_a_full_build(story, tmp_path):
    content, articles = story
    options = Options(cache_dir=tmp_path / "cache", search=False)
    site = tmp_path / "site"
    built = build(content, TEMPLATES, site, options).site
    person = next(item.entity for item in built.entities if item.entity.found and item.entity.kind == "person")
    write(content, _with_sentence(articles[3], f"Corrected after a note from {person.name}."))

    again = build(content, TEMPLATES, site, options)

    assert again.site is not None, "the new mention shows on the person's page: a full build"
    assert snapshot(site) == clean(content, tmp_path / "clean")


def test_a_touched_output_folder_is_mended_by_a_full_build(story, tmp_path):
    content, articles = story
    options = Options(cache_dir=tmp_path / "cache", search=False)
    site = tmp_path / "site"
    build(content, TEMPLATES, site, options)
    (site / "tags" / "index.html").unlink()
    write(content, edited(articles[1], 1))

    report = build(content, TEMPLATES, site, options)

    assert report.site is not None
    assert snapshot(site) == clean(content, tmp_path / "clean")


def test_a_correction_to_a_file_with_a_warning_is_a_full_build_that_says_it_again(story, tmp_path):
    content, articles = story
    options = Options(cache_dir=tmp_path / "cache", search=False)
    site = tmp_path / "site"
    path = content / "articles" / f"{articles[1].slug}.md"
    path.write_text(path.read_text(encoding="utf-8").replace("---\n", "---\nmood: grim\n", 1), encoding="utf-8")
    first = build(content, TEMPLATES, site, options)
    assert any("mood" in warning.message for warning in first.warnings)

    path.write_text(path.read_text(encoding="utf-8").replace("mood: grim\n", ""), encoding="utf-8")
    fixed = build(content, TEMPLATES, site, options)

    assert fixed.site is not None
    assert not any("mood" in warning.message for warning in fixed.warnings), "a fixed warning is not repeated"


def test_a_correction_to_a_draft_changes_nothing_on_the_site(story, tmp_path):
    content, articles = story
    options = Options(cache_dir=tmp_path / "cache", search=False)
    site = tmp_path / "site"
    draft = articles[4]
    path = content / "articles" / f"{draft.slug}.md"

    def as_draft(article) -> str:
        return our_article(article).replace("---\n", "---\ndraft: true\n", 1)

    path.write_text(as_draft(draft), encoding="utf-8")
    build(content, TEMPLATES, site, options)
    before = snapshot(site)
    path.write_text(as_draft(edited(draft, 1)), encoding="utf-8")

    report = build(content, TEMPLATES, site, options)

    assert report.site is None
    assert (report.read.parsed, report.rendered, report.written.written) == (1, 0, 0)
    assert snapshot(site) == before


def test_a_broken_file_is_reported_by_the_full_build_and_the_site_stays(story, tmp_path):
    from mythos_site.errors import ContentError

    content, articles = story
    options = Options(cache_dir=tmp_path / "cache", search=False)
    site = tmp_path / "site"
    build(content, TEMPLATES, site, options)
    before = snapshot(site)
    path = content / "articles" / f"{articles[0].slug}.md"
    path.write_text(path.read_text(encoding="utf-8").replace("title:", "title: [unclosed", 1), encoding="utf-8")

    with pytest.raises(ContentError) as raised:
        build(content, TEMPLATES, site, options)

    assert raised.value.problems[0].path == path
    assert snapshot(site) == before


def test_a_correction_patches_whether_the_content_folder_is_named_relative_or_absolute(story, tmp_path, monkeypatch):
    content, articles = story
    options = Options(cache_dir=tmp_path / "cache", search=False)
    monkeypatch.chdir(content.parent)
    build(Path("content"), TEMPLATES, tmp_path / "site", options)
    write(content, edited(articles[0], 1))

    report = build(content.resolve(), TEMPLATES, tmp_path / "site", options)

    assert report.site is None, "the last build was patched, not assembled again"
    assert (report.read.parsed, report.rendered) == (1, 1)
    assert snapshot(tmp_path / "site") == clean(content, tmp_path / "clean")


def test_a_correction_that_shows_a_picture_is_patched_with_the_pictures_size(story, tmp_path):
    from tools import png

    from mythos_site.output.search import search_available

    content, articles = story
    (content / "media").mkdir()
    (content / "media/chart.png").write_bytes(png(640, 360))
    _age(content)
    options = Options(cache_dir=tmp_path / "cache", search=search_available())
    site = tmp_path / "site"
    build(content, TEMPLATES, site, options)
    newest = articles[0]
    write(content, replace(newest, body=newest.body + "\n\n![A chart](/media/chart.png)"))

    report = build(content, TEMPLATES, site, options)

    assert report.site is None and report.rendered == 1, "patched"
    page = snapshot(site)[f"articles/{newest.slug}/index.html"]
    assert b'<img src="../../media/chart.png" width="640" height="360" alt="A chart"' in page
    assert snapshot(site) == clean(content, tmp_path / "clean", search=options.search)
