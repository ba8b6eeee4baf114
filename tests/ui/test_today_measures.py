"""Today's Measures area with the keyboard: folded until used, open once a measure exists, errors next to their
field, everything filled in written together for the day shown (docs/clinical.md §6.7)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from medjournal.storage import Journal
from tests.test_measures import neutral_locale  # noqa: F401 (autouse: bare weights in kg)
from tests.ui.keys import ALT, Keyboard

pytestmark = pytest.mark.gui

DAY = date(2026, 3, 15)  # the fixture clock's day


def open_today(qtbot, window):
    window.activateWindow()
    window.show_section("today")
    today = window.view("today")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return today


def test_measures_are_folded_until_used_and_saved_together(qtbot, window, journal: Journal) -> None:
    today = open_today(qtbot, window)
    area = today.measures
    assert not area.is_open()
    keys = Keyboard(qtbot)
    keys.press(Qt.Key.Key_U, ALT)  # Meas&ures: opens and goes to the weight
    qtbot.waitUntil(lambda: QApplication.focusWidget() is area.weight_edit)
    assert area.is_open()
    assert area.weight_edit.accessibleName() == "Weight"
    assert area.pulse_edit.accessibleName() == "pulse"
    assert area.drinks_edit.accessibleName() == "Drinks in the last 7 days"
    keys.type("82")
    qtbot.keyClicks(area.weight_edit, ".4")
    keys.press(Qt.Key.Key_Tab)
    keys.type("128")
    keys.press(Qt.Key.Key_Tab)
    keys.type("84")
    keys.press(Qt.Key.Key_Tab)
    keys.type("72")
    keys.press(Qt.Key.Key_Tab)
    keys.type("4")
    keys.press(Qt.Key.Key_Return)  # Enter in a measure saves the measures, not an (empty) check-in
    got = [(m.day, m.kind, m.value, m.diastolic, m.pulse) for m in journal.measures()]
    assert got == [
        (DAY, "weight", 82.4, None, None),
        (DAY, "blood_pressure", 128, 84, 72),
        (DAY, "alcohol", 4, None, None),
    ]
    assert journal.checkins() == []
    assert "Saved for 2026-03-15: weight 82.4 kg, blood pressure 128/84 pulse 72, 4 drinks in 7 days." in (
        area.status.text()
    )
    assert area.weight_edit.text() == ""


def test_an_impossible_value_is_shown_next_to_its_field_and_nothing_is_written(
    qtbot, window, journal: Journal
) -> None:
    today = open_today(qtbot, window)
    area = today.measures
    area.toggle.click()
    qtbot.keyClicks(area.weight_edit, "81")
    qtbot.keyClicks(area.upper_edit, "400")
    qtbot.keyClicks(area.lower_edit, "20")
    qtbot.keyClick(area.lower_edit, Qt.Key.Key_Return)
    assert journal.measures() == []  # the good weight waits for the bad pressure: all or nothing
    error = area.errors["pressure"]
    assert error.isVisibleTo(area)
    assert error.text().startswith("A blood pressure of 400/20 is not possible")
    assert not area.errors["weight"].isVisibleTo(area)
    area.upper_edit.clear()
    area.lower_edit.clear()
    qtbot.keyClicks(area.upper_edit, "120")
    qtbot.keyClicks(area.lower_edit, "80")
    qtbot.keyClicks(area.pulse_edit, "300")
    area.save_button.click()
    assert journal.measures() == []
    assert area.errors["pressure"].text().startswith("A pulse must be from 25 to 250")
    area.pulse_edit.clear()
    area.save_button.click()
    assert [(m.kind, m.value) for m in journal.measures()] == [("weight", 81), ("blood_pressure", 120)]
    assert not error.isVisibleTo(area)


def test_a_measure_for_an_earlier_day_and_the_area_open_once_one_exists(
    qtbot, window, journal: Journal
) -> None:
    journal.set_setting("weight_unit", "lb")
    today = open_today(qtbot, window)
    today.set_day(date(2026, 3, 10))
    area = today.measures
    area.toggle.click()
    qtbot.keyClicks(area.weight_edit, "181.7")
    area.save_button.click()
    [entry] = journal.measures()
    assert entry.day == date(2026, 3, 10) and entry.recorded_at.startswith("2026-03-15")
    assert entry.value == pytest.approx(82.418, abs=0.001)
    assert area.unit_label.text() == "lb"
    assert area.status.text() == "Saved for 2026-03-10: weight 181.7 lb."
    assert area.latest.text() == "Latest: weight 181.7 lb (2026-03-10)"

    from medjournal.ui.today.measures_form import MeasuresForm

    again = MeasuresForm(journal, today, lambda: date(2026, 3, 15))
    qtbot.addWidget(again)
    assert again.is_open()  # a journal with a measure opens the area from the start
    assert again.latest.text() == "Latest: weight 181.7 lb (2026-03-10)"
