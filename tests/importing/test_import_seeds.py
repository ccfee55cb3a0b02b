"""The seed captures (../shared/seeds beside the checkout) through `mythos-site import -`: the
imported body keeps every sentence of the article text and nothing else, as the editors'
article made from the same capture (content/articles/) has it, footnotes and all."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest
from mythos_site.cli import main
from mythos_site.content.frontmatter import split_document
from tools import require

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
ARTICLES = ROOT / "content" / "articles"
# The editors' article for each capture.
SEED_FOR = {
    "anthropic-sitting-on-its-most-powerful-model": "000_eb95d9e76db95b37.txt",
    "anthropic-built-an-ai-theyre-afraid-to-ship": "001_a955e16a27028630.txt",
    "anthropic-claude-mythos-leak-what-we-know": "002_80e73828d6183b76.txt",
    "claude-mythos-preview-and-project-glasswing": "003_ef9f0ba017cf1622.txt",
    "claude-mythos-leak-reveals-stronger-model-and-security-lapse": "004_2cc5090b89cc0535.txt",
}
DEFINITION = re.compile(r"^\[\^(\w+)\]:\s*(.*)$", re.MULTILINE)
REFERENCE = re.compile(r"\[\^(\w+)\]")


def article(path: Path) -> tuple[dict, str]:
    document = split_document(path, path.read_text(encoding="utf-8"))
    return document.meta, document.body


def letters(markdown: str) -> str:
    """The text's letters and digits in order, each footnote reference as a token: the same for two
    bodies that differ only in markup, spacing, punctuation and where a table's cells are glued."""
    text = REFERENCE.sub(lambda found: f" FNREF{found.group(1)}FNREF ", DEFINITION.sub("", markdown))
    return re.sub(r"[\W_]+", "", text)


def definitions(markdown: str) -> dict[str, str]:
    return {label: " ".join(text.split()) for label, text in DEFINITION.findall(markdown)}


def options(meta: dict) -> list[str]:
    """What an editor gives on the command line: the fields the source states, as the article has them."""
    given = []
    for name in ("title", "author", "outlet", "date"):
        if name in meta and f"{name}_inferred" not in meta:
            given += [f"--{name}", meta[name]]
    return given


@pytest.fixture(scope="module")
def seeds() -> Path:
    require(SEEDS.is_dir(), f"the seed captures are not at {SEEDS}")
    return SEEDS


@pytest.mark.parametrize("slug", sorted(SEED_FOR))
def test_a_pasted_capture_keeps_the_article_text_and_only_that(slug, seeds, tmp_path, monkeypatch, capsys):
    meta, expected = article(ARTICLES / f"{slug}.md")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO((seeds / SEED_FOR[slug]).read_bytes())))
    assert main(["import", "-", "--content", str(tmp_path), "--slug", slug, *options(meta)]) == 0, \
        capsys.readouterr().err
    imported_meta, imported = article(tmp_path / "articles" / f"{slug}.md")

    want, got = letters(expected), letters(imported)
    if want != got:
        at = next(i for i, (a, b) in enumerate(zip(want + "$", got + "#")) if a != b)
        pytest.fail(f"the imported text departs from the article's at ...{want[max(0, at - 60):at]}|\n"
                    f"article:  {want[at:at + 80]}\nimported: {got[at:at + 80]}")
    wanted_notes, got_notes = definitions(expected), definitions(imported)
    assert wanted_notes.keys() == got_notes.keys()
    for label, note in wanted_notes.items():
        if "no entry" in note:  # the editors' note on a marker the reference list lacks
            assert f"no entry {label}" in got_notes[label]
        else:
            assert got_notes[label] == note
    assert imported_meta["draft"] is True
    if "title_inferred" not in meta:
        assert imported_meta["title"] == meta["title"]
