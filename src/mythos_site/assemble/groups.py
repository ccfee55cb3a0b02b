"""Group across articles: the same words quoted by several outlets, the same work cited by several."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict

from mythos_site.records import Article, Speaker
from mythos_site.site_records import CitationUse, QuoteGroup, QuoteUse, Source
from mythos_site.extract.text import fold

GRAM = 4  # quotes have four words or more, so every quote has at least one 4-word run


def group_quotes(articles: tuple[Article, ...]) -> tuple[QuoteGroup, ...]:
    """Quotes whose folded words are equal, or one inside the other, form one group.

    Each quote is compared only with the quotes that share its rarest 4-word run, found through
    an index, so the cost grows with the number of quotes, not with its square.
    """
    uses = [QuoteUse(article, quote) for article in _oldest_first(articles) for quote in article.quotes]
    # Equal quotes join at once; only the distinct texts are compared, so a wire quote carried by
    # thousands of articles costs one comparison per distinct text, not one per pair of articles.
    by_text: dict[str, list[int]] = defaultdict(list)
    for number, use in enumerate(uses):
        by_text[fold(use.quote.text)].append(number)
    texts = list(by_text)
    words = [text.split() for text in texts]
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for number, quote_words in enumerate(words):
        for gram in {tuple(quote_words[i:i + GRAM]) for i in range(max(1, len(quote_words) - GRAM + 1))}:
            index[gram].append(number)
    parent = list(range(len(uses)))
    for numbers in by_text.values():
        for number in numbers[1:]:
            _union(parent, numbers[0], number)
    for number, quote_words in enumerate(words):
        grams = [tuple(quote_words[i:i + GRAM]) for i in range(max(1, len(quote_words) - GRAM + 1))]
        rarest = min(grams, key=lambda gram: len(index[gram]))
        needle = f" {' '.join(quote_words)} "
        for other in index[rarest]:
            if other != number and needle in f" {texts[other]} ":
                _union(parent, by_text[texts[number]][0], by_text[texts[other]][0])
    members: dict[int, list[int]] = defaultdict(list)
    for number in range(len(uses)):
        members[_find(parent, number)].append(number)
    groups = [_group([uses[n] for n in numbers]) for numbers in members.values()]
    return tuple(sorted(groups, key=lambda g: (-g.carried_by, g.uses[0].article.published, g.id)))


def _group(uses: list[QuoteUse]) -> QuoteGroup:
    one_per_article: dict[str, QuoteUse] = {}
    for use in uses:
        one_per_article.setdefault(use.article.slug, use)
    kept = tuple(one_per_article.values())
    text = max((use.quote.text for use in kept), key=lambda t: (len(fold(t)), t))
    speaker, others = _agreed_speaker([use.quote.speaker for use in kept])
    group_id = "q-" + hashlib.sha1(fold(text).encode("utf-8")).hexdigest()[:10]
    return QuoteGroup(group_id, text, speaker, others, kept)


def _agreed_speaker(speakers: list[Speaker | None]) -> tuple[Speaker | None, tuple[Speaker, ...]]:
    named = [speaker for speaker in speakers if speaker is not None]
    if not named:
        return None, ()
    counts = Counter(speaker.key for speaker in named)
    first_seen = {speaker.key: speaker for speaker in reversed(named)}
    first_at: dict[str, int] = {}
    for position, speaker in enumerate(named):
        first_at.setdefault(speaker.key, position)
    ranked = sorted(counts, key=lambda key: (-counts[key], first_at[key]))
    # Of the names agreeing articles use ("Draft", "Leaked draft blog post"), show the fullest.
    fullest = max((s for s in named if s.key == ranked[0]), key=lambda s: (len(s.name), s.name))
    return fullest, tuple(first_seen[key] for key in ranked[1:])


def group_sources(articles: tuple[Article, ...]) -> tuple[Source, ...]:
    """Footnotes that cite the same work (same URL, or same publisher and title) form one source."""
    uses = [CitationUse(article, note) for article in _oldest_first(articles) for note in article.footnotes
            if note.citation is not None and not note.citation.missing]
    parent = list(range(len(uses)))
    first_with_key: dict[str, int] = {}
    for number, use in enumerate(uses):
        keys = use.footnote.citation.keys or (f"{use.article.slug}#{use.footnote.anchor}",)
        for key in keys:
            _union(parent, number, first_with_key.setdefault(key, number))
    members: dict[int, list[CitationUse]] = defaultdict(list)
    for number, use in enumerate(uses):
        members[_find(parent, number)].append(use)
    sources = [_source(group) for group in members.values()]
    return tuple(sorted(sources, key=lambda s: (-len({u.article.slug for u in s.uses}),
                                                (s.citation.publisher or "").casefold(),
                                                (s.citation.title or "").casefold(), s.id)))


def _source(uses: list[CitationUse]) -> Source:
    citation = _fullest(uses)
    key = citation.key or f"{uses[0].article.slug}#{uses[0].footnote.anchor}"
    return Source("src-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10], citation, tuple(uses))


def _fullest(uses: list[CitationUse]):
    """The citation that states the most about the work (a date, a URL), to stand for all of them."""
    return max((use.footnote.citation for use in uses),
               key=lambda c: sum(value is not None for value in (c.publisher, c.title, c.date, c.url)))


def _oldest_first(articles: tuple[Article, ...]) -> list[Article]:
    return sorted(articles, key=lambda article: (article.published, article.slug))


def _find(parent: list[int], item: int) -> int:
    while parent[item] != item:
        parent[item] = parent[parent[item]]
        item = parent[item]
    return item


def _union(parent: list[int], a: int, b: int) -> None:
    root_a, root_b = _find(parent, a), _find(parent, b)
    if root_a != root_b:
        parent[max(root_a, root_b)] = min(root_a, root_b)
