"""Content fidelity: every article body must be its source article's own wording.

Each file in content/articles/ is checked against the raw capture it was made
from (../shared/seeds/). The markdown body is rendered to HTML with the same
markdown-it setup the site uses; the plain text of every block (paragraph,
list item, heading, table cell) must be a whole line of the seed -- or, for
table cells the capture glued together, consecutive whole pieces of one line --
in the seed's order, so a word changed, added or dropped anywhere in a block
fails. Seed lines that no block accounts for must be listed as furniture below.
Footnote markers are compared in the seed's own notation, and every footnote
definition must equal the seed's reference-list entry with the same number.
"""

import re
from collections import Counter
from datetime import date
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "content" / "articles"
SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

if not SEEDS.is_dir():
    # CI always has ../shared beside the checkout: there a missing folder is a failure, not a skip.
    if os.environ.get("CI") == "true":
        pytest.fail(f"seed captures not found at {SEEDS}; CI runs with ../shared beside the checkout",
                    pytrace=False)
    pytest.skip(
        f"seed captures not found at {SEEDS}; content fidelity cannot be checked without them",
        allow_module_level=True,
    )

# content slug -> seed capture it was made from
SEED_FOR = {
    "anthropic-sitting-on-its-most-powerful-model": "000_eb95d9e76db95b37.txt",
    "anthropic-built-an-ai-theyre-afraid-to-ship": "001_a955e16a27028630.txt",
    "anthropic-claude-mythos-leak-what-we-know": "002_80e73828d6183b76.txt",
    "claude-mythos-preview-and-project-glasswing": "003_ef9f0ba017cf1622.txt",
    "claude-mythos-leak-reveals-stronger-model-and-security-lapse": "004_2cc5090b89cc0535.txt",
}

# how the capture flattened footnote markers: "glued" = superscript digits glued
# to the end of a word or sentence (sites.1), "bracket" = [1]; absent = no markers
MARKER_STYLE = {
    "002_80e73828d6183b76.txt": "glued",
    "003_ef9f0ba017cf1622.txt": "bracket",
}

# Seed lines deliberately left out of the articles (page furniture). Lines equal
# to the article's title, and the reference lists (checked as footnotes), are
# accounted for separately. Any other seed line missing from an article fails.
FURNITURE = {
    "000_eb95d9e76db95b37.txt": [
        "AIMarch 29, 2026· 6 min read",
        "Paul MenonBy Paul MenonAI-GeneratedAnalysisAuto-published4 sources · 1 primary",
        "Paul Menon covers AI policy and governance for The Daily Vibe.",
        "This article was AI-generated. Learn more about our editorial standards",
        "Share:",
        "Report an issue with this article",
    ],
    "001_a955e16a27028630.txt": [
        "Anthropic Claude Mythos",
        "Anthropic Mythos leak mainstream press narrative three failures",
        "Anthropic safety threshold gap between build and release decisions",
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
    ],
    "002_80e73828d6183b76.txt": [
        "March 28, 2026",
        "Footnotes",
        "FREE WEEKLY NEWSLETTER",
        "Stay on the Nerd Track",
        "One email per week — courses, deep dives, tools, and AI experiments.",
        "No spam. Unsubscribe anytime.",
    ],
    "003_ef9f0ba017cf1622.txt": [
        "Sign in to join the discussion.",
    ],
    "004_2cc5090b89cc0535.txt": [
        "Read our disclosure page to find out how can you help VPNCentral sustain the editorial team Read more",
        "User forum",
        "0 messages",
    ],
}

TAG_VOCABULARY = {
    "Anthropic", "Claude Mythos", "Cybersecurity", "AI safety", "Data leak",
    "Project Glasswing", "AI policy", "Markets", "OpenAI", "Pentagon",
}
FRONT_MATTER_KEYS = {
    "title", "title_inferred", "date", "date_inferred", "author", "outlet", "tags", "summary",
}
MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]

BLOCK_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "th", "td"}
ALLOWED_TAGS = {"p", "h2", "h3", "ul", "ol", "li", "table", "thead", "tbody", "tr",
                "th", "td", "strong", "sup", "a", "hr", "section"}
