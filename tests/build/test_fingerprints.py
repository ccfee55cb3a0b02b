"""Fingerprints: what a page is rendered from, with articles and their parts standing in by digest."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import pytest

from mythos_site.build.fingerprints import Fingerprints
from mythos_site.records import Article, Footnote, Quote
from mythos_site.site_records import CitationUse, QuoteUse

FINGERPRINTS = Fingerprints(b"salt")


def article(digest: str = "d1", **changes) -> Article:
    base = Article(source=Path("a.md"), slug="a", title="A", summary="",
                   published=datetime(2026, 3, 27, tzinfo=timezone.utc), authors=(), outlet=None, tags=(), url=None,
                   body_html="<p>x</p>", word_count=1,
                   footnotes=(Footnote("1", "fn-1", "<p>One.</p>", ("fnref-1",)),
                              Footnote("2", "fn-2", "<p>Two.</p>", ("fnref-2",))),
                   quotes=(Quote("first words said here", None, "p-1"), Quote("second words said here", None, "p-2")),
                   digest=digest)
    return replace(base, **changes)


def test_an_article_stands_in_by_its_digest():
    assert FINGERPRINTS.of(("page", article())) == FINGERPRINTS.of(("page", article(title="Same digest")))
    assert FINGERPRINTS.of(("page", article())) != FINGERPRINTS.of(("page", article("d2")))
    assert Fingerprints(b"other").of(("page", article())) != FINGERPRINTS.of(("page", article()))


def test_a_part_of_an_article_stands_in_by_the_digest_and_its_place():
    a = article()
    first, second = (QuoteUse(a, quote) for quote in a.quotes)
    assert FINGERPRINTS.of((first,)) == FINGERPRINTS.of((QuoteUse(article(), article().quotes[0]),))
    assert FINGERPRINTS.of((first,)) != FINGERPRINTS.of((second,))
    assert FINGERPRINTS.of((first,)) != FINGERPRINTS.of((QuoteUse(article("d2"), article("d2").quotes[0]),))
    notes = [FINGERPRINTS.of((CitationUse(a, note),)) for note in a.footnotes]
    assert notes[0] != notes[1]


def test_an_article_without_a_digest_cannot_be_fingerprinted():
    with pytest.raises(ValueError, match="no digest"):
        FINGERPRINTS.of((QuoteUse(article(""), article("").quotes[0]),))


def test_many_fingerprints_taken_on_every_core_equal_those_taken_one_by_one():
    from mythos_site.build.parallel import Cores

    values = [("article.html", article(f"d{number}"), {"n": number}) for number in range(50)]
    cores = Cores(jobs=3, parallel_from_ms=0)
    assert FINGERPRINTS.of_all(values, cores) == [FINGERPRINTS.of(value) for value in values]
    assert len(set(FINGERPRINTS.of_all(values, cores))) == 50
