"""The scenarios: a cold build, a rebuild with nothing changed, after editing one article (the newest,
or an older one), after adding one; our dev server (serve); our cold build on fewer cores (jobs).

Each repeat runs every scenario once per tool, the tools taking turns in a rotating order so that
no tool always runs first or last. A peer's build is followed by Pagefind over its output (its
users' way to add search), timed apart, so that each peer gives two rows: alone and with Pagefind.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.corpus import Article, Corpus, added_article, edited, generate
from benchmarks.measure import RunFailed, Sample, combined, run, tree_size
from benchmarks.peers import PEERS, ROOT, TOOLS, Site, our_code_version
from benchmarks.report import Result, ServeResult, describe, describe_serve
from benchmarks.serve import measure_serve

BUILDS = ("cold", "noop", "edit", "edit-older", "add")
SCENARIOS = (*BUILDS, "serve", "jobs")
OURS_ONLY = ("serve", "jobs")  # scenarios of our build alone
REAL_SIZE = "5 (content/)"
PAIRED = "+pagefind"  # a peer's row with Pagefind is the peer's name and this
SERVE_REVISION = 1000  # the serve scenario's edits have words of their own, held by no cache from an edit scenario


def jobs_sweep() -> tuple[int, ...]:
    """The --jobs values the jobs scenario builds with: 1 and 2, less all the cores, which the
    cold scenario's build uses."""
    cores = os.cpu_count() or 1
    return tuple(jobs for jobs in (1, 2) if jobs < cores)


def jobs_scenario(jobs: int) -> str:
    return f"cold --jobs {jobs}"


@dataclass
class Measured:
    """What one N gave: the builds' results, the server's, and our cold build's stages."""
    builds: list[Result] = field(default_factory=list)
    serves: list[ServeResult] = field(default_factory=list)
    stages: dict | None = None  # benchmarks.stages's JSON, for a cold build


@dataclass
class ToolRun:
    """One tool's site for one N, and the state its last build left."""
    site: Site
    logs: Path
    timeout: float
    pagefind: bool = False  # whether Pagefind runs over the output after each timed build
    built: bool = False  # output and cache match the content
    edited: Article | None = None  # the article whose text carries an edit, as it was before
    versions: tuple[str, str] = ("", "")  # of the code under test at the build before the last one, and at the last
    results: dict[str, Result] = field(default_factory=dict)
    paired: dict[str, Result] = field(default_factory=dict)  # the peer with Pagefind, by scenario
    serve: ServeResult | None = None

    def build(self, label: str, jobs: int | None = None) -> Sample:
        self.versions = (self.versions[1], self.site.code_version())
        command = self.site.command(jobs) if jobs else self.site.command()
        return run(command, self.site.folder, self.timeout, self.logs / f"{self.site.name}-{label}.log")

    def index(self, label: str) -> Sample:
        # Pagefind adds to its folder and never removes a file: each run starts without it (untimed),
        # so every row with Pagefind is the same work and its file count that of one index.
        shutil.rmtree(self.site.output / "pagefind", ignore_errors=True)
        return run(self.site.pagefind_command(), self.site.folder, self.timeout,
                   self.logs / f"{self.site.name}-pagefind-{label}.log")


