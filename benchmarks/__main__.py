"""python -m benchmarks: build the same generated corpus with ours, Hugo and Pelican and compare.

    python -m benchmarks                                  # N = 1,000, 3 repeats, every tool and scenario
    python -m benchmarks --sizes 10000 --repeats 1 --scenarios cold,edit
    python -m benchmarks --sizes 200 --repeats 1          # a quick look at every table
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import sys
import tempfile
from pathlib import Path

from benchmarks.peers import ROOT, TOOLS, ToolMissing, describe_versions, our_code_version
from benchmarks.report import (LEGEND, code_changed, extraction_lines, jobs_table, scale_targets, serve_table,
                               stages_table, table, target_lines)
from benchmarks.runner import (REAL_SIZE, SCENARIOS, Measured, progress, run_extraction, run_real_site,
                               run_size)

EXTRACTION_ARTICLES = 300  # at most, for benchmarks.extraction's ms per article by rule family

REAL_SITE_TARGET = 0.5  # seconds of wall time for the five-article site, start-up included


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        for name in args.tools:
            TOOLS[name](Path()).check_installed()
    except ToolMissing as error:
        print(f"benchmarks: {error}", file=sys.stderr)
        return 1
    work = args.keep or Path(tempfile.mkdtemp(prefix="mythos-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    progress(f"working in {work}" + ("" if args.keep else " (deleted at the end; --keep DIR keeps it)"))
    versions, code = describe_versions(), our_code_version()
    _compile_our_code()
    try:
        measured, extraction = _run(args, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    _print(measured, extraction, args, versions, code)
    failed = any(result.error for result in measured.builds) or any(serve.error for serve in measured.serves)
    return 1 if failed else 0


def _compile_our_code() -> None:
    """Byte-compile our sources, as pip does for the peers it installs: with PYTHONDONTWRITEBYTECODE
    set, an editable checkout would otherwise compile them again at every start (about 0.05 s)."""
    compileall.compile_dir(ROOT / "src", quiet=1)


def _run(args: argparse.Namespace, work: Path) -> tuple[Measured, dict | None]:
    measured = Measured(stages={})
    if not args.no_real_site:
        measured.builds += run_real_site(args.repeats, work, args.timeout or 120)
    for size in args.sizes:
        timeout = args.timeout or 300 + size  # generous: about 10 times our slowest seen per article
        found = run_size(size, args.tools, args.scenarios, args.repeats, work, timeout, args.pagefind,
                         args.profile_stages)
        measured.builds += found.builds
        measured.serves += found.serves
        if found.stages:
            measured.stages[str(size)] = found.stages
    extraction = None
    if args.profile_stages and "ours" in args.tools:
        extraction = run_extraction(min(EXTRACTION_ARTICLES, max(args.sizes)), min(args.repeats, 3),
                                    args.timeout or 300, work)
    return measured, extraction


def _print(measured: Measured, extraction: dict | None, args: argparse.Namespace, versions: str, code: str) -> None:
    results = measured.builds
    print(f"\n## Build benchmark: {args.repeats} repeat(s); {versions}\n")
    print(table(results, code))
    if any(code_changed(result, code) for result in results):
        print("\nWARNING: our code (build.py, src/ or templates/) changed during the run. Rows marked "
              "'code changed!' include builds of other code than at the start, or rebuilds on output and "
              "cache of other code (which our cache does not reuse); run again for numbers of one version.")
    print("\n" + LEGEND)
    print("cold: no output folder and no cache. noop: rebuild with nothing changed. edit: rebuild after the "
          "newest article changed. edit-older: after the middle article by date changed. add: rebuild after one "
          "article was added.")
    print("Cache: ours uses --cache; Pelican runs with CACHE_CONTENT = True and LOAD_CONTENT_CACHE = True; "
          "Hugo keeps no cache between runs, so its rebuild is a second run over the existing output.")
    print("Start-up: our sources are byte-compiled before the runs, as pip compiles the peers it installs.")
    sweep = jobs_table(results, os.cpu_count() or 1)
    if sweep:
        print("\n### Our cold build on 1, 2 and every core (`--jobs N`)\n")
        print(sweep)
    served = serve_table(measured.serves, code)
    if served:
        print("\n### Our dev server (`mythos-site serve --port 0`, cache warm; seconds)\n")
        print(served)
        print("\nfirst answer: from starting the process to the first answer of `/` (the server builds its own copy "
              "of the site first). edit → new version: from saving one sentence more in the newest (oldest) article "
              "to the status endpoint's answer that a page waiting on it reloads on. CPU and peak MB: the whole "
              "session, start to SIGINT.")
    profiled = stages_table(measured.stages or {})
    if profiled:
        print("\n### Where our cold build's time goes (`--profile-stages`: one more cold build, in process)\n")
        print(profiled)
        print("\nwall: time inside the stage (for a stage handing out results one at a time, time spent getting "
              "them); CPU: this process's thread and the processes reaped meanwhile (parsing and rendering "
              "workers, Pagefind); per item: wall, then CPU, per article, page or file. The search index runs on a "
              "thread beside the sitemap, feeds and data files. · rows are the groupings inside assemble_site.")
    lines = extraction_lines(extraction)
    if lines:
        print("\n### Extraction rules by family (`python -m benchmarks.extraction`)\n")
        print("\n".join(lines))
    lines = scale_targets(results)
    if lines:
        print("\nThe targets at N = 10,000 (medians of the repeats, in this run):")
        print("\n".join(lines))
    lines = target_lines(results, REAL_SIZE, REAL_SITE_TARGET)
    if lines:
        print("\nThe five-article site (content/), `python build.py`, start-up included:")
        print("\n".join(lines))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=_numbers, default=[1000],
                        help="article counts, comma-separated (default: 1000)")
    parser.add_argument("--repeats", type=_positive, default=3, help="runs of each scenario per tool (default: 3)")
    parser.add_argument("--tools", type=_choices(TOOLS), default=list(TOOLS),
                        help=f"comma-separated, from {','.join(TOOLS)} (default: all)")
    parser.add_argument("--scenarios", type=_choices(SCENARIOS), default=list(SCENARIOS),
                        help=f"comma-separated, from {','.join(SCENARIOS)} (default: all)")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="work in DIR and keep the corpora, outputs and logs there (default: a temporary folder)")
    parser.add_argument("--timeout", type=float, metavar="SECONDS",
                        help="limit of one build (default: 300 + 1 s per article; 120 s for the real site)")
    parser.add_argument("--no-real-site", action="store_true", help="skip the five-article site of content/")
    parser.add_argument("--pagefind", action=argparse.BooleanOptionalAction, default=True,
                        help="also time Pagefind over each peer's output, a row '<peer> + pagefind' (default: on)")
    parser.add_argument("--profile-stages", action=argparse.BooleanOptionalAction, default=True,
                        help="one more cold build of ours per N, in process, timed by stage; and the extraction "
                             "rules by family (default: on)")
    return parser


def _numbers(text: str) -> list[int]:
    try:
        values = [int(part) for part in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a comma-separated list of numbers") from None
    if any(value < 1 for value in values):
        raise argparse.ArgumentTypeError("sizes must be at least 1")
    return values


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _choices(allowed):
    def parse(text: str) -> list[str]:
        values = [part.strip() for part in text.split(",") if part.strip()]
        unknown = [value for value in values if value not in allowed]
        if unknown or not values:
            raise argparse.ArgumentTypeError(f"choose from {', '.join(allowed)}")
        return list(dict.fromkeys(values))
    return parse


if __name__ == "__main__":
    sys.exit(main())
