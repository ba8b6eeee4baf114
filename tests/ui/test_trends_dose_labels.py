"""A dose label never covers a mark of its own medication's row (docs/trends.md, *The medication rows*).

"400 mg as needed" was written across the ticks of the doses it names, at "3 months" on the demo. Started as the
``medjournal`` command starts it, on Trends, with the demo's trial (Duloxetine's two steps with days marked ×,
Ibuprofen as needed): at each range chosen with its button, every label shown is clear of its row's as-needed
ticks, its missed-day marks and its dose line, in the chart's pixels."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtWidgets import QWidget

from medjournal.report.charts.chart_medications import MedicationLane, MedicationRow
from tests.ui.keys import start_like_the_command
from tests.ui.test_start_on_trends import NOW, demo_journal_on_trends, trends_at_start
from tests.ui.widgets import of_type

pytestmark = pytest.mark.gui


def marks_of(row: MedicationRow) -> list[QRectF]:
    """Where the row's marks are drawn, in scene pixels: each tick and ×, as large as its symbol and pen, and
    each part of the dose line, as thick as its pen."""
    rects = []
    for scatter in (row.ticks, row.missed):
        xs, ys = scatter.getData()
        pen = scatter.opts["pen"]
        half = scatter.opts["size"] / 2 + (pen.widthF() / 2 if pen is not None and pen.style() else 0.0)
        for x, y in zip(np.asarray(xs), np.asarray(ys), strict=True):
            centre = scatter.mapToScene(QPointF(float(x), float(y)))
            rects.append(QRectF(centre.x() - half, centre.y() - half, 2 * half, 2 * half))
    xs, ys = row.steps.xData, row.steps.yData
    width = row.steps.opts["pen"].widthF()
    for i in range(0, 0 if xs is None else len(xs) - 1):
        if np.isnan(xs[i]) or np.isnan(xs[i + 1]):
            continue
        left = row.steps.mapToScene(QPointF(float(xs[i]), float(ys[i])))
        right = row.steps.mapToScene(QPointF(float(xs[i + 1]), float(ys[i + 1])))
        rects.append(QRectF(left.x(), left.y() - width / 2, right.x() - left.x(), width))
    return rects


def test_no_dose_label_covers_a_mark_of_its_row_at_any_range(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = demo_journal_on_trends(tmp_path)
    seen: dict[str, object] = {}

    def session(window: QWidget) -> None:
        _main, trends = trends_at_start(window)
        with qtbot.waitSignal(trends.chart_built, timeout=30_000):
            pass
        lane = of_type(trends.figure.lanes["medications"], MedicationLane)
        for key in ("4w", "3m", "1y", "all"):
            qtbot.mouseClick(trends.preset_buttons[key], Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: not trends.loading)
            trends.plot_widget.grab()  # laid out and painted as a person sees it
            shown, covered = [], []
            for row in lane.rows.values():
                marks = marks_of(row)
                for label in row.labels:
                    if not label.isVisible():
                        continue
                    box = label.mapRectToScene(label.boundingRect())
                    shown.append(label.toPlainText())
                    covered += [label.toPlainText() for mark in marks if mark.intersects(box)]
            seen[key] = (sorted(shown), covered)
        window.close()

    assert start_like_the_command(monkeypatch, db, NOW, session) == 0
    assert seen == {
        "4w": (["400 mg as needed", "60 mg"], []),
        "3m": (["30 mg", "400 mg as needed", "60 mg"], []),
        "1y": (["400 mg as needed", "60 mg"], []),
        "all": (["30 mg", "400 mg as needed", "60 mg"], []),
    }
