"""A window that opens on the section it was left on makes only that section at its start.

The window remembers its section (docs/design.md, section 5: the start on Trends is measured against the bare
pyqtgraph window); Today, Medications, History and Summary are made when first shown. Started as the
``medjournal`` command starts it, on Trends: no Today is built, and Ctrl+1 then opens a working Today whose
check-in, typed in by keyboard, is in the journal."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMenu, QScrollArea, QWidget

from medjournal.crashlog import CRASH_LOG
from medjournal.paths import AppPaths
from medjournal.report.charts.charts import show_offscreen
from medjournal.ui.main_window import MainWindow, ui_settings
from medjournal.ui.today.today_view import TodayView
from medjournal.ui.trends.trends_view import TrendsView
from tests.ui.keys import Keyboard, journal_at, start_like_the_command
from tests.ui.trends_window import write_demo_journal
from tests.ui.widgets import child, of_type

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


# -- the chart built after the window shows ------------------------------------------------------------------
# A start on Trends shows the section's frame with "Drawing the chart…" and builds the chart between the event
# loop's turns: its modules in a thread, then a lane per turn (docs/trends.md, *Opening on Trends*).


def demo_journal_on_trends(tmp_path: Path) -> Path:
    """The demo's trial in a journal at ``tmp_path``, with the window remembering Trends."""
    db = tmp_path / "journal.db"
    write_demo_journal(db, NOW)
    ui_settings().setValue("window/section", "trends")
    ui_settings().sync()
    return db


def trends_at_start(window: QWidget) -> tuple[MainWindow, TrendsView]:
    main = of_type(window, MainWindow)
    return main, of_type(main.views["trends"], TrendsView)


def build_under_way(qtbot: Any, trends: TrendsView) -> None:
    """Wait until the chart's modules are loaded (the import thread has ended); the build is then still going,
    a lane per turn of the event loop."""
    qtbot.waitUntil(lambda: trends.importer.ident is not None and not trends.importer.is_alive())
    assert trends.building


def no_errors(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR]


