"""Each Alt+letter on Today is used once, in English as in German (tests/ui/test_help_german.py for German): a
letter used twice makes Alt+letter cycle between the two, and the person's first press lands on the wrong one.
The window is started the way the `medjournal` command starts it; the journal has a scheduled medication (the dose
row's "Taken at") and no activity yet (the activities card's "Add your activities…"), the two that shared Alt+T."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from tests.ui.keys import journal_at, start_like_the_command
from tests.ui.test_help_german import _mnemonics
from tests.ui.test_history_gone_german import NOW


def test_every_alt_letter_on_english_today_is_used_once(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "journal.db"
    journal = journal_at(db, NOW)
    journal.add_medication("Duloxetine", 30, times="08:00", start="2026-03-01")
    journal.add_checkin(pain=5, mood=6, day="2026-03-12", at="2026-03-15 08:00")  # typed in late
    journal.close()
    seen: dict[str, list[str]] = {}

    def session(window: QWidget) -> None:
        assert isinstance(window, QMainWindow)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        letters = _mnemonics(window)
        seen["letters"] = letters
        window.close()

    assert start_like_the_command(monkeypatch, db, NOW, session) == 0
    letters = seen["letters"]
    assert len(letters) > 5, letters  # Today's form and the menu bar were read
    assert sorted({letter for letter in letters if letters.count(letter) > 1}) == [], " ".join(
        sorted(letters)
    )
