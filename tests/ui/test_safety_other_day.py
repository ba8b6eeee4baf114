"""The window's other-day entry: a PHQ-9 answered for an earlier day is dated by that day everywhere, and
Today lists the answer first, with the safety panel, and asks nothing already answered (docs/clinical.md §6.1,
§6.9)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt

from medjournal.domain.clock import FixedClock
from medjournal.storage import open_journal
from medjournal.ui.today.safety_panel import SafetyPanel
from medjournal.ui.today.today_view import TodayView
from tests.conftest import NOW, Cli
from tests.ui.widgets import of_type

pytestmark = pytest.mark.gui

EARLIER = NOW.date() - timedelta(days=4)


def test_phq9_for_an_earlier_day_in_the_window(qtbot, journal_path: Path) -> None:
    from medjournal.ui.main_window import MainWindow

    journal = open_journal(journal_path, FixedClock(NOW))
    window = MainWindow(journal, first_run=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    today = of_type(window.views["today"], TodayView)
    today.day_edit.setDate(QDate(EARLIER.year, EARLIER.month, EARLIER.day))
    assert today.late_banner.isVisible()
    today.start_questionnaire("phq9")
    card = today.questionnaires.card
    card.set_answers([2, 2, 2, 2, 2, 2, 2, 1, 1])  # 16, item 9 "several days"
    with qtbot.waitSignal(today.safety_panel_opened, timeout=2000) as opened:
        card.save_button.click()
    panel: SafetyPanel = opened.args[0]
    qtbot.mouseClick(panel.read_button, Qt.MouseButton.LeftButton)
    [event] = journal.safety_events()
    assert event.day == EARLIER and event.source == "questionnaire"
    assert event.recorded_on == NOW.date()

    # Back on today: the answer's card comes first and opens the safety panel again; the calm PHQ-9 warning
    # offers nothing more to answer (the PHQ-9 asked the self-harm question).
    today.day_edit.setDate(QDate(NOW.year, NOW.month, NOW.day))
    first, *rest = today.warnings_panel.rows.values()
    assert first.warning.kind == "self_harm_answer" and first.warning.day == EARLIER
    rows = [r for r in rest if r.warning.title == "PHQ-9: 16 points"]
    assert len(rows) == 1
    assert list(rows[0].offer_buttons) == []
    assert list(first.offer_buttons) == ["help"]
    window.activateWindow()
    with qtbot.waitSignal(today.safety_panel_opened, timeout=2000) as again:
        qtbot.mouseClick(first.offer_buttons["help"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(again.args[0].read_button, Qt.MouseButton.LeftButton)
    window.close()
    journal.close()

    # The summary of a period that ends on that earlier day holds both flags, dated by it.
    report = Cli(journal_path, NOW)("report", "--json", "--from", "2026-03-01", "--to", EARLIER.isoformat())
    flags = json.loads(report.output)["safety"]["flags"]
    assert [(f["kind"], f["date"], f["recorded_on"]) for f in flags] == [
        ("phq9_item9", EARLIER.isoformat(), NOW.date().isoformat()),
        ("phq9_severe", EARLIER.isoformat(), NOW.date().isoformat()),
    ]


def test_weekly_question_offered_in_today_goes_once_answered(qtbot, journal_path: Path) -> None:
    from medjournal.ui.main_window import MainWindow

    Cli(journal_path, NOW)(
        "med", "add", "Duloxetine", "--dose", "30", "--times", "08:00", "--start", "2026-03-01"
    )
    journal = open_journal(journal_path, FixedClock(NOW))
    window = MainWindow(journal, first_run=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    today = of_type(window.views["today"], TodayView)
    [row] = [r for r in today.warnings_panel.prompt_rows.values() if r.warning.kind == "self_harm_offer"]
    window.activateWindow()
    qtbot.mouseClick(row.offer_buttons["self_harm"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: today.checkin.self_harm.hasFocus())
    qtbot.keyClick(today.checkin.self_harm, Qt.Key.Key_Down)  # "No"
    assert today.checkin.self_harm_answer() is False
    assert today.save()
    assert [c.self_harm_thoughts for c in journal.checkins()] == [0]
    assert today.warnings_panel.prompt_rows == {}
    window.close()
    journal.close()
