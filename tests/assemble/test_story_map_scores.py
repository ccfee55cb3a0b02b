"""How the story map found by rule scores on the annotated stories, with nothing curated: events
found at the right date and the share of their articles, people, figure groups, disagreements
found and invented. The tuning stories hold floors just under what the rules reach; the holdout
stories, never tuned on, are only reported.

    python -m pytest tests/assemble/test_story_map_scores.py -s    # prints the scores
"""

from __future__ import annotations

import os

import pytest

from tests.assemble.story_map import MapScore, holdout, score, story_folders

FOLDERS = story_folders()
HOLDOUT = holdout()

TUNING_FLOORS = {"event_recall": 0.66, "event_coverage": 0.85, "people_recall": 0.85}
MOST_NOT_PEOPLE = 1
# The target is none. One stands today: since "this morning" dates a live blog's statement, a
# found event joins a share halt on one day with the resumption the next (shared terms, different
# happenings) and reads the two days as a disagreement. A regression past it fails.
MOST_INVENTED = 1


def _report(tuning: bool) -> MapScore:
    total = MapScore("tuning: all" if tuning else "holdout: all")
    for folder in FOLDERS:
        if (folder.name in HOLDOUT) == tuning:
            continue
        found = score(folder)
        print(found.line())
        if tuning and os.environ.get("STORY_MISSES"):
            for miss in found.misses:
                print("   ", miss)
        total.add(found)
    print(total.line())
    return total


@pytest.mark.skipif(not any(folder.name not in HOLDOUT for folder in FOLDERS), reason="no tuning story")
def test_the_tuning_stories_score_above_their_floors():
    total = _report(tuning=True)
    for name, floor in TUNING_FLOORS.items():
        assert getattr(total, name) >= floor, f"{name} {getattr(total, name):.2f} fell under {floor}"
    assert total.disagreements_invented <= MOST_INVENTED
    assert total.not_people <= MOST_NOT_PEOPLE


@pytest.mark.skipif(not HOLDOUT & {folder.name for folder in FOLDERS}, reason="no holdout story")
def test_the_holdout_stories_are_scored():
    _report(tuning=False)
