"""A seeded generator of realistic news articles about one unfolding (fictional) story.

Every article is built from word lists and sentence templates by its own `random.Random`, seeded
with the corpus seed and the article's index, so article 17 is the same whatever N is and adding
article N leaves the others untouched. The same articles are written in our format here and in
Hugo's and Pelican's by `benchmarks.peers`.

    python -m benchmarks.corpus /tmp/corpus --articles 1000 [--seed 2026]
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path

SEED = 2026
START = datetime(2025, 10, 1)
SPAN_DAYS = 272  # articles are dated from October 1, 2025 to June 30, 2026
TIMEZONE = "America/New_York"
BASE_URL = "https://bench.example.org/"
SITE_TITLE = "The Atlas story: a benchmark site"
FEED_ITEMS = 50
TARGET_WORDS = 1150

OUTLETS = ("Fortune", "CNBC", "Reuters", "Bloomberg", "The Verge", "Wired", "Axios", "TechCrunch",
           "The Guardian", "Financial Times", "Politico", "Ars Technica", "The Register", "Semafor")
TAGS = ("Northwind AI", "Atlas", "AI safety", "Cybersecurity", "Data leak", "Markets", "Regulation",
        "Open source", "Cloud", "Chips", "Lawsuits", "Research")
FIRST = ("Maria", "James", "Priya", "Tomás", "Aiko", "Daniel", "Fatima", "Lena", "Oluwaseun", "Chen",
         "Rachel", "Marcus", "Ingrid", "Samuel", "Noor", "Elena", "David", "Hana", "Pedro", "Grace")
LAST = ("Lindqvist", "Okafor", "Raman", "Albers", "Tanaka", "Whitfield", "Haddad", "Novak", "Adeyemi",
        "Zhou", "Castellano", "Brennan", "Solberg", "Mensah", "Farouk", "Petrova", "Kessler", "Moreau")
ORGS = ("Northwind AI", "Helix Labs", "Corvid Systems", "Meridian Compute", "Bluefin Security",
        "Quarry Networks", "Tessellate", "Arclight Research", "Harbor Capital", "Vantage Analytics")
ROLES = ("the chief executive of", "a security researcher at", "the chief technology officer of",
         "a policy director at", "an analyst at", "a former engineer at", "the general counsel of",
         "a spokesperson for", "the head of research at", "a senior fellow at")
REGULATORS = ("the Federal Trade Commission", "the European Commission", "the Commerce Department",
              "a Senate committee", "the UK's AI Security Institute", "state attorneys general")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
HEADINGS = ("What happened", "Why it matters", "The market reaction", "What the company said",
            "The policy response", "What comes next", "How the data was exposed", "What researchers found",
            "The view from rivals", "Questions that remain")

@dataclass(frozen=True)
class Event:
    id: str
    day: date
    kind: str
    headline: str
    terms: tuple[str, ...]
    sentence: str  # what a dated sentence that reports the event says


# The story's events: what events.yaml lists and what dated sentences report, with the terms that
# let the build match a sentence to its event.
EVENTS = tuple(Event(*fields) for fields in (
    ("store-exposure", date(2025, 10, 14), "leak", "Researchers find Northwind AI's draft files in an open data store",
     ("open data store", "draft files", "researchers found"),
     "researchers found draft files about the Atlas model in an open data store run by Northwind AI"),
    ("company-confirms", date(2025, 10, 16), "statement", "Northwind AI confirms the Atlas model exists",
     ("confirmed", "Atlas model", "early access"),
     "Northwind AI confirmed that the Atlas model exists and is in early access with a few customers"),
    ("security-stocks-fall", date(2025, 10, 17), "market", "Cybersecurity stocks fall",
     ("cybersecurity stocks", "shares fell", "sell-off"),
     "shares fell across cybersecurity stocks in a sell-off that analysts tied to the Atlas reports"),
    ("ftc-inquiry", date(2025, 11, 20), "policy", "The FTC opens an inquiry into the exposure",
     ("Federal Trade Commission", "inquiry", "opened"),
     "the Federal Trade Commission opened an inquiry into how the files were left exposed"),
    ("class-action", date(2025, 12, 9), "legal", "Customers file a class action",
     ("class action", "lawsuit", "filed"),
     "a group of customers filed a class action lawsuit over the exposure"),
    ("safety-framework", date(2026, 1, 21), "policy", "Northwind AI publishes a new safety framework",
     ("safety framework", "published", "version 2.0"),
     "Northwind AI published version 2.0 of its safety framework"),
    ("atlas-preview", date(2026, 2, 24), "launch", "Atlas Preview opens to defenders",
     ("Atlas Preview", "defenders", "launched"),
     "Northwind AI launched Atlas Preview for a small group of defenders"),
    ("patch-wave", date(2026, 4, 2), "security", "Vendors ship patches for flaws Atlas found",
     ("patches", "vulnerabilities", "vendors shipped"),
     "vendors shipped patches for vulnerabilities that Atlas Preview had found in widely used software"),
    ("eu-hearing", date(2026, 5, 12), "policy", "The European Commission holds a hearing",
     ("European Commission", "hearing", "testified"),
     "executives testified at a European Commission hearing on frontier model security"),
    ("general-release", date(2026, 9, 15), "plan", "Northwind AI plans a general release",
     ("general release", "planned", "September"),
     "Northwind AI said a general release of Atlas was planned"),
))

QUOTES_SHARED = (
    "We take the security of our systems and our customers extremely seriously",
    "This was a human error in how one storage bucket was configured",
    "The model is far ahead of anything we have tested in cyber capabilities",
    "Defenders need a head start before tools like this are widely available",
    "Nobody outside the company can check these claims for themselves",
    "The market is pricing in a very different threat landscape",
    "Voluntary restraint by one company is not the same thing as governance",
    "We found the files within an afternoon using ordinary search tools",
    "Regulators will want to know exactly who had access and for how long",
    "This is the kind of incident that safety policies are written to prevent",
)
QUOTE_OPENERS = ("We have been clear that", "Frankly,", "I think", "What worries me is that",
                 "It is far too early to say whether", "Our view has always been that", "The truth is that",
                 "Everyone in the industry knows that", "I would be surprised if", "We expect that")
QUOTE_SUBJECTS = ("most companies", "these systems", "the new models", "our customers", "the regulators",
                  "security teams", "smaller vendors", "the big labs", "open models", "investors")
QUOTE_PREDICATES = ("will have to move much faster than before", "cannot be trusted to police themselves",
                    "are taking the risk more seriously than the headlines suggest",
                    "need better tools to find these flaws first", "will change how software is shipped",
                    "deserve a clear account of what went wrong", "are only starting to understand the stakes",
                    "have been warning about this for years", "will not wait for the rules to be written",
                    "should be tested by people outside the company")

NOUNS = ("model", "system", "data store", "framework", "policy", "disclosure", "incident", "review",
         "release", "audit", "benchmark", "rollout", "investigation", "statement", "report", "filing")
ADJECTIVES = ("unreleased", "internal", "preliminary", "detailed", "public", "confidential", "earlier",
              "broader", "independent", "technical", "cautious", "unusual", "significant", "limited")
VERBS_PAST = ("reviewed", "described", "questioned", "examined", "criticised", "welcomed", "disputed",
              "documented", "flagged", "summarised", "analysed", "highlighted")
GROUPS = ("analysts", "security researchers", "investors", "lawmakers", "rival labs", "customers",
          "engineers", "privacy advocates", "regulators", "former employees")
FILLERS = (
    "{Org} {verb} the {adj} {noun} in a statement on its website, but gave few details about {topic}.",
    "According to {outlet}, the {adj} {noun} described the Atlas model as a clear step beyond earlier systems.",
    "{Group} have followed the {noun} closely since the first reports appeared.",
    "The {noun} raised new questions about how {org} handles {topic}.",
    "Shares of {org} moved {pct} percent in {when} trading as {group} weighed the news.",
    "People familiar with the {noun} said it had been circulating inside {org} for several weeks.",
    "The company has not said how many {group} saw the {adj} {noun} before access was restricted.",
    "{Group} pointed out that the {noun} covered only part of {topic}.",
    "In a {adj} statement, {org} said the exposure did not involve customer data or core infrastructure.",
    "Critics argue that {topic} should not be left to a single company to judge.",
    "The episode is likely to shape how {group} think about {topic} for the rest of the year.",
    "{Org} declined to comment on the {noun} beyond its earlier statement.",
    "Several {group} told {outlet} that they had not been briefed on the {noun} in advance.",
    "The {adj} {noun} runs to {count} pages and includes a section on {topic}.",
    "It is not yet clear whether {regulator} will ask {org} for more information about {topic}.",
    "For {group}, the central issue is {topic}, not the model itself.",
    "Estimates of the cost to {org} range from {count} million to several hundred million dollars.",
    "{Org} has hired outside counsel to review the {noun}, according to a person briefed on the matter.",
)
TOPICS = ("access controls", "model security", "release decisions", "the pace of disclosure",
          "third-party audits", "the testing of frontier models", "customer notification",
          "the company's own safety rules", "the storage of unpublished drafts", "vulnerability research")
HEADLINE_TEMPLATES = ("{Org} confirms {adj} {noun} after report", "{Group} question {org}'s {noun}",
                      "What the Atlas {noun} means for {topic}", "{Org} faces scrutiny over {topic}",
                      "Inside the {adj} {noun} at {org}", "Atlas leak puts {topic} in the spotlight",
                      "{Org} shares slide as {group} weigh Atlas {noun}",
                      "Why {group} are worried about {topic}")
SUMMARIES = ("A report on {topic} after the Atlas exposure, with reactions from {group}.",
             "An analysis of what the Atlas {noun} means for {topic}.",
             "How {group} responded to the {adj} {noun} at {org}.",
             "A look at {org}'s handling of {topic} since the Atlas files were found.")


@dataclass(frozen=True)
class Article:
    index: int
    slug: str
    title: str
    published: datetime  # naive: local time in TIMEZONE, as every tool reads it
    authors: tuple[str, ...]
    outlet: str
    tags: tuple[str, ...]
    summary: str
    body: str  # markdown with footnotes; the same text for every tool


@dataclass(frozen=True)
class Corpus:
    articles: tuple[Article, ...]
    seed: int


def generate(count: int, seed: int = SEED) -> Corpus:
    return Corpus(tuple(make_article(index, seed) for index in range(count)), seed)


def make_article(index: int, seed: int = SEED, published: datetime | None = None) -> Article:
    rnd = random.Random(f"{seed}:{index}")
    published = published or _publication_time(rnd)
    title = _capitalise(_fill(rnd, rnd.choice(HEADLINE_TEMPLATES)))
    authors = tuple(sorted({_person(rnd) for _ in range(rnd.choice((1, 1, 1, 2)))}))
    tags = tuple(sorted(rnd.sample(TAGS, rnd.randint(2, 4)), key=TAGS.index))
    summary = _fill(rnd, rnd.choice(SUMMARIES))
    return Article(index, f"{_slugify(title)[:60].rstrip('-')}-{index:05d}", title, published, authors,
                   rnd.choice(OUTLETS), tags, summary, _body(rnd, published))


def added_article(corpus: Corpus) -> Article:
    """The article the "add" scenario drops in: the next index, newer than every other article."""
    newest = max(article.published for article in corpus.articles)
    return make_article(len(corpus.articles), corpus.seed, newest + timedelta(hours=6))


def edited(article: Article, revision: int) -> Article:
    """The article after an editor's correction: one sentence added to its first paragraph."""
    first, rest = article.body.split("\n\n", 1)
    note = f" (Corrected, revision {revision}: an earlier version of this article misstated a figure.)"
    return replace(article, body=f"{first}{note}\n\n{rest}")


