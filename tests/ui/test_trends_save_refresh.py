"""After a save the Trends chart redraws only what the save changed (docs/trends.md, "After a save"), through the
real start-up of the ``medjournal`` command: a check-in typed in late for an old day shows on the fully loaded
chart, every other day's points stay as they were, and the chart is the one a fresh load of the journal draws."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from medjournal.demo import write_demo
from medjournal.report.charts.chart_items import x_of
from medjournal.report.charts.chart_medications import MedicationLane
from medjournal.report.charts.charts import show_offscreen
from medjournal.ui.main_window import MainWindow
from medjournal.ui.today.today_view import TodayView
from medjournal.ui.trends.trends_view import CHUNK_DAYS, TrendsView
from tests.ui.keys import Keyboard, journal_at, start_like_the_command
from tests.ui.widgets import of_type

pytestmark = pytest.mark.gui

NOW = "2026-03-15T21:30"
TODAY = date(2026, 3, 15)
LATE = TODAY - timedelta(days=300)  # in an older chunk than the one read first
DEMO_DAYS = 2 * CHUNK_DAYS + 60  # three chunks: the older two arrive from the event loop


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "journal.db"
    journal = journal_at(path, NOW)
    write_demo(journal, days=DEMO_DAYS)
    journal.close()
    return path


def drawn(view: TrendsView) -> dict[tuple[str, int], tuple[np.ndarray, ...]]:
    """Every data item of every lane, by lane and position: the arrays it was given (not its clipped or
    thinned copy for the current zoom), and for labels their text and place."""
    items: dict[tuple[str, int], tuple[np.ndarray, ...]] = {}
    for name, lane in view.figure.lanes.items():
        for index, item in enumerate(lane.plot.items):
            found: tuple[np.ndarray, ...]
            if isinstance(item, pg.PlotDataItem):
                found = (np.array(item.xData), np.array(item.yData))
            elif isinstance(item, pg.ScatterPlotItem):
                found = tuple(np.array(a) for a in item.getData())
            elif isinstance(item, pg.ImageItem):
                rect = item.mapRectToParent(item.boundingRect())
                found = (np.array(item.image), np.array([rect.left(), rect.width(), rect.height()]))
            elif isinstance(item, pg.TextItem):
                found = (np.array([item.toPlainText()]), np.array([item.pos().x(), item.pos().y()]))
            else:
                continue
            items[(name, index)] = found
    return items


def same(a: tuple[np.ndarray, ...], b: tuple[np.ndarray, ...]) -> bool:
    return len(a) == len(b) and all(
        x.shape == y.shape and (np.array_equal(x, y, equal_nan=x.dtype.kind == "f"))
        for x, y in zip(a, b, strict=True)
    )


def pain_on(view: TrendsView, day: date) -> float | None:
    x, y = view.figure.lane("pain").points.xData, view.figure.lane("pain").points.yData
    found = np.flatnonzero(x == x_of(float(day.toordinal())))
    return float(y[found[0]]) if len(found) else None


def test_a_check_in_typed_in_late_shows_on_the_whole_chart_and_nothing_else_moves(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, db: Path
) -> None:
    seen: dict[str, Any] = {}
    medication_redraws: list[int] = []
    real_set_series = MedicationLane.set_series

    def counted(lane: MedicationLane, *args: Any) -> None:
        medication_redraws.append(1)
        real_set_series(lane, *args)

    monkeypatch.setattr(MedicationLane, "set_series", counted)

    def session(window: QWidget) -> None:
        main = of_type(window, MainWindow)
        main.show_section("trends")
        trends = of_type(main.view("trends"), TrendsView)
        qtbot.mouseClick(trends.preset_buttons["all"], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not trends.loading)
        assert trends.data is not None and trends.data.start <= TODAY - timedelta(days=DEMO_DAYS - 1)
        seen["before"] = drawn(trends)
        seen["pain before"] = pain_on(trends, LATE)
        seen["start"] = trends.data.start

        main.show_section("today")
        today = of_type(main.view("today"), TodayView)
        # the keys go to Today
        qtbot.waitUntil(lambda: today.isAncestorOf(QApplication.focusWidget() or main))
        today.set_day(LATE)  # a missed check-in, typed in ten months later
        medication_redraws.clear()
        Keyboard(qtbot).play("Alt+P 1 0 Ctrl+S")
        main.show_section("trends")
        qtbot.waitUntil(lambda: not trends.loading)
        assert trends.data is not None
        seen["start after"] = trends.data.start
        seen["after"] = drawn(trends)
        seen["pain after"] = pain_on(trends, LATE)
        seen["medication redraws"] = len(medication_redraws)

        fresh = TrendsView(main.journal)  # the same journal read from scratch, every chunk loaded
        show_offscreen(fresh, trends.width(), trends.height())
        fresh.select_medication(trends.medication_combo.currentData())
        fresh.set_preset("all")
        qtbot.waitUntil(lambda: not fresh.loading)
        seen["fresh"] = drawn(fresh)
        fresh.close()
        window.close()

    assert start_like_the_command(monkeypatch, db, NOW, session) == 0

    journal = journal_at(db, NOW)
    try:
        pains = [c.pain for c in journal.checkins(LATE, LATE) if c.pain is not None]
    finally:
        journal.close()
    assert 10 in pains
    assert seen["pain after"] == pytest.approx(sum(pains) / len(pains))  # the late check-in is on the chart
    assert seen["pain after"] != seen["pain before"]
    assert seen["start after"] == seen["start"]  # still the whole history: no reload of every chunk
    assert seen["medication redraws"] == 0  # a check-in leaves the medication lane as it was

    before, after = seen["before"], seen["after"]
    assert before.keys() == after.keys()
    changed = sorted(key for key in before if not same(before[key], after[key]))
    assert changed and all(name == "pain" for name, _index in changed)  # mood, sleep, doses: as they were
    for key in changed:  # in the pain lane, only the late day and the 7-day averages that include it
        (x_before, y_before), (x_after, y_after) = before[key][:2], after[key][:2]
        assert np.array_equal(x_before, x_after)
        moved = {
            round((x - x_of(0.0)) / 86400.0) for x in x_after[~np.isclose(y_before, y_after, equal_nan=True)]
        }
        assert moved and moved <= {LATE.toordinal() + i for i in range(7)}
        assert LATE.toordinal() in moved

    fresh = seen["fresh"]
    assert fresh.keys() == after.keys()
    assert [key for key in fresh if not same(fresh[key], after[key])] == []  # as a full reload draws it
