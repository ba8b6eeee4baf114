"""Today with the keyboard alone: a typical day in few key presses, and the rows it writes."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from medjournal.storage import Journal
from tests.ui.keys import Keyboard

pytestmark = pytest.mark.gui

DAY = date(2026, 3, 15)  # the fixture clock's day; it is 09:30


@pytest.fixture
def scheduled(journal: Journal) -> Journal:
    journal.add_medication("Duloxetine", 30, times="08:00", start="2026-02-01")
    journal.add_medication("Amitriptyline", 10, times="21:00", start="2026-02-01")
    return journal


def focus_today(window) -> None:
    window.activateWindow()
    window.show_section("today")


def test_a_typical_day_by_keyboard_alone(qtbot, window, scheduled: Journal) -> None:
    today = window.view("today")
    today.refresh()
    focus_today(window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is today.dose_list)
    keys = Keyboard(qtbot)

    keys.type("T")  # 08:00 Duloxetine, 90 minutes past: when was it taken?
    keys.press(Qt.Key.Key_Return)  # at 08:00, as planned
    keys.type("T")  # 21:00 Amitriptyline taken now (the list moves to the next open dose)
    keys.press(Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)  # jump to pain
    keys.type("6")
    keys.press(Qt.Key.Key_Tab)  # mood
    keys.type("5")
    keys.press(Qt.Key.Key_Tab)  # sleep
    keys.type("7")
    keys.press(Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)  # jump to side effects
    keys.type("N")  # type-ahead: Nausea
    keys.type("2")  # moderate
    keys.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # save

    assert keys.presses <= 25, keys.presses
    logs = scheduled.dose_logs(DAY, DAY)
    names = {scheduled.medication(log.medication_id).name: log for log in logs}
    assert set(names) == {"Duloxetine", "Amitriptyline"}
    assert all(log.status == "taken" for log in logs)
    assert names["Duloxetine"].slot == "08:00"
    assert names["Amitriptyline"].slot == "21:00"
    checkins = scheduled.checkins(DAY, DAY)
    assert [(c.pain, c.mood, c.sleep) for c in checkins] == [(6, 5, 7)]
    effects = scheduled.side_effects(DAY, DAY)
    assert [(e.symptom, e.severity) for e in effects] == [("nausea", 2)]
    assert names["Duloxetine"].moment.strftime("%H:%M") == "08:00"
    # the saved values stay on screen; saving again changes nothing
    assert today.checkin.pain.rating() == 6
    assert today.side_effects.ratings() == {"nausea": 2}
    keys.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert len(scheduled.checkins(DAY, DAY)) == 1 and len(scheduled.side_effects(DAY, DAY)) == 1
    print(f"typical day: {keys.presses} key presses")


def test_enter_saves_from_a_rating(qtbot, window, journal: Journal) -> None:
    today = window.view("today")
    focus_today(window)
    today.checkin.mood.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    keys = Keyboard(qtbot)
    keys.type("8")
    keys.press(Qt.Key.Key_Return)
    assert [(c.pain, c.mood) for c in journal.checkins(DAY, DAY)] == [(None, 8)]
    assert "Saved" in today.status.text()


def test_enter_in_the_own_symptom_field_adds_it_instead_of_saving(qtbot, window, journal: Journal) -> None:
    today = window.view("today")
    focus_today(window)
    today.own_edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is today.own_edit)
    today.own_edit.setText("Yawning")
    Keyboard(qtbot).press(Qt.Key.Key_Return)
    assert "Yawning" in today.side_effects.symptom_keys()
    assert journal.checkins() == [] and journal.side_effects() == []


def test_f1_opens_help_and_about_names_the_version(qtbot, window, monkeypatch) -> None:
    from medjournal import __version__
    from medjournal.ui import help as help_module

    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, help_module.HelpDialog)]
    assert dialogs and dialogs[-1].isVisible()
    assert "Ctrl+S" in " ".join(label.text() for label in dialogs[-1].findChildren(QLabel))
    dialogs[-1].close()
    assert __version__ in help_module.about_text()
