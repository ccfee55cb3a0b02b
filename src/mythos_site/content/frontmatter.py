"""Split an article file into its YAML front matter and its markdown body, keeping line numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from mythos_site.errors import ContentError

# What no page or feed may hold (XML 1.0 forbids it), and the halves of a character an escape
# such as "\ud800" can make but UTF-8 cannot write.
UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
FRONT_MATTER_HINT = "start the file with a line '---', then 'title: ...' and 'date: YYYY-MM-DD', then '---'"


class _Loader(yaml.SafeLoader):
    """Safe YAML that leaves dates as text, so every date goes through one parser of ours."""


class _FastLoader(getattr(yaml, "CSafeLoader", _Loader)):
    """The same, on libyaml's parser where PyYAML has it: several times faster. Its error marks
    are less exact, so a file it refuses is read again by _Loader for the message."""


_Loader.yaml_implicit_resolvers = _FastLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Document:
    path: Path
    meta: dict[str, Any]
    key_lines: dict[str, int]  # front matter key -> its line in the file
    item_lines: dict[str, tuple[int, ...]]  # list-valued key -> the line of each item
    body: str
    body_line: int  # line in the file of the body's first line

    def line_of(self, key: str, default: int = 1) -> int:
        return self.key_lines.get(key, default)


def split_document(path: Path, text: str) -> Document:
    lines = text.split("\n")
    if not text.strip():
        raise ContentError.at(path, 1, "the file is empty", FRONT_MATTER_HINT)
    if lines[0].rstrip() != "---":
        raise ContentError.at(path, 1, "the file does not start with front matter ('---')", FRONT_MATTER_HINT)
    end = _closing_fence(path, lines)
    if end is None:
        raise ContentError.at(
            path, 1, "the front matter opened on line 1 is never closed",
            "add a line '---' after the last front matter field, before the article text",
        )
    yaml_text = "\n".join(lines[1:end])
    try:
        meta, key_lines, item_lines = parse_yaml_mapping(path, yaml_text, first_line=2)
    except ContentError:
        _refuse_article_text_in_front_matter(path, lines[:end])
        raise
    return Document(path, meta, key_lines, item_lines, "\n".join(lines[end + 1:]), end + 2)


def _closing_fence(path: Path, lines: list[str]) -> int | None:
    """The line that closes the front matter: '---', as in Hugo. YAML's own end marker '...' would
    close it too in Jekyll, but so placed that the fields after it would be read as article text:
    one way to close it is clearer, and the marker is never part of a value, so it is refused."""
    for index in range(1, len(lines)):
        fence = lines[index].rstrip()
        if fence == "---":
            return index
        if fence == "...":
            raise ContentError.at(path, index + 1, "a line '...' in the front matter: only a line '---' closes "
                                  "it", "write '---' here if the front matter ends here, or delete the line")
    return None


# A line YAML could read as part of a field: blank, indented, a comment, a list item, or "key: value".
FIELD_LINE = re.compile(r"""$|[\s#]|-(\s|$)|\?\s|["']?[^\s:#][^:]*:(\s|$)""")


def _refuse_article_text_in_front_matter(path: Path, lines: list[str]) -> None:
    """Front matter left open swallows the article up to a later '---' (a rule between sections)
    and fails as YAML somewhere in its text. If the fields before the first line that is no field
    read well, that line is where the front matter should have closed, and is named as such."""
    for index in range(1, len(lines)):
        if FIELD_LINE.match(lines[index]):
            continue
        if index == 1:
            return  # no field before it: the front matter is not valid YAML, not left open
        try:
            parse_yaml_mapping(path, "\n".join(lines[1:index]), first_line=2)
        except ContentError:
            return
        last_field = max(number for number in range(index) if lines[number].strip())
        raise ContentError.at(path, index + 1, "this line is not a 'field: value' line, and the front matter "
                              "opened on line 1 is not closed before it",
                              f"if the article text starts here, add a line '---' after line {last_field + 1}; "
                              "if the line goes on from the one above, indent it")


def parse_yaml_mapping(path: Path, text: str, first_line: int, what: str = "the front matter"):
    """The mapping a YAML text holds, with the line of each key and of each list item; `what` names
    the text in messages ("the front matter", "the file")."""
    try:
        return _parse_yaml_mapping(path, text, first_line, what, _FastLoader)
    except ContentError:
        return _parse_yaml_mapping(path, text, first_line, what, _Loader)


YAML_HINT = "write one 'field: value' per line; put text with ':' or '#' in quotes"


def _parse_yaml_mapping(path: Path, text: str, first_line: int, what: str, loader_class):
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        _refuse_expanding(path, first_line, what, node)
        data = loader.construct_document(node) if node is not None else {}
    except yaml.MarkedYAMLError as error:
        raise _yaml_problem(path, first_line, what, error) from None
    except yaml.YAMLError as error:
        raise ContentError.at(path, first_line, f"{what} is not valid YAML: {error}", YAML_HINT) from None
    except ValueError:  # Python refuses to read an integer of thousands of digits
        raise ContentError.at(path, first_line + _unreadable_number_line(loader, node), f"{what} has a number "
                              "too long to read", NUMBER_HINT) from None
    except RecursionError:
        raise ContentError.at(path, first_line + _deepest_line(text), f"{what} nests lists or mappings too deeply "
                              "to read", "give each field a plain value or a short list") from None
    finally:
        loader.dispose()
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ContentError.at(
            path, first_line, f"{what} must be a list of 'field: value' lines",
            "write e.g. 'title: My headline' on its own line",
        )
    key_lines, item_lines = _lines_of(path, node, first_line)
    for key, value in data.items():
        line = key_lines.get(_key_text(key), first_line)
        if any(not _printable(leaf) for leaf in _leaves(key, value)):
            raise ContentError.at(path, line, f"{what} has a number too long to read", NUMBER_HINT)
        _refuse_unwritable(path, line, str(key), value)
    return data, key_lines, item_lines


MAX_VALUES = 10_000  # values in one front matter or file, once aliases (*name) are written out


def _refuse_expanding(path: Path, first_line: int, what: str, node) -> None:
    """Aliases let a few lines stand for billions of values ("billion laughs"); whatever walked
    them would never end. Each node is sized once, so this costs the nodes written, not expanded."""
    sizes: dict[int, int] = {}
    opened: set[int] = set()
    aliased = []  # a node met again: written once, read through an alias

    def size(inner) -> int:
        if id(inner) in opened:
            raise ContentError.at(path, first_line + inner.start_mark.line, f"{what} has a value that holds "
                                  "itself through an alias (*name)", "write the value out, without & and *")
        if id(inner) not in sizes:
            opened.add(id(inner))
            children = inner.value if isinstance(inner.value, list) else ()
            sizes[id(inner)] = 1 + sum(size(child) for pair in children
                                       for child in (pair if isinstance(pair, tuple) else (pair,)))
            opened.discard(id(inner))
        else:
            aliased.append(inner)
        return sizes[id(inner)]

    if node is None or not isinstance(node.value, list) or size(node) <= MAX_VALUES:
        return
    has_aliases = bool(aliased)
    total = 0
    for key, value in (node.value if isinstance(node, yaml.MappingNode) else [(node, node)]):
        total += size(key) + size(value)
        if total > MAX_VALUES and has_aliases:
            raise ContentError.at(path, first_line + key.start_mark.line, f"{what} holds more than {MAX_VALUES:,} "
                                  "values once its aliases (*name) are written out",
                                  "write each value out, without & anchors and * aliases")
        if total > MAX_VALUES:
            raise ContentError.at(path, first_line + key.start_mark.line, f"{what} holds more than {MAX_VALUES:,} "
                                  "values", "shorten the longest lists")


def _refuse_unwritable(path: Path, line: int, key: str, value: Any) -> None:
    """A text an escape ("\\0", "\\x01", "\\ud800") made unwritable is refused, not passed to the pages."""
    for text in _texts(key, value):
        if found := UNWRITABLE.search(text):
            raise ContentError.at(path, line, f"'{key}' holds the invisible character U+{ord(found.group()):04X}",
                                  "remove the escape (such as \\0, \\x01 or \\ud800) from the value")


NUMBER_HINT = "put the value in quotes if it is text, or shorten it"


def _leaves(key: Any, value: Any):
    yield key
    if isinstance(value, dict):
        for inner_key, inner in value.items():
            yield from _leaves(inner_key, inner)
    elif isinstance(value, list):
        for item in value:
            yield from _leaves("", item)
    else:
        yield value


def _printable(value: Any) -> bool:
    """False for an integer of thousands of digits ("1:1:1:..." is one, in base 60): Python will
    not write it out, so no message could name it."""
    if not isinstance(value, int) or value.bit_length() < 10_000:
        return True
    try:
        str(value)
    except ValueError:
        return False
    return True


def _key_text(key: Any) -> str:
    return str(key) if _printable(key) else ""


def _texts(key: Any, value: Any):
    yield str(key)
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for inner_key, inner in value.items():
            yield from _texts(inner_key, inner)
    elif isinstance(value, list):
        for item in value:
            yield from _texts("", item)


def _yaml_problem(path: Path, first_line: int, what: str, error: yaml.MarkedYAMLError) -> ContentError:
    if error.context == "while scanning a quoted scalar" and error.context_mark:
        # The scanner reports the end of the text; the editor needs the quote that opened.
        return ContentError.at(path, first_line + error.context_mark.line,
                               f"{what} has a quotation mark here that is never closed",
                               "close the quote at the end of the value, or write the value without quotes")
    mark = error.problem_mark or error.context_mark
    problem = error.problem or error.context or "invalid YAML"
    return ContentError.at(path, first_line + (mark.line if mark else 0), f"{what} is not valid YAML: {problem}",
                           YAML_HINT)


def _unreadable_number_line(loader, node) -> int:
    """The line (from 0) of the first plain value that cannot be read as what it looks like."""
    pending = [node]
    while pending:
        inner = pending.pop(0)
        if isinstance(inner, yaml.ScalarNode):
            read = loader.yaml_constructors.get(inner.tag)
            try:
                read and read(loader, inner)
            except ValueError:
                return inner.start_mark.line
        elif isinstance(inner.value, list):
            pending += [child for item in inner.value for child in (item if isinstance(item, tuple) else (item,))]
    return 0


def _deepest_line(text: str) -> int:
    """The line (from 0) that opens the most brackets or is indented the most: where nesting runs deep."""
    lines = text.split("\n")
    return max(range(len(lines)), key=lambda n: lines[n].count("[") + lines[n].count("{")
               + len(lines[n]) - len(lines[n].lstrip(" ")), default=0)


def _lines_of(path: Path, node, first_line: int):
    key_lines: dict[str, int] = {}
    item_lines: dict[str, tuple[int, ...]] = {}
    if not isinstance(node, yaml.MappingNode):
        return key_lines, item_lines
    for key_node, value_node in node.value:
        key = str(key_node.value)
        line = first_line + key_node.start_mark.line
        if key in key_lines:
            raise ContentError.at(
                path, line, f"the field '{key}' is given twice (first on line {key_lines[key]})",
                "keep one of the two lines",
            )
        key_lines[key] = line
        if isinstance(value_node, yaml.SequenceNode):
            item_lines[key] = tuple(first_line + item.start_mark.line for item in value_node.value)
    return key_lines, item_lines