CELL_SEP = "\x1f"  # joins the cells of a seed's pipe-table row
MIN_WORD_COVERAGE = 0.90

# A glued marker: 1-2 digits right after closing punctuation that itself follows
# a non-digit ("sites.1", 'tools."1', "77.3%.4"), never the digits of "Opus 4.6".
GLUED_MARKER = re.compile(r"(?<=[^\d\s][.,;:!?\"”’)])(\d{1,2})(?=\s|$)")
BRACKET_MARKER = re.compile(r"\[(\d+)\]")
LIST_MARKER = re.compile(r"^(?:\d+[.)]|[•*+-])\s+")
NO_ENTRY = re.compile(r"\bno entry\b", re.IGNORECASE)

md = MarkdownIt("commonmark", {"html": False}).enable("table").use(footnote_plugin)


def norm(text):
    return " ".join(text.split())


def words(text):
    return re.findall(r"\w+(?:['’]\w+)*", text.lower())


def marker_regex(style):
    return {"glued": GLUED_MARKER, "bracket": BRACKET_MARKER}.get(style)


def strip_markers(text, style):
    rx = marker_regex(style)
    return norm(rx.sub("", text)) if rx else text


def format_marker(label, style):
    return {"glued": label, "bracket": f"[{label}]"}[style]


# --------------------------------------------------------------------------- seeds

@lru_cache(maxsize=None)
def load_seed(name):
    """Return the seed split into body lines, reference entries and full text."""
    style = MARKER_STYLE.get(name)
    raw_lines = [norm(line) for line in (SEEDS / name).read_text(encoding="utf-8").split("\n")]
    ref_idx, refs = set(), {}
    if style == "glued":
        # "Footnotes" heading, then "N. citation 2 3 4" (trailing back-reference counts)
        start = raw_lines.index("Footnotes")
        for i in range(start + 1, len(raw_lines)):
            if not raw_lines[i]:
                continue
            m = re.fullmatch(r"(\d+)\.\s+(.*?)((?:\s\d{1,2})*)", raw_lines[i])
            if not m:
                break
            ref_idx.add(i)
            refs[int(m.group(1))] = {"text": m.group(2), "backrefs": len(m.group(3).split()) + 1}
    elif style == "bracket":
        # unnumbered list of "Title - Source Inline ↗" lines closing the page
        start = next(i for i, line in enumerate(raw_lines) if line.endswith("Inline ↗"))
        entries = [i for i in range(start, len(raw_lines)) if raw_lines[i]]
        for n, i in enumerate(entries, 1):
            ref_idx.add(i)
            refs[n] = {"text": re.sub(r"\s*Inline ↗$", "", raw_lines[i]), "backrefs": None}

    body = []  # dicts: raw (as printed), plain (markers removed), table row flag
    for i, line in enumerate(raw_lines):
        if not line or i in ref_idx:
            continue
        if line.startswith("|") and line.endswith("|") and len(line) > 1:
            cells = [c.strip() for c in line[1:-1].split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue  # delimiter row of a pipe table
            line = CELL_SEP.join(cells)
        body.append({"raw": line, "plain": strip_markers(line, style)})
    rx = marker_regex(style)
    markers = Counter(m.group(1) for line in body for m in rx.finditer(line["raw"])) if rx else Counter()
    return {
        "style": style,
        "body": body,
        "refs": refs,
        "markers": markers,
        "raw_text": norm(" ".join(line["raw"].replace(CELL_SEP, " ") for line in body)),
        "plain_text": norm(" ".join(line["plain"].replace(CELL_SEP, " ") for line in body)),
        "all_text": norm(" ".join(raw_lines)),
    }


# ------------------------------------------------------------------------ articles

class BlockExtractor(HTMLParser):
    """Collect block texts (with footnote markers kept apart) and footnote definitions."""

    def __init__(self, labels):
        super().__init__(convert_charrefs=True)
        self.labels = labels  # "fn1" -> footnote label as written ("7")
        self.stack = []       # open blocks: [tag, parts]; parts are str or ("ref", label)
        self.blocks = []
        self.defs = []        # [label, [text parts]]
        self.refs = []
        self.tags = Counter()
        self.problems = []
        self.in_section = self.in_backref = self.in_ref = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        cls = attrs.get("class") or ""
        self.tags[tag] += 1
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"unexpected <{tag}> in rendered body")
        if tag == "hr" and cls != "footnotes-sep":
            self.problems.append("thematic break (<hr>) in body")
        if tag == "section":
            self.in_section = "footnotes" in cls
            return
        if self.in_section:
            if tag == "li" and "footnote-item" in cls:
                self.defs.append([self.labels[attrs["id"]], []])
            elif tag == "a":
                if "footnote-backref" not in cls:
                    self.problems.append(f"link inside footnote definition: {attrs}")
                self.in_backref = True
            return
        if tag == "sup" and "footnote-ref" in cls:
            self.in_ref = True
            return
        if tag == "a":
            if not self.in_ref:
                self.problems.append(f"link in body (literal brackets rendered as a link?): {attrs}")
                return
            label = self.labels[attrs["href"].lstrip("#")]
            self.refs.append(label)
            if self.stack:
                self.stack[-1][1].append(("ref", label))
            return
        if tag in BLOCK_TAGS:
            self.stack.append([tag, []])

    def handle_endtag(self, tag):
        if tag == "section":
            self.in_section = False
        elif tag == "a" and self.in_section:
            self.in_backref = False
        elif tag == "sup" and self.in_ref:
            self.in_ref = False
        elif tag in BLOCK_TAGS and not self.in_section and self.stack:
            open_tag, parts = self.stack.pop()
            assert open_tag == tag
            text = "".join(p for p in parts if isinstance(p, str))
            if text.strip():
                if "\n" in text.strip():
                    self.problems.append(f"block is hard-wrapped over several lines: {text[:60]!r}")
                self.blocks.append({"tag": tag, "parts": parts, "plain": norm(text)})

    def handle_data(self, data):
        if self.in_section:
            if not self.in_backref and self.defs:
                self.defs[-1][1].append(data)
            return
        if self.in_ref:
            return
        if self.stack:
            self.stack[-1][1].append(data)
        elif data.strip():
            self.problems.append(f"text outside any block: {data.strip()[:60]!r}")


