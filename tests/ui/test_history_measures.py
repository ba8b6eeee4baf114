"""Measures in History: shown in the person's unit, edited through the same checks, deleted with undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from medjournal.domain.records import Measure
from medjournal.storage import Journal
from medjournal.ui.history.entry_editor import EntryEditor
from medjournal.ui.history.history_model import HistoryRow
from medjournal.ui.history.history_view import HistoryView
from tests.test_measures import neutral_locale  # noqa: F401 (autouse: bare weights in kg)
from tests.ui.modal import with_modal
from tests.ui.test_history_view import open_view, select

pytestmark = pytest.mark.gui


@pytest.fixture
def measured(journal: Journal) -> Journal:
    journal.set_setting("weight_unit", "lb")
    journal.add_measure("weight", 181.7, unit="lb", day="2026-03-10")
    journal.add_measure("bp", 128, diastolic=84, pulse=72, day="2026-03-12")
    journal.add_measure("alcohol", 4, day="2026-03-14")
    return journal


def measure_rows(view: HistoryView) -> list[HistoryRow]:
    rows = [view.model.row_at(i) for i in range(view.model.rowCount())]
    return [row for row in rows if row is not None and row.table == "measures"]


def row_of(view: HistoryView, entry_id: int) -> HistoryRow:
    return next(row for row in measure_rows(view) if row.entry_id == entry_id)


def line(editor: EntryEditor, key: str) -> QLineEdit:
    widget = editor.form.fields[key].widget
    assert isinstance(widget, QLineEdit)
    return widget


def measure(journal: Journal, entry_id: int) -> Measure:
    entry = journal.entry("measures", entry_id)
    assert isinstance(entry, Measure)
    return entry


def test_measures_are_listed_in_the_persons_unit(qtbot: QtBot, measured: Journal) -> None:
    view = open_view(qtbot, measured)
    rows = measure_rows(view)
    assert [r.details for r in rows] == [
        "Alcohol: 4 drinks in the 7 days",
        "Blood pressure 128/84 mmHg, pulse 72",
        "Weight 181.7 lb",
    ]
    assert all(r.kind == "Measure" and r.recorded_later for r in rows)  # typed in on 03-15, after their days


def test_a_weight_is_edited_in_pounds_and_kept_in_kilograms(qtbot: QtBot, measured: Journal) -> None:
    weight = measured.measures(kind="weight")[0]
    view = open_view(qtbot, measured)
    select(view, "measures", weight.id)

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, EntryEditor)
        assert line(dialog, "value").text() == "181.7"
        line(dialog, "value").setText("185")
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    with qtbot.waitSignal(view.journal_changed):
        with_modal(lambda: qtbot.keyClick(view.table, Qt.Key.Key_Return), fill)
    assert measure(measured, weight.id).value == pytest.approx(83.915, abs=0.001)  # 185 lb


def test_a_changed_note_leaves_the_weight_as_it_was(qtbot: QtBot, measured: Journal) -> None:
    weight = measured.measures(kind="weight")[0]
    view = open_view(qtbot, measured)
    editor = view.make_editor(row_of(view, weight.id))
    qtbot.addWidget(editor)
    note = editor.form.fields["note"].widget
    assert isinstance(note, QPlainTextEdit)
    note.setPlainText("after breakfast")
    editor.buttons.button(editor.buttons.StandardButton.Save).click()
    after = measure(measured, weight.id)
    assert (after.value, after.note) == (weight.value, "after breakfast")


def test_an_impossible_pressure_is_shown_under_its_field_and_nothing_changes(
    qtbot: QtBot, measured: Journal
) -> None:
    pressure = measured.measures(kind="bp")[0]
    view = open_view(qtbot, measured)
    editor = view.make_editor(row_of(view, pressure.id))
    qtbot.addWidget(editor)
    editor.show()
    line(editor, "diastolic").setText("140")
    with qtbot.assertNotEmitted(view.journal_changed):
        editor.buttons.button(editor.buttons.StandardButton.Save).click()
    assert "128/140" in " ".join(editor.form.shown_errors())
    assert editor.result() != QDialog.DialogCode.Accepted
    assert measured.entry("measures", pressure.id) == pressure
