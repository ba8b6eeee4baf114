"""The window of an encrypted journal locks after its idle minutes (docs/data-safety.md, *Locking after a time
without input*): started as the ``medjournal`` command starts it, the idle time driven through the lock's own
time source (no sleeps), the passphrase typed into the unlock dialog."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit

from medjournal.domain.clock import FixedClock
from medjournal.storage import cipher, encryption, open_journal
from medjournal.ui.journal.idle_lock import IdleLock
from tests.conftest import NOW
from tests.ui.encrypted_window import (
    PASSPHRASE,
    close_window,
    encrypted_journal,
    plain_journal,
    start_window,
)
from tests.ui.keys import Keyboard

pytestmark = pytest.mark.gui


class Seconds:
    """The idle lock's time source, moved by the test."""

    def __init__(self) -> None:
        self.value = 1000.0

    def __call__(self) -> float:
        return self.value


def visible_text() -> str:
    """Every text a person can see in the application's shown widgets."""
    texts: list[str] = []
    for widget in QApplication.allWidgets():
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
            texts.append(widget.text())
        if widget.isWindow():
            texts.append(widget.windowTitle())
    return "\n".join(texts)


def with_clock(window: Any) -> tuple[IdleLock, Seconds]:
    idle: IdleLock = window.idle_lock
    seconds = Seconds()
    idle.now = seconds
    idle.last_input = seconds()
    return idle, seconds


def choose_idle_minutes(qtbot: Any, window: Any, minutes: int) -> None:
    """Settings › Lock after no input for: the choice, then Save."""
    window.settings_action.trigger()
    dialog = window.settings_dialog
    qtbot.waitExposed(dialog)
    assert dialog.idle_lock is not None
    dialog.idle_lock.setCurrentIndex(dialog.idle_lock.findData(minutes))
    dialog.save()
    assert window.journal.setting("idle_lock") == minutes


def type_into_unlock(qtbot: Any, idle: IdleLock, secret: str) -> None:
    assert idle.dialog is not None and idle.dialog.isVisible()
    qtbot.keyClicks(idle.dialog.field, secret)
    qtbot.keyClick(idle.dialog.field, Qt.Key.Key_Return)


def test_an_idle_encrypted_window_locks_and_the_right_passphrase_shows_it_as_it_was(
    qtbot: Any, tmp_path: Path
) -> None:
    window = start_window(qtbot, encrypted_journal(tmp_path))
    try:
        choose_idle_minutes(qtbot, window, 15)
        idle, seconds = with_clock(window)
        today = window.today()
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
        Keyboard(qtbot).play("Alt+P 7")  # half-typed: a pain rating, not saved
        assert today.checkin.pain_buttons.value() == 7
        assert "Duloxetine" in visible_text()

        seconds.value += 14 * 60 + 59
        idle.check()
        assert not idle.is_locked  # a second short of 15 minutes
        seconds.value += 1
        idle.timer.timeout.emit()  # the timer's check
        assert idle.is_locked
        assert not today.checkin.isVisible() and not window.tabs.isVisible()
        shown = visible_text()
        assert "Duloxetine" not in shown and "only for me" not in shown
        assert "medjournal is locked" in shown
        assert not window.menuBar().isEnabled()
        assert window.reminders.private  # notifications name no medication while locked

        type_into_unlock(qtbot, idle, "wrong horse")
        assert idle.is_locked and not window.tabs.isVisible()
        assert idle.dialog is not None
        problem = idle.dialog.findChild(QLabel, "unlockProblem")
        assert problem is not None and problem.isVisible()
        assert "does not open the journal" in problem.text()
        assert "Duloxetine" not in visible_text()

        type_into_unlock(qtbot, idle, PASSPHRASE)
        assert not idle.is_locked
        assert today.checkin.isVisible() and window.menuBar().isEnabled()
        assert not window.reminders.private
        assert today.checkin.pain_buttons.value() == 7  # the half-typed value is still there
        assert [c.pain for c in window.journal.checkins()] == [6]  # and was not saved meanwhile
        window.activateWindow()
        Keyboard(qtbot).play("Ctrl+S")
        assert sorted(c.pain or 0 for c in window.journal.checkins()) == [6, 7]
    finally:
        close_window(window)


