"""`mythos-site import SOURCE`: read the source (an address, a saved page, or pasted text), write
the draft, and say what was found, what was not, and what `check` will ask for."""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from pathlib import Path
from zoneinfo import ZoneInfo

from mythos_site.content.dates import DateProblem, parse_published
from mythos_site.errors import ContentError, shown
from mythos_site.importing import ImportFailed
from mythos_site.importing.article_file import FIELDS, Found, check_slug, slug_for, value_of, write_article
from mythos_site.importing.fetch import MAX_BYTES, check_address, fetch_page, is_web_address, looks_like_html


@dataclass(frozen=True)
class Given:
    """What the editor states on the command line; it takes the place of what the source gives."""

    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    date: str | None = None
    url: str | None = None


def import_article(source: str, content_dir: Path, given: Given, slug: str | None = None,
                   stdin=None) -> tuple[Path, list[str]]:
    """Write the article; its path and the lines that report on it. ImportFailed says why not."""
    zone = _zone(content_dir)
    _check_given(given, zone)
    if slug is not None:
        check_slug(content_dir, slug)  # before the page is fetched, not after
    found = read_source(source, stdin if stdin is not None else sys.stdin.buffer, given.title)
    found = _with_given(found, given)
    fallback = Path(source).stem if source != "-" and not is_web_address(source) else "pasted-article"
    path = write_article(content_dir, found, slug or slug_for(found, fallback))
    return path, _report(path, found, given) + _check(path, zone)


def read_source(source: str, stdin, title: str | None = None) -> Found:
    """What the source holds; title is the editor's, which pasted text may repeat."""
    if source == "-":
        from mythos_site.importing.pasted import read_pasted

        return read_pasted(_pasted_text(stdin), title)
    from mythos_site.importing.webpage import read_page  # trafilatura takes a moment to load

    if is_web_address(source):
        fetched = fetch_page(check_address(source))
        return read_page(fetched.data, fetched.charset, fetched.url, fetched.url)
    return read_page(_saved_page(Path(source)), None, None, source)


def _saved_page(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise ImportFailed(f"there is no file {path}; give a saved page, an address with https://, or - for "
                           "pasted text") from None
    except OSError as error:
        raise ImportFailed(f"cannot read {path}: {error.strerror or error}") from None
    if len(data) > MAX_BYTES:
        raise ImportFailed(f"{path} is larger than {MAX_BYTES / 1_000_000:g} MB, more than an article's page holds")
    if not looks_like_html(data):
        raise ImportFailed(f"{path} is not an HTML page; to import plain text, pipe it in: "
                           f"mythos-site import - < {path}")
    return data


def _pasted_text(stdin) -> str:
    if getattr(stdin, "isatty", lambda: False)():
        print("paste the article's text, then press Ctrl+D (Ctrl+Z, Enter on Windows)", file=sys.stderr)
    data = stdin.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ImportFailed(f"the pasted text is larger than {MAX_BYTES / 1_000_000:g} MB, more than an article holds")
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    except UnicodeDecodeError:
        raise ImportFailed("the pasted text is not UTF-8; save it as UTF-8 and pipe it in") from None
    if not text.strip():
        raise ImportFailed("no text was pasted; pipe the article's text in: mythos-site import - < article.txt")
    return text


def _zone(content_dir: Path):
    from mythos_site.content.config import load_config

    try:
        return ZoneInfo(load_config(content_dir).timezone)
    except ContentError:
        return ZoneInfo("UTC")  # no settings yet: dates are only checked, not converted


def _check_given(given: Given, zone) -> None:
    if given.date is not None:
        try:
            parse_published(given.date, zone)
        except DateProblem as problem:
            raise ImportFailed(f"--date: {problem}") from None
    if given.url is not None:
        check_address(given.url)


def _with_given(found: Found, given: Given) -> Found:
    changes = {name: " ".join(value.split()) for name, value in (
        ("title", given.title), ("outlet", given.outlet), ("date", given.date), ("source_url", given.url))
        if value is not None and value.strip()}
    if given.author and given.author.strip():
        changes["authors"] = tuple(" ".join(name.split()) for name in given.author.split(";") if name.strip())
    for name in ("title", "date"):
        if name in changes:
            changes[f"{name}_inferred"] = None
    return replace(found, **changes)


def _report(path: Path, found: Found, given: Given) -> list[str]:
    given_names = {name for name, value in (("title", given.title), ("author", given.author),
                                            ("outlet", given.outlet), ("date", given.date),
                                            ("source_url", given.url)) if value}
    present = [name for name in FIELDS if value_of(found, name) is not None]
    found_names = [_shown(name, found) for name in present if name not in given_names]
    missing = [name for name in FIELDS if value_of(found, name) is None]
    lines = [f"wrote {path}, a draft (draft: true)",
             f"found: {', '.join(found_names) or 'nothing'}"]
    if given_names:
        lines.append(f"given: {', '.join(name for name in FIELDS if name in given_names)}")
    for name, value, evidence in (("title", found.title, found.title_inferred),
                                  ("date", found.date, found.date_inferred)):
        if evidence:
            lines.append(f"inferred: {name} {value} ({evidence}): check it")
    lines.append(f"not found: {', '.join(missing)}; left empty with a comment" if missing else "not found: nothing")
    lines += [f"note: {note}" for note in found.notes]
    return lines


def _shown(name: str, found: Found) -> str:
    if name == "date":
        return f"date {found.date}" + (" (inferred)" if found.date_inferred else "")
    if name == "title" and found.title_inferred:
        return "title (inferred)"
    if name in ("tags", "author"):
        return f"{name} ({len(value_of(found, name))})" if len(value_of(found, name)) > 1 else name
    return name


def _check(path: Path, zone) -> list[str]:
    """What `check` will say of the file (an empty title or date, a link it refuses), as it says it."""
    from mythos_site.content.loader import parse_article

    try:
        _, warnings = parse_article(path, path.read_bytes(), zone)
    except ContentError as error:
        return ["to fix before `mythos-site check` passes:"] + shown(error.problems)
    return shown(warnings)
