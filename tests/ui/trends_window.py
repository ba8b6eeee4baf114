"""For window tests of Trends: a demo journal to start the window on, and Trends opened as a person opens it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from medjournal.demo import write_demo
from medjournal.ui.main_window import MainWindow
from medjournal.ui.trends.trends_view import TrendsView
from tests.ui.keys import Keyboard, journal_at
from tests.ui.widgets import of_type


def write_demo_journal(db: Path, now: str) -> None:
    """The demo's 12-week trial written into a new journal at ``db``, the clock at ``now``."""
    journal = journal_at(db, now)
    try:
        write_demo(journal)
    finally:
        journal.close()


def open_trends(qtbot: Any, window: QWidget) -> TrendsView:
    """Trends opened with Ctrl+4 in the started ``window``, once its chart is loaded and painted."""
    main = of_type(window, MainWindow)
    main.activateWindow()
    Keyboard(qtbot).play("Ctrl+4")
    view = of_type(main.view("trends"), TrendsView)
    qtbot.waitUntil(lambda: view.isVisible() and view.data is not None and not view.loading)
    view.plot_widget.grab()
    return view
