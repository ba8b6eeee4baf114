"""Every Trends lane's axis labels are readable: no two drawn labels overlap, at 1280×800 and 1366×768, at a 16 pt
system font, in English and German, light and dark, and at 150 % scaling (docs/trends.md, "Readable axes").

The labels are read from what the axes draw (``AxisItem.generateDrawSpecs``: each label's text and rectangle),
after the chart has been painted. A vertical axis's neighbours must be a full line of its tick font apart (the
rectangles pyqtgraph reports are 0.8 of a line high); a date axis's rectangles must not intersect. 150 % scaling
is the same layout in logical pixels as a window of two thirds the size (Qt scales fonts and widgets alike), so it
is run as 853×533 logical pixels, the window 1280×800 at 150 % gives.

The window is started as the ``medjournal`` command starts it and Trends is opened with Ctrl+4."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from medjournal.demo import write_demo
from medjournal.ui.language import apply_language
from medjournal.ui.main_window import MainWindow
from medjournal.ui.trends.trends_view import TrendsView
from tests.ui.keys import Keyboard, journal_at, start_like_the_command
from tests.ui.widgets import of_type

pytestmark = pytest.mark.gui

NOW = "2026-12-06T19:30"
PRESETS = ("4w", "3m", "1y", "all")
NAME_LANES = ("medications", "side_effects")
# (language, font points or None for the default, dark, logical width, logical height)
CASES = [
    ("en", None, True, 1280, 800),  # the review's screenshot: English, dark, 1280×800
    ("en", None, False, 853, 533),  # 1280×800 at 150 %
    ("de", 16, False, 1366, 768),
    ("en", 16, True, 1280, 800),
    ("de", 16, False, 853, 533),
]


@pytest.fixture
def restore_app(qapp: QApplication) -> Iterator[None]:
    font, palette = QApplication.font(), QApplication.palette()
    yield
    QApplication.setFont(font)
    QApplication.setPalette(palette)
    apply_language("en")


def _dark() -> QPalette:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#eeeeee"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#2b2b2b"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#eeeeee"))
    return palette


def drawn_labels(axis: Any) -> list[tuple[QRectF, str]]:
    """The labels the axis draws now, with their rectangles."""
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    assert specs is not None, "the axis has no size"
    return [(rect, text) for rect, _flags, text in specs[2]]


def overlaps(axis: Any) -> list[tuple[str, str]]:
    labels = drawn_labels(axis)
    font = axis.style["tickFont"] or axis.font()
    line = QFontMetricsF(font).height()
    found = []
    for i, (first, a) in enumerate(labels):
        for second, b in labels[i + 1 :]:
            if axis.orientation == "left":
                close = abs(first.center().y() - second.center().y()) < line - 0.5
            else:
                close = first.intersects(second)
            if close:
                found.append((a, b))
    return found


def cut_at_the_foot(view: TrendsView, axis: Any) -> list[str]:
    """The date labels whose line of text (descenders included) reaches below the chart's bottom edge."""
    font = axis.style["tickFont"] or axis.font()
    line = QFontMetricsF(font).height()
    bottom = view.plot_widget.viewport().height()
    return [
        text
        for rect, text in drawn_labels(axis)
        if view.plot_widget.mapFromScene(axis.mapToScene(rect.topLeft())).y() + line > bottom + 0.5
    ]


def check_chart(view: TrendsView, key: str) -> list[str]:
    problems = []
    data = view.data
    assert data is not None
    for name, lane in view.figure.lanes.items():
        left = lane.plot.getAxis("left")
        texts = [text for _rect, text in drawn_labels(left)]
        if overlaps(left):
            problems.append(f"{key} {name}: {overlaps(left)}")
        if name == "medications":
            assert sorted(texts) == sorted(m.name for m in data.medications), (key, texts)
        if name in NAME_LANES:  # a name is never dropped to make room: its row has a line of its own
            assert sorted(texts) == sorted(text for _value, text in left.all_ticks[0]), (key, name, texts)
        elif name not in NAME_LANES:
            assert len(texts) >= 2, (key, name, texts)  # the scale is still labelled, at least its two ends
        bottom = lane.plot.getAxis("bottom")
        if bottom.isVisible():
            assert len(drawn_labels(bottom)) >= 2, (key, name)
            if overlaps(bottom):
                problems.append(f"{key} {name} dates: {overlaps(bottom)}")
            problems.extend(f"{key} date {text!r} cut at the foot" for text in cut_at_the_foot(view, bottom))
    return problems


@pytest.mark.parametrize(("language", "points", "dark", "width", "height"), CASES)
def test_no_two_axis_labels_overlap_in_any_lane(
    qtbot: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    restore_app: None,
    language: str,
    points: int | None,
    dark: bool,
    width: int,
    height: int,
) -> None:
    db = tmp_path / "journal.db"
    journal = journal_at(db, NOW)
    write_demo(journal)
    journal.set_setting("language", language)
    journal.close()
    if points is not None:
        QApplication.setFont(QFont("DejaVu Sans", points))
    problems: list[str] = []

    def session(window: QWidget) -> None:
        window = of_type(window, MainWindow)
        window.resize(width, height)
        qtbot.waitUntil(lambda: window.width() == width)
        window.activateWindow()
        Keyboard(qtbot).play("Ctrl+4")
        view = of_type(window.view("trends"), TrendsView)
        qtbot.waitUntil(lambda: view.isVisible() and view.data is not None)
        if dark:  # switched while the window is open: the chart is rebuilt in the dark colours
            QApplication.setPalette(_dark())
            qtbot.waitUntil(lambda: view.style_.dark)
        for key in PRESETS:
            view.set_preset(key)
            # Painted, laid out and painted again: pyqtgraph sizes an axis for its labels while it paints.
            view.plot_widget.grab()
            QApplication.processEvents()
            view.plot_widget.grab()
            problems.extend(check_chart(view, key))
        window.close()

    assert start_like_the_command(monkeypatch, db, NOW, session) == 0
    assert problems == []
