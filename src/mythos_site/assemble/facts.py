"""Facts and figures: file each article's figures under the curated facts, and find disagreements."""

from __future__ import annotations


from mythos_site.extract.figures import bounds
from mythos_site.extract.matching import fact_of
from mythos_site.records import Article
from mythos_site.site_records import Fact, FactItem, FactReport, FactVersion

def build_facts(articles: tuple[Article, ...], facts: tuple[Fact, ...]) -> tuple[FactItem, ...]:
    """Every fact with the figures that state it, in order of publication, and their agreement."""
    reports: dict[str, list[FactReport]] = {fact.id: [] for fact in facts}
    for article in sorted(articles, key=lambda a: (a.published, a.slug)):
        for figure in article.figures:
            fact = fact_of(figure, facts)
            if fact is not None:
                reports[fact.id].append(FactReport(article, figure))
    return tuple(FactItem(fact, tuple(reports[fact.id]), _versions(reports[fact.id])) for fact in facts)


def _versions(reports: list[FactReport]) -> tuple[FactVersion, ...]:
    """Figures that agree within their hedges stand together; each group apart is a version.

    Sorted by their lowest value, a figure agrees with every figure of the group so far (of its
    own kind: other kinds cannot be compared) when its lowest value is under all their highest,
    so the group keeps only the least highest value of each kind.
    """
    groups: list[list[FactReport]] = []
    ceiling: dict[str, float] = {}  # kind -> the least highest value in the last group
    for report in sorted(reports, key=lambda r: bounds(r.figure)):
        low, high = bounds(report.figure)
        kind = report.figure.kind
        if groups and low <= ceiling.get(kind, float("inf")):
            groups[-1].append(report)
            ceiling[kind] = min(high, ceiling.get(kind, float("inf")))
        else:
            groups.append([report])
            ceiling = {kind: high}
    return tuple(FactVersion(tuple(group)) for group in groups)
