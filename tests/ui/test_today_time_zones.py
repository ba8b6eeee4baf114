"""A dose entered in the window for another day stores that day's own UTC offset (docs/today.md)."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from medjournal.domain.clock import FixedClock
from medjournal.storage import open_journal
from medjournal.ui.today.today_view import TodayView

pytestmark = pytest.mark.gui


@pytest.fixture
def zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    def use(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield use
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize(
    ("name", "now", "day", "stored"),
    [
        ("Europe/Berlin", "2026-03-30T21:00", date(2026, 3, 28), "2026-03-28T08:00:00+01:00"),
        ("Europe/Berlin", "2026-10-26T21:00", date(2026, 10, 24), "2026-10-24T08:00:00+02:00"),
        ("America/New_York", "2026-03-09T21:00", date(2026, 3, 7), "2026-03-07T08:00:00-05:00"),
        ("America/New_York", "2026-11-02T21:00", date(2026, 10, 31), "2026-10-31T08:00:00-04:00"),
    ],
)
def test_a_past_days_dose_keeps_that_days_offset(
    qtbot, zone, tmp_path: Path, name: str, now: str, day: date, stored: str
) -> None:
    zone(name)
    path = tmp_path / "zone.db"
    journal = open_journal(path, FixedClock(datetime.fromisoformat(now).astimezone()))
    journal.add_medication("Duloxetine", 60, times="08:00", start="2026-01-01")
    view = TodayView(journal)
    qtbot.addWidget(view)
    view.set_day(day)
    view.focus_first()
    qtbot.keyClick(view.dose_list, Qt.Key.Key_T)  # a past day: its planned time, no question
    journal.close()
    with sqlite3.connect(path) as conn:
        assert [r[0] for r in conn.execute("SELECT taken_at FROM dose_logs")] == [stored]
