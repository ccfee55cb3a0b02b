"""Citations read from footnotes: every footnote of the articles annotated by hand, and other outlets' styles."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from mythos_site.extract.citations import parse_citation, source_key
from mythos_site.records import Citation

ARTICLES = Path(__file__).resolve().parents[2] / "content" / "articles"
FIELDS = ("publisher", "title", "date", "url", "missing")
FOOTNOTE_DEFINITION = re.compile(r"^\[\^([^\]]+)\]:[ \t]*(.*(?:\n(?:    |\t).*)*)", re.MULTILINE)

LEAK = "anthropic-claude-mythos-leak-what-we-know"
GLASSWING = "claude-mythos-preview-and-project-glasswing"

# (article, footnote label): (publisher, title, date, url, missing). The other three articles have no footnotes.
ANNOTATED = {
    (LEAK, "1"): ("Fortune", "Anthropic left details of an unreleased model, an upcoming exclusive CEO event, "
                  "in a public database", "2026-03-26", None, False),
    (LEAK, "2"): ("Apiyi.com", "What is Claude Mythos? A Full Analysis of Anthropic's Strongest AI Model Leak",
                  "2026-03", None, False),
    (LEAK, "3"): ("Fortune", "Anthropic 'Mythos' AI model representing 'step change' in power revealed in data leak",
                  "2026-03-26", None, False),
    # No quoted title and no outlet: the description is the title; "published prior to ..." is a remark.
    (LEAK, "4"): (None, "Terminal-Bench 2.0 benchmark results", None, None, False),
    (LEAK, "5"): ("Fortune", "Anthropic leaked details of a new AI model that poses unprecedented cybersecurity risks",
                  "2026-03-27", None, False),
    (LEAK, "6"): ("CNBC", "Cybersecurity stocks fall on report Anthropic is testing a powerful new model",
                  "2026-03-27", None, False),
    (LEAK, "7"): ("Anthropic", "Responsible Scaling Policy Version 3.0", "2026-02-24", None, False),
    (LEAK, "8"): ("Futurism", "Anthropic Just Leaked Upcoming Model With 'Unprecedented Cybersecurity Risks' "
                  "in the Most Ironic Way Possible", "2026-03", None, False),
    # "reporting on ..." describes the coverage, it names no work; February 2026 belongs to the remark after ";".
    (LEAK, "9"): ("The Information", None, "2026-03", None, False),
    (GLASSWING, "1"): ("Anthropic", "Project Glasswing: Securing Critical Software for the AI Era", None, None, False),
    (GLASSWING, "2"): ("Anthropic", "Claude Mythos Preview System Card", None, None, False),
    (GLASSWING, "3"): ("Anthropic", "Activating AI Safety Level 3 Protections", None, None, False),
    (GLASSWING, "4"): ("Anthropic", "Alignment Risk Update: Claude Mythos Preview", None, None, False),
    (GLASSWING, "5"): ("Fortune", "OpenAI's New Model Leaps Ahead in Coding Capabilities", None, None, False),
    (GLASSWING, "6"): ("Fortune", "Anthropic Is Giving Companies Access to Its Unreleased Claude Mythos Model",
                       None, None, False),
    (GLASSWING, "7"): ("Fortune", "Anthropic Accidentally Leaked Details of a New AI Model That Poses Unprecedented "
                       "Cybersecurity Risks", None, None, False),
    (GLASSWING, "8"): ("Mayer Brown", "Pentagon Designates Anthropic a Supply Chain Risk", None, None, False),
    (GLASSWING, "9"): ("TechCrunch", "DOD Says Anthropic's 'Red Lines' Make It an 'Unacceptable Risk to National "
                       "Security'", None, None, False),
    (GLASSWING, "10"): ("CNN", "Anthropic Releases Its Most Powerful - and Dangerous - AI Model to Select Partners",
                        None, None, False),
    (GLASSWING, "11"): (None, None, None, None, True),
}


def footnote_definitions() -> dict[tuple[str, str], str]:
    """Every footnote definition in the articles, as written, continuation lines joined."""
    found = {}
    for path in sorted(ARTICLES.glob("*.md")):
        for match in FOOTNOTE_DEFINITION.finditer(path.read_text(encoding="utf-8")):
            found[(path.stem, match.group(1))] = " ".join(match.group(2).split())
    return found


def fields_of(citation: Citation) -> tuple:
    return tuple(getattr(citation, name) for name in FIELDS)


def test_every_footnote_of_the_articles_is_annotated():
    assert len(list(ARTICLES.glob("*.md"))) == 5
    assert set(footnote_definitions()) == set(ANNOTATED)


@pytest.mark.parametrize("key", sorted(ANNOTATED), ids=lambda key: f"{key[0]}-{key[1]}")
def test_each_article_footnote_parses_to_its_annotation(key):
    text = footnote_definitions()[key]
    assert fields_of(parse_citation(text)) == ANNOTATED[key], text


def test_field_accuracy_on_the_articles(capsys):
    right = dict.fromkeys(FIELDS, 0)
    definitions = footnote_definitions()
    for key, text in definitions.items():
        for name, got, expected in zip(FIELDS, fields_of(parse_citation(text)), ANNOTATED[key], strict=True):
            right[name] += got == expected
    total, correct = len(definitions) * len(FIELDS), sum(right.values())
    with capsys.disabled():
        per_field = ", ".join(f"{name} {right[name]}/{len(definitions)}" for name in FIELDS)
        print(f"\ncitation fields right on the articles: {correct}/{total} ({100 * correct / total:.1f}%) "
              f"over {len(definitions)} footnotes; {per_field}")
    assert correct == total


OTHER_STYLES = [
    # A markdown link: the label is the title, the target the URL.
    ("[Project Glasswing: Securing Critical Software for the AI Era](https://www.anthropic.com/glasswing)",
     (None, "Project Glasswing: Securing Critical Software for the AI Era", None,
      "https://www.anthropic.com/glasswing", False)),
    ("[Anthropic Releases Its Most Powerful AI Model](https://www.cnn.com/2026/04/07/tech/mythos) - CNN, April 7, 2026",
     ("CNN", "Anthropic Releases Its Most Powerful AI Model", "2026-04-07",
      "https://www.cnn.com/2026/04/07/tech/mythos", False)),
    ("Fortune, [Anthropic leaked details](https://fortune.com/2026/03/27/leak/), Mar. 27, 2026",
     ("Fortune", "Anthropic leaked details", "2026-03-27", "https://fortune.com/2026/03/27/leak/", False)),
    # A bare URL, and the date it was read, which is not when it was published.
    ('Fortune, "Anthropic leaked a model," https://fortune.com/2026/03/27/anthropic-leak/ (accessed March 30, 2026)',
     ("Fortune", "Anthropic leaked a model", None, "https://fortune.com/2026/03/27/anthropic-leak/", False)),
    ("TechCrunch, \"DOD says Anthropic's red lines are a risk,\" retrieved 2026-03-30 from "
     "https://techcrunch.com/2026/03/18/dod-anthropic/.",
     ("TechCrunch", "DOD says Anthropic's red lines are a risk", None,
      "https://techcrunch.com/2026/03/18/dod-anthropic/", False)),
    ("The Register, \"Anthropic's CMS blunder,\" March 28, 2026. Accessed March 30, 2026.",
     ("The Register", "Anthropic's CMS blunder", "2026-03-28", None, False)),
    ('Anthropic, "Claude Mythos Preview System Card" (PDF). Accessed March 30, 2026.',
     ("Anthropic", "Claude Mythos Preview System Card", None, None, False)),
    # Chicago-ish, MLA and APA.
    ('Anthropic. "Responsible Scaling Policy Version 3.0." February 24, 2026.',
     ("Anthropic", "Responsible Scaling Policy Version 3.0", "2026-02-24", None, False)),
    ("Doe, Jane. \"Anthropic's Mythos Leak.\" Fortune, 27 Mar. 2026, https://fortune.com/mythos.",
     ("Fortune", "Anthropic's Mythos Leak", "2026-03-27", "https://fortune.com/mythos", False)),
    ("Smith, J. (2026, March 27). Anthropic leaked details of a new model. Fortune. https://fortune.com/x",
     ("Fortune", "Anthropic leaked details of a new model", "2026-03-27", "https://fortune.com/x", False)),
    # Author, Title, Publisher (Date).
    ("Jane Doe, The Mythos Leak Explained, Wired (March 27, 2026)",
     ("Wired", "The Mythos Leak Explained", "2026-03-27", None, False)),
    # "Title", Publisher, day month year; a comma inside the title.
    ('"Claude Mythos, explained", The Verge, 27 March 2026',
     ("The Verge", "Claude Mythos, explained", "2026-03-27", None, False)),
    ("'Anthropic's Mythos, explained', BBC News, 28 March 2026",
     ("BBC News", "Anthropic's Mythos, explained", "2026-03-28", None, False)),
    ('CNBC, "Cybersecurity stocks fall on Anthropic report," 2026-03-27.',
     ("CNBC", "Cybersecurity stocks fall on Anthropic report", "2026-03-27", None, False)),
    ("Kim, \"Mythos and the defenders,\" Lawfare, 2026-04-09T08:00:00Z",
     ("Lawfare", "Mythos and the defenders", "2026-04-09", None, False)),
    # Curly quotes around the title, curly single quotes and apostrophes inside it.
    ("Reuters, “Anthropic’s ‘Mythos’ model rattles markets,” Mar. 27, 2026.",
     ("Reuters", "Anthropic’s ‘Mythos’ model rattles markets", "2026-03-27", None, False)),
    # A date, and a comma, inside the title: the publication date is the one after it.
    ('Axios, "What Anthropic told officials on March 20, 2026, about Mythos," April 2, 2026.',
     ("Axios", "What Anthropic told officials on March 20, 2026, about Mythos", "2026-04-02", None, False)),
    ("Wired, “The March 26 leak, explained,” published on April 1, 2026; updated April 3, 2026.",
     ("Wired", "The March 26 leak, explained", "2026-04-01", None, False)),
    ('Stanford HAI, "AI Index Report 2026," 2026.', ("Stanford HAI", "AI Index Report 2026", "2026", None, False)),
    # " - " inside a title: only the last part names the publisher; a date may follow it.
    ("Anthropic Releases Its Most Powerful - and Dangerous - AI Model | CNN, 7 April 2026",
     ("CNN", "Anthropic Releases Its Most Powerful - and Dangerous - AI Model", "2026-04-07", None, False)),
    ("Anthropic Is Giving Companies Access to Its Unreleased Claude Mythos Model - Fortune - April 7, 2026",
     ("Fortune", "Anthropic Is Giving Companies Access to Its Unreleased Claude Mythos Model", "2026-04-07",
      None, False)),
    ('"Anthropic Leaks Its Model" - Fortune', ("Fortune", "Anthropic Leaks Its Model", None, None, False)),
    # No date at all.
    ('Mayer Brown, "Pentagon Designates Anthropic a Supply Chain Risk."',
     ("Mayer Brown", "Pentagon Designates Anthropic a Supply Chain Risk", None, None, False)),
    ("Alignment Risk Update, Anthropic, https://www-cdn.anthropic.com/alignment-risk-update.pdf",
     ("Anthropic", "Alignment Risk Update", None, "https://www-cdn.anthropic.com/alignment-risk-update.pdf", False)),
    # Page locators after the date are not the publisher; emphasis marks are not part of a name.
    ('The New York Times, "A.I. Lab Holds Back Its Most Powerful Model," April 8, 2026, Section B, Page 1.',
     ("The New York Times", "A.I. Lab Holds Back Its Most Powerful Model", "2026-04-08", None, False)),
    ('*Fortune*, "Anthropic leaks," 26th March 2026, 10:00 ET.',
     ("Fortune", "Anthropic leaks", "2026-03-26", None, False)),
    ('arXiv, "Sandbagging in frontier models," 2026-01.', ("arXiv", "Sandbagging in frontier models", "2026-01",
                                                           None, False)),
    # A remark after ";" with a date of its own.
    ("The Information, reporting on Anthropic's IPO plans, March 2026; the company closed a round in February 2026.",
     ("The Information", None, "2026-03", None, False)),
    # A locator with a number after the title ("Recall No. 26-114") is not the publisher.
    ('U.S. Food and Drug Administration, "Acme Recalls Widgets Due to Burn Hazard," Recall No. 26-114, March 3, 2026.',
     ("U.S. Food and Drug Administration", "Acme Recalls Widgets Due to Burn Hazard", "2026-03-03", None, False)),
    # A court's order: ", Inc." belongs to the name, the court stands with the date.
    ("Order Denying Motion to Dismiss, *Reyes v. Acme Mobility, Inc.*, No. 3:26-cv-00412 (D. Or. Mar. 20, 2026).",
     ("D. Or", "Reyes v. Acme Mobility, Inc", "2026-03-20", None, False)),
    # A name with a series in it.
    ('U.S. Senate Committee on Commerce, Science, and Transportation, "Exhibit 14: Internal Email," released '
     'March 18, 2026.', ("U.S. Senate Committee on Commerce, Science, and Transportation", "Exhibit 14: Internal Email",
                         "2026-03-18", None, False)),
    # Only an address; other editors' notes about a missing source.
    ("https://www.anthropic.com/glasswing", (None, None, None, "https://www.anthropic.com/glasswing", False)),
    ("Source 4 is missing from the article's reference list.", (None, None, None, None, True)),
    ("[citation needed]", (None, None, None, None, True)),
    # Other languages: corner brackets and a date in CJK form; a date whose month is not read here
    # (Hebrew) is not taken for the outlet.
    ("日本経済新聞「AIモデルの衝撃」2026年4月8日.", ("日本経済新聞", "AIモデルの衝撃", "2026-04-08", None, False)),
    ("日本経済新聞、『新しいモデル』、2026年4月。", ("日本経済新聞", "新しいモデル", "2026-04", None, False)),
    ('הארץ, "המודל שמשנה את כללי המשחק", 8 באפריל 2026.', ("הארץ", "המודל שמשנה את כללי המשחק", None, None, False)),
]


@pytest.mark.parametrize("text, expected", OTHER_STYLES, ids=[text[:50] for text, _ in OTHER_STYLES])
def test_other_outlets_styles(text, expected):
    assert fields_of(parse_citation(text)) == expected


def key_of(text: str) -> str | None:
    return source_key(parse_citation(text))


def test_tracking_parameters_fragment_case_and_trailing_slash_do_not_change_the_key():
    plain = key_of("Project Glasswing, https://www.anthropic.com/glasswing")
    assert plain == "https://anthropic.com/glasswing"
    assert key_of("[Project Glasswing](https://WWW.Anthropic.com/glasswing/?utm_source=news&utm_medium=email#top)") \
        == plain
    assert key_of("Fortune, https://fortune.com/a?id=5&utm_campaign=x") == "https://fortune.com/a?id=5"


def test_one_work_cited_in_two_styles_has_one_key():
    in_one_article = ('Fortune, "Anthropic leaked details of a new AI model that poses unprecedented cybersecurity '
                      'risks," March 27, 2026.')
    in_another = "Anthropic Leaked Details of a New AI Model That Poses Unprecedented Cybersecurity Risks - Fortune"
    assert key_of(in_one_article) == key_of(in_another) is not None
    assert key_of("The Information, “Anthropic’s IPO Weighing,” March 2026.") \
        == key_of("\"Anthropic's IPO weighing.\" Information. 2026-03-04.") is not None


def test_different_works_of_one_publisher_have_different_keys():
    keys = {text: key_of(text) for text in footnote_definitions().values()}
    fortune = [key for text, key in keys.items() if parse_citation(text).publisher == "Fortune"]
    assert len(fortune) == 6 and len(set(fortune)) == 6
    anthropic = [key for text, key in keys.items() if parse_citation(text).publisher == "Anthropic"]
    assert len(anthropic) == 5 and len(set(anthropic)) == 5


def test_no_title_or_a_missing_source_gives_no_key():
    assert key_of("The Information, reporting on Anthropic's IPO considerations, March 2026.") is None
    assert key_of("The article cites a source numbered 11 here, but its reference list has no entry 11.") is None


def test_a_footnote_marker_and_rendered_plain_text_are_accepted():
    written = parse_citation('[^1]: Fortune, ["Anthropic leaks"](https://fortune.com/x), March 2026.')
    rendered = parse_citation('Fortune, "Anthropic leaks", March 2026.')
    assert (written.publisher, written.title, written.date) == (rendered.publisher, rendered.title, rendered.date)
    assert written.url == "https://fortune.com/x" and rendered.url is None


@pytest.mark.parametrize("address", ["javascript:alert(document.domain)", "data:text/html;base64,PHNjcmlwdD4=",
                                     "//evil.example/x", "JaVaScRiPt:alert(1)"])
def test_only_a_web_address_becomes_a_citation_link(address):
    assert parse_citation(f"Example News, `[click]({address})`, March 1, 2026.").url is None
    assert parse_citation(f"Example News, [click]({address}), March 1, 2026.").url is None
    assert parse_citation("Example News, [Report](https://example.org/r), March 1, 2026.").url == "https://example.org/r"


def test_an_address_no_browser_can_follow_is_not_made_the_source_link():
    citation = parse_citation('Reuters, "Markets fall," http://[oops/b, March 27, 2026.')
    assert citation.url is None and citation.publisher == "Reuters"


def test_ibid_cites_the_work_of_the_footnote_before(tmp_path):
    from zoneinfo import ZoneInfo

    from mythos_site.extract.article import extract
    from mythos_site.content.loader import load_article

    path = tmp_path / "articles" / "a.md"
    path.parent.mkdir()
    path.write_text('---\ntitle: T\ndate: 2026-04-01\n---\nOne.[^1] Two.[^2] Three.[^3]\n\n'
                    '[^1]: Example Wire, "Acme recalls widgets," March 3, 2026.\n[^2]: Ibid.\n[^3]: Ibid., 14.\n',
                    encoding="utf-8")
    article = extract(load_article(path, ZoneInfo("UTC"), tmp_path)[0])
    first, second, third = (note.citation for note in article.footnotes)
    assert first.title == "Acme recalls widgets" and second == first and third == first


def test_a_doi_without_an_address_is_the_address_of_the_work():
    citation = parse_citation('Okafor A, Lindgren T, et al. "APOE4 and ARIA-E Risk." *Neurology Open*, 2026;12(3):e200134. '
                              'doi:10.1212/NXO.0000000000200134.')
    assert citation.url == "https://doi.org/10.1212/NXO.0000000000200134"
    assert citation.title == "APOE4 and ARIA-E Risk"


def test_a_footnote_that_runs_on_is_read_in_time_proportional_to_its_length():
    # Every year in the text was weighed against all the others and the text before it: hours at this size.
    note = 'Fortune, "The leak," March 26, 2026. ' + "In 2026 and 2025 " * 10_000 + "https://fortune.com/leak"
    started = time.perf_counter()
    citation = parse_citation(note)
    assert time.perf_counter() - started < 2
    assert (citation.publisher, citation.title, citation.date, citation.url) == (
        "Fortune", "The leak", "2026-03-26", "https://fortune.com/leak")
