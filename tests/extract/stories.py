"""The annotated stories of tests/fixtures/stories/ and how the extractor scores on them.

A story is a content folder (articles/*.md, site.yaml) with an annotations.yaml written by hand:
the quotes each article holds (text, speaker, kind person|organisation|unnamed, description),
words in quotation marks that are no quote, the dated statements (a piece of the sentence, the
date, event or plan) and the dates that date no statement (a source credit, a byline, a
dateline). Each article goes through the real extract stage, as a build does, and what it found
is matched against the annotation:

- a found quote matches an annotated one when their folded words overlap mostly;
- its speaker is right when the found name is the annotated speaker or one of its aliases
  (people:), a spokesperson's organisation is, or both are unnamed;
- a dated statement is found when a dated mention stands in the sentence the annotation quotes,
  and its date is right when the mention in that piece of the sentence (else the sentence's
  first) spans the annotated date.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from mythos_site.content.loader import parse_article
from mythos_site.extract.article import extract
from mythos_site.extract.text import fold

STORIES = Path(__file__).resolve().parent.parent / "fixtures" / "stories"
MIN_WORDS = 4
CREDIT_WORDS = ("credit", "byline", "dateline")


def story_folders() -> list[Path]:
    return sorted(folder for folder in STORIES.iterdir() if (folder / "annotations.yaml").is_file())


def holdout() -> frozenset[str]:
    listed = STORIES / "HOLDOUT"
    if not listed.is_file():
        return frozenset()
    return frozenset(line.split("#")[0].strip() for line in listed.read_text(encoding="utf-8").splitlines()
                     if line.split("#")[0].strip())


@dataclass
class Score:
    story: str
    quotes_found: int = 0
    quotes_annotated: int = 0
    quotes_matched: int = 0  # found quotes that match an annotated one
    annotated_matched: int = 0  # annotated quotes some found quote matches
    speakers_right: int = 0
    dated_annotated: int = 0
    dated_found: int = 0
    dates_right: int = 0
    credits_dated: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.quotes_matched / self.quotes_found if self.quotes_found else 1.0

    @property
    def recall(self) -> float:
        return self.annotated_matched / self.quotes_annotated if self.quotes_annotated else 1.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speakers_right / self.quotes_matched if self.quotes_matched else 1.0

    @property
    def dated_recall(self) -> float:
        return self.dated_found / self.dated_annotated if self.dated_annotated else 1.0

    @property
    def date_accuracy(self) -> float:
        return self.dates_right / self.dated_found if self.dated_found else 1.0

    def line(self) -> str:
        return (f"{self.story:<34} quotes {self.quotes_found:>3} found/{self.quotes_annotated:>3} annotated  "
                f"precision {self.precision:.2f}  recall {self.recall:.2f}  speaker {self.speaker_accuracy:.2f}  |  "
                f"dated recall {self.dated_recall:.2f}  date right {self.date_accuracy:.2f}  "
                f"credits dated {self.credits_dated}")

    def add(self, other: "Score") -> None:
        for name in ("quotes_found", "quotes_annotated", "quotes_matched", "annotated_matched", "speakers_right",
                     "dated_annotated", "dated_found", "dates_right", "credits_dated"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def words(text: str) -> list[str]:
    return fold(text).split()


def overlap(found: str, annotated: str) -> float:
    """How much two quotations share: the words in common over the longer's, or 1 when one holds the other."""
    a, b = fold(found), fold(annotated)
    if not a or not b:
        return 0.0
    if a in b or b in a:
        return 1.0 if min(len(a), len(b)) >= 0.5 * max(len(a), len(b)) else 0.6
    first, second = a.split(), b.split()
    common = sum(min(first.count(word), second.count(word)) for word in set(first))
    return common / max(len(first), len(second))


MATCHES = 0.6  # overlap from which a found quote is the annotated one


def names_of(annotation: dict) -> dict[str, set[str]]:
    """Each annotated speaker's folded name and aliases."""
    names: dict[str, set[str]] = {}
    for person in annotation.get("people") or []:
        folded = {fold(person["name"])} | {fold(alias) for alias in person.get("aliases") or [] if fold(alias)}
        names[fold(person["name"])] = folded
    return names


def speaker_right(found, expected: dict, names: dict[str, set[str]]) -> bool:
    if expected.get("kind") == "unnamed" or not expected.get("speaker"):
        return found is None or found.kind == "unnamed"
    if found is None or found.kind == "unnamed":
        return False
    wanted = fold(expected["speaker"])
    name = found.name.removesuffix(" spokesperson") if found.kind == "spokesperson" else found.name
    return fold(name) in names.get(wanted, {wanted}) | {wanted}


