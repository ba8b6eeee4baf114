"""The 7-day averages drawn from tiles (report/charts/curve_tiles.py), through the real start-up of the
``medjournal`` command: after a check-in typed in on Today only the tiles right of the changed days are drawn
again, and after it, a backfilled check-in and a deleted one the chart is, pixel for pixel, the chart with every
line drawn directly."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from benchmarks.generate import generate
from medjournal.report.charts.curve_tiles import TiledCurve
from medjournal.ui.main_window import MainWindow
from medjournal.ui.today.today_view import TodayView
from medjournal.ui.trends.trends_view import TrendsView
from tests.ui.keys import Keyboard, start_like_the_command
from tests.ui.trends_window import trends_on_all, write_demo_journal
from tests.ui.widgets import of_type

pytestmark = pytest.mark.gui

NOW = "2026-03-15T21:30"
TODAY = date(2026, 3, 15)


def averages(view: TrendsView) -> list[TiledCurve]:
    """The tiles of the solid 7-day averages (pain, mood): the dashed sleep average is drawn directly."""
    lanes = view.figure.lanes
    return [lanes["pain"].average.tiles, lanes["mood_sleep"].mood_average.tiles]  # type: ignore[attr-defined]


def drawn(view: TrendsView) -> int:
    return sum(tiles.paints for tiles in averages(view))


def as_tiles_and_directly(view: TrendsView, monkeypatch: pytest.MonkeyPatch) -> tuple[QImage, QImage]:
    """The chart painted as it is (its tiles) and with every line drawn directly."""
    tiled = view.plot_widget.grab().toImage()
    with monkeypatch.context() as patch:
        patch.setattr(TiledCurve, "_key", lambda _self, _painter: None)
        direct = view.plot_widget.grab().toImage()
    return tiled, direct


def test_a_save_draws_the_averages_tiles_right_of_it_and_the_same_pixels(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    db = tmp_path / "journal.db"
    write_demo_journal(db, NOW)
    seen: dict[str, Any] = {}

    def session(window: QWidget) -> None:
        main = of_type(window, MainWindow)
        trends = trends_on_all(qtbot, window)
        trends.plot_widget.grab()
        trends.plot_widget.grab()  # the tiles are made at the second paint in the same place
        seen["tiles"] = [len(tiles.tiles) for tiles in averages(trends)]
        seen["drawn before"] = drawn(trends)

        main.show_section("today")
        today = of_type(main.view("today"), TodayView)
        qtbot.waitUntil(lambda: today.isAncestorOf(QApplication.focusWidget() or main))
        Keyboard(qtbot).play("Ctrl+N Alt+P 9 Ctrl+S")  # another check-in today: pain 9
        main.show_section("trends")
        qtbot.waitUntil(lambda: not trends.loading)
        before = drawn(trends)
        seen["after the check-in"] = as_tiles_and_directly(trends, monkeypatch)
        seen["drawn for the check-in"] = drawn(trends) - before

        # A check-in backfilled three weeks back, then deleted: the window refreshes those days.
        old = TODAY - timedelta(days=21)
        checkin = main.journal.add_checkin(day=old, pain=10, mood=0, sleep=0, note="backfilled")
        main.refresh_sections((old, old))
        qtbot.waitUntil(lambda: not trends.loading)
        seen["after the backfill"] = as_tiles_and_directly(trends, monkeypatch)
        main.journal.delete_entry("checkins", checkin.id)
        main.refresh_sections((old, old))
        qtbot.waitUntil(lambda: not trends.loading)
        seen["after the deletion"] = as_tiles_and_directly(trends, monkeypatch)
        window.close()

    assert start_like_the_command(monkeypatch, db, NOW, session) == 0
    assert min(seen["tiles"]) >= 3  # the lines are in tiles
    assert seen["drawn before"] > 0
    # The check-in changed the last days: each average drew its last tile or two, not all of them again.
    assert 0 < seen["drawn for the check-in"] <= 4 < sum(seen["tiles"])
    for moment in ("after the check-in", "after the backfill", "after the deletion"):
        tiled, direct = seen[moment]
        assert tiled == direct, moment


def test_a_chart_drawn_at_150_percent_is_the_direct_drawing(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Drawn at 150 % into a pixmap, a year of daily averages is the direct drawing's picture (scaled, the lines
    are drawn directly: curve_tiles.py). A pixmap's width is in device pixels: this does not paint the widget
    itself at that scale, where tiles once stopped short (docs/trends.md)."""
    db = tmp_path / "journal.db"
    generate(db, years=1, end=TODAY)  # a year of check-ins, doses and side effects (the benchmarks' journal)
    seen: dict[str, Any] = {}

    def at_150_percent(view: TrendsView) -> QImage:
        pixmap = QPixmap(view.plot_widget.size() * 1.5)
        pixmap.setDevicePixelRatio(1.5)
        pixmap.fill(Qt.GlobalColor.white)
        painter = QPainter(pixmap)
        try:
            view.plot_widget.render(painter)
        finally:
            painter.end()
        return pixmap.toImage()

    def session(window: QWidget) -> None:
        trends = trends_on_all(qtbot, window)
        at_150_percent(trends)
        tiled = at_150_percent(trends)  # the second paint in the same place: where tiles would be used
        with monkeypatch.context() as patch:
            patch.setattr(TiledCurve, "_key", lambda _self, _painter: None)
            seen["direct"] = at_150_percent(trends) == tiled
        window.close()

    assert start_like_the_command(monkeypatch, db, NOW, session) == 0
    assert seen["direct"]
