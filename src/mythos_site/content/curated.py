"""Reading the editors' curated lists of facts and of people: a YAML file whose one key holds a list of entries."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from mythos_site.errors import ContentError, Problem
from mythos_site.content.frontmatter import parse_yaml_mapping
from mythos_site.content.slugs import is_plain
from mythos_site.site_records import Entity, Fact

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


FACTS_FILE = "facts.yaml"
FACT_KINDS = ("percent", "money", "count", "score")


def load_facts(content_dir: Path) -> tuple[Fact, ...]:
    return load_list(content_dir / FACTS_FILE, "facts", _fact,
                     "each fact needs id, statement and kind; units, subject and terms are lists of words")


def _fact(entry: Any) -> Fact:
    if not isinstance(entry, dict):
        raise ValueError("a fact must be a set of fields")
    for key in ("id", "statement", "kind"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise ValueError(f"the fact has no '{key}'")
    if not is_plain(entry["id"]):
        raise ValueError(f"the fact id '{entry['id']}' is not a plain name")
    if entry["kind"] not in FACT_KINDS:
        raise ValueError(f"the fact kind '{entry['kind']}' is not one of {', '.join(FACT_KINDS)}")
    lists = {}
    for key in ("units", "subject", "terms"):
        value = entry.get(key) or []
        if not isinstance(value, list) or not all(isinstance(item, (str, int, float)) for item in value):
            raise ValueError(f"'{key}' must be a list of words")
        lists[key] = tuple(str(item) for item in value)
    return Fact(entry["id"], " ".join(entry["statement"].split()), entry["kind"], key=bool(entry.get("key")),
                **lists)


ENTITIES_FILE = "entities.yaml"


def load_entities(content_dir: Path) -> tuple[Entity, ...]:
    return load_list(content_dir / ENTITIES_FILE, "entities", _entity,
                     "each entry needs id, name, kind (person or organisation), role, and a list of aliases; "
                     "or an id the rules found and hide: true")


def _entity(entry: Any) -> Entity:
    if not isinstance(entry, dict):
        raise ValueError("an entry must be a set of fields")
    if "hide" in entry:
        return _hidden(entry)
    for key in ("id", "name", "kind", "role"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise ValueError(f"the entry has no '{key}'")
    if not is_plain(entry["id"]):
        raise ValueError(f"the id '{entry['id']}' is not a plain name")
    if entry["kind"] not in ("person", "organisation"):
        raise ValueError("kind must be person or organisation")
    aliases = entry.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise ValueError("'aliases' must be a list of names")
    return Entity(entry["id"], entry["name"].strip(), entry["kind"], " ".join(entry["role"].split()),
                  tuple(a.strip() for a in aliases))


def _hidden(entry: dict) -> Entity:
    """`id: n-ai-safety-levels` with `hide: true`: the person or organisation the rules found under
    that id (or under `name`, when one is given) is not shown."""
    if entry["hide"] is not True:
        raise ValueError("'hide' must be true")
    if not isinstance(entry.get("id"), str) or not is_plain(entry["id"]):
        raise ValueError("the entry to hide needs the id the rules found it under")
    name = entry.get("name") or ""
    if not isinstance(name, str):
        raise ValueError("'name' must be a name")
    return Entity(entry["id"], name.strip(), "", "", hidden=True)
