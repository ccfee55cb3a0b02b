"""Publication dates in the forms editors write, with a time and zone where given."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from content_files import GOOD, NEW_YORK, load, parsed, write


@pytest.mark.parametrize("written, expected", [
    ("2026-03-29", datetime(2026, 3, 29, 0, 0, tzinfo=NEW_YORK)),
    ("2026-03-29 14:05", datetime(2026, 3, 29, 14, 5, tzinfo=NEW_YORK)),
    ("2026-03-29T14:05:00-04:00", datetime(2026, 3, 29, 18, 5, tzinfo=ZoneInfo("UTC"))),
    ('"March 29, 2026"', datetime(2026, 3, 29, 0, 0, tzinfo=NEW_YORK)),
])
def test_dates_in_the_forms_editors_write(tmp_path, written, expected):
    write(tmp_path, "a.md", GOOD.replace("date: 2026-03-29", f"date: {written}"))
    [article] = load(tmp_path)
    assert article.published == expected
    assert article.published.tzinfo is not None


def test_a_date_with_a_time_and_zone_is_known_to_have_a_time():
    article, _ = parsed("date: 2026-03-29T14:05:00+10:00\n")
    assert article.timed and article.published.isoformat() == "2026-03-29T14:05:00+10:00"
    article, _ = parsed("date: 2026-03-29\n")
    assert not article.timed and article.published == datetime(2026, 3, 29, tzinfo=NEW_YORK)
