"""History section: entries by day, search, kind filter, edit and delete-with-undo round trips, bad input."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from medjournal.domain.errors import NotFoundError
from medjournal.domain.records import CheckIn, QuestionnaireResult
from medjournal.storage import Journal
from medjournal.ui.history.entry_editor import EntryEditor
from medjournal.ui.history.history_model import HistoryRow
from medjournal.ui.history.history_view import HistoryView
from medjournal.ui.today.safety_panel import SafetyPanel
from tests.ui.modal import with_modal
from tests.ui.widgets import of_type

pytestmark = pytest.mark.gui


@pytest.fixture
def filled(journal: Journal) -> Journal:
    """A fortnight of entries ending on the fixture clock's day (Sun 2026-03-15)."""
    journal.add_medication("Duloxetine", 30, times="08:00", start="2026-03-01", purpose="low back pain")
    journal.record_dose("Duloxetine", at="2026-03-14 08:10")
    journal.record_dose("Duloxetine", at="2026-03-15 08:05")
    journal.add_checkin(
        pain=6,
        mood=5,
        sleep=4,
        sleep_hours=6.5,
        locations=["lower_back_centre"],
        note="stiff morning",
        day="2026-03-14",
        at="2026-03-14 21:00",
    )
    journal.add_checkin(pain=5, mood=6, note="walked to the shop", at="2026-03-15 09:00")
    journal.add_side_effect("nausea", 2, day="2026-03-14", note="after breakfast")
    journal.add_treatment("exercise", day="2026-03-13", minutes=30, note="walk")
    journal.add_questionnaire("peg", "5,4,4", day="2026-03-12")
    journal.add_refill("Duloxetine", 28, day="2026-03-11")
    journal.add_visit(day="2026-03-02", note="GP: start duloxetine")
    return journal


def open_view(qtbot, journal: Journal) -> HistoryView:
    view = HistoryView(journal)
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    return view


def select(view: HistoryView, table: str, entry_id: int) -> None:
    position = view.model.find(table, entry_id)
    assert position is not None, f"{table} {entry_id} is not shown"
    view.select_row(position)
    view.table.setFocus()


def history_row(view: HistoryView, position: int) -> HistoryRow:
    found = view.model.row_at(position)
    assert found is not None, f"no row {position}"
    return found


def position(view: HistoryView, table: str, entry_id: int) -> int:
    found = view.model.find(table, entry_id)
    assert found is not None, f"{table} {entry_id} is not shown"
    return found


def shown_tables(view: HistoryView) -> list[str]:
    return [history_row(view, i).table for i in range(view.model.rowCount())]


def test_entries_are_grouped_by_day_newest_first(qtbot, filled: Journal) -> None:
    view = open_view(qtbot, filled)
    days = [history_row(view, i).day for i in range(view.model.rowCount())]
    assert days == sorted(days, reverse=True)
    assert len(days) == sum(
        filled.counts()[t]
        for t in (
            "checkins",
            "dose_logs",
            "side_effects",
            "treatments",
            "questionnaires",
            "refills",
            "visits",
        )
    )
    # The day is written once, on the first row of each day.
    day_cells = [view.model.index(i, 0).data() for i in range(view.model.rowCount())]
    assert day_cells[0] == "Sun 15 Mar 2026"
    assert day_cells.count("Sat 14 Mar 2026") == 1
    assert "" in day_cells
    assert view.count_label.text() == f"{len(days)} of {len(days)} entries"


def test_search_and_kind_filter(qtbot, filled: Journal) -> None:
    view = open_view(qtbot, filled)
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.search.hasFocus()
    qtbot.keyClicks(view.search, "nausea")
    assert shown_tables(view) == ["side_effects"]
    view.search.clear()
    qtbot.keyClicks(view.search, "shop")
    assert shown_tables(view) == ["checkins"]
    view.search.clear()
    view.kind_boxes["dose_logs"].setChecked(False)
    view.kind_boxes["checkins"].setChecked(False)
    tables = shown_tables(view)
    assert "dose_logs" not in tables and "checkins" not in tables
    assert {"side_effects", "treatments", "questionnaires", "refills", "visits"} <= set(tables)
    for box in view.kind_boxes.values():
        box.setChecked(False)
    assert view.model.rowCount() == 0
    assert view.empty_label.isVisibleTo(view)
    assert "No entry matches" in view.empty_label.text()


