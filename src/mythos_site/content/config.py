"""Site settings: one YAML file under content/."""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from urllib.parse import quote, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mythos_site.errors import ContentError, Problem
from mythos_site.content.frontmatter import parse_yaml_mapping
from mythos_site.records import SiteConfig

SETTINGS_FILE = "site.yaml"
LISTS = {"list_limit": 10, "list_page": 100, "quotes_per_page": 50, "sources_per_page": 50, "day_limit": 3}
SETTINGS = ("title", "base_url", "language", "timezone", "description", "feed_items", "per_page", "full_text", *LISTS)


def load_config(content_dir: Path, base_url: str | None = None) -> SiteConfig:
    path = content_dir / SETTINGS_FILE
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ContentError.at(path, 1, "the site settings file is missing",
                              "create it with title, base_url, language, timezone and description") from None
    except UnicodeDecodeError:
        raise ContentError.at(path, 1, "the site settings file is not UTF-8 text", "save it as UTF-8") from None
    data, lines, _ = parse_yaml_mapping(path, text, first_line=1, what="the file")

    def text_field(name: str, default: str | None = None) -> str:
        value = data.get(name, default)
        if not isinstance(value, str) or not value.strip():
            raise ContentError.at(path, lines.get(name, 1), f"'{name}' must be a non-empty text value",
                                  f"add a line '{name}: ...' to {SETTINGS_FILE}")
        return value.strip()

    try:
        url = base_url_of(base_url or text_field("base_url"))
    except ValueError as error:
        raise ContentError.at(path, lines.get("base_url", 1), str(error),
                              "e.g. base_url: https://news.example.org/") from None
    zone = text_field("timezone", "UTC")
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ContentError.at(path, lines.get("timezone", 1), f"'{zone}' is not a known time zone",
                              "use an IANA name such as America/New_York or UTC") from None
    feed_items = _count(data, lines, path, "feed_items", 50)
    per_page = _count(data, lines, path, "per_page", 20)
    full_text = data.get("full_text", True)
    if not isinstance(full_text, bool):
        raise ContentError.at(path, lines.get("full_text", 1), "'full_text' must be true or false",
                              "full_text: false shows each article's excerpt and a link to the original")
    language = text_field("language", "en")
    if not LANGUAGE_TAG.fullmatch(language):
        raise ContentError.at(path, lines.get("language", 1), f"'{language}' is not a language tag",
                              "use a tag such as en, fr or pt-BR")
    return SiteConfig(
        title=text_field("title"),
        base_url=url,
        language=language,
        timezone=zone,
        description=text_field("description", "") if "description" in data else "",
        feed_items=feed_items,
        per_page=per_page,
        full_text=full_text,
        **{name: _count(data, lines, path, name, default) for name, default in LISTS.items()},
    )


def settings_warnings(content_dir: Path) -> tuple[Problem, ...]:
    """A warning for each setting the site does not know: a misspelt name is otherwise ignored
    without a word. Called after load_config has accepted the file."""
    path = content_dir / SETTINGS_FILE
    data, lines, _ = parse_yaml_mapping(path, path.read_text(encoding="utf-8-sig"), first_line=1, what="the file")
    return tuple(Problem(path, lines.get(str(key), 1), f"unknown setting '{key}' is ignored", _setting_hint(str(key)),
                         warning=True) for key in data if str(key) not in SETTINGS)


def _setting_hint(key: str) -> str:
    close = difflib.get_close_matches(key, SETTINGS, n=1)
    return f"did you mean '{close[0]}'?" if close else "known settings: " + ", ".join(SETTINGS)


def base_url_of(url: str) -> str:
    """The site's absolute address, ending in "/"; ValueError when it is not one. A host in another
    script is written in its ASCII form and the path percent-encoded, as feed readers need."""
    text = url.strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(f"the base URL '{url}' is not an absolute http(s) address")
    if "@" in parts.netloc:
        raise ValueError(f"the base URL '{url}' holds a user name or password, which every page would show")
    try:
        port = f":{parts.port}" if parts.port is not None else ""
    except ValueError:
        raise ValueError(f"the base URL '{url}' has a port that is not a number from 0 to 65535") from None
    try:
        host = (parts.hostname or "").encode("idna").decode("ascii")
    except UnicodeError:
        host = ""
    host = f"[{host}]" if ":" in host else host  # an IPv6 address
    if not HOST.fullmatch(host):
        raise ValueError(f"the base URL '{url}' does not name a host such as example.org")
    path = quote(parts.path, safe="/%:@!$&'()*+,;=~")
    return f"{parts.scheme}://{host}{port}{path.rstrip('/')}/"


LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")  # BCP 47's shape, as <html lang> and feeds need
HOST = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\]")


def _count(data: dict, lines: dict, path: Path, name: str, default: int) -> int:
    value = data.get(name, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ContentError.at(path, lines.get(name, 1), f"'{name}' must be a whole number above 0",
                              f"e.g. {name}: {default}")
    return value
