"""The attribution rules on sentences written for them in many outlets' styles
(attribution_cases.yaml): each case is one paragraph run through the real extract stage, and its
speaker checked by the story scorer's rule. Prints the accuracy and each miss; fails under a floor
a little below what the rules reach.

    python -m pytest tests/extract/test_attribution_cases.py -s    # the accuracy and the misses"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from mythos_site.extract.article import extract
from mythos_site.extract.text import fold
from mythos_site.records import Article, Block
from tests.extract.stories import speaker_right

CASES = yaml.safe_load((Path(__file__).with_name("attribution_cases.yaml")).read_text(encoding="utf-8"))["cases"]
PUBLISHED = datetime(2026, 5, 14, tzinfo=ZoneInfo("UTC"))

SPEAKER_FLOOR = 0.94  # of the cases, the share whose speaker is right
MEDIUM_FLOOR = 0.9  # of the cases that name a document, the share that carry it as the medium


def _quotes(text: str):
    block = Block("p-1", text)
    return extract(Article(source=Path("case.md"), slug="case", title="case", summary="", published=PUBLISHED,
                           authors=(), outlet=None, tags=(), url=None, body_html="", word_count=0, footnotes=(),
                           blocks=(block,))).quotes


def _check(case: dict) -> tuple[bool, bool | None, str]:
    """(speaker right, medium right or None where the case names no document, what was found)."""
    piece = fold(case["quote"])
    found = next((quote for quote in _quotes(case["text"]) if piece in fold(quote.text)), None)
    if found is None:
        return False, False if case.get("medium") else None, "no quote found"
    names = {}
    if case.get("speaker"):
        names[fold(case["speaker"])] = {fold(case["speaker"])} | {fold(a) for a in case.get("aliases") or []}
    right = speaker_right(found.speaker, case, names)
    medium = None
    if case.get("medium"):
        medium = bool(found.speaker) and fold(case["medium"]) in fold(found.speaker.medium)
    who = f"{found.speaker.name} [{found.speaker.kind}] medium {found.speaker.medium!r}" if found.speaker else "no speaker"
    return right, medium, who


def test_the_speakers_of_sentences_written_in_many_styles():
    right = media = named_media = 0
    for case in CASES:
        speaker_ok, medium_ok, who = _check(case)
        right += speaker_ok
        if medium_ok is not None:
            named_media += 1
            media += medium_ok
        if not speaker_ok or medium_ok is False:
            print(f"  [{case['style']}] {who}, not {case.get('speaker') or 'unnamed'}"
                  f"{' / ' + case['medium'] if case.get('medium') else ''}: {case['quote']}")
    accuracy, medium_accuracy = right / len(CASES), media / named_media if named_media else 1.0
    print(f"attribution cases: {len(CASES)}  speaker right {accuracy:.2f}  medium right {medium_accuracy:.2f} "
          f"({named_media} documents)")
    assert accuracy >= SPEAKER_FLOOR
    assert medium_accuracy >= MEDIUM_FLOOR
