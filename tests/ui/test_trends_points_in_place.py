"""The daily points given new heights in place (report/charts/points_in_place.py), through the real start-up of
the ``medjournal`` command: after a check-in typed in on Today, a backfilled check-in and its deletion, the
pain, mood and sleep points the chart holds, and the chart's pixels, are those of a fresh load; the check-in
typed in moved its points in place."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

from medjournal.ui.main_window import MainWindow
from medjournal.ui.today.today_view import TodayView
from medjournal.ui.trends.trends_view import TrendsView
from tests.ui.keys import Keyboard, start_like_the_command
from tests.ui.trends_window import fresh_trends, trends_on_all, write_demo_journal
from tests.ui.widgets import of_type

pytestmark = pytest.mark.gui

NOW = "2026-03-15T21:30"
TODAY = date(2026, 3, 15)


def daily_points(view: TrendsView) -> dict[str, Any]:
    lanes = view.figure.lanes
    return {
        "pain": lanes["pain"].points.scatter,  # type: ignore[attr-defined]
        "mood": lanes["mood_sleep"].mood_points.scatter,  # type: ignore[attr-defined]
        "sleep": lanes["mood_sleep"].sleep_points.scatter,  # type: ignore[attr-defined]
    }


def held(view: TrendsView) -> dict[str, tuple[list[float], list[float]]]:
    """The x and y of every daily point the chart holds (NaN written as None, to compare)."""
    return {
        name: tuple(  # type: ignore[misc]
            [None if np.isnan(v) else float(v) for v in scatter.data[axis]] for axis in ("x", "y")
        )
        for name, scatter in daily_points(view).items()
    }


def moved_in_place(view: TrendsView) -> int:
    return sum(scatter.in_place.in_place for scatter in daily_points(view).values())


def fresh(main: MainWindow, trends: TrendsView, qtbot: Any) -> tuple[dict[str, Any], QImage]:
    """The points and the chart of a Trends view that reads the same journal from scratch, the chart at the
    same size."""
    with fresh_trends(qtbot, main, trends) as view:
        view.plot_widget.setFixedSize(
            trends.plot_widget.size()
        )  # the chart at the same size, whatever is beside
        qtbot.waitUntil(lambda: view.plot_widget.size() == trends.plot_widget.size())
        view.plot_widget.grab()
        return held(view), view.plot_widget.grab().toImage()


def test_saved_backfilled_and_deleted_check_ins_move_the_points_as_a_fresh_load_draws_them(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    db = tmp_path / "journal.db"
    write_demo_journal(db, NOW)
    seen: dict[str, Any] = {}

    def compare(moment: str, main: MainWindow, trends: TrendsView) -> None:
        points, image = fresh(main, trends, qtbot)
        seen[moment] = (held(trends) == points, trends.plot_widget.grab().toImage() == image)

    def session(window: QWidget) -> None:
        main = of_type(window, MainWindow)
        trends = trends_on_all(qtbot, window)
        before = moved_in_place(trends)

        main.show_section("today")
        today = of_type(main.view("today"), TodayView)
        qtbot.waitUntil(lambda: today.isAncestorOf(QApplication.focusWidget() or main))
        Keyboard(qtbot).play("Ctrl+N Alt+P 9 Ctrl+S")  # another check-in today: pain 9
        main.show_section("trends")
        qtbot.waitUntil(lambda: not trends.loading)
        seen["moved in place"] = moved_in_place(trends) - before
        compare("after the check-in", main, trends)

        old = TODAY - timedelta(days=21)
        checkin = main.journal.add_checkin(day=old, pain=10, mood=0, sleep=0, note="backfilled")
        main.refresh_sections((old, old))  # what the window does after a write
        qtbot.waitUntil(lambda: not trends.loading)
        compare("after the backfill", main, trends)
        main.journal.delete_entry("checkins", checkin.id)
        main.refresh_sections((old, old))
        qtbot.waitUntil(lambda: not trends.loading)
        compare("after the deletion", main, trends)
        window.close()

    assert start_like_the_command(monkeypatch, db, NOW, session) == 0
    assert seen["moved in place"] >= 1  # the pain points at least: the check-in changed today's pain
    for moment in ("after the check-in", "after the backfill", "after the deletion"):
        assert seen[moment] == (True, True), moment  # the same points, the same pixels
