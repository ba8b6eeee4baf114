"""The window's start works out Today's notes to discuss once (docs/architecture.md, *Start-up*): the panel is
filled by Today's first refresh, not also when it is built. Started as the ``medjournal`` command starts it,
with an answer typed in late that makes a note."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from medjournal.ui.main_window import MainWindow
from medjournal.ui.today import warnings_panel
from medjournal.ui.today.today_view import TodayView
from tests.conftest import NOW
from tests.test_cli_german import run
from tests.ui.keys import start_like_the_command
from tests.ui.widgets import of_type

pytestmark = pytest.mark.gui


def test_todays_notes_are_worked_out_once_at_the_start_and_shown(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "journal.db"
    last_week = (NOW.date() - timedelta(days=6)).isoformat()
    answered = run(db, "questionnaire", "phq9", "--answers", "1,1,1,1,1,1,1,1,2", "--date", last_week)
    assert answered.exit_code == 0, answered.output
    calls: list[str] = []
    from medjournal.domain.warnings import journal_warnings as worked_out

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append("warnings")
        return worked_out(*args, **kwargs)

    monkeypatch.setattr(warnings_panel, "journal_warnings", counted)
    seen: dict[str, Any] = {}

    def session(window: QWidget) -> None:
        today = of_type(of_type(window, MainWindow).view("today"), TodayView)
        seen["calls"] = len(calls)
        seen["kinds"] = [row.warning.kind for row in today.warnings_panel.rows.values()]
        seen["visible"] = today.warnings_panel.isVisible()
        window.close()

    assert start_like_the_command(monkeypatch, db, NOW.isoformat(), session) == 0
    assert seen["calls"] == 1
    assert seen["visible"] and seen["kinds"]  # the late answer's note is there
