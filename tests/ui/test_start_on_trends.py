"""A window that opens on the section it was left on makes only that section at its start.

The window remembers its section (docs/design.md, section 5: the start on Trends is measured against the bare
pyqtgraph window); Today, Medications, History and Summary are made when first shown. Started as the
``medjournal`` command starts it, on Trends: no Today is built, and Ctrl+1 then opens a working Today whose
check-in, typed in by keyboard, is in the journal."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from medjournal.ui.main_window import MainWindow, ui_settings
from medjournal.ui.today.today_view import TodayView
from medjournal.ui.trends.trends_view import TrendsView
from tests.ui.keys import Keyboard, journal_at, start_like_the_command
from tests.ui.widgets import of_type

pytestmark = pytest.mark.gui

NOW = "2026-12-06T08:15"
TODAY = date(2026, 12, 6)


def test_a_start_on_trends_builds_only_trends_and_today_works_when_opened(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "journal.db"
    journal = journal_at(db, NOW)
    journal.add_checkin(pain=6, day=date(2026, 12, 1))  # a journal with entries opens where it was left
    journal.close()
    ui_settings().setValue("window/section", "trends")
    ui_settings().sync()
    seen: dict[str, object] = {}

    def session(window: QWidget) -> None:
        window = of_type(window, MainWindow)
        seen["opened on"] = window.current_section()
        seen["made at start"] = sorted(window.views)
        trends = of_type(window.views["trends"], TrendsView) if "trends" in window.views else None
        seen["trends shown"] = trends is not None and trends.isVisible()
        window.activateWindow()
        keys = Keyboard(qtbot)
        keys.play("Ctrl+1")
        today = of_type(window.view("today"), TodayView)
        qtbot.waitUntil(lambda: today.isVisible() and QApplication.focusWidget() is not None)
        keys.press(Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)  # pain
        keys.type("4")
        keys.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        window.close()

    assert start_like_the_command(monkeypatch, db, NOW, session) == 0
    assert seen == {"opened on": "trends", "made at start": ["trends"], "trends shown": True}
    journal = journal_at(db, NOW)
    try:
        assert [c.pain for c in journal.checkins(TODAY, TODAY)] == [4]
    finally:
        journal.close()
