"""The scenarios: a cold build, a rebuild with nothing changed, after editing one article (the newest,
or an older one), after adding one.

Each repeat runs every scenario once per tool, the tools taking turns in a rotating order so that
no tool always runs first or last.
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.corpus import Article, Corpus, added_article, edited, generate
from benchmarks.measure import RunFailed, Sample, run, tree_size
from benchmarks.peers import ROOT, TOOLS, Site, our_code_version
from benchmarks.report import Result, describe

SCENARIOS = ("cold", "noop", "edit", "edit-older", "add")
REAL_SIZE = "5 (content/)"


@dataclass
class ToolRun:
    """One tool's site for one N, and the state its last build left."""
    site: Site
    logs: Path
    timeout: float
    built: bool = False  # output and cache match the content
    edited: Article | None = None  # the article whose text carries an edit, as it was before
    versions: tuple[str, str] = ("", "")  # of the code under test at the build before the last one, and at the last
    results: dict[str, Result] = field(default_factory=dict)

    def build(self, label: str) -> Sample:
        self.versions = (self.versions[1], self.site.code_version())
        return run(self.site.command(), self.site.folder, self.timeout, self.logs / f"{self.site.name}-{label}.log")


def run_size(size: int, tools: list[str], scenarios: list[str], repeats: int, work: Path,
             timeout: float) -> list[Result]:
    corpus = generate(size)
    runs = {name: _tool_run(name, work / f"n{size}", corpus, timeout) for name in tools}
    for name, tool in runs.items():
        tool.results = {scenario: Result(name, str(size), scenario) for scenario in scenarios}
    for repeat in range(repeats):
        for name in tools[repeat % len(tools):] + tools[:repeat % len(tools)]:
            _repeat(runs[name], corpus, scenarios, repeat, f"N={size} #{repeat + 1}/{repeats}")
    return [runs[name].results[scenario] for scenario in scenarios for name in tools]


def _tool_run(name: str, folder: Path, corpus: Corpus, timeout: float) -> ToolRun:
    site = TOOLS[name](folder / name)
    shutil.rmtree(site.folder, ignore_errors=True)
    site.write_site(corpus)
    logs = folder / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    return ToolRun(site, logs, timeout)


def _repeat(tool: ToolRun, corpus: Corpus, scenarios: list[str], repeat: int, label: str) -> None:
    if any(result.error for result in tool.results.values()):
        return  # a tool that failed once is not run again for this N
    for scenario in scenarios:
        result = tool.results[scenario]
        try:
            sample = _scenario(tool, scenario, corpus, repeat)
        except RunFailed as error:
            result.error = error.reason
            progress(f"[{label}] {tool.site.name} {scenario}: FAILED {error}")
            return
        result.samples.append(sample)
        result.code_versions += tool.versions  # a rebuild on output of other code is no rebuild
        result.files, result.bytes = tree_size(tool.site.output)
        progress(f"[{label}] {tool.site.name} {scenario}: {describe(sample, result.files, result.bytes)}"
                 + _summary_line(sample))


def _scenario(tool: ToolRun, scenario: str, corpus: Corpus, repeat: int) -> Sample:
    site = tool.site
    if tool.edited and scenario in ("cold", "edit", "edit-older"):
        # Back to the original text, so that every edit is the same change and every cold build the same corpus.
        site.write_article(tool.edited)
        tool.edited, tool.built = None, False
    if scenario == "cold":
        site.clean()
        tool.built = True
        return tool.build("cold")
    if not tool.built:
        tool.build("prepare")  # untimed: a rebuild starts from a finished build of the same corpus
        tool.built = True
    if scenario == "noop":
        return tool.build("noop")
    if scenario in ("edit", "edit-older"):
        # Each repeat's edit has its own words, so no cache can hold its result from an earlier repeat.
        original = _newest(corpus) if scenario == "edit" else _middle(corpus)
        site.write_article(edited(original, repeat + 1))
        tool.edited = original
        return tool.build(scenario)
    extra = added_article(corpus)
    site.write_article(extra)
    try:
        return tool.build("add")
    finally:
        site.remove_article(extra)
        tool.built = False


def _newest(corpus: Corpus) -> Article:
    return max(corpus.articles, key=lambda article: article.published)


def _middle(corpus: Corpus) -> Article:
    """An older article: the middle one by date, far from the home page and the feeds."""
    by_date = sorted(corpus.articles, key=lambda article: (article.published, article.slug))
    return by_date[len(by_date) // 2]


def run_real_site(repeats: int, work: Path, timeout: float) -> list[Result]:
    """`python build.py` on the five articles of content/: cold (no output, no cache), then warm."""
    folder = work / "real"
    out, cache = folder / "out", folder / "cache"
    command = [sys.executable, str(ROOT / "build.py"), "--content", str(ROOT / "content"),
               "--templates", str(ROOT / "templates"), "--out", str(out), "--cache", str(cache)]
    results = {scenario: Result("ours", REAL_SIZE, scenario) for scenario in ("cold", "warm")}
    folder.mkdir(parents=True, exist_ok=True)
    version = ""
    for repeat in range(repeats):
        for scenario, result in results.items():
            if scenario == "cold":
                shutil.rmtree(out, ignore_errors=True)
                shutil.rmtree(cache, ignore_errors=True)
            previous, version = version, our_code_version()
            try:
                # The build's cwd is the scratch folder: nothing it leaves in its cwd lands in the repository.
                sample = run(command, folder, timeout, folder / f"{scenario}.log")
            except RunFailed as error:
                result.error = error.reason
                progress(f"[real site #{repeat + 1}/{repeats}] ours {scenario}: FAILED {error}")
                return list(results.values())
            result.samples.append(sample)
            result.code_versions += (previous, version)
            result.files, result.bytes = tree_size(out)
            progress(f"[real site #{repeat + 1}/{repeats}] ours {scenario}: "
                     f"{describe(sample, result.files, result.bytes)}{_summary_line(sample)}")
    return list(results.values())


def _summary_line(sample: Sample) -> str:
    """Our build's own summary (how many articles were parsed afresh): evidence the cache did its job."""
    lines = [line for line in sample.output.splitlines() if "articles read" in line]
    return f"\n    {lines[-1]}" if lines else ""


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