# --- text ---------------------------------------------------------------------------------------

def _body(rnd: random.Random, published: datetime) -> str:
    target = rnd.randint(TARGET_WORDS - 150, TARGET_WORDS + 150)
    sources = [_citation(rnd, published) for _ in range(rnd.randint(3, 6))]
    headings = rnd.sample(HEADINGS, 4)
    blocks: list[str] = []
    words = 0
    while words < target - 110:  # the block that crosses it and the footnotes add about 110
        if blocks and len(blocks) % 5 == 0 and headings:
            blocks.append(f"## {headings.pop()}")
        block = _block(rnd, published, len(blocks))
        blocks.append(block)
        words += len(block.split())
    _cite(rnd, blocks, len(sources))
    notes = [f"[^{number}]: {text}" for number, text in enumerate(sources, 1)]
    return "\n\n".join(blocks + ["\n".join(notes)]) + "\n"


def _block(rnd: random.Random, published: datetime, position: int) -> str:
    roll = rnd.random()
    if position > 2 and roll < 0.04:
        return _table(rnd)
    if position > 2 and roll < 0.10:
        return "\n".join(f"- {_fill(rnd, rnd.choice(FILLERS))}" for _ in range(rnd.randint(3, 4)))
    sentences = [_sentence(rnd, published, position) for _ in range(rnd.randint(3, 5))]
    return " ".join(sentences)


