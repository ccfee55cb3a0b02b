"""Render data: JSON files under /data/ for other tools (shapes documented in docs/data.md)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date

from mythos_site import urls
from mythos_site.records import Article, Footnote, Speaker
from mythos_site.site_records import QuoteGroup, Report, Site, TimelineEvent
from mythos_site.output.story_views import date_iso, date_label


def render_data(site: Site) -> Iterator[tuple[str, bytes]]:
    """Each data file as (path, bytes), one at a time, each list made item by item: at 10,000
    articles a file is tens of megabytes, several times that as dictionaries and text."""
    yield urls.data_file("articles"), _json_list(_article(site, article) for article in site.articles)
    yield urls.data_file("quotes"), _json_list(_quote_group(site, group) for group in site.quote_groups)
    yield urls.data_file("events"), _json_list(_event(site, item) for item in site.timeline.events)
    yield urls.data_file("timeline"), _json(_timelinejs(site))
    yield urls.data_file("facts"), _json_list(_fact(site, item) for item in site.facts)
    yield urls.data_file("entities"), _json_list(_entity(site, item) for item in site.entities)


def _fact(site: Site, item) -> dict:
    return {
        "id": item.fact.id,
        "statement": item.fact.statement,
        "kind": item.fact.kind,
        "disputed": item.disputed,
        "versions": [[_figure(site, report) for report in version.reports] for version in item.versions],
        "figures": [_figure(site, report) for report in item.reports],
    }


def _figure(site: Site, report) -> dict:
    figure = report.figure
    return {
        "slug": report.article.slug,
        "url": site.article_url(report.article) + "#" + figure.anchor,
        "anchor": figure.anchor,
        "text": figure.text,
        "value": figure.value,
        "high": figure.high,
        "unit": figure.unit,
        "hedge": figure.hedge or None,
        "sentence": figure.sentence,
    }


def _entity(site: Site, item) -> dict:
    entity = item.entity
    return {
        "id": entity.id,
        "name": entity.name,
        "kind": entity.kind,
        "role": entity.role,
        "aliases": list(entity.aliases),
        "url": f"{site.config.base_url}people/{entity.id}/",
        "articles": [
            {"slug": article.slug, "mentions": sum(m.article.slug == article.slug for m in item.mentions),
             "url": site.article_url(article) + "#" + next(m.anchor for m in item.mentions
                                                           if m.article.slug == article.slug)}
            for article in item.articles
        ],
        "quotes": [group.id for group in item.quote_groups],
        "events": [event.event.id for event in item.events],
    }



def _json(value) -> bytes:
    return _encoded(value) + b"\n"


def _json_list(items: Iterable) -> bytes:
    """The same bytes as _json(list(items)), with one item at a time in the making."""
    return b"[" + b",".join(_encoded(item) for item in items) + b"]\n"


def _encoded(value) -> bytes:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))  # compact: the C encoder, 10x faster
    # Never let a value end a <script> or open markup if a page ever embeds the file.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return text.encode("utf-8")


def _article(site: Site, article: Article) -> dict:
    return {
        "slug": article.slug,
        "title": article.title,
        "url": site.article_url(article),
        "original_url": article.url,
        "outlet": article.outlet,
        "author": article.byline or None,
        "published": article.published.isoformat(),
        "time_known": article.timed,
        "updated": article.updated.isoformat() if article.updated else None,
        "full_text": article.shows_full_text(site.config),
        "date_inferred": article.date_inferred,
        "tags": [tag.name for tag in article.tags],
        "footnotes": [_footnote(note) for note in article.footnotes],
    }


def _footnote(note: Footnote) -> dict:
    citation = note.citation
    return {
        "marker": note.marker,
        "text": note.text,
        "publisher": citation.publisher if citation else None,
        "title": citation.title if citation else None,
        "date": citation.date if citation else None,
        "url": citation.url if citation else None,
        "missing_from_source_list": bool(citation and citation.missing),
    }


def _quote_group(site: Site, group: QuoteGroup) -> dict:
    return {
        "id": group.id,
        "text": group.text,
        "speaker": _speaker_name(group.speaker),
        "kind": group.speaker.kind if group.speaker else None,
        "other_speakers": [_speaker_name(speaker) for speaker in group.other_speakers],
        "articles": [
            {
                "slug": use.article.slug,
                "url": site.article_url(use.article) + "#" + use.quote.anchor,
                "anchor": use.quote.anchor,
                "text": use.quote.text,
                "speaker": _speaker_name(use.quote.speaker),
                "published": use.article.published.isoformat(),
            }
            for use in group.uses
        ],
    }


def _speaker_name(speaker: Speaker | None) -> str | None:
    return speaker.name if speaker else None


def _event(site: Site, item: TimelineEvent) -> dict:
    event = item.event
    return {
        "id": event.id,
        "date": date_iso(event.start, event.end, event.precision),
        "end": event.end.isoformat() if event.precision == "range" else None,
        "precision": event.precision,
        "date_inferred": event.date_inferred,
        "headline": event.headline,
        "text": event.text,
        "kind": event.kind,
        "phase": item.phase,
        "disputed": item.disputed,
        "versions": [
            {"date": date_iso(v.start, v.end, v.precision), "precision": v.precision,
             "sources": [_report(site, report) for report in v.reports]}
            for v in item.versions
        ],
        "articles": [_report(site, report) for report in item.reports],
    }


def _report(site: Site, report: Report) -> dict:
    return {
        "slug": report.article.slug,
        "url": site.article_url(report.article) + "#" + report.anchor,
        "anchor": report.anchor,
        "sentence": report.sentence,
        "date_given": report.mention.expression if report.mention else None,
    }


def _timelinejs(site: Site) -> dict:
    """Knight Lab TimelineJS 3 JSON: events, each article's publication, and the story as an era."""
    timeline = site.timeline
    events = [_timelinejs_event(site, item) for item in timeline.events]
    events += [
        {
            "unique_id": f"published-{article.slug}",
            "start_date": _timelinejs_date(article.published.date(), "day"),
            "text": {"headline": f"Published: {article.title}",
                     "text": f'<p>{_html(article.outlet) + ". " if article.outlet else ""}'
                             f'<a href="{_html(site.article_url(article))}">Read it here</a>.</p>'},
            "group": "coverage",
        }
        for article in sorted(site.articles, key=lambda a: (a.published, a.slug))
    ]
    data = {"title": {"text": {"headline": site.config.title, "text": f"<p>{_html(site.config.description)}</p>"}},
            "events": events}
    if timeline.story_start and timeline.story_end:
        data["eras"] = [{"start_date": _timelinejs_date(timeline.story_start, "day"),
                         "end_date": _timelinejs_date(timeline.story_end, "day"),
                         "text": {"headline": "The story"}}]
    return data