def test_entries_recorded_later_are_marked(qtbot, filled: Journal) -> None:
    late = filled.add_checkin(pain=7, day="2026-03-09", at="2026-03-09 20:00")
    view = open_view(qtbot, filled)
    late_row = position(view, "checkins", late.id)
    assert view.model.index(late_row, 5).data() == "later, 2026-03-15"
    today_checkin = filled.checkins(date(2026, 3, 15), date(2026, 3, 15))[0]
    assert view.model.index(position(view, "checkins", today_checkin.id), 5).data() == ""


def test_loads_by_range_and_reaches_further_back(qtbot, filled: Journal) -> None:
    old = filled.add_side_effect("headache", 1, day="2025-06-01")
    view = open_view(qtbot, filled)
    assert view.start == date(2025, 12, 16)
    assert view.model.find("side_effects", old.id) is None
    view.earlier_button.click()
    assert view.start == date(2024, 12, 16)
    assert view.model.find("side_effects", old.id) is not None
    view.set_range(date(2026, 3, 14), date(2026, 3, 14))
    assert {history_row(view, i).day for i in range(view.model.rowCount())} == {date(2026, 3, 14)}


def test_edit_round_trip_with_the_keyboard(qtbot, filled: Journal) -> None:
    checkin = filled.checkins(date(2026, 3, 14), date(2026, 3, 14))[0]
    before_counts = filled.counts()
    view = open_view(qtbot, filled)
    select(view, "checkins", checkin.id)

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, EntryEditor)
        of_type(dialog.form.fields["pain"].widget, QSpinBox).setValue(3)
        of_type(dialog.form.fields["note"].widget, QPlainTextEdit).setPlainText("better after stretching")
        of_type(dialog.form.fields["clock"].widget, QLineEdit).setText("22:15")
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    with qtbot.waitSignal(view.journal_changed):
        with_modal(lambda: qtbot.keyClick(view.table, Qt.Key.Key_Return), fill)

    after = of_type(filled.entry("checkins", checkin.id), CheckIn)
    assert after.pain == 3
    assert after.note == "better after stretching"
    assert after.time.startswith("2026-03-14T22:15")
    assert (after.mood, after.sleep, after.sleep_hours, after.locations) == (
        5,
        4,
        6.5,
        ("lower_back_centre",),
    )
    assert filled.counts() == before_counts
    shown = history_row(view, view.table.currentIndex().row())
    assert (shown.table, shown.entry_id) == ("checkins", checkin.id)
    assert shown.details.startswith("Pain 3")
    assert shown.time == "22:15"


@pytest.mark.parametrize(
    ("table", "field", "value", "message"),
    [
        ("checkins", "day", "2026-02-30", "does not exist in the calendar"),
        ("checkins", "day", "2026-04-01", "is in the future"),
        ("visits", "day", "2026-04-01", "is in the future"),  # as `medjournal visit --date` refuses it
        ("checkins", "sleep_hours", "30", "hours slept must be from 0 to 24"),
        ("checkins", "clock", "25:00", "does not exist"),
        ("treatments", "minutes", "-5", "minutes must be a whole number"),
        ("questionnaires", "answers", "5,4", "needs 3 answers"),
        ("dose_logs", "taken_at", "yesterday", "not a date and time"),
        ("refills", "units", "0", "more than 0 units"),
    ],
)
def test_invalid_input_shows_the_message_and_writes_nothing(
    qtbot, filled: Journal, table: str, field: str, value: str, message: str
) -> None:
    view = open_view(qtbot, filled)
    row = next(
        history_row(view, i) for i in range(view.model.rowCount()) if history_row(view, i).table == table
    )
    before_entry = filled.entry(table, row.entry_id)
    before_counts = filled.counts()
    editor = view.make_editor(row)
    qtbot.addWidget(editor)
    editor.show()
    of_type(editor.form.fields[field].widget, QLineEdit).setText(value)
    with qtbot.assertNotEmitted(view.journal_changed):
        editor.buttons.button(editor.buttons.StandardButton.Save).click()
    assert message in editor.form.error_text(field), editor.form.shown_errors()
    assert editor.form.shown_errors() == [editor.form.error_text(field)]
    assert editor.isVisible() and editor.result() != QDialog.DialogCode.Accepted
    assert filled.entry(table, row.entry_id) == before_entry
    assert filled.counts() == before_counts
    # Correcting the value clears the message and saves.
    of_type(editor.form.fields[field].widget, QLineEdit).setText(editor._initial[field])
    editor.buttons.button(editor.buttons.StandardButton.Save).click()
    assert editor.result() == QDialog.DialogCode.Accepted


