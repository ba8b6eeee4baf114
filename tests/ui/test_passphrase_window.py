"""Settings › Change or remove the passphrase, the recovery key written to a file from the window, and the lock
screen's Unlock… (docs/data-safety.md, *Encryption with a passphrase*): the window started as the ``medjournal``
command starts it (the passphrase typed into the unlock dialog), the person's keys and clicks, then the journal
file read back."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QPushButton, QSystemTrayIcon, QWidget

from medjournal.domain.clock import FixedClock
from medjournal.storage import cipher, open_journal
from tests.conftest import NOW
from tests.root_powers import without_root_powers
from tests.ui.encrypted_window import PASSPHRASE, close_window, encrypted_journal, plain_journal, start_window
from tests.ui.test_encryption_window import Dialogs, open_settings, press, settings_protect, typing
from tests.ui.test_idle_lock import choose_idle_minutes, visible_text, with_clock

pytestmark = pytest.mark.gui
NEW_PASSPHRASE = "a new and longer passphrase"


def digest(path: Path) -> str:
    """The journal and its side files, as bytes on disk."""
    parts = [path.read_bytes()]
    for side in ("-wal", "-shm"):
        other = path.with_name(path.name + side)
        parts.append(other.read_bytes() if other.exists() else b"")
    return hashlib.sha256(b"\0".join(parts)).hexdigest()


def click(qtbot: Any, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def notes_with(path: Path, secret: str) -> list[str]:
    """The journal's notes read back in a fresh state: only ``secret`` held."""
    cipher.forget_all()
    cipher.unlock(path, secret)
    journal = open_journal(path, FixedClock(NOW))
    try:
        return [c.note or "" for c in journal.checkins()]
    finally:
        journal.close()
        cipher.forget_all()


def run_dialogs(qtbot: Any, window: Any, *handlers: Any) -> None:
    dialogs = Dialogs(qtbot, settings_protect(qtbot), *handlers)
    try:
        open_settings(qtbot, window)
        qtbot.waitUntil(lambda: dialogs.done() and QApplication.activeModalWidget() is None, timeout=60000)
    finally:
        dialogs.stop()


# -- changing the passphrase ---------------------------------------------------------------------------------


def test_changing_the_passphrase_from_settings_the_old_one_stops_working(qtbot: Any, tmp_path: Path) -> None:
    path = encrypted_journal(tmp_path)
    window = start_window(qtbot, path)
    keys: list[str] = []
    told: list[str] = []

    def change(dialog: Any) -> None:
        typing(qtbot, PASSPHRASE)  # the current one: the dialog opens with the focus there
        click(qtbot, dialog.first)
        typing(qtbot, NEW_PASSPHRASE)
        click(qtbot, dialog.again)
        typing(qtbot, NEW_PASSPHRASE)
        press(qtbot, Qt.Key.Key_Return)

    def recovery_key(box: Any) -> None:
        keys.append(box.informativeText())
        press(qtbot, Qt.Key.Key_Return)

    def old_backups(box: Any) -> None:
        told.append(box.text())
        press(qtbot, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)  # Keep them

    try:
        run_dialogs(qtbot, window, change, recovery_key, old_backups)
        assert window.journal.encrypted and window.journal_lock.held
        window.journal.add_checkin(pain=2, day="2026-03-12", note="typed in late, after the change")
    finally:
        close_window(window)
    assert len(keys) == 1 and cipher.is_recovery_key(keys[0])
    assert "still plain" in told[0] or "backup" in told[0]
    assert not path.read_bytes().startswith(b"SQLite format 3")
    with pytest.raises(cipher.WrongPassphrase, match="does not open the journal"):
        notes_with(path, PASSPHRASE)
    expected = ["only for me", "typed in late, after the change"]
    assert sorted(notes_with(path, NEW_PASSPHRASE)) == expected
    assert sorted(notes_with(path, keys[0])) == expected  # the new recovery key