def _sentence(rnd: random.Random, published: datetime, position: int) -> str:
    roll = rnd.random()
    if roll < 0.06 or (position == 0 and roll < 0.4):
        return _dated_sentence(rnd, published)
    if roll < 0.16:
        return _quote_sentence(rnd)
    return _fill(rnd, rnd.choice(FILLERS))


def _dated_sentence(rnd: random.Random, published: datetime) -> str:
    past = [event for event in EVENTS if event.day <= published.date()]
    if rnd.random() < 0.05:
        plan = EVENTS[-1]
        return f"{_capitalise(plan.sentence)} for as early as {MONTHS[plan.day.month - 1]} {plan.day.year}."
    if not past or rnd.random() < 0.15:
        day = published.date() - timedelta(days=rnd.randint(1, 20))
        return f"On {_long_date(day)}, {_fill(rnd, '{org} {verb} the {adj} {noun}')}."
    event = rnd.choice(past)
    when, sentence = event.day, event.sentence
    if rnd.random() < 0.05:  # outlets do not always agree on the day: a disputed date
        when += timedelta(days=rnd.choice((-1, 1)))
    if rnd.random() < 0.3:
        return f"{sentence[0].upper()}{sentence[1:]} on {MONTHS[when.month - 1]} {when.day}."
    return f"On {_long_date(when)}, {sentence}."


