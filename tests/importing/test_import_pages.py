"""Saved pages in the shapes outlets publish (tests/importing/pages/) through `mythos-site import`:
the front matter has what each page states and is empty where it states nothing, and the body
keeps the article's paragraphs, headings, lists and quotes and none of the page's furniture."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import lxml.html
import pytest
from mythos_site.commands.check import check_site
from mythos_site.cli import main
from mythos_site.content.frontmatter import split_document
from mythos_site.content.markup import render_body

HERE = Path(__file__).resolve().parent
PAGES = HERE / "pages"
ROOT = HERE.parents[1]
SITE_YAML = "title: Test\nbase_url: https://news.example.org/\nlanguage: en\ntimezone: America/New_York\n"
FURNITURE = ("<script", "Advertisement", "Share on", "Copy link", "Subscribe", "Sign in", "Sign up", "newsletter",
             "Comments", "Leave a Reply", "All rights reserved", "©", "Related", "Most read", "Read more",
             "Powered by", "cookies")

# page: (title, outlet, author(s), date, source_url, tags), then text the body keeps, then text it leaves out
PAGES_TABLE = {
    "newsarticle-jsonld.html": (
        ("Harbour council approves tidal barrier after decade of debate", "The Harbour Ledger",
         ["Mara Lindqvist", "Tomas Reyes"], "2026-03-27T14:05:00-04:00",
         "https://ledger.example.com/news/2026/03/27/harbour-council-approves-tidal-barrier",
         ["Flooding", "Infrastructure", "Harbour council"]),
        ["The harbour council voted seven to two on Thursday to fund a tidal barrier",
         '"We have waited long enough," said *Councillor Ines Obi*, who chaired the session.',
         "[market hall](https://ledger.example.com/topics/market-hall)", "## What the barrier will cost",
         "The plan sets aside **48 million** over six years.", "- a pumping station on the north bank;",
         "> The barrier is the cheapest of the options we studied",
         'called the vote "a gamble with the harbour\'s future".', "Work is expected to begin in the autumn"],
        ["Storm season outlook", "morning briefing", "About time", "Ferry timetable", "Spotted a mistake",
         "Topics:", "Skip to content", "dataLayer", "Photo:", "By Mara Lindqvist"]),
    "opengraph-only.html": (
        ("Rail operator to restore Sunday services on the coast line", "Northern Signal", "Dana Whitfield",
         "2026-03-28T08:30:00+00:00", "https://northernsignal.example.org/transport/sunday-services-coast-line",
         ["Rail", "Coast line"]),
        ["Sunday trains will run on the coast line again", '"Sunday is the busiest day for our cafes',
         "### Timetable", "1. Saltcombe Bay\n2. Hollin Sands\n3. Marram Point", "*eighteen new drivers*"],
        ["Share this", "Twitter", "Bus fares to rise", "Great news for Hollin Sands", "Archives", "4 min read",
         "Posted in", "Log in"]),
    "bare-byline.html": (
        ("Council delays vote on bus lanes", None, "Priya Raman", "2026-03-24", None, None),
        ["The town council put off a vote on new bus lanes", '"We have heard the strength of feeling tonight,"',
         "The vote is now expected in June."],
        ["By Priya Raman", "Valley Weekly", "Archive", "Letters to the editor"]),
    "amp.html": (
        ("Ferry crews walk out over rota changes", "Tidewater Gazette", "Olu Adebayo", "2026-04-02T06:00:00+00:00",
         "https://www.tidewater.example/news/ferry-crews-walk-out-over-rota-changes", None),
        ["Crews on the island ferry stopped work at six o'clock on Thursday morning",
         '"Nobody wanted to do this in the week before Easter," said Kwame Jonsson',
         "Island businesses said the timing could hardly be worse."],
        ["Menu", "More from Tidewater", "Harbour dredging", "View the full site", "gtag"]),
    "embedded-post.html": (
        ("Lighthouse keeper's post on the storm draws thousands of replies", "Coastwatch Daily", "Sam Okafor",
         "2026-04-03T17:45:00+01:00", "https://coastwatch.example.net/2026/04/03/lighthouse-keeper-storm-post/",
         ["Storms", "Lighthouses", "Social media"]),
        ["> Wind at 96 knots and the lamp still turning.",
         "> — Gull Rock Light (@GullRockLight) [April 2, 2026](https://twitter.com/GullRockLight/status/",
         "> Good advice from Gull Rock. Please keep off the coast paths until the wind drops.",
         "> — Northshore Coastguard ([@northshorecg.example](https://bsky.app/profile/",
         "No injuries were reported on the coast overnight"],
        ["widgets.js", "embed.js", "twitter-tweet", "Tweet", "By Sam Okafor"]),
    "liveblog.html": (
        ("River Aln bursts its banks as flood warnings spread", "The Borders Herald", "Keira Blackwood",
         "2026-04-04T06:58:00+01:00", "https://bordersherald.example.com/live/river-aln-flooding", None),
        ["13:20", "## Bridge Street closed", "Police have closed Bridge Street in both directions",
         '"about a foot in an hour"', "## School closures", "will stay closed today", "06:58",
         "The Environment Agency has issued a severe flood warning"],
        ["Load more updates", "LIVE"]),
    "paywall.html": (
        ("Inside the bidding war for the old shipyard", "Meridian Business Review", "Felix Marchetti",
         "2026-04-05T07:00:00+01:00", "https://meridianreview.example.com/companies/shipyard-bidding-war", None),
        ["When the council put the old shipyard on the market in January",
         "The three developers have little in common."],
        ["This article is for subscribers", "continue reading", "Already a subscriber", "£1 a week"]),
    "non-english.html": (
        ("Stadtrat beschließt neuen Hochwasserschutz für die Altstadt", "Elbkurier", "Lena Hartmann", "2026-03-30",
         "https://www.elbkurier.example.de/lokales/stadtrat-beschliesst-hochwasserschutz-altstadt",
         ["Hochwasser", "Stadtrat", "Altstadt"]),
        ["„Die Altstadt ist dreimal in zwanzig Jahren vollgelaufen.", "## Kosten von zwölf Millionen Euro",
         "Kritik kam von den Anwohnern am Elbufer."],
        ["Teilen", "Drucken", "Newsletter abonnieren", "Kommentare", "Impressum", "Jetzt anmelden"]),
    "footnotes.html": (
        ("Why the estuary keeps flooding: what the records show", "Tideline Notes", "Ruth Ellingham",
         "2026-04-06T10:00:00+00:00", "https://tidelinenotes.example.org/2026/04/why-the-estuary-keeps-flooding/",
         None),
        ["since the gauge was installed in 1976.[^1] That sounds small",
         "against two in the decade before.[^2] Its engineers", "rather than the tide itself.[^1]",
         "[council's vote](https://ledger.example.com/news/2026/03/27/harbour-council-approves-tidal-barrier)",
         '[^1]: Harbour Authority, "[Tide gauge record 1976–2025]'
         '(https://harbour.example.gov/reports/tide-gauge-1976-2025.pdf)," January 2026.',
         "[^2]: Harbour Authority, annual report 2025, p. 14. "
         "[harbour.example.gov/annual-report-2025](https://harbour.example.gov/annual-report-2025)"],
        ["↩", "Enjoyed this", "RSS", "#fn", "<sup>"]),
}


def imported(page: str, content: Path, capsys) -> tuple[dict, str, str]:
    """The front matter and body `mythos-site import` writes for a page, and what it printed."""
    assert main(["import", str(PAGES / page), "--content", str(content)]) == 0, capsys.readouterr().err
    printed = capsys.readouterr().out
    path = Path(printed.split("\n")[0].removeprefix("wrote ").split(", a draft")[0])
    document = split_document(path, path.read_text(encoding="utf-8"))
    return document.meta, document.body, printed


@pytest.mark.parametrize("page", sorted(PAGES_TABLE))
def test_the_front_matter_states_what_the_page_states(page, tmp_path, capsys):
    meta, body, printed = imported(page, tmp_path, capsys)
    (title, outlet, author, date, source_url, tags), kept, left_out = PAGES_TABLE[page]
    assert (meta["title"], meta["outlet"], meta["author"], meta["source_url"]) == (title, outlet, author, source_url)
    assert meta["date"] == date
    assert meta["tags"] == (tags or [])
    assert meta["draft"] is True
    for name, value in (("outlet", outlet), ("author", author), ("source_url", source_url), ("tags", tags)):
        assert (name in printed.split("not found:")[1]) == (value is None), printed


@pytest.mark.parametrize("page", sorted(PAGES_TABLE))
def test_the_body_keeps_the_article_and_no_furniture(page, tmp_path, capsys):
    _, body, _ = imported(page, tmp_path, capsys)
    _, kept, left_out = PAGES_TABLE[page]
    for text in kept:
        assert text in body, f"{text!r} is missing from:\n{body}"
    for text in FURNITURE + tuple(left_out):
        assert text not in body, f"{text!r} is in:\n{body}"
    title = PAGES_TABLE[page][0][0]
    assert title not in body, "the headline is the front matter's, not the body's"


def test_a_date_found_only_in_the_text_is_marked_inferred_with_its_evidence(tmp_path, capsys):
    meta, _, printed = imported("bare-byline.html", tmp_path, capsys)  # "the agenda, dated 2026-03-24"
    assert "March 24, 2026" in meta["date_inferred"] and "text" in meta["date_inferred"]
    assert "inferred: date 2026-03-24" in printed
    for page in set(PAGES_TABLE) - {"bare-byline.html"}:
        assert "date_inferred" not in imported(page, tmp_path / page, capsys)[0]


def test_a_field_the_page_does_not_state_is_empty_with_a_comment(tmp_path, capsys):
    imported("bare-byline.html", tmp_path, capsys)
    text = (tmp_path / "articles" / "council-delays-vote-on-bus-lanes.md").read_text(encoding="utf-8")
    for name in ("outlet", "summary", "source_url"):
        assert f"\n{name}:  # not found: " in text
    assert "\ntags: []  # not found: " in text


def test_the_paywall_and_the_live_blog_are_named_in_the_report(tmp_path, capsys):
    assert "for subscribers" in imported("paywall.html", tmp_path, capsys)[2]
    assert "live blog" in imported("liveblog.html", tmp_path, capsys)[2]


def test_every_imported_page_passes_check(tmp_path, capsys):
    (tmp_path / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    for page in PAGES_TABLE:
        imported(page, tmp_path, capsys)
    report = check_site(tmp_path, ROOT / "templates", datetime(2026, 12, 1, tzinfo=timezone.utc))
    assert report.articles == len(PAGES_TABLE)
    assert not report.problems, "\n".join(map(str, report.problems))


def test_a_page_that_is_not_an_article_is_refused_in_one_line(tmp_path, capsys):
    assert main(["import", str(PAGES / "not-article.html"), "--content", str(tmp_path)]) == 1
    error = capsys.readouterr().err
    assert error.startswith("mythos-site: ") and "no article text" in error and error.count("\n") == 1
    assert not (tmp_path / "articles").exists()


def test_a_file_is_never_overwritten(tmp_path, capsys):
    imported("amp.html", tmp_path, capsys)
    path = tmp_path / "articles" / "ferry-crews-walk-out-over-rota-changes.md"
    before = path.read_bytes()
    assert main(["import", str(PAGES / "amp.html"), "--content", str(tmp_path)]) == 1
    error = capsys.readouterr().err
    assert "already exists" in error and "--slug" in error
    assert path.read_bytes() == before
    assert main(["import", str(PAGES / "amp.html"), "--content", str(tmp_path), "--slug", "ferry-strike"]) == 0
    assert (tmp_path / "articles" / "ferry-strike.md").is_file()


@pytest.mark.parametrize("source, message", [
    ("missing.html", "there is no file"),
    ("ftp://example.com/story.html", "only http and https"),
    ("file:///etc/passwd", "only http and https"),
])
def test_a_source_that_cannot_be_imported_is_one_line_and_exit_1(source, message, tmp_path, capsys):
    assert main(["import", source, "--content", str(tmp_path)]) == 1
    error = capsys.readouterr().err
    assert message in error and error.count("\n") == 1


def test_a_text_file_is_not_taken_for_a_page(tmp_path, capsys):
    text = tmp_path / "story.txt"
    text.write_text("Just some words of an article, pasted into a file.\n", encoding="utf-8")
    assert main(["import", str(text), "--content", str(tmp_path)]) == 1
    assert "is not an HTML page" in capsys.readouterr().err


def test_options_take_the_place_of_what_the_page_gives(tmp_path, capsys):
    assert main(["import", str(PAGES / "bare-byline.html"), "--content", str(tmp_path), "--outlet", "Valley Weekly",
                 "--date", "2026-04-02", "--url", "https://valleyweekly.example/bus-lanes"]) == 0
    printed = capsys.readouterr().out
    path = tmp_path / "articles" / "council-delays-vote-on-bus-lanes.md"
    meta = split_document(path, path.read_text(encoding="utf-8")).meta
    assert (meta["outlet"], meta["date"], meta["source_url"]) == \
        ("Valley Weekly", "2026-04-02", "https://valleyweekly.example/bus-lanes")
    assert "date_inferred" not in meta and "given: date, outlet, source_url" in printed


def test_a_date_option_that_is_no_date_is_refused(tmp_path, capsys):
    assert main(["import", str(PAGES / "amp.html"), "--content", str(tmp_path), "--date", "03/04/2026"]) == 1
    assert capsys.readouterr().err.startswith("mythos-site: --date: ")


def test_text_that_looks_like_markup_reads_as_the_page_shows_it(tmp_path, capsys):
    meta, body, printed = imported("markup-in-text.html", tmp_path, capsys)
    rendered = lxml.html.fragment_fromstring(render_body(Path("x.md"), body, 1).html, create_parent="div")
    page = lxml.html.parse(str(PAGES / "markup-in-text.html")).getroot()
    assert [_text(p) for p in rendered.iter("p")] == [_text(p) for p in page.iter("p")]
    assert not list(rendered.iter("a", "script", "em", "strong", "ol", "ul", "h1", "h2", "del"))


def test_a_time_without_a_zone_is_not_given_one(tmp_path, capsys):
    meta, _, printed = imported("markup-in-text.html", tmp_path, capsys)
    assert meta["date"] == "2026-04-08" and "the time 16:20 without a time zone" in printed


def _text(element) -> str:
    return " ".join(element.text_content().split())


def test_a_slug_that_is_not_plain_is_refused(tmp_path, capsys):
    assert main(["import", str(PAGES / "amp.html"), "--content", str(tmp_path), "--slug", "Ferry Strike!"]) == 1
    assert "--slug ferry-strike" in capsys.readouterr().err