def marked_text(block, style):
    """Block text with footnote references written the way the seed prints them."""
    out = []
    for part in block["parts"]:
        if isinstance(part, str):
            out.append(part)
        else:
            out.append(format_marker(part[1], style) if style else "")
    return norm("".join(out))


def split_front_matter(text):
    lines = text.split("\n")
    assert lines[0] == "---", "file must start with a '---' front matter line"
    end = lines.index("---", 1)
    return yaml.safe_load("\n".join(lines[1:end])), "\n".join(lines[end + 1:])


@lru_cache(maxsize=None)
def load_article(slug):
    meta, body = split_front_matter((ARTICLES / f"{slug}.md").read_text(encoding="utf-8"))
    env = {}
    html = md.render(body, env)
    footnotes = env.get("footnotes", {})
    labels = {f"fn{i + 1}": item["label"] for i, item in footnotes.get("list", {}).items()}
    parser = BlockExtractor(labels)
    parser.feed(html)
    parser.close()
    return {
        "meta": meta,
        "body": body,
        "html": html,
        "blocks": parser.blocks,
        "defs": [(label, norm("".join(parts))) for label, parts in parser.defs],
        "refs": parser.refs,
        "unreferenced": [k.lstrip(":") for k, v in footnotes.get("refs", {}).items() if v == -1],
        "tags": parser.tags,
        "problems": parser.problems,
    }


