"""Settings and the guided first start."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog

from medjournal.domain import knowledge
from medjournal.storage import Journal, open_journal
from medjournal.ui.journal import first_run
from medjournal.ui.journal.first_run import FirstRunDialog
from medjournal.ui.journal.settings_dialog import SettingsDialog, reminder_settings
from medjournal.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def test_settings_are_stored_in_the_journal(qtbot, journal: Journal, tmp_path: Path) -> None:
    dialog = SettingsDialog(journal)
    qtbot.addWidget(dialog)
    codes = [dialog.country.itemData(i) for i in range(dialog.country.count())]
    assert codes == ["", *(code for code, _ in knowledge.crisis_countries())]  # "Automatic" first
    dialog.country.setCurrentIndex(codes.index("CA"))
    dialog.name.setText("  Alex   Doe ")
    dialog.first_day.setCurrentIndex(6)
    dialog.backup_dir.setText(str(tmp_path / "my-backups"))
    dialog.remind_checkin.setChecked(False)
    dialog.dose_delay.setValue(45)
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert journal.setting("country") == "CA"
    assert journal.setting("summary_name") == "Alex Doe"
    assert journal.setting("first_day_of_week") == 7
    assert journal.setting("backup_dir") == str(tmp_path / "my-backups")
    assert journal.backup_dir == tmp_path / "my-backups"
    prefs = reminder_settings(journal)
    assert prefs["checkin"] is False and prefs["dose_delay_minutes"] == 45 and prefs["doses"] is True


def test_a_file_as_backups_folder_is_refused(qtbot, journal: Journal, tmp_path: Path) -> None:
    a_file = tmp_path / "not-a-folder"
    a_file.write_text("x")
    dialog = SettingsDialog(journal)
    qtbot.addWidget(dialog)
    dialog.backup_dir.setText(str(a_file))
    dialog.name.setText("Sam")
    dialog.save()
    assert "is a file, not a folder" in dialog.error.text()
    assert journal.setting("summary_name") is None


def test_first_run_adds_the_medication_and_its_schedule(qtbot, journal: Journal) -> None:
    dialog = FirstRunDialog(journal)
    qtbot.addWidget(dialog)
    dialog.name.setText("Duloxetine")
    dialog.dose.setValue(30)
    dialog.times.setText("08:00")
    dialog.purpose.setText("low back pain")
    with qtbot.waitSignal(dialog.medication_added, timeout=2000):
        dialog.add_button.click()
    [medication] = journal.medications()
    assert (medication.name, medication.purpose) == ("Duloxetine", "low back pain")
    [regimen] = journal.regimens(medication.id)
    assert (regimen.dose, regimen.times, regimen.as_needed) == (30, ("08:00",), 0)


def test_first_run_bad_input_says_why_and_writes_nothing(qtbot, journal: Journal) -> None:
    dialog = FirstRunDialog(journal)
    qtbot.addWidget(dialog)
    dialog.name.setText("Duloxetine")
    dialog.times.setText("25:99")
    dialog.add_button.click()
    assert dialog.message.text()
    assert journal.medications(include_archived=True) == []


def test_empty_journal_opens_the_guided_start(qtbot, journal: Journal) -> None:
    window = MainWindow(journal)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.first_run_dialog is not None and window.first_run_dialog.isVisible())
    guided = window.first_run_dialog
    assert isinstance(guided, QDialog)
    guided.reject()


def test_demo_journal_opens_and_leaves_the_journal_alone(qtbot, journal: Journal, clock) -> None:
    window = MainWindow(journal, first_run=False)
    qtbot.addWidget(window)
    real_path = journal.path
    assert real_path is not None
    window.open_demo_journal()
    assert window.journal.path == first_run.demo_journal_path(journal)
    assert window.journal.counts()["checkins"] > 50
    window.journal.close()
    reopened = open_journal(real_path, clock)
    try:
        assert reopened.is_empty()
    finally:
        reopened.close()


def test_create_new_journal_from_the_window(qtbot, journal: Journal, tmp_path: Path) -> None:
    window = MainWindow(journal, first_run=False)
    qtbot.addWidget(window)
    target = tmp_path / "second.db"
    window.switch_journal(target, True)
    assert window.journal.path == target
    assert window.journal.is_empty()
    assert "second.db" in window.windowTitle()
    today: Any = window.view("today")
    today.checkin.pain.set_rating(2)
    assert today.save()
    assert [c.pain for c in window.journal.checkins()] == [2]
    window.close()
    window.journal.close()


def test_a_journal_open_in_another_window_is_refused(
    qtbot, journal: Journal, tmp_path: Path, monkeypatch
) -> None:
    lock_module = pytest.importorskip("medjournal.storage.lock")
    from medjournal.ui import errors

    other = tmp_path / "other.db"
    held = lock_module.JournalLock(other)
    held.acquire()
    shown: list[str] = []
    monkeypatch.setattr(errors, "show_message", lambda parent, text, title="": shown.append(text))
    window = MainWindow(journal, first_run=False)
    qtbot.addWidget(window)
    try:
        window.switch_journal(other, True)
    finally:
        held.release()
    assert window.journal is journal
    assert len(shown) == 1


def test_switching_journals_hands_the_one_window_lock_over(
    qtbot, journal: Journal, journal_path: Path, tmp_path: Path
) -> None:
    from medjournal.storage.lock import JournalLock

    first = JournalLock(journal_path)
    first.acquire()
    window = MainWindow(journal, first_run=False, lock=first)
    qtbot.addWidget(window)
    old = window.journal
    window.switch_journal(tmp_path / "second.db", True)
    old.close()
    again = JournalLock(journal_path)  # the first journal is free for another window now
    again.acquire()
    assert again.held
    again.release()
    blocked = JournalLock(tmp_path / "second.db")
    with pytest.raises(Exception, match="open"):
        blocked.acquire()  # the journal shown is still held
    window.close()
    window.journal.close()
    freed = JournalLock(tmp_path / "second.db")
    freed.acquire()  # closing the window let it go
    assert freed.held
    freed.release()


def test_first_run_start_date_reads_like_the_other_dates(qtbot, journal: Journal) -> None:
    dialog = FirstRunDialog(journal)
    qtbot.addWidget(dialog)
    assert dialog.start.text() == "2026-03-15"  # the conftest clock; the locale default was "15 03 2026"


def test_enter_in_a_settings_field_saves_instead_of_opening_another_journal(
    qtbot, journal: Journal, monkeypatch
) -> None:
    """The first button, "Open another…", was the default: Enter in the name field opened a file dialog."""
    from PySide6.QtCore import Qt

    dialog = SettingsDialog(journal)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    opened: list[bool] = []
    monkeypatch.setattr(dialog, "_switch", lambda create=False: opened.append(create))
    dialog.name.setFocus()
    dialog.name.setText("Sam")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert opened == []
    assert dialog.result() == dialog.DialogCode.Accepted
    assert journal.setting("summary_name") == "Sam"
