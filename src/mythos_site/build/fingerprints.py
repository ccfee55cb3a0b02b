"""Fingerprints of what a page is rendered from, so that a rebuild renders only pages whose inputs changed.

A fingerprint hashes a page's template context, with each article standing in by its digest (a
hash of the file it was parsed from, and of the parser). Pages that show the whole site (the
timeline, every quote) take the site's fingerprint instead (see pipeline.py), and article pages
are given small views of what they link to, so contexts stay small. The salt covers everything
else a page depends on: the templates, the static assets, the settings and the code. Equal
fingerprints therefore mean equal pages; a difference the hash cannot see would be a bug, which
the byte-identity tests between incremental and clean builds are there to catch.
"""

from __future__ import annotations

import hashlib
import io
import multiprocessing
import os
import pickle
from concurrent.futures import ProcessPoolExecutor

from mythos_site.build.workers import die_with_parent
from mythos_site.records import Article, CitationUse, FactReport, QuoteUse, Report, Statement


class Fingerprints:
    def __init__(self, salt: bytes):
        self._salt = salt

    def of(self, value) -> bytes:
        buffer = io.BytesIO()
        _Pickler(buffer).dump(value)
        return hashlib.sha256(self._salt + buffer.getvalue()).digest()

    def of_all(self, values: list) -> list[bytes]:
        """The fingerprint of each value, in order; on every core when there are many (a full
        rebuild of a large site takes thousands, seconds on one core)."""
        global _work
        workers = min(os.cpu_count() or 1, 4)
        if len(values) < PARALLEL_FROM or workers < 2:
            return [self.of(value) for value in values]
        _work = (self, values)  # inherited by the forked workers, not sent to them
        share = -(-len(values) // workers)
        try:
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                     initializer=die_with_parent) as pool:
                parts = pool.map(_fingerprint_range, [range(start, min(start + share, len(values)))
                                                      for start in range(0, len(values), share)])
                return [fingerprint for part in parts for fingerprint in part]
        finally:
            _work = None


PARALLEL_FROM = 2000  # below this many, forking costs more than it saves
_work: tuple[Fingerprints, list] | None = None


def _fingerprint_range(indexes: range) -> list[bytes]:
    fingerprints, values = _work
    return [fingerprints.of(values[index]) for index in indexes]


class _Pickler(pickle.Pickler):
    def __init__(self, buffer):
        super().__init__(buffer, protocol=5)
        self.fast = True  # no memo: equal values pickle alike however they share objects

    def reducer_override(self, value):
        # Called for records, not for strings, numbers, tuples or dicts (pickle skips those), which
        # makes it several times cheaper than persistent_id for a context made mostly of text.
        kind = type(value)
        if kind is Article:
            return _article, (_digest(value),)
        part = _PARTS.get(kind)
        if part is not None:
            return _article, part(value)
        return NotImplemented


def _digest(article: Article) -> str:
    if not article.digest:
        raise ValueError(f"article {article.slug!r} has no digest to fingerprint")
    return article.digest


# A part of an article (one of its quotes, footnotes, dates or figures) stands in by the article's
# digest and its place there: an article's digest covers everything parsed from it, and a list
# page of a thousand uses then pickles a thousand short tuples instead of a thousand records.
def _mention(article: Article, mention) -> int:
    return -1 if mention is None else article.mentions.index(mention)


_PARTS = {
    QuoteUse: lambda use: (_digest(use.article), "quote", use.article.quotes.index(use.quote)),
    CitationUse: lambda use: (_digest(use.article), "note", use.article.footnotes.index(use.footnote)),
    FactReport: lambda report: (_digest(report.article), "figure", report.article.figures.index(report.figure)),
    Statement: lambda statement: (_digest(statement.article), "date", _mention(statement.article, statement.mention)),
    Report: lambda report: (_digest(report.article), "report", report.sentence, report.anchor,
                            _mention(report.article, report.mention)),
}


def _article(*digest_and_place):
    """Stands for an article, or a part of one, in a fingerprint; never called, since fingerprints
    are not unpickled."""
