"""The person's own activities in the window: named from Today's prompt, rated inside the PEG's card by keyboard
and saved with it, set up again from Settings (docs/today.md, "Your own activities")."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from medjournal.storage import Journal
from medjournal.ui.today.activities_dialog import ActivitiesDialog
from tests.ui.keys import Keyboard
from tests.ui.modal import with_modal

pytestmark = pytest.mark.gui

DAY = date(2026, 3, 15)  # the fixture clock's day


def _today(window):
    window.activateWindow()
    window.show_section("today")
    today = window.view("today")
    today.refresh()
    return today


def test_the_activities_are_rated_by_keyboard_with_the_peg_and_saved_with_it(
    qtbot, window, journal: Journal
) -> None:
    journal.add_activity("walk 20 minutes")
    journal.add_activity("sit through a meal")
    section = _today(window).questionnaires
    assert section.card.due is not None and section.card.due.instrument == "peg"
    qtbot.waitUntil(lambda: section.activity_ratings.isVisible())
    assert not section.activities_prompt.isVisible()  # there are activities: no prompt
    section.card.focus_first()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is section.card.inputs[0])
    keys = Keyboard(qtbot)
    for key in [
        "6",
        "Tab",
        "5",
        "Tab",
        "4",
        "Tab",
        "3",
        "Tab",
    ]:  # the PEG's three answers, then the first activity
        keys.play(key)
    assert keys.focused() is section.activity_ratings.inputs[1]  # the second activity, left unrated
    keys.press(Qt.Key.Key_Tab)
    assert keys.focused() is section.card.save_button
    keys.press(Qt.Key.Key_Space)
    [peg] = journal.questionnaires()
    assert peg.answers == (6, 5, 4)
    assert [(journal.activity(r.activity_id).name, r.day, r.rating) for r in journal.activity_ratings()] == [
        ("walk 20 minutes", DAY, 3)
    ]
    assert "activities' ratings were saved" in section.status.text()


def test_a_refused_peg_saves_no_activity_rating(qtbot, window, journal: Journal) -> None:
    journal.add_activity("walk 20 minutes")
    section = _today(window).questionnaires
    section.activity_ratings.inputs[0].set_rating(4)
    section.card.set_answers([6, 5, 4])
    original = journal.add_questionnaire

    def refused(*args, **kwargs):
        original(*args, **kwargs)
        from medjournal.domain.errors import ValidationError

        raise ValidationError("refused on purpose")

    journal.add_questionnaire = refused  # type: ignore[method-assign]
    section.card.save_button.click()
    assert "refused on purpose" in section.card.error.text()
    assert journal.questionnaires() == [] and journal.activity_ratings() == []


def test_the_prompt_opens_the_setup_and_goes_once_an_activity_is_named(
    qtbot, window, journal: Journal
) -> None:
    section = _today(window).questionnaires
    assert section.activities_prompt.isVisible()
    keys = Keyboard(qtbot)

    def name_two(dialog: QWidget) -> None:
        assert isinstance(dialog, ActivitiesDialog)
        keys.type("WALK")
        keys.press(Qt.Key.Key_Return)
        keys.type("WALK")  # a look-alike of the first: one sentence, nothing written
        keys.press(Qt.Key.Key_Return)
        assert dialog.message.text() == "There is already an activity called “walk”."
        assert dialog.name.text() == "walk"  # kept to be corrected
        dialog.name.clear()
        keys.type("GARDEN")
        keys.press(Qt.Key.Key_Return)
        dialog.accept()

    with_modal(section.activities_prompt.add_button.click, name_two)
    assert [a.name for a in journal.activities()] == ["walk", "garden"]
    qtbot.waitUntil(lambda: not section.activities_prompt.isVisible())
    assert section.activity_ratings.isVisible()  # the PEG due today now asks them


def test_not_now_puts_the_prompt_away_for_good(qtbot, window, journal: Journal) -> None:
    section = _today(window).questionnaires
    section.activities_prompt.later_button.click()
    assert not section.activities_prompt.isVisible()
    assert journal.setting("activities_prompt_dismissed") is True
    section.refresh(DAY)
    assert not section.activities_prompt.isVisible()


def test_the_setup_renames_and_stops_asking_and_keeps_the_ratings(qtbot, journal: Journal) -> None:
    journal.add_activity("walk 20 minutes")
    journal.add_activity("garden")
    journal.rate_activity("walk 20 minutes", 3, date(2026, 3, 1))
    dialog = ActivitiesDialog(journal)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.list.setCurrentRow(0)
    item = dialog.list.item(0)
    item.setText("GARDEN")  # as the editor commits it (F2, typing, Enter)
    assert dialog.message.text() == "There is already an activity called “garden”."
    assert dialog.list.item(0).text() == "walk 20 minutes"  # put back
    dialog.list.item(0).setText("walk 30 minutes")
    assert journal.activity(1).name == "walk 30 minutes"
    dialog.list.setCurrentRow(0)
    assert dialog.toggle_button.text() == "&Stop asking"
    dialog.toggle_button.click()
    assert [a.name for a in journal.activities()] == ["garden"]
    assert dialog.list.item(0).text() == "walk 30 minutes (no longer asked since 2026-03-15)"
    assert dialog.toggle_button.text() == "Ask &again"
    assert [(r.activity_id, r.rating) for r in journal.activity_ratings()] == [(1, 3)]


def test_settings_open_the_same_setup_by_keyboard(qtbot, window, journal: Journal) -> None:
    section = _today(window).questionnaires
    assert section.activities_prompt.isVisible()
    window.show_settings()
    settings = window.settings_dialog
    qtbot.waitExposed(settings)
    settings.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    keys = Keyboard(qtbot)

    def add_one(dialog: QWidget) -> None:
        assert isinstance(dialog, ActivitiesDialog)
        keys.type("SWIM")
        keys.press(Qt.Key.Key_Return)
        dialog.accept()

    # Alt+T clicks the button a moment later (a mnemonic animates the click): watch for the dialog instead.
    watch = QTimer()
    watch.setInterval(10)

    def opened() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, ActivitiesDialog):
            watch.stop()
            try:
                add_one(dialog)
            finally:
                if dialog.isVisible():
                    dialog.reject()

    watch.timeout.connect(opened)
    watch.start()
    keys.press(Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: not watch.isActive())
    watch.stop()
    assert [a.name for a in journal.activities()] == ["swim"]
    settings.reject()  # written at once: cancelling Settings keeps the activity, and Today knows of it
    assert [a.name for a in journal.activities()] == ["swim"]
    assert not section.activities_prompt.isVisible() and section.activity_ratings.isVisible()
