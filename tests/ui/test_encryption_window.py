"""An encrypted journal in the window: the window is started as the ``medjournal`` command starts it (the
passphrase typed into the unlock dialog), and the person's keys drive it."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QLineEdit, QWidget

from medjournal.domain.clock import FixedClock
from medjournal.storage import cipher, open_journal
from tests.conftest import NOW
from tests.ui.encrypted_window import PASSPHRASE, close_window, encrypted_journal, plain_journal, start_window
from tests.ui.keys import Keyboard

pytestmark = pytest.mark.gui


def show_summary(qtbot: Any, window: Any) -> Any:
    window.activateWindow()
    Keyboard(qtbot).play("Ctrl+5")
    view = window.views["summary"]
    qtbot.waitUntil(lambda: view.isVisible() and view.save_button.isEnabled(), timeout=30000)  # preview ready
    return view


def test_the_summary_of_an_encrypted_journal_says_the_pdf_is_not_encrypted(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = start_window(qtbot, encrypted_journal(tmp_path))
    try:
        view = show_summary(qtbot, window)
        note = view.findChild(QLabel, "plainPdfNote")
        assert note is not None and note.isVisible()
        assert "the PDF is not" in note.text() and "meant for your doctor" in note.text()
        captions: list[str] = []

        def choose(parent: Any, caption: str, suggestion: str, filters: str) -> tuple[str, str]:
            captions.append(caption)
            return str(tmp_path / "for-the-doctor.pdf"), filters

        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(choose))
        with qtbot.waitSignal(view.pdf_saved, timeout=30000):
            view.save_button.click()
        assert captions == ["Save the summary as PDF (not encrypted: anyone with the file can read it)"]
        assert (tmp_path / "for-the-doctor.pdf").read_bytes().startswith(b"%PDF")
    finally:
        close_window(window)


def test_the_summary_of_a_plain_journal_has_no_such_sentence(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = start_window(qtbot, plain_journal(tmp_path))
    try:
        view = show_summary(qtbot, window)
        note = view.findChild(QLabel, "plainPdfNote")
        assert note is not None and not note.isVisible()
        captions: list[str] = []

        def cancel(parent: Any, caption: str, suggestion: str, filters: str) -> tuple[str, str]:
            captions.append(caption)
            return "", ""

        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(cancel))
        view.save_button.click()
        assert captions == ["Save the summary as PDF"]
    finally:
        close_window(window)


# -- Settings › Protect with a passphrase ------------------------------------------------------------------


class Dialogs:
    """Answers the dialogs as they open, one handler each, in order (each gets the dialog shown)."""

    def __init__(self, qtbot: Any, *handlers: Callable[[QWidget], None]) -> None:
        self.qtbot = qtbot
        self.handlers = list(handlers)
        self.seen: list[QWidget] = []
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isVisible() or dialog in self.seen or not self.handlers:
            return
        focused = QApplication.focusWidget()
        if focused is None or not dialog.isAncestorOf(focused):
            dialog.activateWindow()
            return
        self.seen.append(dialog)
        handler = self.handlers.pop(0)
        # Answered from its own event, not inside this timer's: an answer that opens the next dialog runs a
        # nested event loop, in which this timer must go on ticking.
        QTimer.singleShot(0, lambda: handler(dialog))

    def done(self) -> bool:
        return not self.handlers

    def stop(self) -> None:
        self.timer.stop()


def typing(qtbot: Any, text: str) -> None:
    qtbot.keyClicks(QApplication.focusWidget(), text)


def press(qtbot: Any, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def open_settings(qtbot: Any, window: Any) -> None:
    window.activateWindow()
    Keyboard(qtbot).press(Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)


def settings_protect(qtbot: Any) -> Callable[[QWidget], None]:
    """The Settings dialog's answer: Alt+P, "Protect with a passphrase…" (or "Change or remove the passphrase…")."""
    return lambda dialog: press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)


