"""The key contract of Today (docs/today.md), through the real start-up of the ``medjournal`` command.

Evening, 21:30; one medication at 08:00 and 20:00, neither logged. The window opens with the keyboard on the first
open dose, and the whole day takes 14 keys.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from medjournal.domain.clock import FixedClock
from medjournal.storage import open_journal
from medjournal.ui.main_window import MainWindow
from medjournal.ui.today.today_view import TodayView
from tests.ui.keys import Keyboard, start_like_the_command
from tests.ui.widgets import of_type

pytestmark = pytest.mark.gui

NOW = "2026-12-01T21:30"
DAY = date(2026, 12, 1)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    from datetime import datetime

    path = tmp_path / "journal.db"
    journal = open_journal(path, FixedClock(datetime.fromisoformat(NOW).astimezone()))
    journal.add_medication("Duloxetine", 60, times="08:00,20:00", start="2026-11-01")
    journal.close()
    return path


Readback = tuple[
    list[tuple[str | None, str, str]], list[tuple[int | None, int | None, int | None]], list[tuple[str, int]]
]


def read_back(db: Path) -> Readback:
    from datetime import datetime

    journal = open_journal(db, FixedClock(datetime.fromisoformat(NOW).astimezone()))
    try:
        doses = [(g.slot, g.status, g.moment.strftime("%H:%M")) for g in journal.dose_logs(DAY, DAY)]
        checkins = [(c.pain, c.mood, c.sleep) for c in journal.checkins(DAY, DAY)]
        effects = [(e.symptom, e.severity) for e in journal.side_effects(DAY, DAY)]
    finally:
        journal.close()
    return doses, checkins, effects


def test_the_evening_in_14_keys_from_start_up(qtbot, monkeypatch, db: Path) -> None:
    seen: dict[str, object] = {}

    def session(window: QWidget) -> None:
        today = of_type(of_type(window, MainWindow).view("today"), TodayView)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is today.dose_list)
        row = today.dose_list.current_row()
        assert row is not None and row.slot is not None
        seen["first row"] = row.slot.slot
        keys = Keyboard(qtbot)
        keys.play("T Enter T Enter Alt+P 6 Tab 5 Tab 4 Alt+E N 2 Ctrl+S")
        seen["keys"] = keys.presses
        seen["status"] = today.status.text()
        seen["pain shown"] = today.checkin.pain.rating()
        window.close()

    assert start_like_the_command(monkeypatch, db, NOW, session) == 0
    assert seen["first row"] == "08:00"
    assert seen["keys"] == 14
    doses, checkins, effects = read_back(db)
    assert sorted(doses) == [("08:00", "taken", "08:00"), ("20:00", "taken", "20:00")]
    assert checkins == [(6, 5, 4)]
    assert effects == [("nausea", 2)]
    assert "Saved at 21:30" in str(seen["status"])
    assert seen["pain shown"] == 6  # the saved values stay on screen


def test_enter_after_each_rating_keeps_one_checkin(qtbot, monkeypatch, db: Path) -> None:
    seen: dict[str, object] = {}

    def session(window: QWidget) -> None:
        today = of_type(of_type(window, MainWindow).view("today"), TodayView)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is today.dose_list)
        keys = Keyboard(qtbot)
        keys.play("Alt+P 6 Enter")
        seen["focus after save"] = QApplication.focusWidget() is today.checkin.pain
        keys.play("Tab 5 Enter Tab 4 Enter")
        seen["title"] = today.checkin.title()
        window.close()

    assert start_like_the_command(monkeypatch, db, NOW, session) == 0
    assert seen["focus after save"] is True
    doses, checkins, _ = read_back(db)
    assert checkins == [(6, 5, 4)]
    assert doses == []
    assert "saved 21:30" in str(seen["title"])
