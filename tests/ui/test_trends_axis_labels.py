"""The Trends chart's axes show no unit label, so moving through the days rewrites none.

pyqtgraph's axes put an SI prefix ("k", "m") in front of a unit label and, while that is on, set the label's HTML
again at every change of the view's range, on all four axes of each of the seven lanes, hidden or not. The chart
labels no axis with a unit (docs/trends.md), so it is off: a pan by the keyboard moves the days and the dates on
the axis, and no axis label is written again. The window is started as the ``medjournal`` command starts it and
Trends is opened with Ctrl+4."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from tests.ui.keys import start_like_the_command
from tests.ui.trends_window import open_trends, write_demo_journal

pytestmark = pytest.mark.gui

NOW = "2026-12-06T19:30"


def test_a_pan_through_the_days_rewrites_no_axis_label(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "journal.db"
    write_demo_journal(db, NOW)
    rewritten: list[str] = []
    moved: list[tuple[object, object]] = []

    def session(window: QWidget) -> None:
        view = open_trends(qtbot, window)
        for name, lane in view.figure.lanes.items():
            for side in ("left", "bottom", "right", "top"):
                axis = lane.plot.getAxis(side)
                assert not axis.label.isVisible(), (name, side)  # no unit label anywhere
                assert axis.labelUnitPrefix == "", (name, side)

                def spy(html: str, where: str = f"{name} {side}", label: Any = axis.label) -> None:
                    rewritten.append(where)
                    type(label).setHtml(label, html)

                axis.label.setHtml = spy
        view.plot_widget.setFocus()
        qtbot.waitUntil(view.plot_widget.hasFocus)
        before = view.visible_days()
        for _ in range(3):  # a week back from the first day shown: the view pans
            qtbot.keyClick(view.plot_widget, Qt.Key.Key_Home)
            qtbot.keyClick(view.plot_widget, Qt.Key.Key_PageUp)
        view.plot_widget.grab()
        moved.append((before, view.visible_days()))
        window.close()

    assert start_like_the_command(monkeypatch, db, NOW, session) == 0
    ((before, after),) = moved
    assert after != before  # the days shown moved...
    assert rewritten == []  # ...and no axis label was written again