def align(blocks, seed_lines):
    """Match blocks, in order, to whole seed lines (or consecutive whole cells of
    one glued table-row line). Return (indices of consumed lines, failures)."""
    used, i, rest = set(), 0, None
    for block in blocks:
        text = block["plain"]
        if rest is not None:  # continue a partially consumed (table-row) line
            remaining = rest.lstrip(CELL_SEP + " ")
            if not remaining.startswith(text):
                return used, (f"the block before {text!r} stops inside seed line "
                              f"{seed_lines[i]['plain']!r}; the seed continues with {remaining!r} "
                              f"(word dropped, or cells out of order?)")
            remaining = remaining[len(text):]
            if remaining.strip(CELL_SEP + " "):
                rest = remaining
            else:
                rest, i = None, i + 1
            continue
        for j in range(i, len(seed_lines)):
            line = seed_lines[j]["plain"]
            if block["tag"] == "li":
                line = LIST_MARKER.sub("", line)
            if line.startswith(text):
                used.add(j)
                remaining = line[len(text):]
                if remaining.strip(CELL_SEP + " "):
                    rest, i = remaining, j
                else:
                    rest, i = None, j + 1
                break
        else:
            where = "occurs in the seed but out of order" if text in joined_plain(seed_lines) \
                else "is not a whole line of the seed (word changed, added or dropped?)"
            return used, f"block {text!r} {where}"
    if rest is not None:
        return used, (f"last block ends inside seed line {seed_lines[i]['plain']!r}; "
                      f"text dropped: {rest!r}")
    return used, None


def joined_plain(seed_lines):
    return " ".join(line["plain"].replace(CELL_SEP, " ") for line in seed_lines)


# --------------------------------------------------------------------------- tests

ARTICLE_SLUGS = sorted(p.stem for p in ARTICLES.glob("*.md"))


def test_every_article_has_a_seed_and_every_seed_an_article():
    assert ARTICLE_SLUGS, f"no articles found in {ARTICLES}"
    assert set(ARTICLE_SLUGS) == set(SEED_FOR), (
        f"articles without a seed mapping: {sorted(set(ARTICLE_SLUGS) - set(SEED_FOR))}; "
        f"mapped slugs without an article: {sorted(set(SEED_FOR) - set(ARTICLE_SLUGS))}")
    for seed in SEED_FOR.values():
        assert (SEEDS / seed).is_file(), f"seed {seed} missing"


@pytest.mark.parametrize("slug", ARTICLE_SLUGS)
def test_front_matter(slug):
    seed_name = SEED_FOR[slug]
    seed = load_seed(seed_name)
    meta = load_article(slug)["meta"]
    assert isinstance(meta, dict), "front matter must be a YAML mapping"
    assert set(meta) <= FRONT_MATTER_KEYS, f"unexpected front matter keys: {set(meta) - FRONT_MATTER_KEYS}"

    title = meta.get("title")
    assert isinstance(title, str) and title.strip(), "title is required"
    if "title_inferred" in meta:
        assert isinstance(meta["title_inferred"], str) and meta["title_inferred"].strip()
    else:
        assert any(line["raw"] == norm(title) for line in seed["body"]), \
            f"title {title!r} is not printed as a line of the seed (mark it title_inferred)"

    d = meta.get("date")
    assert isinstance(d, date), "date is required, as YYYY-MM-DD"
    if "date_inferred" in meta:
        assert isinstance(meta["date_inferred"], str) and meta["date_inferred"].strip()
    else:
        printed = f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
        assert printed in seed["all_text"], f"seed does not print the date {printed} (mark it date_inferred)"

    for key in ("author", "outlet"):
        if key in meta:
            assert str(meta[key]) in seed["all_text"], f"{key} {meta[key]!r} is not stated in the seed"

    tags = meta.get("tags")
    assert isinstance(tags, list) and 3 <= len(tags) <= 6, "3-6 tags required"
    assert len(set(tags)) == len(tags), "duplicate tags"
    assert set(tags) <= TAG_VOCABULARY, f"tags outside the vocabulary: {set(tags) - TAG_VOCABULARY}"

    summary = meta.get("summary")
    assert isinstance(summary, str) and summary.strip().endswith("."), "summary: one sentence"
    assert not re.search(r"[.!?]\s+[A-Z]", summary), "summary must be a single sentence"


@pytest.mark.parametrize("slug", ARTICLE_SLUGS)
def test_rendering_is_clean(slug):
    art = load_article(slug)
    assert not art["problems"], "\n".join(art["problems"])
    assert "[^" not in art["html"], "literal '[^' in rendered HTML (footnote without definition?)"
    assert not art["unreferenced"], f"footnote definitions never referenced: {art['unreferenced']}"
    title = norm(art["meta"]["title"])
    assert all(b["plain"] != title for b in art["blocks"]), "the headline is repeated in the body"

    # footnote definitions: last in the body, in numeric order
    lines = [line for line in art["body"].split("\n") if line.strip()]
    def_lines = [k for k, line in enumerate(lines) if re.match(r"\[\^[^\]]+\]:", line)]
    if def_lines:
        assert def_lines == list(range(def_lines[0], len(lines))), \
            "footnote definitions must all come at the end of the body"
        labels = [re.match(r"\[\^([^\]]+)\]:", lines[k]).group(1) for k in def_lines]
        assert labels == sorted(labels, key=int), f"footnote definitions out of order: {labels}"


