"""For window tests of Trends: a demo journal to start the window on, and Trends opened as a person opens it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QWidget

from medjournal.demo import write_demo
from medjournal.report.charts.charts import show_offscreen
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


def trends_on_all(qtbot: Any, window: QWidget) -> TrendsView:
    """Trends opened as :func:`open_trends` opens it, then "All" chosen and the whole history loaded."""
    view = open_trends(qtbot, window)
    view.set_preset("all")
    qtbot.waitUntil(lambda: not view.loading)
    return view


@contextmanager
def fresh_trends(
    qtbot: Any, main: MainWindow, trends: TrendsView, same_medication: bool = True
) -> Iterator[TrendsView]:
    """A Trends view that reads ``main``'s journal from scratch, shown at the size of ``trends`` with "All"
    loaded (and, with ``same_medication``, the medication ``trends`` evaluates): what a fresh start would draw.
    Deleted through Qt when the block ends."""
    view = TrendsView(main.journal)
    try:
        show_offscreen(view, trends.width(), trends.height())
        if same_medication:
            view.select_medication(trends.medication_combo.currentData())
        view.set_preset("all")
        qtbot.waitUntil(lambda: not view.loading)
        yield view
    finally:
        view.close()
        view.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
