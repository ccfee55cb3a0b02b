"""The command line: build (the default), check, new, import and serve. `python build.py` is the same."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from mythos_site import __version__
from mythos_site.errors import ContentError, os_problem, shown
from mythos_site.build.writer import OutputError

COMMANDS = ("build", "check", "new", "import", "serve")
DEFAULT_CACHE = Path(".mythos-cache")


# The last build's report, and with it the whole site, is kept to the end: freeing a site of
# thousands of articles object by object takes about a second, and run() exits without it.
_kept: list = []


def run() -> None:
    """The command line as a program: main(), then an exit that skips freeing every object one by
    one, which after a build of thousands of articles takes about a second and changes nothing."""
    try:
        code = main()
    except KeyboardInterrupt:  # Ctrl+C before a command had started: nothing to undo
        print("stopped", file=sys.stderr)
        code = 130
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in COMMANDS + ("-h", "--help", "--version"):
        argv.insert(0, "build")  # `mythos-site --out x` means `mythos-site build --out x`
    args = _parser().parse_args(argv)
    for folder, option in ((args.content, "--content"), (getattr(args, "templates", None), "--templates")):
        if folder is not None and not folder.is_dir() and args.command not in ("new", "import"):
            print(f"mythos-site: there is no folder {folder}; run this in the project folder or pass {option}",
                  file=sys.stderr)
            return 1
    try:
        with _terminated_as_interrupt(args.command in ("build", "serve")):
            return args.run(args)
    except ContentError as error:
        for line in shown(error.problems):
            print(line, file=sys.stderr)
        count = len(error.problems)
        print(f"build failed: {count} problem{'s' if count != 1 else ''}; the previous site was left as it was",
              file=sys.stderr)
        return 1
    except OutputError as error:
        print(f"mythos-site: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        read_from = tuple(folder for folder in (args.content, getattr(args, "templates", None)) if folder)
        print(f"mythos-site: {os_problem(error, read_from)}"
              + ("; the previous site was left as it was" if args.command == "build" else ""), file=sys.stderr)
        return 1
    except Terminated:
        print("stopped (terminated)", file=sys.stderr)
        return 143
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
        return 130


class Terminated(KeyboardInterrupt):
    """SIGTERM (a CI time-out, `kill`), taken as Ctrl+C is: the build stops cleanly, the previous
    site stays as it was, and the staging folder and the workers go with it."""


class _terminated_as_interrupt:
    """While a build or the server runs, SIGTERM raises Terminated (in the main thread only, where
    Python takes signals)."""

    def __init__(self, wanted: bool):
        self._wanted, self._before = wanted, None

    def __enter__(self):
        if self._wanted:
            try:
                self._before = signal.signal(signal.SIGTERM, self._stop)
            except ValueError:  # not the main thread: signals stay as they are
                self._wanted = False

    def __exit__(self, *_):
        if self._wanted:
            signal.signal(signal.SIGTERM, signal.SIG_DFL if self._before is None else self._before)

    @staticmethod
    def _stop(*_):
        raise Terminated


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mythos-site", description="Build a static site that follows one news story.")
    parser.add_argument("--version", action="version", version=f"mythos-site {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    builder = commands.add_parser("build", help="build the site (the default command)")
    _add_paths(builder)
    _add_selection(builder)
    builder.add_argument("--out", type=Path, default=Path("_site"), help="output folder (default: _site)")
    builder.add_argument("--base-url", type=_base_url, help="the site's public address, overriding site.yaml")
    _add_cache(builder)
    builder.add_argument("--no-search", action="store_true", help="build without the search index")
    builder.add_argument("--jobs", type=_jobs, default=None,
                         help="how many processes parse and render at most (default: one a core)")
    builder.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    builder.set_defaults(run=_build)

    checker = commands.add_parser("check", help="check content and templates, write nothing")
    _add_paths(checker)
    checker.set_defaults(run=_check)

    creator = commands.add_parser("new", help="start a new article: mythos-site new \"Title\"")
    creator.add_argument("title", help="the article's headline")
    creator.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    creator.set_defaults(run=_new)

    importer = commands.add_parser("import", help="import an article: mythos-site import URL|FILE.html|-")
    importer.add_argument("source", help="the article's http(s) address, a saved .html page, or - for pasted text")
    importer.add_argument("--slug", help="the file name to write (default: from the title)")
    for name, what in (("title", "headline"), ("author", "author (several: 'A; B')"), ("outlet", "outlet"),
                       ("date", "publication date"), ("url", "original's address")):
        importer.add_argument(f"--{name}", help=f"the {what}, in place of what the source gives")
    importer.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    importer.set_defaults(run=_import)

    server = commands.add_parser("serve", help="build, serve on 127.0.0.1, rebuild and reload on every change")
    _add_paths(server)
    server.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000; 0 picks one)")
    server.add_argument("--no-drafts", dest="drafts", action="store_false",
                        help="leave drafts out, as a published build does (they are shown by default)")
    server.add_argument("--future", action="store_true", help="include articles dated in the future")
    _add_cache(server)
    server.set_defaults(run=_serve)
    return parser


def _add_paths(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    parser.add_argument("--templates", type=Path, default=Path("templates"),
                        help="templates folder (default: templates)")


def _add_cache(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE,
                        help="where parsed articles are kept between builds (default: .mythos-cache; safe to delete)")
    parser.add_argument("--no-cache", action="store_true", help="parse every article afresh and keep nothing")


def _jobs(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError("give a whole number of processes, 1 or more (e.g. --jobs 2)")
    return int(text)


def _add_selection(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--drafts", action="store_true", help="include articles marked draft: true")
    parser.add_argument("--future", action="store_true", help="include articles dated in the future")


def _base_url(text: str) -> str:
    from mythos_site.content.config import base_url_of  # imported here: a rebuild with nothing to do loads little

    try:
        return base_url_of(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{error}; e.g. --base-url https://news.example.org/") from None


def _build(args: argparse.Namespace) -> int:
    from mythos_site.build.incremental import build
    from mythos_site.build.options import Options
    from mythos_site.build.parallel import Cores

    options = Options(args.base_url, args.drafts, args.future, None if args.no_cache else args.cache,
                      search=not args.no_search, cores=Cores(args.jobs),
                      progress=None if args.quiet else _progress_line(),
                      waiting=lambda message: print(f"mythos-site: {message}", file=sys.stderr, flush=True))
    report = build(args.content, args.templates, args.out, options)
    _kept[:] = [report]
    for line in shown(report.warnings):
        print(line, file=sys.stderr)
    for note in report.notes:
        print(note, file=sys.stderr)
    if not args.quiet:
        print(f"{report.summary()} -> {args.out}")
    return 0


def _progress_line():
    """On a terminal, a build that parses many articles shows how far it has got, on one line."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        if total >= 200 and (done % 100 == 0 or done == total):
            end = "\n" if done == total else ""
            print(f"\rparsing articles: {done:,}/{total:,}", end=end, file=sys.stderr, flush=True)

    return show