def _timelinejs_event(site: Site, item: TimelineEvent) -> dict:
    event = item.event
    sources = "".join(f'<li><a href="{_html(site.article_url(r.article) + "#" + r.anchor)}">'
                      f"{_html(r.article.outlet or r.article.title)}</a></li>"
                      for r in {report.article.slug: report for report in item.reports}.values())
    disputed = "<p><strong>Disputed:</strong> the articles give different dates: " + "; ".join(
        _html(date_label(v.start, v.end, v.precision)) for v in item.versions) + ".</p>" if item.disputed else ""
    entry = {
        "unique_id": event.id,
        "start_date": _timelinejs_date(event.start, event.precision),
        "display_date": date_label(event.start, event.end, event.precision),
        "text": {"headline": event.headline,
                 "text": f"<p>{_html(event.text)}</p>{disputed}<p>Reported by:</p><ul>{sources}</ul>"},
        "group": event.kind,
    }
    if event.precision == "range":
        entry["end_date"] = _timelinejs_date(event.end, "day")
    return entry


def _timelinejs_date(moment: date, precision: str) -> dict:
    parts = {"year": moment.year}
    if precision in ("day", "month", "range"):
        parts["month"] = moment.month
    if precision in ("day", "range"):
        parts["day"] = moment.day
    return parts


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