@pytest.mark.parametrize("slug", ARTICLE_SLUGS)
def test_blocks_are_seed_text_in_seed_order(slug):
    seed_name = SEED_FOR[slug]
    seed = load_seed(seed_name)
    art = load_article(slug)
    assert art["blocks"], "article body is empty"

    # 1. every block, footnote markers removed on both sides, occurs in the seed
    for block in art["blocks"]:
        assert block["plain"] in seed["plain_text"], f"block not found in seed: {block['plain']!r}"

    # 2. ... with its footnote markers where the seed prints them
    if seed["style"]:
        for block in art["blocks"]:
            text = marked_text(block, seed["style"])
            assert text in seed["raw_text"], f"footnote markers misplaced: {text!r}"
    else:
        assert not art["refs"], "seed has no footnote markers, article has footnote references"

    # 3. whole seed lines, in the seed's order (catches words dropped at a block's edge)
    used, failure = align(art["blocks"], seed["body"])
    assert failure is None, failure

    # 4. every seed line left out is declared furniture (or the headline)
    allowed = set(FURNITURE.get(seed_name, [])) | {norm(art["meta"]["title"])}
    for entry in FURNITURE.get(seed_name, []):
        assert any(line["raw"] == entry for line in seed["body"]), f"furniture entry not in seed: {entry!r}"
    dropped = [line["raw"] for k, line in enumerate(seed["body"]) if k not in used and line["raw"] not in allowed]
    assert not dropped, f"seed lines missing from the article: {dropped}"


@pytest.mark.parametrize("slug", ARTICLE_SLUGS)
def test_word_coverage(slug):
    seed_name = SEED_FOR[slug]
    seed = load_seed(seed_name)
    art = load_article(slug)
    seed_words = Counter(words(seed["plain_text"]))
    for ref in seed["refs"].values():
        seed_words.update(words(ref["text"]))
    ours = Counter()
    for block in art["blocks"]:
        ours.update(words(block["plain"]))
    for label, text in art["defs"]:
        if int(label) in seed["refs"]:
            ours.update(words(text))
    # (multiset intersection: words added to the article cannot raise coverage;
    # cells the capture glued together, "SaysWhat", count as uncovered)
    covered = sum((ours & seed_words).values()) / sum(seed_words.values())
    assert covered >= MIN_WORD_COVERAGE, f"article covers only {covered:.1%} of the seed's words"


@pytest.mark.parametrize("slug", ARTICLE_SLUGS)
def test_footnotes_match_seed_references(slug):
    seed_name = SEED_FOR[slug]
    seed = load_seed(seed_name)
    art = load_article(slug)
    refs_used = Counter(art["refs"])
    assert refs_used == seed["markers"], (
        f"footnote references {dict(refs_used)} differ from the seed's markers {dict(seed['markers'])}")
    defined = [label for label, _ in art["defs"]]
    assert sorted(defined, key=int) == sorted(set(refs_used), key=int)
    for label, text in art["defs"]:
        n = int(label)
        if n in seed["refs"]:
            assert text == seed["refs"][n]["text"], (
                f"footnote {n} {text!r} differs from seed entry {seed['refs'][n]['text']!r}")
            if seed["refs"][n]["backrefs"] is not None:
                assert refs_used[label] == seed["refs"][n]["backrefs"], \
                    f"footnote {n}: seed lists {seed['refs'][n]['backrefs']} references, article has {refs_used[label]}"
        else:
            assert NO_ENTRY.search(text) and str(n) in text, (
                f"footnote {n} has no entry in the seed's reference list; its definition must say so, got {text!r}")
    for n in seed["refs"]:
        if seed["markers"][str(n)]:
            assert str(n) in defined, f"seed reference {n} is cited but not defined"
