"""Social cards: PNGs of the right size, the same bytes for the same texts, kept in the build cache."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PIL import Image

from mythos_site.assemble.site import assemble_site
from mythos_site.output import cards
from mythos_site.output.cards import CARD_SIZE, font_file, render_cards
from mythos_site.records import Article, SiteConfig

CONFIG = SiteConfig(title="Story", base_url="https://example.org/news/", language="en",
                    timezone="UTC", description="The story.")


def article(slug: str, title: str) -> Article:
    return Article(source=Path(f"{slug}.md"), slug=slug, title=title, summary="", published=datetime(
        2026, 3, 27, tzinfo=ZoneInfo("UTC")), authors=(), outlet="Example News", tags=(), url=None, body_html="",
        word_count=0, footnotes=())


SITE = assemble_site(CONFIG, (article("a", "A headline"), article("b", "A much longer headline " * 12)))


def test_a_card_for_the_site_and_for_each_article():
    files = dict(render_cards(SITE))
    assert sorted(files) == ["cards/articles/a.png", "cards/articles/b.png", "cards/site.png"]
    for data in files.values():
        image = Image.open(io.BytesIO(data))
        assert image.format == "PNG" and image.size == CARD_SIZE


def test_cards_are_the_same_bytes_every_time():
    assert dict(render_cards(SITE)) == dict(render_cards(SITE))


def test_cards_are_kept_in_the_cache_and_drawn_once(tmp_path, monkeypatch):
    first = dict(render_cards(SITE, tmp_path))
    assert len(list((tmp_path / "cards").glob("*.png"))) == 3
    monkeypatch.setattr(cards, "draw", lambda card: (_ for _ in ()).throw(AssertionError("drawn again")))
    assert dict(render_cards(SITE, tmp_path)) == first


def test_the_font_is_a_dependency_s_with_its_licence():
    assert font_file("Bold").is_file() and (font_file("Bold").parent / "LICENSE.txt").is_file()