def run_size(size: int, tools: list[str], scenarios: list[str], repeats: int, work: Path,
             timeout: float, pagefind: bool = True, profile: bool = True) -> Measured:
    corpus = generate(size)
    runs = {name: _tool_run(name, work / f"n{size}", corpus, timeout, pagefind and name in PEERS) for name in tools}
    for name, tool in runs.items():
        mine = [scenario for scenario in scenarios if scenario in BUILDS]
        tool.results = {scenario: Result(name, str(size), scenario) for scenario in mine}
        if tool.pagefind:
            tool.paired = {scenario: Result(name + PAIRED, str(size), scenario) for scenario in mine}
        if name == "ours" and "jobs" in scenarios:
            tool.results |= {jobs_scenario(jobs): Result(name, str(size), jobs_scenario(jobs)) for jobs in jobs_sweep()}
        if name == "ours" and "serve" in scenarios:
            tool.serve = ServeResult(str(size))
    for repeat in range(repeats):
        for name in tools[repeat % len(tools):] + tools[:repeat % len(tools)]:
            _repeat(runs[name], corpus, scenarios, repeat, f"N={size} #{repeat + 1}/{repeats}")
    measured = Measured()
    for scenario in scenarios:
        for name in tools:
            tool = runs[name]
            if scenario == "jobs":
                measured.builds += [result for key, result in tool.results.items() if key.startswith("cold --jobs")]
            elif scenario in tool.results:
                measured.builds.append(tool.results[scenario])
                if scenario in tool.paired:
                    measured.builds.append(tool.paired[scenario])
    if "ours" in runs and runs["ours"].serve:
        measured.serves.append(runs["ours"].serve)
    if profile and "ours" in runs:
        measured.stages = profile_stages(runs["ours"], size)
    return measured


def _tool_run(name: str, folder: Path, corpus: Corpus, timeout: float, pagefind: bool) -> ToolRun:
    site = TOOLS[name](folder / name)
    shutil.rmtree(site.folder, ignore_errors=True)
    site.write_site(corpus)
    logs = folder / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    return ToolRun(site, logs, timeout, pagefind)


def _repeat(tool: ToolRun, corpus: Corpus, scenarios: list[str], repeat: int, label: str) -> None:
    if any(result.error for result in tool.results.values()) or (tool.serve and tool.serve.error):
        return  # a tool that failed once is not run again for this N
    for scenario in scenarios:
        if scenario in OURS_ONLY and tool.site.name != "ours":
            continue
        try:
            if scenario == "serve":
                _serve(tool, corpus, repeat, label)
            elif scenario == "jobs":
                _jobs(tool, label)
            else:
                _build_scenario(tool, scenario, corpus, repeat, label)
        except RunFailed as error:
            failed = tool.serve if scenario == "serve" else tool.results.get(scenario)
            if failed is not None:  # (the jobs scenario marks its own failed row)
                failed.error = error.reason
            progress(f"[{label}] {tool.site.name} {scenario}: FAILED {error}")
            return


def _build_scenario(tool: ToolRun, scenario: str, corpus: Corpus, repeat: int, label: str) -> None:
    result = tool.results[scenario]
    sample = _scenario(tool, scenario, corpus, repeat)
    result.samples.append(sample)
    result.code_versions += tool.versions  # a rebuild on output of other code is no rebuild
    result.files, result.bytes = tree_size(tool.site.output, "pagefind" if tool.paired else "")
    progress(f"[{label}] {tool.site.name} {scenario}: {describe(sample, result.files, result.bytes)}"
             + _summary_line(sample))
    paired = tool.paired.get(scenario)
    if not paired or paired.error:
        return
    try:
        index = tool.index(scenario)
    except RunFailed as error:  # the peer's own row stands; its row with Pagefind says why it has none
        paired.error = error.reason
        progress(f"[{label}] {tool.site.name} + pagefind {scenario}: FAILED {error}")
        return
    paired.samples.append(combined(sample, index))
    paired.files, paired.bytes = tree_size(tool.site.output)
    progress(f"[{label}] {tool.site.name} + pagefind {scenario}: Pagefind {describe(index, paired.files, paired.bytes)}")


def _restore(tool: ToolRun) -> None:
    """Back to the original text, so that every edit is the same change and every cold build the same corpus."""
    if tool.edited:
        tool.site.write_article(tool.edited)
        tool.edited, tool.built = None, False


def _scenario(tool: ToolRun, scenario: str, corpus: Corpus, repeat: int) -> Sample:
    site = tool.site
    if scenario in ("cold", "edit", "edit-older"):
        _restore(tool)
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


