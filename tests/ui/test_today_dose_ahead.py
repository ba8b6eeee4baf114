"""Today's "when?" time field cannot log a dose at a moment that has not come (docs/data-safety.md, "Dates after
today"): at 09:30, the evening's dose given as taken at 20:00 is refused in one line on Today's status and nothing
is written; 09:40, a few minutes ahead of the clock, is taken. The window is started as the ``medjournal``
command starts it; the doses are logged with T and the journal is read back."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QWidget

from medjournal.ui.main_window import MainWindow
from tests.ui.keys import Keyboard, journal_at, start_like_the_command
from tests.ui.widgets import of_type

pytestmark = pytest.mark.gui

NOW = "2026-12-06T09:30"
DAY = date(2026, 12, 6)


def test_a_time_still_to_come_is_refused_and_one_a_few_minutes_ahead_is_taken(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "journal.db"
    journal = journal_at(db, NOW)
    journal.add_medication("Duloxetine", 60, times="08:00,20:00", start="2026-11-01")
    journal.close()
    seen: dict[str, object] = {}

    def session(window: QWidget) -> None:
        window = of_type(window, MainWindow)
        window.activateWindow()
        today = window.today()
        keys = Keyboard(qtbot)
        keys.play("Ctrl+1")
        rows = today.dose_list.rows
        evening = next(i for i, row in enumerate(rows) if row.slot is not None and row.slot.slot == "20:00")
        today.time_edit.setTime(QTime(20, 0))  # the person sets "when?" to 20:00
        today.dose_list.setFocus()
        today.dose_list.setCurrentItem(today.dose_list.item(evening))
        keys.press(Qt.Key.Key_T)
        qtbot.waitUntil(lambda: "has not come yet" in today.status.text())
        seen["refused"] = today.status.text()
        morning = next(i for i, row in enumerate(rows) if row.slot is not None and row.slot.slot == "08:00")
        today.time_edit.setTime(QTime(9, 40))
        today.dose_list.setFocus()
        today.dose_list.setCurrentItem(today.dose_list.item(morning))
        keys.press(Qt.Key.Key_T)
        qtbot.waitUntil(lambda: "taken at 09:40" in today.status.text())
        window.close()

    assert start_like_the_command(monkeypatch, db, NOW, session) == 0
    assert "The time taken 2026-12-06 20:00 has not come yet (it is now 2026-12-06 09:30)" in str(
        seen["refused"]
    )
    journal = journal_at(db, NOW)
    try:
        assert [(log.slot, log.moment.strftime("%H:%M")) for log in journal.dose_logs(DAY, DAY)] == [
            ("08:00", "09:40")
        ]
    finally:
        journal.close()
