"""Trends says of a medication started on the journal's first day what the summary says: no before/after
comparison is possible (docs/summary.md, "In short"), with the same words (one comparison builder)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from medjournal.report.summary.summary import build_summary
from medjournal.storage import Journal
from tests.ui.test_trends_view import TODAY, open_view

pytestmark = pytest.mark.gui


def test_trends_and_the_summary_agree_on_a_start_with_the_journal(qtbot, journal: Journal) -> None:
    start = TODAY - timedelta(days=40)
    journal.add_medication("Duloxetine", 30, times="08:00", start=start.isoformat())
    for offset in range(0, 41, 2):  # typed in today for the days since the start
        journal.add_checkin(pain=5, mood=6, day=start + timedelta(days=offset))
    view = open_view(qtbot, journal)
    view.select_medication("Duloxetine")

    assert view.response is not None and view.response.journal_began == start
    text = view.response_label.text()
    assert "the journal began 2026-02-03: no before/after comparison possible" in text
    assert "→" not in text
    [summary] = build_summary(journal).medications
    assert summary.response.journal_began == date(2026, 2, 3)
    assert view.response.describe() == summary.response.describe()
    assert view.response.notes == summary.response.notes
