"""A PHQ-9 with question 9 above 0 entered on the command line, then the window opened (docs/clinical.md §6.1): German
Today lists the answer first with "Hilfe finden", which opens the safety panel with the reviewed crisis lines and
notes what it showed; no card invites the person to answer the self-harm question again; the PHQ-9 card reads
"PHQ-9: 11 Punkte" and cites the PHQ-9's own source. Started as the ``medjournal`` command starts it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from medjournal.ui.language import apply_language
from medjournal.ui.main_window import MainWindow
from medjournal.ui.today.today_view import TodayView
from tests.conftest import NOW, Cli
from tests.ui.keys import journal_at, start_like_the_command
from tests.ui.widgets import of_type

pytestmark = pytest.mark.gui


def test_a_command_line_answer_to_question_9_is_the_first_card_on_german_today(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "journal.db"
    journal = journal_at(db, NOW.isoformat())
    journal.set_setting("language", "de")
    journal.set_setting("country", "DE")
    journal.close()
    result = Cli(db, NOW)("questionnaire", "phq9", "--answers", "1,2,1,2,1,1,1,1,1")
    assert result.exit_code == 0, result.output
    seen: dict[str, Any] = {}

    def session(window: QWidget) -> None:
        window = of_type(window, MainWindow)
        window.activateWindow()
        today = of_type(window.view("today"), TodayView)
        rows = list(today.warnings_panel.rows.values())
        seen["rows"] = [
            (row.title.text(), row.source.text(), [b.text() for b in row.offer_buttons.values()])
            for row in rows
        ]
        with qtbot.waitSignal(today.safety_panel_opened, timeout=5000) as opened:
            qtbot.mouseClick(rows[0].offer_buttons["help"], Qt.MouseButton.LeftButton)
        panel = opened.args[0]
        seen["panel"] = panel.plain_text()
        qtbot.mouseClick(panel.read_button, Qt.MouseButton.LeftButton)
        window.close()

    try:
        assert start_like_the_command(monkeypatch, db, NOW.isoformat(), session) == 0
    finally:
        apply_language("en")
    (answer_title, answer_source, answer_offers), (phq9_title, phq9_source, phq9_offers) = seen["rows"]
    assert answer_title == "<b>Ihre Antwort zu Gedanken an Selbstverletzung am 15.03.2026</b>"
    assert answer_offers == ["Hilfe finden"]
    assert answer_source.startswith("Quelle: PHQ-9 instructions")
    assert phq9_title == "<b>PHQ-9: 11 Punkte</b>"
    assert phq9_source.startswith("Quelle: Kroenke K, Spitzer RL, Williams JBW. The PHQ-9")
    assert phq9_offers == []  # nothing invites an answer to the question just answered
    assert "TelefonSeelsorge" in seen["panel"] and "0800 111 0 111" in seen["panel"]
    reopened = journal_at(db, NOW.isoformat())
    [event] = reopened.safety_events()
    reopened.close()
    assert event.kind == "phq9_item9" and "0800 111 0 111" in event.shown  # what the panel showed, noted
