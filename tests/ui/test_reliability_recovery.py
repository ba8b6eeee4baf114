"""The window's way out of a refused journal: the newest good backup, another file, or quit."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from medjournal.domain.clock import FixedClock
from medjournal.domain.errors import JournalFileError
from medjournal.storage import open_journal
from medjournal.storage.backup import backup_to_folder, describe_backup
from medjournal.storage.lock import JournalLock
from medjournal.ui.journal import recovery

pytestmark = pytest.mark.gui
NOW = datetime(2026, 3, 15, 9, 30).astimezone()


def damaged_journal_with_backup(tmp_path: Path) -> tuple[Path, Path, bytes]:
    path = tmp_path / "journal.db"
    journal = open_journal(path, FixedClock(NOW))
    journal.add_medication("Duloxetine", 30, "mg", times="08:00", start="2026-03-01")
    for pain in (6, 5, 4):
        journal.add_checkin(pain=pain)
    journal.add_side_effect("nausea", 1)
    backup = backup_to_folder(journal.db, tmp_path / "backups", "auto", datetime(2026, 3, 14, 21, 5))
    journal.add_checkin(pain=3, note="after the backup")
    journal.close()
    damaged = path.read_bytes()[: 3 * 4096]
    path.write_bytes(damaged)
    return path, backup, damaged


def test_the_dialog_says_why_and_offers_the_newest_backup_with_its_date_and_counts(
    qtbot, tmp_path: Path
) -> None:
    path, backup, _ = damaged_journal_with_backup(tmp_path)
    with pytest.raises(JournalFileError) as refused:
        open_journal(path)
    dialog = recovery.RecoveryDialog(refused.value, describe_backup(backup), backup.parent)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert "is damaged" in dialog.reason.text() and str(path) in dialog.reason.text()
    offer = dialog.backup_text.text()
    assert "14 March 2026, 21:05" in offer
    assert "1 medication, 4 entries (3 check-ins, 1 side effect)" in offer
    dialog.grab().save(str(tmp_path / "recovery-dialog.png"))
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.choice == recovery.RESTORE


def test_without_a_backup_the_dialog_offers_another_file_or_quitting(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    path.write_text("not a journal")
    error = JournalFileError("The journal is not a journal.")
    dialog = recovery.RecoveryDialog(error, None, tmp_path / "backups")
    qtbot.addWidget(dialog)
    assert not dialog.restore_button.isVisible()
    assert "No good backup was found" in dialog.backup_text.text()
    qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)
    assert dialog.choice == recovery.QUIT


def test_restoring_opens_the_backup_and_keeps_the_damaged_file(qtbot, tmp_path: Path) -> None:
    path, backup, damaged = damaged_journal_with_backup(tmp_path)
    asked: list[tuple[str, str]] = []

    def ask(journal_path, error, info, folder):
        asked.append((error.message, str(info.path)))
        return recovery.RESTORE

    opened = recovery.open_for_window(path, FixedClock(NOW), ask=ask, show_message=pytest.fail)
    assert opened is not None
    journal, lock = opened
    try:
        assert [c.pain for c in journal.checkins()] == [6, 5, 4]
        assert lock.held
    finally:
        journal.close()
        lock.release()
    assert asked == [(asked[0][0], str(backup))] and "damaged" in asked[0][0]
    kept = tmp_path / "journal.db.damaged-2026-03-15_093000"
    assert hashlib.sha256(kept.read_bytes()).digest() == hashlib.sha256(damaged).digest()


def test_quitting_leaves_everything_as_it_was(qtbot, tmp_path: Path) -> None:
    path, _backup, damaged = damaged_journal_with_backup(tmp_path)
    opened = recovery.open_for_window(
        path, FixedClock(NOW), ask=lambda *args: recovery.QUIT, show_message=pytest.fail
    )
    assert opened is None
    assert path.read_bytes() == damaged
    assert not JournalLock(path).path.exists()


def test_choosing_another_file_opens_it(qtbot, tmp_path: Path) -> None:
    path, _backup, damaged = damaged_journal_with_backup(tmp_path)
    other = tmp_path / "elsewhere" / "other.db"
    opened = recovery.open_for_window(
        path,
        FixedClock(NOW),
        ask=lambda *args: recovery.OTHER_FILE,
        choose_file=lambda start: other,
        show_message=pytest.fail,
    )
    assert opened is not None
    journal, lock = opened
    journal.close()
    lock.release()
    assert journal.path == other and other.exists()
    assert path.read_bytes() == damaged


def test_a_second_window_on_the_same_journal_is_refused_politely(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    messages: list[str] = []
    with JournalLock(path):
        opened = recovery.open_for_window(
            path, FixedClock(NOW), ask=lambda *args: pytest.fail(), show_message=messages.append
        )
    assert opened is None
    assert len(messages) == 1 and "already open in another medjournal window" in messages[0]
    assert not path.exists(), "the journal is not even opened"
