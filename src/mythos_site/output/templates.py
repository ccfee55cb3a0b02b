"""The Jinja environment the pages are rendered in: autoescaped, strict, with the site's filters
and globals; the compiled templates kept in the cache (and compiled on another core during a first
build); a template's mistake as a ContentError at its file and line."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import threading
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import jinja2

from mythos_site import urls
from mythos_site.build.cache import code_version
from mythos_site.content.dimensions import with_sizes
from mythos_site.errors import ContentError
from mythos_site.output.originals import original_label, published_iso, published_label
from mythos_site.output.story_views import short_label, version_label
from mythos_site.output.views import fact_label, first_mention
from mythos_site.records import UNKNOWN_OUTLET

STATIC_DIR = urls.STATIC


def template_environment(templates_dir: Path, bytecode_cache: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        bytecode_cache=bytecode_cache,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["long_date"] = long_date
    env.filters["iso"] = lambda moment: moment.isoformat()
    env.filters["partial_date"] = partial_date
    env.filters["with_sizes"] = with_sizes
    env.filters["published_iso"] = published_iso
    env.filters["published_label"] = published_label
    env.globals.update(urls=urls, version_label=version_label, short_label=short_label, original_label=original_label,
                       unknown_outlet=UNKNOWN_OUTLET,
                       fact_label=fact_label, first_mention=first_mention)
    env.filters["quote_text"] = lambda text: text.rstrip(",;: ")  # the comma belongs to the sentence around it
    return env


def compile_templates_aside(templates_dir: Path, cache_dir: Path | None) -> Callable[[], None]:
    """On a first build (no compiled templates kept for this code yet), compile every template
    into the cache on another core while this one parses the articles; the call returned waits
    for it. Compiling them is about a fifth of a small site's first build. A template that does
    not compile is left to the build itself, which reports it. Not from a process running other
    threads (`serve`): a fork could copy a lock one of them holds."""
    if (cache_dir is None or _templates_folder(cache_dir).exists() or (os.cpu_count() or 1) < 2
            or threading.active_count() > 1):
        return lambda: None
    try:
        process = multiprocessing.get_context("fork").Process(target=_compile_all, args=(templates_dir, cache_dir),
                                                              daemon=True)
        process.start()
    except (OSError, ValueError):  # no process to be had, or no fork here: the build compiles them itself
        return lambda: None
    return process.join


def _compile_all(templates_dir: Path, cache_dir: Path) -> None:
    env = template_environment(templates_dir, _bytecode_cache(cache_dir))
    for name in env.list_templates(filter_func=lambda name: name.endswith(".html") and "/" not in name):
        try:
            env.get_template(name)
        except Exception:  # noqa: BLE001  (reported by the build, which compiles it again)
            pass


def _templates_folder(cache_dir: Path) -> Path:
    return cache_dir / f"templates-{code_version()[:16]}"


def _bytecode_cache(cache_dir: Path | None) -> jinja2.BytecodeCache | None:
    """Compiled templates kept between builds (compiling them is most of a one-page rebuild's
    rendering). Jinja checks each against its template's source; the environment's settings live
    in this package's code, so the folder is named for the code, and other code's folders go."""
    if cache_dir is None:
        return None
    folder = _templates_folder(cache_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for other in cache_dir.glob("templates-*"):
            if other != folder:
                shutil.rmtree(other, ignore_errors=True)
    except OSError:  # an unwritable cache: compile as if there were none
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


def long_date(moment: datetime) -> str:
    return f"{moment:%B} {moment.day}, {moment.year}"


def partial_date(iso: str) -> str:
    """"2026-03-26" -> "March 26, 2026"; "2026-03" -> "March 2026"; "2026" stays."""
    parts = [int(part) for part in iso.split("-")]
    if len(parts) == 3:
        return long_date(datetime(*parts))
    if len(parts) == 2:
        return f"{datetime(parts[0], parts[1], 1):%B} {parts[0]}"
    return str(parts[0])


def _static_files(templates_dir: Path) -> dict[str, bytes]:
    folder = templates_dir / STATIC_DIR
    if not folder.is_dir():
        return {}
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file() and not path.name.startswith(".")}


def _template_problem(templates_dir: Path, template: str, error: jinja2.TemplateError) -> ContentError:
    name = getattr(error, "filename", None) or str(templates_dir / template)
    line = getattr(error, "lineno", None) or 1
    if not getattr(error, "lineno", None):
        # A runtime error: Jinja's traceback has a frame for the template line that failed.
        frames = [frame for frame in traceback.extract_tb(error.__traceback__)
                  if Path(frame.filename).resolve().is_relative_to(templates_dir.resolve())]
        if frames:
            name, line = frames[-1].filename, frames[-1].lineno or 1
    return ContentError.at(Path(name), line, f"template error: {error}",
                           "fix the template; every name it uses must be passed by the renderer")
