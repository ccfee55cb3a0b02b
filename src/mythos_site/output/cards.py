"""Social cards: the picture a link to the site or to one of its articles shows when shared
(og:image, twitter:card), drawn at build time with Pillow in Source Sans Pro (SIL Open Font
Licence, shipped by the font-source-sans-pro package).

A card is a PNG of CARD_SIZE drawn from a few texts only (the headline, the outlet, the date, the
site's title), so the same texts give the same bytes: each card is kept in the build cache under a
hash of its texts and of this module's drawing settings, and a rebuild draws only the cards whose
texts changed."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from mythos_site import urls
from mythos_site.build.parallel import Cores, fork_map
from mythos_site.records import Article, SiteConfig
from mythos_site.site_records import Site
from mythos_site.output.originals import long_date

CARD_SIZE = (1200, 630)
MARGIN = 72
BACKGROUND = (20, 28, 46)
ACCENT = (222, 120, 52)
HEADLINE = (255, 255, 255)
QUIET = (196, 204, 220)
VERSION = "2"  # bump when the drawing changes: the cached cards are keyed by it


@dataclass(frozen=True)
class Card:
    """What one card shows: a kicker above (the site's title), a headline, a line below."""

    path: str
    kicker: str
    headline: str
    footer: str

    @property
    def key(self) -> str:
        text = "\0".join((VERSION, _pillow_version(), self.kicker, self.headline, self.footer))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def site_card(site: Site) -> Card:
    config = site.config
    count = len(site.articles)
    outlets = len({article.outlet for article in site.articles if article.outlet})
    footer = f"{count} article{'s' if count != 1 else ''}"
    if outlets:
        footer += f" from {outlets} outlet{'s' if outlets != 1 else ''}"
    return Card(urls.SITE_CARD, _host(config), config.title, footer)


def article_card(config: SiteConfig, article: Article) -> Card:
    footer = " · ".join(part for part in (article.outlet, long_date(article.published)) if part)
    return Card(urls.article_card(article.slug), config.title, article.title, footer)


def cards_of(site: Site) -> list[Card]:
    return [site_card(site)] + [article_card(site.config, article) for article in site.articles]


DRAW_MS = 35  # about what drawing one card takes on one core


def render_cards(site: Site, cache_dir: Path | None = None, cores: Cores = Cores()) -> Iterator[tuple[str, bytes]]:
    """(path, PNG bytes) of the site's card and each article's, from the cache where drawn before;
    the others drawn on every core when there are many."""
    folder = _cache_folder(cache_dir)
    cards = cards_of(site)
    kept = [folder / f"{card.key}.png" if folder else None for card in cards]
    todo = [card for card, file in zip(cards, kept) if file is None or not file.is_file()]
    drawn = dict(zip((card.path for card in todo),
                     fork_map(_draw_at, len(todo), todo, cores.workers(len(todo), DRAW_MS), chunk=4)))
    for card, file in zip(cards, kept):
        if card.path not in drawn:
            yield card.path, file.read_bytes()
            continue
        data = drawn.pop(card.path)
        if file is not None:
            try:
                temporary = file.with_suffix(".tmp")
                temporary.write_bytes(data)
                temporary.replace(file)
            except OSError:  # an unwritable cache: the card is drawn again next time
                pass
        yield card.path, data


def _draw_at(cards: list[Card], index: int) -> bytes:
    return draw(cards[index])


def draw(card: Card) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", CARD_SIZE, BACKGROUND)
    pen = ImageDraw.Draw(image)
    width = CARD_SIZE[0] - 2 * MARGIN
    pen.rectangle((0, 0, 16, CARD_SIZE[1]), fill=ACCENT)
    kicker = _font("Semibold", 34)
    pen.text((MARGIN, MARGIN), _fit(pen, card.kicker, kicker, width, 1)[0], font=kicker, fill=ACCENT)
    size, lines = _headline(pen, card.headline, width)
    headline = _font("Bold", size)
    y = MARGIN + 80
    for line in lines:
        pen.text((MARGIN, y), line, font=headline, fill=HEADLINE)
        y += round(size * 1.18)
    footer = _font("Regular", 34)
    pen.text((MARGIN, CARD_SIZE[1] - MARGIN - 34), _fit(pen, card.footer, footer, width, 1)[0], font=footer,
             fill=QUIET)
    buffer = io.BytesIO()
    # A few colours are all a card has: as a palette, a third of the bytes. The fast octree finds
    # them in a quarter of the median cut's time, with the same look.
    image.quantize(colors=16, method=Image.Quantize.FASTOCTREE).save(buffer, format="PNG", compress_level=6)
    return buffer.getvalue()


def _headline(pen, text: str, width: int) -> tuple[int, list[str]]:
    """The largest size at which the headline fits in four lines, and its lines."""
    for size in (72, 64, 56, 50):
        lines = _fit(pen, text, _font("Bold", size), width, 4)
        if not lines[-1].endswith("…") or size == 50:
            if len(lines) * size * 1.18 <= 380 or size == 50:
                return size, lines
    return 50, _fit(pen, text, _font("Bold", 50), width, 4)


def _fit(pen, text: str, font, width: int, most: int) -> list[str]:
    """The text broken into lines no wider than width, at most `most` of them, the last one cut
    with an ellipsis if the text goes on."""
    lines: list[str] = []
    current = ""
    words = text.split()
    for index, word in enumerate(words):
        trial = f"{current} {word}".strip()
        if pen.textlength(trial, font=font) <= width or not current:
            current = trial
            continue
        lines.append(current)
        current = word
        if len(lines) == most:
            break
    else:
        if current:
            lines.append(current)
        return [_cut(pen, line, font, width) for line in lines] or [""]
    last = lines[-1]
    while last and pen.textlength(last + "…", font=font) > width:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    lines[-1] = last + "…"
    return lines


def _cut(pen, line: str, font, width: int) -> str:
    """A single word too long for a line, cut to fit."""
    if pen.textlength(line, font=font) <= width:
        return line
    while line and pen.textlength(line + "…", font=font) > width:
        line = line[:-1]
    return line + "…"


_FONTS: dict = {}


def _font(weight: str, size: int):
    from PIL import ImageFont

    key = (weight, size)
    if key not in _FONTS:
        _FONTS[key] = ImageFont.truetype(str(font_file(weight)), size)
    return _FONTS[key]


def font_file(weight: str) -> Path:
    import font_source_sans_pro

    return Path(font_source_sans_pro.font_directory) / f"SourceSansPro-{weight}.ttf"


def _pillow_version() -> str:
    import PIL

    return PIL.__version__


def _host(config: SiteConfig) -> str:
    from urllib.parse import urlsplit

    return urlsplit(config.base_url).hostname or config.title


def _cache_folder(cache_dir: Path | None) -> Path | None:
    if cache_dir is None:
        return None
    folder = cache_dir / "cards"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder
