"""A medication added in the evening through the command line: the window started as the ``medjournal`` command
starts it shows the morning's slot, which came due before the journal knew the medication, as not recorded and
open to log, and the reminders report no missed dose (domain/schedule.py ``open_status``, the rule
``medjournal today`` and the summary use). The reminders were last checked that morning, before the slot."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from medjournal.ui.main_window import MainWindow
from medjournal.ui.reminders import LAST_CHECKED
from medjournal.ui.today.today_view import TodayView
from tests.conftest import Cli
from tests.ui.keys import journal_at, start_like_the_command
from tests.ui.widgets import of_type

pytestmark = pytest.mark.gui

MORNING = "2026-12-07T07:00:00"
EVENING = "2026-12-07T20:00:00"
NIGHT = "2026-12-07T21:00:00"


def test_the_window_reports_no_missed_dose_from_before_the_medication(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "journal.db"
    added = Cli(db, datetime.fromisoformat(EVENING).astimezone())(
        "med", "add", "Duloxetine", "--dose", "30", "--times", "08:00,20:00"
    )
    assert added.exit_code == 0, added.output
    journal = journal_at(db, MORNING)
    try:  # the window was last open at 07:00, before the morning's slot
        journal.set_setting(LAST_CHECKED, datetime.fromisoformat(MORNING).astimezone().isoformat())
    finally:
        journal.close()
    seen: dict[str, Any] = {}

    def session(window: QWidget) -> None:
        main = of_type(window, MainWindow)
        today = of_type(main.view("today"), TodayView)
        seen["rows"] = {
            row.slot.slot: (row.slot.status, row.cells()[3], row.is_open)
            for row in today.dose_list.rows
            if row.slot is not None
        }
        banner = main.reminders.banner
        seen["missed shown"] = banner.missed_label.isVisibleTo(banner)
        seen["missed text"] = banner.missed_label.text()
        seen["due"] = sorted(key[2] for key in main.reminders.scheduler.pending)
        window.close()

    assert start_like_the_command(monkeypatch, db, NIGHT, session) == 0
    assert (seen["missed shown"], seen["missed text"]) == (False, "")
    assert seen["rows"] == {
        "08:00": ("not_recorded", "Not recorded", True),
        "20:00": ("due", "Due now", True),
    }
    assert seen["due"] == ["20:00"]  # the evening's dose, due an hour ago, is a reminder as usual