def _quote_sentence(rnd: random.Random) -> str:
    words = rnd.choice(QUOTES_SHARED) if rnd.random() < 0.3 else _fresh_quote(rnd)
    speaker = _person(rnd)
    role = f"{rnd.choice(ROLES)} {rnd.choice(ORGS)}"
    form = rnd.randrange(3)
    if form == 0:
        return f'"{words}," said {speaker}, {role}.'
    if form == 1:
        return f'{speaker}, {role}, said: "{words}."'
    return f'"{words}," {speaker} said.'


def _fresh_quote(rnd: random.Random) -> str:
    return f"{rnd.choice(QUOTE_OPENERS)} {rnd.choice(QUOTE_SUBJECTS)} {rnd.choice(QUOTE_PREDICATES)}"


def _table(rnd: random.Random) -> str:
    rows = [f"| {_capitalise(rnd.choice(TOPICS))} | {_fill(rnd, '{Group} {verb} the {adj} {noun}')} |"
            for _ in range(rnd.randint(3, 5))]
    return "\n".join(["| Area | What has been reported |", "|---|---|", *rows])


def _cite(rnd: random.Random, blocks: list[str], count: int) -> None:
    """Put every footnote marker at the end of a paragraph, each cited at least once."""
    paragraphs = [i for i, block in enumerate(blocks) if block[0] not in "#|-"]
    for number in range(1, count + 1):
        for i in {rnd.choice(paragraphs) for _ in range(rnd.randint(1, 2))}:
            blocks[i] += f"[^{number}]"


def _citation(rnd: random.Random, published: datetime) -> str:
    day = published.date() - timedelta(days=rnd.randint(0, 30))
    headline = _capitalise(_fill(rnd, rnd.choice(HEADLINE_TEMPLATES)))
    return f'{rnd.choice(OUTLETS)}, "{headline}," {_long_date(day)}.'


