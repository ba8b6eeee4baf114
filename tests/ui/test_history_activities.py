"""History shows the person's own activity ratings (typed in later ones marked), edits them with the keyboard,
refuses a bad value with its sentence, and deletes with undo."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QSpinBox, QWidget

from medjournal.domain.errors import NotFoundError
from medjournal.storage import Journal
from medjournal.ui.history.entry_editor import EntryEditor
from tests.ui.modal import with_modal
from tests.ui.test_history_view import open_view, select
from tests.ui.widgets import of_type

pytestmark = pytest.mark.gui


@pytest.fixture
def rated(journal: Journal) -> Journal:
    journal.add_activity("walk 20 minutes")
    journal.rate_activity("walk 20 minutes", 3, date(2026, 3, 8), note="with a stick")  # typed in on 03-15
    return journal


def test_a_rating_is_listed_edited_and_deleted_with_undo(qtbot, rated: Journal) -> None:
    [rating] = rated.activity_ratings()
    view = open_view(qtbot, rated)
    position = view.model.find("activity_ratings", rating.id)
    assert position is not None
    row = view.model.row_at(position)
    assert row is not None
    assert row.details == "walk 20 minutes: 3/10 (0 can't do – 10 as before)"
    assert row.note == "with a stick" and row.day == date(2026, 3, 8) and row.recorded_later
    select(view, "activity_ratings", rating.id)

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, EntryEditor)
        of_type(dialog.form.fields["rating"].widget, QSpinBox).setValue(11)  # the box stops at 10
        of_type(dialog.form.fields["day"].widget, QLineEdit).setText("2026-03-09")
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    with qtbot.waitSignal(view.journal_changed):
        with_modal(lambda: qtbot.keyClick(view.table, Qt.Key.Key_Return), fill)
    after = rated.entry("activity_ratings", rating.id)
    assert (after.day, after.rating, after.note) == (date(2026, 3, 9), 10, "with a stick")  # type: ignore[attr-defined]

    view.activateWindow()  # back from the dialog
    select(view, "activity_ratings", rating.id)
    qtbot.waitUntil(view.table.hasFocus)
    with qtbot.waitSignal(view.journal_changed):
        qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    with pytest.raises(NotFoundError):
        rated.entry("activity_ratings", rating.id)
    with qtbot.waitSignal(view.journal_changed):
        qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert rated.entry("activity_ratings", rating.id) == after


def test_a_future_day_is_refused_with_its_sentence(qtbot, rated: Journal) -> None:
    [rating] = rated.activity_ratings()
    view = open_view(qtbot, rated)
    row = view.model.row_at(view.model.find("activity_ratings", rating.id) or 0)
    assert row is not None
    editor = view.make_editor(row)
    qtbot.addWidget(editor)
    editor.show()
    of_type(editor.form.fields["day"].widget, QLineEdit).setText("2026-04-01")
    with qtbot.assertNotEmitted(view.journal_changed):
        editor.buttons.button(editor.buttons.StandardButton.Save).click()
    assert "is in the future" in editor.form.error_text("day")
    assert rated.activity_ratings() == [rating]