def test_a_start_on_trends_shows_its_frame_first_and_then_the_chart_a_fresh_view_draws(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = demo_journal_on_trends(tmp_path)
    seen: dict[str, object] = {}

    def session(window: QWidget) -> None:
        main, trends = trends_at_start(window)
        drawing = child(trends, QLabel, "TrendsDrawing")
        seen["at show"] = (trends.isVisible(), trends.building, trends.stack.currentWidget() is drawing)
        seen["placeholder"] = (drawing.isVisible(), drawing.text())
        seen["controls"] = [b.text() for b in trends.preset_buttons.values() if b.isVisible()]
        with qtbot.waitSignal(trends.chart_built, timeout=30_000):
            pass  # the event loop turns: the chart is built in its steps
        seen["placeholder after"] = drawing.isVisible()
        trends.grab()
        fresh = TrendsView(main.journal)  # built the old way, all at once
        try:
            show_offscreen(fresh, trends.width(), trends.height())
            seen["same medication"] = (
                fresh.medication_combo.currentText() == trends.medication_combo.currentText()
            )
            seen["same chart"] = fresh.plot_widget.grab().toImage() == trends.plot_widget.grab().toImage()
            seen["same words"] = (fresh.response_label.text(), fresh.hover_label.text()) == (
                trends.response_label.text(),
                trends.hover_label.text(),
            )
            seen["same range"] = (fresh.preset, fresh.visible_days()) == (
                trends.preset,
                trends.visible_days(),
            )
        finally:
            fresh.close()
            fresh.deleteLater()
        window.close()

    assert start_like_the_command(monkeypatch, db, NOW, session) == 0
    assert seen == {
        "at show": (True, True, True),
        "placeholder": (True, "Drawing the chart…"),
        "controls": ["4 weeks", "3 months", "1 year", "All", "Since last visit"],
        "placeholder after": False,
        "same medication": True,
        "same chart": True,
        "same words": True,
        "same range": True,
    }


def test_keys_and_a_save_on_today_while_the_chart_builds_are_answered_and_reach_the_chart(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    db = demo_journal_on_trends(tmp_path)
    seen: dict[str, object] = {}

    def session(window: QWidget) -> None:
        main, trends = trends_at_start(window)
        main.activateWindow()
        build_under_way(qtbot, trends)
        keys = Keyboard(qtbot)
        keys.play("Ctrl+1")
        today = of_type(main.view("today"), TodayView)
        qtbot.waitUntil(lambda: today.isVisible() and QApplication.focusWidget() is not None)
        keys.press(Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)  # pain
        keys.type("9")
        keys.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        seen["saved while building"] = trends.building
        focused = QApplication.focusWidget()
        with qtbot.waitSignal(trends.chart_built, timeout=30_000):
            pass
        seen["focus kept"] = (
            focused is not None and QApplication.focusWidget() is focused and today.isAncestorOf(focused)
        )
        keys.play("Ctrl+4")
        qtbot.waitUntil(lambda: trends.isVisible() and trends.data is not None and not trends.loading)
        assert trends.data is not None
        days = trends.data.pain.days.tolist()
        at = days.index(TODAY.toordinal()) if TODAY.toordinal() in days else None
        pain = trends.data.pain
        seen["today's pain on the chart"] = None if at is None else (pain.values[at], pain.counts[at])
        window.close()

    assert start_like_the_command(monkeypatch, db, NOW, session) == 0
    journal = journal_at(db, NOW)
    try:
        pains = [c.pain for c in journal.checkins(TODAY, TODAY) if c.pain is not None]
    finally:
        journal.close()
    assert 9 in pains
    assert seen == {
        "saved while building": True,
        "focus kept": True,
        "today's pain on the chart": (pytest.approx(sum(pains) / len(pains)), len(pains)),
    }
    assert no_errors(caplog) == []


def test_closing_the_window_while_the_chart_builds_ends_cleanly(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    db = demo_journal_on_trends(tmp_path)
    seen: dict[str, object] = {}

    def session(window: QWidget) -> None:
        _main, trends = trends_at_start(window)
        build_under_way(qtbot, trends)
        qtbot.waitUntil(lambda: len(getattr(getattr(trends, "figure", None), "lanes", ())) > 0)
        seen["building"] = trends.building
        window.close()

    assert start_like_the_command(monkeypatch, db, NOW, session) == 0
    QApplication.processEvents()  # anything the build had queued: the window and its views are gone
    assert seen == {"building": True}
    assert no_errors(caplog) == []
    crash_log = AppPaths.from_environment().log_dir / CRASH_LOG
    assert not crash_log.exists() or crash_log.read_text(encoding="utf-8") == ""


def test_opening_another_journal_while_the_chart_builds_shows_only_the_new_journals_chart(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from medjournal.ui.journal import settings_dialog

    db = demo_journal_on_trends(tmp_path)
    other = tmp_path / "other.db"
    journal = journal_at(other, NOW)
    journal.add_checkin(pain=2, day=date(2026, 11, 20))  # one day, unlike the demo's twelve weeks
    journal.close()
    monkeypatch.setattr(settings_dialog, "choose_journal_file", lambda _parent, create: other)
    seen: dict[str, object] = {}

    def session(window: QWidget) -> None:
        main, old = trends_at_start(window)
        build_under_way(qtbot, old)
        qtbot.waitUntil(lambda: old.chart_made)  # its next steps read the journal
        file_menu = main.menuBar().actions()[0].menu()
        assert isinstance(file_menu, QMenu)
        file_menu.actions()[0].trigger()  # File › Open another journal…
        seen["old building when replaced"] = old.building
        new = of_type(main.view("trends"), TrendsView)
        qtbot.waitUntil(lambda: not shiboken6.isValid(old))  # the old view is deleted, its build stopped
        qtbot.waitUntil(lambda: not new.building and new.data is not None and not new.loading)
        data = new.data
        assert data is not None
        seen["new chart"] = (main.current_section(), data.pain.days.tolist(), data.pain.values.tolist())
        window.close()

    assert start_like_the_command(monkeypatch, db, NOW, session) == 0
    assert seen == {
        "old building when replaced": True,
        "new chart": ("trends", [date(2026, 11, 20).toordinal()], [2.0]),
    }
    assert no_errors(caplog) == []


def test_the_first_frame_of_a_start_on_trends_is_laid_out_for_the_window_no_scroll_bar_and_the_hint_whole(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The frame a person sees as the window opens: the section was put in its scroll area before the window
    had its size, and until the event loop turned the area kept a horizontal scroll bar over the hover hint."""
    db = demo_journal_on_trends(tmp_path)
    remembered = QMainWindow()
    remembered.resize(1366, 740)  # a window left at 1366×740 (the test screen is 800 wide: it opens at 798)
    ui_settings().setValue("window/geometry", remembered.saveGeometry())
    ui_settings().sync()
    remembered.deleteLater()
    seen: dict[str, object] = {}

    def session(window: QWidget) -> None:
        main, trends = trends_at_start(window)
        scroller = of_type(main.tabs.currentWidget(), QScrollArea)  # as it is when the window first shows
        hint = trends.hover_label
        seen["window wider than the section needs"] = window.width() > trends.minimumSizeHint().width()
        seen["horizontal scroll bar"] = scroller.horizontalScrollBar().isVisible()
        seen["vertical scroll bar"] = scroller.verticalScrollBar().isVisible()
        shown = QRect(hint.mapTo(scroller.viewport(), QPoint(0, 0)), hint.size())
        seen["hint whole"] = scroller.viewport().rect().contains(shown)
        seen["hint"] = hint.text()
        window.close()

    assert start_like_the_command(monkeypatch, db, NOW, session) == 0
    assert seen == {
        "window wider than the section needs": True,
        "horizontal scroll bar": False,
        "vertical scroll bar": False,
        "hint whole": True,
        "hint": "Point at a day to see its values (or Tab to the chart and use ← →). Drag to pan, scroll to zoom.",
    }
