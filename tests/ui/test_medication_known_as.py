"""The medication dialog lets a person say what a medication the journal does not know is (docs/clinical.md
§4.6): a kind picked from the list or a generic name typed in, stored in ``known_as``; a name the journal does
not know either is refused next to the field, and nothing is written."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from medjournal.domain.warnings import journal_warnings
from medjournal.storage import Journal
from medjournal.ui.medications.medication_dialog import MedicationDialog
from tests.ui.modal import with_modal
from tests.ui.test_medications_view import open_view, save

pytestmark = pytest.mark.gui


@pytest.fixture
def frobnol(journal: Journal) -> Journal:
    journal.add_medication("Duloxetine", 60, times="08:00", start="2026-03-01")
    journal.add_medication("Frobnol", 5, times="08:00", start="2026-03-05")
    return journal


def kinds(journal: Journal) -> list[str]:
    return [w.kind for w in journal_warnings(journal, journal.now()) if w.kind in ("caution", "not_checked")]


def test_picking_a_kind_in_the_edit_dialog_makes_it_checked(qtbot, frobnol: Journal) -> None:
    assert kinds(frobnol) == ["not_checked"]
    view = open_view(qtbot, frobnol)
    view.select_medication(frobnol.medication("Frobnol").id)
    assert "does not know Frobnol" in view.class_label.text()

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, MedicationDialog)
        dialog.known_as.setFocus()
        qtbot.keyClicks(dialog.known_as.lineEdit(), "blood thinner (anticoagulant)")
        qtbot.keyClick(dialog.known_as, Qt.Key.Key_Return)
        save(dialog)

    with qtbot.waitSignal(view.journal_changed):
        with_modal(view.edit_button.click, fill)
    assert frobnol.medication("Frobnol").known_as == "anticoagulant"
    assert kinds(frobnol) == ["caution"]
    assert "blood thinner" in view.class_label.text()


def test_a_typed_generic_is_kept_and_an_unknown_one_refused(qtbot, frobnol: Journal) -> None:
    medication = frobnol.medication("Frobnol")
    dialog = MedicationDialog(frobnol, medication)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.known_as.lineEdit(), "sugar pill")
    save(dialog)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert frobnol.medication("Frobnol").known_as == ""
    assert "medjournal does not know 'sugar pill'" in dialog.form.error_text("known_as")
    typed = dialog.known_as.lineEdit()
    assert typed is not None
    typed.clear()
    qtbot.keyClicks(typed, "Advil")
    save(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert frobnol.medication("Frobnol").known_as == "Advil"
    assert kinds(frobnol) == ["caution"]


def test_todays_panel_shows_the_signs_to_watch_for_and_the_not_checked_note(qtbot, frobnol: Journal) -> None:
    from medjournal.ui.today.warnings_panel import WarningsPanel

    frobnol.add_medication("Ultram 50 mg", 50, as_needed=True, max_daily=4, start="2026-03-10")
    frobnol.add_checkin(mood=6, self_harm_thoughts=False)  # this week's optional question answered: no prompt
    panel = WarningsPanel(frobnol)
    qtbot.addWidget(panel)
    panel.show()
    rows = {row.warning.kind: row for row in panel.rows.values()}
    assert set(rows) == {"caution", "not_checked"}
    caution = rows["caution"]
    assert (
        caution.message.text() == "Ask your doctor or pharmacist about taking Duloxetine with Ultram 50 mg."
    )
    assert caution.watch.text().startswith("Signs of serotonin syndrome: agitation")
    assert caution.watch.text().endswith("seek medical care at once.")
    assert rows["not_checked"].message.text().startswith("medjournal does not know Frobnol")
    with qtbot.waitSignal(panel.journal_changed, timeout=5000):
        qtbot.mouseClick(rows["not_checked"].acknowledge_button, Qt.MouseButton.LeftButton)
    assert frobnol.acknowledged_warnings() == {f"not-checked:{frobnol.medication('Frobnol').id}"}
