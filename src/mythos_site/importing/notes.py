"""Footnotes: a page's note references and its list of notes found in its HTML, and, for any
source, the markdown footnote definitions that go with the references its body cites."""

from __future__ import annotations

import re
from urllib.parse import unquote, urljoin

from mythos_site.importing.tomarkdown import NOTE_CLOSE, NOTE_OPEN, blocks_of

NOTES_HEADINGS = {"notes", "footnotes", "endnotes", "references", "sources", "citations", "notes and references"}
BACKLINK_TEXT = {"↩", "↑", "^", "↩︎", "back", "return"}
LABEL = re.compile(r"[\[(]?(\d{1,3})[\])]?")
NOTES_BOX = re.compile(r"footnote|endnote|(?<![a-z])notes?(?![a-z])|reference|citation|cite", re.IGNORECASE)
CITED = re.compile(r"\[\^([A-Za-z0-9-]+)\]")


def take_notes(root, base: str | None) -> dict[str, str]:
    """The page's footnotes, label -> the note as markdown; each reference in the text is replaced
    by a placeholder that becomes [^label], and the list of notes is taken out of the page."""
    ids = {element.get("id"): element for element in root.iter() if isinstance(element.tag, str)
           and element.get("id")}
    ids.update({a.get("name"): a for a in root.iter("a") if a.get("name") and a.get("name") not in ids})
    refs = []  # (the link, the label it shows, the note it leads to)
    for link in root.iter("a"):
        href = link.get("href") or ""
        found = LABEL.fullmatch(link.text_content().strip())
        target = ids.get(unquote(href[1:])) if href.startswith("#") else None
        if found is None or target is None:
            continue
        note = target if target.tag == "li" else next(target.iterancestors("li"), None)
        if note is None and _in_notes(target):
            note = target
        if note is None or link in note.iter("a"):
            continue  # a jump to a section; or a link inside the note itself, back to the text
        refs.append((link, found.group(1), note))
    if not refs:
        return {}
    labels = _labels(refs)
    ref_ids = {node.get("id") for link, _, _ in refs for node in (link, link.getparent()) if node is not None}
    distinct = {id(note): note for _, _, note in refs}
    notes = {labels[key]: _note_markdown(note, ref_ids, base) for key, note in distinct.items()}
    for link, _, note in refs:
        wrapper = link.getparent()
        if wrapper is not None and wrapper.tag == "sup" and _text(wrapper) == _text(link):
            link = wrapper  # the superscript goes with its number
        _replace_with_text(link, f"{NOTE_OPEN}{labels[id(note)]}{NOTE_CLOSE}")
    _remove_notes(distinct.values(), root)
    return notes


def _in_notes(element) -> bool:
    """True when the element, or a box it is in, is named as notes ("footnotes", "endnotes", "references")."""
    return any(NOTES_BOX.search(" ".join(node.get(name) or "" for name in ("id", "class", "role")))
               for node in (element, *element.iterancestors()))


def _labels(refs) -> dict[int, str]:
    """The label of each note: the number its references show, or, where two notes show the same
    number or one note two numbers, the notes counted in the order they are first cited."""
    shown: dict[int, set[str]] = {}
    for _, label, note in refs:
        shown.setdefault(id(note), set()).add(label)
    numbers = [next(iter(labels)) for labels in shown.values()]
    if all(len(labels) == 1 for labels in shown.values()) and len(set(numbers)) == len(numbers):
        return {note: next(iter(labels)) for note, labels in shown.items()}
    return {note: str(number) for number, note in enumerate(shown, start=1)}


def _note_markdown(note, ref_ids: set[str], base: str | None) -> str:
    for link in list(note.iter("a")):
        href = link.get("href") or ""
        back = href.startswith("#") and (unquote(href[1:]) in ref_ids or link.text_content().strip() in BACKLINK_TEXT)
        if back or "doc-backlink" in (link.get("role") or "") or "backref" in (link.get("class") or ""):
            _replace_with_text(link, "")
        elif base and href and not href.startswith("#"):
            link.set("href", urljoin(base, href))
    return " ".join(block.markdown for block in blocks_of(note)).strip()


def _replace_with_text(element, text: str) -> None:
    """Put text, and the element's tail, where the element was."""
    parent, previous = element.getparent(), element.getprevious()
    joined = text + (element.tail or "")
    if previous is not None:
        previous.tail = (previous.tail or "") + joined
    else:
        parent.text = (parent.text or "") + joined
    parent.remove(element)


def _remove_notes(notes, root) -> None:
    """Take the notes out, and with them the list and the box that held them once nothing else is
    left in it but a heading such as "Notes"."""
    holders = []
    for note in notes:
        parent = note.getparent()
        if parent is not None:
            parent.remove(note)
            holders.append(parent)
    for holder in holders:
        heading = holder.getprevious()
        if heading is not None and _leftover(heading):
            heading.getparent().remove(heading)
        while holder is not None and holder is not root and _leftover(holder):
            parent = holder.getparent()
            if parent is None:
                break
            parent.remove(holder)
            holder = parent


def _text(element) -> str:
    return " ".join(element.text_content().split())


def _leftover(element) -> bool:
    text = " ".join(element.text_content().split()).lower().rstrip(":")
    return not text or text in NOTES_HEADINGS


def definitions(body: str, notes: dict[str, str], what: str = "page") -> tuple[str, list[str]]:
    """The footnote definitions for the references the body cites, in the order of their numbers
    (or of their first citation), and the notes the body never cites (which a footnote cannot hold: the build refuses a
    note that nothing cites)."""
    cited = list(dict.fromkeys(CITED.findall(body)))
    if all(label.isdigit() for label in cited):
        cited.sort(key=int)
    lines = []
    for label in cited:
        note = notes.get(label) or (f"The {what} cites a source numbered {label} here, but its reference list "
                                    f"has no entry {label}.")
        lines.append(f"[^{label}]: {note}")
    return "\n".join(lines), [note for label, note in notes.items() if label not in cited]