def _check(args: argparse.Namespace) -> int:
    from mythos_site.commands.check import check_site

    report = check_site(args.content, args.templates, datetime.now(timezone.utc))
    for line in shown(report.problems + report.warnings):
        print(line)
    for label, group in (("draft", report.drafts), ("scheduled", report.scheduled)):
        for article in group:
            print(f"{article.source}: {label}, dated {article.published:%Y-%m-%d}; not in a published build")
    for name, count in report.candidates:
        print(f"note: '{name}' appears in {count} articles but in no entry of content/entities.yaml; "
              "add it there if it is a person or organisation of the story")
    print(f"checked {_count(report.articles, 'article')}: {_count(len(report.problems), 'error')}, "
          f"{_count(len(report.warnings), 'warning')}")
    return 1 if report.problems else 0


def _new(args: argparse.Namespace) -> int:
    from mythos_site.content.config import load_config
    from mythos_site.commands.new import ArticleExists, new_article

    zone = ZoneInfo(load_config(args.content).timezone)
    try:
        path = new_article(args.content, args.title, datetime.now(zone).date())
    except (ArticleExists, ValueError) as error:
        print(f"mythos-site: {error}", file=sys.stderr)
        return 1
    print(f"wrote {path}: fill in the front matter, write the text, then remove 'draft: true' to publish")
    return 0


def _import(args: argparse.Namespace) -> int:
    from mythos_site.importing import ImportFailed
    from mythos_site.commands.import_article import Given, import_article

    given = Given(args.title, args.author, args.outlet, args.date, args.url)
    try:
        _, report = import_article(args.source, args.content, given, args.slug)
    except ImportFailed as error:
        print(f"mythos-site: {error}", file=sys.stderr)
        return 1
    for line in report:
        print(line)
    return 0


def _serve(args: argparse.Namespace) -> int:
    from mythos_site.build.options import Options
    from mythos_site.commands.serve import Server

    options = Options(drafts=args.drafts, future=args.future, cache_dir=None if args.no_cache else args.cache)
    try:
        server = Server(args.content, args.templates, args.port, options)
    except OSError as error:
        print(f"mythos-site: cannot listen on 127.0.0.1:{args.port} ({error.strerror}); try --port 0",
              file=sys.stderr)
        return 1
    try:  # closed however serve ends, Ctrl+C during the first build included: no folder left behind
        server.rebuild()
        server.start()
        print(f"serving {server.url} ; watching {args.content} and {args.templates}; Ctrl+C stops", flush=True)
        server.watch()
    finally:
        server.close()
    return 0


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}{'' if number == 1 else 's'}"
