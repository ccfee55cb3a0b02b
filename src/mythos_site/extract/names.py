"""The people and organisations one article names, found by rule (the grouping across articles
is in assemble/people.py)."""

from __future__ import annotations

from mythos_site.records import Article, NameUse


def names_in(article: Article) -> tuple[NameUse, ...]:
    return ()
