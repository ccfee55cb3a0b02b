"""Coverage analysis: facts filed from the articles' figures, people by their aliases, the matrix."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mythos_site.assemble.entities import build_entities, unlisted_names
from mythos_site.errors import ContentError
from mythos_site.extract.article import extract
from mythos_site.assemble.facts import build_facts
from mythos_site.content.curated import load_entities, load_facts
from mythos_site.extract.matching import Curated, match
from mythos_site.records import Article, Block
from mythos_site.site_records import Entity, Fact

ZONE = ZoneInfo("UTC")
ASSETS = Fact("exposed-assets", "Assets exposed", "count", units=("assets", "files"))
CROWDSTRIKE = Fact("crowdstrike-drop", "CrowdStrike fall", "percent", subject=("CrowdStrike",))


def article(slug: str, day: int, *paragraphs: str, entities: tuple[Entity, ...] = ()) -> Article:
    return match(extract(Article(source=Path(f"{slug}.md"), slug=slug, title=slug, summary="",
                           published=datetime(2026, 3, day, tzinfo=ZONE), authors=(), outlet=f"Outlet {slug}",
                           tags=(), url=None, body_html="", word_count=0, footnotes=(),
                           blocks=tuple(Block(f"p-{n}", text) for n, text in enumerate(paragraphs, 1)))),
                 Curated(entities=entities, facts=(ASSETS, CROWDSTRIKE)))


def test_figures_are_filed_under_their_fact_by_unit_and_subject():
    a = article("a", 27, "The store held close to 3,000 assets. CrowdStrike fell roughly 7%, Zscaler about 4%.")
    [assets, crowdstrike] = build_facts((a,), (ASSETS, CROWDSTRIKE))
    assert [r.figure.text for r in assets.reports] == ["close to 3,000"]
    assert [r.figure.text for r in crowdstrike.reports] == ["roughly 7%"]
    assert crowdstrike.reports[0].figure.anchor == "p-1"


def test_the_same_hedged_figure_is_not_a_disagreement():
    a = article("a", 27, "The store held close to 3,000 assets.")
    b = article("b", 28, "Nearly 3,000 internal files were exposed.")
    c = article("c", 29, "In all, 3,000 files were exposed.")
    [assets] = build_facts((a, b, c), (ASSETS,))
    assert len(assets.reports) == 3 and not assets.disputed


def test_a_different_value_is_a_disagreement_with_each_version_and_its_sources():
    a = article("a", 27, "The store held close to 3,000 assets.")
    b = article("b", 28, "The store held about 4,500 assets.")
    [assets] = build_facts((a, b), (ASSETS,))
    assert assets.disputed
    assert [[r.article.slug for r in v.reports] for v in assets.versions] == [["a"], ["b"]]


def test_entities_are_found_by_name_and_alias():
    graham = Entity("logan-graham", "Logan Graham", "person", "Red team lead",
                    ("Graham", "Anthropic's frontier red team lead"))
    palo = Entity("palo-alto-networks", "Palo Alto Networks", "organisation", "Security company")
    a = article("a", 27, "Logan Graham spoke first.", "Later, Graham added more.",
                "Anthropic's frontier red team lead declined to comment.", "Palo Alto Networks fell; Palo Alto rose.",
                entities=(graham, palo))
    [person, company] = build_entities((a,), (graham, palo), (), ())
    assert [(m.anchor, m.name) for m in person.mentions] == [
        ("p-1", "Logan Graham"), ("p-2", "Graham"), ("p-3", "Anthropic's frontier red team lead")]
    assert [m.name for m in company.mentions] == ["Palo Alto Networks"], "the longest name wins; no partial match"


def test_a_surname_alias_inside_another_name_is_not_a_mention():
    graham = Entity("logan-graham", "Logan Graham", "person", "Red team lead", ("Graham",))
    nolan = Entity("bea-nolan", "Bea Nolan", "person", "Reporter", ("Nolan",))
    a = article("a", 27, "Mayor Dana Graham said the order stays.", "She lives on Nolan Avenue with her son.",
                "Logan Graham spoke. Later, Mr. Graham added more.", "It was Nolan Tuesday who spoke for Bea Nolan.",
                entities=(graham, nolan))
    [person, reporter] = build_entities((a,), (graham, nolan), (), ())
    assert [(m.anchor, m.name) for m in person.mentions] == [("p-3", "Logan Graham"), ("p-3", "Graham")]
    assert [(m.anchor, m.name) for m in reporter.mentions] == [("p-4", "Nolan"), ("p-4", "Bea Nolan")]


def test_a_surname_means_the_person_the_article_names_in_full():
    graham = Entity("logan-graham", "Logan Graham", "person", "Red team lead", ("Graham",))
    fortune = Entity("fortune", "Fortune", "organisation", "Outlet", ("Fortune's",))
    a = article("a", 27, "Mayor Dana Graham said the order stays.", "Graham said more later.",
                entities=(graham, fortune))
    b = article("b", 27, "Fortune's Bea Nolan broke the story.", "Logan Graham spoke. Graham said more.",
                entities=(graham, fortune))
    [person, outlet] = build_entities((a, b), (graham, fortune), (), ())
    assert [m.name for m in person.mentions] == ["Logan Graham", "Graham"], "article a means Dana Graham throughout"
    assert [m.name for m in outlet.mentions] == ["Fortune's"], "a possessive before a name is still the outlet"
    c = article("c", 27, "Dana Graham runs the city.", "Yesterday Graham said more.", entities=(graham,))
    [person] = build_entities((c,), (graham,), (), ())
    assert person.mentions == (), "a given name opening a paragraph is still a given name"


def test_names_in_several_articles_but_in_no_entry_are_candidates():
    a = article("a", 27, "Jane Roe of Example Research spoke to Logan Graham.")
    b = article("b", 28, "Jane Roe and Logan Graham disagreed.")
    graham = Entity("logan-graham", "Logan Graham", "person", "Red team lead")
    assert ("Jane Roe", 2) in unlisted_names((a, b), (graham,))
    assert all("Logan Graham" not in name for name, _ in unlisted_names((a, b), (graham,)))


@pytest.mark.parametrize("name, text, words", [
    ("facts.yaml", "facts:\n  - id: a\n    statement: S\n    kind: weight\n", "not one of"),
    ("facts.yaml", "facts:\n  - id: a\n    kind: count\n", "no 'statement'"),
    ("entities.yaml", "entities:\n  - id: a\n    name: A\n    kind: robot\n    role: R\n", "person or organisation"),
    ("entities.yaml", "entities:\n  - id: a\n    name: A\n    kind: person\n    role: R\n    aliases: [1]\n",
     "aliases"),
])
def test_bad_curated_files_are_reported_with_their_line(tmp_path, name, text, words):
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        (load_facts if name == "facts.yaml" else load_entities)(tmp_path)
    [problem] = caught.value.problems
    assert words in problem.message and problem.line == 2


# The real content.

def test_facts_of_the_five_articles_and_no_invented_disagreement(built_site):
    facts = {f["id"]: f for f in json.loads((built_site / "data" / "facts.json").read_text(encoding="utf-8"))}
    assets = facts["exposed-assets"]
    assert {f["text"] for f in assets["figures"]} == {"close to 3,000", "nearly 3,000", "3,000"}
    assert not assets["disputed"], "close to, nearly and plain 3,000 agree"
    assert [f["text"] for f in facts["crowdstrike-drop"]["figures"]] == ["roughly 7%"]
    assert [f["text"] for f in facts["mythos-cybergym"]["figures"]] == ["83.1%"]
    assert [f["text"] for f in facts["opus-cybergym"]["figures"]] == ["66.6%"]
    assert [f["disputed"] for f in facts.values()] == [False] * len(facts)


def test_entities_json_and_pages(built_site):
    entities = {e["id"]: e for e in json.loads((built_site / "data" / "entities.json").read_text(encoding="utf-8"))}
    graham = entities["logan-graham"]
    assert [a["slug"] for a in graham["articles"]] == ["claude-mythos-preview-and-project-glasswing"]
    assert graham["quotes"], "his quote is on his page"
    assert "supply-chain-designation" in entities["department-of-defense"]["events"]
    page = (built_site / "people" / "logan-graham" / "index.html").read_text(encoding="utf-8")
    assert "We did not feel comfortable releasing this generally." in page


def test_the_matrix_has_events_and_facts_as_rows_and_outlets_as_columns(built_site):
    page = (built_site / "coverage" / "index.html").read_text(encoding="utf-8")
    assert "<caption" in page and page.count('scope="col"') == 6, "a first column and five outlets"
    for outlet in ("The Daily Vibe", "VPNCentral"):
        assert f'<th scope="col">{outlet}</th>' in page
    row = page.split('id="row-cms-exposure"')[1].split("</tr>")[0]
    assert "differs" in row and "first" in row, "the disputed exposure date and who reported it first"
    assert row.count('href="../articles/') == 5, "every outlet's cell links to its sentence"
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="./coverage/"' in home and 'href="./facts/"' in home and 'href="./people/"' in home
    assert "Key facts and figures" in home


def test_an_organisation_named_before_a_title_is_still_the_organisation():
    voltari = Entity("voltari", "Voltari Mobility", "organisation", "E-bike maker", ("Voltari",))
    a = article("a", 27, "Voltari Chief Executive Ingrid Halvorsen spoke.", "Voltari shares rose.", entities=(voltari,))
    [company] = build_entities((a,), (voltari,), (), ())
    assert [(m.anchor, m.name) for m in company.mentions] == [("p-1", "Voltari"), ("p-2", "Voltari")]
