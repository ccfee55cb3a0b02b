"""Patch the last build when only the bodies of articles changed: an editor's correction.

An article's own page and the feeds show its body. Every other page and file shows only the rest
of its record (title, dates, tags, quotes, footnotes, figures, events, reading time): its
footprint. Its undated sentences and the names it prints count for the story found by rule only
where they report an event the last build found, or name a person it found: a changed article
must report the same of those (checked against the lookup the last build kept). When nothing but
article files changed, and each changed article keeps its footprint and that, and has no warning, the new site differs from the last one only in those articles' pages, in the
feeds if they carry one, and in their search bundles. Those are made again, each page from the
article and the links it had last time (kept with the page log); every other file stays as it
is. Anything else is left to a full build, which makes the same bytes: the tests compare them.
"""

from __future__ import annotations

import hashlib
import io
import pickle
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from mythos_site.assemble.attach import reported
from mythos_site.assemble.people import mentions_of
from mythos_site.assemble.timeline import claimed_in
from mythos_site.build.cache import LastBuild, PageLog
from mythos_site.build.collect import Caches, Parsed, parse_changed
from mythos_site.content.dimensions import picture_headers, picture_sizes
from mythos_site.output.feeds import full_text_tag_feeds, render_feeds
from mythos_site.build.fingerprints import Fingerprints
from mythos_site.build.inputs import load_settings
from mythos_site.build.ledger import Changes, Ledger, InputsSnapshot
from mythos_site.build.options import Options
from mythos_site.build.pipeline import FOUND, index_search
from mythos_site.extract.matching import Curated
from mythos_site.content.media import media_files, picture_problems
from mythos_site.records import Article, Mentioned
from mythos_site.site_records import Site
from mythos_site.output.render import PageRenderer, article_job, page_salt
from mythos_site.output.search import Entries, search_available, search_key
from mythos_site.build.writer import SiteWriter, Written

MOST_CHANGED = 20  # more changed files than this: a full build, which parses them on every core


@dataclass(frozen=True)
class Patched:
    written: Written
    rendered: int
    parsed: int


def patch_site(content_dir: Path, templates_dir: Path, out_dir: Path, options: Options, log: PageLog, last: LastBuild,
               look: InputsSnapshot, changes: Changes, stands: Callable[[], bool]) -> Patched | None:
    """The last build patched for these changes, or None (nothing written) when they need a full
    build. stands() says whether the output folder is as the last build left it: the patch is
    committed only if it is."""
    ledger, report = last.ledger, last.report
    if len(changes.changed) > MOST_CHANGED or _warned(report, changes):
        return None
    settings = load_settings(content_dir, options.base_url)
    config, curated = settings.config, settings.curated
    names = sorted(changes.changed)
    fresh = parse_changed([changes.changed[name] for name in names], config.timezone, curated)
    if fresh is None or any(parsed.warnings for parsed in fresh):
        return None
    if picture_problems(media_files(content_dir), (parsed.article for parsed in fresh)):
        return None  # a full build says which pictures are missing
    cache = Caches.open(options.cache_dir)
    try:
        before = cache.matched.get_many([ledger.files[name].key + curated.key for name in names])
        olds = [before.get(ledger.files[name].key + curated.key) for name in names]
        if any(old is None or footprint(old[0]) != footprint(new.article) for old, new in zip(olds, fresh)):
            return None
        if not _same_story(log, [(old[0], new.article) for old, new in zip(olds, fresh)]):
            return None
        feed = _feed(cache, ledger, curated, dict(zip(names, (parsed.article for parsed in fresh))))
        if feed is None:
            return None
        patched = _write((content_dir, templates_dir), out_dir, config, options, log, last, look,
                         changes, dict(zip(names, fresh)), feed, stands)
        if patched is not None:
            for name, parsed in zip(names, fresh):
                cache.put(changes.changed[name][2], curated, parsed)
        return patched
    finally:
        cache.close(prune=False)


def footprint(article: Article) -> bytes:
    """A hash of what pages other than the article's own, and files other than the feeds, show of it,
    but for its undated sentences and the names it prints: _same_story() looks at those."""
    # The source path only names the file in messages, and is spelled as the build was asked (relative or not).
    shown = replace(article, source=Path(article.source.name), body_html="", word_count=article.reading_minutes,
                    digest="", field_lines=(), links=(), pictures=(), missing_notes=(), undated=None,
                    mentioned=Mentioned())
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True  # no memo: equal records pickle alike however their parts are shared
    pickler.dump(shown)
    return hashlib.sha256(buffer.getvalue()).digest()


