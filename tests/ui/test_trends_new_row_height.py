"""A save that gives a lane a row more raises the chart's least height, as a fresh build of the same data has it,
through the real start-up of the ``medjournal`` command: with Trends loaded, a side effect the journal never had
is typed on Today; back on Trends, the side-effect lane has its row and the chart asks for the height a Trends
view built from scratch asks for (below it, the section scrolls instead of squeezing the lanes)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from medjournal.ui.main_window import MainWindow
from medjournal.ui.today.today_view import TodayView
from medjournal.ui.trends.trends_view import TrendsView
from tests.ui.keys import Keyboard, start_like_the_command
from tests.ui.trends_window import fresh_trends, trends_on_all, write_demo_journal
from tests.ui.widgets import of_type

pytestmark = pytest.mark.gui

NOW = "2026-03-15T21:30"


def rows(view: TrendsView) -> int:
    """The rows of names the side-effect lane shows (one a unit of its scale)."""
    low, high = view.figure.lane("side_effects").plot.getViewBox().viewRange()[1]
    return round(high - low)


def fresh_least_height(main: MainWindow, trends: TrendsView, qtbot: Any) -> int:
    """The least height of the chart of a Trends view built from scratch on the same journal and range."""
    with fresh_trends(qtbot, main, trends, same_medication=False) as view:
        return view.plot_widget.minimumHeight()


def test_a_new_side_effect_row_raises_the_charts_least_height_as_a_fresh_build_has_it(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    db = tmp_path / "journal.db"
    write_demo_journal(db, NOW)  # five symptoms logged: dry mouth, fatigue, insomnia, nausea, sweating
    seen: dict[str, Any] = {}

    def session(window: QWidget) -> None:
        main = of_type(window, MainWindow)
        trends = trends_on_all(qtbot, window)
        seen["rows before"] = rows(trends)
        seen["height before"] = trends.plot_widget.minimumHeight()

        main.show_section("today")
        today = of_type(main.view("today"), TodayView)
        qtbot.waitUntil(lambda: today.isAncestorOf(QApplication.focusWidget() or main))
        keys = Keyboard(qtbot)
        keys.play("Alt+E")  # the side effects
        keys.type("Bl")  # type-ahead: Blurred vision, never logged in this journal
        keys.type("3")  # severe
        keys.play("Ctrl+S")
        seen["saved"] = [e.symptom for e in main.journal.side_effects()].count("blurred_vision")
        keys.play("Ctrl+4")
        qtbot.waitUntil(lambda: trends.isVisible() and not trends.loading)
        seen["rows after"] = rows(trends)
        seen["height after"] = trends.plot_widget.minimumHeight()
        seen["fresh height"] = fresh_least_height(main, trends, qtbot)
        window.close()

    assert start_like_the_command(monkeypatch, db, NOW, session) == 0
    assert seen["saved"] == 1
    assert seen["rows after"] == seen["rows before"] + 1  # the new symptom has its row
    assert (
        seen["height after"] > seen["height before"]
    )  # room for it: the section scrolls, the lanes keep theirs
    assert seen["height after"] == seen["fresh height"]