def span_of(value) -> tuple[date, date]:
    """The first and last day an annotated date names: 2026-06-12, 2026-06, 2026, or start..end."""
    text = str(value)
    if ".." in text:
        start, end = text.split("..")
        return span_of(start)[0], span_of(end)[1]
    parts = [int(part) for part in text.split("-")]
    if len(parts) == 3:
        day = date(*parts)
        return day, day
    if len(parts) == 2:
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], calendar.monthrange(*parts)[1])
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def holds(sentence: str, piece: str) -> bool:
    """Whether a sentence the extractor split holds the piece of sentence the annotation quotes."""
    sentence, piece = fold(sentence), fold(piece)
    return bool(piece) and (piece in sentence or (len(sentence) > 20 and sentence in piece))


def load(folder: Path):
    """(annotation, {slug: extracted article}) of a story."""
    annotation = yaml.safe_load((folder / "annotations.yaml").read_text(encoding="utf-8"))
    settings = yaml.safe_load((folder / "site.yaml").read_text(encoding="utf-8")) or {}
    zone = ZoneInfo(settings.get("timezone") or "UTC")
    articles = {}
    for path in sorted((folder / "articles").glob("*.md")):
        article, _ = parse_article(path, path.read_bytes(), zone)
        articles[path.stem] = extract(article)
    return annotation, articles


def score(folder: Path) -> Score:
    annotation, articles = load(folder)
    names = names_of(annotation)
    result = Score(folder.name)
    for slug, article in articles.items():
        _score_quotes(result, slug, article, annotation, names)
        _score_dates(result, slug, article, annotation)
    return result


def _score_quotes(result: Score, slug: str, article, annotation: dict, names) -> None:
    expected = [quote for quote in annotation.get("quotes") or []
                if quote["article"] == slug and len(words(quote["text"])) >= MIN_WORDS]
    found = [quote for quote in article.quotes if len(words(quote.text)) >= MIN_WORDS]
    result.quotes_found += len(found)
    result.quotes_annotated += len(expected)
    taken: set[int] = set()
    for quote in found:
        best = max(range(len(expected)), key=lambda index: overlap(quote.text, expected[index]["text"]), default=None)
        if best is None or overlap(quote.text, expected[best]["text"]) < MATCHES:
            result.misses.append(f"{slug}: not a quote: “{quote.text}” ({_who(quote.speaker)})")
            continue
        result.quotes_matched += 1
        taken.add(best)
        if speaker_right(quote.speaker, expected[best], names):
            result.speakers_right += 1
        else:
            result.misses.append(f"{slug}: speaker {_who(quote.speaker)}, not {expected[best].get('speaker') or 'unnamed'}"
                                 f": “{quote.text[:70]}”")
    result.annotated_matched += len(taken)
    for index, quote in enumerate(expected):
        if index not in taken:
            result.misses.append(f"{slug}: missed “{quote['text'][:80]}” ({quote.get('speaker')})")


def _who(speaker) -> str:
    return f"{speaker.name} [{speaker.kind}]" if speaker else "no speaker"


def _score_dates(result: Score, slug: str, article, annotation: dict) -> None:
    mentions = article.mentions
    for dated in (entry for entry in annotation.get("dated") or [] if entry["article"] == slug):
        result.dated_annotated += 1
        here = [mention for mention in mentions if holds(mention.sentence, dated["sentence"])]
        if not here:
            result.misses.append(f"{slug}: undated: “{dated['sentence']}” ({dated['date']})")
            continue
        result.dated_found += 1
        piece = fold(dated["sentence"])
        inside = [mention for mention in here if fold(mention.expression) in piece]
        mention = (inside or here)[0]
        if (mention.start, mention.end) == span_of(dated["date"]):
            result.dates_right += 1
        else:
            result.misses.append(f"{slug}: dated {mention.start}..{mention.end} ({mention.expression}), not "
                                 f"{dated['date']}: “{dated['sentence']}”")
    for entry in annotation.get("not_dated") or []:
        if entry["article"] != slug or not any(word in (entry.get("why") or "").lower() for word in CREDIT_WORDS):
            continue
        piece = fold(entry["sentence"])
        if any(holds(mention.sentence, entry["sentence"]) and fold(mention.expression) in piece for mention in mentions):
            result.credits_dated += 1
            result.misses.append(f"{slug}: a credit dated: “{entry['sentence']}”")
