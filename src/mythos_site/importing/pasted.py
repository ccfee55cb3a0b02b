"""Pasted text, a page's text as a browser copies it, made an article body: furniture left out
(furniture.py), headings and list items marked, and the footnote markers the copy flattened
(superscript digits glued to a word, "sites.1", or bracketed numbers, "[1]") rebuilt as markdown
footnotes with the page's reference list."""

from __future__ import annotations

import re
from collections import Counter

from mythos_site.content.frontmatter import UNWRITABLE
from mythos_site.importing.article_file import Found
from mythos_site.importing.furniture import SENTENCE_END, furniture_lines, words
from mythos_site.importing.notes import CITED, NOTES_HEADINGS, definitions
from mythos_site.importing.tomarkdown import NOTE_CLOSE, NOTE_OPEN, as_text

# Digits glued to the punctuation that closes a sentence or quote after a word ("sites.1",
# 'tools."1', "77.3%.4"), never the digits of "Opus 4.6" or "2.0".
GLUED = re.compile(r"(?<=[^\d\s][.,;:!?\"”’)])(\d{1,2})(?=\s|$)")
BRACKETED = re.compile(r"\[(\d{1,3})\]")
NUMBERED = re.compile(r"^(?:\[(\d{1,3})\]|(\d{1,3})[.)])\s+(.*)$")
BACK_REFERENCES = re.compile(r"((?:\s\d{1,2})+)$")
LINK_ARROW = re.compile(r"\s*(?:\b(?:inline|link|open)\s*)?[↗↪⧉]\s*$", re.IGNORECASE)
ORDERED = re.compile(r"^(\d{1,3})[.)]\s+(.*)$")
BULLET = re.compile(r"^[•●▪◦*+\-–]\s+(.*)$")
MAX_HEADING_WORDS = 10
MAX_TITLE_WORDS = 25
MAX_REFERENCE_WORDS = 40
SMALL_WORDS = 3  # words this short may stay lower-case in a title-case heading ("and", "the", "of")


def read_pasted(text: str, title: str | None = None) -> Found:
    """The article in pasted text; title, when the editor gives it, is left out of the text where
    the copy repeats it. Without one, a first line that reads as a headline is taken for it."""
    lines = [" ".join(line.split()) for line in UNWRITABLE.sub("", text.replace("\r\n", "\n")).split("\n")]
    dropped = furniture_lines(lines)
    notes = _furniture_notes(lines, dropped)
    lines = ["" if index in dropped else line for index, line in enumerate(lines)]
    title, title_inferred = (title, None) if title else _first_line(lines)
    lines = ["" if title and _same(line, title) else line for line in lines]
    without_list, references = _references(lines)
    style = _marker_style(without_list, references)
    if style:  # a list no marker cites stays text, where it stood
        lines = without_list
        notes.append(f"{len(references)} references rebuilt as footnotes from their markers ({style})")
    body = _body(lines, style, notes)
    footnotes, uncited = definitions(body, _entries(references, body) if style else {})
    if uncited:
        body += "\n\n" + "\n".join(f"- {entry}" for entry in uncited)
    return Found(title=title or None, title_inferred=title_inferred, notes=tuple(notes),
                 body=body + ("\n\n" + footnotes if footnotes else ""))


def _first_line(lines: list[str]) -> tuple[str | None, str | None]:
    """The first line as the title, with the evidence for it, when it is short and text follows."""
    first = next((line for line in lines if line), "")
    if first and words(first) <= MAX_TITLE_WORDS and sum(1 for line in lines if line) > 1:
        return first, "the first line of the pasted text, where a page's headline stands"
    return None, None


def _furniture_notes(lines: list[str], dropped: dict[int, str]) -> list[str]:
    notes = []
    for kind, what in (("dateline", "a dateline"), ("byline", "a byline")):
        for index in sorted(i for i, k in dropped.items() if k == kind):
            hint = "--date" if kind == "dateline" else "--author"
            notes.append(f"{what} was left out of the text: '{lines[index]}'; give what it states with {hint}")
    others = [lines[i] for i, kind in sorted(dropped.items()) if kind == "furniture"]
    if others:
        notes.append(f"left out as page furniture: {'; '.join(repr(line[:60]) for line in others)}")
    return notes


def _same(line: str, title: str) -> bool:
    return line.casefold() == " ".join(title.split()).casefold()


def _references(lines: list[str]) -> tuple[list[str], dict[str, str] | None]:
    """The lines without the page's reference list, and the list (label -> entry), if it has one:
    numbered entries under a heading such as "Footnotes", or the lines that close the text and
    read as references (short, no sentence) where the text has bracketed markers."""
    for index, line in enumerate(lines):
        if line.casefold().rstrip(":") in NOTES_HEADINGS:
            entries, end = _numbered(lines, index + 1)
            if entries:
                return lines[:index] + [""] * (end - index) + lines[end:], entries
    if not any(BRACKETED.search(line) for line in lines):
        return lines, None
    tail = []
    for index in range(len(lines) - 1, -1, -1):
        line = LINK_ARROW.sub("", lines[index])
        if not lines[index]:
            continue
        if BRACKETED.search(line) or words(line) > MAX_REFERENCE_WORDS or line.endswith((".", "!", "?", "…")):
            break
        tail.insert(0, (index, line))
    if not tail:
        return lines, None
    entries = {}
    for number, (_, line) in enumerate(tail, start=1):
        found = NUMBERED.match(line)
        entries[(found.group(1) or found.group(2)) if found else str(number)] = found.group(3) if found else line
    first = tail[0][0]
    return lines[:first] + [""] * (len(lines) - first), entries


