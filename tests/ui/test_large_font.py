"""The window at a 16 pt system font: lists on Today grow to their rows and the page scrolls, not the list; the
two columns stack when they do not fit side by side (docs/translating.md, "Room for larger fonts")."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QBoxLayout, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from medjournal.domain.clock import FixedClock
from medjournal.storage import open_journal
from medjournal.ui.main_window import MainWindow
from tests.ui.keys import Keyboard, journal_at, start_like_the_command

pytestmark = pytest.mark.gui

NOW = datetime(2026, 3, 15, 6, 30)  # early: every scheduled dose of the day is still to come
TIMES = "08:00,12:00,16:00,20:00"


@pytest.fixture
def system_font(qapp: QApplication) -> Iterator[None]:
    """A 16 pt system font, as a person with low vision sets it on their desktop."""
    font = QApplication.font()
    QApplication.setFont(QFont("DejaVu Sans", 16))
    yield
    QApplication.setFont(font)


def a_busy_day(path: Path) -> None:
    """Three medications four times a day and two as needed: 14 rows, more than the old eight-row limit."""
    journal = open_journal(path, FixedClock(NOW.astimezone()))
    for name in ("Duloxetine", "Pregabalin", "Amitriptyline"):
        journal.add_medication(name, 30, times=TIMES, start="2026-03-01")
    journal.add_medication("Ibuprofen", 400, as_needed=True, max_daily=3, start="2026-03-01")
    journal.add_medication("Paracetamol", 500, as_needed=True, max_daily=4, start="2026-03-01")
    journal.close()


def test_the_dose_list_shows_every_row_and_column_and_the_page_scrolls(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, journal_path: Path, system_font: None
) -> None:
    """``medjournal --db journal.db`` at 1280×800 with a 16 pt font; End and T on the list take the last row's
    medication, and the journal has it."""
    a_busy_day(journal_path)
    seen: dict[str, object] = {}

    def session(window: QWidget) -> None:
        assert isinstance(window, MainWindow)
        window.resize(1280, 800)
        qtbot.waitUntil(lambda: window.width() == 1280)
        window.show_section("today")
        today = window.today()
        scroll = window.findChild(QScrollArea, "today_scroll")
        assert scroll is not None
        doses = today.dose_list
        qtbot.waitUntil(lambda: doses.isVisible() and doses.viewport().height() > 0)
        last = doses.item(doses.topLevelItemCount() - 1)
        seen["rows"] = doses.topLevelItemCount()
        seen["list scrolls"] = (doses.verticalScrollBar().maximum(), doses.horizontalScrollBar().maximum())
        seen["last row below the list"] = doses.visualItemRect(last).bottom() > doses.viewport().height()
        header = doses.header()
        seen["cut columns"] = [
            column
            for column in range(doses.columnCount())
            if header.sectionSize(column)
            < max(doses.sizeHintForColumn(column), header.sectionSizeHint(column))
        ]
        seen["page"] = (scroll.horizontalScrollBar().maximum(), scroll.verticalScrollBar().maximum())
        seen["stacked"] = today.columns.stacked()
        today.focus_first()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is doses)
        keys = Keyboard(qtbot)
        keys.press(Qt.Key.Key_End)  # the last row: Paracetamol, as needed
        keys.type("T")
        window.close()

    assert start_like_the_command(monkeypatch, journal_path, NOW.astimezone().isoformat(), session) == 0
    assert seen["rows"] == 14
    assert seen["list scrolls"] == (0, 0)
    assert seen["last row below the list"] is False
    assert seen["cut columns"] == []
    page = seen["page"]
    assert isinstance(page, tuple) and page[0] == 0 and page[1] > 0  # the page scrolls, down only
    assert seen["stacked"] is True  # the check-in's 0–10 row and the doses do not fit side by side
    journal = journal_at(journal_path, NOW.astimezone().isoformat())
    taken = [(journal.medication(log.medication_id).name, log.status) for log in journal.dose_logs()]
    journal.close()
    assert taken == [("Paracetamol", "taken")]


def test_at_the_usual_font_the_columns_stay_side_by_side(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, journal_path: Path, qapp: QApplication
) -> None:
    """The same day at 10 pt: both columns fit 1280 pixels, so they stay side by side and the list still shows
    all its rows; narrowed to 900 pixels, they stack, and widened again they come back."""
    a_busy_day(journal_path)
    font = QApplication.font()
    QApplication.setFont(QFont("DejaVu Sans", 10))
    seen: dict[str, object] = {}

    def session(window: QWidget) -> None:
        assert isinstance(window, MainWindow)
        today = window.today()
        window.resize(1280, 800)
        qtbot.waitUntil(lambda: window.width() == 1280 and today.dose_list.isVisible())
        seen["1280"] = today.columns.stacked()
        seen["list scrolls"] = today.dose_list.verticalScrollBar().maximum()
        window.resize(900, 800)
        qtbot.waitUntil(lambda: window.width() == 900)
        qtbot.waitUntil(today.columns.stacked)
        window.resize(1280, 800)
        qtbot.waitUntil(lambda: not today.columns.stacked())
        seen["back"] = True
        window.close()

    try:
        assert start_like_the_command(monkeypatch, journal_path, NOW.astimezone().isoformat(), session) == 0
    finally:
        QApplication.setFont(font)
    assert seen == {"1280": False, "list scrolls": 0, "back": True}


def test_every_section_in_german_at_16_pt_fits_1366_pixels(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, journal_path: Path, system_font: None
) -> None:
    """``LANGUAGE=de medjournal`` at 1366×768 with a 16 pt font on the demo journal: no section scrolls
    sideways, no text is cut (the walks' measure), the medication list does not scroll sideways, and the Trends
    response stands under the chart rather than off the right edge."""
    from medjournal.demo import write_demo
    from medjournal.ui.language import apply_language
    from medjournal.ui.medications.medications_view import MedicationsView
    from medjournal.ui.trends.trends_view import TrendsView
    from tests.ui.pseudo_walk import clipped
    from tests.ui.walk_subjects import show_and_wait
    from tests.ui.widgets import of_type

    now = datetime(2026, 3, 15, 19, 40)
    demo = open_journal(journal_path, FixedClock(now.astimezone()))
    write_demo(demo, days=120)
    demo.set_setting("language", "de")
    demo.close()
    found: dict[str, object] = {}

    def session(window: QWidget) -> None:
        assert isinstance(window, MainWindow)
        window.resize(1366, 768)
        qtbot.waitUntil(lambda: window.width() == 1366)
        for section in ("today", "medications", "history", "trends", "summary"):
            show_and_wait(qtbot, window, section)
            scroller = window.tabs.currentWidget()
            assert isinstance(scroller, QScrollArea)
            QApplication.processEvents()  # the layout of what was just shown settles
            found[section] = (scroller.horizontalScrollBar().maximum(), clipped(window, 1366))
        medications = of_type(window.view("medications"), MedicationsView)
        found["medication list"] = medications.medication_list.horizontalScrollBar().maximum()
        chart_row = of_type(window.view("trends"), TrendsView).chart_row
        found["response under the chart"] = chart_row.direction() == QBoxLayout.Direction.TopToBottom
        window.close()

    try:
        assert start_like_the_command(monkeypatch, journal_path, now.astimezone().isoformat(), session) == 0
    finally:
        apply_language("en")
    assert found == {
        **{section: (0, []) for section in ("today", "medications", "history", "trends", "summary")},
        "medication list": 0,
        "response under the chart": True,
    }


def test_long_activity_names_do_not_push_trends_sideways(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, journal_path: Path
) -> None:
    """Three activities with names of the longest allowed length, rated on days typed in late: at 1280×800 the
    Trends section does not scroll sideways (the lane's title is cut at the chart's edge, chart_items.narrowable,
    or the response goes under the chart), and the title's tooltip still names all three whole."""
    from medjournal.domain.activities import MAX_NAME_LENGTH
    from medjournal.ui.trends.trends_view import TrendsView
    from tests.ui.walk_subjects import show_and_wait
    from tests.ui.widgets import of_type

    now = datetime(2026, 3, 15, 21, 0)
    journal = open_journal(journal_path, FixedClock(now.astimezone()))
    journal.add_medication("Duloxetine", 30, times="08:00", start="2026-02-01")
    names = [(f"{word} " * 20)[:MAX_NAME_LENGTH].strip() for word in ("walking", "gardening", "swimming")]
    for name in names:
        journal.add_activity(name)
        for day in ("2026-03-01", "2026-03-08", "2026-03-14"):  # written tonight, for the days they were done
            journal.rate_activity(name, 5, day=datetime.fromisoformat(day).date())
    journal.close()
    found: dict[str, object] = {}

    def session(window: QWidget) -> None:
        assert isinstance(window, MainWindow)
        window.resize(1280, 800)
        qtbot.waitUntil(lambda: window.width() == 1280)
        show_and_wait(qtbot, window, "trends")
        scroller = window.tabs.currentWidget()
        assert isinstance(scroller, QScrollArea)
        QApplication.processEvents()
        found["sideways"] = scroller.horizontalScrollBar().maximum()
        view = of_type(window.view("trends"), TrendsView)
        tips = [lane.plot.titleLabel.toolTip() for lane in view.figure.lanes.values()]
        found["named whole"] = [name for name in names if any(name in tip for tip in tips)]
        window.close()

    assert start_like_the_command(monkeypatch, journal_path, now.astimezone().isoformat(), session) == 0
    assert found == {"sideways": 0, "named whole": names}


def test_no_two_chart_labels_overlap_at_16_pt(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, journal_path: Path, system_font: None
) -> None:
    """The demo's Trends at a 16 pt font, with its medication chosen: the dose labels ("30 mg", "60 mg"), the
    baseline and current labels and the as-needed labels are measured as drawn, so no two shown labels overlap
    (they touched as "30 mg60 mg" when their width was guessed per character)."""
    import pyqtgraph as pg

    from medjournal.demo import write_demo
    from medjournal.ui.trends.trends_view import TrendsView
    from tests.ui.walk_subjects import show_and_wait
    from tests.ui.widgets import of_type

    now = datetime(2026, 3, 15, 19, 40)
    demo = open_journal(journal_path, FixedClock(now.astimezone()))
    write_demo(demo, days=120)
    demo.close()
    shown: list[str] = []
    overlapping: list[tuple[str, str]] = []

    def session(window: QWidget) -> None:
        assert isinstance(window, MainWindow)
        window.resize(1366, 768)
        qtbot.waitUntil(lambda: window.width() == 1366)
        show_and_wait(qtbot, window, "trends")
        view = of_type(window.view("trends"), TrendsView)
        view.medication_combo.setCurrentIndex(
            1
        )  # the medication under evaluation: its dose steps are labelled
        QApplication.processEvents()
        scene = view.plot_widget.scene()
        labels = [item for item in scene.items() if isinstance(item, pg.TextItem) and item.isVisible()]
        rects = [(item.toPlainText(), item.sceneBoundingRect()) for item in labels]
        shown.extend(text for text, _rect in rects)
        overlapping.extend(
            (first, second)
            for index, (first, rect) in enumerate(rects)
            for second, other in rects[index + 1 :]
            if rect.intersects(other)
        )
        window.close()

    assert start_like_the_command(monkeypatch, journal_path, now.astimezone().isoformat(), session) == 0
    assert "60 mg" in shown  # the newer dose keeps its label
    assert overlapping == []
