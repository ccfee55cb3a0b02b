"""The benchmark's report: for each target set at 10,000 articles, whether this run met it; and the
shape of its tables, on fake measurements (no build and no peer is run)."""

from __future__ import annotations

from benchmarks.measure import Sample, combined
from benchmarks.report import Result, ServeResult, jobs_table, scale_targets, serve_table, stages_table, table
from benchmarks.serve import ServeSample
from benchmarks.stages import Profile, timed, timed_iterator


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


def rows(text: str) -> list[list[str]]:
    """The table's body, each row its cells."""
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in text.splitlines()[2:]]


def test_each_peer_is_compared_with_the_build_of_ours_that_does_the_same_work():
    results = [result("hugo", "cold", 1.0, size="1000"), result("hugo+pagefind", "cold", 2.0, size="1000"),
               result("ours", "cold", 8.0, size="1000"), result("ours-no-search", "cold", 5.0, size="1000"),
               result("pelican", "cold", 4.0, size="1000"), result("pelican+pagefind", "cold", 5.0, size="1000")]
    body = rows(table(results, ""))

    # Ours and the peers with Pagefind first, then ours without search and the bare peers.
    assert [row[0] for row in body] == ["ours", "hugo + pagefind", "pelican + pagefind", "ours --no-search", "hugo",
                                        "pelican"]
    ratios = {row[0]: row[-1] for row in body}
    assert ratios["ours"] == ratios["ours --no-search"] == "reference"
    assert ratios["hugo + pagefind"] == "ours: wall 4.00×, CPU 4.00×, mem 1.00×"  # ours / (Hugo + Pagefind)
    assert ratios["pelican + pagefind"].startswith("ours: wall 1.60×")
    assert ratios["hugo"] == "ours --no-search: wall 5.00×, CPU 5.00×, mem 1.00×"  # ours --no-search / bare Hugo
    assert ratios["pelican"].startswith("ours --no-search: wall 1.25×")


def test_a_peer_without_its_reference_has_no_ratio_and_a_failed_row_says_why():
    failed = Result("pelican+pagefind", "1000", "cold", error="exit status 1")
    body = {row[0]: row for row in rows(table([result("hugo", "cold", 1.0, size="1000"), failed], ""))}

    assert body["hugo"][-1] == "–"  # no ours --no-search in this run
    assert body["pelican + pagefind"][1:4] == ["1000", "cold", "failed: exit status 1"]


def test_a_peer_with_pagefind_is_one_job_its_times_added_and_the_larger_peak():
    pair = combined(Sample(1.5, 2.0, 240, "hugo\n"), Sample(0.5, 0.75, 80, "pagefind\n"))

    assert (pair.wall, pair.cpu, pair.peak_mb, pair.output) == (2.0, 2.75, 240, "hugo\npagefind\n")


def test_the_jobs_sweep_is_a_table_of_its_own_with_the_speed_up_over_one_process():
    results = [result("ours", "cold", 6.0, size="1000"), result("ours", "cold --jobs 1", 9.0, size="1000"),
               result("ours", "cold --jobs 2", 6.2, size="1000"), result("hugo", "cold", 1.0, size="1000")]

    assert all("--jobs" not in row[2] for row in rows(table(results, "")))
    body = rows(jobs_table(results, cores=4))
    assert [(row[1], row[-1]) for row in body] == [("--jobs 1", "1.00×"), ("--jobs 2", "1.45×"),
                                                   ("all 4 cores (cold)", "1.50×")]
    assert jobs_table([result("ours", "cold", 6.0)], cores=2) == ""