def test_each_passphrase_field_has_a_visible_label_whose_letter_reaches_it(
    qtbot: Any, tmp_path: Path
) -> None:
    """The fields are labelled above, not by placeholders that vanish once typing begins; the labels' Alt+letters
    move between them, and the passphrase changed that way opens the journal."""
    path = encrypted_journal(tmp_path)
    window = start_window(qtbot, path)
    seen: list[tuple[str, bool]] = []
    alt = Qt.KeyboardModifier.AltModifier

    def change(dialog: Any) -> None:
        for label, field in (
            (dialog.current_label, dialog.current),
            (dialog.first_label, dialog.first),
            (dialog.again_label, dialog.again),
        ):
            seen.append(
                (label.text(), label.isVisible() and label.buddy() is field and not field.placeholderText())
            )
        press(qtbot, Qt.Key.Key_G, alt)  # "The same a&gain" first: the letters go where they say
        typing(qtbot, NEW_PASSPHRASE)
        press(qtbot, Qt.Key.Key_U, alt)  # "C&urrent passphrase"
        typing(qtbot, PASSPHRASE)
        press(qtbot, Qt.Key.Key_N, alt)  # "&New passphrase"
        typing(qtbot, NEW_PASSPHRASE)
        assert [dialog.current.text(), dialog.first.text(), dialog.again.text()] == [
            PASSPHRASE,
            NEW_PASSPHRASE,
            NEW_PASSPHRASE,
        ]
        press(qtbot, Qt.Key.Key_Return)

    def recovery_key(box: Any) -> None:
        press(qtbot, Qt.Key.Key_Return)

    def old_backups(box: Any) -> None:
        press(qtbot, Qt.Key.Key_K, alt)  # Keep them

    try:
        run_dialogs(qtbot, window, change, recovery_key, old_backups)
    finally:
        close_window(window)
    assert seen == [("C&urrent passphrase", True), ("&New passphrase", True), ("The same a&gain", True)]
    assert notes_with(path, NEW_PASSPHRASE) == ["only for me"]


def test_a_wrong_current_passphrase_changes_nothing_byte_for_byte(qtbot: Any, tmp_path: Path) -> None:
    path = encrypted_journal(tmp_path)
    window = start_window(qtbot, path)
    before = digest(path)
    problems: list[str] = []

    def wrong_current(dialog: Any) -> None:
        typing(qtbot, "correct horse battery!")  # nearly right
        click(qtbot, dialog.first)
        typing(qtbot, NEW_PASSPHRASE)
        click(qtbot, dialog.again)
        typing(qtbot, NEW_PASSPHRASE)
        press(qtbot, Qt.Key.Key_Return)
        problem = dialog.findChild(QLabel, "passphraseProblem")
        assert dialog.isVisible() and problem is not None and problem.isVisible()
        problems.append(problem.text())
        assert digest(path) == before
        press(qtbot, Qt.Key.Key_Escape)  # Cancel

    try:
        run_dialogs(qtbot, window, wrong_current)
        assert digest(path) == before  # after Cancel too (closing the window later checkpoints the -wal)
        assert window.journal.encrypted
        assert [c.note for c in window.journal.checkins()] == ["only for me"]
    finally:
        close_window(window)
    assert problems == [f"The passphrase does not open the journal {path}; nothing was changed."]
    assert notes_with(path, PASSPHRASE) == ["only for me"]
    with pytest.raises(cipher.WrongPassphrase):
        notes_with(path, NEW_PASSPHRASE)


# -- the recovery key written to a file ------------------------------------------------------------------------


def choose_file(monkeypatch: pytest.MonkeyPatch, target: Path, captions: list[str]) -> None:
    """The save dialog answers ``target``, as a person picking it would."""

    def answer(parent: Any, caption: str, suggestion: str, filters: str) -> tuple[str, str]:
        captions.append(caption)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))


