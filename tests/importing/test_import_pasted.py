"""Pasted text through `mythos-site import -`: captures of our own in the two shapes copies take
(superscript markers glued to words with a numbered "Footnotes" list; bracketed markers with a
reference list closing the page), furniture around them."""

from __future__ import annotations

import io
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from mythos_site.commands.check import check_site
from mythos_site.cli import main
from mythos_site.content.frontmatter import split_document
from mythos_site.importing.furniture import kind_of
from mythos_site.importing.pasted import read_pasted

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SITE_YAML = "title: Test\nbase_url: https://news.example.org/\nlanguage: en\ntimezone: Europe/London\n"

GLUED_BODY = """\
Work on the harbour wall began without ceremony on Monday, three years after the winter storm that cracked it in \
two places.[^1] The contractor expects to finish before the autumn tides.

The council chose to rebuild the wall in stone rather than concrete, at a higher cost.[^2] Officers said stone would \
last longer and match the listed quay.[^1]

## What the work involves

The contract covers three things:

1. taking down the cracked sections;
2. rebuilding them in granite on new foundations;
3. raising the parapet by thirty centimetres.

## Who pays

Most of the money comes from a national coastal fund, which paid for "about two thirds" of the cost.[^3] The rest \
comes from the council's own reserves.

[^1]: Harbour council, "Wall repair: decision notice," March 2026.
[^2]: Harbour council, cabinet minutes, February 2026.
[^3]: Coastal fund, "Grants awarded 2026," January 2026.
"""


def pasted(name: str, content: Path, monkeypatch, capsys, *options: str) -> tuple[dict, str, str]:
    data = (HERE / "pages" / name).read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["import", "-", "--content", str(content), *options]) == 0, capsys.readouterr().err
    printed = capsys.readouterr().out
    path = Path(printed.split("\n")[0].removeprefix("wrote ").split(", a draft")[0])
    document = split_document(path, path.read_text(encoding="utf-8"))
    return document.meta, document.body, printed


def test_glued_markers_and_a_numbered_list_become_footnotes(tmp_path, monkeypatch, capsys):
    meta, body, printed = pasted("pasted-glued.txt", tmp_path, monkeypatch, capsys)
    assert body == GLUED_BODY
    assert meta["title"] == "The quiet rebuild of the harbour wall" and "first line" in meta["title_inferred"]
    assert "a dateline was left out" in printed and "a byline was left out" in printed
    assert "'Tides and Tales'" in printed and "picture captions" in printed


def test_options_give_the_fields_and_the_title_is_not_repeated_in_the_text(tmp_path, monkeypatch, capsys):
    meta, body, printed = pasted("pasted-glued.txt", tmp_path, monkeypatch, capsys, "--title",
                                 "The quiet rebuild of the harbour wall", "--outlet", "Harbour Notes", "--author",
                                 "Ruth Ellingham", "--date", "2026-04-06", "--url", "https://notes.example/wall")
    assert body == GLUED_BODY
    assert (meta["title"], meta["outlet"], meta["author"], meta["date"], meta["source_url"]) == (
        "The quiet rebuild of the harbour wall", "Harbour Notes", "Ruth Ellingham", "2026-04-06",
        "https://notes.example/wall")
    assert "title_inferred" not in meta and "given: title, date, author, outlet, source_url" in printed
    assert (tmp_path / "articles" / "the-quiet-rebuild-of-the-harbour-wall.md").is_file()


def test_bracketed_markers_and_a_closing_reference_list_become_footnotes(tmp_path, monkeypatch, capsys):
    meta, body, _ = pasted("pasted-bracketed.txt", tmp_path, monkeypatch, capsys)
    assert body.startswith("The island's only doctor retired at the end of March")
    assert "anyone to replace her.[^1] For the first time" in body and 'takes for granted."[^4]' in body
    assert "[^1]: Island surgery to close as doctor retires - Tidewater Gazette\n" in body
    assert "[^3]: Petition for a full-time island doctor - Island Voice\n" in body
    assert "[^4]: The page cites a source numbered 4 here, but its reference list has no entry 4." in body
    for furniture in ("Sign in", "Inline", "↗", "[1]"):
        assert furniture not in body
    assert meta["title"] is None and meta["date"] is None


def test_check_names_the_fields_the_text_did_not_give_and_nothing_else(tmp_path, monkeypatch, capsys):
    (tmp_path / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    pasted("pasted-bracketed.txt", tmp_path, monkeypatch, capsys, "--slug", "island-doctor")
    pasted("pasted-glued.txt", tmp_path, monkeypatch, capsys, "--date", "2026-04-06")
    report = check_site(tmp_path, ROOT / "templates", datetime(2026, 12, 1, tzinfo=timezone.utc))
    assert sorted(problem.message for problem in report.problems) == ["'date' is empty", "'title' is empty"]
    assert {problem.path.name for problem in report.problems} == {"island-doctor.md"}


def test_the_report_says_what_check_will_ask_for(tmp_path, monkeypatch, capsys):
    _, _, printed = pasted("pasted-bracketed.txt", tmp_path, monkeypatch, capsys)
    assert "not found: title, date, author, outlet, tags, summary, source_url" in printed
    assert "'title' is empty" in printed and "'date' is empty" in printed


def test_nothing_pasted_is_refused(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"  \n")))
    assert main(["import", "-", "--content", str(tmp_path)]) == 1
    assert capsys.readouterr().err.startswith("mythos-site: no text was pasted")


@pytest.mark.parametrize("line", [
    "Share:", "Share this article", "12 comments", "Leave a Reply", "Sign in to join the discussion.",
    "Advertisement", "No spam. Unsubscribe anytime.", "Jane DoeBy Jane DoeAnalysis", "By Jane Doe",
    "Jane Doe covers the courts for The Example.", "March 3, 2026", "Tuesday, 3 March 2026, 14:05",
    "NewsApril 1, 2026· 4 min read", "Report an issue with this article",
])
def test_a_furniture_line_is_known_by_its_shape(line):
    assert kind_of(line) is not None


@pytest.mark.parametrize("line", [
    "By March, the company had hired forty people.", "Share prices fell sharply on Monday.",
    "Comments from the minister drew criticism from the opposition.", "Subscribers will pay more from May.",
    "Jane Doe, who covers the courts, said the ruling was expected.", "The vote is now expected in June.",
    "What the work involves", "Read the full report before Friday's meeting.",
])
def test_a_line_of_article_text_is_not_taken_for_furniture(line):
    assert kind_of(line) is None


def test_a_list_of_sources_that_no_marker_cites_stays_in_the_text():
    found = read_pasted("The harbour's new rules\n\nThe harbour authority published new mooring rules on Friday, "
                        "after a year of consultation with boat owners and the fishing fleet.\n\nSources\n\n"
                        "1. Harbour authority, mooring rules, April 2026.\n2. Fishing fleet association, reply.\n")
    assert "1. Harbour authority, mooring rules, April 2026.\n2. Fishing fleet association, reply." in found.body
    assert "[^" not in found.body