def test_input_puts_the_lock_off_and_an_open_dialog_is_hidden_while_locked(
    qtbot: Any, tmp_path: Path
) -> None:
    window = start_window(qtbot, encrypted_journal(tmp_path))
    try:
        choose_idle_minutes(qtbot, window, 5)
        idle, seconds = with_clock(window)
        seconds.value += 4 * 60
        qtbot.keyClick(window.today().checkin.pain_buttons, Qt.Key.Key_Shift)  # a key: input
        seconds.value += 4 * 60
        idle.check()
        assert not idle.is_locked  # 4 minutes since the key
        window.settings_action.trigger()
        settings = window.settings_dialog
        qtbot.waitExposed(settings)
        seconds.value += 5 * 60  # no input since
        idle.check()
        assert idle.is_locked and not settings.isVisible()
        type_into_unlock(qtbot, idle, PASSPHRASE)
        assert not idle.is_locked and settings.isVisible()
        settings.reject()
    finally:
        close_window(window)


def test_a_plain_journal_never_locks(qtbot: Any, tmp_path: Path) -> None:
    window = start_window(qtbot, plain_journal(tmp_path))
    try:
        window.journal.set_setting(
            "idle_lock", 5
        )  # set on the command line, say: it only locks encrypted ones
        window.settings_action.trigger()
        assert window.settings_dialog.idle_lock is None  # no such choice in Settings for a plain journal
        window.settings_dialog.reject()
        idle, seconds = with_clock(window)
        seconds.value += 24 * 3600
        idle.check()
        assert not idle.is_locked and window.tabs.isVisible()
        assert not cipher.looks_encrypted(window.journal.path)
    finally:
        close_window(window)


def test_quit_in_the_unlock_dialog_closes_the_window_without_saving_the_half_typed_check_in(
    qtbot: Any, tmp_path: Path
) -> None:
    window = start_window(qtbot, encrypted_journal(tmp_path))
    try:
        choose_idle_minutes(qtbot, window, 30)
        idle, seconds = with_clock(window)
        window.activateWindow()
        Keyboard(qtbot).play("Alt+P 8")
        seconds.value += 30 * 60
        idle.check()
        assert idle.is_locked and idle.dialog is not None
        idle.dialog.reject()  # the dialog's Quit
        assert not window.isVisible()
        assert [c.pain for c in window.journal.checkins()] == [6]
    finally:
        close_window(window)


def test_a_plain_journal_window_started_by_the_command_does_not_watch_input(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every event of the application would cross into Python for a lock that never comes (docs/data-safety.md,
    *Locking after a time without input*): started as the command starts it, keys typed, nothing reaches it."""
    from tests.ui.keys import start_like_the_command

    path = plain_journal(tmp_path)
    typed: list[int | None] = []

    def session(window: Any) -> None:
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
        Keyboard(qtbot).play("Alt+P 7")
        typed.append(window.today().checkin.pain_buttons.value())
        assert not window.idle_lock.watching
        window.close()

    assert start_like_the_command(monkeypatch, path, "2026-03-15T09:30:00", session) == 0
    assert typed == [7]  # the keys arrived, and no filter was installed for them (watching is False)


def test_an_encrypted_journal_with_minutes_set_watches_from_the_start(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Minutes set before the window opened: input is counted from the first key."""
    path = plain_journal(tmp_path)
    journal = open_journal(path, FixedClock(NOW))
    journal.set_setting("idle_lock", 5)
    journal.close()
    encryption.convert(path, PASSPHRASE)
    cipher.forget_all()
    window = start_window(qtbot, path)
    try:
        idle, seconds = with_clock(window)
        seconds.value += 4 * 60
        assert idle.watching
        qtbot.keyClick(window.today().checkin.pain_buttons, Qt.Key.Key_Shift)
        seconds.value += 4 * 60
        idle.check()
        assert not idle.is_locked  # 4 minutes since the key
        seconds.value += 60
        idle.check()
        assert idle.is_locked
        type_into_unlock(qtbot, idle, PASSPHRASE)
    finally:
        close_window(window)


def test_minutes_chosen_in_settings_count_from_the_save(qtbot: Any, tmp_path: Path) -> None:
    """Choosing minutes in Settings starts the watch at once: no input for those minutes after Save locks, with
    no timer check needed in between."""
    window = start_window(qtbot, encrypted_journal(tmp_path))
    try:
        idle, seconds = with_clock(window)
        assert not idle.watching  # the journal's minutes are 0 (off)
        choose_idle_minutes(qtbot, window, 5)
        assert idle.watching
        seconds.value += 5 * 60
        idle.check()
        assert idle.is_locked
        type_into_unlock(qtbot, idle, PASSPHRASE)
        choose_idle_minutes(qtbot, window, 0)
        assert not idle.watching  # off again: nothing to watch for
    finally:
        close_window(window)
