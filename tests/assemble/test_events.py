"""Events found by rule: the shipped content built with its three curated lists emptied."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from mythos_site.assemble.site import assemble_site
from tests.assemble.story_map import STORIES, build_story

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def uncurated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("uncurated")
    shutil.copytree(ROOT / "content", folder, dirs_exist_ok=True)
    for name, key in (("events.yaml", "events"), ("facts.yaml", "facts"), ("entities.yaml", "entities")):
        (folder / name).write_text(f"{key}: []\n", encoding="utf-8")
    (folder / "annotations.yaml").write_text("{}\n", encoding="utf-8")
    return build_story(folder)[1]


def test_the_exposure_is_an_event_several_articles_report(uncurated):
    found = [item for item in uncurated.timeline.events
             if item.event.found and item.event.start == date(2026, 3, 26) and len(item.articles) >= 2]
    assert found
    assert any("Roy Paz" in report.sentence for item in found for report in item.reports)


def test_the_day_the_company_confirmed_is_disputed(uncurated):
    disputed = [item for item in uncurated.timeline.events if item.disputed]
    assert disputed
    days = {version.start for item in disputed for version in item.versions}
    assert {date(2026, 3, 26), date(2026, 3, 27)} <= days


def test_the_launch_stays_on_the_timeline(uncurated):
    """One article reports the launch of April 7: its dated statements stay on the timeline."""
    assert any(statement.mention.start == date(2026, 4, 7) for statement in uncurated.timeline.statements) or any(
        item.event.start == date(2026, 4, 7) for item in uncurated.timeline.events)


def test_found_ids_are_stable_and_derived_from_date_and_terms(uncurated, tmp_path):
    again = build_story(STORIES / "tallis-payments-outage")[1]
    once = build_story(STORIES / "tallis-payments-outage")[1]
    assert [item.event.id for item in again.timeline.events] == [item.event.id for item in once.timeline.events]
    for item in uncurated.timeline.events:
        assert item.event.id.startswith(f"e-{item.event.start:%Y}")


def test_a_headline_is_the_main_clause_of_a_statement(uncurated):
    for item in uncurated.timeline.events:
        words = item.event.headline.rstrip(" …").split()
        assert len(words) <= 16
        assert any(" ".join(words[:3]) in report.sentence for report in item.reports)


def test_the_storys_people_are_found_with_pages(uncurated):
    names = {item.entity.name: item for item in uncurated.entities}
    for name in ("Roy Paz", "Alexandre Pauwels", "Dario Amodei", "Logan Graham"):
        assert name in names, sorted(names)
        assert names[name].entity.found and names[name].mentions
    assert not any(name.endswith("'s app") or name.startswith("the ") for name in names)


def test_an_events_id_stays_when_an_article_that_does_not_report_it_goes():
    story = STORIES / "tallis-payments-outage"
    site = build_story(story)[1]
    found = [item for item in site.timeline.events if item.event.found]
    slugs = {article.slug for article in site.articles}
    event, gone = next((item, (slugs - {a.slug for a in item.articles}).pop()) for item in found
                       if slugs - {a.slug for a in item.articles})
    kept = tuple(article for article in site.articles if article.slug != gone)
    again = assemble_site(site.config, kept)
    same = [item for item in again.timeline.events
            if [(r.article.slug, r.anchor) for r in item.reports if r.mention]
            == [(r.article.slug, r.anchor) for r in event.reports if r.mention]]
    assert same and same[0].event.id == event.event.id


def test_a_headline_drops_a_leading_day_and_year():
    from mythos_site.assemble.events import headline_of

    assert headline_of("On September 12, 2025, Vantage Analytics questioned the confidential system "
                       "that the regulator had flagged.") == ("Vantage Analytics questioned the confidential "
                                                              "system that the regulator had flagged")


def test_an_editor_hides_a_found_name_by_its_id(tmp_path):
    from mythos_site.content.curated import load_entities

    site = build_story(STORIES / "tallis-payments-outage")[1]
    found = next(item.entity for item in site.entities if item.entity.found)
    (tmp_path / "entities.yaml").write_text(f"entities:\n  - id: {found.id}\n    hide: true\n", encoding="utf-8")
    hidden = load_entities(tmp_path)
    assert hidden[0].hidden

    again = assemble_site(site.config, site.articles, entities=hidden)

    assert found.id not in {item.entity.id for item in again.entities}
    assert len(again.entities) == len(site.entities) - 1


def test_a_hide_entry_must_say_true(tmp_path):
    from mythos_site.content.curated import load_entities
    from mythos_site.errors import ContentError

    (tmp_path / "entities.yaml").write_text("entities:\n  - id: n-someone\n    hide: yes please\n", encoding="utf-8")
    with pytest.raises(ContentError, match="'hide' must be true"):
        load_entities(tmp_path)


def test_the_shipped_site_shows_no_found_name_its_editors_hid():
    from mythos_site.build.collect import collect_articles
    from mythos_site.build.inputs import load_settings

    settings = load_settings(ROOT / "content")
    articles = collect_articles(ROOT / "content", settings.config, curated=settings.curated).articles
    site = assemble_site(settings.config, articles, settings.calendar, settings.facts, settings.entities)
    names = {item.entity.name for item in site.entities}
    assert "AI Safety Levels" not in names and "Claude Code Security" not in names
    assert {"Dario Amodei", "Roy Paz"} <= names