def _numbered(lines: list[str], start: int) -> tuple[dict[str, str], int]:
    """Entries numbered 1, 2, 3 ... from start on, and the index after the last of them."""
    entries, end = {}, start
    for index in range(start, len(lines)):
        if not lines[index]:
            continue
        found = NUMBERED.match(lines[index])
        if not found or int(found.group(1) or found.group(2)) != len(entries) + 1:
            break
        entries[str(len(entries) + 1)] = found.group(3)
        end = index + 1
    return entries, end


def _marker_style(lines: list[str], references: dict[str, str] | None) -> str | None:
    """"glued" or "bracketed": how the text marks its references, if it has a list to rebuild them with."""
    if not references:
        return None
    labels = set(references)
    glued = sum(1 for line in lines for found in GLUED.finditer(line) if found.group(1) in labels)
    bracketed = sum(len(BRACKETED.findall(line)) for line in lines)
    if not glued and not bracketed:
        return None
    return "glued" if glued > bracketed else "bracketed"


def _body(lines: list[str], style: str | None, notes: list[str]) -> str:
    """The markdown of the kept lines, one block a line (lists and tables one block a run of lines),
    with the markers of the given style as footnote references."""
    pattern = {"glued": GLUED, "bracketed": BRACKETED}.get(style)
    blocks, captions = [], []
    kept = [line for line in lines if line]
    headings = [line for index, line in enumerate(kept) if _heading_like(line) and not _caption(kept, index)]
    # A page writes its headings one way: where most are in title case, a heading-like line in
    # sentence case is a picture's alt text ("Harbour wall repair works at low tide").
    cased = sum(map(_title_case, headings))
    title_case = cased >= max(3, 2 * (len(headings) - cased))
    for index, line in enumerate(kept):
        marked = pattern.sub(lambda found: f"{NOTE_OPEN}{found.group(1)}{NOTE_CLOSE}", line) if pattern else line
        if line.startswith("|") and line.endswith("|") and len(line) > 1:
            cells = [cell.strip() for cell in marked[1:-1].split("|")]
            row = "| " + " | ".join(cell if set(cell) <= set(":-") else as_text(cell) for cell in cells) + " |"
            _add(blocks, "table", row, "\n")
        elif found := ORDERED.match(marked):
            _add(blocks, "ol", f"{found.group(1)}. {as_text(found.group(2))}", "\n")
        elif found := BULLET.match(marked):
            _add(blocks, "ul", f"- {as_text(found.group(1))}", "\n")
        elif _heading_like(line):
            if _caption(kept, index) or (title_case and not _title_case(line)):
                captions.append(line)
                continue
            blocks.append(["h", f"## {as_text(marked)}"])
        else:
            blocks.append(["p", as_text(marked)])
    if captions:
        notes.append(f"left out as picture captions (lines that read as headings but head no text): "
                     f"{'; '.join(repr(line[:60]) for line in captions)}")
    return "\n\n".join(text for _, text in blocks)


def _add(blocks: list, kind: str, text: str, joiner: str) -> None:
    if blocks and blocks[-1][0] == kind:
        blocks[-1][1] += joiner + text
    else:
        blocks.append([kind, text])


def _heading_like(line: str) -> bool:
    """A short line that is no sentence: no closing stop, no list marker; a question only in title case."""
    if words(line) > MAX_HEADING_WORDS or ORDERED.match(line) or BULLET.match(line) or line.startswith("|"):
        return False
    if not any(char.isalpha() for char in line) or line[0].islower():
        return False
    return not line.endswith(tuple(SENTENCE_END) + (",", ";", ":")) or (line.endswith("?") and _title_case(line))


def _caption(kept: list[str], index: int) -> bool:
    """A heading-like line straight before another one heads no text: it is a picture's caption or alt text."""
    return _heading_like(kept[index]) and index + 1 < len(kept) and _heading_like(kept[index + 1])


def _title_case(line: str) -> bool:
    return all(word[0].isupper() for word in re.findall(r"[^\W\d_][\w’'-]*", line) if len(word) > SMALL_WORDS)


def _entries(references: dict[str, str], body: str) -> dict[str, str]:
    """The reference list's entries as footnote text: without the back-reference counts a copied
    list ends an entry with ("... 2026. 2 3" for a note cited three times), and read as text."""
    uses = Counter(CITED.findall(body))
    entries = {}
    for label, entry in references.items():
        entry = LINK_ARROW.sub("", entry)
        found = BACK_REFERENCES.search(entry)
        numbers = [int(number) for number in found.group(1).split()] if found else []
        if numbers and numbers == list(range(2, len(numbers) + 2)) and uses[label] == len(numbers) + 1:
            entry = entry[: found.start()]
        entries[label] = as_text(entry)
    return entries
