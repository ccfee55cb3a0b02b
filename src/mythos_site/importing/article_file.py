"""The article file an import writes: front matter with what the source states, an empty field
with a comment for what it does not, the body, and `draft: true`; never over another file."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from mythos_site.content.frontmatter import UNWRITABLE
from mythos_site.importing import ImportFailed
from mythos_site.content.slugs import is_plain, slugify
from mythos_site.content.sources import ARTICLES_DIR


@dataclass(frozen=True)
class Found:
    """What an import found in its source, field by field; None or empty where the source is silent."""

    title: str | None = None
    title_inferred: str | None = None  # the evidence, when the title is taken from where a headline stands
    date: str | None = None
    date_inferred: str | None = None  # the evidence, when the date is not stated but inferred
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    summary: str | None = None
    source_url: str | None = None
    tags: tuple[str, ...] = ()
    body: str = ""
    notes: tuple[str, ...] = ()  # what the editor should know of the import (a paywall, lines left out)


FIELDS = ("title", "date", "author", "outlet", "tags", "summary", "source_url")
MISSING = {
    "title": "not found: the source gives no headline; write it as the source prints it",
    "date": 'not found: the source states no date; write it, or a date you infer with date_inferred: "why"',
    "author": "not found: the source names no author",
    "outlet": "not found: the source names no outlet",
    "tags": "not found: the source lists no keywords",
    "summary": "not found: the source gives no description; write one neutral sentence",
    "source_url": "not found: the source gives no address of its own",
}


def value_of(found: Found, name: str):
    """The field's value as found: text, a tuple (authors, tags), or None."""
    value = {"author": found.authors}.get(name, getattr(found, name, None))
    return value or None


def front_matter(found: Found) -> str:
    lines = ["---"]
    for name in FIELDS:
        value = value_of(found, name)
        if value is None:
            lines.append(f"{name}:{' []' if name == 'tags' else ''}  # {MISSING[name]}")
            continue
        lines.append(f"{name}: {_yaml(value, name)}")
        inferred = {"title": found.title_inferred, "date": found.date_inferred}.get(name)
        if inferred:
            lines.append(f"{name}_inferred: {_quoted(inferred)}")
    lines += ["# Imported: check every field and the text against the source.",
              "# Remove the next line when the article is ready to publish.", "draft: true", "---"]
    return "\n".join(lines) + "\n"


def _yaml(value, name: str) -> str:
    if name == "date":
        return value  # left as written: the loader reads dates as text
    if isinstance(value, tuple):
        if name == "author" and len(value) == 1:
            return _quoted(value[0])
        return "[" + ", ".join(_quoted(item) for item in value) + "]"
    return _quoted(value)


def _quoted(text: str) -> str:
    # JSON strings are valid YAML, so any text is written safely quoted.
    return json.dumps(" ".join(UNWRITABLE.sub(" ", text).split()), ensure_ascii=False)


def article_text(found: Found) -> str:
    body = UNWRITABLE.sub("", found.body).strip("\n")  # what the build would refuse, as a page may hold
    return front_matter(found) + (body + "\n" if body else "")


def slug_for(found: Found, fallback: str) -> str:
    """A slug from the title; else from the last part of the source's address; else the fallback."""
    tail = unquote(urlsplit(found.source_url).path.rstrip("/").rpartition("/")[2]) if found.source_url else ""
    for candidate in (found.title or "", tail.rpartition(".")[0] or tail, fallback):
        slug = slugify(candidate)
        if is_plain(slug):
            return slug
    return "imported-article"


def check_slug(content_dir: Path, slug: str) -> Path:
    """The path of the article with this slug; ImportFailed if the slug is not plain or the file exists."""
    if not is_plain(slug):
        raise ImportFailed(f"'{slug}' is not a usable slug; use lower-case letters, digits and hyphens, "
                           f"e.g. --slug {slugify(slug) or 'my-article'}")
    path = content_dir / ARTICLES_DIR / f"{slug}.md"
    if path.exists():
        raise ImportFailed(f"{path} already exists; import under another name with --slug NAME")
    return path


def write_article(content_dir: Path, found: Found, slug: str) -> Path:
    path = check_slug(content_dir, slug)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as handle:
            handle.write(article_text(found))
    except FileExistsError:
        raise ImportFailed(f"{path} already exists; import under another name with --slug NAME") from None
    return path