def _fill(rnd: random.Random, template: str) -> str:
    values = {
        "org": rnd.choice(ORGS), "noun": rnd.choice(NOUNS), "adj": rnd.choice(ADJECTIVES),
        "verb": rnd.choice(VERBS_PAST), "group": rnd.choice(GROUPS), "topic": rnd.choice(TOPICS),
        "outlet": rnd.choice(OUTLETS), "regulator": rnd.choice(REGULATORS),
        "pct": f"{rnd.randint(1, 9)}.{rnd.randint(0, 9)}", "count": str(rnd.randint(12, 480)),
        "when": rnd.choice(("early", "midday", "late", "after-hours")),
    }
    values.update({key.capitalize(): _capitalise(value) for key, value in values.items()})
    return template.format(**values)


def _person(rnd: random.Random) -> str:
    return f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"


def _publication_time(rnd: random.Random) -> datetime:
    day = START + timedelta(days=rnd.randrange(SPAN_DAYS))
    return day.replace(hour=rnd.randint(6, 21), minute=rnd.randrange(60))


def _long_date(day: date) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# --- our format ---------------------------------------------------------------------------------

def yaml_text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def our_article(article: Article) -> str:
    authors = article.authors[0] if len(article.authors) == 1 else f"[{', '.join(article.authors)}]"
    return (f"---\ntitle: {yaml_text(article.title)}\ndate: {article.published:%Y-%m-%d %H:%M}\n"
            f"author: {authors}\noutlet: {article.outlet}\ntags: [{', '.join(article.tags)}]\n"
            f"summary: {yaml_text(article.summary)}\n---\n{article.body}")


def our_site_yaml() -> str:
    description = ("How outlets covered the exposure of Northwind AI's unreleased Atlas model, the market "
                   "and policy reaction, and the launch of Atlas Preview. Generated for benchmarks.")
    return (f"title: {yaml_text(SITE_TITLE)}\nbase_url: {BASE_URL}\nlanguage: en\ntimezone: {TIMEZONE}\n"
            f"description: {yaml_text(description)}\nfeed_items: {FEED_ITEMS}\n")


def our_events_yaml() -> str:
    lines = ["story:", "  start: 2025-10-14", "  end: 2026-05-12", "", "events:"]
    for event in EVENTS:
        lines += [f"  - id: {event.id}", f"    date: {event.day:%Y-%m-%d}",
                  f"    headline: {yaml_text(event.headline)}",
                  f"    text: {yaml_text(_capitalise(event.sentence) + '.')}",
                  f"    kind: {event.kind}", f"    terms: [{', '.join(event.terms)}]", ""]
    return "\n".join(lines)


def write_ours(corpus: Corpus, site: Path) -> None:
    """content/site.yaml, content/events.yaml and content/articles/*.md under `site`."""
    folder = site / "content" / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    (site / "content" / "site.yaml").write_text(our_site_yaml(), encoding="utf-8")
    (site / "content" / "events.yaml").write_text(our_events_yaml(), encoding="utf-8")
    for article in corpus.articles:
        (folder / f"{article.slug}.md").write_text(our_article(article), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    from benchmarks.peers import TOOLS

    parser = argparse.ArgumentParser(prog="python -m benchmarks.corpus",
                                     description="Write a generated corpus for ours, Hugo and Pelican.")
    parser.add_argument("folder", type=Path, help="where to write ours/, hugo/ and pelican/")
    parser.add_argument("--articles", type=int, default=1000, help="how many articles (default: 1000)")
    parser.add_argument("--seed", type=int, default=SEED, help=f"random seed (default: {SEED})")
    args = parser.parse_args(argv)
    corpus = generate(args.articles, args.seed)
    formats = ("ours", "hugo", "pelican")  # ours-no-search builds the same content as ours
    for name in formats:
        TOOLS[name](args.folder / name).write_site(corpus)
    words = sum(len(article.body.split()) for article in corpus.articles) // max(1, len(corpus.articles))
    print(f"wrote {len(corpus.articles)} articles (~{words} words each) for {', '.join(formats)} under {args.folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