def _same_story(log: PageLog, edited: list[tuple[Article, Article]]) -> bool:
    """Each edited article (old, new) adds the same to the story found by rule: its undated
    sentences report the same events of the last build, with the same words, and it prints the
    names the people found count (in the same paragraphs). Its dated statements, its typed names
    and its quotes are in its footprint."""
    kept = log.links(FOUND)
    try:
        lookup, names = pickle.loads(kept)
    except Exception:  # none kept, or from another version of the records
        return False
    for old, new in edited:
        if lookup is not None and reported(old, lookup, claimed_in(old)) != reported(new, lookup, claimed_in(new)):
            return False
        if mentions_of(old, names) != mentions_of(new, names):
            return False
    return True


def _warned(report, changes: Changes) -> bool:
    """The last build warned about a changed file: a full build says whether it still does."""
    changed = {path.resolve() for path, _, _ in changes.changed.values()}
    return any(Path(problem.path).resolve() in changed for problem in report.warnings)


def _feed(cache: Caches, ledger: Ledger, curated: Curated, fresh: dict[str, Article]) -> list[Article] | None:
    """The articles the feeds carry, newest first, with the changed ones as they are now; [] when
    the feeds carry none of them; None when one is missing from the cache."""
    if not any(name in fresh for name in ledger.feed):
        return []
    keys = [ledger.files[name].key + curated.key for name in ledger.feed if name not in fresh]
    found = cache.matched.get_many(keys)
    if len(found) != len(set(keys)):
        return None
    return [fresh[name] if name in fresh else found[ledger.files[name].key + curated.key][0] for name in ledger.feed]


def _write(sources: tuple[Path, Path], out_dir: Path, config, options: Options, log: PageLog,
           last: LastBuild, look: InputsSnapshot, changes: Changes, fresh: dict[str, Parsed], feed: list[Article],
           stands: Callable[[], bool]) -> Patched | None:
    ledger, cache_dir, search = last.ledger, options.cache_dir, options.search and search_available()
    renderer = PageRenderer(sources[1], config, cache_dir)
    salt = page_salt(renderer, search)
    fingerprints = Fingerprints(salt)
    pages, links, bundles = {}, {}, ledger.bundles
    # The pictures are as the last build found them (any change to one is a full build): only the
    # ones these articles show are read.
    shown = [name for parsed in fresh.values() for name, _ in parsed.article.pictures]
    sizes = picture_sizes(picture_headers(sources[0], dict.fromkeys(shown)))
    with SiteWriter(out_dir, protected=sources, in_place=set(log.old)) as writer:  # stands() confirms them
        for name, parsed in fresh.items():
            path = ledger.pages.get(name)
            if path is None:  # a draft or a scheduled article: not on the site
                continue
            kept = log.links(path)
            try:
                page, article_links = pickle.loads(kept)
            except Exception:  # none kept, or from another version of the records
                return None
            job = article_job(config, parsed.article, page, article_links, sizes)
            data = renderer.render(job)
            writer.put(path, data)
            pages[path] = (fingerprints.of((job.template, job.page, job.context)), hashlib.sha256(data).hexdigest())
            links[path] = kept
        if feed:
            carried = Site(config, tuple(feed))  # every article a feed carries in full (feeds.feed_articles)
            for path, data in [*render_feeds(carried).items(), *full_text_tag_feeds(carried)]:
                writer.put(path, data)
        redone: tuple[str, ...] = ()
        if search and pages:
            searched = {page: search_key(salt, changes.files[name].key) for name, page in ledger.pages.items()}
            # The entries (events, quotations, people) are as the last build indexed them: their bundle stays.
            entries = Entries.in_place(ledger.bundles, len(searched), options.bundling)
            index, failed = index_search(searched, ledger.recent, config.language, cache_dir, writer,
                                         frozenset(ledger.bundles), options.bundling, entries)
            if failed:
                return None
            for path, data in index.files:
                writer.put(path, data)
            bundles, redone = index.keys, index.redone
        if not stands():
            return None
        claimed = writer.files
        for path in log.old:
            if path not in claimed and not path.startswith(redone):
                writer.keep(path)
        written = writer.commit()
        removed = set(log.old) - writer.files
    made = replace(last, ledger=ledger.restated(look, changes, bundles))
    log.update(pages, set(writer.changed), removed, out_dir, made, links)
    return Patched(written, len(pages), len(fresh))