def test_delete_and_undo_round_trip(qtbot, filled: Journal) -> None:
    effect = filled.side_effects()[0]
    before_entry = filled.entry("side_effects", effect.id)
    before_counts = filled.counts()
    view = open_view(qtbot, filled)
    select(view, "side_effects", effect.id)
    position = view.table.currentIndex().row()

    with qtbot.waitSignal(view.journal_changed):
        qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    with pytest.raises(NotFoundError):
        filled.entry("side_effects", effect.id)
    assert filled.counts() == {**before_counts, "side_effects": before_counts["side_effects"] - 1}
    assert view.model.find("side_effects", effect.id) is None
    assert view.banner.isVisibleTo(view)
    assert view.banner.label.text() == "Deleted the side effect of Sat 14 Mar 2026."
    assert view.table.currentIndex().row() == position  # the next entry is selected, ready for another key

    with qtbot.waitSignal(view.journal_changed):
        qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert filled.entry("side_effects", effect.id) == before_entry
    assert filled.counts() == before_counts
    assert view.model.find("side_effects", effect.id) == view.table.currentIndex().row()
    assert view.banner.label.text() == "Put back the side effect of Sat 14 Mar 2026."
    assert not view.banner.undo_button.isEnabled()


def test_undo_button_restores_several_deletes_in_reverse_order(qtbot, filled: Journal) -> None:
    before_counts = filled.counts()
    dose = filled.dose_logs()[0]
    visit = filled.visits()[0]
    before = [filled.entry("dose_logs", dose.id), filled.entry("visits", visit.id)]
    stock_before = filled.medication("Duloxetine").stock_units
    view = open_view(qtbot, filled)
    for table, entry_id in (("dose_logs", dose.id), ("visits", visit.id)):
        select(view, table, entry_id)
        view.delete_button.click()
    assert filled.counts()["dose_logs"] == before_counts["dose_logs"] - 1
    assert filled.counts()["visits"] == before_counts["visits"] - 1
    view.banner.undo_button.click()
    assert filled.entry("visits", visit.id) == before[1]
    assert filled.counts()["dose_logs"] == before_counts["dose_logs"] - 1
    assert view.banner.label.text() == (
        "Put back the visit of Mon 2 Mar 2026. Undo again to put back the dose of Sat 14 Mar 2026."
    )
    assert view.banner.undo_button.isEnabled()
    view.banner.undo_button.click()
    assert filled.entry("dose_logs", dose.id) == before[0]
    assert view.banner.label.text() == "Put back the dose of Sat 14 Mar 2026."
    assert not view.banner.undo_button.isEnabled()
    assert filled.counts() == before_counts
    assert filled.medication("Duloxetine").stock_units == stock_before


def test_changing_phq9_item_9_above_0_opens_the_safety_panel(qtbot, filled: Journal) -> None:
    result = filled.add_questionnaire("phq9", "1,1,0,0,0,0,0,0,0", day="2026-03-15")
    events_before = len(filled.safety_events())
    view = open_view(qtbot, filled)
    select(view, "questionnaires", result.id)

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, EntryEditor)
        of_type(dialog.form.fields["answers"].widget, QLineEdit).setText("1,1,0,0,0,0,0,0,2")
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    with qtbot.waitSignal(view.journal_changed):
        with_modal(view.edit_button.click, fill)

    assert of_type(filled.entry("questionnaires", result.id), QuestionnaireResult).answers == (
        1,
        1,
        0,
        0,
        0,
        0,
        0,
        0,
        2,
    )
    events = filled.safety_events()
    assert len(events) == events_before + 1
    assert events[-1].kind == "phq9_item9" and "More than half the days" in events[-1].detail
    panel = of_type(view.safety_panel, SafetyPanel)
    assert panel.isVisible()
    assert events[-1].shown  # the panel stored what it showed
    panel.acknowledge()


