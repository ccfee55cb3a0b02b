"""Summaries of the samples: medians, ranges, ratios against ours, and the markdown table."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from benchmarks.measure import Sample

REFERENCE = "ours"


@dataclass
class Result:
    tool: str
    size: str  # "1000", or "5 (content/)" for the real site
    scenario: str
    samples: list[Sample] = field(default_factory=list)
    code_versions: list[str] = field(default_factory=list)  # of the code at each build and the one before it
    files: int = 0
    bytes: int = 0
    error: str = ""

    @property
    def wall(self) -> float:
        return statistics.median(sample.wall for sample in self.samples)

    @property
    def cpu(self) -> float:
        return statistics.median(sample.cpu for sample in self.samples)

    @property
    def peak_mb(self) -> float:
        return statistics.median(sample.peak_mb for sample in self.samples)


def describe(sample: Sample, files: int, size: int) -> str:
    """One run, for the progress log."""
    return (f"{seconds(sample.wall)} wall, {seconds(sample.cpu)} CPU, {sample.peak_mb:.0f} MB peak, "
            f"{files} files, {size / 1e6:.1f} MB")


def code_changed(result: Result, version: str) -> bool:
    """Whether our code at one of the result's builds, or at a build it rebuilt on, was not `version`."""
    return any(seen and seen != version for seen in result.code_versions)


def table(results: list[Result], version: str) -> str:
    """The results, rows of builds of other code than `version` (ours at the start of the run) marked."""
    reference = {(r.size, r.scenario): r for r in results if r.tool == REFERENCE and r.samples}
    lines = ["| tool | N | scenario | wall median (range) | CPU | peak MB | files | MB | vs ours |",
             "|---|---|---|---|---|---|---|---|---|"]
    for result in results:
        lines.append(_row(result, reference.get((result.size, result.scenario)), code_changed(result, version)))
    return "\n".join(lines)


def _row(result: Result, reference: Result | None, changed: bool) -> str:
    head = f"| {result.tool} | {result.size} | {result.scenario}{' (code changed!)' if changed else ''} |"
    if not result.samples:
        return f"{head} failed: {result.error or 'skipped after a failure'} | | | | | |"
    walls = [sample.wall for sample in result.samples]
    spread = seconds(result.wall)
    if len(walls) > 1:
        spread += f" ({_bare(min(walls))}–{_bare(max(walls))})"
    return (f"{head} {spread} | {seconds(result.cpu)} | {result.peak_mb:.0f} | {result.files} | "
            f"{result.bytes / 1e6:.1f} | {_ratios(result, reference)} |")


def _ratios(result: Result, reference: Result | None) -> str:
    if result.tool == REFERENCE:
        return "reference"
    if reference is None:
        return "–"
    return (f"wall {result.wall / reference.wall:.2f}×, CPU {result.cpu / reference.cpu:.2f}×, "
            f"mem {result.peak_mb / reference.peak_mb:.2f}×")


def seconds(value: float) -> str:
    return f"{_bare(value)} s"


def _bare(value: float) -> str:
    return f"{value:.2f}" if value < 10 else f"{value:.1f}" if value < 100 else f"{value:.0f}"


def target_lines(results: list[Result], size: str, limit: float) -> list[str]:
    """Whether each run of the real site stayed under `limit` seconds of wall time."""
    lines = []
    for result in results:
        if result.size == size and result.samples:
            worst = max(sample.wall for sample in result.samples)
            verdict = "met" if worst < limit else "NOT met"
            lines.append(f"- {result.scenario}: median {seconds(result.wall)}, slowest {seconds(worst)}: "
                         f"target under {limit} s {verdict}")
    return lines


TARGET_SIZE = "10000"  # the issue sets its targets at 10,000 articles


def scale_targets(results: list[Result]) -> list[str]:
    """Each target set at 10,000 articles, with the medians it compares: met or NOT met. Empty
    when the run holds no N = 10,000."""
    found = {(r.tool, r.scenario): r for r in results if r.size == TARGET_SIZE and r.samples}
    lines: list[str] = []

    def check(label: str, met: bool, detail: str) -> None:
        lines.append(f"- {label}: {detail}: {'met' if met else 'NOT met'}")

    cold, hugo, pelican = (found.get((tool, "cold")) for tool in ("ours", "hugo", "pelican"))
    if cold and pelican:
        check("cold build at least 5x faster than Pelican", pelican.wall >= 5 * cold.wall,
              f"{seconds(cold.wall)} against {seconds(pelican.wall)} ({pelican.wall / cold.wall:.2f}x)")
    if cold and hugo:
        check("cold build within 1.5x of Hugo", cold.wall <= 1.5 * hugo.wall,
              f"{seconds(cold.wall)} against {seconds(hugo.wall)} ({cold.wall / hugo.wall:.2f}x Hugo's)")
    edits = [(scenario, found[("ours", scenario)]) for scenario in ("edit", "edit-older") if ("ours", scenario) in found]
    for scenario, edit in edits:
        check(f"{scenario} under 1 s", edit.wall < 1, f"{seconds(edit.wall)}")
        if ("hugo", scenario) in found:
            peer = found[("hugo", scenario)]
            check(f"{scenario} at least 10x faster than Hugo", peer.wall >= 10 * edit.wall,
                  f"{seconds(edit.wall)} against {seconds(peer.wall)} ({peer.wall / edit.wall:.1f}x)")
    noop = found.get(("ours", "noop"))
    if noop and edits:
        fastest = min(edit.wall for _, edit in edits)
        check("nothing changed faster than an edit", noop.wall < fastest,
              f"{seconds(noop.wall)} against {seconds(fastest)}")
    peaks = [r.peak_mb for (tool, _), r in found.items() if tool == REFERENCE]
    if peaks:
        check("peak memory under 500 MB", max(peaks) < 500, f"{max(peaks):.0f} MB at most")
    small = next((r for r in results if r.tool == REFERENCE and r.size == "1000" and r.scenario == "cold"
                  and r.samples), None)
    if cold and small:
        lines.append(f"- cost against N: cold at 10,000 is {cold.wall / small.wall:.1f}x cold at 1,000 "
                     "(10x is linear)")
    return lines


LEGEND = """\
wall: elapsed time of the build command, start-up included (median of the repeats, range in brackets).
CPU: user + system time of the build process and every process it waited for (median).
peak MB: the largest resident set of one process of the build (ru_maxrss from os.wait4; median).
files, MB: what the output folder holds after the build.
vs ours: the tool's median divided by ours for the same N and scenario; below 1 means less time or memory than ours."""
