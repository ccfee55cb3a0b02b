"""Sentences and quoted spans of a paragraph, which every extractor reads."""

from __future__ import annotations

import time

from mythos_site.extract.text import LONGEST_SENTENCE, sentence_spans


def sentences(text: str) -> list[str]:
    return [text[span.start:span.end] for span in sentence_spans(text)]


def test_a_paragraph_splits_at_sentence_ends_but_not_inside_quotes_or_after_abbreviations():
    text = 'Dr. Amodei spoke. He said "It works. It ships." Then he left at 5 p.m. Friday.'
    assert sentences(text) == ["Dr. Amodei spoke.", 'He said "It works. It ships."', "Then he left at 5 p.m. Friday."]


def test_a_run_with_no_sentence_end_is_cut_at_spaces_into_bounded_pieces():
    text = ("roughly 45% and $1.5 billion, " * 2000).strip()  # 60,000 characters and not one full stop
    pieces = sentences(text)
    assert max(len(piece) for piece in pieces) <= LONGEST_SENTENCE
    assert " ".join(pieces) == text  # nothing lost at the cuts
    assert all(not piece.startswith(" ") and not piece.endswith(" ") for piece in pieces[:-1])


def test_a_word_longer_than_the_limit_is_still_cut():
    text = "x" * (3 * LONGEST_SENTENCE + 5)
    assert "".join(sentences(text)) == text and len(sentences(text)) == 4


def test_many_quotations_and_sentence_ends_are_split_in_one_pass():
    text = 'Anthropic said "the model number 1 is a step change." ' * 3000
    assert len(sentences(text)) == 3000


def test_a_long_run_of_full_stops_or_question_marks_is_split_in_linear_time():
    # Read from every mark of the run, 100,000 marks took minutes; now each run is read once.
    for run in ("." * 100_000, "?!" * 50_000):
        started = time.perf_counter()
        pieces = sentences(run + " Next sentence.")
        assert time.perf_counter() - started < 2
        assert "".join(pieces) == run + "Next sentence."
    assert sentences("Wait... What?! Yes.") == ["Wait...", "What?!", "Yes."]
