"""Trends shows the person's own activities: a lane with each one's weekly ratings, the day's readout, and the
same before → now numbers as the summary (rated late: every rating is typed in on 2026-03-15)."""

from __future__ import annotations

from datetime import date

import pytest

from medjournal.report.summary.summary import build_summary
from medjournal.storage import Journal
from tests.ui.test_trends_view import open_view

pytestmark = pytest.mark.gui


@pytest.fixture
def rated(journal: Journal) -> Journal:
    journal.add_medication("Duloxetine", 30, times="08:00", start="2026-02-01")
    for number in range(1, 16):
        journal.add_checkin(pain=5, day=date(2026, 3, number))
    journal.add_activity("walk 20 minutes")
    journal.add_activity("sit through a meal")
    for day, walk in (
        (date(2026, 1, 20), 2),
        (date(2026, 1, 27), 3),
        (date(2026, 3, 8), 5),
        (date(2026, 3, 15), 6),
    ):
        journal.rate_activity("walk 20 minutes", walk, day)
    journal.rate_activity("sit through a meal", 7, date(2026, 3, 8))
    return journal


def test_the_lane_and_the_response_match_the_summary(qtbot, rated: Journal) -> None:
    view = open_view(qtbot, rated)
    view.select_medication("Duloxetine")
    lane = view.figure.lane("activities")
    assert "walk 20 minutes" in lane.title and "sit through a meal" in lane.title
    assert "higher = better" in lane.title
    drawn = {tuple(item.getData()[1].tolist()) for item in lane.items}
    assert drawn == {(2.0, 3.0, 5.0, 6.0), (7.0,)}
    [medication] = build_summary(rated).to_json()["medications"]
    words = "; ".join(a["text"] for a in medication["activities"])
    assert words == "walk 20 minutes 2.5 → 5.5; sit through a meal no rating before the start → 7.0"
    assert words in view.response_label.text()
    from medjournal.report.trends.trend_text import describe_day

    assert view.data is not None
    assert "walk 20 minutes 5 of 10" in describe_day(view.data, date(2026, 3, 8))
