"""The first digit after the form changes under the keyboard counts: after Ctrl+N starts a new check-in, or
another day is shown, with the focus still in Pain, typing a digit replaces "not rated" (it used to be refused,
so the key did nothing). Through the real start-up of the ``medjournal`` command, keys only, then the journal."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from medjournal.ui.main_window import MainWindow
from medjournal.ui.today.checkin_form import ScaleSpinBox
from medjournal.ui.today.today_view import TodayView
from tests.ui.keys import Keyboard, journal_at, start_like_the_command
from tests.ui.widgets import of_type

pytestmark = pytest.mark.gui

NOW = "2026-12-01T21:30"
DAY = date(2026, 12, 1)


def test_a_digit_typed_after_ctrl_n_and_after_another_day_is_a_rating(
    qtbot: Any, monkeypatch: Any, tmp_path: Path
) -> None:
    db = tmp_path / "journal.db"
    journal = journal_at(db, NOW)
    journal.add_medication("Duloxetine", 60, times="08:00", start="2026-11-01")
    journal.close()
    seen: dict[str, Any] = {}

    def session(window: QWidget) -> None:
        main = of_type(window, MainWindow)
        main.show_section("today")
        today = of_type(main.view("today"), TodayView)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is today.dose_list)
        keys = Keyboard(qtbot)
        keys.play("Alt+P 6 Ctrl+S")
        seen["focus after save"] = type(QApplication.focusWidget())
        keys.play("Ctrl+N 4 Ctrl+S")  # the focus never left Pain
        today.set_day(DAY - timedelta(days=2))  # the day row's own control; the focus stays in Pain
        keys.play("3 Ctrl+S")
        window.close()

    assert start_like_the_command(monkeypatch, db, NOW, session) == 0
    assert seen["focus after save"] is ScaleSpinBox
    journal = journal_at(db, NOW)
    try:
        pains = sorted((c.day, c.pain) for c in journal.checkins())
    finally:
        journal.close()
    assert pains == [(DAY - timedelta(days=2), 3), (DAY, 4), (DAY, 6)]
