"""The data files other tools read: valid JSON, in the shape docs/data.md documents."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
BASE = "https://mythos.example.org/"


def load(site: Path, name: str):
    raw = (site / "data" / name).read_text(encoding="utf-8")
    assert "<" not in raw and ">" not in raw, "markup characters are escaped, so no page can be fooled"
    return json.loads(raw)


def front_matter(slug: str) -> dict:
    text = (ROOT / "content" / "articles" / f"{slug}.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1])


def test_articles_json_has_every_article_in_the_documented_shape(built_site):
    articles = load(built_site, "articles.json")
    files = sorted(path.stem for path in (ROOT / "content" / "articles").glob("*.md"))
    assert sorted(a["slug"] for a in articles) == files
    for entry in articles:
        assert set(entry) == {"slug", "title", "url", "original_url", "outlet", "author", "published",
                              "time_known", "updated", "full_text", "date_inferred", "tags", "footnotes"}
        meta = front_matter(entry["slug"])
        assert entry["url"] == f"{BASE}articles/{entry['slug']}/"
        assert entry["title"] == meta["title"]
        assert entry["published"].startswith(str(meta["date"]))
        assert entry["date_inferred"] == meta.get("date_inferred")
        assert entry["outlet"] == meta.get("outlet") and entry["author"] == meta.get("author")
        for note in entry["footnotes"]:
            assert set(note) == {"marker", "text", "publisher", "title", "date", "url", "missing_from_source_list"}


def test_footnotes_in_articles_json_carry_parsed_citations(built_site):
    articles = {a["slug"]: a for a in load(built_site, "articles.json")}
    notes = {n["marker"]: n for n in articles["anthropic-claude-mythos-leak-what-we-know"]["footnotes"]}
    assert notes["6"]["publisher"] == "CNBC" and notes["6"]["date"] == "2026-03-27"
    assert notes["6"]["title"] == "Cybersecurity stocks fall on report Anthropic is testing a powerful new model"
    glasswing = {n["marker"]: n for n in articles["claude-mythos-preview-and-project-glasswing"]["footnotes"]}
    # The note that says the source's list has no entry 11 is an editor's warning, not a footnote.
    assert "11" not in glasswing and not any(note["missing_from_source_list"] for note in glasswing.values())


def test_quotes_json_groups_the_same_words_across_articles(built_site):
    groups = load(built_site, "quotes.json")
    for group in groups:
        assert set(group) == {"id", "text", "speaker", "kind", "other_speakers", "articles"}
        for use in group["articles"]:
            assert set(use) == {"slug", "url", "anchor", "text", "speaker", "published"}
            page = (built_site / "articles" / use["slug"] / "index.html").read_text(encoding="utf-8")
            assert f'id="{use["anchor"]}"' in page
            assert use["url"].endswith(f"/articles/{use['slug']}/#{use['anchor']}")
        dates = [use["published"] for use in group["articles"]]
        assert dates == sorted(dates), "articles in order of publication"
    widest = groups[0]
    assert widest["text"] == "currently far ahead of any other AI model in cyber capabilities"
    assert len(widest["articles"]) == 3 and widest["kind"] == "organisation"  # the leaked draft, Anthropic's words


def test_quotes_and_sources_pages_are_linked_from_home(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="./quotes/"' in home and 'href="./sources/"' in home
    quotes = (built_site / "quotes" / "index.html").read_text(encoding="utf-8")
    assert "Logan Graham" in quotes and "We did not feel comfortable releasing this generally." in quotes
    sources = (built_site / "sources" / "index.html").read_text(encoding="utf-8")
    assert "Responsible Scaling Policy Version 3.0" in sources
    for outlet in ("The Daily Vibe", "VPNCentral"):
        assert outlet in sources
