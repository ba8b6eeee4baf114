"""The Medications view calls a medication that starts after today "planned from" its day, not stopped, and a
current medication with a later dose step says when the next dose begins instead of only its "last day"
(domain/medication_state.py). German window, started as the ``medjournal`` command starts it, on a journal set up
through the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from medjournal.ui.language import apply_language
from medjournal.ui.main_window import MainWindow
from medjournal.ui.medications.medications_view import MedicationsView
from tests.conftest import NOW, Cli
from tests.test_planned_medications import planned_journal
from tests.ui.keys import journal_at, start_like_the_command
from tests.ui.widgets import of_type

pytestmark = pytest.mark.gui


def _read(qtbot: Any, view: MedicationsView, ids: dict[str, int]) -> dict[str, Any]:
    """The list's texts, and Duloxetine's status line and dose steps (newest first)."""
    qtbot.waitUntil(lambda: view.medication_list.count() > 0)
    names = [view.medication_list.item(i).text() for i in range(view.medication_list.count())]
    view.select_medication(ids["Duloxetine"])
    table = view.regimen_table
    cells = [(table.item(r, 0), table.item(r, 1)) for r in range(table.rowCount())]
    steps = [(start.text(), end.text()) for start, end in cells if start is not None and end is not None]
    return {"list": names, "status": view.status.text(), "steps": steps}


def test_the_german_medications_view_says_geplant_ab(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "journal.db"
    planned_journal(Cli(db, NOW))
    journal = journal_at(db, NOW.isoformat())
    journal.set_setting("language", "de")
    ids = {m.name: m.id for m in journal.medications()}
    journal.close()
    seen: dict[str, Any] = {}

    def session(window: QWidget) -> None:
        of_type(window, MainWindow).show_section("medications")
        seen.update(
            _read(qtbot, of_type(of_type(window, MainWindow).view("medications"), MedicationsView), ids)
        )
        window.close()

    try:
        assert start_like_the_command(monkeypatch, db, NOW.isoformat(), session) == 0
    finally:
        apply_language("en")
    assert "Pregabalin  (geplant ab 20.03.2026)" in seen["list"]
    assert "Ibuprofen  (abgesetzt)" in seen["list"]
    assert not [text for text in seen["list"] if text.startswith("Pregabalin") and "abgesetzt" in text]
    assert seen["status"] == "30 mg um 08:00, seit 01.03.2026; ab 16.03.2026: 60 mg"
    assert seen["steps"] == [("16.03.2026", "geplant"), ("01.03.2026", "15.03.2026")]
