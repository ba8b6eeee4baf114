"""Settings › Weight in: kg, lb or automatic (the country and the language), chosen with the keyboard in the real
window; weights stay stored in kg and Today's Measures area shows the chosen unit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from medjournal.ui.journal.settings_dialog import SettingsDialog
from medjournal.ui.main_window import MainWindow
from medjournal.ui.today.today_view import TodayView
from tests.ui.keys import Keyboard, journal_at, start_like_the_command
from tests.ui.widgets import of_type

pytestmark = pytest.mark.gui

NOW = "2026-12-01T21:30"


def test_pounds_chosen_in_settings_show_in_today_and_weights_stay_in_kg(
    qtbot: Any, monkeypatch: Any, tmp_path: Path
) -> None:
    db = tmp_path / "journal.db"
    journal = journal_at(db, NOW)
    journal.add_medication("Duloxetine", 60, times="08:00", start="2026-11-01")
    journal.set_setting("country", "GB")  # automatic would be kg
    journal.add_measure("weight", 82.0, day="2026-11-30")
    journal.close()
    seen: dict[str, Any] = {}

    def session(window: QWidget) -> None:
        main = of_type(window, MainWindow)
        main.show_section("today")
        today = of_type(main.view("today"), TodayView)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is today.dose_list)
        keys = Keyboard(qtbot)
        seen["before"] = today.measures.unit_label.text()
        keys.play("Ctrl+,")
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SettingsDialog)
        seen["automatic"] = dialog.weight_unit.itemText(0)
        keys.play("Alt+G P Enter")
        qtbot.waitUntil(lambda: not dialog.isVisible())
        qtbot.waitUntil(lambda: today.measures.unit_label.text() == "lb")
        seen["today"] = today.measures.unit_label.text()
        window.close()

    assert start_like_the_command(monkeypatch, db, NOW, session) == 0
    assert seen["automatic"] == "Automatic (kg for your country and language)"
    assert (seen["before"], seen["today"]) == ("kg", "lb")
    journal = journal_at(db, NOW)
    try:
        assert journal.setting("weight_unit") == "lb"
        assert journal.weight_unit() == "lb"
        assert [round(m.value, 1) for m in journal.measures()] == [82.0]  # still kg
    finally:
        journal.close()
