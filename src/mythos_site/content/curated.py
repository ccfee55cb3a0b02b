"""Reading the editors' curated lists (facts, people): a YAML file whose one key holds a list of entries."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from mythos_site.errors import ContentError, Problem
from mythos_site.content.frontmatter import parse_yaml_mapping

Entry = TypeVar("Entry")


def load_list(path: Path, key: str, parse: Callable[[Any], Entry], hint: str) -> tuple[Entry, ...]:
    """Every entry of `key`, parsed; one ContentError names the line of each bad or repeated entry.

    `parse` raises ValueError with the message for a bad entry; each entry must have an `id`.
    """
    if not path.exists():
        return ()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ContentError.at(path, 1, f"{path.name} is not UTF-8 text", "save it as UTF-8") from None
    data, lines, items = parse_yaml_mapping(path, text, first_line=1, what="the file")
    entries = data.get(key) or []
    if not isinstance(entries, list):
        raise ContentError.at(path, lines.get(key, 1), f"'{key}' must be a list", "start each entry with '  - id:'")
    found, problems, seen = [], [], set()
    entry_lines = items.get(key, ())
    for index, entry in enumerate(entries):
        line = entry_lines[index] if index < len(entry_lines) else lines.get(key, 1)
        try:
            parsed = parse(entry)
        except ValueError as error:
            problems.append(Problem(path, line, str(error), hint))
            continue
        if parsed.id in seen:
            problems.append(Problem(path, line, f"the id '{parsed.id}' is used twice", "give each entry its own id"))
        seen.add(parsed.id)
        found.append(parsed)
    if problems:
        raise ContentError(problems)
    return tuple(found)
