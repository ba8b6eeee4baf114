"""History at a 16 pt font: the entries' text wraps and each row is as high as its text, fitted as rows come
into view (ui/history/row_heights.py, docs/translating.md "Room for larger fonts"). The window is started as the
``medjournal`` command starts it and walked with the keys a person presses."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from medjournal.domain.clock import FixedClock
from medjournal.storage import open_journal
from medjournal.ui.history.history_view import HistoryView
from medjournal.ui.main_window import MainWindow
from tests.ui.cell_walk import cut_cells
from tests.ui.keys import CTRL, Keyboard, start_like_the_command
from tests.ui.test_large_font import system_font  # noqa: F401 - the 16 pt fixture
from tests.ui.walk_subjects import show_and_wait
from tests.ui.widgets import of_type

pytestmark = pytest.mark.gui

NOW = datetime(2026, 3, 15, 19, 40)
NOTE = (
    "Nach der Treppe bei der Arbeit wieder das Knie, abends nach dem Spaziergang mit dem Hund besser; "
    "die Physiotherapeutin meint, die Übungen für den unteren Rücken täglich weiter zu machen"
)


def a_demo_with_late_entries(path: Path) -> None:
    """The demo's four months in German, and two entries typed in tonight for days of the week before, with
    long notes."""
    from medjournal.demo import write_demo

    journal = open_journal(path, FixedClock(NOW.astimezone()))
    write_demo(journal, days=120)
    journal.set_setting("language", "de")
    journal.add_treatment("exercise", day="2026-03-10", minutes=40, note=NOTE)
    journal.add_side_effect("nausea", 2, day="2026-03-12", note=NOTE.upper())
    journal.close()


def history_of(window: QWidget) -> HistoryView:
    return of_type(of_type(window, MainWindow).view("history"), HistoryView)


def wait_fitted(qtbot: QtBot, view: HistoryView) -> None:
    qtbot.waitUntil(view.row_heights.settled)


def whole_on_screen(view: HistoryView, row: int) -> bool:
    top = view.table.rowViewportPosition(row)
    return top >= 0 and top + view.table.rowHeight(row) <= view.table.viewport().height()


@pytest.mark.usefixtures("system_font")
def test_at_16_pt_in_german_no_history_cell_is_cut_as_the_keys_walk_the_rows(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, journal_path: Path
) -> None:
    """``LANGUAGE=de medjournal`` at 1366×768 with a 16 pt font: every cell on screen holds its whole text (the
    check-ins' pain areas and the long notes wrap onto more lines), while Down, Page Down, Ctrl+End and Ctrl+Home move the
    selection a row or a page at a time and the selected row is always whole on screen. The entries typed in
    late stand under their own day."""
    from medjournal.ui.language import apply_language

    a_demo_with_late_entries(journal_path)
    seen: dict[str, object] = {}
    cut: list[tuple[str, str]] = []

    def look(view: HistoryView, where: str) -> None:
        wait_fitted(qtbot, view)
        cut.extend((where, *found) for found in cut_cells(view.table))  # type: ignore[misc]
        current = view.table.currentIndex().row()
        if not whole_on_screen(view, current):
            cut.append((where, f"selected row {current} not whole on screen"))  # type: ignore[arg-type]

    def session(window: QWidget) -> None:
        window.resize(1366, 768)
        qtbot.waitUntil(lambda: window.width() == 1366)
        show_and_wait(qtbot, of_type(window, MainWindow), "history")
        view = history_of(window)
        view.focus_first()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is view.table)
        keys = Keyboard(qtbot)
        look(view, "opened")
        seen["tall rows"] = sum(view.table.rowHeight(r) > view.table.rowHeight(1) for r in range(12))
        rows = []
        for step in range(30):
            keys.press(Qt.Key.Key_Down)
            look(view, f"Down {step + 1}")
            rows.append(view.table.currentIndex().row())
        seen["Down"] = rows == list(range(1, 31))
        for step in range(4):
            keys.press(Qt.Key.Key_PageDown)
            look(view, f"Page Down {step + 1}")
        seen["paged past"] = view.table.currentIndex().row() > 40
        keys.press(Qt.Key.Key_End, CTRL)
        look(view, "Ctrl+End")
        seen["End"] = view.table.currentIndex().row() == view.model.rowCount() - 1
        keys.press(Qt.Key.Key_Home, CTRL)
        look(view, "Ctrl+Home")
        seen["Home"] = view.table.currentIndex().row()
        late = [view.model.row_at(r) for r in range(view.model.rowCount())]
        seen["late days"] = [
            (row.day, [other.day for other in late[i - 1 : i + 2]])
            for i, row in enumerate(late)
            if row is not None and row.note.lower().startswith(NOTE[:20].lower())
        ]
        window.close()

    try:
        assert start_like_the_command(monkeypatch, journal_path, NOW.astimezone().isoformat(), session) == 0
    finally:
        apply_language("en")
    assert cut == []
    assert seen["tall rows"] >= 2  # the check-ins' pain areas take two lines or more
    assert {k: seen[k] for k in ("Down", "paged past", "End", "Home")} == {
        "Down": True, "paged past": True, "End": True, "Home": 0,
    }  # fmt: skip
    late_days = seen["late days"]
    assert isinstance(late_days, list) and len(late_days) == 2
    for day, around in late_days:  # between the entries of its own day and the days beside it, newest first
        assert day in (date(2026, 3, 10), date(2026, 3, 12))
        assert around == sorted(around, reverse=True) and day in around
