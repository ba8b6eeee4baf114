"""Today on a 1366×768 screen: the notes to discuss start below the fold, so a line at the top of Today, beside
the day, says how many there are; Shift+Tab from the doses reaches it, and Space takes the focus to the first
note, scrolled into sight, whose Acknowledge a second Space presses (docs/today.md). The doses, ratings and Save
stay in sight as before (tests/ui/test_today_mouse_and_small_screen.py). The window is started as the
``medjournal`` command starts it, on a journal whose entries were typed in after their days."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from medjournal.ui.main_window import MainWindow
from medjournal.ui.today.today_view import TodayView
from tests.ui.keys import Keyboard, journal_at, start_like_the_command
from tests.ui.widgets import child, of_type

pytestmark = pytest.mark.gui

NOW = "2026-03-15T21:30"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Duloxetine with Ibuprofen (a bleeding caution) and a PHQ-2 of 3 a week ago, typed in today."""
    path = tmp_path / "journal.db"
    journal = journal_at(path, NOW)
    journal.add_medication("Duloxetine", 60, times="08:00,20:00", start="2026-02-01")
    journal.add_medication("Ibuprofen", 400, as_needed=True, max_daily=3, start="2026-02-01")
    journal.add_questionnaire("phq2", [2, 1], day="2026-03-08")
    journal.add_checkin(mood=6, self_harm_thoughts=False, day="2026-03-14")
    journal.close()
    return path


def _in_sight(widget: QWidget, viewport: QWidget) -> bool:
    top_left = widget.mapTo(viewport.window(), QPoint(0, 0))
    area = QRect(viewport.mapTo(viewport.window(), QPoint(0, 0)), viewport.size())
    return widget.isVisible() and area.contains(QRect(top_left, widget.size()))


def test_the_notes_line_is_in_sight_and_takes_the_focus_to_the_first_note(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, db: Path
) -> None:
    seen: dict[str, Any] = {}

    def session(window: QWidget) -> None:
        window.resize(1366, 700)
        window.activateWindow()
        today = of_type(of_type(window, MainWindow).view("today"), TodayView)
        scroll = child(today, QScrollArea, "today_scroll")
        with contextlib.suppress(qtbot.TimeoutError):
            qtbot.waitUntil(lambda: today.height() > 500 and not scroll.horizontalScrollBar().isVisible())
        viewport = scroll.viewport()
        panel = today.warnings_panel
        line = panel.notes_button
        qtbot.waitUntil(lambda: QApplication.focusWidget() is today.dose_list)
        first = next(iter(panel.rows.values()))
        seen["line"] = line.text()
        seen["line in sight"] = _in_sight(line, viewport)
        seen["first note in sight before"] = _in_sight(first, viewport)
        keys = Keyboard(qtbot)
        keys.press(Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        seen["focus on the line"] = QApplication.focusWidget() is line
        keys.press(Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is first.acknowledge_button)
        qtbot.waitUntil(lambda: _in_sight(first.title, viewport))
        seen["focused"] = first.acknowledge_button.accessibleName()
        seen["doses after"] = _in_sight(today.save_button, window)
        keys.press(Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: first.warning.key not in panel.rows)
        seen["line after"] = line.text()
        window.close()

    assert start_like_the_command(monkeypatch, db, NOW, session) == 0
    assert seen["line"] == "2 notes to discuss – Show"
    assert seen["line in sight"] is True
    assert seen["first note in sight before"] is False  # below the fold: the reason for the line
    assert seen["focus on the line"] is True
    assert seen["focused"] == "Acknowledge: Duloxetine with Ibuprofen: bleeding"
    assert seen["doses after"] is True
    assert seen["line after"] == "1 note to discuss – Show"
    journal = journal_at(db, NOW)
    acknowledged = journal.acknowledged_warnings()
    journal.close()
    assert acknowledged == {"caution:1-2:bleeding"}
