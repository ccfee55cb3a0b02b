"""Facts and figures: load content/facts.yaml, file each article's figures under them, find disagreements."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mythos_site.content.curated import load_list
from mythos_site.extract.figures import bounds
from mythos_site.extract.matching import fact_of
from mythos_site.records import Article, Fact, FactItem, FactReport, FactVersion
from mythos_site.content.slugs import is_plain

FACTS_FILE = "facts.yaml"
KINDS = ("percent", "money", "count", "score")


def load_facts(content_dir: Path) -> tuple[Fact, ...]:
    return load_list(content_dir / FACTS_FILE, "facts", _fact,
                     "each fact needs id, statement and kind; units, subject and terms are lists of words")


def _fact(entry: Any) -> Fact:
    if not isinstance(entry, dict):
        raise ValueError("a fact must be a set of fields")
    for key in ("id", "statement", "kind"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise ValueError(f"the fact has no '{key}'")
    if not is_plain(entry["id"]):
        raise ValueError(f"the fact id '{entry['id']}' is not a plain name")
    if entry["kind"] not in KINDS:
        raise ValueError(f"the fact kind '{entry['kind']}' is not one of {', '.join(KINDS)}")
    lists = {}
    for key in ("units", "subject", "terms"):
        value = entry.get(key) or []
        if not isinstance(value, list) or not all(isinstance(item, (str, int, float)) for item in value):
            raise ValueError(f"'{key}' must be a list of words")
        lists[key] = tuple(str(item) for item in value)
    return Fact(entry["id"], " ".join(entry["statement"].split()), entry["kind"], key=bool(entry.get("key")),
                **lists)


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
