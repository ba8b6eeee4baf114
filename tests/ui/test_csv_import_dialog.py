"""File › Import from CSV…: the dialog started from the window's menu, driven with the keyboard and the mouse as a
person would, then the journal read back."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from medjournal.storage import Journal
from medjournal.ui.journal.csv_import_dialog import CsvImportDialog
from tests.ui.modal import with_modal
from tests.ui.widgets import cell_text

pytestmark = pytest.mark.gui

SPREADSHEET = (
    "Tag;Wann;Mittel;Schmerz\r\n"
    "01.03.26;08:00;Duloxetin;6\r\n"
    "02.03.26;08:05;Duloxetin;5\r\n"
    "03.03.26;21:00;;4\r\n"
)


def open_dialog_returns(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))


def test_import_from_the_file_menu_with_columns_chosen_in_the_dialog(
    qtbot, window, journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal.add_medication("Duloxetine", 30, times="08:00", start="2026-02-01")
    journal.record_dose("Duloxetine", at="2026-03-02 08:05")  # already logged here
    path = tmp_path / "tagebuch.csv"
    path.write_text(SPREADSHEET, encoding="utf-8-sig")
    open_dialog_returns(monkeypatch, path)
    seen: dict[str, str] = {}

    def handle(dialog) -> None:
        assert isinstance(dialog, CsvImportDialog)
        # "Tag" and "Schmerz" are header words the import knows: suggested, shown, changeable.
        assert [box.currentData() for box in dialog.field_boxes] == ["date", None, None, "pain"]
        assert cell_text(dialog.table, 0, 2) == "Duloxetin"
        # Every day is 12 or less: the order is asked, not guessed.
        assert "could be day-first or month-first" in dialog.preview.toPlainText()
        assert not dialog.import_button.isEnabled()
        for index, field in ((1, "time"), (2, "medication")):
            box = dialog.field_boxes[index]
            box.setFocus()
            box.setCurrentIndex(box.findData(field))
        dialog.order_box.setCurrentIndex(dialog.order_box.findData("dmy"))
        assert "'Duloxetin' looks like 'Duloxetine'" in dialog.preview.toPlainText()
        assert not dialog.import_button.isEnabled()
        same = dialog.medication_boxes["Duloxetin"]
        same.setCurrentIndex(1)  # "the same as Duloxetine"
        seen["preview"] = dialog.preview.toPlainText()
        assert dialog.import_button.isEnabled()
        dialog.save_edit.setFocus()
        qtbot.keyClicks(dialog.save_edit, "tagebuch")
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    with_modal(window.import_csv_action.trigger, handle)
    assert "Would add: 1 dose, 3 check-ins." in seen["preview"]
    assert "Skipped, already in the journal or twice in the file: 1." in seen["preview"]
    doses = sorted((d.day.isoformat(), d.slot, d.source) for d in journal.dose_logs())
    assert doses == [("2026-03-01", "08:00", "csv"), ("2026-03-02", "08:00", "")]
    assert sorted((c.day.isoformat(), c.pain) for c in journal.checkins() if c.source == "csv") == [
        ("2026-03-01", 6),
        ("2026-03-02", 5),
        ("2026-03-03", 4),
    ]
    assert [m.name for m in journal.medications()] == ["Duloxetine"]


def test_a_refused_row_keeps_the_import_button_off(qtbot, journal: Journal, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("date,pain\n2026-03-01,5\n2026-03-02,eleven\n", encoding="utf-8")
    dialog = CsvImportDialog(journal, path)
    qtbot.addWidget(dialog)
    text = dialog.preview.toPlainText()
    assert "Refused (1):" in text and "line 3: The pain 'eleven' is not a number from 0 to 10." in text
    assert not dialog.import_button.isEnabled()
    dialog.run_import()
    assert journal.checkins() == []
    assert QApplication.activeModalWidget() is None


def test_a_mapping_saved_in_the_dialog_is_used_again_by_name(qtbot, journal: Journal, tmp_path: Path) -> None:
    journal.add_medication("Duloxetine", 30, times="08:00", start="2026-02-01")
    first = tmp_path / "a.csv"
    first.write_text("Wann;Was;Weh\n01.03.26 08:00;Duloxetine;6\n", encoding="utf-8")
    dialog = CsvImportDialog(journal, first)
    qtbot.addWidget(dialog)
    for index, field in enumerate(("datetime", "medication", "pain")):
        dialog.field_boxes[index].setCurrentIndex(dialog.field_boxes[index].findData(field))
    dialog.order_box.setCurrentIndex(dialog.order_box.findData("dmy"))
    qtbot.keyClicks(dialog.save_edit, "phone")
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert journal.setting("csv_mappings")["phone"] == {
        "format": "generic",
        "date_order": "dmy",
        "map": "datetime=Wann,medication=Was,pain=Weh",
    }
    second = tmp_path / "b.csv"
    second.write_text("Wann;Was;Weh\n02.03.26 08:00;Duloxetine;5\n", encoding="utf-8")
    again = CsvImportDialog(journal, second)
    qtbot.addWidget(again)
    assert not again.import_button.isEnabled()
    again.saved_box.setCurrentIndex(again.saved_box.findData("phone"))
    assert [box.currentData() for box in again.field_boxes] == ["datetime", "medication", "pain"]
    assert "Would add: 1 dose, 1 check-in." in again.preview.toPlainText()
    qtbot.mouseClick(again.import_button, Qt.MouseButton.LeftButton)
    assert Counter(c.pain for c in journal.checkins()) == Counter([5, 6])
