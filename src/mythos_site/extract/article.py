"""Extract stage: each loaded article gains its quotes, parsed citations, dated mentions and figures."""

from __future__ import annotations

from dataclasses import replace

from mythos_site.extract.citations import is_ibid, parse_citation, source_key
from mythos_site.extract.figures import find_figures
from mythos_site.extract.mentions import find_mentions
from mythos_site.extract.quotes import extract_quotes
from mythos_site.records import Article, Citation, Sentence
from mythos_site.extract.text import fold, sentence_spans


def extract(article: Article) -> Article:
    article = replace(article, sentences=sentences_of(article))
    footnotes = _cited(article.footnotes)
    return replace(article, quotes=extract_quotes(article), footnotes=footnotes, mentions=find_mentions(article),
                   figures=find_figures(article))


def sentences_of(article: Article) -> tuple[Sentence, ...]:
    """Split once here, so every later stage (and every cached rebuild) reads the same sentences."""
    return tuple(Sentence(block.anchor, text, fold(text)) for block in article.blocks
                 for text in (block.text[span.start:span.end] for span in sentence_spans(block.text)))


def _cited(notes) -> tuple:
    """Each footnote with the work it cites; "Ibid." cites the work of the footnote before it."""
    cited = []
    for note in notes:
        citation = cited[-1].citation if cited and is_ibid(note.text) else citation_of(note.text)
        cited.append(replace(note, citation=citation))
    return tuple(cited)


def citation_of(text: str) -> Citation:
    citation = parse_citation(text)
    keys = (source_key(citation), source_key(replace(citation, url=None)) if citation.url else None)
    return replace(citation, keys=tuple(dict.fromkeys(key for key in keys if key)))
