"""Medications section: adding, dose steps, stop, restart, archive and delete write the right rows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QWidget

from medjournal.domain.errors import NotFoundError
from medjournal.storage import Journal
from medjournal.ui import errors as ui_errors
from medjournal.ui.medications.dose_change_dialog import DoseChangeDialog
from medjournal.ui.medications.medication_dialog import MedicationDialog, ScheduleFields
from medjournal.ui.medications.medications_view import MedicationsView
from tests.ui.modal import with_modal
from tests.ui.widgets import cell_text, child

pytestmark = pytest.mark.gui


def open_view(qtbot, journal: Journal) -> MedicationsView:
    view = MedicationsView(journal)
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    return view


def save(dialog: QDialog) -> None:
    child(dialog, QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()


def schedule(dialog: MedicationDialog | DoseChangeDialog) -> ScheduleFields:
    assert dialog.schedule is not None, "the dialog shows no schedule"
    return dialog.schedule


def list_texts(view: MedicationsView) -> list[str]:
    return [view.medication_list.item(i).text() for i in range(view.medication_list.count())]


@pytest.fixture
def duloxetine(journal: Journal) -> Journal:
    journal.add_medication(
        "Duloxetine",
        30,
        times="08:00",
        start="2026-03-01",
        purpose="low back pain",
        form="capsule",
        stock_units=28,
        unit_size=30,
    )
    journal.record_dose("Duloxetine", at="2026-03-14 08:05")
    return journal


def test_adding_a_medication_through_the_dialog_writes_its_first_dose_step(qtbot, journal: Journal) -> None:
    view = open_view(qtbot, journal)
    assert view.empty_label.isVisibleTo(view)

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, MedicationDialog)
        qtbot.keyClicks(dialog.name, "Duloxetine")
        qtbot.keyClicks(dialog.purpose, "low back pain")
        qtbot.keyClicks(schedule(dialog).dose, "30")
        schedule(dialog).times.setText("08:00, 20:00")
        dialog.start.setText("2026-03-02")
        qtbot.keyClicks(dialog.stock, "56")
        qtbot.keyClicks(dialog.unit_size, "30")
        save(dialog)

    with qtbot.waitSignal(view.journal_changed):
        with_modal(view.add_button.click, fill)

    medication = journal.medication("Duloxetine")
    assert (medication.purpose, medication.unit, medication.stock_units, medication.unit_size) == (
        "low back pain",
        "mg",
        56,
        30,
    )
    steps = journal.regimens(medication.id)
    assert [(s.start_date, s.end_date, s.dose, s.times, s.as_needed) for s in steps] == [
        (date(2026, 3, 2), None, 30.0, ("08:00", "20:00"), 0)
    ]
    assert list_texts(view) == ["Active", "Duloxetine  30 mg"]
    assert view.title.text() == "Duloxetine"
    assert view.regimen_rows() == [("2026-03-02", "ongoing", "30 mg", "08:00, 20:00", "started")]


def test_adding_an_as_needed_medication_with_a_daily_maximum(qtbot, journal: Journal) -> None:
    dialog = MedicationDialog(journal)
    qtbot.addWidget(dialog)
    dialog.name.setText("Ibuprofen")
    schedule(dialog).dose.setText("400")
    schedule(dialog).as_needed.setChecked(True)
    assert not schedule(dialog).times.isVisibleTo(dialog)
    schedule(dialog).max_daily.setValue(3)
    save(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    step = journal.regimens(journal.medication("Ibuprofen").id)[0]
    assert (step.as_needed, step.max_daily, step.times, step.start_date) == (1, 3, (), date(2026, 3, 15))


@pytest.mark.parametrize(
    ("field", "setup", "message"),
    [
        ("name", lambda d: d.name.setText("  "), "medication name is empty"),
        ("dose", lambda d: d.schedule.dose.setText("-3"), "dose must be more than 0"),
        ("times", lambda d: d.schedule.times.setText("8 am"), "not a time of day"),
        ("start", lambda d: d.start.setText("2026-13-01"), "does not exist"),
        ("unit_size", lambda d: d.unit_size.setText("big"), "is not a number"),
    ],
)
def test_bad_input_in_the_add_dialog_shows_the_message_and_writes_nothing(
    qtbot, journal: Journal, field: str, setup: Callable[[MedicationDialog], None], message: str
) -> None:
    dialog = MedicationDialog(journal)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("Duloxetine")
    schedule(dialog).dose.setText("30")
    setup(dialog)
    save(dialog)
    assert message in dialog.form.error_text(field), dialog.form.shown_errors()
    assert len(dialog.form.shown_errors()) == 1
    assert dialog.isVisible() and dialog.saved is None
    assert journal.counts()["medications"] == 0 and journal.counts()["regimens"] == 0


def test_a_duplicate_name_is_refused_next_to_the_name(qtbot, duloxetine: Journal) -> None:
    dialog = MedicationDialog(duloxetine)
    qtbot.addWidget(dialog)
    dialog.name.setText("duloxetine")
    schedule(dialog).dose.setText("60")
    save(dialog)
    assert "already in the journal" in dialog.form.error_text("name")
    assert duloxetine.counts()["medications"] == 1


def test_dose_change_through_the_dialog_writes_a_new_step(qtbot, duloxetine: Journal) -> None:
    view = open_view(qtbot, duloxetine)
    medication = duloxetine.medication("Duloxetine")

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, DoseChangeDialog) and dialog.mode == "change"
        assert schedule(dialog).dose.text() == "30"
        schedule(dialog).dose.setText("60")
        dialog.date.setText("2026-03-08")
        qtbot.keyClicks(dialog.reason, "planned step up")
        save(dialog)

    with qtbot.waitSignal(view.journal_changed):
        with_modal(view.change_button.click, fill)

    steps = duloxetine.regimens(medication.id)
    assert [(s.start_date, s.end_date, s.dose, s.times, s.reason) for s in steps] == [
        (date(2026, 3, 1), date(2026, 3, 7), 30.0, ("08:00",), ""),
        (date(2026, 3, 8), None, 60.0, ("08:00",), "planned step up"),
    ]
    assert view.regimen_rows() == [
        ("2026-03-08", "ongoing", "60 mg", "08:00", "planned step up"),
        ("2026-03-01", "2026-03-07", "30 mg", "08:00", "started"),
    ]
    assert view.status.text() == "60 mg at 08:00, since 2026-03-08"


def test_a_dose_change_before_the_start_is_refused_next_to_the_date(qtbot, duloxetine: Journal) -> None:
    medication = duloxetine.medication("Duloxetine")
    before = duloxetine.regimens(medication.id)
    dialog = DoseChangeDialog(duloxetine, medication, "change")
    qtbot.addWidget(dialog)
    dialog.show()
    schedule(dialog).dose.setText("60")
    dialog.date.setText("2026-02-20")
    save(dialog)
    assert "must come after Duloxetine started (2026-03-01)" in dialog.form.error_text("date")
    assert duloxetine.regimens(medication.id) == before


def test_stopping_an_antidepressant_shows_the_taper_note_and_records_the_stop(
    qtbot, duloxetine: Journal
) -> None:
    view = open_view(qtbot, duloxetine)

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, DoseChangeDialog) and dialog.mode == "stop"
        assert dialog.taper_note is not None and "tapering" not in dialog.taper_note.text()
        assert "usually done gradually" in dialog.taper_note.text()
        assert "together with the prescriber" in dialog.taper_note.text()
        dialog.date.setText("2026-03-12")
        dialog.reason.setText("nausea")
        save(dialog)

    with qtbot.waitSignal(view.journal_changed):
        with_modal(view.stop_button.click, fill)

    step = duloxetine.regimens(duloxetine.medication("Duloxetine").id)[-1]
    assert (step.end_date, step.stop_reason) == (date(2026, 3, 11), "nausea")
    assert view.status.text() == "Stopped; last taken 2026-03-11 (nausea)"
    assert view.restart_button.isEnabled() and not view.stop_button.isEnabled()
    assert list_texts(view) == ["Active", "Duloxetine  (stopped)"]

    def restart(dialog: QWidget) -> None:
        assert isinstance(dialog, DoseChangeDialog) and dialog.mode == "restart"
        schedule(dialog).dose.setText("30")
        dialog.date.setText("2026-03-14")
        dialog.reason.setText("pain came back")
        save(dialog)

    with qtbot.waitSignal(view.journal_changed):
        with_modal(view.restart_button.click, restart)
    steps = duloxetine.regimens(duloxetine.medication("Duloxetine").id)
    assert [(s.start_date, s.end_date, s.dose, s.reason) for s in steps] == [
        (date(2026, 3, 1), date(2026, 3, 11), 30.0, ""),
        (date(2026, 3, 14), None, 30.0, "pain came back"),
    ]
    assert view.regimen_rows()[1][4] == "started · stopped: nausea"


def test_stopping_a_painkiller_shows_no_taper_note(qtbot, journal: Journal) -> None:
    medication = journal.add_medication("Ibuprofen", 400, as_needed=True, start="2026-03-01")
    dialog = DoseChangeDialog(journal, medication, "stop")
    qtbot.addWidget(dialog)
    assert dialog.taper_note is None


def test_archive_and_unarchive(qtbot, duloxetine: Journal) -> None:
    duloxetine.add_medication("Ibuprofen", 400, as_needed=True, start="2026-03-01")
    view = open_view(qtbot, duloxetine)
    view.select_medication(duloxetine.medication("Ibuprofen").id)
    with qtbot.waitSignal(view.journal_changed):
        view.archive_button.click()
    assert duloxetine.medication("Ibuprofen").archived == 1
    assert list_texts(view) == ["Active", "Duloxetine  30 mg", "Archived", "Ibuprofen  400 mg, as needed"]
    assert view.archive_button.text().replace("&", "") == "Unarchive"
    view.archive_button.click()
    assert duloxetine.medication("Ibuprofen").archived == 0


def test_delete_medication_and_undo(qtbot, duloxetine: Journal, monkeypatch: pytest.MonkeyPatch) -> None:
    questions: list[str] = []

    def ask_yes_no(_parent: QWidget, text: str, _title: str = "") -> bool:
        questions.append(text)
        return True

    monkeypatch.setattr(ui_errors, "ask_yes_no", ask_yes_no)
    before = duloxetine.counts()
    medication = duloxetine.medication("Duloxetine")
    view = open_view(qtbot, duloxetine)
    view.medication_list.setFocus()
    with qtbot.waitSignal(view.journal_changed):
        qtbot.keyClick(view.medication_list, Qt.Key.Key_Delete)
    assert questions[0].startswith("Delete Duloxetine with its dose steps, 1 logged dose and its refills?")
    assert view.banner.label.text() == "Deleted Duloxetine and its 1 logged dose."
    with pytest.raises(NotFoundError):
        duloxetine.medication("Duloxetine")
    assert duloxetine.counts()["dose_logs"] == 0 and duloxetine.counts()["regimens"] == 0
    assert view.empty_label.isVisibleTo(view)
    with qtbot.waitSignal(view.journal_changed):
        qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert duloxetine.counts() == before
    assert duloxetine.medication("Duloxetine") == medication
    assert view.title.text() == "Duloxetine"
    assert view.banner.label.text() == "Put back Duloxetine."
    assert not view.banner.undo_button.isEnabled()


def test_declining_the_delete_question_keeps_everything(
    qtbot, duloxetine: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ui_errors, "ask_yes_no", lambda *_args, **_kw: False)
    before = duloxetine.counts()
    view = open_view(qtbot, duloxetine)
    with qtbot.assertNotEmitted(view.journal_changed):
        view.delete_button.click()
    assert duloxetine.counts() == before


def test_editing_details_keeps_the_dose_steps(qtbot, duloxetine: Journal) -> None:
    medication = duloxetine.medication("Duloxetine")
    steps = duloxetine.regimens(medication.id)
    dialog = MedicationDialog(duloxetine, medication)
    qtbot.addWidget(dialog)
    assert dialog.schedule is None
    dialog.purpose.setText("chronic low back pain")
    dialog.stock.setText("20")
    save(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    changed = duloxetine.medication(medication.id)
    assert (changed.purpose, changed.stock_units, changed.name) == ("chronic low back pain", 20, "Duloxetine")
    assert duloxetine.regimens(medication.id) == steps


def test_recent_doses_and_refills_fill_the_details_and_the_class_is_readable(
    qtbot, duloxetine: Journal
) -> None:
    """The right side was half empty; the drug class line was a disabled (faint) label."""
    duloxetine.record_dose("Duloxetine", "skipped", at="2026-03-15 08:10", note="felt sick")
    duloxetine.add_refill("Duloxetine", 28, day="2026-03-10", note="pharmacy")
    # Older than 30 days: not listed. The Journal API refuses a dose before the start (2026-03-01), so the old row
    # is written straight into the file, as an older journal could hold it.
    old = duloxetine.record_dose("Duloxetine", at="2026-03-02 08:00")
    duloxetine.db.execute(
        "UPDATE dose_logs SET day = '2026-01-02', taken_at = '2026-01-02T08:00:00+00:00' WHERE id = ?",
        [old.id],
    )
    view = open_view(qtbot, duloxetine)
    log = view.dose_log
    rows = [[cell_text(log, r, c) for c in range(log.columnCount())] for r in range(log.rowCount())]
    assert rows == [
        ["2026-03-15", "08:10", "Skipped (08:00 dose)", "felt sick"],
        ["2026-03-14", "08:05", "Taken 30 mg (08:00 dose)", ""],
        ["2026-03-10", "", "Refill: +28", "pharmacy"],
    ]
    assert [row[0] for row in rows] == ["2026-03-15", "2026-03-14", "2026-03-10"]
    assert log.height() > view.height() // 4  # it takes the room below the dose steps
    assert view.class_label.isEnabled() and "SNRI" in view.class_label.text()
