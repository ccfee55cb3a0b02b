"""The timeline: events matched to the sentences that report them, disputes, phases; and the real story."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mythos_site.errors import ContentError
from mythos_site.content.events import load_calendar
from mythos_site.extract.article import extract
from mythos_site.extract.matching import Curated, match
from mythos_site.records import Article, Block
from mythos_site.site_records import Calendar, Event
from mythos_site.assemble.timeline import build_timeline

ZONE = ZoneInfo("America/New_York")
EXPOSURE = Event("exposure", date(2026, 3, 26), date(2026, 3, 26), "day", "Files found in an open data store",
                 "Researchers find the files.", "leak", ("data store", "misconfiguration", "exposed", "researchers"))
SELLOFF = Event("selloff", date(2026, 3, 27), date(2026, 3, 27), "day", "Cyber stocks fall", "Shares fall.",
                "market", ("cybersecurity stocks", "CrowdStrike", "fell"))
IPO = Event("ipo", date(2026, 10, 1), date(2026, 10, 31), "month", "IPO", "An IPO.", "plan", ("IPO", "listing"))
CALENDAR = Calendar((SELLOFF, EXPOSURE, IPO), date(2026, 3, 26), date(2026, 4, 7))


def article(slug: str, day: int, *paragraphs: str) -> Article:
    base = Article(source=Path(f"{slug}.md"), slug=slug, title=slug, summary="",
                   published=datetime(2026, 3, day, tzinfo=ZONE), authors=(), outlet=f"Outlet {slug}", tags=(),
                   url=None, body_html="", word_count=0, footnotes=(),
                   blocks=tuple(Block(f"p-{n}", text) for n, text in enumerate(paragraphs, 1)))
    return match(extract(base), Curated.of(CALENDAR))


def by_id(timeline):
    return {item.event.id: item for item in timeline.events}


def test_events_are_ordered_by_date_and_placed_in_their_phase():
    timeline = build_timeline((), CALENDAR)
    assert [item.event.id for item in timeline.events] == ["exposure", "selloff", "ipo"]
    assert [item.phase for item in timeline.events] == ["story", "story", "plans"]


def test_a_sentence_naming_the_event_on_its_date_is_attached_with_no_curation():
    a = article("a", 28, "On March 26, researchers found the data store exposed by a misconfiguration.")
    exposure = by_id(build_timeline((a,), CALENDAR))["exposure"]
    [report] = exposure.reports
    assert report.article.slug == "a" and report.anchor == "p-1" and report.mention.start == date(2026, 3, 26)
    assert not exposure.disputed


def test_an_undated_sentence_reports_the_event_it_names_most():
    a = article("a", 28, "CrowdStrike fell along with other cybersecurity stocks.")
    assert [r.article.slug for r in by_id(build_timeline((a,), CALENDAR))["selloff"].reports] == ["a"]


def test_an_undated_sentence_that_only_names_who_took_part_reports_nothing():
    """A list of the coalition's partners names CrowdStrike and Palo Alto Networks; it reports no fall in
    their shares. The same names with what happened ("fell") do."""
    from mythos_site.site_records import Entity

    selloff = Event("selloff", date(2026, 3, 27), date(2026, 3, 27), "day", "Cyber stocks fall", "Shares fall.",
                    "market", ("cybersecurity stocks", "CrowdStrike", "Palo Alto Networks", "fell"))
    entities = tuple(Entity(name.lower().replace(" ", "-"), name, "organisation", "a security vendor")
                     for name in ("CrowdStrike", "Palo Alto Networks"))
    curated = Curated.of(Calendar((selloff,), date(2026, 3, 26), date(2026, 4, 7)), entities)

    def reported(text: str) -> list[str]:
        base = Article(source=Path("a.md"), slug="a", title="a", summary="", published=datetime(2026, 4, 8, tzinfo=ZONE),
                       authors=(), outlet="O", tags=(), url=None, body_html="", word_count=0, footnotes=(),
                       blocks=(Block("p-1", text),))
        return [found.event for found in match(extract(base), curated).events if found.kind == "reports"]

    assert reported("Security vendors: CrowdStrike, Palo Alto Networks and Cisco.") == []
    assert reported("CrowdStrike and Palo Alto Networks fell sharply.") == ["selloff"]


def test_a_different_date_for_the_same_event_makes_it_disputed_with_both_versions():
    a = article("a", 28, "On March 26, researchers found the data store exposed by a misconfiguration.")
    b = article("b", 29, "Researchers found the exposed data store, left open by a misconfiguration, on March 25.")
    exposure = by_id(build_timeline((a, b), CALENDAR))["exposure"]
    assert exposure.disputed
    assert [(v.start, [r.article.slug for r in v.reports]) for v in exposure.versions] == [
        (date(2026, 3, 26), ["a"]), (date(2026, 3, 25), ["b"])], "the curated date first, then the others"


def test_a_passing_word_does_not_dispute_an_event():
    a = article("a", 28, "On March 25, the researchers published a paper.")
    exposure = by_id(build_timeline((a,), CALENDAR))["exposure"]
    assert exposure.reports == () and not exposure.disputed


def test_a_dated_sentence_that_matches_no_event_is_the_articles_own_statement():
    a = article("a", 28, "On March 20, the board met in London.")
    timeline = build_timeline((a,), CALENDAR)
    [statement] = timeline.statements
    assert statement.mention.start == date(2026, 3, 20) and statement.article.slug == "a"


def test_a_sentence_said_many_times_in_one_paragraph_is_one_statement_each_time():
    sentence = "On March 20, the board met in London. "
    a = article("a", 28, sentence * 300)
    timeline = build_timeline((a,), CALENDAR)
    assert len(timeline.statements) == 300  # each sentence once, not each with the other 299's dates


def write_events(tmp_path: Path, text: str) -> Path:
    (tmp_path / "events.yaml").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("text, line, words", [
    ("events:\n  - id: a\n    date: 2026-02-30\n    headline: H\n    text: T\n    kind: leak\n", 2, "not a date"),
    ("events:\n  - id: a\n    date: 2026-03-26\n    text: T\n    kind: leak\n", 2, "no 'headline'"),
    ("events:\n  - id: Bad Id\n    date: 2026-03-26\n    headline: H\n    text: T\n    kind: leak\n", 2,
     "not a plain name"),
    ("events:\n  - id: a\n    date: 2026-03-26\n    headline: H\n    text: T\n    kind: rumour\n", 2, "not known"),
    ("events:\n  - id: a\n    date: 2026\n    headline: H\n    text: T\n    kind: leak\n"
     "  - id: a\n    date: 2026\n    headline: H\n    text: T\n    kind: leak\n", 7, "used twice"),
    ("story:\n  start: soon\nevents: []\n", 1, "start and an end"),
    ("events: [\n", 2, "not valid YAML"),
    ("events:\n  - id: d-2026-03-26\n    date: 2026-03-26\n    headline: H\n    text: T\n    kind: leak\n", 2,
     "taken by the timeline"),
])
def test_a_bad_events_file_is_reported_with_its_line(tmp_path, text, line, words):
    with pytest.raises(ContentError) as caught:
        load_calendar(write_events(tmp_path, text))
    [problem] = caught.value.problems
    assert words in problem.message and problem.line == line and problem.hint


def test_no_events_file_is_an_empty_calendar(tmp_path):
    assert load_calendar(tmp_path) == Calendar(())


# The real content: the story from the March 26 leak to the April 7 launch.

def test_the_built_timeline_spans_the_leak_to_the_launch_with_each_key_event_sourced(built_site):
    events = {e["id"]: e for e in json.loads((built_site / "data" / "events.json").read_text(encoding="utf-8"))}
    story = [e for e in events.values() if e["phase"] == "story"]
    assert min(e["date"] for e in story) == "2026-03-26" and max(e["date"] for e in story) == "2026-04-07"
    for key in ("cms-exposure", "fortune-report", "store-locked", "cyber-stocks-fall", "glasswing-launch",
                "system-card", "rsp-3-effective", "federal-directive", "supply-chain-designation",
                "dod-court-filing", "gpt-5-3-codex-release"):
        assert events[key]["articles"], f"{key} has no source"
    assert events["asl-3-activated"]["phase"] == "context" and events["ipo-considered"]["phase"] == "plans"


def test_the_exposure_date_is_disputed_between_march_26_and_march_27(built_site):
    events = {e["id"]: e for e in json.loads((built_site / "data" / "events.json").read_text(encoding="utf-8"))}
    exposure = events["cms-exposure"]
    assert exposure["disputed"] is True
    versions = {v["date"]: {s["slug"] for s in v["sources"]} for v in exposure["versions"]}
    assert versions["2026-03-27"] == {"claude-mythos-leak-reveals-stronger-model-and-security-lapse"}
    assert len(versions["2026-03-26"]) == 3
    undisputed = [e["id"] for e in events.values() if e["disputed"]]
    assert undisputed == ["cms-exposure"], "no other disagreement is invented"


def test_the_timeline_page_links_every_event_to_its_sentences(built_site):
    page = (built_site / "timeline" / "index.html").read_text(encoding="utf-8")
    events = json.loads((built_site / "data" / "events.json").read_text(encoding="utf-8"))
    for event in events:
        assert f'id="{event["id"]}"' in page
        for source in event["articles"]:
            assert f'href="../articles/{source["slug"]}/#{source["anchor"]}"' in page
    assert "Disputed: the articles give different dates" in page
    assert "<script" not in page, "readable without JavaScript"
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="./timeline/#glasswing-launch"' in home and "date disputed" in home


def test_timelinejs_json_has_the_knight_lab_shape(built_site):
    data = json.loads((built_site / "data" / "timeline.json").read_text(encoding="utf-8"))
    assert data["title"]["text"]["headline"]
    assert data["eras"][0]["start_date"] == {"year": 2026, "month": 3, "day": 26}
    for event in data["events"]:
        assert set(event["start_date"]) <= {"year", "month", "day"} and "year" in event["start_date"]
        assert event["text"]["headline"] and "unique_id" in event
    published = [e for e in data["events"] if e["group"] == "coverage"]
    assert len(published) == 5


def test_a_new_article_attaches_to_a_known_event_and_another_date_disputes_it(content_copy, run_build):
    articles = content_copy / "content" / "articles"
    (articles / "wire-selloff.md").write_text(
        "---\ntitle: Security shares slide\ndate: 2026-03-27\noutlet: Example Wire\n---\n"
        "Cybersecurity stocks fell on March 27 as CrowdStrike and Zscaler dropped.\n", encoding="utf-8")
    (articles / "late-take.md").write_text(
        "---\ntitle: A late take\ndate: 2026-04-01\noutlet: Example Weekly\n---\n"
        "On March 28, Roy Paz of LayerX found the exposed data store through a CMS misconfiguration.\n",
        encoding="utf-8")
    out = content_copy / "out"
    assert run_build("--content", content_copy / "content", "--templates", content_copy / "templates",
                     "--out", out).returncode == 0
    events = {e["id"]: e for e in json.loads((out / "data" / "events.json").read_text(encoding="utf-8"))}
    assert "wire-selloff" in {a["slug"] for a in events["cyber-stocks-fall"]["articles"]}
    versions = {v["date"]: {s["slug"] for s in v["sources"]} for v in events["cms-exposure"]["versions"]}
    assert versions["2026-03-28"] == {"late-take"}


def test_matches_are_found_per_article_in_sentence_order():
    b = article("b", 29, "Cybersecurity stocks fell on March 27, with CrowdStrike down 7%.",
                "The company said on March 30 it would respond.")
    assert [(m.kind, m.event, m.anchor) for m in b.events] == [("reports", "selloff", "p-1"), ("states", "", "p-2")]
    assert b.mentions[b.events[1].mention].start == date(2026, 3, 30)
