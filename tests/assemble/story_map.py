"""How the story map found by rule scores on the annotated stories of tests/fixtures/stories/.

Each story is built as a site is, with the three curated lists empty, and what the site holds is
set against annotations.yaml:

- events: an annotated event that more than one article reports is found when a found event has
  its date (the same day, month, year or range) and shares an article with it; each annotated
  event takes at most one found event, the one that shares most articles. Its coverage is the
  share of the annotated articles the found event lists among its reports.
- people: an annotated person or organisation named in two articles or more is found when a
  found entity's name or alias is the annotated name or one of its aliases; a found entity whose
  name is in `not_people` is a wrong one.
- figures: a found figure group matches an annotated figure when it holds figures of two of its
  articles whose text is the annotated text.
- disagreements: a disputed event or fact is a found disagreement; it is right when an annotated
  disagreement of its kind names two of its articles, else invented.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from mythos_site.assemble.site import assemble_site
from mythos_site.content.config import load_config
from mythos_site.content.loader import parse_article
from mythos_site.extract.article import extract
from mythos_site.extract.matching import NOTHING_CURATED, match
from mythos_site.extract.text import fold

STORIES = Path(__file__).resolve().parent.parent / "fixtures" / "stories"


def story_folders() -> list[Path]:
    return sorted(folder for folder in STORIES.iterdir() if (folder / "annotations.yaml").is_file())


def holdout() -> frozenset[str]:
    listed = STORIES / "HOLDOUT"
    lines = listed.read_text(encoding="utf-8").splitlines() if listed.is_file() else []
    return frozenset(line.split("#")[0].strip() for line in lines if line.split("#")[0].strip())


@dataclass
class MapScore:
    story: str
    events_expected: int = 0
    events_found: int = 0  # annotated events matched by a found event with the right date
    coverage: float = 0.0  # summed share of each matched event's articles its found event lists
    events_made: int = 0  # found events in all
    people_expected: int = 0
    people_found: int = 0
    people_made: int = 0
    not_people: int = 0
    figures_expected: int = 0
    figures_found: int = 0
    figure_groups: int = 0
    disagreements_expected: int = 0
    disagreements_found: int = 0
    disagreements_invented: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def event_recall(self) -> float:
        return self.events_found / self.events_expected if self.events_expected else 1.0

    @property
    def event_coverage(self) -> float:
        return self.coverage / self.events_found if self.events_found else 1.0

    @property
    def people_recall(self) -> float:
        return self.people_found / self.people_expected if self.people_expected else 1.0

    @property
    def figure_recall(self) -> float:
        return self.figures_found / self.figures_expected if self.figures_expected else 1.0

    def line(self) -> str:
        return (f"{self.story:<30} events {self.events_found}/{self.events_expected} (of {self.events_made} found, "
                f"articles {self.event_coverage:.2f})  people {self.people_found}/{self.people_expected} "
                f"(of {self.people_made}, {self.not_people} not people)  figures {self.figures_found}/"
                f"{self.figures_expected} (of {self.figure_groups} groups)  disagreements "
                f"{self.disagreements_found}/{self.disagreements_expected}, {self.disagreements_invented} invented")

    def add(self, other: MapScore) -> None:
        for name in ("events_expected", "events_found", "coverage", "events_made", "people_expected", "people_found",
                     "people_made", "not_people", "figures_expected", "figures_found", "figure_groups",
                     "disagreements_expected", "disagreements_found", "disagreements_invented"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def span_of(value) -> tuple[date, date]:
    text = str(value)
    if ".." in text:
        start, end = text.split("..")
        return span_of(start)[0], span_of(end)[1]
    parts = [int(part) for part in text.split("-")]
    if len(parts) == 3:
        return date(*parts), date(*parts)
    if len(parts) == 2:
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], calendar.monthrange(*parts)[1])
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def build_story(folder: Path):
    """(annotation, site) of a story built with nothing curated."""
    annotation = yaml.safe_load((folder / "annotations.yaml").read_text(encoding="utf-8"))
    config = load_config(folder)
    zone = ZoneInfo(config.timezone)
    articles = []
    for path in sorted((folder / "articles").glob("*.md")):
        article, _ = parse_article(path, path.read_bytes(), zone)
        articles.append(match(extract(article), NOTHING_CURATED))
    return annotation, assemble_site(config, tuple(articles))


def score(folder: Path) -> MapScore:
    annotation, site = build_story(folder)
    result = MapScore(folder.name)
    _score_events(result, annotation, site)
    _score_people(result, annotation, site)
    _score_figures(result, annotation, site)
    _score_disagreements(result, annotation, site)
    return result


def _score_events(result: MapScore, annotation: dict, site) -> None:
    found = [item for item in site.timeline.events if item.event.found]
    result.events_made = len(found)
    taken: set[str] = set()
    for expected in annotation.get("events") or []:
        reporters = set(expected["reported_by"])
        if len(reporters) < 2:
            continue
        result.events_expected += 1
        start, end = span_of(expected["date"])
        best, best_shared = None, 0
        for item in found:
            if item.event.id in taken or (item.event.start, item.event.end) != (start, end):
                continue
            shared = len(reporters & {article.slug for article in item.articles})
            if shared > best_shared:
                best, best_shared = item, shared
        if best is None:
            result.misses.append(f"event missed: {expected['date']} {expected['what']}")
            continue
        taken.add(best.event.id)
        result.events_found += 1
        result.coverage += best_shared / len(reporters)
        if best_shared < len(reporters):
            result.misses.append(f"event {expected['id']}: {best_shared}/{len(reporters)} articles "
                                 f"({best.event.headline})")
    for item in found:
        if item.event.id not in taken:
            result.misses.append(f"event found, not annotated: {item.event.start} {item.event.headline} "
                                 f"[{', '.join(a.slug for a in item.articles)}]")


def _score_people(result: MapScore, annotation: dict, site) -> None:
    found = [item.entity for item in site.entities]
    result.people_made = len(found)
    names_found = [{fold(name) for name in entity.names} for entity in found]
    not_people = {fold(name) for name in annotation.get("not_people") or []}
    for person in annotation.get("people") or []:
        if len(set(person.get("articles") or [])) < 2:
            continue
        result.people_expected += 1
        names = {fold(person["name"])} | {fold(alias) for alias in person.get("aliases") or []}
        if any(names & found_names for found_names in names_found):
            result.people_found += 1
        else:
            result.misses.append(f"person missed: {person['name']}")
    known = {fold(person["name"]) for person in annotation.get("people") or []} | {
        fold(alias) for person in annotation.get("people") or [] for alias in person.get("aliases") or []}
    for entity in found:
        if fold(entity.name) in not_people:
            result.not_people += 1
            result.misses.append(f"not a person: {entity.name}")
        elif fold(entity.name) not in known:
            result.misses.append(f"found, not annotated: {entity.name} ({entity.kind})")


def _score_figures(result: MapScore, annotation: dict, site) -> None:
    groups = [item for item in site.facts if len(item.reports) > 0]
    result.figure_groups = len(groups)
    for figure in annotation.get("figures") or []:
        values = figure.get("values") or []
        if len({value["article"] for value in values}) < 2:
            continue
        result.figures_expected += 1
        if any(_holds(item, values) >= 2 for item in groups):
            result.figures_found += 1
        else:
            result.misses.append(f"figure missed: {figure['id']}")


def _holds(item, values) -> int:
    articles = set()
    for value in values:
        text = fold(str(value["text"]))
        for report in item.reports:
            if report.article.slug == value["article"] and fold(report.figure.text) in text:
                articles.add(value["article"])
    return len(articles)


def _score_disagreements(result: MapScore, annotation: dict, site) -> None:
    expected = annotation.get("disagreements") or []
    result.disagreements_expected = len(expected)
    matched: set[int] = set()
    found = [("date", item.event.headline, [{r.article.slug for r in v.reports} for v in item.versions])
             for item in site.timeline.events if item.disputed]
    found += [("figure", item.fact.statement, [{r.article.slug for r in v.reports} for v in item.versions])
              for item in site.facts if item.disputed]
    for kind, title, versions in found:
        hit = None
        for number, entry in enumerate(expected):
            named = set(entry["articles"])
            if entry["kind"] == kind and sum(bool(named & version) for version in versions) >= 2:
                hit = number
                break
        if hit is None:
            result.disagreements_invented += 1
            result.misses.append(f"disagreement invented: {kind} {title}")
        else:
            matched.add(hit)
    result.disagreements_found = len(matched)
    for number, entry in enumerate(expected):
        if number not in matched:
            result.misses.append(f"disagreement missed: {entry['kind']} {entry['about']}")