def test_the_range_follows_new_entries_after_today(qtbot, filled: Journal) -> None:
    view = open_view(qtbot, filled)
    assert view.end == date(2026, 3, 15)
    # A visit is recorded once it happened, tomorrow at most (time zones): docs/methods.md.
    later = filled.add_visit(day="2026-03-16", note="review with the GP")
    view.refresh()
    assert view.end == date(2026, 3, 16)
    assert view.model.find("visits", later.id) == 0  # newest first
    view.end_edit.setDate(view.end_edit.date().addDays(-40))  # the person picks an earlier end: it stays
    filled.add_checkin(pain=4, day="2026-03-16")
    view.refresh()
    assert view.end == date(2026, 2, 4)


def test_undo_after_other_sections_wrote_in_between(qtbot, filled: Journal) -> None:
    view = open_view(qtbot, filled)
    newest = max(filled.side_effects(), key=lambda e: e.id)
    select(view, "side_effects", newest.id)
    view.delete_button.click()
    taker = filled.add_side_effect("headache", 1)  # the Today section writes; SQLite reuses the id
    assert taker.id == newest.id
    view.refresh()
    view.banner.undo_button.click()
    restored = [e for e in filled.side_effects() if e.symptom == newest.symptom and e.note == newest.note]
    assert len(restored) == 1 and restored[0].id != newest.id
    assert filled.entry("side_effects", taker.id) == taker
    current = view.current_row()
    assert current is not None and current.entry_id == restored[0].id

    dose = filled.dose_logs()[0]
    select(view, "dose_logs", dose.id)
    view.delete_button.click()
    filled.delete_medication(dose.medication_id)  # the Medications section deletes the medication
    before = filled.counts()
    view.banner.undo_button.click()
    assert "its medication was deleted since" in view.error_label.text()
    assert view.error_label.text() == (
        "The dose of Sat 14 Mar 2026 could not be put back: This entry cannot be put back: its medication was"
        " deleted since."
    )
    assert view.error_label.isVisibleTo(view)
    assert filled.counts() == before


def test_an_empty_journal_says_what_will_appear_not_to_look_further_back(qtbot, journal: Journal) -> None:
    view = HistoryView(journal)
    qtbot.addWidget(view)
    view.show()
    assert view.empty_label.isVisibleTo(view)
    assert "Nothing in the journal yet" in view.empty_label.text()
    journal.add_checkin(pain=5, day=date(2025, 1, 1))  # something, but before the days shown
    view.refresh()
    assert "Use Earlier or All" in view.empty_label.text()


def test_imported_entries_are_shown_as_imported(qtbot, filled: Journal, tmp_path) -> None:
    from medjournal.storage.csv_plan import prepare_import
    from medjournal.storage.csv_source import ImportOptions

    path = tmp_path / "diary.csv"
    path.write_text("date;time;medication;pain\n2026-03-10;08:00;Duloxetine;4\n", encoding="utf-8")
    _, plan = prepare_import(filled, path, ImportOptions())
    filled.apply_import(plan)
    view = open_view(qtbot, filled)
    (dose,) = [d for d in filled.dose_logs() if d.source]
    (checkin,) = [c for c in filled.checkins() if c.source]
    for table, entry_id in (("dose_logs", dose.id), ("checkins", checkin.id)):
        index = view.model.index(position(view, table, entry_id), 5)
        assert index.data() == "imported (CSV)"
        assert "Imported (CSV)" in index.data(Qt.ItemDataRole.ToolTipRole)
    own = filled.dose_logs(date(2026, 3, 15), date(2026, 3, 15))[0]
    assert view.model.index(position(view, "dose_logs", own.id), 5).data() == ""
    view.search.setText("imported")
    assert {history_row(view, i).table for i in range(view.model.rowCount())} == {"dose_logs", "checkins"}