def _jobs(tool: ToolRun, label: str) -> None:
    """Our cold build on fewer processes than cores (`--jobs N`), so the speed-up of the others shows."""
    _restore(tool)
    for jobs in jobs_sweep():
        result = tool.results[jobs_scenario(jobs)]
        tool.site.clean()
        tool.built = True
        try:
            sample = tool.build(f"cold-jobs{jobs}", jobs)
        except RunFailed as error:
            result.error = error.reason
            raise
        result.samples.append(sample)
        result.code_versions += tool.versions
        result.files, result.bytes = tree_size(tool.site.output)
        progress(f"[{label}] ours {result.scenario}: {describe(sample, result.files, result.bytes)}")


def _serve(tool: ToolRun, corpus: Corpus, repeat: int, label: str) -> None:
    """`mythos-site serve` on the built corpus, its cache warm: the first answer, then an edit to the
    newest and to the oldest article, each until the page would reload."""
    _restore(tool)
    if not tool.built:
        tool.build("prepare")
        tool.built = True
    revision = SERVE_REVISION + repeat + 1
    edits = {which: (article, edited(article, revision))
             for which, article in (("newest", _newest(corpus)), ("oldest", _oldest(corpus)))}
    version = tool.site.code_version()
    try:
        sample = measure_serve(tool.site, edits, tool.timeout, tool.logs / f"ours-serve-{repeat + 1}.log")
    finally:
        tool.built = False  # the server's builds kept their own records in the cache: build again before a rebuild
    tool.serve.samples.append(sample)
    tool.serve.code_versions += (version, tool.site.code_version())
    progress(f"[{label}] ours serve: {describe_serve(sample)}")


def _newest(corpus: Corpus) -> Article:
    return max(corpus.articles, key=lambda article: article.published)


def _middle(corpus: Corpus) -> Article:
    """An older article: the middle one by date, far from the home page and the feeds."""
    by_date = sorted(corpus.articles, key=lambda article: (article.published, article.slug))
    return by_date[len(by_date) // 2]


def _oldest(corpus: Corpus) -> Article:
    return min(corpus.articles, key=lambda article: (article.published, article.slug))


def profile_stages(tool: ToolRun, size: int) -> dict | None:
    """A cold build of ours in a process of its own, timed by stage (benchmarks.stages); not a row of
    the table. None, with the reason on stderr, if it failed."""
    _restore(tool)
    tool.site.clean()
    tool.built = True
    target = tool.logs / "ours-stages.json"
    command = [sys.executable, "-m", "benchmarks.stages", "--json", str(target), "--",
               *tool.site.build_arguments()]
    # Our sources first on the path, as build.py puts them, whatever package `pip -e` points at.
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]))
    try:
        sample = run(command, tool.site.folder, tool.timeout, tool.logs / "ours-stages.log", env)
        found = json.loads(target.read_text(encoding="utf-8"))
    except (RunFailed, OSError, ValueError) as error:
        progress(f"[N={size}] ours stages: FAILED {error}")
        return None
    found |= {"wall": sample.wall, "cpu": sample.cpu, "peak_mb": sample.peak_mb, "version": tool.site.code_version()}
    progress(f"[N={size}] ours stages (in process, cold): {describe(sample, *tree_size(tool.site.output))}")
    return found


def run_extraction(articles: int, repeats: int, timeout: float, work: Path) -> dict | None:
    """benchmarks.extraction's ms per article by rule family, on `articles` generated articles."""
    command = [sys.executable, "-m", "benchmarks.extraction", "--articles", str(articles),
               "--repeats", str(repeats), "--json"]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]))
    log = work / "extraction.log"
    try:
        sample = run(command, work, timeout, log, env)
        return json.loads(sample.output.strip().splitlines()[-1])
    except (RunFailed, ValueError, IndexError) as error:
        progress(f"extraction: FAILED {error}")
        return None


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
