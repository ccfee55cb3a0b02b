"""The benchmark's report says, for each target set at 10,000 articles, whether this run met it."""

from __future__ import annotations

from benchmarks.measure import Sample
from benchmarks.report import Result, scale_targets


def result(tool: str, scenario: str, *walls: float, size: str = "10000", peak: float = 400) -> Result:
    return Result(tool, size, scenario, [Sample(wall, wall, peak, "") for wall in walls])


def test_each_target_at_ten_thousand_is_judged_on_the_medians_of_the_run():
    results = [
        result("ours", "cold", 60, 66, 70), result("hugo", "cold", 12, 13, 14), result("pelican", "cold", 44),
        result("ours", "noop", 0.5), result("ours", "edit", 0.7, 0.8, 1.4), result("hugo", "edit", 10.5),
        result("ours", "edit-older", 1.7, peak=520), result("hugo", "edit-older", 10),
        result("ours", "cold", 7, size="1000"),
    ]
    lines = scale_targets(results)
    verdicts = {line.split(":")[0].removeprefix("- "): line.rsplit(": ", 1)[1] for line in lines[:-1]}

    assert verdicts == {
        "cold build at least 5x faster than Pelican": "NOT met",
        "cold build within 1.5x of Hugo": "NOT met",
        "edit under 1 s": "met",  # the median, 0.8 s, not the slowest
        "edit at least 10x faster than Hugo": "met",  # 10.5 / 0.8
        "edit-older under 1 s": "NOT met",
        "edit-older at least 10x faster than Hugo": "NOT met",
        "nothing changed faster than an edit": "met",
        "peak memory under 500 MB": "NOT met",  # one scenario's peak is enough to miss it
    }
    assert lines[-1] == "- cost against N: cold at 10,000 is 9.4x cold at 1,000 (10x is linear)"


def test_a_run_without_ten_thousand_articles_judges_nothing():
    assert scale_targets([result("ours", "cold", 7, size="1000"), result("hugo", "cold", 1, size="1000")]) == []
