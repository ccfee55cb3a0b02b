"""The command line: `mythos-site build` (also `python build.py`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mythos_site import __version__
from mythos_site.config import base_url_of
from mythos_site.errors import ContentError
from mythos_site.pipeline import build
from mythos_site.writer import OutputError

COMMANDS = ("build",)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in COMMANDS + ("-h", "--help", "--version"):
        argv.insert(0, "build")  # `mythos-site --out x` means `mythos-site build --out x`
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        count = len(error.problems)
        print(f"build failed: {count} problem{'s' if count != 1 else ''}; the previous site was left as it was",
              file=sys.stderr)
        return 1
    except OutputError as error:
        print(f"mythos-site: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted; the previous site was left as it was", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mythos-site", description="Build a static site that follows one news story.")
    parser.add_argument("--version", action="version", version=f"mythos-site {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    builder = commands.add_parser("build", help="build the site (the default command)")
    _add_paths(builder)
    builder.add_argument("--out", type=Path, default=Path("_site"), help="output folder (default: _site)")
    builder.add_argument("--base-url", type=_base_url, help="the site's public address, overriding site.yaml")
    builder.add_argument("--drafts", action="store_true", help="include articles marked draft: true")
    builder.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    builder.set_defaults(run=_build)
    return parser


def _add_paths(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    parser.add_argument("--templates", type=Path, default=Path("templates"),
                        help="templates folder (default: templates)")


def _base_url(text: str) -> str:
    try:
        return base_url_of(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{error}; e.g. --base-url https://news.example.org/") from None


def _build(args: argparse.Namespace) -> int:
    for folder, option in ((args.content, "--content"), (args.templates, "--templates")):
        if not folder.is_dir():
            print(f"mythos-site: there is no folder {folder}; run this in the project folder or pass {option}",
                  file=sys.stderr)
            return 1
    report = build(args.content, args.templates, args.out, args.base_url, args.drafts)
    for warning in report.warnings:
        print(warning, file=sys.stderr)
    if not args.quiet:
        print(f"{report.summary()} -> {args.out}")
    return 0