def passphrase_and_key_file(qtbot: Any, after: list[Any]) -> Any:
    """The passphrase dialog's answer: the passphrase twice, "Write the recovery key to a file I choose", Enter;
    then ``after`` runs on the dialog (still open when the file was refused)."""

    def answer(dialog: Any) -> None:
        typing(qtbot, PASSPHRASE)
        press(qtbot, Qt.Key.Key_Tab)
        typing(qtbot, PASSPHRASE)
        press(qtbot, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(dialog.file_key.isChecked)
        press(qtbot, Qt.Key.Key_Return)
        for step in after:
            step(dialog)

    return answer


def test_the_recovery_key_written_to_a_file_from_the_window_opens_the_journal(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = plain_journal(tmp_path)
    window = start_window(qtbot, path)
    key_file = tmp_path / "safe place" / "medjournal-recovery-key.txt"
    key_file.parent.mkdir()
    captions: list[str] = []
    choose_file(monkeypatch, key_file, captions)
    told: list[str] = []

    def info(box: Any) -> None:
        told.append(box.text())
        press(qtbot, Qt.Key.Key_Return)

    def old_backups(box: Any) -> None:
        press(qtbot, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)

    old = os.umask(0o022)
    try:
        run_dialogs(qtbot, window, passphrase_and_key_file(qtbot, []), info, old_backups)
        assert window.journal.encrypted
    finally:
        os.umask(old)
        close_window(window)
    assert captions == ["Save the recovery key"]
    assert told == [
        f"The journal is now encrypted. The recovery key was written to {key_file}; keep it away from this "
        "computer."
    ]
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    key = key_file.read_text(encoding="utf-8").splitlines()[0]
    assert cipher.is_recovery_key(key)
    assert notes_with(path, key) == ["only for me"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_key_file_in_a_read_only_folder_is_one_sentence_and_nothing_is_converted(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = plain_journal(tmp_path)
    window = start_window(qtbot, path)
    before = digest(path)
    folder = tmp_path / "read-only"
    folder.mkdir()
    key_file = folder / "medjournal-recovery-key.txt"
    choose_file(monkeypatch, key_file, [])
    problems: list[str] = []

    def refused(dialog: Any) -> None:
        problem = dialog.findChild(QLabel, "passphraseProblem")
        assert dialog.isVisible() and problem is not None and problem.isVisible()
        problems.append(problem.text())
        press(qtbot, Qt.Key.Key_Escape)  # Cancel

    folder.chmod(0o500)
    try:
        with without_root_powers():
            run_dialogs(qtbot, window, passphrase_and_key_file(qtbot, [refused]))
        assert digest(path) == before
        assert not window.journal.encrypted
        assert [c.note for c in window.journal.checkins()] == ["only for me"]
    finally:
        folder.chmod(0o700)
        close_window(window)
    assert problems == [
        f"The recovery key cannot be written to {key_file} (permission denied); choose another file."
    ]
    assert list(folder.iterdir()) == []
    assert path.read_bytes().startswith(b"SQLite format 3")
    assert not any(p.name.endswith(".converting") for p in tmp_path.iterdir())


# -- the lock screen's Unlock… ---------------------------------------------------------------------------------


@pytest.fixture
def with_a_tray(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """A desktop with a system tray: closing the window keeps medjournal running there (and locked)."""
    quits: list[int] = []
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    monkeypatch.setattr(QApplication, "quit", staticmethod(lambda: quits.append(1)))
    yield quits
    QApplication.setQuitOnLastWindowClosed(True)


def unlock_button(idle: Any) -> QPushButton:
    assert idle.screen is not None and idle.screen.isVisible()
    button = idle.screen.findChild(QPushButton)
    assert button is not None and button.isVisible()
    return button


def test_the_lock_screens_unlock_asks_again_cancel_keeps_it_locked(
    qtbot: Any, tmp_path: Path, with_a_tray: list[int]
) -> None:
    window = start_window(qtbot, encrypted_journal(tmp_path))
    try:
        assert window.reminders.tray is not None
        choose_idle_minutes(qtbot, window, 5)
        idle, seconds = with_clock(window)
        seconds.value += 5 * 60
        idle.check()
        assert idle.is_locked and idle.dialog is not None and idle.dialog.isVisible()

        qtbot.keyClick(idle.dialog.field, Qt.Key.Key_Escape)  # the dialog closed: the window goes to the tray
        assert not window.isVisible() and idle.is_locked
        window.reminders._tray_activated(QSystemTrayIcon.ActivationReason.Trigger)  # the tray icon clicked
        qtbot.waitExposed(window)
        assert idle.is_locked and not window.tabs.isVisible()
        assert idle.dialog is None or not idle.dialog.isVisible()  # nothing asks until Unlock… is pressed
        shown = visible_text()
        assert "Duloxetine" not in shown and "only for me" not in shown

        click(qtbot, unlock_button(idle))  # asks again
        qtbot.waitUntil(lambda: idle.dialog is not None and idle.dialog.isVisible())
        qtbot.keyClicks(idle.dialog.field, "wrong horse")
        qtbot.keyClick(idle.dialog.field, Qt.Key.Key_Return)
        problem = idle.dialog.findChild(QLabel, "unlockProblem")
        assert problem is not None and problem.isVisible()
        assert problem.text() == (
            f"The passphrase does not open the journal {window.journal.path}; nothing was changed."
        )
        assert idle.is_locked and not window.tabs.isVisible()

        qtbot.keyClick(idle.dialog.field, Qt.Key.Key_Escape)  # cancelled again: still locked, in the tray
        assert not window.isVisible() and idle.is_locked
        window.reminders.open_window()
        qtbot.waitExposed(window)
        assert idle.is_locked and "only for me" not in visible_text()

        click(qtbot, unlock_button(idle))
        qtbot.waitUntil(lambda: idle.dialog is not None and idle.dialog.isVisible())
        qtbot.keyClicks(idle.dialog.field, PASSPHRASE)
        qtbot.keyClick(idle.dialog.field, Qt.Key.Key_Return)
        assert not idle.is_locked and window.tabs.isVisible() and window.menuBar().isEnabled()
        assert [c.note for c in window.journal.checkins()] == ["only for me"]
        assert with_a_tray == []  # medjournal never quit
    finally:
        window.reminders._quitting = True  # the tray menu's Quit: the window closes for real
        close_window(window)
        if window.reminders.tray is not None:
            window.reminders.tray.hide()
