"""One check-in however it is saved (docs/today.md): the values stay, saving again updates the same entries,
one save is one transaction, and T on a dose long past asks when it was taken."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt, QTime

from medjournal.domain.clock import FixedClock
from medjournal.domain.errors import JournalFileError
from medjournal.storage import Journal
from medjournal.ui.today.dose_time_dialog import DoseTimeDialog
from medjournal.ui.today.today_view import TodayView

pytestmark = pytest.mark.gui

DAY = date(2026, 3, 15)  # the fixture clock: 09:30


@pytest.fixture
def today(qtbot, journal: Journal) -> TodayView:
    view = TodayView(journal)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_saving_again_updates_the_same_checkin_and_ratings(today: TodayView, journal: Journal) -> None:
    today.checkin.pain.set_rating(6)
    today.side_effects.set_ratings({"nausea": 2, "dizziness": 1})
    assert today.save()
    assert "saved 09:30" in today.checkin.title()
    assert not today.save()  # nothing changed: nothing written
    assert "Nothing changed" in today.status.text()
    today.checkin.mood.set_rating(5)
    today.side_effects.set_ratings({"nausea": 3})  # dizziness cleared with Delete
    assert today.save()
    [checkin] = journal.checkins(DAY, DAY)
    assert (checkin.pain, checkin.mood) == (6, 5)
    assert [(e.symptom, e.severity) for e in journal.side_effects(DAY, DAY)] == [("nausea", 3)]


def test_the_side_effect_list_shows_the_days_saved_ratings(qtbot, journal: Journal) -> None:
    journal.add_side_effect("nausea", 2, day=DAY)
    view = TodayView(journal)
    qtbot.addWidget(view)
    assert view.side_effects.ratings() == {"nausea": 2}
    view.side_effects.set_ratings({"nausea": 1})
    view.refresh()  # a dose written meanwhile reloads the day; the change not saved yet stays
    assert view.side_effects.ratings() == {"nausea": 1}
    assert view.save()
    assert [(e.symptom, e.severity) for e in journal.side_effects(DAY, DAY)] == [("nausea", 1)]


def test_one_save_is_one_transaction_and_a_retry_makes_no_duplicate(
    today: TodayView, journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    today.checkin.pain.set_rating(6)
    today.side_effects.set_ratings({"nausea": 2})
    today.treatments.minutes["physical_therapy"].setValue(30)
    real = journal.add_treatment

    def disk_full(*args: object, **kwargs: object) -> object:
        raise JournalFileError("The disk is full. The entry was not saved.")

    monkeypatch.setattr(journal, "add_treatment", disk_full)  # the last write of the save fails
    assert not today.save()
    assert "disk is full" in today.status.text()
    assert journal.checkins() == [] and journal.side_effects() == [] and journal.treatments() == []
    monkeypatch.setattr(journal, "add_treatment", real)
    assert today.save()  # the form still holds everything: saving again saves it once
    assert (
        len(journal.checkins()) == 1 and len(journal.side_effects()) == 1 and len(journal.treatments()) == 1
    )


def test_a_dose_long_past_asks_when_and_now_is_one_choice(qtbot, today: TodayView, journal: Journal) -> None:
    journal.add_medication("Duloxetine", 30, times="08:00", start="2026-02-01")
    today.refresh()
    today.focus_first()
    qtbot.keyClick(today.dose_list, Qt.Key.Key_T)
    dialog = today.doses.time_dialog
    assert isinstance(dialog, DoseTimeDialog) and dialog.isVisible()
    assert journal.dose_logs() == []  # nothing until answered
    assert dialog.planned_button.text() == "At 08:00, as &planned" and dialog.planned_button.isDefault()
    dialog.now_button.click()  # Now, 09:30
    [log] = journal.dose_logs(DAY, DAY)
    assert (log.slot, log.moment.strftime("%H:%M")) == ("08:00", "09:30")


def test_escape_logs_nothing_and_another_time_is_typed(qtbot, today: TodayView, journal: Journal) -> None:
    journal.add_medication("Duloxetine", 30, times="08:00", start="2026-02-01")
    today.refresh()
    today.focus_first()
    qtbot.keyClick(today.dose_list, Qt.Key.Key_T)
    first = today.doses.time_dialog
    assert first is not None
    qtbot.keyClick(first, Qt.Key.Key_Escape)
    assert not first.isVisible() and journal.dose_logs() == []
    qtbot.keyClick(today.dose_list, Qt.Key.Key_T)
    dialog = today.doses.time_dialog
    assert dialog is not None and dialog is not first
    dialog.time_edit.setTime(QTime(8, 40))
    dialog.time_edit.setFocus()
    qtbot.keyClick(dialog.time_edit, Qt.Key.Key_Return)  # Enter in the time field logs that time
    [log] = journal.dose_logs(DAY, DAY)
    assert log.moment.strftime("%H:%M") == "08:40"


def test_within_30_minutes_there_is_no_question(qtbot, journal: Journal, clock: FixedClock) -> None:
    journal.add_medication("Duloxetine", 30, times="09:00", start="2026-02-01")
    clock.set(datetime(2026, 3, 15, 9, 29).astimezone())
    view = TodayView(journal)
    qtbot.addWidget(view)
    view.focus_first()
    qtbot.keyClick(view.dose_list, Qt.Key.Key_T)
    assert view.doses.time_dialog is None
    [log] = journal.dose_logs(DAY, DAY)
    assert log.moment.strftime("%H:%M") == "09:29"


def test_a_misspelt_own_symptom_asks_did_you_mean(today: TodayView, journal: Journal, monkeypatch) -> None:
    asked: list[tuple[str, str]] = []

    def ask_did_you_mean(typed: str, label: str) -> bool:
        asked.append((typed, label))
        return True

    monkeypatch.setattr(today, "ask_did_you_mean", ask_did_you_mean)
    today.own_edit.setText("dizzyness")
    today.add_own_side_effect()
    assert asked == [("dizzyness", "Dizziness")]
    assert "dizzyness" not in today.side_effects.symptom_keys()
    current = today.side_effects.currentItem()
    assert current is not None and current.text(0) == "Dizziness"
    assert journal.setting("own_side_effects", []) in ([], None)
    monkeypatch.setattr(today, "ask_did_you_mean", lambda typed, label: False)  # no: a new symptom
    today.own_edit.setText("dizzyness")
    today.add_own_side_effect()
    assert "dizzyness" in today.side_effects.symptom_keys()
    assert journal.setting("own_side_effects") == ["dizzyness"]
