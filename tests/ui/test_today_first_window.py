"""The window the app first opens on a 1366×768 screen (1100×676) shows Today without sideways scrolling, with the
"Notes to discuss" panel holding a caution and the weekly question (their buttons now sit under their text)."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QScrollArea
from pytestqt.qtbot import QtBot

from medjournal.demo import write_demo
from medjournal.storage import Journal
from medjournal.ui.main_window import MainWindow
from medjournal.ui.today.warnings_panel import WarningRow
from tests.ui.widgets import child


def test_the_first_window_on_a_1366_screen_needs_no_sideways_scrolling(
    qtbot: QtBot, journal: Journal
) -> None:
    write_demo(journal, days=60)
    window = MainWindow(journal, first_run=False)
    qtbot.addWidget(window)
    window.resize(1100, 676)
    window.show()
    qtbot.waitExposed(window)
    today = window.view("today")
    rows = today.findChildren(WarningRow)
    assert rows, "the demo has notes to discuss"
    scroll = child(today, QScrollArea, "today_scroll")
    qtbot.waitUntil(lambda: scroll.horizontalScrollBar().maximum() == 0)
    for row in rows:  # each note's buttons below its text, so the text keeps the card's width
        button_top = row.acknowledge_button.mapTo(row, QPoint(0, 0)).y()  # the buttons sit in a ButtonRow
        assert button_top > row.message.geometry().bottom()
