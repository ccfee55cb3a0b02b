"""Extraction time per article, by rule family, on the generated corpus.

    python -m benchmarks.extraction [--articles 300] [--repeats 3]

Each article is parsed once (the content stage, not timed), then each family of extraction rules
runs on it in the order the extract stage runs them: sentences, quotes, citations, dated mentions,
figures. The best of the repeats is printed, in milliseconds per article."""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

from benchmarks.corpus import TIMEZONE, generate, our_article
from mythos_site.content.loader import parse_article
from mythos_site.extract import article as stage
from mythos_site.extract.figures import find_figures
from mythos_site.extract.mentions import find_mentions
from mythos_site.extract.quotes import extract_quotes

FAMILIES = (
    ("sentences", lambda article: stage.sentences_of(article)),
    ("quotes", extract_quotes),
    ("citations", lambda article: stage._cited(article.footnotes)),
    ("mentions", find_mentions),
    ("figures", find_figures),
)


def articles(count: int):
    zone = ZoneInfo(TIMEZONE)
    parsed = []
    for item in generate(count).articles:
        article, _ = parse_article(Path(f"{item.slug}.md"), our_article(item).encode("utf-8"), zone)
        parsed.append(replace(article, sentences=stage.sentences_of(article)))
    return parsed


def timings(parsed, repeats: int) -> dict[str, float]:
    """Milliseconds per article for each family, the best of `repeats` runs over every article."""
    best: dict[str, float] = {}
    for _ in range(repeats):
        for name, run in FAMILIES:
            started = time.perf_counter()
            for article in parsed:
                run(article)
            elapsed = (time.perf_counter() - started) * 1000 / len(parsed)
            best[name] = min(best.get(name, elapsed), elapsed)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.extraction", description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300, help="generated articles (default: 300)")
    parser.add_argument("--repeats", type=int, default=3, help="runs, the best kept (default: 3)")
    parser.add_argument("--json", action="store_true", help="print {family: ms per article} as JSON")
    options = parser.parse_args(argv)
    parsed = articles(options.articles)
    best = timings(parsed, options.repeats)
    if options.json:
        print(json.dumps({"articles": len(parsed), "ms": best}))
        return 0
    for name, _ in FAMILIES:
        print(f"{name:<10} {best[name]:7.3f} ms/article")
    print(f"{'total':<10} {sum(best.values()):7.3f} ms/article ({len(parsed)} articles)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