def test_protecting_the_journal_from_settings_encrypts_it_and_the_window_goes_on(
    qtbot: Any, tmp_path: Path
) -> None:
    path = plain_journal(tmp_path)
    window = start_window(qtbot, path)
    old_backups = sorted((tmp_path / "backups").glob("*.db"))
    assert old_backups  # the day's first automatic backup, plain
    keys: list[str] = []
    told: list[str] = []

    def passphrase(dialog: QWidget) -> None:
        told.append(" ".join(label.text() for label in dialog.findChildren(QLabel)))
        typing(qtbot, PASSPHRASE)
        press(qtbot, Qt.Key.Key_Tab)
        typing(qtbot, PASSPHRASE)
        press(qtbot, Qt.Key.Key_Return)

    def recovery_key(box: QWidget) -> None:
        keys.append(box.informativeText())  # type: ignore[attr-defined]
        press(qtbot, Qt.Key.Key_Return)

    def backups(box: QWidget) -> None:
        told.append(box.text())  # type: ignore[attr-defined]
        press(qtbot, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)  # Encrypt them

    dialogs = Dialogs(qtbot, settings_protect(qtbot), passphrase, recovery_key, backups)
    try:
        open_settings(qtbot, window)
        qtbot.waitUntil(dialogs.done, timeout=60000)
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=60000)
    finally:
        dialogs.stop()
    try:
        assert "A forgotten passphrase cannot be recovered" in told[0]
        assert "is plain (anyone with it can read it)" in told[1]
        assert len(keys) == 1 and cipher.is_recovery_key(keys[0])
        data = path.read_bytes()
        assert not data.startswith(b"SQLite format 3")
        with pytest.raises(sqlite3.DatabaseError, match="not a database"):
            sqlite3.connect(path).execute("SELECT count(*) FROM sqlite_master").fetchall()
        if shutil.which("sqlite3"):
            tool = subprocess.run(["sqlite3", str(path), ".tables"], capture_output=True, text=True)
            assert tool.returncode != 0 and "not a database" in tool.stderr
        # The window works on the converted journal, with the one-window lock still held.
        assert window.journal.encrypted and window.journal_lock.held
        window.journal.add_checkin(pain=3, note="after encrypting")
        assert [c.note for c in window.journal.checkins()] == ["only for me", "after encrypting"]
        assert all(cipher.looks_encrypted(backup) for backup in old_backups if backup.exists())
    finally:
        close_window(window)
    cipher.forget_all()
    cipher.unlock(path, keys[0])  # the recovery key shown opens it
    reopened = open_journal(path, FixedClock(NOW))
    try:
        assert [c.note for c in reopened.checkins()] == ["only for me", "after encrypting"]
    finally:
        reopened.close()


def test_removing_the_passphrase_needs_the_current_one_and_makes_a_plain_journal(
    qtbot: Any, tmp_path: Path
) -> None:
    path = encrypted_journal(tmp_path)
    window = start_window(qtbot, path)
    before = path.read_bytes()
    problems: list[str] = []

    def wrong_then_right(dialog: QWidget) -> None:
        typing(qtbot, "not the passphrase")
        press(qtbot, Qt.Key.Key_Return)
        problem = dialog.findChild(QLabel, "passphraseProblem")
        assert problem is not None and problem.isVisible()
        problems.append(problem.text())
        assert path.read_bytes() == before
        press(qtbot, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # Remove the passphrase
        qtbot.waitUntil(getattr(dialog, "remove").isChecked)  # noqa: B009 (a mnemonic clicks a moment later)
        current = dialog.findChild(QLineEdit)
        assert current is not None
        current.setFocus()  # back to the current passphrase's field
        typing(qtbot, PASSPHRASE)
        press(qtbot, Qt.Key.Key_Return)

    dialogs = Dialogs(qtbot, settings_protect(qtbot), wrong_then_right)
    try:
        open_settings(qtbot, window)
        qtbot.waitUntil(lambda: dialogs.done() and QApplication.activeModalWidget() is None, timeout=60000)
    finally:
        dialogs.stop()
    try:
        assert problems == [f"The passphrase does not open the journal {path}; nothing was changed."]
        assert path.read_bytes().startswith(b"SQLite format 3")
        assert not window.journal.encrypted
        window.journal.add_checkin(pain=2, note="plain again")
    finally:
        close_window(window)
    conn = sqlite3.connect(path)
    try:
        notes = [row[0] for row in conn.execute("SELECT note FROM checkins ORDER BY id")]
    finally:
        conn.close()
    assert notes == ["only for me", "plain again"]
