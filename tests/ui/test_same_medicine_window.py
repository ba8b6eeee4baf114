"""The same medicine entered twice, in the window started as ``medjournal`` starts it (docs/clinical.md §4.7):
adding "duloxetine" by keys next to a current Cymbalta is saved (never refused) and the Medications view says,
under the new entry, that both are duloxetine and what they add up to; Today's notes show the same-medicine
caution and no serotonin-syndrome one between the two. Cymbalta was typed in after its start day."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from medjournal.ui.main_window import MainWindow
from medjournal.ui.medications.medication_dialog import MedicationDialog
from medjournal.ui.medications.medications_view import MedicationsView
from medjournal.ui.today.today_view import TodayView
from tests.ui.keys import Keyboard, journal_at, start_like_the_command
from tests.ui.modal import with_modal
from tests.ui.test_medications_view import save
from tests.ui.widgets import of_type

pytestmark = pytest.mark.gui

NOW = "2026-03-15T09:30"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "journal.db"
    journal = journal_at(path, NOW)
    journal.add_medication("Cymbalta", 60, times="08:00", start="2026-03-01")
    journal.add_checkin(mood=6, self_harm_thoughts=False)  # this week's optional question answered
    journal.close()
    return path


def test_adding_duloxetine_by_keys_next_to_cymbalta_says_it_is_the_same_medicine(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, db: Path
) -> None:
    seen: dict[str, Any] = {}

    def session(window: QWidget) -> None:
        main = of_type(window, MainWindow)
        keys = Keyboard(qtbot)
        main.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
        keys.play("Ctrl+2")  # View > Medications
        view = of_type(main.view("medications"), MedicationsView)
        qtbot.waitUntil(view.isVisible)
        view.medication_list.setFocus()

        def fill(dialog: QWidget) -> None:
            assert isinstance(dialog, MedicationDialog)
            qtbot.keyClicks(dialog.name, "duloxetine")
            assert dialog.schedule is not None
            qtbot.keyClicks(dialog.schedule.dose, "30")
            save(dialog)

        with qtbot.waitSignal(view.journal_changed):
            with_modal(view.add_button.click, fill)
        qtbot.waitUntil(lambda: len(main.journal.medications()) == 2)
        qtbot.waitUntil(lambda: view.same_medicine.isVisible())
        seen["selected"] = view.title.text()
        seen["note"] = view.same_medicine.text()
        view.select_medication(main.journal.medication("Cymbalta").id)
        seen["note on Cymbalta"] = view.same_medicine.text()
        main.activateWindow()
        keys.play("Ctrl+1")  # View > Today
        today = of_type(main.view("today"), TodayView)
        qtbot.waitUntil(lambda: today.isVisible())
        today.warnings_panel.refresh()
        seen["today"] = [(row.warning.key, row.message.text()) for row in today.warnings_panel.rows.values()]
        window.close()

    assert start_like_the_command(monkeypatch, db, NOW, session) == 0
    note = (
        "Cymbalta and duloxetine are both duloxetine, the same medicine: as entered, 60 mg a day of Cymbalta and "
        "30 mg a day of duloxetine, 90 mg of duloxetine a day in all. Make sure your prescriber knows about both "
        "entries. If they are one prescription entered twice, it can be kept as one entry in Medications, so "
        "that the summary counts it once."
    )
    assert seen["selected"] == "duloxetine"
    assert seen["note"] == note
    assert seen["note on Cymbalta"] == note
    assert seen["today"] == [("same-medicine:1-2", note)]
    journal = journal_at(db, NOW)
    added = journal.medication("duloxetine")
    [step] = journal.regimens(added.id)
    journal.close()
    assert (step.dose, step.times, step.start_date.isoformat()) == (30.0, ("08:00",), "2026-03-15")