def test_the_server_table_gives_the_medians_of_the_first_answer_and_of_each_reload():
    serve = ServeResult("1000", [ServeSample(3.0, {"newest": 0.4, "oldest": 0.9}, 5.0, 120),
                                 ServeSample(2.0, {"newest": 0.6, "oldest": 1.1}, 4.0, 110),
                                 ServeSample(2.5, {"newest": 0.5, "oldest": 1.0}, 4.5, 100)])
    text = serve_table([serve, ServeResult("10000", error="stop: left a process behind")], "")

    assert "edit newest → new version | edit oldest → new version" in text.splitlines()[0]
    first, failed = rows(text)
    assert first == ["1000", "2.50 s (2.00–3.00)", "0.50 s (0.40–0.60)", "1.00 s (0.90–1.10)", "4.50 s", "110"]
    assert failed[:2] == ["10000", "failed: stop: left a process behind"]
    assert serve_table([], "") == ""


def stage(wall: float, items: int = 0, per: str = "") -> dict:
    return {"name": "", "wall": wall, "cpu": wall * 1.5, "items": items, "calls": 1, "per": per}


def profile(scale: float, articles: int) -> dict:
    return {"wall": 10 * scale, "cpu": 15 * scale, "peak_mb": 100 * scale, "stages": {
        "whole build (in process)": stage(9.5 * scale),
        "search index (Pagefind)": stage(2 * scale, articles, "article page"),
        "read, parse and extract": stage(6 * scale, articles, "article"),
        "  group_quotes": stage(0.05 * scale),
        "assemble (assemble_site)": stage(0.1 * scale, articles, "article"),
        "render pages": stage(1 * scale, 2 * articles, "page"),
    }}


def test_our_stages_read_in_build_order_with_each_ratio_between_the_sizes():
    text = stages_table({"1000": profile(1, 1000), "10000": profile(10.4, 10000)})
    lines = text.splitlines()

    assert lines[0] == "| stage | N = 1000 | N = 10000 | 10000 ÷ 1000 (linear: 10) |"
    body = rows(text)
    assert [row[0] for row in body] == ["read, parse and extract", "assemble (assemble_site)", "· group_quotes",
                                        "render pages", "search index (Pagefind)", "whole build (in process)",
                                        "the process, start-up included"]
    parse = body[0]
    assert parse[1] == "6.00 s (CPU 9.00 s); 6.00 ms/article, 9.00 CPU (1,000)"
    assert parse[-1] == "10.4"  # the linearity of each stage
    grouping = body[1]  # the grouping row: assemble_site at both sizes and its ratio
    assert grouping[1].startswith("0.10 s") and grouping[2].startswith("1.04 s") and grouping[-1] == "10.4"
    assert body[-1][-1] == "10.4"


def test_one_size_gives_the_stages_without_a_ratio():
    text = stages_table({"200": profile(0.2, 200), "1000": None})

    assert text.splitlines()[0] == "| stage | N = 200 |"
    assert all(len(row) == 2 for row in rows(text))
    assert stages_table({}) == ""


def test_the_targets_are_judged_against_the_peers_with_pagefind_too():
    lines = scale_targets([result("ours", "cold", 60), result("hugo+pagefind", "cold", 45),
                           result("pelican+pagefind", "cold", 80), result("ours", "edit", 0.8),
                           result("hugo+pagefind", "edit", 12)])
    verdicts = {line.split(":")[0].removeprefix("- "): line.rsplit(": ", 1)[1] for line in lines}

    assert verdicts["cold build within 1.5x of Hugo + Pagefind"] == "met"  # 60 / 45 = 1.33
    assert verdicts["cold build at least 5x faster than Pelican + Pagefind"] == "NOT met"
    assert verdicts["edit at least 10x faster than Hugo + Pagefind"] == "met"  # 12 / 0.8 = 15


def test_a_stage_is_timed_around_its_function_and_an_iterator_while_its_items_are_taken():
    found = Profile()
    plan = timed(found, "plan pages", lambda count: list(range(count)), "page", lambda args, jobs: len(jobs))
    render = timed_iterator(found, "render pages", lambda count: iter(range(count)), "page")

    assert plan(3) == [0, 1, 2] and plan(2) == [0, 1]
    assert list(render(4)) == [0, 1, 2, 3]
    assert (found.stages["plan pages"].items, found.stages["plan pages"].calls) == (5, 2)
    assert (found.stages["render pages"].items, found.stages["render pages"].calls) == (4, 1)
